//! Input signatures: for each input file of the last build, its size and
//! modification time with the articles it gave (graph, content hash and
//! text hash, the last for telling duplicates).
//!
//! A later build skips a file whose size and time are the same and whose
//! articles are all in the store with the same content hash, without reading
//! it. The signatures live in one small file inside the store directory,
//! replaced whole after a build has written everything; a missing, stale or
//! unreadable file only means that inputs are read and hashed again, so it
//! can never make a build skip a change the store does not already hold.
//! Touches no RDF and no database: only this file.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The file's name inside the store directory.
use crate::store::INPUT_SIGNATURES_FILE as FILE_NAME;

/// What identifies a file's content cheaply: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified_ns: u128,
}

impl Stamp {
    /// The stamp of a file as it is now (`None` when it cannot be read).
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: meta.len(),
            modified_ns: modified.as_nanos(),
        })
    }
}

/// One article of a file as the last build saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedArticle {
    pub graph: String,
    pub hash: String,
    /// The hash of its text (see `Article::text_hash`).
    pub text: [u8; 32],
}

/// One input file as the last build saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub stamp: Stamp,
    /// The language the build was told (`auto` when detected): another
    /// choice gives other articles, so the file must be read again.
    pub lang: String,
    /// The articles it gave.
    pub articles: Vec<SignedArticle>,
}

/// Signatures by input file, its path as given (as in the article's key).
#[derive(Debug, Default)]
pub struct Signatures {
    pub files: HashMap<PathBuf, Signature>,
}

impl Signatures {
    /// Reads the signatures of the store at `store_dir` (none when the file
    /// is missing or unreadable: every input is then read).
    /// Whether the store directory has a signatures file.
    pub fn exist(store_dir: &Path) -> bool {
        store_dir.join(FILE_NAME).is_file()
    }

    pub fn load(store_dir: &Path) -> Signatures {
        let mut files = HashMap::new();
        let Ok(text) = std::fs::read_to_string(store_dir.join(FILE_NAME)) else {
            return Signatures { files };
        };
        for line in text.lines() {
            if let Some((path, sig)) = parse_line(line) {
                files.insert(path, sig);
            }
        }
        Signatures { files }
    }

    /// The articles of `path` if its stamp is the recorded one.
    pub fn unchanged(&self, path: &Path, stamp: Stamp, lang: &str) -> Option<&[SignedArticle]> {
        let sig = self.files.get(path)?;
        (sig.stamp == stamp && sig.lang == lang && !sig.articles.is_empty())
            .then_some(sig.articles.as_slice())
    }

    /// Writes the signatures into the store directory: to a temporary file,
    /// then renamed over the old one, so the file is always whole.
    pub fn save(&self, store_dir: &Path) -> std::io::Result<()> {
        let mut paths: Vec<&PathBuf> = self.files.keys().collect();
        paths.sort();
        let mut tmp = tempfile::NamedTempFile::new_in(store_dir)?;
        {
            let mut w = std::io::BufWriter::new(tmp.as_file_mut());
            for path in paths {
                let Some(p) = path.to_str().filter(|p| !p.contains(['\t', '\n', '\r'])) else {
                    continue; // a name this file cannot hold is simply read again
                };
                let sig = &self.files[path];
                let arts: Vec<String> = sig
                    .articles
                    .iter()
                    .map(|a| format!("{} {} {}", a.graph, a.hash, hex(&a.text)))
                    .collect();
                writeln!(
                    w,
                    "{p}\t{}\t{}\t{}\t{}",
                    sig.stamp.size,
                    sig.stamp.modified_ns,
                    sig.lang,
                    arts.join(" ")
                )?;
            }
            w.flush()?;
        }
        tmp.persist(store_dir.join(FILE_NAME))
            .map_err(|e| e.error)?;
        Ok(())
    }
}

fn parse_line(line: &str) -> Option<(PathBuf, Signature)> {
    let mut cols = line.split('\t');
    let path = PathBuf::from(cols.next()?);
    let size = cols.next()?.parse().ok()?;
    let modified_ns = cols.next()?.parse().ok()?;
    let lang = cols.next()?.to_string();
    let words: Vec<&str> = cols.next()?.split(' ').filter(|w| !w.is_empty()).collect();
    if cols.next().is_some() || !words.len().is_multiple_of(3) {
        return None;
    }
    let articles = words
        .chunks(3)
        .map(|c| {
            Some(SignedArticle {
                graph: c[0].to_string(),
                hash: c[1].to_string(),
                text: unhex(c[2])?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some((
        path,
        Signature {
            stamp: Stamp { size, modified_ns },
            lang,
            articles,
        },
    ))
}

fn hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_survive_a_save_and_load_and_bad_lines_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Signatures::default();
        let stamp = Stamp {
            size: 12,
            modified_ns: 1_700_000_000_123_456_789,
        };
        s.files.insert(
            PathBuf::from("/data/a.jsonl"),
            Signature {
                stamp,
                lang: "auto".into(),
                articles: vec![
                    SignedArticle {
                        graph: "http://g/1".into(),
                        hash: "h1".into(),
                        text: [7; 32],
                    },
                    SignedArticle {
                        graph: "http://g/2".into(),
                        hash: "h2".into(),
                        text: [255; 32],
                    },
                ],
            },
        );
        s.save(dir.path()).unwrap();
        let mut text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        text.push_str("broken line\n/x\t1\t2\tauto\tonly-one-word\n");
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let back = Signatures::load(dir.path());
        assert_eq!(back.files.len(), 1);
        let arts = back
            .unchanged(Path::new("/data/a.jsonl"), stamp, "auto")
            .expect("same stamp");
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[1].text, [255; 32]);
        let touched = Stamp {
            modified_ns: stamp.modified_ns + 1,
            ..stamp
        };
        assert!(back
            .unchanged(Path::new("/data/a.jsonl"), touched, "auto")
            .is_none());
        assert!(back
            .unchanged(Path::new("/data/a.jsonl"), stamp, "ru")
            .is_none());
        assert!(Signatures::load(&dir.path().join("none")).files.is_empty());
    }
}
