//! Ingest: files, folders, standard input, HTML and JSON Lines become [`Article`]s.
//!
//! This stage knows no RDF and no store. It reads bytes, decides the format,
//! strips page chrome, and records metadata (date, title, publisher, author,
//! language, content hash). Every failure is an [`IngestError`] naming the
//! file (and line, for JSON Lines); a failure never stops the other inputs.

mod html;
mod jsonl;
mod text;

use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest input file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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
    /// Lines record without URL, or the record's URL.
    pub key: String,
    /// Where it was read from, for people: `path` or `path:line`.
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

/// An input that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct IngestError {
    /// `path` or `path:line`.
    pub place: String,
    pub message: String,
}

impl IngestError {
    fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        IngestError {
            place: place.into(),
            message: message.into(),
        }
    }
}

/// The format of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    JsonLines,
}

impl Format {
    fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "md" | "markdown" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" | "jsonlines" => Some(Format::JsonLines),
            _ => None,
        }
    }

    /// Guesses the format from the first bytes.
    fn sniff(content: &str) -> Format {
        let head = content.trim_start_matches('\u{feff}').trim_start();
        let lower: String = head.chars().take(512).collect::<String>().to_lowercase();
        if lower.starts_with("<!doctype html")
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

/// One input named by the user, expanded: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }
}

/// Expands paths (folders recursively, in sorted order; `-` for stdin) into
/// inputs. Hidden files and folders are skipped; a missing path is an error.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => errors.push(IngestError::new(path.display().to_string(), io_message(&e))),
            Ok(m) if m.is_dir() => {
                let walker = walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() => inputs.push(Input::File(e.into_path())),
                        Ok(_) => {}
                        Err(e) => {
                            let place = e
                                .path()
                                .map(|p| p.display().to_string())
                                .unwrap_or_else(|| path.display().to_string());
                            let msg = e
                                .io_error()
                                .map(io_message)
                                .unwrap_or_else(|| e.to_string());
                            errors.push(IngestError::new(place, msg));
                        }
                    }
                }
            }
            Ok(_) => inputs.push(Input::File(path.clone())),
        }
    }
    (inputs, errors)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|s| s.starts_with('.'))
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads one input into articles. A JSON Lines file gives one result per
/// non-blank line, so one bad record does not lose the others.
pub fn read(input: &Input, lang: Option<Lang>) -> Vec<Result<Article, IngestError>> {
    let place = input.display();
    let bytes = match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            match std::io::stdin()
                .lock()
                .take(MAX_FILE_BYTES + 1)
                .read_to_end(&mut buf)
            {
                Ok(_) => buf,
                Err(e) => return vec![Err(IngestError::new(place, io_message(&e)))],
            }
        }
        Input::File(path) => match read_file(path) {
            Ok(b) => b,
            Err(e) => return vec![Err(e)],
        },
    };
    parse_bytes(&place, input_format(input), &bytes, lang)
}

fn input_format(input: &Input) -> Option<Format> {
    match input {
        Input::File(p) => Format::from_path(p),
        Input::Stdin => None,
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, IngestError> {
    let place = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| IngestError::new(&place, io_message(&e)))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::new(
            place,
            format!(
                "file is {} MB, larger than the {} MB limit",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    std::fs::read(path).map_err(|e| IngestError::new(place, io_message(&e)))
}

/// Parses the bytes of one input. `format` comes from the file extension;
/// without it the content is sniffed.
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
    if looks_binary(bytes) {
        return vec![Err(IngestError::new(
            place,
            "binary file (not text, HTML or JSON Lines)",
        ))];
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
    match format.unwrap_or_else(|| Format::sniff(content)) {
        Format::JsonLines => jsonl::parse(place, content, lang),
        Format::Html => vec![html::parse(place, content, meta)],
        Format::Text => {
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
