//! Appositive titles: a title after a name and its comma ("Ilia
//! Darchiashvili, Georgia's foreign minister", "Zhu Hongbing, Vice Chairman
//! and General Manager of Henan Investment Company"), stated through
//! `Document::holds_title` of the sibling `titles` module.
//!
//! Only walks back from a title to the name before it; no I/O, no RDF, no
//! relation rules, and no title that names its holder after it (the caller
//! leaves those to `title_construction`).

use super::names::STOP_CAPS;
use super::titles::PORTFOLIO_WORDS;
use super::{insert_mention, is_name_word, mention_at, token_lang, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind, Role};

/// Whether a lowercase word may stand between a name's comma and the title
/// of an apposition ("X, the newly appointed ambassador"; "X, бывший посол"),
/// as opposed to a clause's verb or preposition ("X, held a meeting with the
/// ambassador", "X, встретился с послом"): English words from a closed list,
/// Russian words other than prepositions and past-tense verbs.
fn appositive_word(t: &Token) -> bool {
    const EN: &[&str] = &[
        "the",
        "a",
        "an",
        "former",
        "then",
        "acting",
        "current",
        "currently",
        "new",
        "newly",
        "appointed",
        "incoming",
        "outgoing",
        "deputy",
        "first",
        "vice",
        "chief",
        "senior",
        "executive",
        "general",
        "honorary",
        "special",
        "its",
        "his",
        "her",
        "their",
        "who",
        "is",
        "was",
        "serves",
        "served",
        "as",
        "also",
        "now",
        "-",
    ];
    const RU_PREPOSITIONS: &[&str] = &[
        "с", "со", "в", "во", "на", "по", "к", "от", "для", "при", "и",
    ];
    if t.cyrillic {
        let k = t.key.as_str();
        !RU_PREPOSITIONS.contains(&k)
            && !["л", "ла", "ли", "лся", "лась", "лись"]
                .iter()
                .any(|e| k.ends_with(e) && k.chars().count() > 3)
    } else {
        EN.contains(&t.key.as_str()) || PORTFOLIO_WORDS.contains(&t.key.as_str())
    }
}

impl<'a> Document<'a> {
    /// "NAME, [the] [Country's|Demonym] [words] TITLE [of Country]".
    pub(super) fn appositive_title(
        &mut self,
        index: usize,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        r: Mention,
        role: Role,
    ) {
        // Walk back from the title to the comma after the name.
        let mut k = r.start;
        let mut qualifier: Option<usize> = None;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            let p = &toks[k - 1];
            if p.key == "," {
                break;
            }
            if let Some(m) = mentions.iter().find(|m| m.end == k).copied() {
                if matches!(
                    m.kind,
                    MentionKind::Entity(Kind::Country)
                        | MentionKind::Demonym
                        | MentionKind::Entity(Kind::Place)
                        | MentionKind::Entity(Kind::Org)
                ) {
                    qualifier = qualifier.or(m.entity);
                    k = m.start;
                    steps += 1;
                    continue;
                }
                return;
            }
            // Coordinated titles: "X, Vice Chairman and General Manager of Y".
            if p.key == "and" {
                if let Some(m) = mentions
                    .iter()
                    .find(|m| m.end == k - 1 && matches!(m.kind, MentionKind::Role(_)))
                {
                    k = m.start;
                    steps += 1;
                    continue;
                }
            }
            if p.kind == TokenKind::Word && !p.cap && appositive_word(p) || p.key == "'s" {
                k -= 1;
                steps += 1;
                continue;
            }
            return;
        }
        if k < 2 || toks[k - 1].key != "," {
            return;
        }
        let comma = k - 1;
        // The name before the comma: a person mention or two or three name words.
        let person = if let Some(m) = mentions
            .iter()
            .find(|m| m.end == comma && m.kind == MentionKind::Entity(Kind::Person))
        {
            m.entity
        } else {
            let mut s0 = comma;
            while s0 > 0
                && comma - s0 < 3
                && is_name_word(&toks[s0 - 1])
                && mention_at(mentions, s0 - 1).is_none()
            {
                s0 -= 1;
            }
            if comma - s0 < 2 || STOP_CAPS.contains(&toks[s0].key.as_str()) {
                return;
            }
            let label = &text[toks[s0].range.start..toks[comma - 1].range.end];
            let lang = token_lang(&toks[s0]);
            let pe = self.new_entity(label, Class::Person, lang);
            if self.entities[pe].class != Class::Person {
                return;
            }
            self.alias_last_name(pe);
            insert_mention(
                mentions,
                Mention {
                    start: s0,
                    end: comma,
                    kind: MentionKind::Entity(Kind::Person),
                    entity: Some(pe),
                },
            );
            Some(pe)
        };
        let Some(p) = person else { return };
        // "of Uzbekistan" after the title.
        if qualifier.is_none() {
            let mut j = r.end;
            while j < toks.len() && j < r.end + 6 {
                if let Some(m) = mention_at(mentions, j).copied() {
                    if matches!(
                        m.kind,
                        MentionKind::Entity(Kind::Country)
                            | MentionKind::Entity(Kind::Place)
                            | MentionKind::Entity(Kind::Org)
                    ) && (toks[j - 1].key == "of"
                        || toks[j - 1].key == "the" && j >= 2 && toks[j - 2].key == "of")
                    {
                        qualifier = m.entity;
                    } else if matches!(m.kind, MentionKind::Role(_)) && toks[j - 1].key == "and" {
                        // The first of coordinated titles takes the qualifier of the last.
                        j = m.end;
                        continue;
                    }
                    break;
                }
                if toks[j].kind == TokenKind::Word && !toks[j].cap || toks[j].key == "of" {
                    j += 1;
                    continue;
                }
                break;
            }
        }
        self.holds_title(p, role, qualifier, index, "title after name");
    }
}
