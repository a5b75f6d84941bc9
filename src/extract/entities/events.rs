//! Events named without capitals or around another name: "the
//! Belarus-Zimbabwe business forum", "the SCO summit", "на полях саммита
//! ШОС" (Event "Саммит ШОС"); and which bodies are joint commissions of
//! states, bodies that meet ("Joint Intergovernmental Commission").
//!
//! Finds spans and adds Event entities and mentions; no I/O, no RDF, no
//! facts.

use super::russian::ru_adjective_nominative;
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
    "interstate",
    "governmental",
    "joint",
    "mixed",
    "bilateral",
    "high",
    "level",
    "-",
];
/// At most this many qualifier tokens (a hyphen counts) before the head.
const MAX_QUALIFIERS: usize = 4;

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
            // "the Kazakh-Qatari high-level joint commission": a joint body
            // (commission, committee, council) named the same way.
            let joint_head = JOINT_HEADS[..3].contains(&t.key.as_str());
            if !t.cyrillic && (EVENT_WORDS.contains(&t.key.as_str()) || joint_head) {
                let mut q = i;
                while q > 0
                    && i - q < MAX_QUALIFIERS
                    && EVENT_QUALIFIERS.contains(&toks[q - 1].key.as_str())
                    && !toks[q - 1].cap
                {
                    q -= 1;
                }
                // A hyphen is a qualifier only inside a word ("high-level").
                while q < i && toks[q].key == "-" {
                    q += 1;
                }
                // A council or committee needs a word saying it is joint
                // or economic: "the Russian-Chinese council" alone is not
                // named by the pair.
                if joint_head && q == i {
                    continue;
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
                    let end = if joint_head {
                        subject_tail(toks, i + 1)
                    } else {
                        i + 1
                    };
                    let label = &text[toks[a.start].range.start..toks[end - 1].range.end];
                    let class = if joint_head {
                        Class::Commission
                    } else {
                        Class::Event
                    };
                    self.add_named(label, class, Lang::En, mentions, (a.start, end));
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
                if let Some((start, end, label)) = ru_pair_body(text, toks, mentions, i) {
                    self.add_named(&label, Class::Commission, Lang::Ru, mentions, (start, end));
                    continue;
                }
                let Some((_, head)) = RU_EVENT_STEMS.iter().find(|(st, _)| t.key.starts_with(st))
                else {
                    continue;
                };
                // "Форума межрегионального сотрудничества Казахстана и
                // России": a capitalised event word, its lowercase modifiers
                // and the places it is of.
                if let Some(end) = t
                    .cap
                    .then(|| ru_event_of_places(toks, mentions, i))
                    .flatten()
                {
                    let label = format!(
                        "{head} {}",
                        &text[toks[i + 1].range.start..toks[end - 1].range.end]
                    );
                    self.add_named(&label, Class::Event, Lang::Ru, mentions, (i, end));
                    continue;
                }
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

/// Where a Russian event named by its places ends, for the event word at
/// `i`: up to four lowercase modifiers in the genitive ("межрегионального
/// сотрудничества"), then a country or place, and another after "и". None
/// where a preposition or a verb comes first ("Форум прошел в Казани").
fn ru_event_of_places(toks: &[Token], mentions: &[Mention], i: usize) -> Option<usize> {
    let place_at = |j: usize| {
        mention_at(mentions, j).filter(|m| {
            m.start == j
                && matches!(
                    m.kind,
                    MentionKind::Entity(Kind::Country) | MentionKind::Entity(Kind::Place)
                )
        })
    };
    let modifier = |t: &Token| {
        t.cyrillic
            && t.kind == TokenKind::Word
            && !t.cap
            && t.key.chars().count() >= 4
            && !["л", "ла", "ло", "ли", "ся", "ет", "ют", "ит", "ат", "ят"]
                .iter()
                .any(|e| t.key.ends_with(e))
    };
    let mut j = i + 1;
    while j < toks.len() && j < i + 5 && modifier(&toks[j]) && place_at(j).is_none() {
        j += 1;
    }
    let first = place_at(j)?;
    let mut end = first.end;
    if toks.get(end).is_some_and(|t| t.key == "и") {
        if let Some(second) = place_at(end + 1) {
            end = second.end;
        }
    }
    Some(end)
}

/// Where a joint body's name ends when its subject follows: "committee on
/// scientific and technological cooperation" runs to "cooperation" if that
/// word comes within six lowercase words after "on" or "for"; otherwise
/// the name ends at the head (`from` is the token after it).
fn subject_tail(toks: &[Token], from: usize) -> usize {
    if !toks
        .get(from)
        .is_some_and(|t| matches!(t.key.as_str(), "on" | "for"))
    {
        return from;
    }
    for (k, t) in toks.iter().enumerate().take(from + 8).skip(from + 1) {
        if t.kind != TokenKind::Word && t.key != "-" && t.key != "," {
            break;
        }
        if t.key == "cooperation" {
            return k + 1;
        }
    }
    from
}

/// Russian heads of joint bodies and fora, by stem: nominative and gender
/// (true: feminine).
const RU_PAIR_HEADS: &[(&str, &str, bool)] = &[
    ("комисси", "комиссия", true),
    ("комитет", "комитет", false),
    ("совет", "совет", false),
    ("форум", "форум", false),
];
/// Last words of a Russian joint body's subject ("по торгово-экономическому
/// сотрудничеству", "в экономической и гуманитарной сферах"), by stem.
const RU_SUBJECT_ENDS: &[&str] = &["сотрудничеств", "сфер", "област", "вопрос"];

/// A Russian joint body named by a hyphenated pair of states and lowercase
/// words, at its head `i`: "Азербайджано-Иранской государственной комиссии
/// по сотрудничеству в экономической, торговой и гуманитарной сферах" ->
/// (span, "Азербайджано-Иранская государственная комиссия по ...");
/// "белорусско-вьетнамского бизнес-форума" -> "белорусско-вьетнамский
/// бизнес-форум". The second half of the pair must be a place's adjective
/// the sentence knows; the words before the head come to the nominative.
fn ru_pair_body(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    i: usize,
) -> Option<(usize, usize, String)> {
    let (_, head, feminine) = RU_PAIR_HEADS.iter().find(|(st, _, _)| {
        toks[i].key.starts_with(st) && toks[i].key.chars().count() <= st.chars().count() + 3
    })?;
    let adjacent = |a: usize, b: usize| toks[a].range.end == toks[b].range.start;
    // "бизнес-форума": a hyphenated noun before the head.
    let mut q = i;
    let mut words: Vec<String> = Vec::new();
    if q >= 2 && toks[q - 1].key == "-" && toks[q - 2].key == "бизнес" && adjacent(q - 2, q - 1)
    {
        q -= 2;
    }
    let head_start = q;
    let mut adjectives = Vec::new();
    while q > 0 && i - q < 6 {
        let t = &toks[q - 1];
        let nominative = (t.cyrillic && t.kind == TokenKind::Word)
            .then(|| ru_adjective_nominative(&text[t.range.clone()], *feminine))
            .flatten();
        let Some(nominative) = nominative else { break };
        // The pair: "Азербайджано" "-" "Иранской".
        if q >= 3 && toks[q - 2].key == "-" && adjacent(q - 3, q - 2) && adjacent(q - 2, q - 1) {
            let first = &toks[q - 3];
            let geo = mentions.iter().any(|m| {
                m.start == q - 1
                    && m.end == q
                    && matches!(
                        m.kind,
                        MentionKind::Demonym | MentionKind::Entity(Kind::Country)
                    )
            });
            if geo
                && first.cyrillic
                && first.key.ends_with('о')
                && mention_at(mentions, q - 3).is_none()
            {
                words.push(format!("{}-{nominative}", &text[first.range.clone()]));
                words.extend(adjectives.into_iter().rev());
                let start = q - 3;
                let mut label = words.join(" ");
                let head_text = &text[toks[head_start].range.start..toks[i].range.start];
                let head_word = if toks[i].cap {
                    capitalised(head)
                } else {
                    head.to_string()
                };
                label = format!("{label} {head_text}{head_word}");
                let end = ru_subject_tail(toks, i + 1);
                if end > i + 1 {
                    label = format!(
                        "{label} {}",
                        &text[toks[i + 1].range.start..toks[end - 1].range.end]
                    );
                }
                return Some((start, end, label));
            }
        }
        adjectives.push(nominative);
        q -= 1;
    }
    None
}

/// Where a Russian joint body's subject ends: after "по", the furthest
/// word of `RU_SUBJECT_ENDS` within ten tokens (lowercase words, commas,
/// hyphens, "и", "в"); without one, the name ends at the head.
fn ru_subject_tail(toks: &[Token], from: usize) -> usize {
    if toks.get(from).is_none_or(|t| t.key != "по") {
        return from;
    }
    let mut end = from;
    for (k, t) in toks.iter().enumerate().take(from + 11).skip(from + 1) {
        let word = t.cyrillic && t.kind == TokenKind::Word && !t.cap;
        if !(word || t.key == "," || t.key == "-") {
            break;
        }
        if RU_SUBJECT_ENDS.iter().any(|st| t.key.starts_with(st)) {
            end = k + 1;
        }
    }
    end
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
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
