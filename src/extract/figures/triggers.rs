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
fn trigger_right_after(after: &str) -> Option<(usize, ObsKind, bool)> {
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
