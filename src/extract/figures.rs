//! Figures: money amounts become trade, investment and export observations
//! with their parties, currency, hedge, change and period.
//!
//! Amounts are found by regular expressions over each sentence ("$2.5
//! billion", "2.5bn USD", "US$ 802.2 million", "223,3 млн долларов", "1,5
//! трлн рублей", "13,8 млн. долл."); the kind comes from the nearest trigger
//! word; parties from mentions around the trigger, else from the article's
//! two most-mentioned countries; periods from the nearest period expression,
//! resolved against the article date or the years the article states.

use super::entities::{Document, MentionKind, SentenceInfo};
use super::{Extraction, Fact, Kind, Object, ObsKind, ObsRole, Observation, Predicate};
use crate::ingest::Article;
use regex::Regex;
use std::sync::LazyLock;

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?P<hedge>more than|over|about|around|nearly|almost|approximately|roughly|up to|at least|exceeding|exceeded|свыше|более чем|более|около|почти|порядка|примерно|не менее)?[\s ]*",
        r"(?:",
        // $2.5 billion, US$ 802.2 million, €120 million, USD 5 mln
        r"(?P<sym>US\$|\$|€|£|₽|(?-i:(?-u:\b)(?:USD|EUR|RUB|CNY|RMB|KZT|UZS|AZN|SAR|AED|INR|SR|Rs\.?)))[\s ]?(?P<n1>\d[\d,]*(?:\.\d+)?)[\s ]*(?P<m1>(?:trillion|billion|million|thousand|tn|bn|bln|mln|mn|m|k)(?-u:\b)|трлн|млрд|млн|тыс)?",
        r"|",
        // 2.5bn USD, 5 million dollars, 120 million euros
        r"(?P<n2>\d[\d,]*(?:\.\d+)?)[\s ]*(?P<m2>trillion|billion|million|thousand|tn|bn|bln|mln|mn)?[\s ]*(?P<c2>US dollars|U\.S\. dollars|dollars|USD|euros?|EUR|rubles|roubles|RUB|yuan|CNY|RMB|manats?|AZN|tenge|KZT|soums?|UZS|lari|GEL|liras?|TRY|riyals?|SAR|dirhams?|AED|rupees|INR)(?-u:\b)",
        r"|",
        // 223,3 млн долларов, 1,5 трлн рублей, 13,8 млн. долл., 500 долларов
        r"(?P<n3>\d[\d\s ]*(?:,\d+)?)[\s ]*(?P<m3>трлн|млрд|млн|тыс)?\.?[\s ]*(?P<c3>долл(?:ар(?:ов|а|ы)?)?\.?(?:[\s ]+США)?|евро|руб(?:лей|ля|ль)?\.?|юаней|юаня|манат(?:ов|а)?|тенге|сум(?:ов|а)?|лари|лир)",
        r")"
    ))
    .unwrap()
});
/// Any currency word or sign: sentences without one have no amounts.
static CURRENCY_HINT: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "$",
            "€",
            "£",
            "usd",
            "eur",
            "rub",
            "dollar",
            "euro",
            "roubl",
            "yuan",
            "cny",
            "manat",
            "azn",
            "tenge",
            "kzt",
            "soum",
            "uzs",
            "lari",
            "gel",
            "lira",
            "try",
            "₽",
            "rmb",
            "riyal",
            "sar",
            "sr",
            "dirham",
            "aed",
            "rupee",
            "inr",
            "rs",
            "долл",
            "Долл",
            "евро",
            "Евро",
            "руб",
            "Руб",
            "юан",
            "манат",
            "тенге",
            "сум",
            "лари",
            "лир",
        ])
        .expect("static patterns")
});
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+(?:[.,]\d+)?)[\s ]*(?:%|percent|per cent|процент[а-я]*)").unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(19[89]\d|20[0-4]\d)(?-u:\b)").unwrap());

const MONTHS_EN: &[&str] = &[
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
];
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
        r"(?i)(?P<mr>(?P<m_a>{en}|{ru})[\s ]*[-–—][\s ]*(?P<m_b>{en}|{ru})(?:[\s ]+(?:of[\s ]+)?(?P<m_y>\d{{4}}|this year|last year|этого года|текущего года|прошлого года))?)|(?P<q>(?P<q_n>first|second|third|fourth|1st|2nd|3rd|4th|I|II|III|IV|перв\w*|втор\w*|трет\w*|четверт\w*)[\s ]+(?:quarter|квартал\w*)(?:[\s ]+(?:of[\s ]+)?(?P<q_y>\d{{4}}|this year|last year|этого года|текущего года|прошлого года))?)|(?P<h>(?P<h_n>first|second|перв\w*|втор\w*)[\s ]+(?:half|полугоди\w*)(?:[\s ]+(?:of[\s ]+)?(?P<h_y>\d{{4}}|this year|last year|этого года|прошлого года))?)|(?P<fm>(?:first[\s ]+)?(?P<fm_n>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven)[\s ]+months(?:[\s ]+of[\s ]+(?P<fm_y>\d{{4}}|this year|last year))?)|(?P<yr>(?:from|с)[\s ]+(?P<yr_a>\d{{4}})[\s ]+(?:to|по|until|till)[\s ]+(?P<yr_b>\d{{4}})|(?P<yr_c>\d{{4}})[\s ]*[-–—][\s ]*(?P<yr_d>\d{{4}}))|(?P<rel>last year|this year|the previous year|прошл\w+[\s ]+год\w*|этого года|этом году|текущего года|текущем году)|(?P<y>(?-u:\b)(?:19[89]\d|20[0-4]\d)(?-u:\b))"
    ))
    .unwrap()
});

/// Trigger words and the observation kind they introduce (lowercase prefixes).
const TRIGGERS: &[(&str, ObsKind, bool)] = &[
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
const BLOCKERS: &[&str] = &[
    "surplus",
    "deficit",
    "balance",
    "сальдо",
    "профицит",
    "дефицит",
    "share",
    "доля",
];
/// The previous figure: sentence index, kind and parties.
type LastFigure = (usize, ObsKind, Vec<(ObsRole, usize)>);

/// Words that refer back to the figure of the previous sentence.
const FIGURE_ANAPHORS: &[&str] = &[
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
const STRONG_PLAN_WORDS: &[&str] = &[
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
const GROWTH_WORDS: &[&str] = &[
    "increase",
    "boost",
    "raise",
    "double",
    "увелич",
    "нарастить",
    "рост",
];
const PAST_GROWTH: &[&str] = &[
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
const BREAKDOWN: &[&str] = &[
    "with",
    "of which",
    "including",
    "из них",
    "в том числе",
    "including",
];

struct Amount {
    start: usize,
    end: usize,
    value: String,
    currency: &'static str,
    hedge: Option<String>,
    text: String,
}

fn find_amounts(s: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    if !s.bytes().any(|b| b.is_ascii_digit()) || !CURRENCY_HINT.is_match(s) {
        return out;
    }
    // The DFA finds each amount; captures run on the match alone.
    for found in MONEY.find_iter(s) {
        let base = found.start();
        let Some(c) = MONEY.captures(found.as_str()) else {
            continue;
        };
        let whole = c.get(0).unwrap();
        let (num, mult, cur, _) = if let Some(n) = c.name("n1") {
            (
                n.as_str(),
                c.name("m1").map(|m| m.as_str()),
                c.name("sym").unwrap().as_str(),
                false,
            )
        } else if let Some(n) = c.name("n2") {
            (
                n.as_str(),
                c.name("m2").map(|m| m.as_str()),
                c.name("c2").unwrap().as_str(),
                false,
            )
        } else if let Some(n) = c.name("n3") {
            (
                n.as_str(),
                c.name("m3").map(|m| m.as_str()),
                c.name("c3").unwrap().as_str(),
                true,
            )
        } else {
            continue;
        };
        let Some(currency) = currency_code(cur) else {
            continue;
        };
        let pow = match mult.map(|m| m.to_lowercase()).as_deref() {
            Some("trillion" | "tn" | "трлн") => 12,
            Some("billion" | "bn" | "bln" | "млрд") => 9,
            Some("million" | "mln" | "mn" | "m" | "млн") => 6,
            Some("thousand" | "k" | "тыс") => 3,
            _ => 0,
        };
        let Some(value) = scale(num, pow) else {
            continue;
        };
        let hedge = c.name("hedge").map(|h| h.as_str().to_lowercase());
        let num_start = c
            .name("sym")
            .or(c.name("n2"))
            .or(c.name("n3"))
            .map_or(whole.start(), |m| m.start())
            + base;
        let end = base + whole.end();
        out.push(Amount {
            start: num_start,
            end,
            value,
            currency,
            hedge,
            text: s[num_start..end].trim().to_string(),
        });
    }
    out
}

fn currency_code(c: &str) -> Option<&'static str> {
    let l = c.to_lowercase();
    Some(
        if l.contains('$') || l.contains("dollar") || l == "usd" || l.starts_with("долл") {
            "USD"
        } else if l == "€" || l.starts_with("euro") || l == "eur" || l == "евро" {
            "EUR"
        } else if l.starts_with("rub") || l.starts_with("roub") || l.starts_with("руб") || l == "₽"
        {
            "RUB"
        } else if l == "£" {
            "GBP"
        } else if l == "yuan" || l == "cny" || l == "rmb" || l.starts_with("юан") {
            "CNY"
        } else if l.starts_with("manat") || l == "azn" || l.starts_with("манат") {
            "AZN"
        } else if l == "tenge" || l == "kzt" || l == "тенге" {
            "KZT"
        } else if l.starts_with("soum") || l == "uzs" || l.starts_with("сум") {
            "UZS"
        } else if l == "lari" || l == "gel" || l == "лари" {
            "GEL"
        } else if l.starts_with("lira") || l == "try" || l == "лир" {
            "TRY"
        } else if l.starts_with("riyal") || l == "sar" || l == "sr" {
            "SAR"
        } else if l.starts_with("dirham") || l == "aed" {
            "AED"
        } else if l.starts_with("rupee") || l == "inr" || l.starts_with("rs") {
            "INR"
        } else {
            return None;
        },
    )
}

/// "2.5" * 10^9 -> "2500000000", exactly, as a decimal string.
fn scale(num: &str, pow: u32) -> Option<String> {
    let num: String = num
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    // A comma followed by exactly three digits groups thousands ("8,000",
    // "2,500,000"); otherwise it is a decimal comma ("223,3", "$512,6 млн").
    let int_part = num.split('.').next().unwrap_or("");
    let thousands = int_part.contains(',') && int_part.split(',').skip(1).all(|g| g.len() == 3);
    let cleaned: String = if thousands {
        num.chars().filter(|c| *c != ',').collect()
    } else if num.contains(',') && !num.contains('.') {
        num.replace(',', ".")
    } else {
        num.chars().filter(|c| *c != ',').collect()
    };
    let (int, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || int.len() > 18
    {
        return None;
    }
    let mut digits = format!("{int}{frac}");
    let mut shift = pow as i64 - frac.len() as i64;
    while shift > 0 {
        digits.push('0');
        shift -= 1;
    }
    let (i, f) = if shift < 0 {
        let cut = digits.len() as i64 + shift;
        if cut <= 0 {
            ("0".to_string(), digits.clone())
        } else {
            (
                digits[..cut as usize].to_string(),
                digits[cut as usize..].to_string(),
            )
        }
    } else {
        (digits, String::new())
    };
    let i = i.trim_start_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    let f = f.trim_end_matches('0');
    Some(if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    })
}

/// Reference years for relative periods.
struct Anchor {
    this_year: Option<i32>,
}

impl Anchor {
    fn new(article: &Article) -> Anchor {
        if let Some(y) = article
            .date
            .as_deref()
            .and_then(|d| d.get(0..4))
            .and_then(|y| y.parse().ok())
        {
            return Anchor { this_year: Some(y) };
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
    s.parse().ok().or_else(|| {
        words
            .iter()
            .position(|w| *w == s.to_lowercase())
            .map(|p| p as u32)
    })
}

/// Period expressions in a sentence: (byte start, byte end, period literal).
fn find_periods(s: &str, anchor: &Anchor) -> Vec<(usize, usize, String)> {
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

/// Entity mentions of a sentence with byte ranges (countries, places, demonyms).
fn geo_mentions(sent: &SentenceInfo) -> Vec<(usize, usize, usize)> {
    sent.mentions
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Entity(Kind::Country)
                    | MentionKind::Entity(Kind::Place)
                    | MentionKind::Demonym
                    | MentionKind::Entity(Kind::Org)
            )
        })
        .filter_map(|m| {
            let e = m.entity?;
            Some((
                sent.tokens[m.start].range.start,
                sent.tokens[m.end - 1].range.end,
                e,
            ))
        })
        .collect()
}

/// Adds observations (and the relations they imply) for every figure.
pub fn extract(doc: &Document, article: &Article, ex: &mut Extraction) {
    let anchor = Anchor::new(article);
    let main = doc.main_countries();
    let other = |e: usize| main.iter().copied().find(|&m| m != e);

    let mut last_period: Option<(usize, String)> = None;
    // The last figure: "In the first quarter, it totaled $615 million" continues it.
    let mut last_obs: Option<LastFigure> = None;
    for (si, sent) in doc.sentences.iter().enumerate() {
        let s = sent.text.as_str();
        let amounts = find_amounts(s);
        if amounts.is_empty() {
            continue;
        }
        let lower = lowercase_same_offsets(s);
        let periods = find_periods(s, &anchor);
        let geo = geo_mentions(sent);
        let percents: Vec<(usize, String)> = PERCENT
            .captures_iter(s)
            .map(|c| (c.get(0).unwrap().start(), c[1].replace(',', ".")))
            .collect();
        let mut sentence_period: Option<String> = None;
        for (ai, a) in amounts.iter().enumerate() {
            let clause_start = if ai == 0 { 0 } else { amounts[ai - 1].end };
            let clause_end = amounts.get(ai + 1).map_or(s.len(), |n| n.start);
            let before = &lower[clause_start..a.start];
            let after = &lower[a.end..clause_end];
            // Breakdown of a total just given: "with $5 billion invested in ..."
            if ai > 0 && BREAKDOWN.iter().any(|w| before.trim_end().ends_with(w)) {
                continue;
            }
            // A target is not a figure: "to bring trade to $2 billion",
            // "довести товарооборот до 3 млрд долларов".
            if is_target(&lower, before) {
                continue;
            }
            if BLOCKERS.iter().any(|w| {
                before.contains(w) || after.split([',', ';']).next().unwrap_or("").contains(w)
            }) {
                continue;
            }
            // Nearest trigger: last in the text before, else first after.
            let mut trigger: Option<(usize, ObsKind, bool)> = None;
            for (w, kind, rev) in TRIGGERS {
                if let Some(p) = before.rfind(w) {
                    let abs = clause_start + p;
                    if trigger.is_none_or(|(q, _, _)| abs > q) {
                        trigger = Some((abs, *kind, *rev));
                    }
                }
            }
            if trigger.is_none() {
                for (w, kind, rev) in TRIGGERS {
                    if let Some(p) = after.find(w) {
                        let abs = a.end + p;
                        if trigger.is_none_or(|(q, _, _)| abs < q) {
                            trigger = Some((abs, *kind, *rev));
                        }
                    }
                }
            }
            if trigger.is_none() {
                // A figure referring back to the previous sentence's figure.
                let refers_back = FIGURE_ANAPHORS.iter().any(|w| before.contains(w));
                if let Some((_, kind, parties)) = last_obs
                    .as_ref()
                    .filter(|(i, _, _)| i + 1 == si && refers_back)
                {
                    let period = periods
                        .iter()
                        .filter(|p| p.1 <= a.start)
                        .max_by_key(|p| p.1)
                        .or_else(|| periods.iter().find(|p| p.0 >= a.end))
                        .map(|p| p.2.clone());
                    ex.observations.push(Observation {
                        kind: *kind,
                        parties: parties.clone(),
                        amount: a.value.clone(),
                        currency: a.currency.to_string(),
                        period,
                        change_percent: None,
                        hedge: a.hedge.clone(),
                        text: a.text.clone(),
                        sentence: si,
                    });
                    last_obs = Some((si, *kind, parties.clone()));
                }
                continue;
            }
            let Some((tpos, kind, reversed)) = trigger else {
                continue;
            };
            let in_clause: Vec<&(usize, usize, usize)> = geo
                .iter()
                .filter(|g| g.0 >= clause_start && g.1 <= clause_end)
                .collect();
            let parties = match kind {
                ObsKind::TradeTurnover => {
                    let mut ps: Vec<usize> = Vec::new();
                    for g in geo
                        .iter()
                        .filter(|g| doc.entities[g.2].class.kind() != Kind::Org)
                    {
                        if !ps.contains(&g.2) {
                            ps.push(g.2);
                        }
                    }
                    match ps.len() {
                        2 => vec![(ObsRole::Party, ps[0]), (ObsRole::Party, ps[1])],
                        // "товарооборот с Китаем": the one named after "with"
                        // is the partner of the reporting country, which comes first.
                        1 => match other(ps[0]) {
                            Some(o) if named_as_partner(&lower, &geo, ps[0]) => {
                                vec![(ObsRole::Party, o), (ObsRole::Party, ps[0])]
                            }
                            Some(o) => vec![(ObsRole::Party, ps[0]), (ObsRole::Party, o)],
                            None => continue,
                        },
                        0 if main.len() == 2 => {
                            vec![(ObsRole::Party, main[0]), (ObsRole::Party, main[1])]
                        }
                        _ => continue,
                    }
                }
                ObsKind::Investment | ObsKind::Export => {
                    // Source: nearest mention before the trigger; target: a mention
                    // after "in/into/to/в/from" after the trigger, or the other main country.
                    // Skip places named after a preposition ("... business in Georgia,
                    // has invested"): they are not the subject.
                    let locative = |g: &&(usize, usize, usize)| {
                        let pre = lower[..g.0].trim_end();
                        [" in", " into", " at", " to", " в", " во", " на"]
                            .iter()
                            .any(|p| pre.ends_with(p))
                    };
                    let before_trigger = in_clause
                        .iter()
                        .rev()
                        .filter(|g| g.1 <= tpos)
                        .find(|g| !locative(g))
                        .or_else(|| in_clause.iter().rev().find(|g| g.1 <= tpos))
                        .map(|g| g.2);
                    let after_trigger: Vec<usize> = in_clause
                        .iter()
                        .filter(|g| g.0 > tpos)
                        .map(|g| g.2)
                        .collect();
                    // Markers belong to the trigger's side of the amount: in
                    // "X's export to Y rose to $5 bn while import from Z ...",
                    // "from Z" is the next figure's.
                    let own_side = |g: &&&(usize, usize, usize)| {
                        if tpos < a.start {
                            g.0 < a.start
                        } else {
                            g.0 > a.end
                        }
                    };
                    let from_marker = in_clause
                        .iter()
                        .filter(own_side)
                        .find(|g| {
                            let pre = lower[..g.0].trim_end();
                            g.0 > tpos.min(a.start)
                                && (pre.ends_with("from")
                                    || pre.ends_with(" из")
                                    || pre.ends_with(" от"))
                        })
                        .map(|g| g.2);
                    // "to/into/в Y" after the trigger names the receiving side.
                    let to_target = in_clause
                        .iter()
                        .filter(own_side)
                        .filter(|g| g.0 > tpos && Some(g.2) != from_marker)
                        .find(|g| locative(g))
                        .map(|g| g.2);
                    // "exports accounting for $10.9 billion" with no party named:
                    // the sides of the turnover just given, the reporting one first.
                    let turnover_sides = match &last_obs {
                        Some((i, ObsKind::TradeTurnover, ps)) if *i + 1 >= si && ps.len() == 2 => {
                            Some((ps[0].1, ps[1].1))
                        }
                        _ => None,
                    };
                    if kind == ObsKind::Export && in_clause.is_empty() {
                        if let Some((first, second)) = turnover_sides {
                            let (src, dst) = if reversed {
                                (second, first)
                            } else {
                                (first, second)
                            };
                            push_split(
                                ex,
                                &mut last_obs,
                                si,
                                a,
                                src,
                                dst,
                                &periods,
                                &sentence_period,
                            );
                            continue;
                        }
                    }
                    let (src, dst) = if reversed {
                        // "Y attracted ... from X", "Y's import": the subject receives.
                        let recv = before_trigger
                            .or(to_target)
                            .or_else(|| {
                                after_trigger
                                    .iter()
                                    .copied()
                                    .find(|&d| Some(d) != from_marker)
                            })
                            // "import from Russia hit ...": the other main country imports.
                            .or_else(|| from_marker.and_then(other));
                        let giver = from_marker
                            .filter(|&g| Some(g) != recv)
                            .or_else(|| recv.and_then(other));
                        (giver, recv)
                    } else if let Some(giver) = from_marker {
                        // "инвестиции из Китая в Кыргызстан", "export from X to Y".
                        let recv = to_target
                            .or(before_trigger.filter(|&b| b != giver))
                            .or_else(|| other(giver));
                        (Some(giver), recv)
                    } else {
                        // "exports to China were ...": the side named after "to"
                        // receives; the sender is the other main country.
                        let src = before_trigger
                            .or_else(|| {
                                in_clause
                                    .iter()
                                    .find(|g| g.0 < a.start && !locative(g))
                                    .map(|g| g.2)
                            })
                            .or_else(|| to_target.and_then(other));
                        let dst = to_target
                            .filter(|&d| Some(d) != src)
                            .or_else(|| after_trigger.iter().copied().find(|&d| Some(d) != src))
                            .or_else(|| src.and_then(other));
                        (src, dst)
                    };
                    let (Some(src), Some(dst)) = (src, dst) else {
                        continue;
                    };
                    if src == dst {
                        continue;
                    }
                    if kind == ObsKind::Investment {
                        vec![(ObsRole::Investor, src), (ObsRole::Recipient, dst)]
                    } else {
                        vec![(ObsRole::Exporter, src), (ObsRole::Importer, dst)]
                    }
                }
            };
            // Period: nearest before the amount in the clause, else after, else the sentence's, else carried over.
            let period = periods
                .iter()
                .filter(|p| p.1 <= a.start && p.0 >= clause_start)
                .max_by_key(|p| p.1)
                .or_else(|| {
                    periods
                        .iter()
                        .filter(|p| p.0 >= a.end && p.1 <= clause_end)
                        .min_by_key(|p| p.0)
                })
                .or_else(|| {
                    periods
                        .iter()
                        .filter(|p| p.1 <= a.start)
                        .max_by_key(|p| p.1)
                })
                .map(|p| p.2.clone())
                .or_else(|| sentence_period.clone())
                .or_else(|| {
                    last_period
                        .as_ref()
                        .filter(|(i, _)| i + 1 == si)
                        .map(|(_, p)| p.clone())
                });
            if let Some(p) = &period {
                sentence_period = Some(p.clone());
            }
            let change = percents
                .iter()
                .filter(|(p, _)| *p >= clause_start && *p < clause_end)
                .min_by_key(|(p, _)| p.abs_diff(a.start))
                .map(|(p, v)| {
                    let ctx = safe_slice(&lower, p.saturating_sub(40), (*p + 40).min(lower.len()))
                        .unwrap_or("");
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
                        v.clone()
                    }
                });
            let obs = Observation {
                kind,
                parties: parties.clone(),
                amount: a.value.clone(),
                currency: a.currency.to_string(),
                period,
                change_percent: change,
                hedge: a.hedge.clone(),
                text: a.text.clone(),
                sentence: si,
            };
            let implied = match kind {
                ObsKind::TradeTurnover => Some(Predicate::TradesWith),
                ObsKind::Investment => Some(Predicate::InvestsIn),
                ObsKind::Export => None,
            };
            if let Some(pred) = implied {
                ex.facts.push(Fact {
                    subject: parties[0].1,
                    predicate: pred,
                    object: Object::Entity(parties[1].1),
                    sentence: si,
                    via: "figure".into(),
                });
            }
            last_obs = Some((si, obs.kind, obs.parties.clone()));
            ex.observations.push(obs);
        }
        if let Some(p) = sentence_period {
            last_period = Some((si, p));
        }
    }
}

/// A target, not a figure: "to bring trade to $2 billion", "довести
/// товарооборот до 3 млрд долларов". Growth verbs in the past ("increased by
/// 3% to $86 bln", "вырос до") state a figure.
fn is_target(lower: &str, before: &str) -> bool {
    let prev = before.trim_end();
    if !(prev.ends_with(" to") || prev.ends_with(" до") || prev.ends_with(" of")) {
        return false;
    }
    if STRONG_PLAN_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    GROWTH_WORDS.iter().any(|w| before.contains(w))
        && !PAST_GROWTH.iter().any(|w| before.contains(w))
}

/// Whether the single named side of a turnover follows "with"/"с".
fn named_as_partner(lower: &str, geo: &[(usize, usize, usize)], e: usize) -> bool {
    geo.iter().filter(|g| g.2 == e).any(|g| {
        let pre = lower[..g.0].trim_end();
        [" with", " с", " со"].iter().any(|p| pre.ends_with(p))
    })
}

/// An export or import figure of a turnover split: src exports to dst.
#[allow(clippy::too_many_arguments)]
fn push_split(
    ex: &mut Extraction,
    last_obs: &mut Option<LastFigure>,
    si: usize,
    a: &Amount,
    src: usize,
    dst: usize,
    periods: &[(usize, usize, String)],
    sentence_period: &Option<String>,
) {
    let period = periods
        .iter()
        .filter(|p| p.1 <= a.start)
        .max_by_key(|p| p.1)
        .map(|p| p.2.clone())
        .or_else(|| sentence_period.clone())
        .or_else(|| match last_obs {
            Some((i, _, _)) if *i + 1 >= si => ex
                .observations
                .iter()
                .rev()
                .find(|o| o.kind == ObsKind::TradeTurnover)
                .and_then(|o| o.period.clone()),
            _ => None,
        });
    ex.observations.push(Observation {
        kind: ObsKind::Export,
        parties: vec![(ObsRole::Exporter, src), (ObsRole::Importer, dst)],
        amount: a.value.clone(),
        currency: a.currency.to_string(),
        period,
        change_percent: None,
        hedge: a.hedge.clone(),
        text: a.text.clone(),
        sentence: si,
    });
}

/// Lowercases without moving byte offsets (characters whose lowercase form
/// has another length are kept as they are).
fn lowercase_same_offsets(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
                _ => c,
            }
        })
        .collect()
}

fn safe_slice(s: &str, mut a: usize, mut b: usize) -> Option<&str> {
    while a > 0 && !s.is_char_boundary(a) {
        a -= 1;
    }
    while b < s.len() && !s.is_char_boundary(b) {
        b += 1;
    }
    s.get(a..b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(s: &str) -> Vec<(String, &'static str)> {
        find_amounts(s)
            .into_iter()
            .map(|a| (a.value, a.currency))
            .collect()
    }

    #[test]
    fn money_forms() {
        assert_eq!(
            amounts("reached $2.5 billion"),
            vec![("2500000000".into(), "USD")]
        );
        assert_eq!(amounts("2.5bn USD"), vec![("2500000000".into(), "USD")]);
        assert_eq!(
            amounts("US$ 802.2 million"),
            vec![("802200000".into(), "USD")]
        );
        assert_eq!(
            amounts("составил 223,3 млн долларов"),
            vec![("223300000".into(), "USD")]
        );
        assert_eq!(
            amounts("1,5 трлн рублей"),
            vec![("1500000000000".into(), "RUB")]
        );
        assert_eq!(amounts("13,8 млн. долл."), vec![("13800000".into(), "USD")]);
        assert_eq!(amounts("€120 million"), vec![("120000000".into(), "EUR")]);
        assert_eq!(
            amounts("составил $512,6 млн"),
            vec![("512600000".into(), "USD")]
        );
        assert_eq!(amounts("8,000 tractors and $$ and 1.2.3"), vec![]);
    }

    #[test]
    fn hedges_are_kept() {
        let a = find_amounts("invested more than $6 billion");
        assert_eq!(a[0].hedge.as_deref(), Some("more than"));
        assert_eq!(a[0].value, "6000000000");
    }

    #[test]
    fn periods() {
        let anchor = Anchor {
            this_year: Some(2013),
        };
        let p = |s: &str| {
            find_periods(s, &anchor)
                .into_iter()
                .map(|p| p.2)
                .collect::<Vec<_>>()
        };
        assert_eq!(p("In January-February 2013 trade"), vec!["2013-01/2013-02"]);
        assert_eq!(p("В январе-сентябре этого года"), vec!["2013-01/2013-09"]);
        assert_eq!(p("по итогам прошлого года"), vec!["2012"]);
        assert_eq!(p("in the first quarter of 2019"), vec!["2019-Q1"]);
        assert_eq!(p("in the first half of 2022"), vec!["2022-01/2022-06"]);
        assert_eq!(p("in the first 11 months of 2022"), vec!["2022-01/2022-11"]);
        assert_eq!(p("с 2006 по 2012 годы"), vec!["2006/2012"]);
        assert_eq!(p("last year"), vec!["2012"]);
        assert_eq!(p("in 2021"), vec!["2021"]);
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(scale("2.5", 9).as_deref(), Some("2500000000"));
        assert_eq!(scale("0.125", 0).as_deref(), Some("0.125"));
        assert_eq!(scale("1 500", 6).as_deref(), Some("1500000000"));
        assert_eq!(scale("512,6", 6).as_deref(), Some("512600000"));
        assert_eq!(scale("8,000", 0).as_deref(), Some("8000"));
        assert_eq!(scale("2,500,000.5", 0).as_deref(), Some("2500000.5"));
        assert_eq!(scale("", 6), None);
    }
}
