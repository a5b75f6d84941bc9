//! The build pipeline: ingest -> extract -> rdf -> store, incrementally.
//!
//! Inputs flow through a bounded pipeline: groups of inputs (up to 256
//! files or 64 MB of them, see `pipeline`) are read in parallel and their articles
//! extracted in parallel (rayon, across files and within one large WARC
//! file or feed alike), while this thread writes the results of the group
//! before, in input order, with at most two groups waiting between them, so
//! memory does not grow with the corpus. Writes are gathered into large
//! commits, each of whole articles only: new articles go to the store's bulk
//! loader, changed ones to one transaction per commit, so an article is
//! never half-written. Unchanged files are skipped by their size and time
//! (`signatures`), unchanged articles by their content hash, both before
//! extraction; `prune` removes articles whose source is no longer an input.
//!
//! Duplicates are decided here, across all inputs of one run: an article
//! whose key (its URL, for feeds, WARC and JSON Lines with a URL) or whose
//! text was already taken in this run is skipped and counted, the first in
//! input order winning. Knows no SPARQL and no serialisation.

mod pipeline;
mod signatures;

use crate::analyze::graph_update::GraphUpdate;
use crate::extract::{Extraction, Extractor};
use crate::ingest::{self, Article, IngestError, Input, Lang};
use crate::rdf;
use crate::store::{Store, StoreError, StoredArticle};
use crate::vocab;
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::{NamedNode, Quad};
use pipeline::{pipeline, Event};
use signatures::{Signature, Signatures, SignedArticle, Stamp};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Quads of new articles gathered before one bulk commit.
const NEW_QUADS_PER_COMMIT: usize = 100_000;

/// Quads of changed articles gathered before one transaction (a transaction
/// holds its writes in memory until it commits).
const CHANGED_QUADS_PER_COMMIT: usize = 50_000;

/// Options of one build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub paths: Vec<PathBuf>,
    pub prune: bool,
    pub lang: Option<Lang>,
    /// Largest article accepted, in bytes of text.
    pub max_article_bytes: usize,
    pub progress: bool,
    /// Set (by a Ctrl-C handler, say) to stop reading inputs: what was read
    /// is still written, and the next build goes on from there.
    pub stop: Option<Arc<AtomicBool>>,
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
    /// The build was stopped before it read every input.
    pub interrupted: bool,
}

impl Summary {
    pub fn changed_anything(&self) -> bool {
        self.new + self.changed + self.pruned > 0 || self.ontology_loaded
    }
}

/// The ontology shipped with the binary.
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/newskg.ttl");

fn ontology_hash() -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(ONTOLOGY_TTL.as_bytes());
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

enum Outcome {
    Unchanged {
        graph: String,
        hash: String,
        text: [u8; 32],
    },
    Write {
        graph: String,
        hash: String,
        text: [u8; 32],
        quads: Vec<Quad>,
        is_new: bool,
    },
    Failed(IngestError),
}

/// Articles taken in this run, by key (its graph, named after the key) and
/// by text: the first in input order wins, later ones with the same key or
/// text are duplicates.
#[derive(Default)]
struct Taken {
    keys: HashSet<String>,
    texts: HashSet<[u8; 32]>,
}

impl Taken {
    /// Takes an article (its graph and text hash) unless it duplicates one
    /// taken before.
    fn admit(&mut self, key: &str, text: [u8; 32]) -> bool {
        if self.keys.contains(key) || self.texts.contains(&text) {
            return false;
        }
        self.keys.insert(key.to_string());
        self.texts.insert(text);
        true
    }
}

/// Gathers the quads of new and changed articles into large commits of
/// whole articles.
struct Writer<'a> {
    store: &'a Store,
    new: Vec<(NamedNode, Vec<Quad>)>,
    new_quads: usize,
    changed: Vec<(NamedNode, Vec<Quad>)>,
    changed_quads: usize,
}

impl<'a> Writer<'a> {
    fn new(store: &'a Store) -> Writer<'a> {
        Writer {
            store,
            new: Vec::new(),
            new_quads: 0,
            changed: Vec::new(),
            changed_quads: 0,
        }
    }

    fn add(&mut self, graph: String, quads: Vec<Quad>, is_new: bool) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(graph);
        if is_new {
            self.new_quads += quads.len();
            self.new.push((graph, quads));
            if self.new_quads >= NEW_QUADS_PER_COMMIT {
                self.write_new()?;
            }
        } else {
            self.changed_quads += quads.len();
            self.changed.push((graph, quads));
            if self.changed_quads >= CHANGED_QUADS_PER_COMMIT {
                self.write_changed()?;
            }
        }
        Ok(())
    }

    fn write_new(&mut self) -> Result<(), StoreError> {
        if !self.new.is_empty() {
            self.store.insert_new_graphs(&self.new)?;
        }
        self.new.clear();
        self.new_quads = 0;
        Ok(())
    }

    fn write_changed(&mut self) -> Result<(), StoreError> {
        if !self.changed.is_empty() {
            self.store.replace_graphs(&self.changed)?;
        }
        self.changed.clear();
        self.changed_quads = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<(), StoreError> {
        self.write_new()?;
        self.write_changed()
    }
}

/// A full disk, told with the space this build's `articles` need: at the
/// store's bytes per article, twice (RocksDB writes them to its log, then
/// to its tables).
fn with_space_needed(store: &Store, e: StoreError, articles: usize) -> StoreError {
    let StoreError::Full {
        path,
        free,
        needed: None,
    } = e
    else {
        return e;
    };
    let stored = store.named_graph_count().unwrap_or(0);
    let needed = match store.dir() {
        Some(dir) if stored > 0 && articles > 0 => {
            let per_article = crate::store::space::dir_bytes(dir) / stored as u64;
            Some((articles, per_article * articles as u64 * 2))
        }
        _ => None,
    };
    StoreError::Full { path, free, needed }
}

/// Runs a build into `store`.
pub fn build(
    store: &Store,
    extractor: &Extractor,
    opts: &BuildOptions,
) -> Result<Summary, StoreError> {
    // The entity graph beside the store, taken before the first write
    // removes it, is kept current while the build only adds articles.
    // (A server keeps no files beside it: its graph is read when needed.)
    let mut graph_update = match store.dir() {
        Some(dir) => GraphUpdate::start(dir, store.has_articles()?),
        None => None,
    };
    let mut summary = Summary {
        ontology_loaded: store.ensure_ontology(ONTOLOGY_TTL, &ontology_hash())?,
        ..Summary::default()
    };
    // The signatures file is removed by every write to the store, so while
    // it exists it vouches for the articles it lists: then the stored
    // articles need not all be read, only those of the inputs read again
    // are looked up. `--prune` needs them all.
    let vouched = store.dir().is_some_and(Signatures::exist) && !opts.prune;
    let stored_articles: HashMap<String, StoredArticle> = if vouched {
        HashMap::new()
    } else {
        store.articles()?
    };
    let stored = if vouched {
        Stored::Lookup(store)
    } else {
        Stored::All(
            stored_articles
                .iter()
                .map(|(g, a)| (g.clone(), a.hash.clone()))
                .collect(),
        )
    };
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
    let mut seen: HashSet<String> = HashSet::new();
    let mut taken = Taken::default();
    let old_signatures = store.dir().map(Signatures::load).unwrap_or_default();
    let mut signatures = Signatures::default();
    let mut writer = Writer::new(store);
    // The input being consumed: its stamp, its articles, whether its
    // signature may be kept.
    let mut current: FileStamp = None;
    let mut articles: Vec<SignedArticle> = Vec::new();
    let mut keep_signature = true;
    let finished = pipeline(
        &inputs,
        opts.stop.as_deref(),
        |input| {
            read_input(
                input,
                (opts.lang, opts.max_article_bytes),
                &stored,
                &old_signatures,
            )
        },
        |r| match r {
            Read::Skipped(outcome) => outcome,
            Read::Article(article) => outcome_of(&article, extractor, &stored),
        },
        |event| {
            match event {
                Event::Begin(file) => {
                    current = file;
                    articles = Vec::new();
                    keep_signature = true;
                }
                Event::Item(outcome) => match outcome {
                    Outcome::Unchanged { graph, hash, text } => {
                        if !taken.admit(&graph, text) {
                            summary.duplicates += 1;
                            keep_signature = false;
                        } else {
                            seen.insert(graph.clone());
                            articles.push(SignedArticle { graph, hash, text });
                            summary.unchanged += 1;
                        }
                    }
                    Outcome::Failed(e) => {
                        keep_signature = false;
                        summary.failed.push(e);
                    }
                    Outcome::Write {
                        graph,
                        hash,
                        text,
                        quads,
                        is_new,
                    } => {
                        if !taken.admit(&graph, text) || !seen.insert(graph.clone()) {
                            summary.duplicates += 1;
                            keep_signature = false;
                        } else {
                            articles.push(SignedArticle {
                                graph: graph.clone(),
                                hash,
                                text,
                            });
                            match (&mut graph_update, is_new) {
                                (Some(update), true) => update.add_article(&graph, &quads),
                                // A replaced article may take relations and
                                // entities away: the next analysis scans.
                                (Some(_), false) => graph_update = None,
                                (None, _) => {}
                            }
                            writer.add(graph, quads, is_new)?;
                            if is_new {
                                summary.new += 1;
                            } else {
                                summary.changed += 1;
                            }
                        }
                    }
                },
                Event::End => {
                    // A file with a bad part (or a duplicate) is read again
                    // next time, so what it had to say is said again.
                    if let (Some((path, stamp)), true) = (current.take(), keep_signature) {
                        signatures.files.insert(
                            path,
                            Signature {
                                stamp,
                                lang: lang_choice(opts.lang).to_string(),
                                articles: std::mem::take(&mut articles),
                            },
                        );
                    }
                    bar.inc(1);
                    bar.set_message(format!(
                        "{} new, {} changed, {} unchanged, {} failed",
                        summary.new,
                        summary.changed,
                        summary.unchanged,
                        summary.failed.len()
                    ));
                }
            }
            Ok::<(), StoreError>(())
        },
    );
    let finished = finished.and_then(|f| writer.finish().map(|()| f));
    bar.finish_and_clear();
    let written = summary.new + summary.changed;
    summary.interrupted = !finished.map_err(|e| with_space_needed(store, e, written))?;
    let mut stale: Vec<String> = Vec::new();
    if opts.prune && !summary.interrupted {
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
        stale = stored_articles
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
    store
        .flush()
        .map_err(|e| with_space_needed(store, e, written))?;
    // Signatures of files this build did not see are kept while their
    // articles are still in the store.
    let pruned: HashSet<&String> = stale.iter().collect();
    for (path, sig) in old_signatures.files {
        if !signatures.files.contains_key(&path)
            && sig
                .articles
                .iter()
                .all(|a| stored.has(&a.graph) && !pruned.contains(&a.graph))
        {
            signatures.files.insert(path, sig);
        }
    }
    let Some(dir) = store.dir() else {
        return Ok(summary);
    };
    if let Some(update) =
        graph_update.filter(|_| !summary.interrupted && summary.pruned == 0 && summary.new > 0)
    {
        // Only the first analysis's speed depends on the file.
        if let Err(e) = update.save(dir) {
            eprintln!(
                "newskg: warning: {}: cannot save the entity graph ({e}); the next analysis reads it from the store",
                dir.display()
            );
        }
    }
    if let Err(e) = signatures.save(dir) {
        // Only a later build's speed depends on the signatures.
        eprintln!(
            "newskg: warning: {}: cannot record the inputs' sizes and times ({e}); the next build reads every input again",
            dir.display()
        );
    }
    Ok(summary)
}

fn lang_choice(lang: Option<Lang>) -> &'static str {
    lang.map_or("auto", Lang::code)
}

/// A file input with its stamp (taken before it was read).
type FileStamp = Option<(PathBuf, Stamp)>;

/// One article read, before the store is asked about it.
enum Read {
    Skipped(Outcome),
    Article(Box<Article>),
}

/// Opens one input (its articles are read as they are taken), or skips a
/// file by its signature.
fn read_input(
    input: &Input,
    (lang, max_article_bytes): (Option<Lang>, usize),
    stored: &Stored,
    signatures: &Signatures,
) -> (FileStamp, Box<dyn Iterator<Item = Read> + Send>) {
    let file = match input {
        // As given, like the article's key: another spelling of the path is
        // another key, so another article.
        Input::File(p) => Stamp::of(p).map(|stamp| (p.clone(), stamp)),
        Input::Stdin => None,
    };
    if let Some((path, stamp)) = &file {
        if let Some(articles) = signatures.unchanged(path, *stamp, lang_choice(lang)) {
            if articles
                .iter()
                .all(|a| stored.vouched() || stored.hash(&a.graph).as_ref() == Some(&a.hash))
            {
                let skipped: Vec<Read> = articles
                    .iter()
                    .map(|a| {
                        Read::Skipped(Outcome::Unchanged {
                            graph: a.graph.clone(),
                            hash: a.hash.clone(),
                            text: a.text,
                        })
                    })
                    .collect();
                return (file, Box::new(skipped.into_iter()));
            }
        }
    }
    let articles = ingest::stream(input, lang).map(move |r| {
        match ingest::within_limit(r, max_article_bytes) {
            Err(e) => Read::Skipped(Outcome::Failed(e)),
            Ok(article) => Read::Article(Box::new(article)),
        }
    });
    (file, Box::new(articles))
}

/// The content hashes of the articles in the store: all read at the start,
/// or, while the signatures vouch for the store, looked up one by one.
enum Stored<'a> {
    All(HashMap<String, String>),
    Lookup(&'a Store),
}

impl Stored<'_> {
    fn vouched(&self) -> bool {
        matches!(self, Stored::Lookup(_))
    }

    /// The stored content hash of an article graph; `None` when it is not
    /// in the store (or cannot be read, which only means re-extracting it).
    fn hash(&self, graph: &str) -> Option<String> {
        match self {
            Stored::All(map) => map.get(graph).cloned(),
            Stored::Lookup(store) => store.content_hash(graph).ok().flatten(),
        }
    }

    fn has(&self, graph: &str) -> bool {
        self.vouched() || self.hash(graph).is_some()
    }
}

/// What becomes of an article that was read: unchanged, or extracted.
fn outcome_of(article: &Article, extractor: &Extractor, stored: &Stored) -> Outcome {
    let graph = vocab::article(&article.key_hash()).as_str().to_string();
    let hash = article.content_hash();
    let text = article.text_hash();
    match stored.hash(&graph) {
        Some(h) if *h == hash => Outcome::Unchanged { graph, hash, text },
        prev => {
            let ex = extractor.extract(article);
            Outcome::Write {
                graph,
                hash,
                text,
                quads: rdf::article_quads(article, &ex),
                is_new: prev.is_none(),
            }
        }
    }
}

/// Reads and extracts inputs without a store (for `extract`), handing each
/// article and its extraction to `each` in input order as the pipeline goes;
/// returns the inputs that failed, or the first error of `each`.
pub fn extract_inputs<E>(
    paths: &[PathBuf],
    (lang, max_article_bytes): (Option<Lang>, usize),
    extractor: &Extractor,
    mut each: impl FnMut(Article, Extraction) -> Result<(), E>,
) -> Result<Vec<IngestError>, E> {
    let (inputs, mut errors) = ingest::expand(paths);
    let mut taken = Taken::default();
    pipeline(
        &inputs,
        None,
        |input| {
            let articles = ingest::stream(input, lang);
            (
                (),
                articles.map(move |r| ingest::within_limit(r, max_article_bytes)),
            )
        },
        |r| {
            r.map(|a| {
                let ex = extractor.extract(&a);
                (a, ex)
            })
        },
        |event| {
            match event {
                Event::Item(Ok((a, ex))) => {
                    if taken.admit(&a.key_hash(), a.text_hash()) {
                        each(a, ex)?;
                    }
                }
                Event::Item(Err(e)) => errors.push(e),
                Event::Begin(()) | Event::End => {}
            }
            Ok(())
        },
    )?;
    Ok(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Meta;

    fn admit(taken: &mut Taken, key: &str, text: &str) -> bool {
        let a = Article::from_text(key.into(), key.into(), text, Meta::default());
        taken.admit(&a.key_hash(), a.text_hash())
    }

    #[test]
    fn the_first_of_the_same_key_or_text_is_taken() {
        let mut taken = Taken::default();
        assert!(admit(
            &mut taken,
            "https://a/1",
            "Kazakhstan and Uzbekistan signed."
        ));
        assert!(!admit(
            &mut taken,
            "https://a/1",
            "Another text under the same URL."
        ));
        assert!(!admit(
            &mut taken,
            "https://b/2",
            "Kazakhstan and  Uzbekistan\nsigned."
        ));
        assert!(admit(
            &mut taken,
            "https://b/2",
            "Kyrgyzstan and China agreed."
        ));
    }
}
