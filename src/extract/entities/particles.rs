//! Personal names joined by a patronymic particle ("Abdulaziz bin Sultan
//! Al-Rumaihi", "Mohammed bin Rashid Al Maktoum"): one person mention,
//! found before titles are read so that a title word inside the name
//! ("Sultan") is not taken for a title.
//!
//! Only finds spans and person entities: no I/O, no RDF, no facts.

use super::names::STOP_CAPS;
use super::titles::PORTFOLIO_WORDS;
use super::{is_name_word, mention_at, Document, Mention, MentionKind};
use crate::extract::text::Token;
use crate::extract::Class;

/// Lowercase particles inside personal names: "Abdulaziz bin Sultan Al-Rumaihi",
/// "Mohammed bin Rashid Al Maktoum".
const NAME_PARTICLES: &[&str] = &["bin", "ibn", "bint", "ben"];

impl Document<'_> {
    /// Names joined by a patronymic particle ("X bin Y", "X ibn Y", with
    /// further capitalised words and "Al-"/"Al" parts): one person. A title
    /// word inside such a name ("Sultan", "Emir") is part of the name.
    pub(super) fn particle_names(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        let name_part = |t: &Token, mentions: &[Mention], k: usize| {
            is_name_word(t)
                && mention_at(mentions, k).is_none_or(|m| matches!(m.kind, MentionKind::Role(_)))
        };
        let mut i = 0;
        while i + 2 < n {
            let starts = name_part(&toks[i], mentions, i)
                && !STOP_CAPS.contains(&toks[i].key.as_str())
                && NAME_PARTICLES.contains(&toks[i + 1].key.as_str())
                && !toks[i + 1].cap
                && name_part(&toks[i + 2], mentions, i + 2);
            if !starts {
                i += 1;
                continue;
            }
            // Back over one more given name ("Mohammed Ali bin ..."), not a
            // portfolio word ("Minister of Trade and Investment Majid bin ...").
            let start = if i > 0
                && name_part(&toks[i - 1], mentions, i - 1)
                && !STOP_CAPS.contains(&toks[i - 1].key.as_str())
                && !PORTFOLIO_WORDS.contains(&toks[i - 1].key.as_str())
                && !matches!(
                    mention_at(mentions, i - 1).map(|m| m.kind),
                    Some(MentionKind::Role(_))
                ) {
                i - 1
            } else {
                i
            };
            let mut end = i + 3;
            loop {
                let t = toks.get(end);
                // A particle ("al" too, inside a name) or a hyphen joined to
                // the word before, then a name word.
                let joins = t.is_some_and(|t| {
                    (NAME_PARTICLES.contains(&t.key.as_str())
                        || matches!(t.key.as_str(), "al" | "el"))
                        && !t.cap
                        || t.key == "-" && t.range.start == toks[end - 1].range.end
                });
                if joins
                    && toks
                        .get(end + 1)
                        .is_some_and(|t| name_part(t, mentions, end + 1))
                {
                    end += 2;
                } else if t.is_some_and(|t| name_part(t, mentions, end)) {
                    end += 1;
                } else {
                    break;
                }
            }
            let label = &text[toks[start].range.start..toks[end - 1].range.end];
            let e = self.add_named(
                label,
                Class::Person,
                super::token_lang(&toks[start]),
                mentions,
                (start, end),
            );
            if self.entities[e].class == Class::Person {
                self.alias_last_name(e);
            }
            i = end;
        }
    }
}
