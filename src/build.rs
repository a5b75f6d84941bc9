//! The build pipeline: ingest -> extract -> rdf -> store, incrementally.
//!
//! Inputs are processed in batches: each batch is read and extracted in
//! parallel (rayon), then written to the store one article per transaction,
//! so memory stays bounded by the batch size and no article is ever
//! half-written. Unchanged articles (same content hash) are skipped before
//! extraction; `prune` removes articles whose source is no longer an input.

use crate::extract::{Extraction, Extractor};
use crate::ingest::{self, Article, IngestError, Input, Lang};
use crate::rdf;
use crate::store::{Store, StoreError};
use crate::vocab;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Inputs read and extracted together before they are written.
const BATCH: usize = 256;

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

enum Outcome {
    Unchanged {
        graph: String,
    },
    Write {
        graph: String,
        quads: Vec<oxigraph::model::Quad>,
        is_new: bool,
    },
    Failed(IngestError),
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
    for chunk in inputs.chunks(BATCH) {
        let results: Vec<Vec<Outcome>> = chunk
            .par_iter()
            .map(|input| process_input(input, opts.lang, extractor, &stored))
            .collect();
        for outcome in results.into_iter().flatten() {
            match outcome {
                Outcome::Unchanged { graph } => {
                    seen.insert(graph);
                    summary.unchanged += 1;
                }
                Outcome::Failed(e) => summary.failed.push(e),
                Outcome::Write {
                    graph,
                    quads,
                    is_new,
                } => {
                    if !seen.insert(graph.clone()) {
                        continue;
                    }
                    store
                        .replace_graph(&oxigraph::model::NamedNode::new_unchecked(graph), &quads)?;
                    if is_new {
                        summary.new += 1;
                    } else {
                        summary.changed += 1;
                    }
                }
            }
        }
        bar.inc(chunk.len() as u64);
        bar.set_message(format!(
            "{} new, {} changed, {} unchanged, {} failed",
            summary.new,
            summary.changed,
            summary.unchanged,
            summary.failed.len()
        ));
    }
    bar.finish_and_clear();
    if opts.prune {
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
        let mut stale: Vec<String> = stored
            .keys()
            .filter(|g| !seen.contains(*g) && !failed.contains(*g))
            .cloned()
            .collect();
        stale.sort();
        store.remove_graphs(&stale)?;
        summary.pruned = stale.len();
    }
    store.flush()?;
    Ok(summary)
}

fn process_input(
    input: &Input,
    lang: Option<Lang>,
    extractor: &Extractor,
    stored: &HashMap<String, String>,
) -> Vec<Outcome> {
    ingest::read(input, lang)
        .into_iter()
        .map(|r| match r {
            Err(e) => Outcome::Failed(e),
            Ok(article) => {
                let graph = vocab::article(&article.key_hash()).as_str().to_string();
                let hash = article.content_hash();
                match stored.get(&graph) {
                    Some(h) if *h == hash => Outcome::Unchanged { graph },
                    prev => {
                        let ex = extractor.extract(&article);
                        Outcome::Write {
                            graph,
                            quads: rdf::article_quads(&article, &ex),
                            is_new: prev.is_none(),
                        }
                    }
                }
            }
        })
        .collect()
}

/// Reads and extracts inputs without a store (for `extract`), in input order.
pub fn extract_inputs(
    paths: &[PathBuf],
    lang: Option<Lang>,
    extractor: &Extractor,
) -> (Vec<(Article, Extraction)>, Vec<IngestError>) {
    let (inputs, mut errors) = ingest::expand(paths);
    let mut out = Vec::new();
    for chunk in inputs.chunks(BATCH) {
        let results: Vec<Vec<Result<(Article, Extraction), IngestError>>> = chunk
            .par_iter()
            .map(|input| {
                ingest::read(input, lang)
                    .into_iter()
                    .map(|r| {
                        r.map(|a| {
                            let ex = extractor.extract(&a);
                            (a, ex)
                        })
                    })
                    .collect()
            })
            .collect();
        for r in results.into_iter().flatten() {
            match r {
                Ok(x) => out.push(x),
                Err(e) => errors.push(e),
            }
        }
    }
    (out, errors)
}
