//! Trade between the article's pair stated without naming both: "the trade
//! turnover nearly tripled", "to increase annual trade exchanges to three
//! billion dollars", "торговые связи с Бангладеш развиты недостаточно",
//! "цель — достичь $2 млрд товарооборота". Such trade is the pair's where
//! the sentence names one of the pair or no one, and that of the two
//! countries or regions it names otherwise: one `tradesWith`, stated once.
//!
//! Reads the finished sentences; no I/O, no RDF, and it adds no entities or
//! mentions.

use super::facts::pair_stated;
use super::{Document, MentionKind};
use crate::extract::{Class, Fact, Kind, Object, Predicate};

/// Phrases (token keys joined by spaces) of trade between two parties; a
/// trailing "*" lets the last word go on ("товарооборот*").
const PAIR_TRADE: &[&str] = &[
    "trade turnover",
    "trade exchange*",
    "trade volume*",
    "volume of trade",
    "bilateral trade",
    "mutual trade",
    "trade between",
    "trade ties",
    "trade relations",
    "trade and economic relations",
    "commercial trade",
    "товарооборот*",
    "торговые связи",
    "торговых связей",
    "торговыми связями",
    "взаимной торговли",
    "взаимная торговля",
    "взаимную торговлю",
    "взаимного товарооборота",
    "объем торговли",
    "объема торговли",
    "объемы торговли",
];

/// Whether the words hold one of the phrases.
fn states_pair_trade(words: &[&str]) -> bool {
    PAIR_TRADE.iter().any(|phrase| {
        let parts: Vec<&str> = phrase.split(' ').collect();
        words.windows(parts.len()).any(|w| {
            parts
                .iter()
                .zip(w)
                .all(|(p, word)| match p.strip_suffix('*') {
                    Some(stem) => word.starts_with(stem),
                    None => p == word,
                })
        })
    })
}

impl Document<'_> {
    /// `tradesWith` from the first sentence that speaks of trade between
    /// two sides, unless the pair's trade is stated already.
    pub fn bilateral_trade(&self, facts: &mut Vec<Fact>) {
        let main = self.main_parties();
        if main.len() < 2 || pair_stated(facts, &main, Predicate::TradesWith) {
            return;
        }
        for (i, sent) in self.sentences.iter().enumerate() {
            let words: Vec<&str> = sent.tokens.iter().map(|t| t.key.as_str()).collect();
            // A country's total, foreign or world trade is no pair's.
            let total = words.iter().any(|w| {
                [
                    "foreign",
                    "total",
                    "global",
                    "world",
                    "external",
                    "внешней",
                    "внешняя",
                    "внешнюю",
                    "мировой",
                    "мировая",
                    "общий",
                    "общего",
                    "общая",
                    "общем",
                ]
                .contains(w)
                    || w.starts_with("внешнеторгов")
            });
            if total || !states_pair_trade(&words) {
                continue;
            }
            // The sides the sentence names: two countries or regions, one
            // of them of the pair, are the sides ("торговые связи Татарстана
            // с Бангладеш"); one of the pair or none leaves the pair;
            // anything else is another trade.
            let mut named: Vec<usize> = sent
                .mentions
                .iter()
                .filter(|m| {
                    matches!(
                        m.kind,
                        MentionKind::Entity(Kind::Country | Kind::Place) | MentionKind::Demonym
                    )
                })
                .filter_map(|m| m.entity)
                .filter(|&e| matches!(self.entities[e].class, Class::Country | Class::Region))
                .collect();
            named.sort_unstable();
            named.dedup();
            let (a, b) = match named[..] {
                [] => (main[0], main[1]),
                [x] if main.contains(&x) => (main[0], main[1]),
                [x, y] if main.contains(&x) || main.contains(&y) => (x, y),
                _ => continue,
            };
            facts.push(Fact {
                subject: a,
                predicate: Predicate::TradesWith,
                object: Object::Entity(b),
                sentence: i,
                via: "trade of the sides named".into(),
            });
            return;
        }
    }
}
