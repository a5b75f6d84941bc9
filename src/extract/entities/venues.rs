//! Visits stated by where a meeting took place: "X held a bilateral meeting
//! with Y in Hanoi", "переговоры ... состоялись в Абу-Даби", "on the opening
//! of the plant in Samarkand". A person whose country the article states
//! (title, gazetteer) and who meets, negotiates or attends in a city of
//! another country visited that city.
//!
//! Reads the finished entity table, sentences and facts; no I/O, no RDF, and
//! it adds no entities or mentions.

use super::{Document, MentionKind};
use crate::extract::{Class, Fact, Kind, Object, Predicate, Role};

/// Word beginnings of meeting, talks, visits and attended events.
const MEETING: &[&str] = &[
    "met",
    "meet",
    "talks",
    "negotiat",
    "visit",
    "arriv",
    "opening",
    "opened",
    "ceremony",
    "attended",
    "attending",
    "participated",
    "participating",
    "участвова",
    "встреч",
    "встрет",
    "переговор",
    "визит",
    "прибы",
    "открыти",
    "церемони",
    "прием",
    "приём",
    "гостеприим",
    "hospitality",
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
    "invited",
    "invites",
    "пригласил",
    "приглашает",
    "ahead",
    "likely",
    "преддвери",
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

/// Whether words (token keys) speak of a meeting that has taken place.
fn is_meeting(words: &[&str]) -> bool {
    let took_part = words.windows(2).any(|w| {
        matches!(w[0], "took" | "take" | "takes" | "taking") && w[1] == "part"
            || (w[0].starts_with("принял") || w[0].starts_with("принима")) && w[1] == "участие"
    });
    (took_part || starts(words, MEETING)) && !starts(words, NOT_YET) && !starts(words, REMOTE)
}

/// Word beginnings of taking part from afar.
const REMOTE: &[&str] = &[
    "video",
    "online",
    "virtual",
    "remotely",
    "видео",
    "онлайн",
    "дистанционн",
];

/// Whether a word begins with one of the list's beginnings (short ones
/// must be the whole word).
fn starts(words: &[&str], list: &[&str]) -> bool {
    words.iter().any(|w| {
        list.iter()
            .any(|p| w.starts_with(p) && (p.len() > 3 || w == p))
    })
}

/// Whether a sentence recalls an earlier occasion ("last met in Moscow in
/// November 2022", "signed in Riyadh in 2019"): a year or "last", "ago".
fn recalled(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            *w,
            "last" | "previous" | "earlier" | "ago" | "прошлом" | "ранее"
        ) || w.len() == 4
            && w.bytes().all(|b| b.is_ascii_digit())
            && (w.starts_with("19") || w.starts_with("20"))
    })
}

fn visit(person: usize, place: usize, sentence: usize, via: &str) -> Fact {
    Fact {
        subject: person,
        predicate: Predicate::Visited,
        object: Object::Entity(place),
        sentence,
        via: via.into(),
    }
}

impl Document<'_> {
    /// `visited` for people of one country who meet in a city of another:
    /// in the sentence that places the meeting, and, where the article's
    /// meetings all take place in one country, for every person of the
    /// article's other main country who meets, talks or takes part there.
    pub fn visits_by_venue(&self, facts: &mut Vec<Fact>) {
        let mut found = Vec::new();
        let mut article_venues: Vec<(usize, &str)> = Vec::new();
        let sentence_words: Vec<Vec<&str>> = self
            .sentences
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.key.as_str()).collect())
            .collect();
        for ((i, sent), words) in self.sentences.iter().enumerate().zip(&sentence_words) {
            if !is_meeting(words) {
                continue;
            }
            for venue in self.venues(sent, words) {
                let Some(venue_country) = self.gazetteer_country(venue) else {
                    continue;
                };
                if !recalled(words) {
                    article_venues.push((venue, venue_country));
                }
                for p in self.people(sent) {
                    let home = self.home_country(p, facts);
                    if home.is_some_and(|c| c != venue_country) {
                        found.push(visit(p, venue, i, "met in a city of another country"));
                    }
                }
            }
        }
        self.visits_by_article_venue(&article_venues, &sentence_words, facts, &mut found);
        facts.extend(found);
    }

    /// Where every meeting the article places is in one country, a person of
    /// the article's other main country who meets or takes part in a meeting
    /// (in any sentence) visited the first such city: "talks were held in
    /// Tehran. ... co-chaired by ... Kazakhstan Deputy Prime Minister X".
    fn visits_by_article_venue(
        &self,
        venues: &[(usize, &str)],
        sentence_words: &[Vec<&str>],
        facts: &[Fact],
        found: &mut Vec<Fact>,
    ) {
        let Some(&(city, country)) = venues.first() else {
            return;
        };
        if venues.iter().any(|&(_, c)| c != country) {
            return;
        }
        let main = self.main_countries();
        let guests: Vec<&str> = main
            .iter()
            .map(|&c| self.entities[c].slug.as_str())
            .filter(|&c| c != country)
            .collect();
        if guests.len() != 1 || main.len() != 2 {
            return;
        }
        let guest = guests[0];
        // An ambassador lives where the meetings are; a guest travels there.
        let resident = |p: usize| {
            facts.iter().any(|f| {
                f.subject == p
                    && f.predicate == Predicate::HasRole
                    && f.object == Object::Role(Role::Ambassador)
            })
        };
        let is_guest = |p: usize| self.home_country(p, facts) == Some(guest) && !resident(p);
        let mut add = |p: usize, sentence: usize| {
            let known = found
                .iter()
                .chain(facts)
                .any(|f: &Fact| f.subject == p && f.predicate == Predicate::Visited);
            if !known && is_guest(p) {
                found.push(visit(
                    p,
                    city,
                    sentence,
                    "met where the article's meetings are",
                ));
            }
        };
        for f in facts {
            if !matches!(
                f.predicate,
                Predicate::MetWith | Predicate::ParticipatedIn | Predicate::SignedAgreementWith
            ) {
                continue;
            }
            if starts(&sentence_words[f.sentence], NOT_YET) {
                continue;
            }
            let object = match f.object {
                Object::Entity(o) => Some(o),
                Object::Role(_) => None,
            };
            for e in [Some(f.subject), object].into_iter().flatten() {
                if self.entities[e].class.kind() == Kind::Person {
                    add(e, f.sentence);
                }
            }
        }
        for ((i, sent), words) in self.sentences.iter().enumerate().zip(sentence_words) {
            if is_meeting(words) {
                for p in self.people(sent) {
                    add(p, i);
                }
            }
        }
    }

    /// Cities a sentence places something in: "in Hanoi", "в Самарканде",
    /// "in the Uzbek capital Tashkent", "in the country's capital Tashkent".
    fn venues(&self, sent: &super::SentenceInfo, words: &[&str]) -> Vec<usize> {
        sent.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Entity(Kind::Place) && m.start > 0)
            .filter(|m| {
                // "in the Central Asian country's capital Tashkent"
                let before = &words[m.start.saturating_sub(7)..m.start];
                matches!(words[m.start - 1], "in" | "в" | "во")
                    || matches!(
                        words[m.start - 1],
                        "capital" | "city" | "столице" | "городе"
                    ) && before.iter().any(|w| matches!(*w, "in" | "в" | "во"))
                        && !sent.mentions.iter().any(|x| {
                            x.kind == MentionKind::Entity(Kind::Person)
                                && x.start < m.start
                                && x.start + 5 >= m.start
                        })
            })
            .filter_map(|m| m.entity)
            .filter(|&e| self.entities[e].class == Class::City)
            .collect()
    }

    /// The people a sentence mentions.
    fn people<'s>(&self, sent: &'s super::SentenceInfo) -> impl Iterator<Item = usize> + 's {
        sent.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Entity(Kind::Person))
            .filter_map(|m| m.entity)
    }

    /// The gazetteer id of the country an entity of the article lies in or
    /// belongs to.
    pub(super) fn gazetteer_country(&self, e: usize) -> Option<&str> {
        self.ex.gazetteer.country_of(&self.entities[e].slug)
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
