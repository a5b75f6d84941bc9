//! Events named without capitals or around another name: "the
//! Belarus-Zimbabwe business forum", "the SCO summit", "на полях саммита
//! ШОС" (Event "Саммит ШОС"); and which bodies are joint commissions of
//! states, bodies that meet ("Joint Intergovernmental Commission").
//!
//! Finds spans and adds Event entities and mentions; no I/O, no RDF, no
//! facts.

use super::{mention_at, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind};
use crate::ingest::Lang;

/// Lowercase words naming a kind of event, English and Russian stems.
const EVENT_WORDS: &[&str] = &["forum", "summit", "dialogue", "conference", "exhibition"];
const RU_EVENT_STEMS: &[(&str, &str)] = &[("саммит", "Саммит"), ("форум", "Форум")];
/// Words that may stand between a pair and its event word.
const EVENT_QUALIFIERS: &[&str] = &[
    "business",
    "economic",
    "investment",
    "trade",
    "industrial",
    "intergovernmental",
];

impl<'a> Document<'a> {
    pub(super) fn unnamed_events(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        let geo = |m: &Mention| {
            matches!(
                m.kind,
                MentionKind::Demonym
                    | MentionKind::Entity(Kind::Country)
                    | MentionKind::Entity(Kind::Place)
            )
        };
        for i in 0..n {
            let t = &toks[i];
            if t.kind != TokenKind::Word
                || t.cap && !t.cyrillic
                || mention_at(mentions, i).is_some()
            {
                continue;
            }
            // "the Belarus-Zimbabwe business forum": a hyphenated pair of
            // places, up to two qualifiers, a lowercase event word.
            if !t.cyrillic && EVENT_WORDS.contains(&t.key.as_str()) {
                let mut q = i;
                while q > 0 && i - q < 2 && EVENT_QUALIFIERS.contains(&toks[q - 1].key.as_str()) {
                    q -= 1;
                }
                let second = mentions.iter().find(|m| m.end == q && geo(m)).copied();
                let first = second.and_then(|b| {
                    (b.start >= 2 && toks[b.start - 1].key == "-")
                        .then(|| {
                            mentions
                                .iter()
                                .find(|m| m.end + 1 == b.start && geo(m))
                                .copied()
                        })
                        .flatten()
                });
                if let (Some(a), Some(_)) = (first, second) {
                    let label = &text[toks[a.start].range.start..t.range.end];
                    self.add_named(label, Class::Event, Lang::En, mentions, (a.start, i + 1));
                    continue;
                }
                // "the SCO summit": an organisation's acronym before "summit".
                if t.key == "summit" {
                    if let Some(m) = mentions
                        .iter()
                        .find(|m| m.end == i && m.end == m.start + 1 && acronym(&toks[m.start]))
                        .copied()
                        .filter(|m| m.kind == MentionKind::Entity(Kind::Org))
                    {
                        let label = format!("{} Summit", &text[toks[m.start].range.clone()]);
                        self.add_named(&label, Class::Event, Lang::En, mentions, (m.start, i + 1));
                    }
                }
                continue;
            }
            // "саммита ШОС", "на саммите ОДКБ": the event word in any case
            // before an organisation's acronym, which does not decline.
            if t.cyrillic {
                let Some((_, head)) = RU_EVENT_STEMS.iter().find(|(st, _)| t.key.starts_with(st))
                else {
                    continue;
                };
                let Some(m) = mentions
                    .iter()
                    .find(|m| m.start == i + 1 && m.end == i + 2 && acronym(&toks[i + 1]))
                    .copied()
                    .filter(|m| m.kind == MentionKind::Entity(Kind::Org))
                else {
                    continue;
                };
                let label = format!("{head} {}", &text[toks[m.start].range.clone()]);
                self.add_named(&label, Class::Event, Lang::Ru, mentions, (i, m.end));
            }
        }
    }
}

/// "SCO", "ШОС", "ОДКБ": a word of two or more capitals.
fn acronym(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.key.chars().count() >= 2 && t.upper
}

/// Words that make a commission, council or committee a joint body of
/// states meeting in sessions ("Joint Intergovernmental Commission",
/// "Supreme Interstate Council", "Межправительственная комиссия").
const JOINT: &[&str] = &[
    "joint",
    "intergovernmental",
    "interstate",
    "bilateral",
    "межправительственная",
    "межгосударственная",
    "совместная",
    "смешанная",
    "двусторонняя",
];
const JOINT_HEADS: &[&str] = &[
    "commission",
    "council",
    "committee",
    "комиссия",
    "совет",
    "комитет",
];

/// Whether a government body's name names a joint commission of states:
/// a commission, council or committee head with "joint", "intergovernmental"
/// or the like, or after a hyphenated pair ("India-Kenya Joint Trade
/// Committee", "Turkey-Iran High-Level Cooperation Council").
pub(super) fn joint_body(toks: &[Token]) -> bool {
    let Some(head) = toks
        .iter()
        .position(|t| JOINT_HEADS.contains(&t.key.as_str()))
    else {
        return false;
    };
    let before = &toks[..head];
    before.iter().any(|t| {
        JOINT.contains(&t.key.as_str()) || t.key.starts_with("inter-") || t.key == "governmental"
        // "Inter-Governmental", split at the hyphen
    }) || before.windows(3).any(|w| {
        w[1].key == "-"
            && w[0].cap
            && w[2].cap
            && w[0].range.end == w[1].range.start
            && w[1].range.end == w[2].range.start
    })
}
