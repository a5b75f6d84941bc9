//! Word lists of the figure stage: triggers that give an amount its kind,
//! blockers, anaphors of the previous figure, plan and growth words, and
//! breakdown phrases.
//!
//! Data only: no logic, no I/O, no RDF.

use crate::extract::ObsKind;

/// Trigger words and the observation kind they introduce (lowercase prefixes).
pub(super) const TRIGGERS: &[(&str, ObsKind, bool)] = &[
    ("trade turnover", ObsKind::TradeTurnover, false),
    ("turnover", ObsKind::TradeTurnover, false),
    ("trade", ObsKind::TradeTurnover, false),
    ("товарооборот", ObsKind::TradeTurnover, false),
    ("торгов", ObsKind::TradeTurnover, false),
    ("invest", ObsKind::Investment, false),
    ("инвест", ObsKind::Investment, false),
    ("вложени", ObsKind::Investment, false),
    ("attract", ObsKind::Investment, true),
    ("привлек", ObsKind::Investment, true),
    ("export", ObsKind::Export, false),
    ("экспорт", ObsKind::Export, false),
    ("import", ObsKind::Export, true),
    ("импорт", ObsKind::Export, true),
];

/// Words that make a figure something else (balances, shares of a total).
pub(super) const BLOCKERS: &[&str] = &[
    "surplus",
    "deficit",
    "balance",
    "сальдо",
    "профицит",
    "дефицит",
    "share",
    "доля",
];

/// Words that refer back to the figure of the previous sentence.
pub(super) const FIGURE_ANAPHORS: &[&str] = &[
    " it ",
    "it totaled",
    "it totalled",
    "it amounted",
    "it reached",
    "it stood",
    "the figure",
    "this figure",
    "the indicator",
    "the volume",
    " он ",
    " она ",
    "показател",
    "этот объем",
];

/// Words of plans and goals; an amount after "to"/"до" in such a sentence is a target.
pub(super) const STRONG_PLAN_WORDS: &[&str] = &[
    "bring",
    "aim",
    "target",
    "goal",
    "plan",
    "intend",
    "want",
    "will ",
    "could",
    "would",
    "should",
    "expect",
    "seek",
    "potential",
    "довести",
    "планир",
    "намерен",
    "цель",
    "задач",
    "хотим",
    "может",
    "могут",
    "будет",
    "ожида",
];

/// Growth words that make "to $N" a target unless in the past tense.
pub(super) const GROWTH_WORDS: &[&str] = &[
    "increase",
    "boost",
    "raise",
    "double",
    "увелич",
    "нарастить",
    "рост",
];

pub(super) const PAST_GROWTH: &[&str] = &[
    "increased",
    "rose",
    "grew",
    "went up",
    "jumped",
    "climbed",
    "surged",
    "увеличил",
    "вырос",
    "выросл",
    "возрос",
];

pub(super) const BREAKDOWN: &[&str] = &[
    "with",
    "of which",
    "including",
    "из них",
    "в том числе",
    "including",
];
