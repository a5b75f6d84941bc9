//! Bytes in: expands folders into files, opens a file or standard input,
//! undoes gzip with `flate2` (a `.gz` name, or any input that begins with
//! gzip's magic bytes; members concatenated as Common Crawl writes them are
//! read in turn), streams WARC data to [`super::warc`] record by record and
//! JSON Lines files line by line ([`stream`]: as the articles are taken),
//! and reads everything else whole, within [`MAX_FILE_BYTES`], for
//! [`parse_bytes`]. Knows no RDF and no store.

use super::{jsonl, parse_bytes, warc, Article, Format, IngestError, Input, Lang};
use super::{MAX_FILE_BYTES, MAX_FILE_MB};
use flate2::read::MultiGzDecoder;
use std::io::{BufReader, Cursor, Read};
use std::path::PathBuf;

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const WARC_MAGIC: &[u8] = b"WARC/";

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
            Err(e) => errors.push(IngestError::new(super::path_text(path), io_message(&e))),
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
                                .map(super::path_text)
                                .unwrap_or_else(|| super::path_text(path));
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

pub(super) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Reads one input into articles (one result per article or failure).
pub fn read(input: &Input, lang: Option<Lang>) -> Vec<Result<Article, IngestError>> {
    let place = input.display();
    let fail = |message: String| vec![Err(IngestError::new(&place, message))];
    let (format, _) = match input {
        Input::File(p) => Format::from_path(p),
        Input::Stdin => (None, false),
    };
    let (raw, size): (Box<dyn Read>, Option<u64>) = match input {
        Input::Stdin => (Box::new(std::io::stdin().lock()), None),
        Input::File(path) => match std::fs::File::open(path) {
            Ok(f) => {
                let size = f.metadata().ok().map(|m| m.len());
                (Box::new(f), size)
            }
            Err(e) => return fail(io_message(&e)),
        },
    };
    let (head, raw) = match open_peeked(raw) {
        Err(m) => return fail(m),
        Ok(Opened::Gunzipped(head, decoded)) => {
            if head.starts_with(WARC_MAGIC) || format == Some(Format::Warc) {
                return warc::parse(&place, decoded, true, lang);
            }
            return read_gunzipped(&place, decoded, format, lang);
        }
        Ok(Opened::Plain(head, raw)) => (head, raw),
    };
    if head.starts_with(WARC_MAGIC) || format == Some(Format::Warc) {
        return warc::parse(&place, raw, false, lang);
    }
    if let Some(size) = size.filter(|&s| s > MAX_FILE_BYTES) {
        return fail(format!(
            "file is {} MB, larger than the {MAX_FILE_MB} MB limit",
            size / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::new();
    if let Err(e) = raw.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return fail(io_message(&e));
    }
    parse_bytes(&place, format, &bytes, lang)
}

/// Reads one input as a stream of articles. JSON Lines (files by their
/// name, standard input by its first character) are read line by line and
/// WARC (by name or content) record by record, gzipped or not, so their size
/// does not matter; every other input is read as [`read`] does.
pub fn stream(
    input: &Input,
    lang: Option<Lang>,
) -> Box<dyn Iterator<Item = Result<Article, IngestError>> + Send> {
    let place = input.display();
    let fail = |m: String| -> Box<dyn Iterator<Item = _> + Send> {
        Box::new(std::iter::once(Err(IngestError::new(&place, m))))
    };
    let (format, raw): (Option<Format>, Box<dyn Read + Send>) = match input {
        Input::Stdin => (None, Box::new(std::io::stdin())),
        Input::File(path) => match std::fs::File::open(path) {
            Ok(f) => (Format::from_path(path).0, Box::new(f)),
            Err(e) => return fail(io_message(&e)),
        },
    };
    let stdin = matches!(input, Input::Stdin);
    // Standard input has no name: JSON Lines is told by its first character.
    let lines = |head: &[u8]| {
        format == Some(Format::JsonLines)
            || (stdin
                && String::from_utf8_lossy(head)
                    .trim_start_matches('\u{feff}')
                    .trim_start()
                    .starts_with('{'))
    };
    const BUFFER: usize = 1 << 16;
    match open_peeked(raw) {
        Err(m) => fail(m),
        Ok(Opened::Gunzipped(head, decoded)) => {
            if head.starts_with(WARC_MAGIC) || format == Some(Format::Warc) {
                Box::new(warc::Stream::new(&place, decoded, true, lang))
            } else if lines(&head) {
                let decoded = BufReader::with_capacity(BUFFER, decoded);
                Box::new(jsonl::Stream::new(&place, decoded, lang, gzip_problem))
            } else if stdin {
                Box::new(read_gunzipped(&place, decoded, None, lang).into_iter())
            } else {
                Box::new(read(input, lang).into_iter())
            }
        }
        Ok(Opened::Plain(head, raw)) => {
            if head.starts_with(WARC_MAGIC) || format == Some(Format::Warc) {
                Box::new(warc::Stream::new(&place, raw, false, lang))
            } else if lines(&head) {
                let plain = BufReader::with_capacity(BUFFER, raw);
                Box::new(jsonl::Stream::new(&place, plain, lang, io_message))
            } else if stdin {
                let mut bytes = Vec::new();
                if let Err(e) = raw.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
                    return fail(io_message(&e));
                }
                if bytes.len() as u64 > MAX_FILE_BYTES {
                    return fail(format!("input is larger than the {MAX_FILE_MB} MB limit"));
                }
                Box::new(parse_bytes(&place, None, &bytes, lang).into_iter())
            } else {
                Box::new(read(input, lang).into_iter())
            }
        }
    }
}

/// Reads gunzipped data whole. Where the gzip data ends early or is
/// corrupt, the complete lines of JSON Lines before the break are still
/// read, and the break is reported at its line.
fn read_gunzipped(
    place: &str,
    decoded: impl Read,
    format: Option<Format>,
    lang: Option<Lang>,
) -> Vec<Result<Article, IngestError>> {
    let mut bytes = Vec::new();
    let error = decoded
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .err();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return vec![Err(IngestError::new(
            place,
            format!("the uncompressed data is larger than the {MAX_FILE_MB} MB limit"),
        ))];
    }
    let Some(error) = error else {
        return parse_bytes(place, format, &bytes, lang);
    };
    let format = format.unwrap_or_else(|| Format::sniff_bytes(&bytes));
    let complete = if format == Format::JsonLines {
        bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
    } else {
        0
    };
    let mut out = if bytes[..complete].iter().any(|b| !b.is_ascii_whitespace()) {
        parse_bytes(place, Some(format), &bytes[..complete], lang)
    } else {
        Vec::new()
    };
    let line = bytes[..complete].iter().filter(|&&b| b == b'\n').count() + 1;
    let lost = if format == Format::JsonLines {
        "the records from this line on are lost"
    } else {
        "nothing of it was read"
    };
    out.push(Err(IngestError::new(
        format!("{place}:{line}"),
        format!(
            "{} after {} bytes of uncompressed data; {lost}",
            gzip_problem(&error),
            bytes.len()
        ),
    )));
    out
}

/// What a gzip read error means, in a few words.
fn gzip_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => "the gzip data ends early (a truncated file?)".into(),
        _ => format!("the gzip data is corrupt ({e})"),
    }
}

/// The first few bytes of a stream, and the stream again from its start.
fn peek<R: Read>(mut r: R) -> std::io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = Vec::with_capacity(8);
    (&mut r).take(8).read_to_end(&mut head)?;
    Ok((head.clone(), Cursor::new(head).chain(r)))
}

/// A stream given back whole after its first bytes were looked at.
type Peeked<R> = std::io::Chain<Cursor<Vec<u8>>, R>;

/// An input opened for reading: gzip undone when its first bytes say so,
/// with the first bytes of what is to be read.
enum Opened<R: Read> {
    Plain(Vec<u8>, Peeked<R>),
    Gunzipped(Vec<u8>, Box<Peeked<MultiGzDecoder<BufReader<Peeked<R>>>>>),
}

/// Looks at the first bytes of `raw` and undoes gzip if it is gzipped; the
/// error is the message for the input's place.
fn open_peeked<R: Read>(raw: R) -> Result<Opened<R>, String> {
    let (head, raw) = peek(raw).map_err(|e| io_message(&e))?;
    if !head.starts_with(GZIP_MAGIC) {
        return Ok(Opened::Plain(head, raw));
    }
    let decoded = MultiGzDecoder::new(BufReader::new(raw));
    let (head, decoded) =
        peek(decoded).map_err(|e| format!("cannot read the gzip data: {}", gzip_problem(&e)))?;
    Ok(Opened::Gunzipped(head, Box::new(decoded)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    }

    fn read_file(name: &str, bytes: &[u8]) -> Vec<Result<Article, IngestError>> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let r = read(&Input::File(path.clone()), None);
        // Places name the file; make them relative for the assertions.
        r.into_iter()
            .map(|x| {
                x.map_err(|mut e| {
                    e.place = e.place.replace(&format!("{}/", dir.path().display()), "");
                    e
                })
            })
            .collect()
    }

    const JSONL: &str = "{\"text\":\"Kazakhstan and Uzbekistan signed an agreement on trade.\",\"url\":\"https://x.example.org/1\"}\n{\"text\":\"Kyrgyzstan and China agreed to build a railway.\",\"url\":\"https://x.example.org/2\"}\n{\"text\":\"Russia and Belarus discussed energy prices at length today.\",\"url\":\"https://x.example.org/3\"}\n";

    #[test]
    fn gzipped_json_lines_are_read() {
        let r = read_file("a.jsonl.gz", &gzip(JSONL.as_bytes()));
        assert_eq!(r.len(), 3);
        assert_eq!(r[1].as_ref().unwrap().key, "https://x.example.org/2");
        assert_eq!(
            r[1].as_ref().unwrap().source.rsplit('/').next(),
            Some("a.jsonl.gz:2")
        );
        // A bad line is reported with its line number, as in plain JSON Lines.
        let r = read_file("b.ndjson.gz", &gzip(b"{\"text\":\"ok fine text\"}\n{bad\n"));
        assert_eq!(r[1].as_ref().unwrap_err().place, "b.ndjson.gz:2");
        // Gzip is recognised by its magic bytes too.
        let r = read_file("c.data", &gzip(JSONL.as_bytes()));
        assert_eq!(r.len(), 3);
    }

    #[test]
    fn truncated_gzip_keeps_the_lines_before_the_break() {
        let gz = gzip(JSONL.repeat(50).as_bytes());
        let r = read_file("t.jsonl.gz", &gz[..gz.len() * 2 / 3]);
        let (ok, err): (Vec<_>, Vec<_>) = r.iter().partition(|x| x.is_ok());
        assert!(!ok.is_empty(), "the lines before the break are kept");
        assert_eq!(err.len(), 1, "{err:?}");
        let e = err[0].as_ref().unwrap_err();
        assert_eq!(e.place, format!("t.jsonl.gz:{}", ok.len() + 1));
        assert!(e.message.contains("ends early"), "{e}");
        // Not a gzip stream at all after the magic bytes.
        let r = read_file("u.jsonl.gz", b"\x1f\x8bnot really gzip");
        assert!(r[0].as_ref().unwrap_err().message.contains("gzip"), "{r:?}");
    }

    #[test]
    fn gzipped_warc_is_streamed() {
        use super::warc::tests::{http, record};
        let page = b"<html><body><p>Kazakhstan and Uzbekistan signed an agreement on trade.</p></body></html>";
        let mut gz = Vec::new();
        for (i, uri) in ["https://w.example.org/1", "https://w.example.org/2"]
            .iter()
            .enumerate()
        {
            let rec = record(
                "response",
                uri,
                &format!("2024-05-0{}T00:00:00Z", i + 1),
                &http("text/html", page),
            );
            gz.extend(gzip(&rec));
        }
        let r = read_file("n.warc.gz", &gz);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[1].as_ref().unwrap().date.as_deref(), Some("2024-05-02"));
        let r = read_file("m.warc.gz", &gz[..gz.len() - 10]);
        assert_eq!(r.len(), 2, "{r:?}");
        let e = r[1].as_ref().unwrap_err();
        assert_eq!(e.place, "m.warc.gz:record 2");
        assert!(
            e.message.contains("uncompressed data") && e.message.contains("ends early"),
            "{e}"
        );
    }
}
