//! The remote back-end: a SPARQL 1.1 server reached through the SPARQL 1.1
//! Protocol (queries and updates) and the Graph Store Protocol (whole
//! graphs). Each article is written in one request, so a server applies it
//! whole or not at all: a Graph Store `PUT` of its graph where the server
//! reads all graphs as its default graph, else one update (its old triples
//! out of the default graph where no other article states them, its graph
//! dropped, its new triples into its graph and the default graph); several
//! articles are sent at once, a bounded number. Answers the server cuts are
//! read in pages. Knows nothing of RocksDB.

mod construct;
mod read;
mod text;

use super::http::{encode_component, Call, Http};
use super::server::RemoteConfig;
use super::{Backend, Quads, QueryForm, SparqlQuery, SparqlUpdate, StoreError, StoredArticle};
use crate::vocab;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::sparql::{QueryResults, QuerySolution};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use text::{insert_data, rewrite_update};

const FORM: &str = "application/x-www-form-urlencoded";
const ACCEPT_SOLUTIONS: &str =
    "application/sparql-results+json, application/sparql-results+xml;q=0.8";
const ACCEPT_TRIPLES: &str = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5";

/// Cheap to clone: an answer read in pages holds one.
#[derive(Clone)]
pub(super) struct Remote {
    config: Arc<RemoteConfig>,
    http: Arc<Http>,
}

impl Remote {
    /// Connects to the server and checks that it answers a query.
    pub(super) fn connect(config: &RemoteConfig) -> Result<Remote, StoreError> {
        let remote = Remote {
            http: Arc::new(Http::new(config)),
            config: Arc::new(config.clone()),
        };
        remote.ask("ASK { }").map_err(|e| {
            if e.starts_with(config.query_endpoint()) {
                // Already a sentence about the endpoint (it answered, wrongly).
                StoreError::Remote(e)
            } else {
                StoreError::Remote(format!(
                    "the SPARQL endpoint {} does not answer: {e}",
                    config.query_endpoint()
                ))
            }
        })?;
        Ok(remote)
    }

    fn err(&self, message: String) -> StoreError {
        StoreError::Remote(message)
    }

    fn send_update(&self, text: &str) -> Result<(), String> {
        let form = format!("update={}", encode_component(text));
        self.http
            .send(&Call {
                method: "POST",
                url: self.config.update_endpoint(),
                accept: None,
                content_type: Some(FORM),
                body: Some(form.as_bytes()),
            })
            .map(|_| ())
    }

    /// Makes `graph` hold `new` (or nothing) in one request: a Graph Store
    /// `PUT` where the server has the protocol and newskg keeps no copy in
    /// its default graph, else one SPARQL update.
    fn write_graph(&self, graph: &NamedNode, new: Option<&[Quad]>) -> Result<(), String> {
        let merged = self.config.merged_default_graph;
        match (self.config.graph_store(), new) {
            (Some(store), Some(quads))
                if !merged
                    && !quads.is_empty()
                    && quads
                        .iter()
                        .all(|q| q.graph_name.as_ref() == graph.as_ref().into()) =>
            {
                let mut body = String::new();
                for q in quads {
                    let _ = writeln!(body, "{} {} {} .", q.subject, q.predicate, q.object);
                }
                self.http
                    .send(&Call {
                        method: "PUT",
                        url: &graph_url(store, graph),
                        accept: None,
                        content_type: Some("application/n-triples"),
                        body: Some(body.as_bytes()),
                    })
                    .map(|_| ())
            }
            _ => self.send_update(&rewrite_update(graph, new, merged)),
        }
    }

    /// Runs `write` on each item, `concurrency` at a time; the first error
    /// stops the sending of the rest and is returned.
    fn send_each<T: Sync>(
        &self,
        items: &[T],
        write: impl Fn(&T) -> Result<(), String> + Sync,
    ) -> Result<(), StoreError> {
        let next = AtomicUsize::new(0);
        let failure: Mutex<Option<String>> = Mutex::new(None);
        let workers = self.config.concurrency.clamp(1, items.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| loop {
                    if failure.lock().map(|f| f.is_some()).unwrap_or(true) {
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(i) else { return };
                    if let Err(e) = write(item) {
                        if let Ok(mut f) = failure.lock() {
                            f.get_or_insert(e);
                        }
                        return;
                    }
                });
            }
        });
        match failure.into_inner().ok().flatten() {
            Some(e) => Err(self.err(format!(
                "{e} (the articles already written are whole; running the same command \
                 again sends the rest)"
            ))),
            None => Ok(()),
        }
    }
}

/// A named graph's URL at a Graph Store Protocol endpoint.
fn graph_url(store: &str, graph: &NamedNode) -> String {
    format!(
        "{store}{}graph={}",
        if store.contains('?') { '&' } else { '?' },
        encode_component(graph.as_str())
    )
}

fn term_of(row: &QuerySolution, var: &str) -> Option<Term> {
    row.get(var).cloned()
}

impl Remote {
    /// A FILTER that leaves out the server's own graphs (none for most).
    fn not_system(&self, var: &str) -> String {
        if self.config.system_graphs.is_empty() {
            return String::new();
        }
        let list: Vec<String> = self
            .config
            .system_graphs
            .iter()
            .map(|g| format!("<{g}>"))
            .collect();
        format!(" FILTER(?{var} NOT IN ({}))", list.join(", "))
    }
}

impl Backend for Remote {
    fn forget_derived(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn articles(&self) -> Result<HashMap<String, StoredArticle>, StoreError> {
        let ontology = vocab::ontology_graph();
        let mut out = HashMap::new();
        let pattern = format!(
            "GRAPH ?g {{ ?a <{}> ?h }} FILTER(?g != {ontology})",
            vocab::NKG_CONTENT_HASH.as_str()
        );
        for row in self.select_all(&pattern, &["g", "h"]) {
            let row = row?;
            if let (Some(Term::NamedNode(g)), Some(Term::Literal(h))) =
                (term_of(&row, "g"), term_of(&row, "h"))
            {
                out.insert(
                    g.as_str().to_string(),
                    StoredArticle {
                        graph: g.as_str().to_string(),
                        source: String::new(),
                        hash: h.value().to_string(),
                    },
                );
            }
        }
        let pattern = format!("GRAPH ?g {{ ?a <{}> ?s }}", vocab::NKG_SOURCE.as_str());
        for row in self.select_all(&pattern, &["g", "s"]) {
            let row = row?;
            if let (Some(Term::NamedNode(g)), Some(Term::Literal(s))) =
                (term_of(&row, "g"), term_of(&row, "s"))
            {
                if let Some(a) = out.get_mut(g.as_str()) {
                    a.source = s.value().to_string();
                }
            }
        }
        Ok(out)
    }

    fn rewrite(&self, plan: &[(NamedNode, Option<&[Quad]>)]) -> Result<(), StoreError> {
        self.send_each(plan, |(graph, new)| self.write_graph(graph, *new))
    }

    fn insert_new_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError> {
        // A graph thought new may exist after all (an interrupted run whose
        // request arrived): replacing it is right either way.
        self.send_each(graphs, |(graph, quads)| {
            self.write_graph(graph, Some(quads))
        })
    }

    fn load(
        &self,
        quads: &mut dyn Iterator<Item = Result<Quad, StoreError>>,
    ) -> Result<usize, StoreError> {
        let quads: Vec<Quad> = quads.collect::<Result<_, _>>()?;
        if !quads.is_empty() {
            self.send_update(&insert_data(&quads, self.config.merged_default_graph))
                .map_err(|e| self.err(e))?;
        }
        Ok(quads.len())
    }

    fn query(&self, query: SparqlQuery) -> Result<QueryResults<'static>, String> {
        match query.form {
            QueryForm::Select => self.solutions(&query.text, query.algebra),
            QueryForm::Graph if !self.config.graph_answers_whole => {
                match construct::as_select(&query.algebra) {
                    Some((select, template)) => self.constructed(select, template),
                    None => self.send_query(&query.text, QueryForm::Graph),
                }
            }
            form => self.send_query(&query.text, form),
        }
    }

    fn update(&self, update: SparqlUpdate) -> Result<(), String> {
        self.send_update(&update.text)
    }

    fn objects(
        &self,
        subject: &NamedOrBlankNode,
        predicate: NamedNodeRef<'_>,
        graph: GraphNameRef<'_>,
    ) -> Result<Vec<Term>, StoreError> {
        let triple = format!("{subject} {predicate} ?o");
        let pattern = match graph {
            GraphNameRef::DefaultGraph => triple,
            other => format!("GRAPH {other} {{ {triple} }}"),
        };
        Ok(self
            .select(&format!("SELECT ?o WHERE {{ {pattern} }}"))?
            .iter()
            .filter_map(|row| term_of(row, "o"))
            .collect())
    }

    fn subjects(
        &self,
        predicate: NamedNodeRef<'_>,
        object: &Term,
    ) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        Ok(self
            .select(&format!("SELECT ?s WHERE {{ ?s {predicate} {object} }}"))?
            .iter()
            .filter_map(|row| match term_of(row, "s") {
                Some(Term::NamedNode(n)) => Some(NamedOrBlankNode::NamedNode(n)),
                Some(Term::BlankNode(b)) => Some(NamedOrBlankNode::BlankNode(b)),
                _ => None,
            })
            .collect())
    }

    fn quads(&self, graph: Option<&NamedNode>) -> Quads<'_> {
        if let (Some(g), Some(store), true) = (
            graph,
            self.config.graph_store(),
            self.config.graph_answers_whole,
        ) {
            return self.graph_from_store(store, g);
        }
        let (pattern, variables) = match graph {
            Some(g) => (format!("GRAPH {g} {{ ?s ?p ?o }}"), vec!["s", "p", "o"]),
            // Where the default graph is all graphs, it holds nothing of its own.
            None if !self.config.merged_default_graph => (
                format!("GRAPH ?g {{ ?s ?p ?o }}{}", self.not_system("g")),
                vec!["s", "p", "o", "g"],
            ),
            None => (
                "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }".to_string(),
                vec!["s", "p", "o", "g"],
            ),
        };
        let graph = graph.cloned();
        Box::new(self.select_all(&pattern, &variables).map(move |row| {
            let row = row?;
            let subject = match term_of(&row, "s") {
                Some(Term::NamedNode(n)) => NamedOrBlankNode::NamedNode(n),
                Some(Term::BlankNode(b)) => NamedOrBlankNode::BlankNode(b),
                other => {
                    return Err(StoreError::Remote(format!(
                        "the server answered a subject that is not a node: {other:?}"
                    )))
                }
            };
            let (Some(Term::NamedNode(predicate)), Some(object)) =
                (term_of(&row, "p"), term_of(&row, "o"))
            else {
                return Err(StoreError::Remote(
                    "the server answered a triple without a predicate or object".into(),
                ));
            };
            let graph_name = match (&graph, term_of(&row, "g")) {
                (Some(g), _) => GraphName::NamedNode(g.clone()),
                (None, Some(Term::NamedNode(g))) => GraphName::NamedNode(g),
                (None, Some(Term::BlankNode(b))) => GraphName::BlankNode(b),
                _ => GraphName::DefaultGraph,
            };
            Ok(Quad::new(subject, predicate, object, graph_name))
        }))
    }

    fn len(&self) -> Result<usize, StoreError> {
        let pattern = if self.config.merged_default_graph {
            "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }".to_string()
        } else {
            format!("GRAPH ?g {{ ?s ?p ?o }}{}", self.not_system("g"))
        };
        let rows = self.select(&format!("SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"))?;
        match rows.first().and_then(|r| term_of(r, "n")) {
            Some(Term::Literal(n)) => n
                .value()
                .parse()
                .map_err(|_| self.err(format!("the server counted its quads as {:?}", n.value()))),
            _ => Err(self.err("the server did not count its quads".into())),
        }
    }

    fn named_graphs(&self, limit: Option<usize>) -> Result<Vec<NamedOrBlankNode>, StoreError> {
        let filter = self.not_system("g");
        let pattern = if self.config.empty_graph_pattern {
            format!("GRAPH ?g {{ }}{filter}")
        } else {
            format!("{{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }}{filter} }} }}")
        };
        let rows: Vec<QuerySolution> = match limit {
            Some(n) => self.select(&format!("SELECT ?g WHERE {{ {pattern} }} LIMIT {n}"))?,
            None => self
                .select_all(&pattern, &["g"])
                .collect::<Result<_, _>>()?,
        };
        Ok(rows
            .iter()
            .filter_map(|row| match term_of(row, "g") {
                Some(Term::NamedNode(n)) => Some(NamedOrBlankNode::NamedNode(n)),
                Some(Term::BlankNode(b)) => Some(NamedOrBlankNode::BlankNode(b)),
                _ => None,
            })
            .collect())
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}
