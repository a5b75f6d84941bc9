//! News sources named where the text attributes itself: after an
//! attribution word ("передает ИА El.kz", "Source: Beta", "..., reports
//! NDTV", "в эфире Радио Свобода"), before one ("Trend reports", "Об этом
//! SNG.Today сообщили"), and in the dateline that opens an article ("LAGOS
//! (Nairametrics) –", "БАКУ/Trend/ –", "УзТАГ – В легкой ...").
//!
//! Adds media-outlet mentions and entities only: no I/O, no RDF, no facts.

use super::name_words::TAILS;
use super::names::STOP_CAPS;
use super::{insert_mention, token_lang, Document, Mention, MentionKind};
use crate::extract::text::{is_month_word, Token, TokenKind};
use crate::extract::{Class, Kind};

/// Words after which a news source is named: "передает ИА El.kz".
const ATTRIBUTION_BEFORE: &[&str] = &[
    "передает",
    "сообщает",
    "пишет",
    "сообщило",
    "сообщили",
    "эфире",
    "сайте",
];

/// Nouns between an attribution verb and the source's name.
const SOURCE_NOUNS: &[&str] = &[
    "ия",
    "иа",
    "агентство",
    "информагентство",
    "издание",
    "портал",
    "газета",
    "телеканал",
    "телеканала",
    "радиостанции",
];

/// Words after which only a name that looks like a news source's is one
/// ("told NDTV", "in an interview with Radio Liberty"): a person may follow
/// them too.
const MEDIA_CONTEXT_BEFORE: &[&[&str]] = &[
    &["told"],
    &["interview", "with"],
    &["quoted", "by"],
    &["seen", "by"],
    &["интервью"],
];

/// Sentences of an article's opening in which a dateline may stand.
const DATELINE_SENTENCES: usize = 3;

fn is_dash(t: &Token) -> bool {
    matches!(t.key.as_str(), "-" | "–" | "—")
}

impl Document<'_> {
    /// Media-outlet mentions for the sources the sentence names (see the
    /// module doc). `index` is the sentence's place in the article.
    pub(super) fn attributed_sources(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        index: usize,
    ) {
        let n = toks.len();
        let free =
            |mentions: &[Mention], i: usize| !mentions.iter().any(|m| m.start <= i && i < m.end);
        let name_at = |i: usize, mentions: &[Mention]| {
            let mut j = i;
            while j < n
                && j < i + 3
                && toks[j].kind == TokenKind::Word
                && (toks[j].cap || toks[j].upper)
                && !STOP_CAPS.contains(&toks[j].key.as_str())
                && free(mentions, j)
            {
                j += 1;
            }
            // "El.kz", "SNG.Today": a dotted name is one.
            while j + 1 < n
                && j > i
                && toks[j].key == "."
                && toks[j].range.start == toks[j - 1].range.end
                && toks[j + 1].range.start == toks[j].range.end
                && toks[j + 1].kind == TokenKind::Word
            {
                j += 2;
            }
            j
        };
        // A name that looks like a news source's: an acronym ("NDTV"), a
        // dotted name ("Palmoilmagazine.com"), a media word at its end ("Lusaka
        // Times") or a broadcaster's at its start ("Radio Liberty").
        let media_like = |start: usize, end: usize| {
            let last = &toks[end - 1].key;
            toks[start].upper
                || (start..end).any(|j| toks[j].key == ".")
                || TAILS
                    .iter()
                    .any(|(w, c)| *c == Class::MediaOutlet && w == last)
                || matches!(toks[start].key.as_str(), "radio" | "радио" | "tv")
        };
        // The sentence ends, or its clause does, right after the name.
        let closes = |end: usize| {
            end == n || matches!(toks[end].key.as_str(), "." | "," | ";" | ")" | "!" | "?")
        };
        let mut i = 0;
        while i < n {
            let k = toks[i].key.as_str();
            let found =
                if ATTRIBUTION_BEFORE.contains(&k)
                    || k == "source" && toks.get(i + 1).is_some_and(|t| t.key == ":")
                {
                    let mut s0 = i + 1;
                    while s0 < n
                        && (toks[s0].key == ":" || SOURCE_NOUNS.contains(&toks[s0].key.as_str()))
                    {
                        s0 += 1;
                    }
                    Some((s0, name_at(s0, mentions), false))
                } else if k == "news"
                    && !toks[i].cap
                    && toks.get(i + 1).is_some_and(|t| t.key == "agency")
                    && i >= 1
                {
                    // "reported Antara news agency": the name before.
                    let mut s0 = i;
                    while s0 > 0
                        && i - s0 < 3
                        && toks[s0 - 1].kind == TokenKind::Word
                        && toks[s0 - 1].cap
                        && !STOP_CAPS.contains(&toks[s0 - 1].key.as_str())
                    {
                        s0 -= 1;
                    }
                    (s0 < i).then_some((s0, i, false))
                } else if matches!(k, "reports" | "reported" | "writes" | "wrote")
                    && i >= 1
                    && toks[i - 1].key == ","
                {
                    // "..., reports NDTV.": the name after, closing the clause.
                    let end = name_at(i + 1, mentions);
                    (end > i + 1 && closes(end)).then_some((i + 1, end, false))
                } else if matches!(k, "reports" | "reported" | "writes" | "wrote")
                    && i >= 1
                    && (i < 2 || matches!(toks[i - 2].key.as_str(), "," | "(" | "–" | "-"))
                {
                    // ", Trend reports": the name before.
                    let s0 = i - 1;
                    (toks[s0].kind == TokenKind::Word && (toks[s0].cap || toks[s0].upper))
                        .then_some((s0, s0 + 1, false))
                } else if let Some(ctx) = MEDIA_CONTEXT_BEFORE.iter().find(|ws| {
                    toks[i..]
                        .iter()
                        .map(|t| t.key.as_str())
                        .take(ws.len())
                        .eq(ws.iter().copied())
                }) {
                    let s0 = i + ctx.len();
                    let end = name_at(s0, mentions);
                    (end > s0 && closes(end) && media_like(s0, end)).then_some((s0, end, true))
                } else if k == "ранее" || k == "этом" && i > 0 && toks[i - 1].key == "об"
                {
                    // "Об этом SNG.Today сообщили", "Ранее Kursiv писал": the name
                    // before the attribution verb.
                    let end = name_at(i + 1, mentions);
                    let verb = toks.get(end).is_some_and(|t| {
                        ["сообщ", "пиш", "писал", "перед"]
                            .iter()
                            .any(|v| t.key.starts_with(v))
                    });
                    (end > i + 1 && verb).then_some((i + 1, end, false))
                } else if index < DATELINE_SENTENCES {
                    dateline_source(text, toks, mentions, i, &name_at).map(|(a, b)| (a, b, true))
                } else {
                    None
                };
            let Some((start, end, trusted)) = found else {
                i += 1;
                continue;
            };
            // "сообщает РИА «Новости»": the name goes on in quotes (see `quoted`).
            let quote_follows = toks.get(end).is_some_and(|t| t.key == "\"");
            if !quote_follows
                && (end > start && (start..end).all(|j| free(mentions, j)) && !toks[start].cyrillic
                    || end > start && toks[start].upper && (start..end).all(|j| free(mentions, j))
                    || end > start
                        && (start..end).all(|j| free(mentions, j))
                        && (trusted || media_like(start, end)))
            {
                let label = &text[toks[start].range.start..toks[end - 1].range.end];
                let e = self.new_entity(label, Class::MediaOutlet, token_lang(&toks[start]));
                if self.entities[e].class.kind() == Kind::Org {
                    insert_mention(
                        mentions,
                        Mention {
                            start,
                            end,
                            kind: MentionKind::Entity(Kind::Org),
                            entity: Some(e),
                        },
                    );
                }
                i = end;
                continue;
            }
            i += 1;
        }
    }
}

/// A source in an article's dateline, at token `i`: "LAGOS (Nairametrics)
/// –", "ACCRA, March 3 (GNA) –", "БАКУ/Trend/ –", or an acronym opening
/// the sentence before a dash ("УзТАГ – В легкой промышленности").
fn dateline_source(
    text: &str,
    toks: &[Token],
    mentions: &[Mention],
    i: usize,
    name_at: &dyn Fn(usize, &[Mention]) -> usize,
) -> Option<(usize, usize)> {
    let n = toks.len();
    // Everything before is the dateline's place and date.
    let dateline_before = (0..i).all(|j| {
        let t = &toks[j];
        mentions
            .iter()
            .any(|m| m.start <= j && j < m.end && m.kind == MentionKind::Entity(Kind::Place))
            || t.upper
            || t.kind == TokenKind::Number
            || is_month_word(&t.key)
            || matches!(t.key.as_str(), "," | ".")
    });
    if !dateline_before {
        return None;
    }
    match toks[i].key.as_str() {
        "(" | "/" if i > 0 => {
            let close = if toks[i].key == "(" { ")" } else { "/" };
            let end = name_at(i + 1, mentions);
            let closed = toks
                .get(end)
                .is_some_and(|t| t.key == close || is_dash(t) && close == ")");
            (end > i + 1 && closed).then_some((i + 1, end))
        }
        _ if i == 0 => {
            let end = name_at(0, mentions);
            // An acronym, written in capitals or mixed ("УзТАГ").
            let mixed = |t: &Token| {
                let word = &text[t.range.clone()];
                t.upper || t.cap && word.chars().skip(1).any(char::is_uppercase)
            };
            let dashed = end > 0 && end < n && is_dash(&toks[end]);
            let looks = (0..end).any(|j| toks[j].key == ".") || mixed(&toks[0]);
            (dashed && looks).then_some((0, end))
        }
        _ => None,
    }
}
