//! Named runs: capitalised runs that name an organisation, event or place
//! by their head or tail word (the `name_words` lists), the coordination split
//! of "A and B" runs, and the word lists they and the sentence pass share
//! (CONNECTORS, STOP_CAPS, SPEECH, EN/RU_ORG_HEADS).
//!
//! Only finds spans and classes: no I/O, no RDF, no facts.

use super::bodies::portfolio_list_follows;
use super::name_words::TAILS;
use super::name_words::{BODY_ON, PLACE_TAILS, REGION_TAILS};
use super::{absorbable, is_name_word, mention_at, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind};

/// Whether a name ending in this word names an organisation, event or
/// place ("... Economic Zone", "... Province", "... Authority"), not a person.
pub(super) fn names_a_thing(key: &str) -> bool {
    TAILS.iter().any(|(w, _)| *w == key)
        || PLACE_TAILS.iter().any(|t| t.last() == Some(&key))
        || REGION_TAILS.contains(&key)
}

/// Endings of English action nouns ("construction", "development",
/// "opening", "expansion").
const ACTION_ENDINGS: &[&str] = &["tion", "sion", "ment", "ing"];

/// Lowercase words allowed inside a name when a capitalised word follows.
const CONNECTORS: &[&str] = &["of", "for", "the", "and", "de", "&"];

/// Capitalised words that start sentences or clauses but are not names.
pub(super) const STOP_CAPS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "of",
    "and",
    "as",
    "to",
    "during",
    "after",
    "before",
    "according",
    "meanwhile",
    "moreover",
    "however",
    "also",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "our",
    "his",
    "her",
    "their",
    "its",
    "speaking",
    "noting",
    "besides",
    "apart",
    "under",
    "within",
    "while",
    "since",
    "last",
    "next",
    "head",
    "chairman",
    "director",
    "deputy",
    "first",
    "former",
    "acting",
    "mr",
    "ms",
    "mrs",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "several",
    "both",
    "all",
    "some",
    "many",
    "one",
    "two",
    "there",
    "here",
];

/// Speech verbs after a bare name: "Shevtsov said".
pub(super) const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "noted",
    "added",
    "stated",
    "stressed",
    "emphasized",
    "emphasised",
    "explained",
    "recalled",
    "continued",
    "concluded",
    "announced",
    "underlined",
    "believes",
    "сказал",
    "отметил",
    "заявил",
    "сообщил",
    "подчеркнул",
    "добавил",
    "пояснил",
];

/// Russian words before a company name (prefixes of the lowercase word).
pub(super) const RU_ORG_HEADS: &[&str] = &[
    "компан",
    "завод",
    "предприят",
    "концерн",
    "холдинг",
    "банк",
    "корпорац",
    "фирм",
    "оао",
    "ооо",
    "зао",
    "пао",
    "ао",
    "объединен",
    "групп",
    "фонд",
    "производител",
    "оператор",
    "перевозчик",
    "марк",
    "автопроизводител",
];

/// English words before a company name: "potash producer Belaruskali".
pub(super) const EN_ORG_HEADS: &[&str] = &[
    "company",
    "firm",
    "operator",
    "producer",
    "maker",
    "carmaker",
    "automaker",
    "manufacturer",
    "utility",
    "bank",
    "holding",
    "concern",
    "corporation",
    "refinery",
    "developer",
    "exporter",
    "supplier",
    "giant",
    "conglomerate",
    "airline",
    "carrier",
    "lender",
    "miner",
    "insurer",
    "subsidiary",
    "affiliate",
    "brand",
    "dealer",
    "distributor",
    "retailer",
    "startup",
    "shipbuilder",
];

/// Compound makers of goods ("steelmaker Posco"); not "lawmaker",
/// "policymaker" or "filmmaker", who are people.
const EN_MAKERS: &[&str] = &[
    "steel", "chip", "truck", "tractor", "drug", "plane", "aircraft", "tool", "phone", "glass",
    "paper", "tyre", "tire", "bus", "engine", "battery", "cement", "machine", "ship", "train",
];

/// Whether a lowercase word heads a company name that follows it: a word of
/// [`EN_ORG_HEADS`] or a compound maker of goods ("steelmaker", "chipmaker").
pub(super) fn is_en_org_head(key: &str) -> bool {
    EN_ORG_HEADS.contains(&key)
        || key
            .strip_suffix("maker")
            .is_some_and(|goods| EN_MAKERS.contains(&goods))
}

impl<'a> Document<'a> {
    /// Finds a capitalised run starting at `i` that names an organisation,
    /// event or place; returns its token range and class.
    pub(super) fn named_run(
        &self,
        toks: &[Token],
        mentions: &[Mention],
        i: usize,
    ) -> Option<(usize, usize, Class)> {
        let n = toks.len();
        let mut start = i;
        // Skip sentence-initial function words.
        while start < n
            && toks[start].cap
            && STOP_CAPS.contains(&toks[start].key.as_str())
            && mention_at(mentions, start).is_none()
        {
            start += 1;
        }
        // "Construction of the Kambarata HPP", "Opening of the ...": a
        // sentence-initial action noun with "of the" names the act, not the thing.
        if (start == 0 || toks[start - 1].kind != TokenKind::Word)
            && start + 2 < n
            && toks[start + 1].key == "of"
            && toks[start + 2].key == "the"
            && mention_at(mentions, start).is_none()
            && ACTION_ENDINGS.iter().any(|e| toks[start].key.ends_with(e))
            && !TAILS.iter().any(|(w, _)| *w == toks[start].key)
        {
            start += 3;
        }
        let mut j = start;
        let mut last_good = start;
        let mut class = None;
        let mut quoted = false;
        while j < n {
            if let Some(m) = mention_at(mentions, j) {
                if m.start == j && absorbable(m.kind) {
                    j = m.end;
                    last_good = j;
                    continue;
                }
                break;
            }
            let t = &toks[j];
            // "Co-chaired", "Pre-war": a capital joined by a hyphen to a
            // lowercase word is a compound word, not part of a name.
            let compound = toks.get(j + 2).is_some_and(|w| {
                toks[j + 1].key == "-"
                    && toks[j + 1].range.start == t.range.end
                    && w.range.start == toks[j + 1].range.end
                    && w.kind == TokenKind::Word
                    && !w.cap
                    && !w.upper
            });
            if t.kind == TokenKind::Word && (t.cap || t.upper) && !compound {
                if let Some((_, c)) = TAILS.iter().find(|(w, _)| *w == t.key) {
                    // "Trend News Agency", "Saudi Press Agency": a news agency.
                    let news_agency = t.key == "agency"
                        && j > start
                        && matches!(toks[j - 1].key.as_str(), "news" | "press");
                    class = Some(if news_agency { Class::MediaOutlet } else { *c });
                }
                j += 1;
                last_good = j;
                continue;
            }
            // "Group Co. Ltd.", "Co., Ltd.": legal-form abbreviations with
            // their dots and comma stay in the name.
            if matches!(t.key.as_str(), "." | ",")
                && j > start
                && matches!(toks[j - 1].key.as_str(), "co" | "ltd" | "inc" | "corp")
                && toks
                    .get(j + 1)
                    .is_some_and(|x| matches!(x.key.as_str(), "ltd" | "limited" | "llc" | "inc"))
            {
                j += 1;
                continue;
            }
            if t.key == "."
                && j > start
                && matches!(toks[j - 1].key.as_str(), "co" | "ltd" | "inc" | "corp")
                && toks[j - 1].range.end == t.range.start
            {
                j += 1;
                last_good = j;
                continue;
            }
            if t.kind == TokenKind::Number && j > start {
                j += 1;
                last_good = j;
                continue;
            }
            // "Kambarata HPP-1": a number glued by a hyphen ends the name.
            if t.key == "-"
                && j > start
                && toks[j - 1].range.end == t.range.start
                && toks
                    .get(j + 1)
                    .is_some_and(|x| x.kind == TokenKind::Number && x.range.start == t.range.end)
            {
                j += 2;
                last_good = j;
                continue;
            }
            // "Kazakh-Chinese", "Mahindra & Mahindra"; a dash spaced on both
            // sides ("dealer in Zimbabwe – AFTRADE") separates two things.
            let spaced_dash = t.key == "-"
                && j > 0
                && toks[j - 1].range.end < t.range.start
                && toks.get(j + 1).is_some_and(|x| t.range.end < x.range.start);
            if (t.key == "-" || t.key == "&")
                && j > start
                && !spaced_dash
                && toks.get(j + 1).is_some_and(|x| x.cap || x.upper)
            {
                j += 1;
                continue;
            }
            if t.key == "\"" && j > start && !quoted {
                quoted = true;
                j += 1;
                continue;
            }
            // "Ministry of Investment, Industry and Trade of Uzbekistan": a
            // comma inside a body's portfolio list, which "and" closes.
            if t.key == ","
                && j > start
                && (TAILS
                    .iter()
                    .any(|(w, c)| *w == toks[start].key && *c == Class::GovernmentBody)
                    || (start + 1..j).any(|x| {
                        toks[x].key == "on" && BODY_ON.contains(&toks[x - 1].key.as_str())
                    }))
                && portfolio_list_follows(toks, j)
            {
                j += 1;
                continue;
            }
            // "Commission on Bilateral Cooperation", "Forum on China-Africa
            // Cooperation": "on" continues the name of a body or a meeting.
            let on_after_body = t.key == "on"
                && j > start
                && BODY_ON.contains(&toks[j - 1].key.as_str())
                && toks
                    .get(j + 1)
                    .is_some_and(|x| !STOP_CAPS.contains(&x.key.as_str()));
            if (CONNECTORS.contains(&t.key.as_str()) || on_after_body) && j > start {
                // Allowed only if a capitalised word or a mention follows soon.
                let mut k = j + 1;
                while k < n && CONNECTORS.contains(&toks[k].key.as_str()) {
                    k += 1;
                }
                if k < n
                    && (toks[k].cap
                        || toks[k].upper
                        || mention_at(mentions, k).is_some_and(|m| absorbable(m.kind)))
                {
                    j = k;
                    continue;
                }
            }
            break;
        }
        let mut end = last_good;
        // Coordination: "the Ministry of Energy and China Power International
        // Development Limited" is two names; "Ministry of Industry and Trade"
        // is one. The run ends before an "and" when both sides stand alone.
        if let Some((left_end, left_class)) = self.coordination_split(toks, mentions, start, end) {
            // A conjunct that is one existing mention is nothing new.
            if mention_at(mentions, start).is_some_and(|m| m.start == start && m.end == left_end) {
                return None;
            }
            return Some((start, left_end, left_class));
        }
        // "the Governor of Iran's East Azerbaijan Province Abedin Khorram":
        // after a title, two or three name words after the body's tail word
        // are the title holder, not part of the body's name.
        let titled = mentions.iter().any(|m| {
            matches!(m.kind, MentionKind::Role(_)) && m.end <= start && m.end + 4 >= start
        });
        if titled {
            if let Some(p) = (start..end).rev().find(|&k| {
                mention_at(mentions, k).is_none() && TAILS.iter().any(|(w, _)| *w == toks[k].key)
            }) {
                let rest = p + 1..end;
                if (2..=3).contains(&rest.len())
                    && rest
                        .clone()
                        .all(|k| is_name_word(&toks[k]) && mention_at(mentions, k).is_none())
                {
                    end = p + 1;
                    class = TAILS
                        .iter()
                        .find(|(w, _)| *w == toks[p].key)
                        .map(|(_, c)| *c);
                }
            }
        }
        // Lowercase place tails.
        for tail in PLACE_TAILS {
            if end > start
                && end + tail.len() <= n
                && tail
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks[end + k].key == *w)
            {
                end += tail.len();
                class = Some(Class::Place);
                break;
            }
        }
        // Lowercase region words: "Golestan province", "Tashkent region".
        if end > start
            && class.is_none()
            && toks
                .get(end)
                .is_some_and(|t| REGION_TAILS.contains(&t.key.as_str()) && !t.cap)
        {
            end += 1;
            class = Some(Class::Region);
        }
        let mut class = class?;
        // Power plants and stations are facilities, i.e. places.
        if end >= start + 2
            && toks[end - 2].key == "power"
            && matches!(toks[end - 1].key.as_str(), "plant" | "station")
        {
            class = Class::Place;
        }
        if end <= start {
            return None;
        }
        // The run must have a word of its own besides absorbed mentions and the tail.
        let own = (start..end)
            .filter(|&k| mention_at(mentions, k).is_none() && toks[k].kind == TokenKind::Word)
            .count();
        if own < 2 && !(own == 1 && (start..end).any(|k| mention_at(mentions, k).is_some())) {
            return None;
        }
        // Whole run is a single existing mention: nothing new.
        if let Some(m) = mention_at(mentions, start) {
            if m.start == start && m.end == end {
                return None;
            }
        }
        // A hyphenated pair of countries or demonyms names the body too:
        // "Kyrgyz-Turkish Business Forum", "Azerbaijan-Russia Intergovernmental Commission".
        if start >= 3
            && toks[start - 2].key == "-"
            && toks[start - 2].range.start == toks[start - 3].range.end
        {
            let second = mentions
                .iter()
                .find(|m| m.start == start - 1 && m.end == start);
            let first = mentions.iter().find(|m| m.end == start - 2);
            let geo = |m: &&Mention| {
                matches!(
                    m.kind,
                    MentionKind::Demonym | MentionKind::Entity(Kind::Country)
                )
            };
            if let (Some(a), Some(_)) = (first.filter(geo), second.filter(geo)) {
                start = a.start;
            }
        }
        Some((start, end, class))
    }
}
