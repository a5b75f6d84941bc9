//! The build pipeline: ingest -> extract -> rdf -> store, incrementally.
//!
//! Inputs flow through a bounded pipeline: batches of inputs are read and
//! extracted in parallel (rayon) while this thread writes the results of the
//! batch before, in input order, with at most two batches waiting between
//! them, so memory does not grow with the corpus. Writes are gathered into
//! large commits, each of whole articles only: new articles go to the store's
//! bulk loader, changed ones to one transaction per commit, so an article is
//! never half-written. Unchanged articles (same content hash) are skipped
//! before extraction; `prune` removes articles whose source is no longer an
//! input. Knows no SPARQL and no serialisation.

mod signatures;

use crate::extract::{Extraction, Extractor};
use crate::ingest::{self, Article, IngestError, Input, Lang};
use crate::rdf;
use crate::store::{Store, StoreError};
use crate::vocab;
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::{NamedNode, Quad};
use rayon::prelude::*;
use signatures::{Signature, Signatures, Stamp};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Inputs read and extracted together before they are handed on.
const BATCH: usize = 256;

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
    },
    Write {
        graph: String,
        hash: String,
        quads: Vec<Quad>,
        is_new: bool,
    },
    Failed(IngestError),
}

/// What became of one input: its articles, and the file's stamp (taken
/// before it was read) when it is a file.
struct InputDone {
    file: Option<(PathBuf, Stamp)>,
    outcomes: Vec<Outcome>,
}

/// Reads and processes `inputs` in batches on the rayon pool while the
/// calling thread consumes each batch's results (with the batch's input
/// count) in input order. At most two processed batches wait for the
/// consumer, so memory is bounded whatever the number of inputs. Stops early
/// when `stop` is set (returning `Ok(false)`) or when `consume` fails.
pub fn pipeline<T: Send, E>(
    inputs: &[Input],
    stop: Option<&AtomicBool>,
    work: impl Fn(&Input) -> Vec<T> + Sync,
    mut consume: impl FnMut(usize, Vec<T>) -> Result<(), E>,
) -> Result<bool, E> {
    let stopped = || stop.is_some_and(|s| s.load(Ordering::SeqCst));
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<T>)>(2);
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            for chunk in inputs.chunks(BATCH) {
                if stopped() {
                    break;
                }
                let results: Vec<Vec<T>> = chunk.par_iter().map(work).collect();
                let results = results.into_iter().flatten().collect();
                if tx.send((chunk.len(), results)).is_err() {
                    break;
                }
            }
        });
        for (n, results) in rx {
            consume(n, results)?;
        }
        Ok(!stopped())
    })
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
    let stored: HashMap<String, String> = store
        .articles()?
        .into_iter()
        .map(|(g, a)| (g, a.hash))
        .collect();
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
    let old_signatures = Signatures::load(store.path());
    let mut signatures = Signatures::default();
    let mut writer = Writer::new(store);
    let finished = pipeline(
        &inputs,
        opts.stop.as_deref(),
        |input| {
            vec![process_input(
                input,
                opts.lang,
                extractor,
                &stored,
                &old_signatures,
            )]
        },
        |n, done| {
            for InputDone { file, outcomes } in done {
                let mut articles = Vec::new();
                let mut failed = false;
                for outcome in outcomes {
                    match outcome {
                        Outcome::Unchanged { graph, hash } => {
                            seen.insert(graph.clone());
                            articles.push((graph, hash));
                            summary.unchanged += 1;
                        }
                        Outcome::Failed(e) => {
                            failed = true;
                            summary.failed.push(e);
                        }
                        Outcome::Write {
                            graph,
                            hash,
                            quads,
                            is_new,
                        } => {
                            articles.push((graph.clone(), hash));
                            if !seen.insert(graph.clone()) {
                                continue;
                            }
                            writer.add(graph, quads, is_new)?;
                            if is_new {
                                summary.new += 1;
                            } else {
                                summary.changed += 1;
                            }
                        }
                    }
                }
                // A file with a bad part is read again next time, so its
                // error is reported again.
                if let (Some((path, stamp)), false) = (file, failed) {
                    let lang = lang_choice(opts.lang).to_string();
                    signatures.files.insert(
                        path,
                        Signature {
                            stamp,
                            lang,
                            articles,
                        },
                    );
                }
            }
            bar.inc(n as u64);
            bar.set_message(format!(
                "{} new, {} changed, {} unchanged, {} failed",
                summary.new,
                summary.changed,
                summary.unchanged,
                summary.failed.len()
            ));
            Ok::<(), StoreError>(())
        },
    );
    let finished = finished.and_then(|f| writer.finish().map(|()| f));
    bar.finish_and_clear();
    summary.interrupted = !finished?;
    let mut stale: Vec<String> = Vec::new();
    if opts.prune && !summary.interrupted {
        // An input that failed to read is still an input: keep what it had.
        let failed: HashSet<String> = summary
            .failed
            .iter()
            .map(|e| {
                vocab::article(&ingest::key_hash(&e.place))
                    .as_str()
                    .to_string()
            })
            .collect();
        stale = stored
            .keys()
            .filter(|g| !seen.contains(*g) && !failed.contains(*g))
            .cloned()
            .collect();
        stale.sort();
        store.remove_graphs(&stale)?;
        summary.pruned = stale.len();
    }
    store.flush()?;
    // Signatures of files this build did not see are kept while their
    // articles are still in the store.
    let pruned: HashSet<&String> = stale.iter().collect();
    for (path, sig) in old_signatures.files {
        if !signatures.files.contains_key(&path)
            && sig
                .articles
                .iter()
                .all(|(g, _)| stored.contains_key(g) && !pruned.contains(g))
        {
            signatures.files.insert(path, sig);
        }
    }
    if let Err(e) = signatures.save(store.path()) {
        // Only a later build's speed depends on the signatures.
        eprintln!(
            "newskg: warning: {}: cannot record the inputs' sizes and times ({e}); the next build reads every input again",
            store.path().display()
        );
    }
    Ok(summary)
}

fn lang_choice(lang: Option<Lang>) -> &'static str {
    lang.map_or("auto", Lang::code)
}

fn process_input(
    input: &Input,
    lang: Option<Lang>,
    extractor: &Extractor,
    stored: &HashMap<String, String>,
    signatures: &Signatures,
) -> InputDone {
    let file = match input {
        // As given, like the article's key: another spelling of the path is
        // another key, so another article.
        Input::File(p) => Stamp::of(p).map(|stamp| (p.clone(), stamp)),
        Input::Stdin => None,
    };
    if let Some((path, stamp)) = &file {
        if let Some(articles) = signatures.unchanged(path, *stamp, lang_choice(lang)) {
            if articles.iter().all(|(g, h)| stored.get(g) == Some(h)) {
                let outcomes = articles
                    .iter()
                    .map(|(graph, hash)| Outcome::Unchanged {
                        graph: graph.clone(),
                        hash: hash.clone(),
                    })
                    .collect();
                return InputDone { file, outcomes };
            }
        }
    }
    let outcomes = ingest::read(input, lang)
        .into_iter()
        .map(|r| match r {
            Err(e) => Outcome::Failed(e),
            Ok(article) => {
                let graph = vocab::article(&article.key_hash()).as_str().to_string();
                let hash = article.content_hash();
                match stored.get(&graph) {
                    Some(h) if *h == hash => Outcome::Unchanged { graph, hash },
                    prev => {
                        let ex = extractor.extract(&article);
                        Outcome::Write {
                            graph,
                            hash,
                            quads: rdf::article_quads(&article, &ex),
                            is_new: prev.is_none(),
                        }
                    }
                }
            }
        })
        .collect();
    InputDone { file, outcomes }
}

/// Reads and extracts inputs without a store (for `extract`), handing each
/// article and its extraction to `each` in input order as the pipeline goes;
/// returns the inputs that failed, or the first error of `each`.
pub fn extract_inputs<E>(
    paths: &[PathBuf],
    lang: Option<Lang>,
    extractor: &Extractor,
    mut each: impl FnMut(Article, Extraction) -> Result<(), E>,
) -> Result<Vec<IngestError>, E> {
    let (inputs, mut errors) = ingest::expand(paths);
    pipeline(
        &inputs,
        None,
        |input| {
            ingest::read(input, lang)
                .into_iter()
                .map(|r| {
                    r.map(|a| {
                        let ex = extractor.extract(&a);
                        (a, ex)
                    })
                })
                .collect()
        },
        |_, results| {
            for r in results {
                match r {
                    Ok((a, ex)) => each(a, ex)?,
                    Err(e) => errors.push(e),
                }
            }
            Ok(())
        },
    )?;
    Ok(errors)
}
