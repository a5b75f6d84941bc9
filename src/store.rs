//! The graph store: the only module that touches `oxigraph::store`.
//!
//! An embedded on-disk Oxigraph store (RocksDB) in a directory. Every write
//! that belongs to one article happens in one transaction, so a failure never
//! leaves an article half-written. The default graph is kept as the merge
//! (set union) of all named graphs, so queries see each fact once while
//! `GRAPH ?g` still tells which article stated it. Errors are turned into one sentence that
//! names the directory (a store held by another process, a missing store).

use crate::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, Triple,
};
use oxigraph::sparql::{PreparedSparqlQuery, PreparedSparqlUpdate, QueryResults};
use oxigraph::store::{StorageError, Store as OxStore};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Hands out a distinct id to every opened store, so that what is cached
/// about one store is never taken for another (or for a later reopening).
static NEXT_STORE_ID: AtomicU64 = AtomicU64::new(1);

/// Below this many quads, new graphs go through a transaction: the bulk
/// loader writes a set of files per commit, which pays off only for many quads.
const BULK_MIN_QUADS: usize = 20_000;

/// Memory the bulk loader may use for its sort buffers (all threads).
const BULK_MEMORY_MB: usize = 64;

/// A file in the store directory derived from the store's content (the
/// entity graph, see `analyze::graph_file`): it is current whenever it
/// exists, because every write removes it first.
pub const ENTITY_GRAPH_FILE: &str = "entity-graph.bin";

/// The inputs' sizes and times as the last build saw them (see
/// `build::signatures`): removed by every write as well, so that while it
/// exists it vouches for the articles it lists.
pub const INPUT_SIGNATURES_FILE: &str = "newskg-inputs.tsv";

/// Errors of the store, each naming the store directory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store {0} is in use by another process (one newskg command at a time can open a store); wait for it to finish and try again")]
    Locked(PathBuf),
    #[error("there is no store at {0} (run `newskg build PATH` first, or pass --store DIR)")]
    Missing(PathBuf),
    #[error("{0} exists but is not a newskg store")]
    NotAStore(PathBuf),
    #[error("the store {path} could not be opened: {message}")]
    Open { path: PathBuf, message: String },
    #[error("store {path}: {message}")]
    Storage { path: PathBuf, message: String },
    #[error("{file}: {message}")]
    Load { file: String, message: String },
}

/// An embedded store. Clones share the same open database (and its lock).
#[derive(Clone)]
pub struct Store {
    inner: OxStore,
    path: PathBuf,
    id: u64,
    /// Writes committed through this handle (and its clones).
    writes: Arc<AtomicU64>,
}

/// Identifies the content of an open store: the same value means no write
/// went through this process since. While a store is open this process holds
/// RocksDB's lock, so no other process can write to it meanwhile; what is
/// derived from a store can be cached under this key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StoreVersion {
    id: u64,
    writes: u64,
}

/// How an article stands in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub graph: String,
    pub source: String,
    pub hash: String,
}

impl Store {
    /// Opens the store, creating it when `create` is set.
    pub fn open(path: &Path, create: bool) -> Result<Store, StoreError> {
        if !path.exists() {
            if !create {
                return Err(StoreError::Missing(path.to_path_buf()));
            }
        } else if !path.is_dir() {
            return Err(StoreError::NotAStore(path.to_path_buf()));
        } else if !create && !path.join("CURRENT").exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        match OxStore::open(path) {
            Ok(inner) => Ok(Store {
                inner,
                path: path.to_path_buf(),
                id: NEXT_STORE_ID.fetch_add(1, Ordering::Relaxed),
                writes: Arc::new(AtomicU64::new(0)),
            }),
            Err(e) => {
                let msg = e.to_string();
                if msg.contains("lock")
                    || msg.contains("LOCK")
                    || msg.contains("Resource temporarily unavailable")
                {
                    Err(StoreError::Locked(path.to_path_buf()))
                } else {
                    Err(StoreError::Open {
                        path: path.to_path_buf(),
                        message: first_line(&msg),
                    })
                }
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current version of the content (see [`StoreVersion`]).
    pub fn version(&self) -> StoreVersion {
        StoreVersion {
            id: self.id,
            writes: self.writes.load(Ordering::SeqCst),
        }
    }

    /// Removes what is derived from the content, before a write changes it.
    fn forget_derived(&self) -> Result<(), StoreError> {
        for name in [ENTITY_GRAPH_FILE, INPUT_SIGNATURES_FILE] {
            match std::fs::remove_file(self.path.join(name)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(self.err(format!("cannot remove {name} before writing: {e}")))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The content hash recorded for an article graph, by one lookup.
    pub fn content_hash(&self, graph: &str) -> Result<Option<String>, StoreError> {
        let article = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(graph));
        Ok(self
            .objects(&article, vocab::NKG_CONTENT_HASH)?
            .into_iter()
            .find_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_string()),
                _ => None,
            }))
    }

    fn wrote(&self) {
        self.writes.fetch_add(1, Ordering::SeqCst);
    }

    fn err(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError::Storage {
            path: self.path.clone(),
            message: first_line(&e.to_string()),
        }
    }

    /// Articles in the store: graph IRI -> source and content hash.
    pub fn articles(&self) -> Result<HashMap<String, StoredArticle>, StoreError> {
        let mut out = HashMap::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(vocab::NKG_CONTENT_HASH), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            let GraphName::NamedNode(g) = &q.graph_name else {
                continue;
            };
            if g.as_str() == vocab::ONTOLOGY_GRAPH {
                continue;
            }
            let Term::Literal(h) = &q.object else {
                continue;
            };
            out.insert(
                g.as_str().to_string(),
                StoredArticle {
                    graph: g.as_str().to_string(),
                    source: String::new(),
                    hash: h.value().to_string(),
                },
            );
        }
        for q in self
            .inner
            .quads_for_pattern(None, Some(vocab::NKG_SOURCE), None, None)
        {
            let q = q.map_err(|e| self.err(e))?;
            if let (GraphName::NamedNode(g), Term::Literal(s)) = (&q.graph_name, &q.object) {
                if let Some(a) = out.get_mut(g.as_str()) {
                    a.source = s.value().to_string();
                }
            }
        }
        Ok(out)
    }

    /// Replaces the content of a named graph in one transaction, keeping the
    /// default graph the merge (set union) of all named graphs: a triple is
    /// in the default graph while at least one named graph states it.
    pub fn replace_graph(&self, graph: &NamedNode, quads: &[Quad]) -> Result<(), StoreError> {
        self.rewrite(&[(graph.clone(), Some(quads))])
    }

    /// Replaces the content of several named graphs in one transaction (see
    /// [`Store::replace_graph`]): each article is wholly old or wholly new.
    pub fn replace_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError> {
        let plan: Vec<(NamedNode, Option<&[Quad]>)> = graphs
            .iter()
            .map(|(g, quads)| (g.clone(), Some(quads.as_slice())))
            .collect();
        self.rewrite(&plan)
    }

    /// Adds named graphs that are not in the store yet, with their triples
    /// merged into the default graph. Many quads go through Oxigraph's bulk
    /// loader, whose commit is atomic (nothing is visible before it, all of it
    /// after), few through one transaction: either way all the graphs or none.
    pub fn insert_new_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError> {
        let total: usize = graphs.iter().map(|(_, q)| q.len()).sum();
        if total < BULK_MIN_QUADS {
            return self.replace_graphs(graphs);
        }
        self.forget_derived()?;
        let with_default = graphs.iter().flat_map(|(_, quads)| {
            quads.iter().flat_map(|q| {
                [
                    q.clone(),
                    Quad::new(
                        q.subject.clone(),
                        q.predicate.clone(),
                        q.object.clone(),
                        GraphName::DefaultGraph,
                    ),
                ]
            })
        });
        let mut loader = self
            .inner
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
        loader.load_quads(with_default).map_err(|e| self.err(e))?;
        let done = loader.commit().map_err(|e| self.err(e));
        self.wrote();
        done
    }

    /// Removes named graphs (and the triples only they stated) in one transaction.
    pub fn remove_graphs(&self, graphs: &[String]) -> Result<(), StoreError> {
        let plan: Vec<(NamedNode, Option<&[Quad]>)> = graphs
            .iter()
            .map(|g| (NamedNode::new_unchecked(g.clone()), None))
            .collect();
        self.rewrite(&plan)
    }

    fn rewrite(&self, plan: &[(NamedNode, Option<&[Quad]>)]) -> Result<(), StoreError> {
        self.forget_derived()?;
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        for (graph, new) in plan {
            let g = GraphNameRef::NamedNode(graph.as_ref());
            let old: Vec<Quad> = tx
                .quads_for_pattern(None, None, None, Some(g))
                .collect::<Result<_, _>>()
                .map_err(|e| self.err(e))?;
            let new = new.unwrap_or(&[]);
            let kept: HashSet<Triple> = new.iter().map(|q| Triple::from(q.clone())).collect();
            for q in &old {
                tx.remove(q.as_ref());
            }
            if new.is_empty() {
                tx.remove_named_graph(NamedOrBlankNode::NamedNode(graph.clone()).as_ref())
                    .map_err(|e| self.err(e))?;
            }
            for q in new {
                tx.insert(q.as_ref());
                tx.insert(QuadRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                    GraphNameRef::DefaultGraph,
                ));
            }
            for q in old {
                let t = Triple::from(q);
                if kept.contains(&t) {
                    continue;
                }
                let elsewhere = tx
                    .quads_for_pattern(
                        Some(t.subject.as_ref()),
                        Some(t.predicate.as_ref()),
                        Some(t.object.as_ref()),
                        None,
                    )
                    .filter_map(Result::ok)
                    .any(|o| matches!(&o.graph_name, GraphName::NamedNode(n) if n != graph));
                if !elsewhere {
                    tx.remove(QuadRef::new(
                        &t.subject,
                        &t.predicate,
                        &t.object,
                        GraphNameRef::DefaultGraph,
                    ));
                }
            }
        }
        let done = tx.commit().map_err(|e| self.err(e));
        self.wrote();
        done
    }

    /// Loads the ontology into its graph unless the same version is there.
    /// Returns whether it was (re)loaded.
    pub fn ensure_ontology(&self, turtle: &str, hash: &str) -> Result<bool, StoreError> {
        let g = vocab::ontology_graph();
        let onto = NamedNodeRef::new_unchecked(vocab::ONTOLOGY);
        let current = self
            .inner
            .quads_for_pattern(
                Some(onto.into()),
                Some(vocab::NKG_CONTENT_HASH),
                None,
                Some(g.as_ref().into()),
            )
            .next()
            .transpose()
            .map_err(|e| self.err(e))?;
        if current.is_some_and(|q| matches!(&q.object, Term::Literal(l) if l.value() == hash)) {
            return Ok(false);
        }
        let mut quads = Vec::new();
        for q in RdfParser::from_format(RdfFormat::Turtle)
            .with_default_graph(g.clone())
            .for_reader(turtle.as_bytes())
        {
            quads.push(q.map_err(|e| StoreError::Load {
                file: "ontology/newskg.ttl".into(),
                message: e.to_string(),
            })?);
        }
        quads.push(Quad::new(
            onto.into_owned(),
            vocab::NKG_CONTENT_HASH.into_owned(),
            oxigraph::model::Literal::new_simple_literal(hash),
            g.clone(),
        ));
        self.replace_graph(&g, &quads)?;
        Ok(true)
    }

    /// Loads an RDF document in one transaction (all or nothing). Triples go
    /// to the default graph, or to `graph` and (merged) the default graph;
    /// quads keep their named graph and are merged into the default graph.
    pub fn load(
        &self,
        file: &str,
        reader: impl Read,
        format: RdfFormat,
        graph: Option<&NamedNode>,
    ) -> Result<usize, StoreError> {
        let mut parser = RdfParser::from_format(format);
        if let Some(g) = graph {
            parser = parser.with_default_graph(g.clone());
        }
        self.forget_derived()?;
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        let mut n = 0;
        for q in parser.rename_blank_nodes().for_reader(reader) {
            let q = q.map_err(|e| StoreError::Load {
                file: file.to_string(),
                message: e.to_string(),
            })?;
            tx.insert(q.as_ref());
            if !q.graph_name.is_default_graph() {
                tx.insert(QuadRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                    GraphNameRef::DefaultGraph,
                ));
            }
            n += 1;
        }
        let done = tx.commit().map_err(|e| self.err(e));
        self.wrote();
        done?;
        Ok(n)
    }

    /// Runs a parsed query. The default graph holds the merge of all graphs.
    pub fn query(&self, prepared: PreparedSparqlQuery) -> Result<QueryResults<'static>, String> {
        prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|e| first_line(&e.to_string()))
    }

    /// Runs a parsed update in one transaction.
    pub fn update(&self, update: PreparedSparqlUpdate) -> Result<(), String> {
        self.forget_derived().map_err(|e| e.to_string())?;
        let done = update
            .on_store(&self.inner)
            .execute()
            .map_err(|e| first_line(&e.to_string()));
        self.wrote();
        done
    }

    /// The objects of `subject predicate ?o` in the default graph, by one
    /// index lookup (no query planning): for reading a few known nodes.
    pub fn objects(
        &self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        self.inner
            .quads_for_pattern(
                Some(subject.as_ref()),
                Some(predicate),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .map(|q| q.map(|q| q.object).map_err(|e| self.err(e)))
            .collect()
    }

    /// The subjects of `?s predicate object` in the default graph, by one
    /// index lookup.
    pub fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        self.inner
            .quads_for_pattern(
                None,
                Some(predicate),
                Some(object.as_ref()),
                Some(GraphNameRef::DefaultGraph),
            )
            .map(|q| q.map(|q| q.subject).map_err(|e| self.err(e)))
            .collect()
    }

    /// All quads, in storage order.
    pub fn quads(
        &self,
        graph: Option<&NamedNode>,
    ) -> impl Iterator<Item = Result<Quad, StorageError>> + '_ {
        self.inner.quads_for_pattern(
            None,
            None,
            None,
            graph.map(|g| GraphNameRef::NamedNode(g.as_ref())),
        )
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        self.inner.len().map_err(|e| self.err(e))
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.inner.is_empty().map_err(|e| self.err(e))
    }

    /// Whether any named graph other than the ontology's is in the store
    /// (stops at the first).
    pub fn has_articles(&self) -> Result<bool, StoreError> {
        let ontology = vocab::ontology_graph();
        for g in self.inner.named_graphs() {
            if g.map_err(|e| self.err(e))?
                != oxigraph::model::NamedOrBlankNode::NamedNode(ontology.clone())
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn named_graph_count(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        for g in self.inner.named_graphs() {
            g.map_err(|e| self.err(e))?;
            n += 1;
        }
        Ok(n)
    }

    /// Flushes writes to disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.inner.flush().map_err(|e| self.err(e))
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}
