//! Periods: month names, the period regular expression, and their
//! resolution against an [`Anchor`] (the article's year) into ISO-like
//! strings ("2013-01/2013-09", "2019-Q1").
//!
//! Pure text to values: no I/O, no RDF, no entities or observations.

use crate::extract::text::MONTHS_EN;
use crate::ingest::Article;
use regex::Regex;
use std::sync::LazyLock;

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(19[89]\d|20[0-4]\d)(?-u:\b)").unwrap());

const MONTHS_RU: &[&str] = &[
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    let en = MONTHS_EN.join("|");
    let ru = r"январ[еья]|феврал[еья]|март[еа]?|апрел[еья]|ма[еяй]|июн[еья]|июл[еья]|август[еа]?|сентябр[еья]|октябр[еья]|ноябр[еья]|декабр[еья]";
    Regex::new(&format!(
        r"(?i)(?P<mr>(?P<m_a>{en}|{ru})(?:[\s ]*[-–—][\s ]*|[\s ]+(?:through|to|till|until|and|по|и)[\s ]+)(?P<m_b>{en}|{ru})(?:[\s ]+(?:of[\s ]+)?(?P<m_y>\d{{4}}|this year|last year|этого года|текущего года|прошлого года))?)|(?P<q>(?P<q_n>first|second|third|fourth|1st|2nd|3rd|4th|I|II|III|IV|перв\w*|втор\w*|трет\w*|четверт\w*)[\s ]+(?:quarter|квартал\w*)(?:[\s ]+(?:of[\s ]+)?(?P<q_y>\d{{4}}|this year|last year|этого года|текущего года|прошлого года))?)|(?P<h>(?P<h_n>first|second|перв\w*|втор\w*)[\s ]+(?:half|полугоди\w*)(?:[\s ]+(?:of[\s ]+)?(?P<h_y>\d{{4}}|this year|last year|этого года|прошлого года))?)|(?P<fm>(?:(?:first|перв\w+)[\s ]+)?(?P<fm_n>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|два|двух|три|трех|трёх|четыре|четырех|пять|пяти|шесть|шести|семь|семи|восемь|восьми|девять|девяти|десять|десяти|одиннадцать|одиннадцати)[\s ]+(?:months|месяц\w*)(?:[\s ]+(?:of[\s ]+)?(?P<fm_y>\d{{4}}|this year|last year|этого года|текущего года|прошлого года))?)|(?P<yr>(?:from|с)[\s ]+(?P<yr_a>\d{{4}})[\s ]+(?:to|по|until|till)[\s ]+(?P<yr_b>\d{{4}})|(?P<yr_c>\d{{4}})[\s ]*[-–—][\s ]*(?P<yr_d>\d{{4}}))|(?P<rel>last year|this year|the previous year|прошл\w+[\s ]+год\w*|этого года|этом году|текущего года|текущем году)|(?P<y>(?-u:\b)(?:19[89]\d|20[0-4]\d)(?-u:\b))"
    ))
    .unwrap()
});

/// Reference years for relative periods.
pub(super) struct Anchor {
    this_year: Option<i32>,
    /// The year of the article's own date, when it has one.
    dated: Option<i32>,
}

impl Anchor {
    /// Whether a period ("2030", "2028-01/2028-06") begins after the year of
    /// the article's date: a forecast or target, not a figure.
    pub(super) fn is_future(&self, period: &str) -> bool {
        let year = period.get(0..4).and_then(|y| y.parse::<i32>().ok());
        matches!((self.dated, year), (Some(d), Some(y)) if y > d)
    }

    pub(super) fn new(article: &Article) -> Anchor {
        if let Some(y) = article
            .date
            .as_deref()
            .and_then(|d| d.get(0..4))
            .and_then(|y| y.parse().ok())
        {
            return Anchor {
                this_year: Some(y),
                dated: Some(y),
            };
        }
        let text = article.text.to_lowercase();
        let max = YEAR
            .find_iter(&text)
            .filter_map(|m| m.as_str().parse::<i32>().ok())
            .max();
        let relative_past = [
            "last year",
            "прошлого года",
            "прошлом году",
            "previous year",
        ]
        .iter()
        .any(|w| text.contains(w));
        Anchor {
            this_year: max.map(|y| if relative_past { y + 1 } else { y }),
            dated: None,
        }
    }

    fn resolve(&self, y: Option<&str>) -> Option<i32> {
        match y.map(|s| s.to_lowercase()) {
            None => self.this_year,
            Some(s) if s.chars().all(|c| c.is_ascii_digit()) => s.parse().ok(),
            Some(s) if s.contains("last") || s.contains("прошл") || s.contains("previous") => {
                self.this_year.map(|y| y - 1)
            }
            Some(_) => self.this_year,
        }
    }
}

fn month_index(m: &str) -> Option<usize> {
    let l = m.to_lowercase();
    MONTHS_EN.iter().position(|x| *x == l).or_else(|| {
        // Russian: longest stem first so "март" is not "ма".
        let mut best = None;
        for (i, stem) in MONTHS_RU.iter().enumerate() {
            if l.starts_with(stem) && best.is_none_or(|(_, len)| stem.len() > len) {
                best = Some((i, stem.len()));
            }
        }
        best.map(|(i, _)| i)
    })
}

fn ordinal(s: &str) -> Option<u32> {
    let l = s.to_lowercase();
    Some(match l.as_str() {
        "first" | "1st" | "i" => 1,
        "second" | "2nd" | "ii" => 2,
        "third" | "3rd" | "iii" => 3,
        "fourth" | "4th" | "iv" => 4,
        _ if l.starts_with("перв") => 1,
        _ if l.starts_with("втор") => 2,
        _ if l.starts_with("трет") => 3,
        _ if l.starts_with("четверт") => 4,
        _ => return None,
    })
}

fn small_number(s: &str) -> Option<u32> {
    let words = [
        "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    ];
    // Russian numerals, nominative and genitive ("два", "двух").
    let ru: [&[&str]; 12] = [
        &[],
        &[],
        &["два", "двух"],
        &["три", "трех", "трёх"],
        &["четыре", "четырех"],
        &["пять", "пяти"],
        &["шесть", "шести"],
        &["семь", "семи"],
        &["восемь", "восьми"],
        &["девять", "девяти"],
        &["десять", "десяти"],
        &["одиннадцать", "одиннадцати"],
    ];
    let l = s.to_lowercase();
    s.parse().ok().or_else(|| {
        words
            .iter()
            .position(|w| *w == l)
            .or_else(|| ru.iter().position(|forms| forms.contains(&l.as_str())))
            .map(|p| p as u32)
    })
}

/// Period expressions in a sentence: (byte start, byte end, period literal).
pub(super) fn find_periods(s: &str, anchor: &Anchor) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for found in PERIOD.find_iter(s) {
        let Some(c) = PERIOD.captures(found.as_str()) else {
            continue;
        };
        let m = found;
        let p = if c.name("mr").is_some() {
            let (Some(a), Some(b)) = (month_index(&c["m_a"]), month_index(&c["m_b"])) else {
                continue;
            };
            let Some(y) = anchor
                .resolve(c.name("m_y").map(|x| x.as_str()))
                .or_else(|| year_after(s, m.end()))
            else {
                continue;
            };
            format!("{y}-{:02}/{y}-{:02}", a + 1, b + 1)
        } else if c.name("q").is_some() {
            let Some(q) = ordinal(&c["q_n"]) else {
                continue;
            };
            let Some(y) = c
                .name("q_y")
                .map(|x| x.as_str())
                .map(|x| anchor.resolve(Some(x)))
                .unwrap_or_else(|| year_after(s, m.end()).or(anchor.this_year))
            else {
                continue;
            };
            format!("{y}-Q{q}")
        } else if c.name("h").is_some() {
            let Some(h) = ordinal(&c["h_n"]) else {
                continue;
            };
            let Some(y) = c
                .name("h_y")
                .map(|x| anchor.resolve(Some(x.as_str())))
                .unwrap_or_else(|| year_after(s, m.end()).or(anchor.this_year))
            else {
                continue;
            };
            if h == 1 {
                format!("{y}-01/{y}-06")
            } else {
                format!("{y}-07/{y}-12")
            }
        } else if c.name("fm").is_some() {
            let Some(n) = small_number(&c["fm_n"]).filter(|n| (1..=12).contains(n)) else {
                continue;
            };
            let Some(y) = c
                .name("fm_y")
                .map(|x| anchor.resolve(Some(x.as_str())))
                .unwrap_or_else(|| year_after(s, m.end()).or(anchor.this_year))
            else {
                continue;
            };
            format!("{y}-01/{y}-{n:02}")
        } else if c.name("yr").is_some() {
            let a = c.name("yr_a").or(c.name("yr_c")).unwrap().as_str();
            let b = c.name("yr_b").or(c.name("yr_d")).unwrap().as_str();
            format!("{a}/{b}")
        } else if let Some(r) = c.name("rel") {
            let Some(y) = anchor.resolve(Some(r.as_str())) else {
                continue;
            };
            y.to_string()
        } else if let Some(y) = c.name("y") {
            y.as_str().to_string()
        } else {
            continue;
        };
        out.push((m.start(), m.end(), p));
    }
    out
}

fn year_after(s: &str, from: usize) -> Option<i32> {
    let rest = &s[from..];
    let m = YEAR.find(rest)?;
    (m.start() < 12).then(|| m.as_str().parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let anchor = Anchor {
            this_year: Some(2013),
            dated: Some(2013),
        };
        assert!(anchor.is_future("2030"));
        assert!(!anchor.is_future("2013-01/2013-06"));
        let p = |s: &str| {
            find_periods(s, &anchor)
                .into_iter()
                .map(|p| p.2)
                .collect::<Vec<_>>()
        };
        assert_eq!(p("In January-February 2013 trade"), vec!["2013-01/2013-02"]);
        assert_eq!(
            p("за первые два месяца текущего года"),
            vec!["2013-01/2013-02"]
        );
        assert_eq!(p("за 9 месяцев 2017 года"), vec!["2017-01/2017-09"]);
        assert_eq!(p("За январь и февраль 2012 года"), vec!["2012-01/2012-02"]);
        assert_eq!(p("В январе-сентябре этого года"), vec!["2013-01/2013-09"]);
        assert_eq!(p("по итогам прошлого года"), vec!["2012"]);
        assert_eq!(p("in the first quarter of 2019"), vec!["2019-Q1"]);
        assert_eq!(p("in the first half of 2022"), vec!["2022-01/2022-06"]);
        assert_eq!(p("in the first 11 months of 2022"), vec!["2022-01/2022-11"]);
        assert_eq!(p("с 2006 по 2012 годы"), vec!["2006/2012"]);
        assert_eq!(p("last year"), vec!["2012"]);
        assert_eq!(p("in 2021"), vec!["2021"]);
    }
}
