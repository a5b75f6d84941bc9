//! The remote back-end: a SPARQL 1.1 server reached through the SPARQL 1.1
//! Protocol (queries and updates). Each article is written in one update
//! request (its old triples out of the default graph where no other article
//! states them, its graph dropped, its new triples into its graph and the
//! default graph), so a server applies it whole or not at all; several
//! articles are sent at once, a bounded number. Large reads are paged where
//! the server caps its answers. Knows nothing of RocksDB.

use super::http::{encode_component, media_type, Call, Http};
use super::remote_text::{insert_data, rewrite_update, Unprefix};
use super::server::RemoteConfig;
use super::{Backend, Quads, QueryForm, SparqlQuery, SparqlUpdate, StoreError, StoredArticle};
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{
    QueryEvaluationError, QueryResults, QuerySolution, QuerySolutionIter, QueryTripleIter,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const FORM: &str = "application/x-www-form-urlencoded";
const ACCEPT_SOLUTIONS: &str =
    "application/sparql-results+json, application/sparql-results+xml;q=0.8";
const ACCEPT_TRIPLES: &str = "application/n-triples, text/turtle;q=0.8, application/rdf+xml;q=0.5";

pub(super) struct Remote {
    config: RemoteConfig,
    http: Http,
}

impl Remote {
    /// Connects to the server and checks that it answers a query.
    pub(super) fn connect(config: &RemoteConfig) -> Result<Remote, StoreError> {
        let remote = Remote {
            http: Http::new(config),
            config: config.clone(),
        };
        remote.ask("ASK { }").map_err(|e| {
            StoreError::Remote(format!(
                "the SPARQL endpoint {} does not answer: {e}",
                config.query_endpoint()
            ))
        })?;
        Ok(remote)
    }

    fn err(&self, message: String) -> StoreError {
        StoreError::Remote(message)
    }

    /// Sends a query; the response's body streams into the parser.
    fn send_query(&self, text: &str, form: QueryForm) -> Result<QueryResults<'static>, String> {
        let accept = match form {
            QueryForm::Select | QueryForm::Ask if self.config.blank_node_prefix.is_some() => {
                "application/sparql-results+xml"
            }
            QueryForm::Select | QueryForm::Ask => ACCEPT_SOLUTIONS,
            QueryForm::Graph => ACCEPT_TRIPLES,
        };
        // A form is what every server takes (some never answer a body of
        // type application/sparql-query).
        let request = format!("query={}", encode_component(text));
        let response = self.http.send(&Call {
            method: "POST",
            url: self.config.query_endpoint(),
            accept: Some(accept),
            content_type: Some(FORM),
            body: Some(request.as_bytes()),
        })?;
        let endpoint = self.config.query_endpoint().to_string();
        let media_type = media_type(&response);
        let body: Box<dyn std::io::Read + Send> = match self.config.blank_node_prefix {
            Some(prefix) if media_type == "application/sparql-results+xml" => {
                Box::new(Unprefix::new(
                    response.into_body().into_reader(),
                    format!("<bnode>{prefix}"),
                ))
            }
            _ => Box::new(response.into_body().into_reader()),
        };
        let failed = |e: &dyn std::fmt::Display| -> String {
            format!("the answer of {endpoint} could not be read: {e}")
        };
        // An answer can also break off while it streams (a server that
        // fails after it began to answer writes its error into the body).
        let broke = {
            let endpoint = endpoint.clone();
            move |e: &dyn std::fmt::Display| {
                QueryEvaluationError::Service(
                    format!("the answer of {endpoint} broke off: {e}").into(),
                )
            }
        };
        match form {
            QueryForm::Select | QueryForm::Ask => {
                let format = QueryResultsFormat::from_media_type(&media_type)
                    .unwrap_or(QueryResultsFormat::Json);
                let parsed = QueryResultsParser::from_format(format)
                    .for_reader(body)
                    .map_err(|e| failed(&e))?;
                Ok(match parsed {
                    ReaderQueryResultsParserOutput::Boolean(b) => QueryResults::Boolean(b),
                    ReaderQueryResultsParserOutput::Solutions(solutions) => {
                        let variables = solutions.variables().to_vec();
                        QueryResults::Solutions(QuerySolutionIter::new(
                            variables.into(),
                            solutions.map(move |s| s.map_err(|e| broke(&e))),
                        ))
                    }
                })
            }
            QueryForm::Graph => {
                let format = RdfFormat::from_media_type(&media_type).unwrap_or(RdfFormat::NTriples);
                let triples = RdfParser::from_format(format)
                    .for_reader(body)
                    .map(move |q| q.map(Triple::from).map_err(|e| broke(&e)));
                Ok(QueryResults::Graph(QueryTripleIter::new(triples)))
            }
        }
    }

    fn ask(&self, text: &str) -> Result<bool, String> {
        match self.send_query(text, QueryForm::Ask)? {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err(format!(
                "{} answered an ASK query with something else than a boolean",
                self.config.query_endpoint()
            )),
        }
    }

    /// Runs a SELECT and collects its rows.
    fn select(&self, text: &str) -> Result<Vec<QuerySolution>, StoreError> {
        match self
            .send_query(text, QueryForm::Select)
            .map_err(|e| self.err(e))?
        {
            QueryResults::Solutions(rows) => rows
                .map(|r| r.map_err(|e| self.err(e.to_string())))
                .collect(),
            _ => Err(self.err(format!(
                "{} answered a SELECT query with something else than solutions",
                self.config.query_endpoint()
            ))),
        }
    }

    /// Runs a SELECT whose answer may be large: in one request, or page by
    /// page (`ORDER BY` the variables, `LIMIT`, `OFFSET`) where the server
    /// caps its answers.
    fn select_all<'a>(
        &'a self,
        pattern: &str,
        variables: &[&str],
    ) -> Box<dyn Iterator<Item = Result<QuerySolution, StoreError>> + 'a> {
        let projection: String = variables.iter().map(|v| format!(" ?{v}")).collect();
        let Some(page) = self.config.page_size else {
            let text = format!("SELECT{projection} WHERE {{ {pattern} }}");
            return match self.send_query(&text, QueryForm::Select) {
                Ok(QueryResults::Solutions(rows)) => {
                    Box::new(rows.map(|r| r.map_err(|e| StoreError::Remote(e.to_string()))))
                }
                Ok(_) => Box::new(std::iter::once(Err(self.err(format!(
                    "{} answered a SELECT query with something else than solutions",
                    self.config.query_endpoint()
                ))))),
                Err(e) => Box::new(std::iter::once(Err(self.err(e)))),
            };
        };
        let mut offset = 0;
        let mut done = false;
        let mut buffer: std::vec::IntoIter<QuerySolution> = Vec::new().into_iter();
        let pattern = pattern.to_string();
        Box::new(std::iter::from_fn(move || loop {
            if let Some(row) = buffer.next() {
                return Some(Ok(row));
            }
            if done {
                return None;
            }
            let text = format!(
                "SELECT{projection} WHERE {{ {pattern} }} ORDER BY{projection} LIMIT {page} OFFSET {offset}"
            );
            match self.select(&text) {
                Ok(rows) => {
                    done = rows.len() < page;
                    offset += rows.len();
                    buffer = rows.into_iter();
                }
                Err(e) => {
                    done = true;
                    return Some(Err(e));
                }
            }
        }))
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

    /// Sends one update per item, `concurrency` at a time; the first error
    /// stops the sending of the rest and is returned.
    fn send_each<T: Sync>(
        &self,
        items: &[T],
        update_of: impl Fn(&T) -> String + Sync,
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
                    if let Err(e) = self.send_update(&update_of(item)) {
                        if let Ok(mut f) = failure.lock() {
                            f.get_or_insert(e);
                        }
                        return;
                    }
                });
            }
        });
        match failure.into_inner().ok().flatten() {
            Some(e) => Err(self.err(e)),
            None => Ok(()),
        }
    }
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

impl Remote {
    /// A whole named graph by the Graph Store Protocol (`GET ?graph=`), as
    /// N-Triples streamed into quads: one request, never capped.
    fn graph_from_store<'a>(&'a self, store: &str, graph: &NamedNode) -> Quads<'a> {
        let url = format!(
            "{store}{}graph={}",
            if store.contains('?') { '&' } else { '?' },
            encode_component(graph.as_str())
        );
        let response = match self.http.send(&Call {
            method: "GET",
            url: &url,
            accept: Some(ACCEPT_TRIPLES),
            content_type: None,
            body: None,
        }) {
            Ok(r) => r,
            // A graph the server does not have is empty.
            Err(e) if e.contains(": 404") => return Box::new(std::iter::empty()),
            Err(e) => return Box::new(std::iter::once(Err(self.err(e)))),
        };
        let media_type = media_type(&response);
        let format = RdfFormat::from_media_type(&media_type).unwrap_or(RdfFormat::NTriples);
        let graph = graph.clone();
        Box::new(
            RdfParser::from_format(format)
                .for_reader(response.into_body().into_reader())
                .map(move |q| {
                    q.map(|q| Quad::new(q.subject, q.predicate, q.object, graph.clone()))
                        .map_err(|e| {
                            StoreError::Remote(format!("the graph from {url} broke off: {e}"))
                        })
                }),
        )
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
        let merged = self.config.merged_default_graph;
        self.send_each(plan, |(graph, new)| rewrite_update(graph, *new, merged))
    }

    fn insert_new_graphs(&self, graphs: &[(NamedNode, Vec<Quad>)]) -> Result<(), StoreError> {
        // A graph thought new may exist after all (an interrupted run whose
        // request arrived): replacing it is right either way.
        let merged = self.config.merged_default_graph;
        self.send_each(graphs, |(graph, quads)| {
            rewrite_update(graph, Some(quads), merged)
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
        self.send_query(&query.text, query.form)
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
        if let (Some(g), Some(store)) = (graph, self.config.graph_store()) {
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
