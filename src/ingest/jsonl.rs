//! JSON Lines: one article per line with the usual field names
//! (`text`/`body`/`content`, `title`, `date`, `url`, `lang`, `publisher`, `author`).

use super::{Article, IngestError, Lang, Meta};
use serde_json::Value;

const TEXT_FIELDS: &[&str] = &["text", "body", "content", "article", "full_text"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "pubDate",
    "datePublished",
    "publish_date",
];
const URL_FIELDS: &[&str] = &["url", "link", "source_url"];
const LANG_FIELDS: &[&str] = &["lang", "language"];
const PUBLISHER_FIELDS: &[&str] = &["publisher", "source", "site", "outlet"];
const AUTHOR_FIELDS: &[&str] = &["author", "byline", "authors"];

pub fn parse(place: &str, content: &str, lang: Option<Lang>) -> Vec<Result<Article, IngestError>> {
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = format!("{place}:{}", i + 1);
        out.push(record(&at, line, lang));
    }
    if out.is_empty() {
        out.push(Err(IngestError::new(place, "no JSON Lines records")));
    }
    out
}

fn record(at: &str, line: &str, lang: Option<Lang>) -> Result<Article, IngestError> {
    let value: Value = serde_json::from_str(line)
        .map_err(|e| IngestError::new(at, format!("malformed JSON record: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| IngestError::new(at, "JSON record is not an object"))?;
    let field = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| match obj.get(*n)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Array(items) => {
                let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
    };
    let text = field(TEXT_FIELDS).ok_or_else(|| {
        IngestError::new(
            at,
            format!(
                "record has no text (expected one of the fields {})",
                TEXT_FIELDS.join(", ")
            ),
        )
    })?;
    let declared_lang = match field(LANG_FIELDS) {
        Some(l) => Some(Lang::parse(&l).ok_or_else(|| {
            IngestError::new(
                at,
                format!("unsupported language {l:?} (expected en or ru)"),
            )
        })?),
        None => None,
    };
    let url = field(URL_FIELDS);
    let meta = Meta {
        title: field(TITLE_FIELDS),
        date: field(DATE_FIELDS).and_then(|d| super::normalize_date(&d)),
        url: url.clone(),
        lang: lang.or(declared_lang),
        publisher: field(PUBLISHER_FIELDS),
        author: field(AUTHOR_FIELDS),
    };
    let key = url.unwrap_or_else(|| at.to_string());
    let article = Article::from_text(key, at.to_string(), &text, meta);
    if article.text.trim().is_empty() {
        return Err(IngestError::new(at, "record text is empty"));
    }
    Ok(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_reports_bad_lines() {
        let input = "{\"text\":\"Russia invested $6 billion.\",\"date\":\"2022-04-26\",\"url\":\"http://x/1\"}\n\n{bad json\n{\"title\":\"no text\"}\n[1]\n";
        let r = parse("a.jsonl", input, None);
        assert_eq!(r.len(), 4);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.date.as_deref(), Some("2022-04-26"));
        assert_eq!(a.key, "http://x/1");
        assert_eq!(r[1].as_ref().unwrap_err().place, "a.jsonl:3");
        assert!(r[2].as_ref().unwrap_err().message.contains("no text"));
        assert!(r[3].as_ref().unwrap_err().message.contains("not an object"));
    }
}
