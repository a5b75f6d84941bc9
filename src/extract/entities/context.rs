//! Names recognised by their context rather than their own words:
//! where a capitalised run joins two names with "and" (`coordination_split`),
//! unknown names coordinated with an organisation, and regions named by a
//! known city and a region word ("the Samarkand region"), companies listed
//! after a plural company word ("South Korean companies Sejong, EHWA and
//! Motrex").
//!
//! Adds mentions and entities only: no I/O, no RDF, no relation facts.

use super::bodies::and_in_portfolio;
use super::name_words::TAILS;
use super::names::STOP_CAPS;
use super::{insert_mention, is_name_word, mention_at, token_lang, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind, Object, Predicate};
use crate::ingest::Lang;

impl<'a> Document<'a> {
    /// Unknown capitalised names (one acronym, or two or three name words)
    /// joined by "and"/"и" to an organisation are organisations.
    pub(super) fn coordinated_organisations(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        let free = |mentions: &[Mention], i: usize| mention_at(mentions, i).is_none();
        let is_org = |m: &Mention| m.kind == MentionKind::Entity(Kind::Org);
        for i in 1..n.saturating_sub(1) {
            if !matches!(toks[i].key.as_str(), "and" | "и") {
                continue;
            }
            let left_org = mentions.iter().any(|m| m.end == i && is_org(m));
            let right_org = mentions.iter().any(|m| {
                (m.start == i + 1 || m.start == i + 2 && toks[i + 1].key == "the") && is_org(m)
            });
            let span = if left_org && !right_org {
                let mut s0 = i + 1;
                if toks.get(s0).is_some_and(|t| t.key == "the") {
                    s0 += 1;
                }
                let mut e = s0;
                while e < n
                    && e < s0 + 3
                    && free(mentions, e)
                    && (is_name_word(&toks[e]) || toks[e].upper)
                {
                    e += 1;
                }
                // The name must end there: not followed by a further capitalised word.
                let ends = toks
                    .get(e)
                    .is_none_or(|t| !(t.cap || t.upper) || !free(mentions, e));
                (ends && e > s0).then_some((s0, e))
            } else if right_org && !left_org {
                let mut s0 = i;
                while s0 > 0
                    && i - s0 < 3
                    && free(mentions, s0 - 1)
                    && (is_name_word(&toks[s0 - 1]) || toks[s0 - 1].upper)
                {
                    s0 -= 1;
                }
                let starts =
                    s0 == 0 || !(toks[s0 - 1].cap || toks[s0 - 1].upper) || !free(mentions, s0 - 1);
                (starts && s0 < i && s0 > 0).then_some((s0, i))
            } else {
                None
            };
            let Some((a, b)) = span else { continue };
            let single = b == a + 1;
            if single && !(toks[a].upper && toks[a].key.chars().count() >= 3)
                || (a..b).any(|k| STOP_CAPS.contains(&toks[k].key.as_str()))
                || toks[a].cyrillic && !toks[a].upper
            {
                continue;
            }
            let label = &text[toks[a].range.start..toks[b - 1].range.end];
            let e = self.new_entity(label, Class::Company, token_lang(&toks[a]));
            if self.entities[e].class.kind() != Kind::Org {
                continue;
            }
            insert_mention(
                mentions,
                Mention {
                    start: a,
                    end: b,
                    kind: MentionKind::Entity(Kind::Org),
                    entity: Some(e),
                },
            );
        }
    }

    /// A known company's name followed at once by a place or a capitalised
    /// word names a company of its own, a subsidiary or branch: "OCP
    /// Africa", "Samsung Electronics", "MTZ Holding" (Latin script only; a
    /// title after the name, "Gazprom Chairman", is a mention already).
    pub(super) fn subsidiaries(&mut self, text: &str, toks: &[Token], mentions: &mut Vec<Mention>) {
        let known: Vec<Mention> = mentions
            .iter()
            .filter(|m| {
                m.entity
                    .is_some_and(|e| self.entities[e].class == Class::Company)
            })
            .copied()
            .collect();
        for m in known {
            let Some(next) = toks.get(m.end) else {
                continue;
            };
            let spaced_once = toks[m.end - 1].range.end + 1 == next.range.start;
            if toks[m.start].cyrillic || next.cyrillic || !spaced_once || !is_name_word(next) {
                continue;
            }
            let end = match mention_at(mentions, m.end) {
                Some(a)
                    if a.start == m.end
                        && a.end == m.end + 1
                        && matches!(
                            a.kind,
                            MentionKind::Entity(Kind::Place) | MentionKind::Entity(Kind::Country)
                        ) =>
                {
                    a.end
                }
                None if !STOP_CAPS.contains(&next.key.as_str()) => m.end + 1,
                _ => continue,
            };
            // The name stops there: "OCP Africa", not "OCP Africa Fertilizer Plant".
            if toks
                .get(end)
                .is_some_and(|t| t.kind == TokenKind::Word && (t.cap || t.upper))
            {
                continue;
            }
            let label = &text[toks[m.start].range.start..toks[end - 1].range.end];
            let e = self.new_entity(label, Class::Company, Lang::En);
            if self.entities[e].class.kind() != Kind::Org {
                continue;
            }
            insert_mention(
                mentions,
                Mention {
                    start: m.start,
                    end,
                    kind: MentionKind::Entity(Kind::Org),
                    entity: Some(e),
                },
            );
        }
    }

    /// "the Samarkand region", "Issyk-Kul oblast": a known city followed by a
    /// region word names the region.
    pub(super) fn regions_of_cities(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut [Mention],
        index: usize,
    ) {
        for m in mentions.iter_mut() {
            let Some(e) = m.entity else { continue };
            let Some(next) = toks.get(m.end) else {
                continue;
            };
            if m.kind != MentionKind::Entity(Kind::Place)
                || self.entities[e].class != Class::City
                || !matches!(next.key.as_str(), "region" | "oblast" | "province")
            {
                continue;
            }
            let name = &text[toks[m.start].range.start..toks[m.end - 1].range.end];
            let label = format!("{name} Region");
            let r = self.new_entity(&label, Class::Region, Lang::En);
            if self.entities[r].class.kind() != Kind::Place {
                continue;
            }
            let country = self
                .ex
                .gazetteer
                .id(&self.entities[e].slug)
                .and_then(|g| self.ex.gazetteer.entities[g].country);
            m.end += 1;
            m.entity = Some(r);
            if let Some(c) = country {
                let c = self.known(c);
                if c != r {
                    self.fact(
                        r,
                        Predicate::LocatedIn,
                        Object::Entity(c),
                        index,
                        "region of a city",
                    );
                }
            }
        }
    }
}

impl<'a> Document<'a> {
    /// The names listed from `first` on after a plural company word
    /// ("companies Sejong, EHWA, Yongsan and Motrex"): each capitalised run
    /// of up to four words, or a known organisation, separated by commas and
    /// "and", becomes a company. Returns where the list ends.
    pub(super) fn listed_companies(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        first: usize,
    ) -> usize {
        let n = toks.len();
        let mut k = first;
        let mut found = Vec::new();
        loop {
            if let Some(m) = mention_at(mentions, k).filter(|m| m.start == k) {
                if m.kind != MentionKind::Entity(Kind::Org) {
                    break;
                }
                k = m.end;
            } else {
                let mut e = k;
                while e < n
                    && e < k + 4
                    && toks[e].kind == TokenKind::Word
                    && (toks[e].cap || toks[e].upper)
                    && !STOP_CAPS.contains(&toks[e].key.as_str())
                    && mention_at(mentions, e).is_none()
                {
                    e += 1;
                }
                if e == k {
                    break;
                }
                found.push((k, e));
                k = e;
            }
            match toks.get(k).map(|t| t.key.as_str()) {
                Some(",") if toks.get(k + 1).is_some_and(|t| t.key == "and") => k += 2,
                Some(",") | Some("and") => k += 1,
                _ => break,
            }
        }
        // One name is no list: the singular rule decides about it.
        if found.len() < 2 {
            return first;
        }
        for (start, end) in found {
            let label = &text[toks[start].range.start..toks[end - 1].range.end];
            self.add_named(label, Class::Company, Lang::En, mentions, (start, end));
        }
        k
    }
}

impl Document<'_> {
    /// Where a capitalised run `start..end` joins two names with "and" (or
    /// "and the"), the end and class of the first: both sides must stand
    /// alone, i.e. carry a head or tail word of their own ("Ministry",
    /// "LLC", "Bank"), begin with a known country or organisation followed by
    /// more words ("Kazakhstan Temir Zholy"), or be an acronym ("TBEA").
    pub(super) fn coordination_split(
        &self,
        toks: &[Token],
        mentions: &[Mention],
        start: usize,
        end: usize,
    ) -> Option<(usize, Class)> {
        let tail_class = |a: usize, b: usize| {
            (a..b)
                .filter(|&k| mention_at(mentions, k).is_none() && (toks[k].cap || toks[k].upper))
                .filter_map(|k| TAILS.iter().find(|(w, _)| *w == toks[k].key))
                .map(|(_, c)| *c)
                .next_back()
        };
        let led_by_name = |a: usize, b: usize| {
            mention_at(mentions, a).is_some_and(|m| {
                m.start == a
                    && (m.end < b || m.end == b && m.kind == MentionKind::Entity(Kind::Org))
                    && matches!(
                        m.kind,
                        MentionKind::Entity(Kind::Country) | MentionKind::Entity(Kind::Org)
                    )
            })
        };
        let acronym =
            |a: usize, b: usize| b == a + 1 && toks[a].upper && toks[a].key.chars().count() >= 3;
        let stands_alone = |a: usize, b: usize| {
            b > a && (tail_class(a, b).is_some() || led_by_name(a, b) || acronym(a, b))
        };
        // "Ministry of Education and Science of Kyrgyzstan": an "and" inside
        // a body's portfolio list joins no two names.
        let in_portfolio = |k: usize| {
            !led_by_name(k + 1, end)
                && !acronym(k + 1, k + 2)
                && and_in_portfolio(toks, mentions, start, k, end)
        };
        let mut k = start + 1;
        while k < end {
            if let Some(m) = mention_at(mentions, k) {
                k = m.end.max(k + 1);
                continue;
            }
            if toks[k].key == "and" && !toks[k].cap && !in_portfolio(k) {
                let mut right = k + 1;
                while right < end && toks[right].key == "the" {
                    right += 1;
                }
                // "Daewoo International and the Korea Institute for ...":
                // "and the" before a name that stands alone starts a new one.
                let the_follows = right > k + 1;
                if (stands_alone(start, k) || the_follows) && stands_alone(right, end) {
                    let class = tail_class(start, k).unwrap_or(Class::Company);
                    return Some((k, class));
                }
            }
            k += 1;
        }
        None
    }
}
