//! Money amounts: the regular expressions that find them ("$2.5 billion",
//! "223,3 млн долларов"), currency codes, and exact decimal scaling, plus
//! the percent pattern.
//!
//! Pure text to values: no I/O, no RDF, no entities or observations.

use regex::Regex;
use std::sync::LazyLock;

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?P<hedge>more than|in excess of|less than|over|above|about|around|nearly|almost|approximately|roughly|up to|at least|exceeding|exceeded|свыше|более чем|более|около|почти|порядка|примерно|не менее)?[\s ]*",
        r"(?:",
        // $2.5 billion, US$ 802.2 million, €120 million, USD 5 mln
        r"(?P<sym>US\$|\$|€|£|₽|(?-i:(?-u:\b)(?:USD|EUR|RUB|CNY|RMB|KZT|UZS|AZN|SAR|AED|INR|SR|Rs\.?)))[\s ]?(?P<n1>\d[\d,]*(?:\.\d+)?)[\s ]*(?P<m1>(?:trillion|billion|million|thousand|tn|bn|bln|mln|mn|m|k)(?-u:\b)|триллион(?:ов|а)?|миллиард(?:ов|а)?|миллион(?:ов|а)?|тысяч[аи]?|трлн|млрд|млн|тыс)?",
        r"|",
        // 2.5bn USD, 5 million dollars, 120 million euros
        r"(?P<n2>\d[\d,]*(?:\.\d+)?)[\s ]*(?P<m2>trillion|billion|million|thousand|tn|bn|bln|mln|mn)?[\s ]*(?P<c2>US dollars|U\.S\. dollars|dollars|USD|euros?|EUR|rubles|roubles|RUB|yuan|CNY|RMB|manats?|AZN|tenge|KZT|soums?|UZS|lari|GEL|liras?|TRY|riyals?|SAR|dirhams?|AED|rupees|INR)(?-u:\b)",
        r"|",
        // dollars 4.279 billion (the currency word first)
        r"(?P<c4>(?:US[\s ])?dollars)[\s ]+(?P<n4>\d[\d,]*(?:\.\d+)?)[\s ]*(?P<m4>trillion|billion|million|thousand|bn|bln|mln|mn)(?-u:\b)",
        r"|",
        // 223,3 млн долларов, 1,5 трлн рублей, 13,8 млн. долл., 500 долларов, 75 миллионов долларов,
        // 60 миллиардов российских рублей (a country's adjective whose currency the word names)
        r"(?P<n3>\d[\d\s ]*(?:,\d+)?)[\s ]*(?P<m3>триллион(?:ов|а)?|миллиард(?:ов|а)?|миллион(?:ов|а)?|тысяч[аи]?|трлн|млрд|млн|тыс)?\.?[\s ]*(?:(?:российских|американских|китайских|казахстанских|узбекских|азербайджанских|турецких)[\s ]+)?(?P<c3>долл(?:ар(?:ов|а|ы)?)?\.?(?:[\s ]+США)?|евро|руб(?:лей|ля|ль)?\.?|юаней|юаня|манат(?:ов|а)?|тенге|сум(?:ов|а)?|лари|лир)",
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

pub(super) static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+(?:[.,]\d+)?)[\s ]*(?:%|percent|per cent|процент[а-я]*)").unwrap()
});

pub(super) struct Amount {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: String,
    pub(super) currency: &'static str,
    pub(super) hedge: Option<String>,
    pub(super) text: String,
}

/// Millions right after billions: "$3 млрд 350 млн".
static MILLIONS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s\u{a0}]*(\d{1,3})[\s\u{a0}]*(?:млн|миллион(?:ов|а)?|million)").unwrap()
});

/// A decimal comma somewhere in a text ("612,87 million", "16,6%"): its
/// "525,737 million" is 525.737 million, not 525,737 million.
pub(super) static DECIMAL_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d,\d{1,2}(?:[^\d]|$)").unwrap());

/// The amounts of a sentence; `decimal_commas` says the article writes
/// decimals with a comma.
pub(super) fn find_amounts(s: &str, decimal_commas: bool) -> Vec<Amount> {
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
        } else if let Some(n) = c.name("n4") {
            (
                n.as_str(),
                c.name("m4").map(|m| m.as_str()),
                c.name("c4").unwrap().as_str(),
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
            // Russian magnitudes spelled out: "миллиарда", "миллионов", "тысяч".
            Some(w) if w.starts_with("триллион") => 12,
            Some(w) if w.starts_with("миллиард") => 9,
            Some(w) if w.starts_with("миллион") => 6,
            Some(w) if w.starts_with("тысяч") => 3,
            _ => 0,
        };
        let Some(value) = scale(num, pow, decimal_commas) else {
            continue;
        };
        // "$3 млрд 350 млн": billions and then millions.
        let (value, extra) = match (pow, MILLIONS_AFTER.captures(&s[base + whole.end()..])) {
            (9, Some(m)) => match (value.parse::<u128>(), m[1].parse::<u128>()) {
                (Ok(v), Ok(mln)) => (
                    (v + mln * 1_000_000).to_string(),
                    m.get(0).map_or(0, |g| g.end()),
                ),
                _ => (value, 0),
            },
            _ => (value, 0),
        };
        let hedge = c.name("hedge").map(|h| h.as_str().to_lowercase());
        let num_start = c
            .name("sym")
            .or(c.name("n2"))
            .or(c.name("c4"))
            .or(c.name("n3"))
            .map_or(whole.start(), |m| m.start())
            + base;
        let end = base + whole.end() + extra;
        out.push(Amount {
            start: num_start,
            end,
            value,
            currency,
            hedge,
            text: s[num_start..end].trim().to_string(),
        });
    }
    range_ends(s, decimal_commas, &mut out);
    out
}

/// The end of a range after "from"/"с": "с 2,5 миллиардов долларов США в
/// 2014 году до 4,5 миллиардов в 2019 году", "from $1.2 billion to 1.9
/// billion". The second amount, written without its currency, takes the
/// first's.
static RANGE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^[^.;:$€£]{0,40}?(?:^|\s)(?:до|to)[\s\u{a0}]+(?P<n>\d[\d,]*(?:\.\d+)?)[\s\u{a0}]*",
        r"(?P<m>триллион(?:ов|а)?|миллиард(?:ов|а)?|миллион(?:ов|а)?|трлн|млрд|млн|trillion|billion|million|bn|bln|mln)",
        r"(?:[\s\u{a0}.,;)]|$)",
    ))
    .unwrap()
});

fn range_ends(s: &str, decimal_commas: bool, out: &mut Vec<Amount>) {
    let mut found = Vec::new();
    for (k, a) in out.iter().enumerate() {
        let before = s[..a.start].trim_end().to_lowercase();
        if !(before.ends_with(" с")
            || before.ends_with(" from")
            || before == "с"
            || before == "from")
        {
            continue;
        }
        let rest = &s[a.end..];
        let Some(c) = RANGE_TO.captures(rest) else {
            continue;
        };
        let (n, m) = (&c["n"], c["m"].to_lowercase());
        let start = a.end + c.name("n").unwrap().start();
        let end = a.end + c.name("m").unwrap().end();
        // Written with a currency of its own, it is an amount found already.
        if out.get(k + 1).is_some_and(|next| next.start <= end) {
            continue;
        }
        let pow = match m.as_str() {
            w if w.starts_with("трлн") || w.starts_with("триллион") || w == "trillion" => {
                12
            }
            w if w.starts_with("млрд") || w.starts_with("миллиард") || w.starts_with("b") => {
                9
            }
            _ => 6,
        };
        let Some(value) = scale(n, pow, decimal_commas) else {
            continue;
        };
        found.push(Amount {
            start,
            end,
            value,
            currency: a.currency,
            hedge: None,
            text: s[start..end].to_string(),
        });
    }
    if !found.is_empty() {
        out.extend(found);
        out.sort_by_key(|a| a.start);
    }
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
fn scale(num: &str, pow: u32, decimal_commas: bool) -> Option<String> {
    let num: String = num
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    // A comma followed by exactly three digits groups thousands ("8,000",
    // "2,500,000"); otherwise it is a decimal comma ("223,3", "$512,6 млн").
    let int_part = num.split('.').next().unwrap_or("");
    // In a text that writes decimal commas, "525,737 million" is a decimal.
    let decimal_here = decimal_commas && pow > 0 && int_part.matches(',').count() == 1;
    let thousands = int_part.contains(',')
        && int_part.split(',').skip(1).all(|g| g.len() == 3)
        && !decimal_here;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(s: &str) -> Vec<(String, &'static str)> {
        find_amounts(s, false)
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
            amounts("выросла до $3 млрд 350 млн."),
            vec![("3350000000".into(), "USD")]
        );
        assert_eq!(
            amounts("stood at dollars 4.279 billion in 2016"),
            vec![("4279000000".into(), "USD")]
        );
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
        assert_eq!(
            amounts("более 60 миллиардов российских рублей"),
            vec![("60000000000".into(), "RUB")]
        );
        // Belarusian rubles are not Russian ones: no amount is better than a wrong currency.
        assert!(amounts("60 миллиардов белорусских рублей")
            .iter()
            .all(|(_, c)| *c != "RUB"));
        assert_eq!(amounts("€120 million"), vec![("120000000".into(), "EUR")]);
        assert_eq!(
            amounts("составил $512,6 млн"),
            vec![("512600000".into(), "USD")]
        );
        assert_eq!(amounts("8,000 tractors and $$ and 1.2.3"), vec![]);
        assert_eq!(
            amounts("составил почти 75 миллионов долларов США"),
            vec![("75000000".into(), "USD")]
        );
        assert_eq!(
            amounts("2,5 миллиарда долларов и 55,6 миллиона долларов"),
            vec![("2500000000".into(), "USD"), ("55600000".into(), "USD")]
        );
        assert_eq!(
            amounts("$1,2 миллиарда"),
            vec![("1200000000".into(), "USD")]
        );
    }

    #[test]
    fn hedges_are_kept() {
        let a = find_amounts("invested more than $6 billion", false);
        assert_eq!(a[0].hedge.as_deref(), Some("more than"));
        assert_eq!(a[0].value, "6000000000");
    }

    #[test]
    fn scaling_is_exact() {
        assert_eq!(scale("2.5", 9, false).as_deref(), Some("2500000000"));
        assert_eq!(scale("0.125", 0, false).as_deref(), Some("0.125"));
        assert_eq!(scale("1 500", 6, false).as_deref(), Some("1500000000"));
        assert_eq!(scale("512,6", 6, false).as_deref(), Some("512600000"));
        assert_eq!(scale("8,000", 0, false).as_deref(), Some("8000"));
        assert_eq!(scale("2,500,000.5", 0, false).as_deref(), Some("2500000.5"));
        assert_eq!(scale("", 6, false), None);
        // A text with decimal commas: three digits after the comma are decimals.
        assert_eq!(scale("525,737", 6, true).as_deref(), Some("525737000"));
        assert_eq!(scale("525,737", 6, false).as_deref(), Some("525737000000"));
        assert!(DECIMAL_COMMA.is_match("grew by 16,6% to"));
        assert!(!DECIMAL_COMMA.is_match("8,000 tonnes"));
    }
}
