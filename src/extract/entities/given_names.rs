//! People named by a known first name and a surname, with no title or
//! speech verb around them: "the Croat member of the presidency Dragan
//! Čović", "High Representative Valentin Inzko", "Радий Хабиров в составе
//! делегации", "с Али Рашидом аль-Нуайми". In Latin script the first name is
//! one of `ontology/given_names.txt`; in Cyrillic the morphological
//! dictionary knows it as a first name, and the name gets its nominative.
//!
//! Only adds person mentions over uncovered capitalised words; no I/O, no
//! RDF, no facts.

use super::names::{names_a_thing, STOP_CAPS};
use super::russian::ru_name_in_case;
use super::{insert_mention, is_name_word, mention_at, Document, Mention, MentionKind};
use crate::extract::morphology::{self, Case};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind};
use crate::ingest::Lang;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// The list of Latin-script first names, one region a line.
pub const GIVEN_NAMES_TXT: &str = include_str!("../../../ontology/given_names.txt");

static GIVEN_NAMES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    GIVEN_NAMES_TXT
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .collect()
});

/// Lowercase particles inside names: "Ali Rashid Al Nuaimi", "Luiz Inácio
/// Lula da Silva", "Али Рашид аль-Нуайми", "Ursula von der Leyen".
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "al", "el", "de", "da", "dos", "das", "do", "van", "von", "der", "den",
    "di", "del", "della", "du", "аль", "ибн", "бин", "бен", "эль", "ван", "фон", "де", "да", "ди",
];

/// Whether `key` (lowercase) is a listed Latin-script first name.
pub(super) fn is_given_name(key: &str) -> bool {
    GIVEN_NAMES.contains(key)
}

impl Document<'_> {
    /// Person mentions for "First Surname" runs (two to four words) whose
    /// first word is a known first name and whose other words are
    /// capitalised names, not the head of an organisation or place.
    pub(super) fn given_name_people(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        let covered = |mentions: &[Mention], i: usize| mention_at(mentions, i).is_some();
        let adjacent = |a: usize, b: usize| toks[a].range.end == toks[b].range.start;
        let mut i = 0;
        while i + 1 < n {
            let first = &toks[i];
            let case = if !is_name_word(first)
                || covered(mentions, i)
                || STOP_CAPS.contains(&first.key.as_str())
            {
                None
            } else if first.cyrillic {
                morphology::given_name_case(&text[first.range.clone()])
            } else {
                is_given_name(&first.key).then_some(Case::Nominative)
            };
            let Some(case) = case else {
                i += 1;
                continue;
            };
            // The surname words: capitalised names in the same script, with
            // particles and hyphenated parts ("Geun-hye", "аль-Нуайми").
            let same_script = |t: &Token| t.cyrillic == first.cyrillic;
            let surname_word = |mentions: &[Mention], k: usize| {
                let t = &toks[k];
                is_name_word(t)
                    && same_script(t)
                    && !covered(mentions, k)
                    && !STOP_CAPS.contains(&t.key.as_str())
                    && !names_a_thing(&t.key)
            };
            let mut j = i + 1;
            let mut words = 0;
            while j < n && words < 3 {
                if surname_word(mentions, j) {
                    j += 1;
                    words += 1;
                } else if PARTICLES.contains(&toks[j].key.as_str())
                    && !toks[j].cap
                    && j + 1 < n
                    && (surname_word(mentions, j + 1)
                        || toks[j + 1].key == "-"
                            && adjacent(j, j + 1)
                            && j + 2 < n
                            && adjacent(j + 1, j + 2)
                            && surname_word(mentions, j + 2))
                {
                    j += if toks[j + 1].key == "-" { 3 } else { 2 };
                    words += 1;
                } else if toks[j].key == "-"
                    && j + 1 < n
                    && adjacent(j - 1, j)
                    && adjacent(j, j + 1)
                    && toks[j + 1].kind == TokenKind::Word
                    && toks[j + 1].alpha
                    && same_script(&toks[j + 1])
                    && !covered(mentions, j + 1)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            // A capitalised word right after that is not part of the name
            // ("Victoria Falls Bridge", a name run into an organisation)
            // leaves the run to the other passes.
            let spills = toks.get(j).is_some_and(|t| {
                t.kind == TokenKind::Word && (t.cap || t.upper) && !covered(mentions, j)
            });
            if words == 0 || spills || names_a_thing(&toks[j - 1].key) {
                i += 1;
                continue;
            }
            let parts: Vec<&str> = (i..j)
                .filter(|&k| toks[k].kind == TokenKind::Word)
                .map(|k| &text[toks[k].range.clone()])
                .collect();
            // An indeclinable first name ("Али") leaves the case to the
            // next name the dictionary knows ("Рашидом").
            let case = if first.cyrillic && case == Case::Nominative {
                parts[1..]
                    .iter()
                    .filter_map(|w| morphology::given_name_case(w))
                    .find(|c| *c != Case::Nominative)
                    .unwrap_or(case)
            } else {
                case
            };
            let label = if first.cyrillic && case != Case::Nominative {
                let case = match case {
                    Case::Dative => "dat",
                    Case::Instrumental => "ins",
                    Case::Prepositional => "loc",
                    // A masculine accusative is the genitive; the genitive's
                    // endings include the feminine accusative's ("Марию").
                    _ => "gen",
                };
                // The name words together, so that the first name gives the
                // gender; particles stay as written.
                let particle = |w: &str| PARTICLES.contains(&w.to_lowercase().as_str());
                let names: Vec<&str> = parts.iter().copied().filter(|w| !particle(w)).collect();
                let based = ru_name_in_case(&names, case);
                let mut based = based.split(' ');
                let bases: Vec<String> = parts
                    .iter()
                    .map(|w| match particle(w) {
                        true => w.to_string(),
                        false => based.next().unwrap_or(w).to_string(),
                    })
                    .collect();
                self.joined_name(text, toks, i, j, &bases)
            } else {
                text[toks[i].range.start..toks[j - 1].range.end].to_string()
            };
            let lang = if first.cyrillic {
                Lang::Ru
            } else {
                self.lang()
            };
            let e = self.new_entity(&label, Class::Person, lang);
            let written = &text[toks[i].range.start..toks[j - 1].range.end];
            self.add_alt_label(e, written, lang);
            self.alias_last_name(e);
            insert_mention(
                mentions,
                Mention {
                    start: i,
                    end: j,
                    kind: MentionKind::Entity(Kind::Person),
                    entity: Some(e),
                },
            );
            i = j;
        }
    }

    /// The tokens `i..j` as written, each word replaced by its base form
    /// where one is known; hyphens stay attached.
    fn joined_name(
        &self,
        text: &str,
        toks: &[Token],
        i: usize,
        j: usize,
        bases: &[String],
    ) -> String {
        let mut out = String::new();
        let mut w = 0;
        for k in i..j {
            let t = &toks[k];
            if k > i && toks[k - 1].range.end != t.range.start {
                out.push(' ');
            }
            if t.kind == TokenKind::Word {
                match bases.get(w) {
                    Some(b) => out.push_str(b),
                    None => out.push_str(&text[t.range.clone()]),
                }
                w += 1;
            } else {
                out.push_str(&text[t.range.clone()]);
            }
        }
        out
    }
}
