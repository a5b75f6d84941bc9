//! Russian names in quotes standing alone: «Автотор» возобновил
//! производство, сотрудничает с «Моторинвестом». Russian news quotes the
//! names of companies and other organisations; a short capitalised quoted
//! run that no head word, product word or event word explains is taken as
//! a company (a power plant, АЭС «Аккую», a place), and a one-word name
//! becomes an article alias, so that its later mentions in any case are
//! found too.
//!
//! Reads and extends one sentence's mentions and the entity table; no I/O,
//! no RDF, no facts.

use super::names::STOP_CAPS;
use super::{insert_mention, mention_at, token_lang, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind};
use crate::ingest::Lang;

/// Stems of words before a quoted name that say it is no company: products
/// and models («Газель», трактор «Беларус»), events, projects, titles of
/// works, programmes and ships.
const NOT_A_COMPANY: &[&str] = &[
    "трактор",
    "автомобил",
    "автобус",
    "машин",
    "модел",
    "марк",
    "самолет",
    "вертолет",
    "корабл",
    "судн",
    "ледокол",
    "танк",
    "комплекс",
    "систем",
    "форум",
    "выставк",
    "ярмарк",
    "фестивал",
    "конкурс",
    "саммит",
    "конференц",
    "сесс",
    "проект",
    "программ",
    "операц",
    "прем",
    "фильм",
    "книг",
    "песн",
    "спектакл",
    "орден",
    "медал",
    "поезд",
    "маршрут",
    "трасс",
    "месторожден",
    "парк",
    "зон",
    "кластер",
    "газопровод",
    "нефтепровод",
    "сорт",
];

impl Document<'_> {
    /// Quoted names in a Russian sentence that nothing else has explained,
    /// as companies.
    pub(super) fn quoted_companies(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        if self.lang() != Lang::Ru {
            return;
        }
        let n = toks.len();
        let mut i = 0;
        while i + 2 < n {
            let open = &toks[i];
            let opening = open.key == "\""
                && text[open.range.clone()] != *"»"
                && (i == 0 || toks[i - 1].range.end < open.range.start || toks[i - 1].key == "(");
            if !opening {
                i += 1;
                continue;
            }
            let Some(close) = (i + 1..n.min(i + 6)).find(|&j| toks[j].key == "\"") else {
                i += 1;
                continue;
            };
            let inner = &toks[i + 1..close];
            let name_like = !inner.is_empty()
                && (inner[0].cap || inner[0].upper)
                && !STOP_CAPS.contains(&inner[0].key.as_str())
                && inner
                    .iter()
                    .all(|t| t.kind == TokenKind::Word && t.alpha || t.key == "-")
                && inner.iter().filter(|t| t.kind == TokenKind::Word).count() <= 3
                // «Новым этапом сотрудничества»: a phrase of ordinary words.
                && !(inner.iter().any(|t| t.kind == TokenKind::Word && !t.cap && !t.upper)
                    && crate::extract::morphology::is_common_word(&text[inner[0].range.clone()]));
            let explained = (i + 1..close).any(|j| mention_at(mentions, j).is_some())
                || i > 0 && NOT_A_COMPANY.iter().any(|w| toks[i - 1].key.starts_with(w));
            if !name_like || explained {
                i = close + 1;
                continue;
            }
            // РИА «Новости»: an acronym before the quotes is part of the name.
            let acronym = i > 0
                && toks[i - 1].upper
                && toks[i - 1].kind == TokenKind::Word
                && mention_at(mentions, i - 1).is_none_or(|m| {
                    m.start == i - 1 && m.end == i && m.kind == MentionKind::Entity(Kind::Org)
                });
            let start = if acronym { i - 1 } else { i + 1 };
            let label = if acronym {
                format!(
                    "{} {}",
                    &text[toks[i - 1].range.clone()],
                    &text[toks[i + 1].range.start..toks[close - 1].range.end]
                )
            } else {
                text[toks[i + 1].range.start..toks[close - 1].range.end].to_string()
            };
            let label = label.as_str();
            // АЭС «Аккую», ГЭС «Рогун»: a power plant is a place.
            let class = if acronym
                && matches!(
                    toks[i - 1].key.as_str(),
                    "аэс" | "гэс" | "тэс" | "тэц" | "гэц"
                ) {
                Class::Place
            } else {
                Class::Company
            };
            let known = (inner.len() == 1 && !acronym)
                .then(|| self.aliases.get(&inner[0].key).copied())
                .flatten();
            let e = known.unwrap_or_else(|| self.new_entity(label, class, token_lang(&inner[0])));
            if inner.len() == 1 && !acronym && inner[0].key.chars().count() > 3 {
                for form in crate::extract::morphology::ru_forms(&inner[0].key) {
                    self.aliases.entry(form).or_insert(e);
                }
            }
            insert_mention(
                mentions,
                Mention {
                    start,
                    end: close,
                    kind: MentionKind::Entity(self.entity_kind(e)),
                    entity: Some(e),
                },
            );
            i = close + 1;
        }
    }
}
