//! The build pipeline: ingest -> extract -> rdf -> store, incrementally.
//!
//! Inputs are read in groups (up to [`BATCH`] files or [`BATCH_BYTES`] of
//! them, so a few large WARC files do not sit in memory together) in
//! parallel (rayon); their articles are then, in input order, checked for
//! duplicates and against the store, extracted in parallel batches and
//! written one article per transaction, so no article is ever half-written.
//! Unchanged articles (same content hash) are skipped before extraction;
//! `prune` removes articles whose source is no longer an input.
//!
//! Duplicates are decided here, across all inputs of one run: an article
//! whose key (its URL, for feeds, WARC and JSON Lines with a URL) or whose
//! text was already taken in this run is skipped and counted, the first in
//! input order winning.

use crate::extract::{Extraction, Extractor};
use crate::ingest::{self, Article, IngestError, Input, Lang};
use crate::rdf;
use crate::store::{Store, StoreError, StoredArticle};
use crate::vocab;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Inputs read together, and articles extracted together before they are written.
const BATCH: usize = 256;
/// Bytes of input files read together (a larger file is read alone).
const BATCH_BYTES: u64 = 64 * 1024 * 1024;

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub paths: Vec<PathBuf>,
    pub prune: bool,
    pub lang: Option<Lang>,
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Articles skipped because one with the same key or text came first.
    pub duplicates: usize,
    pub pruned: usize,
    pub failed: Vec<IngestError>,
    pub ontology_loaded: bool,
}

impl Summary {
    pub fn changed_anything(&self) -> bool {
        self.new + self.changed + self.pruned > 0 || self.ontology_loaded
    }
}

/// The ontology shipped with the binary.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/newskg.ttl");

fn ontology_hash() -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(ONTOLOGY_TTL.as_bytes());
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Articles taken in this run, by key and by text: the first in input
/// order wins, later ones with the same key or text are duplicates.
#[derive(Default)]
struct Taken {
    keys: HashSet<String>,
    texts: HashSet<[u8; 32]>,
}

impl Taken {
    /// Takes `article` unless it duplicates one taken before.
    fn admit(&mut self, article: &Article) -> bool {
        let text = article.text_hash();
        if self.keys.contains(&article.key) || self.texts.contains(&text) {
            return false;
        }
        self.keys.insert(article.key.clone());
        self.texts.insert(text);
        true
    }
}

/// Splits inputs into groups read together: at most [`BATCH`] inputs and,
/// past the first, at most [`BATCH_BYTES`] of files.
fn groups(inputs: &[Input]) -> Vec<&[Input]> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, input) in inputs.iter().enumerate() {
        let size = match input {
            Input::File(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
            Input::Stdin => 0,
        };
        if i > start && (i - start >= BATCH || bytes + size > BATCH_BYTES) {
            out.push(&inputs[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

/// Reads a group of inputs in parallel; the results in input order.
fn read_group(group: &[Input], lang: Option<Lang>) -> Vec<Result<Article, IngestError>> {
    let read: Vec<Vec<_>> = group.par_iter().map(|i| ingest::read(i, lang)).collect();
    read.into_iter().flatten().collect()
}

/// Runs a build into `store`.
pub fn build(
    store: &Store,
    extractor: &Extractor,
    opts: &BuildOptions,
) -> Result<Summary, StoreError> {
    let mut summary = Summary {
        ontology_loaded: store.ensure_ontology(ONTOLOGY_TTL, &ontology_hash())?,
        ..Summary::default()
    };
    let stored: HashMap<String, StoredArticle> = store.articles()?;
    let (inputs, errors) = ingest::expand(&opts.paths);
    summary.failed.extend(errors);
    let bar = if opts.progress {
        let b = ProgressBar::new(inputs.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} files  {msg}")
                .expect("static template")
                .progress_chars("=> "),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut taken = Taken::default();
    let mut seen: HashSet<String> = HashSet::new();
    for group in groups(&inputs) {
        let mut todo = Vec::new();
        for r in read_group(group, opts.lang) {
            let article = match r {
                Ok(a) => a,
                Err(e) => {
                    summary.failed.push(e);
                    continue;
                }
            };
            if !taken.admit(&article) {
                summary.duplicates += 1;
                continue;
            }
            let graph = vocab::article(&article.key_hash()).as_str().to_string();
            match stored.get(&graph) {
                Some(s) if s.hash == article.content_hash() => {
                    seen.insert(graph);
                    summary.unchanged += 1;
                }
                prev => todo.push((article, graph, prev.is_none())),
            }
        }
        for part in todo.chunks(BATCH) {
            let quads: Vec<Vec<oxigraph::model::Quad>> = part
                .par_iter()
                .map(|(a, _, _)| rdf::article_quads(a, &extractor.extract(a)))
                .collect();
            for ((_, graph, is_new), quads) in part.iter().zip(quads) {
                store.replace_graph(
                    &oxigraph::model::NamedNode::new_unchecked(graph.as_str()),
                    &quads,
                )?;
                seen.insert(graph.clone());
                if *is_new {
                    summary.new += 1;
                } else {
                    summary.changed += 1;
                }
            }
            bar.set_message(progress_message(&summary));
        }
        bar.inc(group.len() as u64);
        bar.set_message(progress_message(&summary));
    }
    bar.finish_and_clear();
    if opts.prune {
        // An input that failed to read is still an input: keep what it had,
        // all of it (a break in a WARC file or feed loses the records after it).
        let failed_files: HashSet<&str> = summary.failed.iter().map(|e| e.file()).collect();
        let failed_keys: HashSet<String> = summary
            .failed
            .iter()
            .map(|e| {
                vocab::article(&ingest::key_hash(&e.place))
                    .as_str()
                    .to_string()
            })
            .collect();
        let mut stale: Vec<String> = stored
            .iter()
            .filter(|(g, a)| {
                !seen.contains(*g)
                    && !failed_keys.contains(*g)
                    && !failed_files.contains(ingest::file_of(&a.source))
            })
            .map(|(g, _)| g.clone())
            .collect();
        stale.sort();
        store.remove_graphs(&stale)?;
        summary.pruned = stale.len();
    }
    store.flush()?;
    Ok(summary)
}

fn progress_message(summary: &Summary) -> String {
    format!(
        "{} new, {} changed, {} unchanged, {} failed",
        summary.new,
        summary.changed,
        summary.unchanged,
        summary.failed.len()
    )
}

/// Reads and extracts inputs without a store (for `extract`), in input
/// order; duplicates (same key or text as an article before) are left out.
pub fn extract_inputs(
    paths: &[PathBuf],
    lang: Option<Lang>,
    extractor: &Extractor,
) -> (Vec<(Article, Extraction)>, Vec<IngestError>) {
    let (inputs, mut errors) = ingest::expand(paths);
    let mut out = Vec::new();
    let mut taken = Taken::default();
    for group in groups(&inputs) {
        let mut articles = Vec::new();
        for r in read_group(group, lang) {
            match r {
                Ok(a) if taken.admit(&a) => articles.push(a),
                Ok(_) => {}
                Err(e) => errors.push(e),
            }
        }
        let extracted: Vec<Extraction> =
            articles.par_iter().map(|a| extractor.extract(a)).collect();
        out.extend(articles.into_iter().zip(extracted));
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Meta;

    fn article(key: &str, text: &str) -> Article {
        Article::from_text(key.into(), key.into(), text, Meta::default())
    }

    #[test]
    fn the_first_of_the_same_key_or_text_is_taken() {
        let mut taken = Taken::default();
        assert!(taken.admit(&article("https://a/1", "Kazakhstan and Uzbekistan signed.")));
        assert!(!taken.admit(&article("https://a/1", "Another text under the same URL.")));
        assert!(!taken.admit(&article(
            "https://b/2",
            "Kazakhstan and  Uzbekistan\nsigned."
        )));
        assert!(taken.admit(&article("https://b/2", "Kyrgyzstan and China agreed.")));
    }

    #[test]
    fn groups_are_bounded_by_count_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, len: u64| {
            let p = dir.path().join(name);
            std::fs::File::create(&p).unwrap().set_len(len).unwrap();
            Input::File(p)
        };
        let mb = 1024 * 1024;
        let inputs = vec![
            file("a", 40 * mb),
            file("b", 20 * mb),
            file("c", 10 * mb),
            file("d", 100 * mb),
            file("e", 1),
        ];
        let sizes: Vec<usize> = groups(&inputs).iter().map(|g| g.len()).collect();
        assert_eq!(sizes, [2, 1, 1, 1]);
        let many: Vec<Input> = (0..BATCH + 1).map(|_| Input::Stdin).collect();
        let sizes: Vec<usize> = groups(&many).iter().map(|g| g.len()).collect();
        assert_eq!(sizes, [BATCH, 1]);
    }
}
