//! Diplomatic missions: an embassy or consulate with the country it
//! represents and the place that hosts it, in the shapes English news
//! uses: "the Croatian Consulate General in Mostar", "Belarus embassy in
//! Ashgabat", "the Embassy of Oman in Colombo", "the embassy of Azerbaijan
//! in Italy". Each is one `GovernmentBody` labelled "Consulate General of
//! Croatia in Mostar", with `country` and, where the host is a city or
//! another place below a country, `locatedIn` the host.
//!
//! English only; adds mentions, entities and those two facts: no relation
//! rules, no mission without a country ("the embassy" alone is no name).

use super::{insert_mention, mention_at, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind, Object, Predicate};
use crate::ingest::Lang;

/// Head words of a mission (lowercase key) and the label's head.
const MISSION_HEADS: &[(&str, &str)] = &[("embassy", "Embassy"), ("consulate", "Consulate")];

impl<'a> Document<'a> {
    /// Missions in one sentence; runs after the named runs, whose "Embassy
    /// of Oman" or "Consulate General" it takes into the mission's name.
    pub(super) fn diplomatic_missions(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        index: usize,
    ) {
        let n = toks.len();
        let mut j = 0;
        while j < n {
            let t = &toks[j];
            let Some(&(_, head)) = (t.kind == TokenKind::Word && !t.cyrillic)
                .then(|| MISSION_HEADS.iter().find(|(w, _)| *w == t.key))
                .flatten()
            else {
                j += 1;
                continue;
            };
            match self.mission_at(text, toks, mentions, j, head) {
                Some(found) => {
                    j = found.end;
                    self.add_mission(found, mentions, index);
                }
                None => j += 1,
            }
        }
    }

    /// The mission whose head word is at `j`, if a country is named for it.
    fn mission_at(
        &self,
        text: &str,
        toks: &[Token],
        mentions: &[Mention],
        j: usize,
        head: &str,
    ) -> Option<Mission> {
        let geo_at = |k: usize, kinds: &[MentionKind]| {
            mentions
                .iter()
                .find(|m| m.start == k && kinds.contains(&m.kind))
                .copied()
        };
        let country_kinds = [MentionKind::Entity(Kind::Country)];
        let host_kinds = [
            MentionKind::Entity(Kind::Country),
            MentionKind::Entity(Kind::Place),
        ];
        // The head and "General": "Consulate General".
        let mut k = j + 1;
        let general = toks.get(k).is_some_and(|t| t.key == "general");
        if general {
            k += 1;
        }
        let head = if general {
            format!("{head} General")
        } else {
            head.to_string()
        };
        // The country before: "the Croatian", "Belarus", "Russia's".
        let mut start = j;
        let mut country = None;
        if let Some(m) = mentions.iter().find(|m| {
            m.end == j
                && (m.kind == MentionKind::Demonym || m.kind == MentionKind::Entity(Kind::Country))
        }) {
            country = m.entity;
            start = m.start;
        } else if j >= 2 && toks[j - 1].key == "'s" {
            if let Some(m) = mentions
                .iter()
                .find(|m| m.end + 1 == j && country_kinds.contains(&m.kind))
            {
                country = m.entity;
                start = m.start;
            }
        }
        // Or after: "of [the] Oman".
        if country.is_none() && toks.get(k).is_some_and(|t| t.key == "of") {
            let at = if toks.get(k + 1).is_some_and(|t| t.key == "the") {
                k + 2
            } else {
                k + 1
            };
            let m = geo_at(at, &country_kinds)?;
            country = m.entity;
            k = m.end;
        }
        let country = country?;
        let name = self.country_name(country)?;
        // The host: "in Colombo", "in Bosnia and Herzegovina", or a name
        // not known yet ("in Mostar"), which becomes a place.
        let mut host = None;
        if toks.get(k).is_some_and(|t| t.key == "in") {
            if let Some(m) = geo_at(k + 1, &host_kinds) {
                if m.entity != Some(country) {
                    host = Some(Host::Known(m));
                    k = m.end;
                }
            } else {
                let mut e = k + 1;
                while e < toks.len()
                    && e < k + 4
                    && toks[e].cap
                    && !toks[e].cyrillic
                    && toks[e].kind == TokenKind::Word
                    && mention_at(mentions, e).is_none()
                {
                    e += 1;
                }
                if e > k + 1 && !is_sentence_start_word(&toks[k + 1]) {
                    let name = &text[toks[k + 1].range.start..toks[e - 1].range.end];
                    host = Some(Host::New(k + 1, e, name.to_string()));
                    k = e;
                }
            }
        }
        // Only the country and the host may be named inside the span.
        let inside_ok = (start..k).all(|p| match mention_at(mentions, p) {
            None => true,
            Some(m) => m.start >= start && m.end <= k,
        });
        if !inside_ok {
            return None;
        }
        let host_span = match &host {
            Some(Host::Known(m)) => Some((m.start, m.end)),
            Some(Host::New(a, b, _)) => Some((*a, *b)),
            None => None,
        };
        let label = match host_span {
            Some((a, b)) => format!(
                "{head} of {name} in {}",
                &text[toks[a].range.start..toks[b - 1].range.end]
            ),
            None => format!("{head} of {name}"),
        };
        let first = if toks[start].key == "the" {
            start + 1
        } else {
            start
        };
        let surface = text[toks[first].range.start..toks[k - 1].range.end].to_string();
        Some(Mission {
            start,
            end: k,
            label,
            surface,
            country,
            host,
        })
    }

    fn add_mission(&mut self, found: Mission, mentions: &mut Vec<Mention>, index: usize) {
        let e = self.new_entity(&found.label, Class::GovernmentBody, Lang::En);
        if self.entity_kind(e) != Kind::Org {
            return;
        }
        // "Belarus embassy in Ashgabat" is a name of it too.
        self.add_alt_label(e, &found.surface, Lang::En);
        self.fact(
            e,
            Predicate::Country,
            Object::Entity(found.country),
            index,
            "mission of a country",
        );
        let host = match found.host {
            Some(Host::Known(m)) if m.kind == MentionKind::Entity(Kind::Place) => m.entity,
            Some(Host::New(_, _, name)) => Some(self.new_entity(&name, Class::Place, Lang::En)),
            _ => None,
        };
        if let Some(host) = host {
            self.fact(
                e,
                Predicate::LocatedIn,
                Object::Entity(host),
                index,
                "mission in a place",
            );
        }
        insert_mention(
            mentions,
            Mention {
                start: found.start,
                end: found.end,
                kind: MentionKind::Entity(Kind::Org),
                entity: Some(e),
            },
        );
    }
}

/// A mission found in a sentence: its span, names, country and host.
struct Mission {
    start: usize,
    end: usize,
    label: String,
    /// The words as the sentence gives them, without a leading "the".
    surface: String,
    country: usize,
    host: Option<Host>,
}

/// Where a mission is: a place or country the sentence names, or the span
/// and text of a name not known yet.
enum Host {
    Known(Mention),
    New(usize, usize, String),
}

/// Words written with a capital that name no place after "in": "in
/// January", "in May".
fn is_sentence_start_word(t: &Token) -> bool {
    matches!(
        t.key.as_str(),
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "the"
    )
}
