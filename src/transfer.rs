//! `push` and `pull`: copies a graph from one store to another (an embedded
//! store and a server, either way), named graph by named graph. Articles
//! whose content hash is already the same on the other side are not sent, so
//! a second run sends only what is missing or changed, and a run cut short
//! is resumed by running it again. Each article is written whole (one
//! transaction, one request). Reads and writes only through `store`.

use crate::store::{Store, StoreError};
use crate::vocab;
use indicatif::{ProgressBar, ProgressStyle};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad};

/// Graphs sent together (one transaction locally; to a server, one request
/// per article, a few at once).
const BATCH: usize = 64;

/// What a copy did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    /// Article graphs sent because the other side lacked them.
    pub new: usize,
    /// Article graphs sent because the other side held another version.
    pub changed: usize,
    /// Article graphs the other side held already.
    pub unchanged: usize,
    /// Other named graphs (the ontology, graphs loaded with `load`), sent
    /// every time unless they are the ontology in the same version.
    pub other: usize,
    /// Article graphs removed from the other side (with `prune`).
    pub pruned: usize,
}

/// Copies every named graph of `from` that `to` does not hold as it is;
/// with `prune`, removes from `to` the articles `from` does not have.
pub fn copy(from: &Store, to: &Store, prune: bool, progress: bool) -> Result<Copied, StoreError> {
    let theirs = to.articles()?;
    let ours = from.articles()?;
    let mut copied = Copied::default();
    let mut send: Vec<NamedNode> = Vec::new();
    let mut graphs: Vec<String> = ours.keys().cloned().collect();
    graphs.sort();
    for g in &graphs {
        match theirs.get(g) {
            Some(t) if t.hash == ours[g].hash => copied.unchanged += 1,
            Some(_) => {
                copied.changed += 1;
                send.push(NamedNode::new_unchecked(g.clone()));
            }
            None => {
                copied.new += 1;
                send.push(NamedNode::new_unchecked(g.clone()));
            }
        }
    }
    // Named graphs that are not articles: the ontology (unless the other
    // side has the same version) and graphs loaded with `load`.
    let ontology = vocab::ontology_graph();
    let same_ontology = ontology_hash(from)? == ontology_hash(to)?;
    for g in from.named_graph_names()? {
        let NamedOrBlankNode::NamedNode(g) = g else {
            continue;
        };
        if ours.contains_key(g.as_str()) || (g == ontology && same_ontology) {
            continue;
        }
        copied.other += 1;
        send.push(g);
    }
    let bar = if progress && !send.is_empty() {
        let b = ProgressBar::new(send.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} graphs  {eta}")
                .expect("static template")
                .progress_chars("=> "),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    for batch in send.chunks(BATCH) {
        let mut graphs: Vec<(NamedNode, Vec<Quad>)> = Vec::with_capacity(batch.len());
        for g in batch {
            let quads: Vec<Quad> = from.quads(Some(g)).collect::<Result<_, _>>()?;
            graphs.push((g.clone(), quads));
        }
        let (fresh, known): (Vec<_>, Vec<_>) = graphs
            .into_iter()
            .partition(|(g, _)| !theirs.contains_key(g.as_str()) && *g != ontology);
        if !fresh.is_empty() {
            to.insert_new_graphs(&fresh)?;
        }
        if !known.is_empty() {
            to.replace_graphs(&known)?;
        }
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    if prune {
        let gone: Vec<String> = theirs
            .keys()
            .filter(|g| !ours.contains_key(*g))
            .cloned()
            .collect();
        for batch in gone.chunks(BATCH) {
            to.remove_graphs(batch)?;
        }
        copied.pruned = gone.len();
    }
    to.flush()?;
    Ok(copied)
}

fn ontology_hash(store: &Store) -> Result<Option<String>, StoreError> {
    let onto = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(vocab::ONTOLOGY));
    let hashes = store.objects_in(&onto, vocab::NKG_CONTENT_HASH, &vocab::ontology_graph())?;
    Ok(hashes.into_iter().next().map(|t| t.to_string()))
}

/// The summary line of a copy.
pub fn summary(copied: &Copied, from: &str, to: &str, prune: bool) -> String {
    let mut line = format!(
        "Copied {from} to {to}: {} new, {} changed, {} unchanged articles",
        copied.new, copied.changed, copied.unchanged
    );
    if copied.other > 0 {
        line.push_str(&format!(", {} other graphs", copied.other));
    }
    if prune {
        line.push_str(&format!(", {} pruned", copied.pruned));
    }
    line.push('.');
    line
}
