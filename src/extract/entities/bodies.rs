//! State bodies named by a generic head word and the country they belong to,
//! when the country stands before them: a demonym ("the Serbian government",
//! "the Egyptian Cabinet", "the Kazakh industry and construction ministry",
//! "the Iranian Foreign Ministry"), a possessive ("Serbia's government") or
//! a country name used as a modifier ("the Uzbekistan government"). Each is
//! one `GovernmentBody` labelled the way the country-last form reads
//! ("Government of Serbia", "Ministry of Industry and Construction of
//! Kazakhstan") with a `country` fact; "Foreign Ministry" is the Ministry
//! of Foreign Affairs. Also the label of a "Ministry of ..." run with the
//! country before it (`owned_body_label`).
//!
//! English only, adds mentions, entities and `country` facts: no relation
//! rules, no names that carry no head word ("the Serbian side" is no body).

use super::name_words::TAILS;
use super::titles::PORTFOLIO_WORDS;
use super::{insert_mention, mention_at, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind, Object, Predicate};
use crate::ingest::Lang;

/// Head words of a state body (lowercase key) and the label's head.
/// Only "ministry" takes portfolio words before it.
const HEADS: &[(&str, &str)] = &[
    ("government", "Government"),
    ("cabinet", "Cabinet"),
    ("ministry", "Ministry"),
    ("parliament", "Parliament"),
    ("presidency", "Presidency"),
];

/// Portfolio words beyond the title portfolio words: "the Indian external
/// affairs ministry", "the Russian emergencies ministry".
const MORE_PORTFOLIO: &[&str] = &[
    "external",
    "home",
    "emergencies",
    "statistics",
    "customs",
    "labor",
    "welfare",
    "security",
    "telecommunications",
    "media",
    "mines",
    "minerals",
    "fisheries",
    "aviation",
    "railways",
    "power",
    "electricity",
    "renewable",
];

/// Title portfolio words that name no ministry on their own.
const NOT_PORTFOLIO: &[&str] = &["manager", "board", "commission", "executive", "general"];

fn portfolio_word(t: &Token) -> bool {
    let k = t.key.as_str();
    t.kind == TokenKind::Word
        && !t.cyrillic
        && !t.upper
        && (PORTFOLIO_WORDS.contains(&k) || MORE_PORTFOLIO.contains(&k))
        && !NOT_PORTFOLIO.contains(&k)
}

/// "industry and construction" -> "Industry and Construction"; a lone
/// "foreign" is "Foreign Affairs".
fn portfolio_label(words: &[&str]) -> String {
    let out: Vec<String> = words
        .iter()
        .map(|w| match *w {
            "and" => "and".to_string(),
            "," => ",".to_string(),
            w => {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect();
    let label = out.join(" ").replace(" ,", ",");
    if label == "Foreign" {
        "Foreign Affairs".to_string()
    } else {
        label
    }
}

impl<'a> Document<'a> {
    /// The English name of a country entity as it follows "of": "Serbia",
    /// "the United Arab Emirates".
    pub(super) fn country_name(&self, e: usize) -> Option<String> {
        let c = &self.entities[e];
        if c.class != Class::Country {
            return None;
        }
        let name = c.labels.iter().find(|(_, l)| *l == Lang::En)?.0.as_str();
        let first = name.split_whitespace().next().unwrap_or("");
        let last = name.split_whitespace().next_back().unwrap_or("");
        let the = name.contains(' ')
            && (matches!(first, "United" | "Republic")
                || matches!(
                    last,
                    "Republic" | "Emirates" | "Islands" | "States" | "Kingdom"
                ))
            || matches!(name, "Netherlands" | "Philippines" | "Bahamas" | "Maldives");
        Some(if the {
            format!("the {name}")
        } else {
            name.to_string()
        })
    }

    /// State bodies after a demonym, a possessive country or "the" and a
    /// country name: "the Serbian government" -> "Government of Serbia".
    pub(super) fn owned_bodies(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        index: usize,
    ) {
        let n = toks.len();
        let owners: Vec<(usize, usize, usize)> = mentions
            .iter()
            .filter_map(|m| {
                let c = m.entity?;
                match m.kind {
                    MentionKind::Demonym => Some((m.start, m.end, c)),
                    MentionKind::Entity(Kind::Country) => {
                        if toks.get(m.end).is_some_and(|t| t.key == "'s") {
                            Some((m.start, m.end + 1, c))
                        } else if m.start > 0 && toks[m.start - 1].key == "the" {
                            Some((m.start, m.end, c))
                        } else {
                            None
                        }
                    }
                    _ => None,
                }
            })
            .collect();
        for (o_start, o_end, country) in owners {
            if toks[o_start].cyrillic {
                continue;
            }
            let Some(name) = self.country_name(country) else {
                continue;
            };
            // Portfolio words up to the head: "industry and construction", "Foreign".
            let mut j = o_end;
            let mut words: Vec<&str> = Vec::new();
            while j < n && j < o_end + 8 && mention_at(mentions, j).is_none() {
                let t = &toks[j];
                if portfolio_word(t) {
                    words.push(t.key.as_str());
                } else if matches!(t.key.as_str(), "and" | ",")
                    && !words.is_empty()
                    && toks.get(j + 1).is_some_and(|x| {
                        portfolio_word(x)
                            || x.key == "and" && toks.get(j + 2).is_some_and(portfolio_word)
                    })
                {
                    words.push(if t.key == "," { "," } else { "and" });
                } else {
                    break;
                }
                j += 1;
            }
            let Some(&(_, head)) = toks
                .get(j)
                .filter(|t| t.kind == TokenKind::Word && mention_at(mentions, j).is_none())
                .and_then(|t| HEADS.iter().find(|(w, _)| *w == t.key))
            else {
                continue;
            };
            // Portfolio words name ministries only; a ministry needs them.
            if words.is_empty() == (head == "Ministry") {
                continue;
            }
            // One case for the whole name: "Foreign Ministry" or "foreign ministry".
            let head_cap = toks[j].cap;
            if (o_end..j).any(|k| {
                toks[k].kind == TokenKind::Word && toks[k].key != "and" && toks[k].cap != head_cap
            }) {
                continue;
            }
            let end = j + 1;
            // "Ministry of ...", "Government of ...", "Agency of ..." and a
            // name right after ("the Russian news agency TASS") are other
            // constructions.
            if let Some(next) = toks.get(end) {
                if next.key == "of"
                    || mention_at(mentions, end).is_some_and(|m| m.kind != MentionKind::Demonym)
                        && next.key != "'s"
                    || (next.cap || next.upper) && next.kind == TokenKind::Word
                {
                    continue;
                }
            }
            let label = if words.is_empty() {
                format!("{head} of {name}")
            } else {
                format!("{head} of {} of {name}", portfolio_label(&words))
            };
            let e = self.new_entity(&label, Class::GovernmentBody, Lang::En);
            if self.entity_kind(e) != Kind::Org {
                continue;
            }
            // "Serbian government" is a name of it too.
            let first = if toks[o_start].key == "the" {
                o_start + 1
            } else {
                o_start
            };
            self.add_alt_label(
                e,
                &text[toks[first].range.start..toks[end - 1].range.end],
                Lang::En,
            );
            self.fact(
                e,
                Predicate::Country,
                Object::Entity(country),
                index,
                "country before body",
            );
            insert_mention(
                mentions,
                Mention {
                    start: o_start,
                    end,
                    kind: MentionKind::Entity(Kind::Org),
                    entity: Some(e),
                },
            );
        }
    }

    /// The full name of an English ministry run: "Finance Ministry" ->
    /// "Ministry of Finance"; with a demonym or a country's possessive
    /// before it, the country too: "Kazakh Ministry of Energy" -> "Ministry
    /// of Energy of Kazakhstan". `None` for any other run.
    pub(super) fn owned_body_label(
        &self,
        toks: &[Token],
        mentions: &[Mention],
        start: usize,
        label: &str,
        class: Class,
    ) -> Option<String> {
        if class != Class::GovernmentBody || toks[start].cyrillic || label.contains(" of the ") {
            return None;
        }
        // "Finance Ministry", "Foreign Affairs Ministry".
        let reordered = label.strip_suffix(" Ministry").and_then(|p| {
            let words: Vec<&str> = p.split_whitespace().collect();
            let all_portfolio = words
                .iter()
                .all(|w| *w == "and" || PORTFOLIO_WORDS.contains(&w.to_lowercase().as_str()));
            (all_portfolio && !words.is_empty()).then(|| {
                let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
                let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
                format!("Ministry of {}", portfolio_label(&lower))
            })
        });
        let label = match &reordered {
            Some(l) => l.as_str(),
            None if label.starts_with("Ministry of ") => label,
            None => return None,
        };
        let owner = mentions.iter().find(|m| {
            m.kind == MentionKind::Demonym && m.end == start
                || m.kind == MentionKind::Entity(Kind::Country)
                    && m.end + 1 == start
                    && toks[m.end].key == "'s"
        });
        let Some(name) = owner
            .and_then(|o| o.entity)
            .and_then(|c| self.country_name(c))
        else {
            return reordered;
        };
        Some(if label.ends_with(&name) {
            label.to_string()
        } else {
            format!("{label} of {name}")
        })
    }
}

/// Whether the "and" at `k` of the capitalised run `start..end` joins the
/// portfolio words of a body named "<Head> of ..." ("Ministry of Education
/// and Science of Kyrgyzstan", "Ministry of Culture, Information, Sport and
/// Youth Policy") rather than two names: a head with "of" stands before it
/// with no other name between, and the one to three capitalised words after
/// it (up to the next "and", "of" or the run's end) carry no tail word of
/// their own. The caller rules out a known name or acronym after the "and".
pub(super) fn and_in_portfolio(
    toks: &[Token],
    mentions: &[Mention],
    start: usize,
    k: usize,
    end: usize,
) -> bool {
    let body_before = (start..k)
        .rev()
        .take_while(|&x| mention_at(mentions, x).is_none())
        .any(|x| {
            toks.get(x + 1).is_some_and(|t| t.key == "of")
                && TAILS
                    .iter()
                    .any(|(w, c)| *w == toks[x].key && *c == Class::GovernmentBody)
        });
    if !body_before {
        return false;
    }
    let seg_end = (k + 1..end)
        .find(|&x| {
            mention_at(mentions, x).is_some()
                || matches!(toks[x].key.as_str(), "and" | "of" | "," | "-")
        })
        .unwrap_or(end);
    let words = k + 1..seg_end;
    !words.is_empty()
        && words.len() <= 3
        && words.clone().all(|x| {
            toks[x].kind == TokenKind::Word
                && toks[x].cap
                && !TAILS.iter().any(|(w, _)| *w == toks[x].key)
        })
        && (seg_end == end || matches!(toks[seg_end].key.as_str(), "and" | "of"))
}

/// After a comma at `comma`: "Cap [Cap] , Cap [Cap] and Cap [Cap]", the
/// rest of a list of portfolios, within a dozen tokens.
pub(super) fn portfolio_list_follows(toks: &[Token], comma: usize) -> bool {
    let mut k = comma + 1;
    let limit = (comma + 14).min(toks.len());
    let mut words = 0;
    // "Natural Resources, Ecology, and Technical Supervision": the serial
    // comma of a list that had a comma before.
    if toks.get(k).is_some_and(|t| t.key == "and") {
        return (comma.saturating_sub(4)..comma).any(|x| toks[x].key == ",")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.cap && n.kind == TokenKind::Word);
    }
    while k < limit {
        let t = &toks[k];
        if t.kind == TokenKind::Word && t.cap {
            words += 1;
        } else if t.key == "," && words > 0 {
            words = 0;
            // "Ecology, and Technical Supervision": a serial comma before "and".
            if toks.get(k + 1).is_some_and(|n| n.key == "and") {
                return toks
                    .get(k + 2)
                    .is_some_and(|n| n.cap && n.kind == TokenKind::Word);
            }
        } else if t.key == "and" && words > 0 {
            return toks
                .get(k + 1)
                .is_some_and(|n| n.cap && n.kind == TokenKind::Word);
        } else {
            return false;
        }
        k += 1;
    }
    false
}
