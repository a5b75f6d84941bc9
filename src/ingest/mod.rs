//! Ingest: files, folders, standard input, HTML, JSON Lines, RSS/Atom feeds
//! and WARC archives, plain or gzipped, become [`Article`]s.
//!
//! This stage knows no RDF and no store. It reads bytes, undoes gzip,
//! decides the format, strips page chrome, and records metadata (date,
//! title, publisher, author, language, content hash). A feed gives one
//! article per item, a WARC file one per HTML response, JSON Lines one per
//! line. Every failure is an [`IngestError`] naming the file and the place in
//! it (line, item or record); a failure never stops the other inputs, and the
//! articles read before a break in the same file are kept.
//!
//! `source` expands folders, opens inputs and undoes gzip; `text`, `html`,
//! `jsonl`, `feed` and `warc` each read one format; `readable` finds a web
//! page's main content for `html` (and so for WARC records and feed items
//! that carry whole pages).

mod feed;
mod html;
mod jsonl;
mod readable;
mod source;
pub use source::expand;
mod text;
mod warc;

use sha2::{Digest, Sha256};
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest input read whole, in bytes: a file, standard input, or the
/// uncompressed data of a gzipped file. WARC data is streamed record by
/// record and has no such limit.
pub const MAX_FILE_BYTES: u64 = MAX_FILE_MB * 1024 * 1024;
const MAX_FILE_MB: u64 = 256;

/// Language of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// Parses `en`/`ru` (and common spellings such as `eng`, `rus`, `en-US`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let head = s.split(['-', '_']).next().unwrap_or("");
        match head {
            "en" | "eng" | "english" => Some(Lang::En),
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// Detects the language from the share of Cyrillic letters.
    pub fn detect(text: &str) -> Lang {
        let (mut cyr, mut letters) = (0usize, 0usize);
        for c in text.chars().take(20_000) {
            if c.is_alphabetic() {
                letters += 1;
                if ('\u{0400}'..='\u{04FF}').contains(&c) {
                    cyr += 1;
                }
            }
        }
        if letters > 0 && cyr * 10 >= letters * 3 {
            Lang::Ru
        } else {
            Lang::En
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One article, ready for extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Stable identity of the article: the file path, `path:line` for a JSON
    /// Lines record without URL, `path:item N` for a feed item without link,
    /// or the URL of the record, item or WARC response.
    pub key: String,
    /// Where it was read from, for people: `path`, `path:line`,
    /// `path:item N` (feeds) or `path:record N` (WARC).
    pub source: String,
    /// The article body; evidence offsets count characters in this text.
    pub text: String,
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Lang,
    pub publisher: Option<String>,
    pub author: Option<String>,
}

impl Article {
    /// Builds an article from body text and optional metadata; header lines,
    /// datelines, bylines and page chrome in the text fill what is missing.
    pub fn from_text(key: String, source: String, raw: &str, meta: Meta) -> Article {
        let parsed = text::parse(raw);
        let lang = meta.lang.unwrap_or_else(|| Lang::detect(&parsed.body));
        Article {
            key,
            source,
            title: meta.title.or(parsed.title),
            date: meta.date.or(parsed.date),
            url: meta.url,
            lang,
            publisher: meta.publisher.or(parsed.publisher),
            author: meta.author.or(parsed.author),
            text: parsed.body,
        }
    }

    /// SHA-256 over the text and metadata: equal hashes mean nothing to redo.
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            Some(self.text.as_str()),
            self.title.as_deref(),
            self.date.as_deref(),
            self.url.as_deref(),
            Some(self.lang.code()),
            self.publisher.as_deref(),
            self.author.as_deref(),
        ] {
            h.update(part.unwrap_or("\u{0}").as_bytes());
            h.update([0xff]);
        }
        format!("sha256:{}", hex(&h.finalize()))
    }

    /// SHA-256 of the text alone, whitespace runs counted as one space: two
    /// articles with equal text hashes say the same thing, whatever their URLs.
    pub fn text_hash(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        for word in self.text.split_whitespace() {
            h.update(word.as_bytes());
            h.update(b" ");
        }
        h.finalize().into()
    }

    /// Short hash of the key: the article's IRI suffix.
    pub fn key_hash(&self) -> String {
        key_hash(&self.key)
    }
}

/// The first 16 hex digits of SHA-256 of an article key.
pub fn key_hash(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    hex(&digest[..8])
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Metadata given from outside the text (JSON fields, HTML meta tags, flags).
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub lang: Option<Lang>,
    pub publisher: Option<String>,
    pub author: Option<String>,
}

/// An input that could not be read as an article. Shown as one line: control
/// characters in the place (a file name with a line break) are escaped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", escape_controls(.place))]
pub struct IngestError {
    /// `path`, `path:line`, `path:item N` (feeds) or `path:record N` (WARC).
    pub place: String,
    pub message: String,
}

/// A path as text that keeps every file apart: bytes that are not UTF-8
/// are written `\xFF`, so two files whose names differ only there do not
/// become one article (the key and source are made from this text).
pub fn path_text(path: &std::path::Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// `text` on one line: control characters as `\n`, `\t`, `\u{1b}`.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if c.is_control() => c.escape_default().to_string(),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// The largest article accepted by default, in bytes of text (real
/// articles are a few kilobytes; a page this large is a dump or an attack).
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 5 * 1024 * 1024;

/// `r`, or an error naming the article if its text is longer than `max`
/// bytes (`--max-article-bytes`).
pub fn within_limit(r: Result<Article, IngestError>, max: usize) -> Result<Article, IngestError> {
    match r {
        Ok(a) if a.text.len() > max => Err(IngestError::new(
            a.key.clone(),
            format!(
                "the article's text is {} bytes, more than the limit of {max} (--max-article-bytes)",
                a.text.len()
            ),
        )),
        other => other,
    }
}

impl IngestError {
    fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError {
            place: place.into(),
            message: message.into(),
        }
    }

    /// The file (or `<stdin>`) of the place, without line, item or record.
    pub fn file(&self) -> &str {
        file_of(&self.place)
    }
}

/// The file of a place or an article's source: `a.jsonl` for `a.jsonl:12`,
/// `f.rss` for `f.rss:item 3`, `c.warc.gz` for `c.warc.gz:record 7`.
pub fn file_of(place: &str) -> &str {
    match place.rsplit_once(':') {
        Some((file, at))
            if !file.is_empty()
                && ["", "item ", "record "].iter().any(|p| {
                    at.strip_prefix(p)
                        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                }) =>
        {
            file
        }
        _ => place,
    }
}

/// The format of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
    /// RSS or Atom.
    Feed,
    Warc,
}

impl Format {
    /// The format a file name states, and whether it ends in `.gz`
    /// (`a.jsonl.gz` is gzipped JSON Lines). `.xml` states none: its content
    /// decides whether it is a feed.
    fn from_path(path: &Path) -> (Option<Format>, bool) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return (None, false);
        };
        let name = name.to_ascii_lowercase();
        let (name, gz) = match name.strip_suffix(".gz") {
            Some(inner) => (inner, true),
            None => (name.as_str(), false),
        };
        let format = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("txt" | "text" | "md" | "markdown") => Some(Format::Text),
            Some("html" | "htm" | "xhtml") => Some(Format::Html),
            Some("jsonl" | "ndjson" | "jsonlines") => Some(Format::JsonLines),
            Some("rss" | "atom") => Some(Format::Feed),
            Some("warc") => Some(Format::Warc),
            _ => None,
        };
        (format, gz)
    }

    /// Guesses the format from the first bytes.
    fn sniff_bytes(bytes: &[u8]) -> Format {
        Format::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]))
    }

    /// Guesses the format from the first characters.
    fn sniff(content: &str) -> Format {
        let head = content.trim_start_matches('\u{feff}').trim_start();
        let lower: String = head.chars().take(512).collect::<String>().to_lowercase();
        if feed_root(head) {
            Format::Feed
        } else if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.contains("<body")
        {
            Format::Html
        } else if head.starts_with('{') {
            Format::JsonLines
        } else {
            Format::Text
        }
    }
}

/// Whether the first element of an XML document is a feed's root (`rss`,
/// `feed`, `rdf:RDF`), past the XML declaration, comments and a doctype.
fn feed_root(head: &str) -> bool {
    let mut rest = head;
    loop {
        rest = rest.trim_start();
        let skip_to = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            break;
        };
        match rest.find(skip_to) {
            Some(i) => rest = &rest[i + skip_to.len()..],
            None => return false,
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let name: String = tag
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    matches!(
        name.to_ascii_lowercase().as_str(),
        "rss" | "feed" | "rdf:rdf"
    )
}

/// One input named by the user, expanded: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => path_text(p),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}

/// Reads one input into articles: one result per article or failure, in
/// input order (a JSON Lines line, a feed item or a WARC record each give
/// their own, so one bad record does not lose the others).
pub fn read(input: &Input, lang: Option<Lang>) -> Vec<Result<Article, IngestError>> {
    source::read(input, lang)
}

/// Reads one input as [`read`] does, but lazily: JSON Lines files are read
/// line by line as the results are taken, so a file of any size is read in
/// the memory of one line.
pub fn stream(
    input: &Input,
    lang: Option<Lang>,
) -> Box<dyn Iterator<Item = Result<Article, IngestError>> + Send> {
    source::stream(input, lang)
}

/// Parses the bytes of one input (already gunzipped). `format` comes from
/// the file name; without it the content is sniffed.
pub fn parse_bytes(
    place: &str,
    format: Option<Format>,
    bytes: &[u8],
    lang: Option<Lang>,
) -> Vec<Result<Article, IngestError>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return vec![Err(IngestError::new(
            place,
            "input is larger than the size limit",
        ))];
    }
    if format == Some(Format::Warc) || (format.is_none() && bytes.starts_with(b"WARC/")) {
        return warc::parse(place, bytes, false, lang);
    }
    if looks_binary(bytes) {
        return vec![Err(IngestError::new(
            place,
            "binary file (not text, HTML, JSON Lines, a feed or WARC)",
        ))];
    }
    let unmarked = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if unmarked.iter().all(u8::is_ascii_whitespace) {
        return vec![Err(IngestError::new(place, "empty file"))];
    }
    let format = format.unwrap_or_else(|| Format::sniff_bytes(bytes));
    if format == Format::Feed {
        // feed-rs decodes the encoding the XML declaration names.
        return feed::parse(place, bytes, lang);
    }
    let content = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return vec![Err(IngestError::new(
                format!("{place}:{line}"),
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            ))];
        }
    };
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if content.trim().is_empty() {
        return vec![Err(IngestError::new(place, "empty file"))];
    }
    let meta = Meta {
        lang,
        ..Meta::default()
    };
    match format {
        Format::JsonLines => jsonl::parse(place, content, lang),
        Format::Html => vec![html::parse(place, content, meta)],
        Format::Text | Format::Feed | Format::Warc => {
            let article = Article::from_text(place.to_string(), place.to_string(), content, meta);
            if article.text.trim().is_empty() {
                vec![Err(IngestError::new(
                    place,
                    "no article text after the header",
                ))]
            } else {
                vec![Ok(article)]
            }
        }
    }
}

/// NUL bytes or a high share of control characters in the first 8 KB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

/// Normalizes a date string to `YYYY-MM-DD` (accepts ISO dates and
/// timestamps, `DD.MM.YYYY`).
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
    {
        return valid_ymd(&s[0..4], &s[5..7], &s[8..10]);
    }
    if b.len() >= 10
        && digits(0..2)
        && b[2] == b'.'
        && digits(3..5)
        && b[5] == b'.'
        && digits(6..10)
    {
        return valid_ymd(&s[6..10], &s[3..5], &s[0..2]);
    }
    None
}

fn valid_ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let (yi, mi, di): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if (1900..=2200).contains(&yi) && (1..=12).contains(&mi) && (1..=31).contains(&di) {
        Some(format!("{y}-{m}-{d}"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_language_by_script() {
        assert_eq!(
            Lang::detect("Президент Белоруссии Александр Лукашенко"),
            Lang::Ru
        );
        assert_eq!(Lang::detect("Azerbaijan and Belarus (Беларусь)"), Lang::En);
    }

    #[test]
    fn rejects_binary_empty_and_bad_utf8() {
        let r = parse_bytes("a.bin", None, b"\x00\x01\x02abc", None);
        assert!(r[0].as_ref().unwrap_err().message.contains("binary"));
        let r = parse_bytes("e.txt", None, b"  \n ", None);
        assert_eq!(r[0].as_ref().unwrap_err().message, "empty file");
        let r = parse_bytes("u.txt", None, b"ok\nbad \xff here", None);
        let e = r[0].as_ref().unwrap_err();
        assert_eq!(e.place, "u.txt:2");
    }

    #[test]
    fn formats_from_names_and_content() {
        let f = |n: &str| Format::from_path(Path::new(n));
        assert_eq!(f("a/b.jsonl.gz"), (Some(Format::JsonLines), true));
        assert_eq!(f("CC-NEWS-1.warc.gz"), (Some(Format::Warc), true));
        assert_eq!(f("x.warc"), (Some(Format::Warc), false));
        assert_eq!(f("news.RSS"), (Some(Format::Feed), false));
        assert_eq!(f("news.atom"), (Some(Format::Feed), false));
        assert_eq!(f("news.xml"), (None, false));
        assert_eq!(f("page.html"), (Some(Format::Html), false));
        let rss = "\u{feff}<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<rss version=\"2.0\"><channel/></rss>";
        assert_eq!(Format::sniff(rss), Format::Feed);
        assert_eq!(
            Format::sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(Format::sniff("<rdf:RDF xmlns:rdf=\"x\">"), Format::Feed);
        assert_eq!(
            Format::sniff("<?xml version=\"1.0\"?><html><body>x</body></html>"),
            Format::Html
        );
        assert_eq!(Format::sniff("<?xml version=\"1.0\"?><doc/>"), Format::Text);
        assert_eq!(Format::sniff("Feeding the rss of text"), Format::Text);
    }

    #[test]
    fn error_places_name_their_file() {
        for (place, file) in [
            ("a/b.jsonl:12", "a/b.jsonl"),
            ("c.rss:item 3", "c.rss"),
            ("d.warc.gz:record 17", "d.warc.gz"),
            ("e.txt", "e.txt"),
            ("C:\\x.txt", "C:\\x.txt"),
        ] {
            assert_eq!(IngestError::new(place, "m").file(), file);
        }
    }

    #[test]
    fn normalizes_dates() {
        assert_eq!(
            normalize_date("2018-08-20T10:00:00Z").as_deref(),
            Some("2018-08-20")
        );
        assert_eq!(normalize_date("23.04.2013").as_deref(), Some("2013-04-23"));
        assert_eq!(normalize_date("2018-13-01"), None);
        assert_eq!(normalize_date("yesterday"), None);
    }

    #[test]
    fn content_hash_changes_with_text() {
        let a = Article::from_text("k".into(), "k".into(), "Hello world.", Meta::default());
        let mut b = a.clone();
        assert_eq!(a.content_hash(), b.content_hash());
        b.text.push('!');
        assert_ne!(a.content_hash(), b.content_hash());
    }
}
