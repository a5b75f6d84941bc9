//! Series of figures by period in one sentence: "$15.6 million in 2006,
//! $87.9 million in 2007, ... $44.9 million in the first half of 2017", "в
//! 2015 году – $61,2 млн, 2016 – $58,4 млн". Each amount after the first
//! continues the first one's kind and parties with its own period.
//!
//! Pure text tests over one sentence; no I/O, no entities.

use super::text::before_hedge;

/// Words that may stand between two amounts of a series besides their
/// periods ("to", "до": a range from one period's figure to another's).
const LINKS: &[&str] = &[
    "in", "and", "the", "of", "for", "year", "years", "и", "в", "во", "за", "году", "года", "год",
    "г", "а", "to", "до",
];

/// Whether the text between the previous amount and this one (`start..end`
/// of the sentence `lower`) holds nothing but periods, punctuation and
/// linking words, and at least one period: the amount continues a series.
pub(super) fn continues(
    lower: &str,
    periods: &[(usize, usize, String)],
    start: usize,
    end: usize,
) -> bool {
    let inside: Vec<&(usize, usize, String)> = periods
        .iter()
        .filter(|p| p.0 >= start && p.1 <= end)
        .collect();
    if inside.is_empty() && !periods.iter().any(|p| p.0 >= end) {
        return false;
    }
    let mut rest = String::new();
    let mut at = start;
    for p in &inside {
        rest.push_str(&lower[at..p.0]);
        rest.push(' ');
        at = p.1;
    }
    rest.push_str(&lower[at..end]);
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| LINKS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// The period of a series item: on the side of the amount where the first
/// item had its own ("$87.9 million in 2007" after, "2016 – $58.4 million"
/// before).
pub(super) fn item_period(
    periods: &[(usize, usize, String)],
    amount: (usize, usize),
    clause: (usize, usize),
    after_side: bool,
) -> Option<String> {
    let before = || {
        periods
            .iter()
            .filter(|p| p.0 >= clause.0 && p.1 <= amount.0)
            .max_by_key(|p| p.1)
    };
    let after = || {
        periods
            .iter()
            .filter(|p| p.0 >= amount.1 && p.1 <= clause.1)
            .min_by_key(|p| p.0)
    };
    if after_side {
        after().or_else(before)
    } else {
        before().or_else(after)
    }
    .map(|p| p.2.clone())
}

/// Whether an amount is the earlier figure a change is measured against:
/// "17 percent more than $78.905 million in January–February 2023", "рост
/// по сравнению с $2,1 млрд в 2022 году".
pub(super) fn compared(before: &str, hedge: Option<&str>) -> bool {
    let bare =
        before_hedge(before, hedge).trim_end_matches(|c: char| c.is_whitespace() || c == ',');
    let by_ratio = matches!(hedge, Some("more than" | "less than"))
        && (bare.ends_with("percent")
            || bare.ends_with('%')
            || bare.ends_with("times")
            || bare.ends_with("процента")
            || bare.ends_with("процентов"));
    by_ratio
        || [
            " than",
            "compared to",
            "compared with",
            " against",
            "по сравнению с",
            " против",
            " чем",
        ]
        .iter()
        .any(|w| bare.ends_with(w))
}

/// "In the corresponding months of 2023", "the same period of 2021": the
/// months of the figure compared with (`head`, "2024-01/2024-02"), in the
/// year given.
pub(super) fn corresponding(year: &str, words: &str, head: Option<&str>) -> String {
    let same = ["corresponding", "same period", "same months", "аналогичн"]
        .iter()
        .any(|w| words.contains(w));
    match head {
        Some(h) if same && year.len() == 4 && h.len() > 4 && h.get(0..4).is_some() => {
            h.replace(&h[0..4], year)
        }
        _ => year.to_string(),
    }
}

/// Whether the words between an amount and a period after it make the
/// period that of a comparison ("$96,8 млн — на 24,5% меньше, чем в 2023
/// году", "(108,3% к уровню 2017-го)", "up 5% compared to 2022"), not the
/// amount's own.
pub(super) fn compared_period(words: &str) -> bool {
    let tail: String = words
        .chars()
        .rev()
        .take(45)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        " than",
        " чем",
        "compared",
        "сравнени",
        "against",
        "к уровню",
        " против",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linking_text_between_amounts() {
        let s = "$15.6 million in 2006, $87.9 million in 2007";
        let periods = vec![(17, 21, "2006".to_string()), (40, 44, "2007".to_string())];
        assert!(continues(s, &periods, 13, 23));
        let s = "$15.6 million in 2006, while exports reached $3 million";
        assert!(!continues(s, &periods[..1], 13, 45));
        assert_eq!(
            item_period(&periods, (23, 36), (13, 44), true),
            Some("2007".to_string())
        );
        assert_eq!(
            item_period(&periods, (23, 36), (13, 44), false),
            Some("2006".to_string())
        );
        assert!(compared(
            " which is 17 percent more than ",
            Some("more than")
        ));
        assert!(!compared(" up from ", None));
        assert!(compared(" compared with ", None));
        assert!(compared_period(" — на 24,5% меньше, чем в "));
        assert!(compared_period(" (108,3% к уровню "));
        assert!(!compared_period(" in "));
        assert_eq!(
            corresponding(
                "2023",
                " in the corresponding months of ",
                Some("2024-01/2024-02")
            ),
            "2023-01/2023-02"
        );
        assert_eq!(
            corresponding("2023", " in ", Some("2024-01/2024-02")),
            "2023"
        );
    }
}
