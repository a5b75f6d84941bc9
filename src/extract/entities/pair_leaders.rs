//! Meetings stated of the pair's leaders together: "the two leaders held
//! talks", "both ministers exchanged views", "Главы государств обсудили ...",
//! "президенты двух стран провели переговоры". The phrase names no one; it
//! stands for one official of each of the article's two main countries, and
//! those two met.
//!
//! Reads the finished entity table, sentences and facts; no I/O, no RDF, and
//! it adds no entities or mentions.

use super::Document;
use crate::extract::{Fact, Kind, Object, Predicate, Role};

/// A phrase for the two sides' leaders, as lowercase token sequences, with
/// the roles it may stand for (empty: any official).
const PAIR_PHRASES: &[(&[&str], &[Role])] = &[
    (&["two", "leaders"], &[]),
    (&["both", "leaders"], &[]),
    (
        &["two", "heads", "of", "state"],
        &[Role::President, Role::PrimeMinister],
    ),
    (&["two", "presidents"], &[Role::President]),
    (&["both", "presidents"], &[Role::President]),
    (&["two", "prime", "ministers"], &[Role::PrimeMinister]),
    (&["both", "prime", "ministers"], &[Role::PrimeMinister]),
    (&["two", "premiers"], &[Role::PrimeMinister]),
    (
        &["two", "ministers"],
        &[Role::Minister, Role::DeputyPrimeMinister],
    ),
    (
        &["both", "ministers"],
        &[Role::Minister, Role::DeputyPrimeMinister],
    ),
    (
        &["главы", "государств"],
        &[Role::President, Role::PrimeMinister],
    ),
    (
        &["главы", "двух", "государств"],
        &[Role::President, Role::PrimeMinister],
    ),
    (&["лидеры", "двух", "стран"], &[]),
    (&["лидеры", "государств"], &[]),
    (&["президенты", "двух", "стран"], &[Role::President]),
    (&["президенты", "двух", "государств"], &[Role::President]),
    (
        &["премьер-министры", "двух", "стран"],
        &[Role::PrimeMinister],
    ),
    (
        &["министры", "двух", "стран"],
        &[Role::Minister, Role::DeputyPrimeMinister],
    ),
];

/// The two sides, named as such: they stand for the pair's officials only
/// where a verb of meeting follows ("в ходе встречи стороны обсудили", "both
/// sides discussed"), not where a meeting is merely mentioned near them.
const SIDE_PHRASES: &[&[&str]] = &[
    &["both", "sides"],
    &["two", "sides"],
    &["the", "sides"],
    &["стороны"],
];

/// Word beginnings (or whole short words) of meeting and talking together.
const MET: &[&str] = &[
    "met",
    "meet",
    "talks",
    "negotiat",
    "discuss",
    "exchanged",
    "co-chair",
    "встрет",
    "встреч",
    "переговор",
    "обсудил",
    "обменял",
];

/// Words of what has not happened yet.
const NOT_YET: &[&str] = &[
    "will",
    "would",
    "plan",
    "expected",
    "scheduled",
    "to",
    "планиру",
    "будут",
    "проведут",
    "встретятся",
    "обсудят",
    "намерен",
    "предстоит",
];

impl Document<'_> {
    /// `metWith` between one official of each main country, where the pair's
    /// leaders are said to meet without their names.
    pub fn pair_leaders_meeting(&self, facts: &mut Vec<Fact>) {
        let main = self.main_countries();
        if main.len() < 2 {
            return;
        }
        let mut found = None;
        for (i, sent) in self.sentences.iter().enumerate() {
            let words: Vec<&str> = sent.tokens.iter().map(|t| t.key.as_str()).collect();
            let phrase = find_phrase(&words);
            let side = phrase.is_none();
            let Some((at, roles)) = phrase.or_else(|| find_side(&words).map(|at| (at, &[][..])))
            else {
                continue;
            };
            let after = &words[at..];
            let begins = |w: &str, list: &[&str]| {
                list.iter()
                    .any(|p| w.starts_with(p) && (p.len() > 3 || w == *p))
            };
            let met_after = after
                .iter()
                .take(8)
                .position(|w| begins(w, MET))
                .is_some_and(|verb| !after[..verb].iter().any(|w| begins(w, NOT_YET)));
            // "During their meeting in Hanoi, the two prime ministers agreed":
            // the meeting named before them, not as a plan.
            let start = at - phrase_len(&words, at);
            let met_before = (start.saturating_sub(15)..start).any(|k| {
                begins(words[k], MET)
                    && !words[k.saturating_sub(2)..k]
                        .iter()
                        .any(|w| begins(w, NOT_YET))
            });
            if !met_after && (side || !met_before) {
                continue;
            }
            let a = self.pair_official(main[0], roles, i, facts);
            let b = self.pair_official(main[1], roles, i, facts);
            if let (Some(a), Some(b)) = (a, b) {
                found = Some(Fact {
                    subject: a,
                    predicate: Predicate::MetWith,
                    object: Object::Entity(b),
                    sentence: i,
                    via: "the pair's leaders met".into(),
                });
                break;
            }
        }
        facts.extend(found);
    }

    /// The official of `country` the phrase stands for: the one person the
    /// article makes an official of it, named at or before sentence `upto`;
    /// among several, the one with one of `roles`; else none.
    fn pair_official(
        &self,
        country: usize,
        roles: &[Role],
        upto: usize,
        facts: &[Fact],
    ) -> Option<usize> {
        let mut officials: Vec<usize> = facts
            .iter()
            .filter(|f| f.predicate == Predicate::OfficialOf && f.object == Object::Entity(country))
            .map(|f| f.subject)
            .filter(|&p| self.entities[p].class.kind() == Kind::Person)
            .filter(|&p| {
                self.sentences[..=upto]
                    .iter()
                    .any(|s| s.mentions.iter().any(|m| m.entity == Some(p)))
            })
            .collect();
        officials.sort_unstable();
        officials.dedup();
        if officials.len() > 1 && !roles.is_empty() {
            officials.retain(|&p| {
                facts.iter().any(|f| {
                    f.subject == p
                        && f.predicate == Predicate::HasRole
                        && matches!(f.object, Object::Role(r) if roles.contains(&r))
                })
            });
        }
        match officials.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// Where a side phrase ends in the sentence's words.
fn find_side(words: &[&str]) -> Option<usize> {
    (0..words.len()).find_map(|i| {
        SIDE_PHRASES.iter().find_map(|phrase| {
            let end = i + phrase.len();
            (end <= words.len() && words[i..end] == **phrase).then_some(end)
        })
    })
}

/// The length of the pair phrase that ends at `end`.
fn phrase_len(words: &[&str], end: usize) -> usize {
    PAIR_PHRASES
        .iter()
        .map(|(phrase, _)| phrase.len())
        .find(|&len| {
            len <= end
                && PAIR_PHRASES
                    .iter()
                    .any(|(p, _)| p.len() == len && words[end - len..end] == **p)
        })
        .unwrap_or(0)
}

/// Where a pair phrase starts in the sentence's words, and its roles.
fn find_phrase(words: &[&str]) -> Option<(usize, &'static [Role])> {
    (0..words.len()).find_map(|i| {
        PAIR_PHRASES.iter().find_map(|(phrase, roles)| {
            let end = i + phrase.len();
            (end <= words.len() && words[i..end] == **phrase).then_some((end, *roles))
        })
    })
}
