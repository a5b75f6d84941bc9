//! The graph store: the only module that touches `oxigraph::store` or talks
//! to a SPARQL server.
//!
//! One interface, [`Backend`], with two implementations: an embedded on-disk
//! Oxigraph store (`embedded`) and a remote SPARQL 1.1 server reached through
//! the SPARQL Protocol and the Graph Store Protocol (`remote`, with its HTTP
//! client in `http`, its reads in `remote::read`, the requests it writes in
//! `remote::text`, answers read in pages by `paging` and the servers'
//! conventions in `server`). The rest of the program holds a [`Store`] and
//! never knows which one it has.
//!
//! Promises kept by both: every write that belongs to one article happens in
//! one transaction (one request to a server), so a failure never leaves an
//! article half-written; the default graph is kept as the merge (set union)
//! of all named graphs, so queries see each fact once while `GRAPH ?g` still
//! tells which article stated it. Errors are one sentence naming the store
//! directory or the server.

mod embedded;
mod http;
pub mod lock;
mod paging;
mod remote;
pub mod server;
pub mod serving;
pub mod space;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{PreparedSparqlQuery, PreparedSparqlUpdate, QueryResults, SparqlEvaluator};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::vocab;
pub use lock::Access;
pub use server::{RemoteConfig, ServerKind};

/// Hands out a distinct id to every opened store, so that what is cached
/// about one store is never taken for another (or for a later reopening).
static NEXT_STORE_ID: AtomicU64 = AtomicU64::new(1);

/// A file in the store directory derived from the store's content (the
/// entity graph, see `analyze::graph_file`): it is current whenever it
/// exists, because every write removes it first.
pub const ENTITY_GRAPH_FILE: &str = "entity-graph.bin";

/// The inputs' sizes and times as the last build saw them (see
/// `build::signatures`): removed by every write as well, so that while it
/// exists it vouches for the articles it lists.
pub const INPUT_SIGNATURES_FILE: &str = "newskg-inputs.tsv";

/// Errors of the store, each naming the store directory or the server.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process holds the store in a way that excludes `wanted`.
    #[error("{}", locked_message(.path, .holders, *.wanted))]
    Locked {
        path: PathBuf,
        holders: Vec<lock::Holder>,
        wanted: Access,
    },
    #[error("there is no store at {0} (run `newskg build PATH` first, or pass --store DIR)")]
    Missing(PathBuf),
    #[error("{0} exists but is not a newskg store")]
    NotAStore(PathBuf),
    #[error("the store {path} could not be opened: {message}")]
    Open { path: PathBuf, message: String },
    #[error("store {path}: {message}")]
    Storage { path: PathBuf, message: String },
    /// The disk holding the store has no space left; what was committed
    /// before stays whole. `needed`: articles of the write that failed and
    /// the bytes they need, when the writer knows.
    #[error("{}", full_message(.path, *.free, *.needed))]
    Full {
        path: PathBuf,
        free: Option<u64>,
        needed: Option<(usize, u64)>,
    },
    #[error("{file}: {message}")]
    Load { file: String, message: String },
    /// A remote server refused, failed or could not be reached.
    #[error("{0}")]
    Remote(String),
}

fn full_message(path: &Path, free: Option<u64>, needed: Option<(usize, u64)>) -> String {
    let free = free.map_or(String::new(), |f| format!(" ({} free)", space::human(f)));
    let needed = match needed {
        Some((articles, bytes)) => format!(
            "; the {articles} article{} this command writes need about {}",
            if articles == 1 { "" } else { "s" },
            space::human(bytes)
        ),
        None => String::new(),
    };
    format!(
        "the disk holding the store {} is full{free}{needed}: every article written before is \
         complete and can be read; free space and run the same command again",
        path.display()
    )
}

/// Where the graph lives: a store directory, or a SPARQL server.
#[derive(Debug, Clone)]
pub enum Location {
    /// A store directory; `wait`: when another process holds it, wait
    /// instead of stopping.
    Local {
        dir: PathBuf,
        wait: bool,
    },
    Remote(RemoteConfig),
}

/// How an article stands in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub graph: String,
    pub source: String,
    pub hash: String,
}

/// Identifies the content of an open store: the same value means no write
/// went through this process since. While an embedded store is open this
/// process holds RocksDB's lock, so no other process can write to it
/// meanwhile; what is derived from a store can be cached under this key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StoreVersion {
    id: u64,
    writes: u64,
}

/// The shape of a query's answer, which decides the media type asked of a
/// server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryForm {
    /// SELECT: solutions.
    Select,
    /// ASK: a boolean.
    Ask,
    /// CONSTRUCT or DESCRIBE: triples.
    Graph,
}

/// A parsed query, ready for either back-end: prepared for Oxigraph, and
/// written out as SPARQL (prefixes expanded) for a server.
pub struct SparqlQuery {
    prepared: PreparedSparqlQuery,
    /// The algebra, which a server's answer is read in pages of.
    algebra: spargebra::Query,
    text: String,
    form: QueryForm,
}

impl SparqlQuery {
    pub fn new(evaluator: SparqlEvaluator, query: spargebra::Query) -> SparqlQuery {
        let form = match &query {
            spargebra::Query::Select { .. } => QueryForm::Select,
            spargebra::Query::Ask { .. } => QueryForm::Ask,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => {
                QueryForm::Graph
            }
        };
        SparqlQuery {
            text: query.to_string(),
            prepared: evaluator.for_query(query.clone()),
            algebra: query,
            form,
        }
    }

    /// The query as SPARQL text, every name written out in full.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn form(&self) -> QueryForm {
        self.form
    }
}

/// A parsed update, ready for either back-end (see [`SparqlQuery`]).
pub struct SparqlUpdate {
    prepared: PreparedSparqlUpdate,
    text: String,
}

impl SparqlUpdate {
    pub fn new(evaluator: SparqlEvaluator, update: spargebra::Update) -> SparqlUpdate {
        SparqlUpdate {
            text: update.to_string(),
            prepared: evaluator.for_update(update),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A stream of quads read from a store.
pub type Quads<'a> = Box<dyn Iterator<Item = Result<Quad, StoreError>> + 'a>;

/// What a back-end does. Writes of named graphs keep the default graph the
/// merge of all named graphs; each call is all or nothing.
trait Backend: Send + Sync {
    /// Articles in the store: graph IRI -> source and content hash.
    fn articles(&self) -> Result<HashMap<String, StoredArticle>, StoreError>;
    /// Replaces (`Some`) or removes (`None`) named graphs, all or nothing.
    fn rewrite(&self, plan: &[(NamedNode, Option<&[Quad]>)]) -> Result<(), StoreError>;
    /// Adds named graphs that are not in the store yet, all or nothing.
    fn insert_new_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError>;
    /// Adds parsed quads, all or nothing; quads of a named graph are merged
    /// into the default graph too. Returns how many were read.
    fn load(
        &self,
        quads: &mut dyn Iterator<Item = Result<Quad, StoreError>>,
    ) -> Result<usize, StoreError>;
    fn query(&self, query: SparqlQuery) -> Result<QueryResults<'static>, String>;
    fn update(&self, update: SparqlUpdate) -> Result<(), String>;
    /// Objects of `subject predicate ?o` in one graph.
    fn objects(
        &self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<Vec<Term>, StoreError>;
    /// Subjects of `?s predicate object` in the default graph.
    fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<NamedOrBlankNode>, StoreError>;
    /// All quads (of one named graph, or of every graph, the default included).
    fn quads(&self, graph: Option<&NamedNode>) -> Quads<'_>;
    fn len(&self) -> Result<usize, StoreError>;
    /// The named graphs, up to `limit` of them.
    fn named_graphs(&self, limit: Option<usize>) -> Result<Vec<NamedOrBlankNode>, StoreError>;
    fn flush(&self) -> Result<(), StoreError>;
    /// Called before every write: removes files derived from the content.
    fn forget_derived(&self) -> Result<(), StoreError>;
}

/// An open store. Clones share the same database (and its lock) or server.
#[derive(Clone)]
pub struct Store {
    backend: Arc<dyn Backend>,
    /// The directory of an embedded store.
    dir: Option<PathBuf>,
    /// How messages name the store: its directory or its endpoint.
    name: String,
    id: u64,
    /// Writes committed through this handle (and its clones).
    writes: Arc<AtomicU64>,
    /// Opened to write (an embedded store opened to read cannot be).
    writable: bool,
}

impl Store {
    /// Opens the embedded store in `path` for `access` (a writer creates it
    /// when missing), stopping when another process holds it.
    pub fn open(path: &Path, access: Access) -> Result<Store, StoreError> {
        Store::open_waiting(path, access, false)
    }

    /// [`Store::open`]; with `wait`, waits for other processes to let go of it.
    pub fn open_waiting(path: &Path, access: Access, wait: bool) -> Result<Store, StoreError> {
        let backend = embedded::Embedded::open(path, access, wait)?;
        Ok(Store::with(
            Arc::new(backend),
            Some(path.to_path_buf()),
            path.display().to_string(),
            access == Access::Write,
        ))
    }

    /// Opens the store at `location` for `access`: a directory (created when
    /// missing, to write) or a server (which must answer). A directory that
    /// `newskg serve` holds is reached through its endpoint.
    pub fn connect(location: &Location, access: Access) -> Result<Store, StoreError> {
        match location {
            Location::Local { dir, wait } => match Store::open(dir, access) {
                Err(StoreError::Locked {
                    path,
                    holders,
                    wanted,
                }) => match serving::served_at(dir)
                    .and_then(|config| Some((remote::Remote::connect(&config).ok()?, config)))
                {
                    Some((backend, config)) => Ok(Store::with(
                        Arc::new(backend),
                        None,
                        format!("{} (served at {})", dir.display(), config.query_endpoint()),
                        true,
                    )),
                    None if *wait => Store::open_waiting(dir, access, true),
                    None => Err(StoreError::Locked {
                        path,
                        holders,
                        wanted,
                    }),
                },
                other => other,
            },
            Location::Remote(config) => {
                let backend = remote::Remote::connect(config)?;
                Ok(Store::with(
                    Arc::new(backend),
                    None,
                    config.query_endpoint().to_string(),
                    true,
                ))
            }
        }
    }

    fn with(
        backend: Arc<dyn Backend>,
        dir: Option<PathBuf>,
        name: String,
        writable: bool,
    ) -> Store {
        Store {
            backend,
            dir,
            name,
            writable,
            id: NEXT_STORE_ID.fetch_add(1, Ordering::Relaxed),
            writes: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The directory of an embedded store; `None` for a server.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The store's directory or endpoint, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether writes can go through this handle: a server, or a store
    /// directory opened with [`Access::Write`].
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    pub fn is_remote(&self) -> bool {
        self.dir.is_none()
    }

    /// The current version of the content (see [`StoreVersion`]).
    pub fn version(&self) -> StoreVersion {
        StoreVersion {
            id: self.id,
            writes: self.writes.load(Ordering::SeqCst),
        }
    }

    fn wrote<T>(&self, done: Result<T, StoreError>) -> Result<T, StoreError> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        done
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

    /// Articles in the store: graph IRI -> source and content hash.
    pub fn articles(&self) -> Result<HashMap<String, StoredArticle>, StoreError> {
        self.backend.articles()
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
    /// merged into the default graph: all the graphs or none.
    pub fn insert_new_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError> {
        self.backend.forget_derived()?;
        self.wrote(self.backend.insert_new_graphs(graphs))
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
        self.backend.forget_derived()?;
        self.wrote(self.backend.rewrite(plan))
    }

    /// Loads the ontology into its graph unless the same version is there.
    /// Returns whether it was (re)loaded.
    pub fn ensure_ontology(&self, turtle: &str, hash: &str) -> Result<bool, StoreError> {
        let g = vocab::ontology_graph();
        let onto = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(vocab::ONTOLOGY));
        let current = self.objects_in(&onto, vocab::NKG_CONTENT_HASH, &g)?;
        if current
            .iter()
            .any(|t| matches!(t, Term::Literal(l) if l.value() == hash))
        {
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
            onto,
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
        self.backend.forget_derived()?;
        let mut quads = parser.rename_blank_nodes().for_reader(reader).map(|q| {
            q.map_err(|e| StoreError::Load {
                file: file.to_string(),
                message: e.to_string(),
            })
        });
        self.wrote(self.backend.load(&mut quads))
    }

    /// Runs a parsed query. The default graph holds the merge of all graphs.
    pub fn query(&self, query: SparqlQuery) -> Result<QueryResults<'static>, String> {
        self.backend.query(query)
    }

    /// Runs a parsed update in one transaction.
    pub fn update(&self, update: SparqlUpdate) -> Result<(), String> {
        self.backend.forget_derived().map_err(|e| e.to_string())?;
        let done = self.backend.update(update);
        self.writes.fetch_add(1, Ordering::SeqCst);
        done
    }

    /// The objects of `subject predicate ?o` in the default graph, by one
    /// index lookup (no query planning): for reading a few known nodes.
    pub fn objects(
        &self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        self.backend
            .objects(subject, predicate, GraphNameRef::DefaultGraph)
    }

    /// The objects of `subject predicate ?o` in one named graph.
    pub fn objects_in(
        &self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef<'_>,
        graph: &NamedNode,
    ) -> Result<Vec<Term>, StoreError> {
        self.backend
            .objects(subject, predicate, GraphNameRef::NamedNode(graph.as_ref()))
    }

    /// The subjects of `?s predicate object` in the default graph, by one
    /// index lookup.
    pub fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        self.backend.subjects(predicate, object)
    }

    /// All quads (of one named graph, or all of them with the default
    /// graph's), in storage order.
    pub fn quads(&self, graph: Option<&NamedNode>) -> Quads<'_> {
        self.backend.quads(graph)
    }

    pub fn len(&self) -> Result<usize, StoreError> {
        self.backend.len()
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Whether any named graph other than the ontology's is in the store
    /// (stops at the second).
    pub fn has_articles(&self) -> Result<bool, StoreError> {
        let ontology = NamedOrBlankNode::NamedNode(vocab::ontology_graph());
        Ok(self
            .backend
            .named_graphs(Some(2))?
            .into_iter()
            .any(|g| g != ontology))
    }

    pub fn named_graph_count(&self) -> Result<usize, StoreError> {
        Ok(self.backend.named_graphs(None)?.len())
    }

    /// The names of all named graphs.
    pub fn named_graph_names(&self) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        self.backend.named_graphs(None)
    }

    /// Flushes writes to disk (a server keeps its own).
    pub fn flush(&self) -> Result<(), StoreError> {
        self.backend.flush()
    }
}

fn locked_message(path: &Path, holders: &[lock::Holder], wanted: Access) -> String {
    let store = path.display();
    if holders.is_empty() {
        return format!(
            "the store {store} is in use by another process; run this again when it is done, or add --wait to wait for it"
        );
    }
    let who = lock::describe(holders);
    if holders.iter().any(|h| h.writes) {
        format!("the store {store} is being written by {who}; run this again when it is done, or add --wait to wait for it")
    } else {
        debug_assert_eq!(wanted, Access::Write);
        format!("the store {store} is open for reading by {who}, and a write has to wait until nobody reads it: close {}, or add --wait to wait", if holders.len() == 1 { "it" } else { "them" })
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}
