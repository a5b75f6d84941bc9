//! Reading from a server: queries sent as forms, answers streamed into
//! Oxigraph's parsers (with a server's non-standard blank-node labels
//! mended), SELECT answers the server cuts read again in pages, and whole
//! graphs read by Graph Store `GET`. Never writes.

use super::text::Unprefix;
use super::{graph_url, Remote, ACCEPT_SOLUTIONS, ACCEPT_TRIPLES, FORM};
use crate::store::http::{encode_component, media_type, Call};
use crate::store::{paging, Quads, QueryForm, StoreError};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Triple, Variable};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{
    QueryEvaluationError, QueryResults, QuerySolution, QuerySolutionIter, QueryTripleIter,
};
use std::collections::HashSet;
use std::sync::Arc;

impl Remote {
    /// A CONSTRUCT's triples from the SELECT of its template's variables
    /// (read in pages where the server cuts it), each triple once.
    pub(super) fn constructed(
        &self,
        select: spargebra::Query,
        template: Vec<spargebra::term::TriplePattern>,
    ) -> Result<QueryResults<'static>, String> {
        let QueryResults::Solutions(rows) = self.solutions(&select.to_string(), select)? else {
            return Err(format!(
                "{} answered a SELECT query with something else than solutions",
                self.config.query_endpoint()
            ));
        };
        let mut seen: HashSet<Triple> = HashSet::new();
        let mut pending: std::vec::IntoIter<Triple> = Vec::new().into_iter();
        let mut rows = rows;
        let triples = std::iter::from_fn(move || loop {
            if let Some(t) = pending.next() {
                if seen.insert(t.clone()) {
                    return Some(Ok(t));
                }
                continue;
            }
            match rows.next()? {
                Ok(row) => pending = super::construct::instantiate(&template, &row).into_iter(),
                Err(e) => return Some(Err(e)),
            }
        });
        Ok(QueryResults::Graph(QueryTripleIter::new(triples)))
    }

    /// Sends a query; the response's body streams into the parser.
    pub(super) fn send_query(
        &self,
        text: &str,
        form: QueryForm,
    ) -> Result<QueryResults<'static>, String> {
        self.send_query_capped(text, form)
            .map(|(results, _)| results)
    }

    /// Sends a query; with the answer, the number of rows the server says
    /// it cut the answer at (Virtuoso's `X-SPARQL-MaxRows`), if it did.
    pub(super) fn send_query_capped(
        &self,
        text: &str,
        form: QueryForm,
    ) -> Result<(QueryResults<'static>, Option<usize>), String> {
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
        if media_type == "text/html" || media_type == "application/xhtml+xml" {
            return Err(format!(
                "{endpoint} answered an HTML page, not SPARQL results: give --endpoint the \
                 server's SPARQL endpoint (e.g. http://host:7878/query for Oxigraph, \
                 http://host:8890/sparql for Virtuoso, http://host:3030/DATASET/query for Fuseki)"
            ));
        }
        let cap = response
            .headers()
            .get("X-SPARQL-MaxRows")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<usize>().ok());
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
                let results = match parsed {
                    ReaderQueryResultsParserOutput::Boolean(b) => QueryResults::Boolean(b),
                    ReaderQueryResultsParserOutput::Solutions(solutions) => {
                        let variables = solutions.variables().to_vec();
                        QueryResults::Solutions(QuerySolutionIter::new(
                            variables.into(),
                            solutions.map(move |s| s.map_err(|e| broke(&e))),
                        ))
                    }
                };
                Ok((results, cap))
            }
            QueryForm::Graph => {
                let format = RdfFormat::from_media_type(&media_type).unwrap_or(RdfFormat::NTriples);
                let triples = RdfParser::from_format(format)
                    .for_reader(body)
                    .map(move |q| q.map(Triple::from).map_err(|e| broke(&e)));
                Ok((QueryResults::Graph(QueryTripleIter::new(triples)), cap))
            }
        }
    }

    pub(super) fn ask(&self, text: &str) -> Result<bool, String> {
        match self.send_query(text, QueryForm::Ask)? {
            QueryResults::Boolean(b) => Ok(b),
            _ => Err(format!(
                "{} answered an ASK query with something else than a boolean",
                self.config.query_endpoint()
            )),
        }
    }

    /// Runs a SELECT and collects its rows.
    pub(super) fn select(&self, text: &str) -> Result<Vec<QuerySolution>, StoreError> {
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

    /// Runs a SELECT whose answer may be large (see [`Remote::solutions`]).
    pub(super) fn select_all<'a>(
        &'a self,
        pattern: &str,
        variables: &[&str],
    ) -> Box<dyn Iterator<Item = Result<QuerySolution, StoreError>> + 'a> {
        let projection: String = variables.iter().map(|v| format!(" ?{v}")).collect();
        let text = format!("SELECT{projection} WHERE {{ {pattern} }}");
        let query = match spargebra::SparqlParser::new().parse_query(&text) {
            Ok(q) => q,
            Err(e) => {
                return Box::new(std::iter::once(Err(
                    self.err(format!("an inner query is wrong ({e}): {text}"))
                )))
            }
        };
        match self.solutions(&text, query) {
            Ok(QueryResults::Solutions(rows)) => {
                Box::new(rows.map(|r| r.map_err(|e| StoreError::Remote(e.to_string()))))
            }
            Ok(_) => Box::new(std::iter::once(Err(self.err(format!(
                "{} answered a SELECT query with something else than solutions",
                self.config.query_endpoint()
            ))))),
            Err(e) => Box::new(std::iter::once(Err(self.err(e)))),
        }
    }

    /// A SELECT query's whole answer, streamed: in one request, or page by
    /// page where `--page-size` asks for it or the server says it cut the
    /// answer (the first answer is then left unread).
    pub(super) fn solutions(
        &self,
        text: &str,
        query: spargebra::Query,
    ) -> Result<QueryResults<'static>, String> {
        if let Some(size) = self.config.page_size {
            return self.paged(query, size);
        }
        let (results, cap) = self.send_query_capped(text, QueryForm::Select)?;
        match cap {
            Some(cap) if cap > 0 && paging::may_be_cut(&query, cap) => {
                drop(results);
                self.paged(query, cap)
            }
            _ => Ok(results),
        }
    }

    /// A SELECT query's answer read `size` rows at a time (fewer where the
    /// server cuts its answers sooner), each page asked for when the one
    /// before is used up.
    pub(super) fn paged(
        &self,
        query: spargebra::Query,
        size: usize,
    ) -> Result<QueryResults<'static>, String> {
        type Page = (Arc<[Variable]>, Vec<QuerySolution>, Option<usize>);
        let read_page = {
            let remote = self.clone();
            move |offset: usize, size: usize| -> Result<Option<Page>, String> {
                let Some(page) = paging::page(&query, offset, size) else {
                    return Ok(None);
                };
                match remote.send_query_capped(&page.to_string(), QueryForm::Select)? {
                    (QueryResults::Solutions(rows), cap) => {
                        let variables: Arc<[Variable]> = rows.variables().into();
                        let rows = rows
                            .collect::<Result<Vec<_>, _>>()
                            .map_err(|e| e.to_string())?;
                        Ok(Some((variables, rows, cap)))
                    }
                    _ => Err(format!(
                        "{} answered a SELECT query with something else than solutions",
                        remote.config.query_endpoint()
                    )),
                }
            }
        };
        let Some((variables, first, cap)) = read_page(0, size)? else {
            return Err("the query asks for no rows".into());
        };
        // A page the server cut is its first rows: the next starts after them.
        let mut size = cap.filter(|&c| c > 0).map_or(size, |c| c.min(size));
        let mut done = first.len() < size;
        let mut offset = first.len();
        let mut buffer = first.into_iter();
        let rows = std::iter::from_fn(move || loop {
            if let Some(row) = buffer.next() {
                return Some(Ok(row));
            }
            if done {
                return None;
            }
            match read_page(offset, size) {
                Ok(Some((_, rows, cap))) => {
                    size = cap.filter(|&c| c > 0).map_or(size, |c| c.min(size));
                    done = rows.len() < size;
                    offset += rows.len();
                    buffer = rows.into_iter();
                }
                Ok(None) => done = true,
                Err(e) => {
                    done = true;
                    return Some(Err(QueryEvaluationError::Service(e.into())));
                }
            }
        });
        Ok(QueryResults::Solutions(QuerySolutionIter::new(
            variables, rows,
        )))
    }

    /// A whole named graph by the Graph Store Protocol (`GET ?graph=`), as
    /// N-Triples streamed into quads: one request, never capped.
    pub(super) fn graph_from_store<'a>(&'a self, store: &str, graph: &NamedNode) -> Quads<'a> {
        let url = graph_url(store, graph);
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
