//! Plain-text and Markdown articles: the ` date YYYY-MM-DD` header, a
//! dateline such as `23.04.2013`, bylines ("By Matanat Nasibova – Trend:")
//! and page chrome ("Ru | Eng", "RSS Вконтакте Twitter") at the top.

use regex::Regex;
use std::sync::LazyLock;

/// What the text itself says about the article.
#[derive(Debug, Default)]
pub struct Parsed {
    pub body: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
}

static DATE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*").unwrap());
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{2}\.\d{2}\.\d{4}|\d{4}-\d{2}-\d{2})\s*$").unwrap());
/// "By Matanat Nasibova – Trend:", "By Trend", "By John Smith, Reuters".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:By|Автор:?)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})(?:\s*[–—,-]\s*["«“]?(\p{Lu}[\p{L}\p{N}.&'’ -]{0,40}?)["»”]?)?\s*:?\s*$"#).unwrap()
});
static CHROME_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:home|main|news|rss|twitter|facebook|youtube|telegram|instagram|vk|вконтакте|главная|новости|menu|меню|search|поиск|login|войти|subscribe|подписаться|ru|eng?|рус|en|share|print|версия для печати|all news|все новости|economy|politics|экономика|политика|society|общество|\|)$").unwrap()
});

pub fn parse(raw: &str) -> Parsed {
    let mut out = Parsed::default();
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = raw.split('\n').collect();

    // ` date YYYY-MM-DD` header: the rest of the line is article text.
    let mut first_rest = None;
    if let Some(first) = lines.first() {
        if let Some(c) = DATE_HEADER.captures(first) {
            out.date = super::normalize_date(&c[1]);
            first_rest = Some(first[c.get(0).unwrap().end()..].to_string());
        }
    }
    let first_owned;
    if let Some(rest) = first_rest {
        first_owned = rest;
        lines[0] = first_owned.as_str();
    }

    // Leading chrome, datelines, titles and bylines, up to the first line of prose.
    let mut start = 0;
    let mut title = None;
    while start < lines.len() {
        let line = lines[start].trim();
        if line.is_empty() || is_chrome(line) {
            start += 1;
            continue;
        }
        if let Some(c) = DATE_LINE.captures(line) {
            if out.date.is_none() {
                out.date = super::normalize_date(&c[1]);
            }
            start += 1;
            continue;
        }
        if let Some(c) = BYLINE.captures(line) {
            let who = c[1].trim().to_string();
            match c.get(2) {
                Some(p) => {
                    out.author = Some(who);
                    out.publisher = Some(p.as_str().trim().to_string());
                }
                None => set_byline(&mut out, who),
            }
            start += 1;
            continue;
        }
        if title.is_none() && is_title(line) && next_is_prose(&lines[start + 1..]) {
            title = Some(line.to_string());
            start += 1;
            continue;
        }
        break;
    }
    out.title = title;
    // Bylines further down (after a dateline paragraph) are still metadata.
    let mut body_lines: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines[start..].iter().enumerate() {
        if i < 6 && out.publisher.is_none() {
            if let Some(c) = BYLINE.captures(line) {
                let who = c[1].trim().to_string();
                match c.get(2) {
                    Some(p) => {
                        out.author = Some(who);
                        out.publisher = Some(p.as_str().trim().to_string());
                    }
                    None => set_byline(&mut out, who),
                }
                continue;
            }
        }
        body_lines.push(line);
    }
    out.body = body_lines.join("\n").trim().to_string();
    if out.publisher.is_none() {
        out.publisher = dateline_agency(&out.body);
    }
    out
}

/// "КОСТАНАЙ, 9 ноября 2023. /Интерфакс-Казахстан/ -", "Astana, March 3
/// (Kazinform) –", "Chisinau, 17 July 2023 /MOLDPRES/ –": the agency named in
/// the dateline.
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*\p{Lu}[\p{L} .-]{1,40},[^/()\n]{3,40}?[/(]\s*(\p{Lu}[\p{L}\p{N} .&-]{1,40}?)\s*[/)]",
    )
    .unwrap()
});

fn dateline_agency(body: &str) -> Option<String> {
    let head: String = body.chars().take(160).collect();
    let c = DATELINE_AGENCY.captures(&head)?;
    let name = c[1].trim();
    // A date in brackets is not an agency.
    (!name.chars().any(|c| c.is_ascii_digit())).then(|| name.to_string())
}

/// "By Leyla Guliyeva" names an author; "By Trend" a publisher.
fn set_byline(out: &mut Parsed, who: String) {
    let words = who.split_whitespace().count();
    let org_word = [
        "agency", "news", "press", "service", "times", "daily", "post", "tass", "agentlik",
    ]
    .iter()
    .any(|w| who.to_lowercase().contains(w));
    if (2..=3).contains(&words) && !org_word {
        out.author = Some(who);
    } else {
        out.publisher = Some(who);
    }
}

/// A short line of menu words, separators or social links.
fn is_chrome(line: &str) -> bool {
    if line.chars().count() > 80 || line.ends_with(['.', '!', '?', ':', '"', '»', '”']) {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '|' || c == '/' || c == '·' || c == '•')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| CHROME_WORDS.is_match(w))
}

/// A headline: one line, a few words, no final full stop.
fn is_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (3..=25).contains(&words)
        && !line.ends_with(['.', ',', ';', ':'])
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// The next non-empty line is a paragraph or a dateline (so the current line stands alone).
fn next_is_prose(rest: &[&str]) -> bool {
    let mut blank = false;
    for line in rest {
        let t = line.trim();
        if t.is_empty() {
            blank = true;
            continue;
        }
        return blank && (DATE_LINE.is_match(t) || t.split_whitespace().count() > 12);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header_and_byline() {
        let p = parse(" date 2018-08-20 Baku, Azerbaijan, Aug. 20\n\nBy Matanat Nasibova – Trend:\n\nAzerbaijan and Belarus have a strong potential.");
        assert_eq!(p.date.as_deref(), Some("2018-08-20"));
        assert_eq!(p.author.as_deref(), Some("Matanat Nasibova"));
        assert_eq!(p.publisher.as_deref(), Some("Trend"));
        assert!(p.body.starts_with("Baku, Azerbaijan, Aug. 20"));
        assert!(!p.body.contains("Nasibova"));
    }

    #[test]
    fn chrome_title_and_dateline() {
        let p = parse("Ru | Eng\nRSS Вконтакте Twitter Facebook Youtube\nHome\n\nAzerbaijan-Belarus cooperation in space suggested\n\n23.04.2013\n\nAzerbaijan is interested in Belarus’ experience of creating and using space industry technologies, the minister said.");
        assert_eq!(p.date.as_deref(), Some("2013-04-23"));
        assert_eq!(
            p.title.as_deref(),
            Some("Azerbaijan-Belarus cooperation in space suggested")
        );
        assert!(p.body.starts_with("Azerbaijan is interested"));
    }

    #[test]
    fn agency_in_dateline() {
        let p = parse("КОСТАНАЙ, 9 ноября 2023. /Интерфакс-Казахстан/ - Форум прошел в Костанае.");
        assert_eq!(p.publisher.as_deref(), Some("Интерфакс-Казахстан"));
        let p = parse("Astana, March 3 (Kazinform) – Kazakhstan and China agreed.");
        assert_eq!(p.publisher.as_deref(), Some("Kazinform"));
        let p =
            parse(" date 2023-05-19 Автор: Дильноза Рахимова, \"Газета.uz\"\n\nПрезидент прибыл.");
        assert_eq!(p.author.as_deref(), Some("Дильноза Рахимова"));
        assert_eq!(p.publisher.as_deref(), Some("Газета.uz"));
        assert!(parse("Baku, Azerbaijan (2019) – text").publisher.is_none());
    }

    #[test]
    fn plain_text_is_kept_whole() {
        let p = parse("Президент Белоруссии прибыл в Баку.\nВторая строка.");
        assert_eq!(
            p.body,
            "Президент Белоруссии прибыл в Баку.\nВторая строка."
        );
        assert!(p.date.is_none() && p.title.is_none());
    }
}
