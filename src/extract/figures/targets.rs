//! Targets and changes, not figures: "to bring trade to $2 billion", "to
//! achieve over $115 billion", "довести товарооборот до 3 млрд долларов";
//! "increased by 16,6%, or $87,133 million". Text tests over the words
//! before an amount; no I/O, no entities.

use super::text::{before_hedge, safe_slice};
use super::words::{GROWTH_WORDS, PAST_GROWTH, STRONG_PLAN_WORDS};

/// A target, not a figure: "to bring trade to $2 billion", "довести
/// товарооборот до 3 млрд долларов". Growth verbs in the past ("increased by
/// 3% to $86 bln", "вырос до") state a figure.
pub(super) fn is_target(lower: &str, before: &str, hedge: Option<&str>) -> bool {
    let prev = before.trim_end();
    // "to achieve over $115 billion", "a trade target of above US$15
    // billion", "достичь поставленной общей цели - 5 миллиардов": a verb of
    // reaching in the infinitive, or a target noun, right before the amount.
    let bare = before_hedge(before, hedge)
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':'));
    if [
        " achieve",
        " reach",
        " target of",
        " goal of",
        " target",
        " достичь",
        " достигнуть",
        " цели",
        " цель",
        " достижение",
    ]
    .iter()
    .any(|w| bare.ends_with(w))
    {
        return true;
    }
    // "есть все шансы преодолеть новый рубеж в $175 млрд", "could cross the
    // milestone of $10 billion": a milestone to be crossed (in the past,
    // "преодолел рубеж", it is a figure).
    let milestone = [
        " рубеж в",
        " рубеж",
        " отметку в",
        " отметку",
        " milestone of",
        " mark of",
    ]
    .iter()
    .any(|w| bare.ends_with(w));
    if milestone
        && [
            "преодолеть",
            "перешагнуть",
            "превысить",
            "выйти на",
            "шанс",
            " cross ",
            " surpass ",
            " exceed ",
            "could",
            "will ",
            "may ",
        ]
        .iter()
        .any(|w| before.contains(w))
    {
        return true;
    }
    // "довести объемы торговли $30 млрд", "bring trade turnover $5 billion":
    // a verb of bringing to a level before the amount makes it a target
    // even where the "to" is missing.
    if ["довести", "bring ", "нарастить"]
        .iter()
        .any(|w| before.contains(w))
    {
        return true;
    }
    if !(prev.ends_with(" to") || prev.ends_with(" до") || prev.ends_with(" of")) {
        return false;
    }
    if STRONG_PLAN_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    GROWTH_WORDS.iter().any(|w| before.contains(w))
        && !PAST_GROWTH.iter().any(|w| before.contains(w))
}

/// A change, not a level: "increased by $87 million", "grew by 16,6%, or
/// $87,133 million", "выросла на $50 млн".
pub(super) fn is_change(before: &str, hedge: Option<&str>) -> bool {
    let bare = before_hedge(before, hedge);
    bare.ends_with(" by")
        || bare.ends_with(" на")
        || (bare.ends_with(", or") || bare.ends_with(", или"))
            && (bare.contains(" by ") || bare.contains(" на "))
}

/// A change in percent at `p` with its sign: falling words near it make it
/// negative.
pub(super) fn signed_change(lower: &str, p: usize, v: &str) -> String {
    let ctx = safe_slice(lower, p.saturating_sub(40), (p + 40).min(lower.len())).unwrap_or("");
    let down = [
        "decrease",
        "decline",
        "fell",
        "down",
        "drop",
        "сниз",
        "сократил",
        "упал",
        "уменьш",
    ]
    .iter()
    .any(|w| ctx.contains(w));
    if down {
        format!("-{v}")
    } else {
        v.to_string()
    }
}
