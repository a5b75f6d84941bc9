//! Regions named by coordinated adjectives sharing one region noun: "в
//! Актюбинской, Карагандинской и Восточно-Казахстанской областях
//! Казахстана", "с Ферганской и Ташкентской областями": each adjective with
//! the noun names a region (the gazetteer's where it lists it), in the
//! country named right after.
//!
//! Adds mentions, region entities and their `locatedIn`; no I/O, no RDF.

use super::russian::{ru_adjective_nominative, REGION_NOUNS};
use super::{insert_mention, mention_at, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind, Object, Predicate};
use crate::ingest::Lang;

impl Document<'_> {
    pub(super) fn coordinated_regions(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        index: usize,
    ) {
        for k in 1..toks.len() {
            let t = &toks[k];
            if !t.cyrillic || t.cap {
                continue;
            }
            let Some(&(_, noun, feminine)) = REGION_NOUNS
                .iter()
                .find(|(stem, _, _)| plural_form(&t.key, stem))
            else {
                continue;
            };
            // The last adjective may already be part of a region found with
            // its noun ("Ташкентской областями").
            let mut j = match mention_at(mentions, k) {
                Some(m) if m.end == k + 1 && m.kind == MentionKind::Entity(Kind::Place) => m.start,
                Some(_) => continue,
                None => k,
            };
            let found_with_noun = usize::from(j < k);
            let mut spans = Vec::new();
            if found_with_noun == 0 {
                let Some((a, b)) = adjective_before(toks, j) else {
                    continue;
                };
                spans.push((a, b));
                j = a;
            }
            // Each one before, after a comma or "и".
            let mut joined = false;
            while j >= 2 && matches!(toks[j - 1].key.as_str(), "," | "и") {
                let Some((a, b)) = adjective_before(toks, j - 1) else {
                    break;
                };
                spans.push((a, b));
                joined = true;
                j = a;
            }
            if !joined || spans.len() + found_with_noun < 2 {
                continue;
            }
            let country = mentions
                .iter()
                .find(|m| m.start == k + 1 && m.kind == MentionKind::Entity(Kind::Country))
                .and_then(|m| m.entity);
            for (a, b) in spans {
                let written = &text[toks[a].range.start..toks[b - 1].range.end];
                let Some(adjective) = ru_adjective_nominative(written, feminine) else {
                    continue;
                };
                let label = format!("{adjective} {noun}");
                // A name the gazetteer lists is its entity (`new_entity` looks it up).
                let e = self.new_entity(&label, Class::Region, Lang::Ru);
                if let Some(c) = country {
                    self.fact(
                        e,
                        Predicate::LocatedIn,
                        Object::Entity(c),
                        index,
                        "regions of a country",
                    );
                }
                insert_mention(
                    mentions,
                    Mention {
                        start: a,
                        end: b,
                        kind: MentionKind::Entity(Kind::Place),
                        entity: Some(e),
                    },
                );
            }
        }
    }

    /// "в Кызылординской области Казахстана", "хокимом Сурхандарьинской
    /// области Республики Узбекистан": a region named with its noun and
    /// followed at once by a country lies in it, unless the gazetteer puts
    /// the region in another.
    pub(super) fn regions_of_country_after(
        &mut self,
        toks: &[Token],
        mentions: &[Mention],
        index: usize,
    ) {
        for m in mentions {
            let (Some(region), MentionKind::Entity(Kind::Place)) = (m.entity, m.kind) else {
                continue;
            };
            let last = &toks[m.end - 1];
            let noun = last.cyrillic
                && REGION_NOUNS
                    .iter()
                    .any(|(stem, _, _)| plural_form(&last.key, stem));
            if !noun || self.entities[region].class != Class::Region {
                continue;
            }
            let country = mentions
                .iter()
                .find(|x| x.start == m.end && x.kind == MentionKind::Entity(Kind::Country))
                .and_then(|x| x.entity);
            // Not against the gazetteer ("делегация Астраханской области
            // Ирану ..." is no region of Iran).
            let listed = self.ex.gazetteer.country_of(&self.entities[region].slug);
            let agrees = |c: usize| listed.is_none_or(|l| l == self.entities[c].slug);
            if let Some(c) = country.filter(|&c| agrees(c)) {
                self.fact(
                    region,
                    Predicate::LocatedIn,
                    Object::Entity(c),
                    index,
                    "region of the country after it",
                );
            }
        }
    }
}

/// The capitalised Russian adjective ending right before token `j`, hyphened
/// parts included ("Восточно-Казахстанской"): its token range.
fn adjective_before(toks: &[Token], j: usize) -> Option<(usize, usize)> {
    let last = toks.get(j.checked_sub(1)?)?;
    let adjective = |t: &Token| {
        t.cyrillic
            && t.kind == TokenKind::Word
            && [
                "ой", "ей", "ую", "юю", "ая", "яя", "ых", "их", "ым", "им", "ом", "ем",
            ]
            .iter()
            .any(|e| t.key.ends_with(e))
    };
    if !adjective(last) {
        return None;
    }
    let mut a = j - 1;
    // "Восточно-Казахстанской": a first part in "-о" joined by a hyphen.
    if a >= 2
        && toks[a - 1].key == "-"
        && toks[a - 1].range.start == toks[a - 2].range.end
        && toks[a - 1].range.end == toks[a].range.start
        && toks[a - 2].cap
        && toks[a - 2].key.ends_with('о')
    {
        a -= 2;
    }
    toks[a].cap.then_some((a, j))
}

/// A case form of a region noun, plural ones included ("областях").
fn plural_form(key: &str, stem: &str) -> bool {
    key.strip_prefix(stem)
        .is_some_and(|rest| rest.chars().count() <= 3 && rest.chars().all(char::is_alphabetic))
}
