//! Which trigger word gives an amount its kind ("exports", "импорт",
//! "investment"): one tied to the amount right after it ("$46 млн — на
//! импорт"), else the last before it in its clause, else the first after.
//! Works on the text alone: no entities, no I/O.

use super::words::TRIGGERS;
use crate::extract::ObsKind;

/// The trigger of the amount between `before` and `after` (each with its
/// offset in the sentence): its position in the sentence, kind, and whether
/// the sides are reversed ("import").
pub(super) fn nearest_trigger(
    (before, before_at): (&str, usize),
    (after, after_at): (&str, usize),
) -> Option<(usize, ObsKind, bool)> {
    if let Some((p, kind, rev)) = trigger_right_after(after) {
        return Some((after_at + p, kind, rev));
    }
    let mut trigger: Option<(usize, ObsKind, bool)> = None;
    for (w, kind, rev) in TRIGGERS {
        if let Some(p) = before.rfind(w) {
            let abs = before_at + p;
            if trigger.is_none_or(|(q, _, _)| abs > q) {
                trigger = Some((abs, *kind, *rev));
            }
        }
    }
    if trigger.is_none() {
        for (w, kind, rev) in TRIGGERS {
            if let Some(p) = after.find(w) {
                let abs = after_at + p;
                if trigger.is_none_or(|(q, _, _)| abs < q) {
                    trigger = Some((abs, *kind, *rev));
                }
            }
        }
    }
    trigger
}

/// A trigger word standing right after an amount, past dashes and a few
/// linking words with a preposition among them: "$46 миллионов — на
/// импорт", "$22 million in exports", "$5 млн приходится на экспорт". Its
/// offset in `after`, kind, reversal. A comma before the word ("$3 bn,
/// exports - $1 bn") makes it the next amount's label.
pub(super) fn trigger_right_after(after: &str) -> Option<(usize, ObsKind, bool)> {
    const LINKS: &[&str] = &["на", "in", "приходится", "пришлось", "пришлись"];
    const PREPOSITIONS: &[&str] = &["на", "in"];
    let mut offset = 0;
    let mut linked = false;
    for word in after.split_inclusive(|c: char| c.is_whitespace()) {
        let w = word
            .trim()
            .trim_matches(|c: char| matches!(c, '-' | '–' | '—'));
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        if bare.is_empty() || LINKS.contains(&bare) {
            if w.contains(',') {
                return None;
            }
            linked |= PREPOSITIONS.contains(&bare);
            offset += word.len();
            continue;
        }
        if !linked {
            return None;
        }
        let start = offset + word.find(|c: char| c.is_alphabetic()).unwrap_or(0);
        return TRIGGERS
            .iter()
            .find(|(t, _, _)| bare.starts_with(t))
            .map(|&(_, kind, rev)| (start, kind, rev));
    }
    None
}

/// The side a trigger word names as its owner right after it: "экспорт
/// Турции в Иран", "экспорт нефти и газа Ирана", "exports of Turkey to
/// Iran". `names` are (start, end, entity) in the sentence; the words
/// between the trigger and the name may be a commodity (up to four words
/// without a preposition, Russian) or "of" (English). A Russian name in
/// the dative receives ("экспорт Китаю") and is no owner.
pub(super) fn owner_after_trigger(
    lower: &str,
    tpos: usize,
    names: &[&(usize, usize, usize)],
) -> Option<usize> {
    const RU_PREPOSITIONS: &[&str] = &[
        "в", "во", "из", "на", "с", "со", "от", "к", "по", "для", "до", "за",
    ];
    let word_end = tpos + lower[tpos..].find(char::is_whitespace)?;
    let g = names
        .iter()
        .filter(|g| g.0 >= word_end)
        .min_by_key(|g| g.0)?;
    let between: Vec<&str> = lower[word_end..g.0].split_whitespace().collect();
    let russian = lower[tpos..word_end]
        .chars()
        .any(|c| matches!(c, 'а'..='я'));
    // A dative name receives ("экспорт Китаю"): no owner.
    let dative = lower[g.0..g.1]
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(['у', 'ю']));
    let fits = if russian {
        !dative
            && between.len() <= 4
            && between.iter().all(|w| {
                w.chars().all(|c| matches!(c, 'а'..='я' | 'ё')) && !RU_PREPOSITIONS.contains(w)
            })
    } else {
        between == ["of"]
    };
    fits.then_some(g.2)
}
