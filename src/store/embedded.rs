//! The embedded back-end: an on-disk Oxigraph store (RocksDB) in a
//! directory, read by any number of processes or written by one (see
//! `lock`). It keeps the default
//! graph the merge of the named graphs by writing each triple of a named
//! graph into the default graph too, and removing it from there when no
//! named graph states it any more. Knows nothing of HTTP.

use super::lock::{self, Access, LockError, StoreLock};
use super::{first_line, Backend, Quads, SparqlQuery, SparqlUpdate, StoreError, StoredArticle};
use super::{ENTITY_GRAPH_FILE, INPUT_SIGNATURES_FILE};
use crate::vocab;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, Triple,
};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store as OxStore;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Below this many quads, new graphs go through a transaction: the bulk
/// loader writes a set of files per commit, which pays off only for many quads.
const BULK_MIN_QUADS: usize = 20_000;

/// Memory the bulk loader may use for its sort buffers (all threads).
const BULK_MEMORY_MB: usize = 64;

pub(super) struct Embedded {
    inner: OxStore,
    path: PathBuf,
    access: Access,
    /// Dropped after `inner`: the database is closed before the lock goes.
    _lock: StoreLock,
}

impl Embedded {
    /// Opens the store for `access` (creating it to write when missing),
    /// after taking its lock (see [`super::lock`]).
    pub(super) fn open(path: &Path, access: Access, wait: bool) -> Result<Embedded, StoreError> {
        if !path.exists() {
            if access == Access::Read {
                return Err(StoreError::Missing(path.to_path_buf()));
            }
            std::fs::create_dir_all(path).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        } else if !path.is_dir() {
            return Err(StoreError::NotAStore(path.to_path_buf()));
        } else if access == Access::Read && !path.join("CURRENT").exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let lock = lock::acquire(path, access, wait, &mut |holders| {
            eprintln!(
                "newskg: waiting for {} to let go of the store {}...",
                lock::describe(holders),
                path.display()
            )
        })
        .map_err(|e| match e {
            LockError::Held(held) => StoreError::Locked {
                path: path.to_path_buf(),
                holders: held.holders,
                wanted: access,
            },
            LockError::Io { path: file, error } => StoreError::Open {
                path: path.to_path_buf(),
                message: format!("cannot lock {}: {error}", file.display()),
            },
        })?;
        let opened = open_on_disk(path, access);
        match opened {
            Ok(inner) => Ok(Embedded {
                inner,
                path: path.to_path_buf(),
                access,
                _lock: lock,
            }),
            Err(msg) if super::space::is_disk_full(&msg) => Err(StoreError::Full {
                path: path.to_path_buf(),
                free: super::space::free_bytes(path),
                needed: None,
            }),
            Err(msg) => {
                if msg.contains("lock")
                    || msg.contains("LOCK")
                    || msg.contains("Resource temporarily unavailable")
                {
                    // Held by a program that does not take newskg's lock.
                    Err(StoreError::Locked {
                        path: path.to_path_buf(),
                        holders: Vec::new(),
                        wanted: access,
                    })
                } else {
                    Err(StoreError::Open {
                        path: path.to_path_buf(),
                        message: first_line(&msg),
                    })
                }
            }
        }
    }

    fn err(&self, e: impl std::fmt::Display) -> StoreError {
        let message = first_line(&e.to_string());
        if super::space::is_disk_full(&message) {
            return StoreError::Full {
                path: self.path.clone(),
                free: super::space::free_bytes(&self.path),
                needed: None,
            };
        }
        StoreError::Storage {
            path: self.path.clone(),
            message,
        }
    }
}

/// Opens Oxigraph's on-disk store; the error as text.
#[cfg(feature = "rocksdb")]
fn open_on_disk(path: &Path, access: Access) -> Result<OxStore, String> {
    match access {
        Access::Read => OxStore::open_read_only(path),
        Access::Write => OxStore::open(path),
    }
    .map_err(|e| e.to_string())
}

#[cfg(feature = "rocksdb")]
fn flush_on_disk(store: &OxStore) -> Result<(), String> {
    store.flush().map_err(|e| e.to_string())
}

#[cfg(not(feature = "rocksdb"))]
fn flush_on_disk(_store: &OxStore) -> Result<(), String> {
    Ok(())
}

/// Built without RocksDB (the fuzz targets): no store opens from disk.
#[cfg(not(feature = "rocksdb"))]
fn open_on_disk(_path: &Path, _access: Access) -> Result<OxStore, String> {
    Err("this newskg was built without the on-disk store (feature rocksdb)".to_string())
}

impl Backend for Embedded {
    fn forget_derived(&self) -> Result<(), StoreError> {
        if self.access == Access::Read {
            return Err(self.err("opened for reading only, it cannot be written"));
        }
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

    fn articles(&self) -> Result<HashMap<String, StoredArticle>, StoreError> {
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

    /// Many quads go through Oxigraph's bulk loader, whose commit is atomic
    /// (nothing is visible before it, all of it after), few through one
    /// transaction.
    fn insert_new_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError> {
        let total: usize = graphs.iter().map(|(_, q)| q.len()).sum();
        if total < BULK_MIN_QUADS {
            let plan: Vec<(NamedNode, Option<&[Quad]>)> = graphs
                .iter()
                .map(|(g, quads)| (g.clone(), Some(quads.as_slice())))
                .collect();
            return self.rewrite(&plan);
        }
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
        loader.commit().map_err(|e| self.err(e))
    }

    fn rewrite(&self, plan: &[(NamedNode, Option<&[Quad]>)]) -> Result<(), StoreError> {
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
        tx.commit().map_err(|e| self.err(e))
    }

    fn load(
        &self,
        quads: &mut dyn Iterator<Item = Result<Quad, StoreError>>,
    ) -> Result<usize, StoreError> {
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        let mut n = 0;
        for q in quads {
            let q = q?;
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
        tx.commit().map_err(|e| self.err(e))?;
        Ok(n)
    }

    fn query(&self, query: SparqlQuery) -> Result<QueryResults<'static>, String> {
        query
            .prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|e| first_line(&e.to_string()))
    }

    fn update(&self, update: SparqlUpdate) -> Result<(), String> {
        update
            .prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|e| first_line(&e.to_string()))
    }

    fn objects(
        &self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        self.inner
            .quads_for_pattern(Some(subject.as_ref()), Some(predicate), None, Some(graph))
            .map(|q| q.map(|q| q.object).map_err(|e| self.err(e)))
            .collect()
    }

    fn subjects(
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

    fn quads(&self, graph: Option<&NamedNode>) -> Quads<'_> {
        Box::new(
            self.inner
                .quads_for_pattern(
                    None,
                    None,
                    None,
                    graph.map(|g| GraphNameRef::NamedNode(g.as_ref())),
                )
                .map(|q| q.map_err(|e| self.err(e))),
        )
    }

    fn len(&self) -> Result<usize, StoreError> {
        self.inner.len().map_err(|e| self.err(e))
    }

    fn named_graphs(&self, limit: Option<usize>) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        self.inner
            .named_graphs()
            .take(limit.unwrap_or(usize::MAX))
            .map(|g| g.map_err(|e| self.err(e)))
            .collect()
    }

    fn flush(&self) -> Result<(), StoreError> {
        if self.access == Access::Read {
            return Ok(());
        }
        flush_on_disk(&self.inner).map_err(|e| self.err(e))
    }
}
