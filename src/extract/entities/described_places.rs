//! Places named after a word saying what they are, known or not: "the
//! Mexican city of Ramos Arizpe", "the northern border state of Coahuila",
//! "в кубинском городе Ольгин". The name becomes a city or region entity;
//! where it is (`locatedIn`) is left to the rules, which see the demonym or
//! country before the place word.
//!
//! Adds mentions and entities; no facts, no I/O, no RDF.

use super::names::STOP_CAPS;
use super::{mention_at, Document, Mention};
use crate::extract::text::{Token, TokenKind};
use crate::extract::Class;

/// English place words followed by "of NAME", with the class they give.
const EN_PLACE_WORDS: &[(&str, Class)] = &[
    ("city", Class::City),
    ("town", Class::City),
    ("capital", Class::City),
    ("port", Class::City),
    ("village", Class::City),
    ("municipality", Class::City),
    ("state", Class::Region),
    ("province", Class::Region),
    ("region", Class::Region),
    ("district", Class::Region),
    ("county", Class::Region),
    ("island", Class::Place),
];

/// Russian forms of "city", "capital", "settlement", "village" followed
/// directly by the name.
const RU_PLACE_WORDS: &[&str] = &[
    "город",
    "города",
    "городе",
    "городу",
    "городом",
    "столица",
    "столицы",
    "столице",
    "поселок",
    "поселке",
    "посёлок",
    "посёлке",
    "село",
    "селе",
];

/// Lowercase words allowed inside a place name: "Salar de Hombre Muerto".
const NAME_CONNECTORS: &[&str] = &["de", "del", "la", "el", "al"];

impl Document<'_> {
    pub(super) fn described_places(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        let mut k = 0;
        while k + 1 < n {
            let t = &toks[k];
            let found = if t.kind != TokenKind::Word || t.cap || t.upper {
                None
            } else if t.cyrillic {
                RU_PLACE_WORDS
                    .contains(&t.key.as_str())
                    .then_some((k + 1, Class::City))
            } else {
                EN_PLACE_WORDS
                    .iter()
                    .find(|(w, _)| *w == t.key)
                    .filter(|_| toks[k + 1].key == "of")
                    .map(|&(_, class)| (k + 2, class))
            };
            let Some((start, class)) = found else {
                k += 1;
                continue;
            };
            let end = place_name_end(toks, mentions, start);
            if end > start {
                let label = &text[toks[start].range.start..toks[end - 1].range.end];
                let lang = self.lang();
                self.add_named(label, class, lang, mentions, (start, end));
                k = end;
            } else {
                k += 1;
            }
        }
    }
}

/// The end of a capitalised place name starting at `start`: up to four
/// capitalised words in the script of the first, joined by spaces, hyphens
/// ("Ulan-Ude") or a connector ("de"); nothing already named.
fn place_name_end(toks: &[Token], mentions: &[Mention], start: usize) -> usize {
    let n = toks.len();
    let name_word = |i: usize| {
        i < n
            && toks[i].kind == TokenKind::Word
            && toks[i].cap
            && !toks[i].upper
            && toks[i].cyrillic == toks[start].cyrillic
            && mention_at(mentions, i).is_none()
    };
    if !name_word(start) || STOP_CAPS.contains(&toks[start].key.as_str()) {
        return start;
    }
    let mut end = start + 1;
    let mut words = 1;
    while words < 4 && end < n {
        let joined = toks[end].key == "-"
            && toks[end].range.start == toks[end - 1].range.end
            && end + 1 < n
            && toks[end + 1].range.start == toks[end].range.end;
        if joined && name_word(end + 1) {
            end += 2;
        } else if name_word(end) {
            end += 1;
        } else if NAME_CONNECTORS.contains(&toks[end].key.as_str()) && name_word(end + 1) {
            end += 2;
        } else {
            break;
        }
        words += 1;
    }
    end
}
