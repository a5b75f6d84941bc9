//! JSON Lines: one article per line with the usual field names
//! (`text`/`body`/`content`, `title`, `date`, `url`, `lang`, `publisher`, `author`).
//! A file is read whole ([`parse`]) or, as the build does, line by line
//! ([`Stream`]), so that a file of any size takes the memory of one line.

use super::{Article, IngestError, Lang, Meta};
use serde_json::Value;
use std::io::BufRead;

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

/// The longest line read; a longer one is one error, and reading goes on
/// at the next line.
const MAX_LINE_BYTES: u64 = super::MAX_FILE_BYTES;

/// Reads JSON Lines from a stream one line at a time: one result per
/// non-blank line, in order. A read error (a truncated or corrupt gzip
/// stream) is the last result, at its line.
pub struct Stream<R> {
    place: String,
    reader: R,
    lang: Option<Lang>,
    line: usize,
    bytes: u64,
    records: usize,
    done: bool,
    buf: Vec<u8>,
    /// How a read error is told (the gzip layer's words).
    explain: fn(&std::io::Error) -> String,
}

impl<R: BufRead> Stream<R> {
    pub fn new(
        place: &str,
        reader: R,
        lang: Option<Lang>,
        explain: fn(&std::io::Error) -> String,
    ) -> Stream<R> {
        Stream {
            place: place.to_string(),
            reader,
            lang,
            line: 0,
            bytes: 0,
            records: 0,
            done: false,
            buf: Vec::new(),
            explain,
        }
    }

    fn fail(&mut self, at: String, message: String) -> Option<Result<Article, IngestError>> {
        Some(Err(IngestError::new(at, message)))
    }
}

impl<R: BufRead> Iterator for Stream<R> {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line += 1;
            let at = format!("{}:{}", self.place, self.line);
            let read = std::io::Read::take(self.reader.by_ref(), MAX_LINE_BYTES + 1)
                .read_until(b'\n', &mut self.buf);
            self.bytes += self.buf.len() as u64;
            match read {
                Err(e) => {
                    self.done = true;
                    let message = format!(
                        "{} after {} bytes of uncompressed data; the records from this line on are lost",
                        (self.explain)(&e),
                        self.bytes
                    );
                    return self.fail(at, message);
                }
                Ok(0) => {
                    self.done = true;
                    if self.records == 0 {
                        let place = self.place.clone();
                        return self.fail(place, "empty file".to_string());
                    }
                    return None;
                }
                Ok(_) => {}
            }
            if self.buf.len() as u64 > MAX_LINE_BYTES {
                // Skip the rest of the line, then go on.
                let mut rest = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut rest);
                self.records += 1;
                let message = format!("the line is longer than {} MB", MAX_LINE_BYTES >> 20);
                return self.fail(at, message);
            }
            let bytes = if self.line == 1 {
                self.buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&self.buf)
            } else {
                &self.buf[..]
            };
            if self.line == 1 && bytes.contains(&0) {
                self.done = true;
                return self.fail(
                    self.place.clone(),
                    "binary file (not text, HTML, JSON Lines, a feed or WARC)".to_string(),
                );
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    self.records += 1;
                    let message = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                    return self.fail(at, message);
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            self.records += 1;
            return Some(record(&at, text.trim_end_matches(['\n', '\r']), self.lang));
        }
        None
    }
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

    fn stream(bytes: &[u8]) -> Vec<Result<Article, IngestError>> {
        Stream::new("s.jsonl", bytes, None, |e| e.to_string()).collect()
    }

    #[test]
    fn a_stream_gives_the_same_records_as_the_whole_file() {
        let input = "\u{feff}{\"text\":\"Russia invested $6 billion.\",\"url\":\"http://x/1\"}\r\n\n{bad json\n{\"text\":\"Kazakhstan and Uzbekistan signed.\"}";
        let whole = parse("s.jsonl", input.trim_start_matches('\u{feff}'), None);
        let streamed = stream(input.as_bytes());
        assert_eq!(streamed.len(), 3);
        for (a, b) in whole.iter().zip(&streamed) {
            match (a, b) {
                (Ok(a), Ok(b)) => assert_eq!((&a.key, &a.text), (&b.key, &b.text)),
                (Err(a), Err(b)) => assert_eq!(a.place, b.place),
                _ => panic!("{a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn a_stream_reports_bad_lines_and_goes_on() {
        let mut input = b"{\"text\":\"Armenia and Georgia signed.\"}\n".to_vec();
        input.extend_from_slice(b"{\"text\":\"caf\xe9\"}\n");
        input.extend_from_slice(b"{\"text\":\"Mongolia and China signed.\"}\n");
        let r = stream(&input);
        assert_eq!(r.len(), 3);
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.place, "s.jsonl:2");
        assert!(e.message.contains("invalid UTF-8"), "{}", e.message);
        assert!(r[2].is_ok());
        let empty = stream(b"\n  \n");
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].as_ref().unwrap_err().message, "empty file");
        let binary = stream(b"\x00\x01\x02{}\n");
        assert!(binary[0].as_ref().unwrap_err().message.contains("binary"));
    }
}
