//! WARC files (`.warc`, and `.warc.gz` gzipped per record, as Common Crawl's
//! CC-NEWS writes them): each `response` record whose HTTP payload is an
//! HTML (or plain text) page with a 2xx status becomes one [`Article`].
//!
//! Records are framed by the `warc` crate, the HTTP head is parsed by
//! `httparse` (chunked bodies too), gzip and deflate content encodings are
//! undone by `flate2`, and the charset of the `Content-Type` header (or of a
//! `<meta charset>` in the page) is decoded by `encoding_rs`. The record's
//! `WARC-Target-URI` is the article's key and URL; the page's own publication
//! date wins over `WARC-Date`, the crawl date, which stands in when the page
//! gives none. `request`, `metadata`, `warcinfo`, `revisit` records and
//! responses that are not pages are skipped. A record whose framing is broken
//! (a wrong `Content-Length`, a truncated file) ends the file with one
//! [`IngestError`] naming the record and its byte offset; the records before it
//! are kept. Like the rest of ingest, this module knows no RDF and no store.

use super::{Article, IngestError, Lang, Meta};
use rayon::prelude::*;
use regex::bytes::Regex;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};
use warc::{RecordType, WarcHeader, WarcReader};

/// Responses gathered before their pages are turned into text in parallel.
const PAGES_AT_ONCE: usize = 64;

/// A response record kept for conversion: its number, URI, crawl date and HTTP message.
struct Response {
    n: usize,
    uri: String,
    crawl_date: String,
    http: Vec<u8>,
}

/// Reads the records of a WARC stream (already gunzipped when
/// `compressed`, which only changes how offsets are described), all at once.
pub fn parse<R: Read>(
    place: &str,
    reader: R,
    compressed: bool,
    lang: Option<Lang>,
) -> Vec<Result<Article, IngestError>> {
    Stream::new(place, reader, compressed, lang).collect()
}

/// Reads the records of a WARC stream as they are taken: up to
/// [`PAGES_AT_ONCE`] responses at a time are turned into articles in
/// parallel, so a file of any size takes the memory of that many pages.
pub struct Stream<R: Read> {
    place: String,
    lang: Option<Lang>,
    compressed: bool,
    records: warc::RecordIter<Counting<R>>,
    pos: Arc<AtomicU64>,
    dirty: Arc<AtomicBool>,
    ready: VecDeque<Result<Article, IngestError>>,
    start: u64,
    count: usize,
    done: bool,
}

impl<R: Read> Stream<R> {
    pub fn new(place: &str, reader: R, compressed: bool, lang: Option<Lang>) -> Stream<R> {
        let pos = Arc::new(AtomicU64::new(0));
        let dirty = Arc::new(AtomicBool::new(false));
        let counting = Counting {
            inner: BufReader::with_capacity(1 << 20, reader),
            pos: Arc::clone(&pos),
            dirty: Arc::clone(&dirty),
        };
        Stream {
            place: place.to_string(),
            lang,
            compressed,
            records: WarcReader::new(counting).iter_records(),
            pos,
            dirty,
            ready: VecDeque::new(),
            start: 0,
            count: 0,
            done: false,
        }
    }

    fn at_byte(&self, offset: u64) -> String {
        if self.compressed {
            format!("at byte {offset} of the uncompressed data")
        } else {
            format!("at byte {offset}")
        }
    }

    /// Reads records until [`PAGES_AT_ONCE`] responses are gathered (or the
    /// stream ends or breaks), and queues what they give.
    fn fill(&mut self) {
        let mut pending = Vec::new();
        while pending.len() < PAGES_AT_ONCE {
            let Some(record) = self.records.next() else {
                self.done = true;
                break;
            };
            self.count += 1;
            let n = self.count;
            let record_start = self.start;
            self.start = self.pos.load(Ordering::Relaxed);
            self.dirty.store(false, Ordering::Relaxed);
            match record {
                Ok(record) => {
                    if let Some(r) = response(n, record) {
                        pending.push(r);
                    }
                }
                Err(e) => {
                    let (why, fatal) = framing_error(&e);
                    self.ready
                        .extend(pages(&self.place, std::mem::take(&mut pending), self.lang));
                    self.ready.push_back(Err(IngestError::new(
                        format!("{}:record {n}", self.place),
                        format!("{}: {why}", self.at_byte(record_start)),
                    )));
                    if fatal {
                        self.done = true;
                        return;
                    }
                }
            }
        }
        self.ready.extend(pages(&self.place, pending, self.lang));
        if self.done && self.dirty.load(Ordering::Relaxed) {
            // The reader stops quietly inside an unfinished header; say so.
            self.ready.push_back(Err(IngestError::new(
                format!("{}:record {}", self.place, self.count + 1),
                format!(
                    "{}: the data ends inside a record header (a truncated file, or header lines not ended by CRLF)",
                    self.at_byte(self.start)
                ),
            )));
        }
        if self.done && self.count == 0 && self.ready.is_empty() {
            self.ready
                .push_back(Err(IngestError::new(&self.place, "no WARC records")));
        }
    }
}

impl<R: Read> Iterator for Stream<R> {
    type Item = Result<Article, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.ready.is_empty() && !self.done {
            self.fill();
        }
        self.ready.pop_front()
    }
}

/// What went wrong in a record's framing, and whether the rest of the
/// stream is lost (the next record's start is then unknown).
fn framing_error(e: &warc::Error) -> (String, bool) {
    match e {
        warc::Error::ParseHeaders(_) => (
            "malformed WARC header (no 'WARC/' version line, or a bad header line or Content-Length)"
                .to_string(),
            true,
        ),
        warc::Error::MissingHeader(h) => (format!("the record has no {h} header"), false),
        warc::Error::MalformedHeader(h, why) => (format!("malformed {h} header: {why}"), false),
        warc::Error::ReadOverflow => (
            "the record does not end where its Content-Length says (a wrong Content-Length?)"
                .to_string(),
            true,
        ),
        warc::Error::UnexpectedEOB => (
            "the data ends inside the record (a truncated file, or a Content-Length too large)"
                .to_string(),
            true,
        ),
        warc::Error::ReadData(io) => (
            match io.kind() {
                std::io::ErrorKind::UnexpectedEof => {
                    "the gzip data ends early (a truncated file?)".to_string()
                }
                _ => format!("cannot read the data: {io}"),
            },
            true,
        ),
    }
}

/// The response records worth turning into articles.
fn response(n: usize, record: warc::Record<warc::BufferedBody>) -> Option<Response> {
    if *record.warc_type() != RecordType::Response {
        return None;
    }
    let uri = record.header(WarcHeader::TargetURI)?;
    let uri = uri
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    let crawl_date = record.date().format("%Y-%m-%d").to_string();
    let (_, http) = record.into_raw_parts();
    Some(Response {
        n,
        uri,
        crawl_date,
        http,
    })
}

/// Turns gathered responses into articles, in parallel, in record order.
fn pages(
    place: &str,
    responses: Vec<Response>,
    lang: Option<Lang>,
) -> Vec<Result<Article, IngestError>> {
    responses
        .into_par_iter()
        .filter_map(|r| page(place, r, lang))
        .collect()
}

/// One HTTP response as an article; `None` for what is no page (another
/// status or media type).
fn page(place: &str, r: Response, lang: Option<Lang>) -> Option<Result<Article, IngestError>> {
    let at = format!("{place}:record {}", r.n);
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut head = httparse::Response::new(&mut headers);
    let head_len = match head.parse(&r.http) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => {
            return Some(Err(IngestError::new(
                at,
                "the HTTP response head is incomplete",
            )))
        }
        Err(e) => {
            return Some(Err(IngestError::new(
                at,
                format!("the HTTP response head is malformed: {e}"),
            )))
        }
    };
    if !head.code.is_some_and(|c| (200..300).contains(&c)) {
        return None;
    }
    let header = |name: &str| -> Option<String> {
        head.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    let mime = content_type.split(';').next().unwrap_or("").trim();
    let is_html = matches!(mime, "text/html" | "application/xhtml+xml");
    if !is_html && mime != "text/plain" {
        return None;
    }
    let body = &r.http[head_len..];
    let body = match header("transfer-encoding").as_deref() {
        Some(te) if te.contains("chunked") => match dechunk(body) {
            Some(b) => std::borrow::Cow::Owned(b),
            None => {
                return Some(Err(IngestError::new(
                    at,
                    "the chunked HTTP body is malformed",
                )))
            }
        },
        _ => std::borrow::Cow::Borrowed(body),
    };
    let body = match decode_content(&body, header("content-encoding").as_deref()) {
        Ok(b) => b,
        Err(why) => return Some(Err(IngestError::new(at, why))),
    };
    let text = decode_charset(&body, &content_type, is_html);
    let meta = Meta {
        url: Some(r.uri.clone()),
        lang,
        ..Meta::default()
    };
    let article = if is_html {
        super::html::parse(&at, &text, meta)
    } else if text.trim().is_empty() {
        Err(IngestError::new(&at, "the page has no text"))
    } else {
        Ok(Article::from_text(at.clone(), at.clone(), &text, meta))
    };
    Some(article.map(|mut a| {
        a.key = r.uri;
        a.source = at;
        a.date = a.date.or(Some(r.crawl_date));
        a
    }))
}

/// Joins the chunks of a chunked HTTP body.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let (skip, size) = match httparse::parse_chunk_size(body).ok()? {
            httparse::Status::Complete(x) => x,
            httparse::Status::Partial => return None,
        };
        if size == 0 {
            return Some(out);
        }
        let chunk = body.get(skip..skip + usize::try_from(size).ok()?)?;
        out.extend_from_slice(chunk);
        body = body.get(skip + chunk.len()..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

/// Undoes a gzip or deflate content encoding.
fn decode_content(body: &[u8], encoding: Option<&str>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let read = match encoding.unwrap_or("identity") {
        "" | "identity" => return Ok(body.to_vec()),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body).read_to_end(&mut out),
        "deflate" => flate2::read::ZlibDecoder::new(body).read_to_end(&mut out),
        other => return Err(format!("the content encoding {other:?} is not supported")),
    };
    read.map(|_| out)
        .map_err(|e| format!("the page's compressed content cannot be read: {e}"))
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)"#).unwrap()
});

/// Decodes the page by the charset its Content-Type names, else (for HTML)
/// the one a `<meta>` tag near the top names, else as UTF-8 (a byte-order
/// mark wins over both); undecodable bytes become U+FFFD.
fn decode_charset(body: &[u8], content_type: &str, is_html: bool) -> String {
    let declared = content_type
        .split(';')
        .skip(1)
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches(['"', '\'', ' ']).to_string())
        .next()
        .or_else(|| {
            let head = &body[..body.len().min(2048)];
            is_html
                .then(|| META_CHARSET.captures(head))
                .flatten()
                .map(|c| String::from_utf8_lossy(&c[1]).into_owned())
        });
    let encoding = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(body).0.into_owned()
}

/// A buffered reader that counts the bytes the WARC reader consumes and
/// notes whether any of them, since the last record, was not whitespace.
/// A reader that counts the bytes taken from it and notes whether any of
/// them since the last record was more than whitespace.
pub struct Counting<R> {
    inner: BufReader<R>,
    pos: Arc<AtomicU64>,
    dirty: Arc<AtomicBool>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        note(&self.pos, &self.dirty, &buf[..n]);
        Ok(n)
    }
}

impl<R: Read> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        let buffered = self.inner.buffer();
        let amt = amt.min(buffered.len());
        note(&self.pos, &self.dirty, &buffered[..amt]);
        self.inner.consume(amt);
    }
}

fn note(pos: &AtomicU64, dirty: &AtomicBool, bytes: &[u8]) {
    pos.fetch_add(bytes.len() as u64, Ordering::Relaxed);
    if !dirty.load(Ordering::Relaxed) && bytes.iter().any(|b| !b.is_ascii_whitespace()) {
        dirty.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One WARC record, framed by hand as the standard says.
    pub(crate) fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08}-0000-0000-0000-000000000000>\r\nWARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
            block.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    pub(crate) fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut h = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        h.extend_from_slice(body);
        h
    }

    const PAGE: &str = "<html><head><title>Trade</title></head><body><article><p>Kazakhstan and Uzbekistan signed an agreement on trade.</p></article></body></html>";

    fn warc() -> Vec<u8> {
        let mut w = Vec::new();
        w.extend(record(
            "warcinfo",
            "x",
            "2024-05-01T00:00:00Z",
            b"software: test\r\n",
        ));
        w.extend(record(
            "request",
            "https://a.example.org/1",
            "2024-05-01T10:00:00Z",
            b"GET /1 HTTP/1.1\r\nHost: a.example.org\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "https://a.example.org/1",
            "2024-05-01T10:00:00Z",
            &http("text/html; charset=utf-8", PAGE.as_bytes()),
        ));
        w.extend(record(
            "response",
            "https://a.example.org/logo.png",
            "2024-05-01T10:00:01Z",
            &http("image/png", b"\x89PNG"),
        ));
        let cp1251 = encoding_rs::WINDOWS_1251
            .encode("<html><body><p>Казахстан и Узбекистан подписали соглашение о торговле.</p></body></html>")
            .0
            .into_owned();
        w.extend(record(
            "response",
            "https://b.example.org/2",
            "2024-05-02T10:00:00Z",
            &http("text/html; charset=windows-1251", &cp1251),
        ));
        w
    }

    #[test]
    fn responses_with_pages_become_articles() {
        let r = parse("c.warc", &warc()[..], false, None);
        assert_eq!(r.len(), 2, "{r:?}");
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.key, "https://a.example.org/1");
        assert_eq!(a.url.as_deref(), Some("https://a.example.org/1"));
        assert_eq!(a.source, "c.warc:record 3");
        assert_eq!(a.date.as_deref(), Some("2024-05-01"));
        assert_eq!(
            a.text,
            "Kazakhstan and Uzbekistan signed an agreement on trade."
        );
        let b = r[1].as_ref().unwrap();
        assert_eq!(b.lang, Lang::Ru);
        assert_eq!(
            b.text,
            "Казахстан и Узбекистан подписали соглашение о торговле."
        );
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_decoded() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(PAGE.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&gz[..10]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", gz.len() - 10).as_bytes());
        chunked.extend_from_slice(&gz[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut msg = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        msg.extend(chunked);
        let w = record(
            "response",
            "https://c.example.org/",
            "2024-05-03T00:00:00Z",
            &msg,
        );
        let r = parse("d.warc", &w[..], false, None);
        assert_eq!(
            r[0].as_ref().unwrap().text,
            "Kazakhstan and Uzbekistan signed an agreement on trade."
        );
    }

    #[test]
    fn a_bad_length_keeps_the_records_before_it() {
        let mut w = warc();
        let good = w.len();
        let block = http("text/html", PAGE.as_bytes());
        let bad = record(
            "response",
            "https://a.example.org/3",
            "2024-05-04T00:00:00Z",
            &block,
        );
        // Claim fewer bytes than the block holds.
        let bad = String::from_utf8(bad).unwrap().replacen(
            &format!("Content-Length: {}\r\n\r\n", block.len()),
            "Content-Length: 20\r\n\r\n",
            1,
        );
        assert!(bad.contains("Content-Length: 20\r\n"));
        w.extend(bad.into_bytes());
        w.extend(record(
            "response",
            "https://a.example.org/4",
            "2024-05-04T00:00:00Z",
            &http("text/html", PAGE.as_bytes()),
        ));
        let r = parse("e.warc", &w[..], false, None);
        assert_eq!(r.len(), 3, "{r:?}");
        let e = r[2].as_ref().unwrap_err();
        assert_eq!(e.place, "e.warc:record 6");
        assert!(e.message.starts_with(&format!("at byte {good}:")), "{e}");
        assert!(e.message.contains("Content-Length"), "{e}");
    }

    #[test]
    fn a_truncated_file_is_reported() {
        let w = warc();
        let r = parse("f.warc", &w[..w.len() - 40], false, None);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[1].as_ref().unwrap_err().place, "f.warc:record 5");
        // Cut inside the header of the third record: the reader would stop quietly.
        let cut = w.windows(8).rposition(|x| x == b"WARC/1.0").unwrap() + 30;
        let r = parse("g.warc", &w[..cut], false, None);
        let e = r.last().unwrap().as_ref().unwrap_err();
        assert_eq!(e.place, "g.warc:record 5");
        assert!(e.message.contains("ends inside a record header"), "{e}");
        let r = parse("h.warc", &b"not a warc at all\r\n\r\n"[..], false, None);
        assert!(r[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("malformed WARC header"));
    }
}
