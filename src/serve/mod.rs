//! `newskg serve`: the store as a SPARQL 1.1 Protocol endpoint over HTTP
//! (tiny_http, a bounded pool of worker threads). `/query` takes GET and
//! POST (form or `application/sparql-query`) and answers in the format the
//! client accepts, with the project's prefixes and functions; `/store` is
//! the Graph Store Protocol's GET of one graph; `/update` answers 403
//! unless started `--writable`. Each query has a timeout (it is cancelled
//! and answered 503) and a row limit (the answer is cut there and says so
//! in an `X-SPARQL-MaxRows` header, as Virtuoso does, so that newskg's own
//! remote mode reads the rest in pages). `/` is a page to query and to look
//! at the graph (`page`). Queries go through `query`, graphs through
//! `store`; nothing here knows RocksDB.

mod page;

use crate::query::{self, OutputFormat, QueryError};
use crate::store::{QueryForm, Store};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode};
use oxigraph::sparql::CancellationToken;
use std::io::Read;
use std::net::SocketAddr;
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// How the endpoint behaves.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where to listen, e.g. 127.0.0.1:7878.
    pub bind: String,
    /// Whether `/update` runs updates.
    pub writable: bool,
    /// How long one query may run.
    pub timeout: Duration,
    /// Most rows (or triples) in one answer.
    pub max_rows: usize,
    /// Whether any web page may call the endpoint (CORS).
    pub cors: bool,
    /// Requests handled at once.
    pub threads: usize,
}

/// Largest request body read (a query or an update).
const MAX_BODY: u64 = 16 * 1024 * 1024;

/// Listens on `opts.bind` and answers until the process ends; `ready` is
/// told the address once it listens. Fails with one sentence when it
/// cannot listen.
pub fn serve(
    store: Store,
    opts: ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let server = Server::http(&opts.bind).map_err(|e| {
        let why = e.to_string();
        if why.to_lowercase().contains("in use") {
            format!(
                "cannot listen on {}: the address is in use (another server on that port?); \
                 give --bind with another port",
                opts.bind
            )
        } else {
            format!("cannot listen on {}: {why}", opts.bind)
        }
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| format!("cannot listen on {}: not an IP address", opts.bind))?;
    ready(addr);
    std::thread::scope(|scope| {
        for _ in 0..opts.threads.max(1) {
            scope.spawn(|| {
                while let Ok(request) = server.recv() {
                    answer(&store, &opts, request);
                }
            });
        }
    });
    Ok(())
}

/// One reply: status, media type, body, extra headers.
struct Reply {
    status: u16,
    media_type: &'static str,
    body: Vec<u8>,
    headers: Vec<(&'static str, String)>,
}

impl Reply {
    fn text(status: u16, message: impl Into<String>) -> Reply {
        let mut body = message.into().into_bytes();
        body.push(b'\n');
        Reply {
            status,
            media_type: "text/plain; charset=utf-8",
            body,
            headers: Vec::new(),
        }
    }
}

fn answer(store: &Store, opts: &ServeOptions, mut request: Request) {
    let reply = route(store, opts, &mut request);
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = reply.headers;
    headers.push(("Content-Type", reply.media_type.to_string()));
    if opts.cors {
        headers.push(("Access-Control-Allow-Origin", "*".into()));
        headers.push((
            "Access-Control-Allow-Headers",
            "Content-Type, Accept".into(),
        ));
        headers.push(("Access-Control-Expose-Headers", "X-SPARQL-MaxRows".into()));
    }
    for (name, value) in headers {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // A client that left before its answer is nothing to report.
    let _ = request.respond(response);
}

fn route(store: &Store, opts: &ServeOptions, request: &mut Request) -> Reply {
    let url = request.url().to_string();
    let (path, query_string) = url.split_once('?').unwrap_or((&url, ""));
    let method = request.method().clone();
    if method == Method::Options && opts.cors {
        return Reply::text(204, "");
    }
    if method == Method::Get {
        if let Some(reply) = page::route(store, path, &form_pairs(query_string)) {
            return reply;
        }
    }
    match (path, &method) {
        ("/query" | "/sparql", Method::Get | Method::Post) => {
            match protocol_text(request, query_string, "query", "application/sparql-query") {
                Ok((text, format)) => run_query(store, opts, &text, format, accept(request)),
                Err(reply) => reply,
            }
        }
        ("/update", Method::Post) if !opts.writable => Reply::text(
            403,
            "this endpoint is read-only: start newskg serve with --writable to allow updates",
        ),
        ("/update", Method::Post) => {
            match protocol_text(request, query_string, "update", "application/sparql-update") {
                Ok((text, _)) => run_update(store, &text),
                Err(reply) => reply,
            }
        }
        ("/store", Method::Get) => read_graph(store, query_string, accept(request)),
        ("/query" | "/sparql" | "/update" | "/store" | "/", _) => {
            Reply::text(405, format!("{method} is not allowed on {path}"))
        }
        _ => Reply::text(
            404,
            format!(
                "nothing at {path}: the endpoints are /query, /update and /store; the page is at /"
            ),
        ),
    }
}

/// The `Accept` header, or "" when there is none.
fn accept(request: &Request) -> String {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept"))
        .map(|h| h.value.as_str().to_string())
        .unwrap_or_default()
}

/// The query (or update) of a request, as the SPARQL 1.1 Protocol passes
/// it: in the URL (`?query=`), a form body, or the body itself under its
/// own media type; with a `format=` parameter if one was given.
fn protocol_text(
    request: &mut Request,
    query_string: &str,
    name: &str,
    direct_type: &str,
) -> Result<(String, Option<String>), Reply> {
    let mut params = form_pairs(query_string);
    if *request.method() == Method::Post {
        let content_type = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Content-Type"))
            .map(|h| h.value.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        let mut body = String::new();
        request
            .as_reader()
            .take(MAX_BODY)
            .read_to_string(&mut body)
            .map_err(|e| Reply::text(400, format!("the request's body could not be read: {e}")))?;
        if content_type.starts_with(direct_type) {
            params.push((name.to_string(), body));
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            params.extend(form_pairs(&body));
        } else if !body.trim().is_empty() {
            return Err(Reply::text(
                415,
                format!(
                    "a POST to this endpoint takes application/x-www-form-urlencoded or \
                     {direct_type}, not {content_type:?}"
                ),
            ));
        }
    }
    let format = params
        .iter()
        .find(|(k, _)| k == "format")
        .map(|(_, v)| v.clone());
    let text = params
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .ok_or_else(|| {
            Reply::text(
                400,
                format!("no {name}: give it as ?{name}=... or in the request's body"),
            )
        })?;
    Ok((text, format))
}

fn form_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(k), decode(v))
        })
        .collect()
}

/// The output format and its media type for a query of `form`, from a
/// `format=` parameter, else the `Accept` header in its order, else the
/// form's default (JSON results, Turtle triples).
fn negotiate(
    form: QueryForm,
    format: Option<&str>,
    accept: &str,
) -> Option<(OutputFormat, &'static str)> {
    let solutions = [
        (
            "application/sparql-results+json",
            "json",
            OutputFormat::Json,
        ),
        ("application/json", "json", OutputFormat::Json),
        ("application/sparql-results+xml", "xml", OutputFormat::Xml),
        ("application/xml", "xml", OutputFormat::Xml),
        ("text/csv", "csv", OutputFormat::Csv),
        ("text/tab-separated-values", "tsv", OutputFormat::Tsv),
    ];
    let triples = [
        ("text/turtle", "ttl", OutputFormat::Ttl),
        ("application/n-triples", "nt", OutputFormat::Nt),
        ("text/plain", "nt", OutputFormat::Nt),
    ];
    let table: &[(&'static str, &str, OutputFormat)] = match form {
        QueryForm::Graph => &triples,
        _ => &solutions,
    };
    if let Some(name) = format {
        let name = name.to_ascii_lowercase();
        return table
            .iter()
            .find(|(media, short, _)| *short == name || *media == name)
            .map(|(media, _, f)| (*f, *media));
    }
    let default = table[0];
    for item in accept.split(',') {
        let media = item
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if media.is_empty() || media == "*/*" || media.ends_with("/*") {
            return Some((default.2, default.0));
        }
        if let Some((m, _, f)) = table.iter().find(|(m, _, _)| *m == media) {
            return Some((*f, *m));
        }
    }
    if accept.trim().is_empty() {
        return Some((default.2, default.0));
    }
    None
}

fn run_query(
    store: &Store,
    opts: &ServeOptions,
    text: &str,
    format: Option<String>,
    accept: String,
) -> Reply {
    let form = match query::parse_query(text, "query") {
        Ok(q) => q.form(),
        Err(e) => return Reply::text(400, e.to_string()),
    };
    let Some((format, media_type)) = negotiate(form, format.as_deref(), &accept) else {
        return Reply::text(
            406,
            format!("no answer format matches Accept: {accept} (JSON, XML, CSV, TSV for results; Turtle, N-Triples for graphs)"),
        );
    };
    let token = CancellationToken::new();
    let deadline = query::Deadline::start(&token, Some(opts.timeout));
    let run_opts = query::Options {
        format,
        max_rows: Some(opts.max_rows),
        timer: false,
        prefixes: Vec::new(),
        cancel: Some(token),
    };
    let mut body = Vec::new();
    let outcome = query::run_query_with(store, text, "query", &run_opts, &mut body);
    drop(deadline);
    match outcome {
        Ok(outcome) => {
            let mut headers = Vec::new();
            if let query::Outcome::Rows(c) | query::Outcome::Triples(c) = outcome {
                if c.left_out() > 0 {
                    headers.push(("X-SPARQL-MaxRows", opts.max_rows.to_string()));
                }
            }
            Reply {
                status: 200,
                media_type,
                body,
                headers,
            }
        }
        Err(QueryError::Cancelled) => Reply::text(
            503,
            format!(
                "the query ran past the timeout of {} s and was stopped (newskg serve --query-timeout)",
                opts.timeout.as_secs()
            ),
        ),
        Err(e @ (QueryError::Syntax { .. } | QueryError::SyntaxNoPosition { .. })) => {
            Reply::text(400, e.to_string())
        }
        Err(e) => Reply::text(500, e.to_string()),
    }
}

fn run_update(store: &Store, text: &str) -> Reply {
    match query::run_update(store, text, "update") {
        Ok(()) => Reply::text(204, ""),
        Err(e @ (QueryError::Syntax { .. } | QueryError::SyntaxNoPosition { .. })) => {
            Reply::text(400, e.to_string())
        }
        Err(e) => Reply::text(500, e.to_string()),
    }
}

/// Graph Store Protocol GET: `?graph=IRI` or `?default`.
fn read_graph(store: &Store, query_string: &str, accept: String) -> Reply {
    let params = form_pairs(query_string);
    let graph = match params.iter().find(|(k, _)| k == "graph" || k == "default") {
        Some((k, _)) if k == "default" => None,
        Some((_, iri)) => match NamedNode::new(iri.clone()) {
            Ok(n) => Some(n),
            Err(e) => return Reply::text(400, format!("graph={iri:?} is not an IRI: {e}")),
        },
        None => return Reply::text(400, "give ?graph=IRI (or ?default) for the graph to read"),
    };
    let Some((format, media_type)) = negotiate(QueryForm::Graph, None, &accept) else {
        return Reply::text(
            406,
            format!("no graph format matches Accept: {accept} (Turtle, N-Triples)"),
        );
    };
    let rdf_format = if format == OutputFormat::Ttl {
        RdfFormat::Turtle
    } else {
        RdfFormat::NTriples
    };
    let mut writer = RdfSerializer::from_format(rdf_format).for_writer(Vec::new());
    let mut any = false;
    for quad in store.quads(graph.as_ref()) {
        let quad = match quad {
            Ok(q) => q,
            Err(e) => return Reply::text(500, e.to_string()),
        };
        if graph.is_none() && quad.graph_name != GraphName::DefaultGraph {
            continue;
        }
        any = true;
        if let Err(e) = writer.serialize_triple(quad.as_ref()) {
            return Reply::text(500, e.to_string());
        }
    }
    if !any && graph.is_some() {
        return Reply::text(404, "no such graph in the store");
    }
    match writer.finish() {
        Ok(body) => Reply {
            status: 200,
            media_type,
            body,
            headers: Vec::new(),
        },
        Err(e) => Reply::text(500, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_accepted_format_is_chosen_in_the_clients_order() {
        let q = QueryForm::Select;
        assert_eq!(
            negotiate(q, None, "text/csv, application/sparql-results+json;q=0.8")
                .unwrap()
                .0,
            OutputFormat::Csv
        );
        assert_eq!(negotiate(q, None, "").unwrap().0, OutputFormat::Json);
        assert_eq!(negotiate(q, None, "*/*").unwrap().0, OutputFormat::Json);
        assert_eq!(
            negotiate(q, Some("tsv"), "text/csv").unwrap().0,
            OutputFormat::Tsv
        );
        assert!(negotiate(q, None, "image/png").is_none());
        let g = QueryForm::Graph;
        assert_eq!(
            negotiate(g, None, "application/n-triples").unwrap().0,
            OutputFormat::Nt
        );
        assert_eq!(negotiate(g, None, "").unwrap().0, OutputFormat::Ttl);
    }

    #[test]
    fn form_bodies_are_decoded() {
        assert_eq!(
            form_pairs("query=SELECT+%3Fs+WHERE+%7B%7D&format=json"),
            vec![
                ("query".to_string(), "SELECT ?s WHERE {}".to_string()),
                ("format".to_string(), "json".to_string())
            ]
        );
    }
}
