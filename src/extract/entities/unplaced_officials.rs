//! Officials whose title names no country: "Trade Minister Tarek Qabil",
//! "signed by Minister of Energy and Mining Aleksandar Antic" (on the
//! Serbian government's side). A government office is held for a country;
//! where the article gives the person no other affiliation and the sentence
//! that introduces them names one country only, one of the pair the article
//! is about, the office is that country's.
//!
//! Reads the finished entity table, sentences and facts; no I/O, no RDF, and
//! it adds no entities or mentions.

use super::{Document, MentionKind};
use crate::extract::{Class, Fact, Kind, Object, Predicate, Role};

/// Offices held for a country (an ambassador's country is the sending one,
/// which the sentence rarely shows; a governor's is a region).
const GOVERNMENT: &[Role] = &[
    Role::President,
    Role::PrimeMinister,
    Role::DeputyPrimeMinister,
    Role::Minister,
];

impl Document<'_> {
    /// `officialOf` the one country named where an unaffiliated holder of a
    /// government office is first named, if it is one of the article's pair.
    pub fn unplaced_officials(&self, facts: &mut Vec<Fact>) {
        let main = self.main_countries();
        let mut found = Vec::new();
        for (p, entity) in self.entities.iter().enumerate() {
            if entity.class.kind() != Kind::Person {
                continue;
            }
            let governs = facts.iter().any(|f| {
                f.subject == p
                    && f.predicate == Predicate::HasRole
                    && matches!(f.object, Object::Role(r) if GOVERNMENT.contains(&r))
            });
            let affiliated = facts.iter().any(|f| {
                f.subject == p && matches!(f.predicate, Predicate::OfficialOf | Predicate::Country)
            });
            // A known person has a home country, stated or not.
            if !governs || affiliated || self.gazetteer_country(p).is_some() {
                continue;
            }
            let Some(first) = self
                .sentences
                .iter()
                .position(|s| s.mentions.iter().any(|m| m.entity == Some(p)))
            else {
                continue;
            };
            // Countries named, and those whose government is ("the Serbian
            // government").
            let mut countries: Vec<usize> = Vec::new();
            for m in &self.sentences[first].mentions {
                let Some(e) = m.entity else { continue };
                match m.kind {
                    MentionKind::Entity(Kind::Country) | MentionKind::Demonym
                        if self.entities[e].class == Class::Country =>
                    {
                        countries.push(e)
                    }
                    MentionKind::Entity(Kind::Org)
                        if self.entities[e].class == Class::GovernmentBody =>
                    {
                        countries.extend(self.stated_countries(facts, e, Predicate::Country))
                    }
                    _ => {}
                }
            }
            countries.sort_unstable();
            countries.dedup();
            // One of the pair the article is about: a place of passage
            // ("arrived from Lima, Peru") or a misread name is no employer.
            if let [country] = countries[..] {
                if !main.contains(&country) {
                    continue;
                }
                found.push(Fact {
                    subject: p,
                    predicate: Predicate::OfficialOf,
                    object: Object::Entity(country),
                    sentence: first,
                    via: "office of the one country named".into(),
                });
            }
        }
        facts.extend(found);
    }
}
