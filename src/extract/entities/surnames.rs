//! Known people named by their surname alone ("Mirziyoyev expressed
//! gratitude", "Токаев заявил") before any full mention in the article:
//! the gazetteer's one person with that surname, in any Russian case form.
//!
//! Only adds person mentions for single uncovered words; it must not touch
//! words that are part of a longer name run, ambiguous surnames (two known
//! people share them), words that are also other names' words, or common
//! Russian words. Surnames of people the article already named are the
//! article's aliases and are resolved later by the short-form pass.

use super::names::STOP_CAPS;
use super::{insert_mention, is_name_word, Document, Mention, MentionKind};
use crate::extract::morphology;
use crate::extract::text::{Token, TokenKind};
use crate::extract::Kind;

impl<'a> Document<'a> {
    /// Mentions of known people by an unambiguous surname standing alone.
    pub(super) fn known_surnames(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let covered =
            |mentions: &[Mention], i: usize| mentions.iter().any(|m| m.start <= i && i < m.end);
        // A neighbour that continues a name: an uncovered capitalised word,
        // or a hyphen joined to this word ("Kassym-Jomart").
        let joins = |mentions: &[Mention], i: usize, j: usize| {
            let (t, u) = (&toks[i], &toks[j]);
            (u.kind == TokenKind::Word && (u.cap || u.upper) && !covered(mentions, j))
                || (u.key == "-" && (u.range.start == t.range.end || u.range.end == t.range.start))
        };
        // A capitalised word opening the sentence may be any word: "Сегодня".
        let opens = |i: usize| i == 0 || toks[i - 1].kind == TokenKind::Punct && i == 1;
        let common = |i: usize| {
            let t = &toks[i];
            STOP_CAPS.contains(&t.key.as_str())
                || t.cyrillic && morphology::is_common_word(&text[t.range.clone()])
        };
        for i in 0..toks.len() {
            let t = &toks[i];
            if !is_name_word(t)
                || covered(mentions, i)
                || self.aliases.contains_key(&t.key)
                || STOP_CAPS.contains(&t.key.as_str())
                || i > 0 && joins(mentions, i, i - 1) && !(opens(i - 1) && common(i - 1))
                || i + 1 < toks.len() && joins(mentions, i, i + 1)
            {
                continue;
            }
            // "Н. Назарбаева": an initial before the surname picks the person.
            let initial = (i >= 2
                && toks[i - 1].key == "."
                && toks[i - 2].cap
                && toks[i - 2].key.chars().count() == 1)
                .then(|| text[toks[i - 2].range.clone()].chars().next())
                .flatten();
            let by_initial = initial.and_then(|c| self.ex.gazetteer.person_by_initial(c, &t.key));
            let Some(g) = self.ex.gazetteer.person_by_surname(&t.key).or(by_initial) else {
                continue;
            };
            let start = if by_initial == Some(g) && initial.is_some() {
                i - 2
            } else {
                i
            };
            // Inside a Russian sentence a capital marks a name; at its start
            // the word may be a common one ("Токаев" is also a form of "токай").
            if t.cyrillic && opens(i) && morphology::is_common_word(&text[t.range.clone()]) {
                continue;
            }
            let e = self.known(g);
            insert_mention(
                mentions,
                Mention {
                    start,
                    end: i + 1,
                    kind: MentionKind::Entity(Kind::Person),
                    entity: Some(e),
                },
            );
        }
    }
}
