//! Visits stated by where a meeting took place: "X held a bilateral meeting
//! with Y in Hanoi", "переговоры ... состоялись в Абу-Даби", "on the opening
//! of the plant in Samarkand". A person whose country the article states
//! (title, gazetteer) and who meets, negotiates or attends in a city of
//! another country visited that city.
//!
//! Reads the finished entity table, sentences and facts; no I/O, no RDF, and
//! it adds no entities or mentions.

use super::{Document, MentionKind};
use crate::extract::{Class, Fact, Kind, Object, Predicate};

/// Word beginnings of meeting, talks, visits and attended events.
const MEETING: &[&str] = &[
    "met",
    "meet",
    "talks",
    "negotiat",
    "visit",
    "arriv",
    "opening",
    "ceremony",
    "встреч",
    "встрет",
    "переговор",
    "визит",
    "прибы",
    "открыти",
    "церемони",
];

/// Word beginnings and words of what has not happened yet.
const NOT_YET: &[&str] = &[
    "will",
    "would",
    "plan",
    "expected",
    "scheduled",
    "slated",
    "upcoming",
    "ahead",
    "планиру",
    "запланирован",
    "будет",
    "будут",
    "предстоит",
    "ожидается",
    "намерен",
    "посетит",
    "прибудет",
    "встретится",
    "встретятся",
    "проведет",
    "проведут",
    "состоится",
];

impl Document<'_> {
    /// `visited` for people of one country who meet in a city of another.
    pub fn visits_by_venue(&self, facts: &mut Vec<Fact>) {
        let mut found = Vec::new();
        for (i, sent) in self.sentences.iter().enumerate() {
            let words: Vec<&str> = sent.tokens.iter().map(|t| t.key.as_str()).collect();
            let starts = |list: &[&str]| {
                words.iter().any(|w| {
                    list.iter()
                        .any(|p| w.starts_with(p) && (p.len() > 3 || w == p))
                })
            };
            if !starts(MEETING) || starts(NOT_YET) {
                continue;
            }
            // Cities the sentence places something in: "in Hanoi", "в Самарканде".
            let venues: Vec<usize> = sent
                .mentions
                .iter()
                .filter(|m| m.kind == MentionKind::Entity(Kind::Place) && m.start > 0)
                .filter(|m| matches!(words[m.start - 1], "in" | "в" | "во"))
                .filter_map(|m| m.entity)
                .filter(|&e| self.entities[e].class == Class::City)
                .collect();
            for venue in venues {
                let Some(venue_country) = self.gazetteer_country(venue) else {
                    continue;
                };
                for m in &sent.mentions {
                    let Some(p) = m
                        .entity
                        .filter(|_| m.kind == MentionKind::Entity(Kind::Person))
                    else {
                        continue;
                    };
                    let home = self.home_country(p, facts);
                    if home.is_some_and(|c| c != venue_country) {
                        found.push(Fact {
                            subject: p,
                            predicate: Predicate::Visited,
                            object: Object::Entity(venue),
                            sentence: i,
                            via: "met in a city of another country".into(),
                        });
                    }
                }
            }
        }
        facts.extend(found);
    }

    /// The gazetteer id of the country an entity of the article lies in or
    /// belongs to.
    pub(super) fn gazetteer_country(&self, e: usize) -> Option<&str> {
        let g = self.ex.gazetteer.id(&self.entities[e].slug)?;
        let c = self.ex.gazetteer.entities[g].country?;
        Some(self.ex.gazetteer.entities[c].id.as_str())
    }

    /// The country a person serves as the article states it (`officialOf` a
    /// country), else as the gazetteer lists it.
    fn home_country<'f>(&'f self, p: usize, facts: &'f [Fact]) -> Option<&'f str> {
        facts
            .iter()
            .filter(|f| f.subject == p && f.predicate == Predicate::OfficialOf)
            .find_map(|f| match f.object {
                Object::Entity(c) if self.entities[c].class == Class::Country => {
                    Some(self.entities[c].slug.as_str())
                }
                _ => None,
            })
            .or_else(|| self.gazetteer_country(p))
    }
}
