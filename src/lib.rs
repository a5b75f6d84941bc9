//! newskg: a knowledge-graph builder for news.
//!
//! Articles go left to right through one module per stage:
//!
//! ```text
//! ingest   files, folders, stdin, gzip; text, HTML, JSON Lines,
//!          RSS/Atom feeds, WARC -> Article                    (knows no RDF)
//! extract  Article -> entities, relations, figures            (pure, no I/O)
//! rdf      Article + Extraction -> quads in the article's graph (no store)
//! store    the only module that touches oxigraph::store or a SPARQL
//!          server: one interface, embedded and remote back-ends; many
//!          readers or one writer per store directory (store::lock)
//! build    ingest -> extract -> rdf -> store, incremental, with a summary;
//!          decides duplicates (same key or text) across one run's inputs
//! query    run SPARQL and format results: the one path for every caller
//! check    saved query scripts (.rq) judged as checks, via query
//! export   deterministic serialisations of the store
//! transfer push/pull: copies article graphs between a store and a server
//! analyze  the entity graph: paths, neighbours, centrality, components (reads only)
//! repl     the interactive shell: statements via query, meta-commands via
//!          build, check, export, store and stats
//! viz      pictures of the entity graph (HTML with the vendored
//!          Cytoscape.js, Graphviz DOT), via analyze          (reads only)
//! serve    the store as a SPARQL 1.1 endpoint over HTTP, via query and
//!          store, with a page to query and look at the graph, via viz
//! ```
//!
//! `vocab` is the only place IRIs are spelled; `cli` holds the clap types and
//! `main.rs` only parses arguments, calls [`cli::run`] and maps errors to exit codes.

pub mod analyze;
pub mod build;
pub mod check;
pub mod cli;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod query;
pub mod rdf;
pub mod repl;
pub mod serve;
pub mod stats;
pub mod store;
pub mod transfer;
pub mod viz;
pub mod vocab;
