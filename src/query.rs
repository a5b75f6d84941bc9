//! Run SPARQL and format the results: the one path used by `query`,
//! `update`, `run`, `check` and the REPL.
//!
//! Queries see the union of all graphs as their default graph and have the
//! project's prefixes predeclared (`:`/`nkg:`, `id:`, `rdfs:`, ...), plus
//! any a caller adds ([`Options::prefixes`]: a REPL session's `PREFIX`es).
//! Formats: an aligned table for people; SPARQL 1.1 CSV, TSV, JSON and XML;
//! Turtle and N-Triples for CONSTRUCT and DESCRIBE. A result can be cut
//! after a number of rows ([`Options::max_rows`]): the rest are counted as
//! they stream by, never collected, and the count stops past
//! [`COUNT_BEYOND`] rows, so a cut cross join of millions of rows stays
//! cheap. Evaluation stops when the caller's [`CancellationToken`] is
//! cancelled (Ctrl-C in the REPL).

mod deadline;
pub mod outside;
pub use deadline::Deadline;

use crate::store::{SparqlQuery, SparqlUpdate, Store};
use crate::vocab::{self, PREFIXES};
use comfy_table::{presets, ContentArrangement, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
pub use oxigraph::sparql::CancellationToken;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use spargebra::SparqlParser;
use std::io::Write;
use std::time::Instant;

/// Output formats of `query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    #[value(alias = "turtle")]
    Ttl,
    #[value(alias = "ntriples")]
    Nt,
}

/// A query that failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// A syntax error with its position in the query text.
    #[error("{source_name}:{line}:{column}: SPARQL syntax error: {message}\n{snippet}")]
    Syntax {
        source_name: String,
        line: usize,
        column: usize,
        message: String,
        /// The line with a caret under the column.
        snippet: String,
    },
    #[error("{source_name}: SPARQL syntax error: {message}")]
    SyntaxNoPosition {
        source_name: String,
        message: String,
    },
    #[error("query failed: {0}")]
    Evaluation(String),
    /// The statement would reach outside the store (`LOAD`); see [`outside`].
    #[error("{0}")]
    Refused(String),
    /// The caller's cancellation token was cancelled while it ran.
    #[error("cancelled")]
    Cancelled,
    #[error("the {format:?} format is for {expected} results, but this query gives {actual}")]
    WrongFormat {
        format: OutputFormat,
        expected: &'static str,
        actual: &'static str,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// How a statement is parsed, evaluated and written: the settings of
/// `newskg query` and of a REPL session.
#[derive(Clone)]
pub struct Options {
    pub format: OutputFormat,
    /// Write at most this many rows (SELECT) or triples (CONSTRUCT/DESCRIBE);
    /// the rest are counted, not kept, and a table says how many were left
    /// out. `None`: write everything.
    pub max_rows: Option<usize>,
    /// Show the time after the row count of a table.
    pub timer: bool,
    /// Prefixes declared in addition to the project's.
    pub prefixes: Vec<(String, String)>,
    /// Stops evaluation (and writing) when cancelled.
    pub cancel: Option<CancellationToken>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: OutputFormat::Table,
            max_rows: None,
            timer: true,
            prefixes: Vec::new(),
            cancel: None,
        }
    }
}

impl Options {
    /// Options that write everything in `format`.
    pub fn with_format(format: OutputFormat) -> Options {
        Options {
            format,
            ..Options::default()
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
    }

    /// An evaluation error, or [`QueryError::Cancelled`] if that is why it failed.
    fn failure(&self, e: &dyn std::fmt::Display) -> QueryError {
        if self.cancelled() {
            QueryError::Cancelled
        } else {
            QueryError::Evaluation(e.to_string())
        }
    }
}

/// Rows past [`Options::max_rows`] that are counted at most: past them a
/// cut result is not evaluated further and its size is given as "at least".
pub const COUNT_BEYOND: usize = 100_000;

/// How many rows (or triples) a result had and how many were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Rows seen: all of them when `exact`, else a lower bound.
    pub total: usize,
    /// Rows written.
    pub shown: usize,
    /// Whether `total` is every row: counting stops past [`COUNT_BEYOND`]
    /// left-out rows, or when cancelled after the shown rows were written.
    pub exact: bool,
}

impl Count {
    fn new() -> Count {
        Count {
            total: 0,
            shown: 0,
            exact: true,
        }
    }

    /// Rows seen but not written.
    pub fn left_out(&self) -> usize {
        self.total - self.shown
    }

    /// "... 12 more rows not shown" (`unit` "row" or "triple"), or `None`
    /// when nothing was left out.
    pub fn note(&self, unit: &str) -> Option<String> {
        let n = self.left_out();
        if n == 0 {
            return None;
        }
        let at_least = if self.exact { "" } else { "at least " };
        Some(format!(
            "... {at_least}{} not shown",
            plural(n, &format!("more {unit}"))
        ))
    }

    /// "3 rows", "at least 1001000 rows".
    pub fn summary(&self, unit: &str) -> String {
        let at_least = if self.exact { "" } else { "at least " };
        format!("{at_least}{}", plural(self.total, unit))
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What a statement produced, for summaries and checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Rows(Count),
    Boolean(bool),
    Triples(Count),
    /// An update ran (in one transaction).
    Updated,
}

/// A query's answer collected for judging rather than printing (`check`).
/// Every row is counted; only the first `keep` are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// SELECT: the variables in order, the kept rows (one term or none per
    /// variable) and how many rows there were.
    Solutions {
        variables: Vec<String>,
        rows: Vec<Vec<Option<Term>>>,
        total: usize,
    },
    /// ASK.
    Boolean(bool),
    /// CONSTRUCT or DESCRIBE: the kept triples and how many there were.
    Triples { triples: Vec<Triple>, total: usize },
}

/// A parsed statement: a query or an update.
pub enum Statement {
    Query(Box<SparqlQuery>),
    Update(Box<SparqlUpdate>),
}

/// The evaluator with the project's prefixes declared. [`run_query_with`]
/// adds the path functions (`nkg:hopCount`, see [`crate::analyze::functions`]).
pub fn evaluator() -> SparqlEvaluator {
    let mut e = SparqlEvaluator::new().with_default_service_handler(outside::RefuseServices);
    for (p, ns) in PREFIXES {
        e = e
            .with_prefix(*p, *ns)
            .expect("static prefix IRIs are valid");
    }
    e
}

/// The evaluator of `opts`: its cancellation token. (Prefixes belong to
/// parsing, see [`parser`].) `SERVICE` is refused ([`outside`]).
fn evaluator_for(opts: &Options) -> SparqlEvaluator {
    let e = SparqlEvaluator::new().with_default_service_handler(outside::RefuseServices);
    match &opts.cancel {
        Some(token) => e.with_cancellation_token(token.clone()),
        None => e,
    }
}

/// The stack of threads that parse and evaluate SPARQL: both recurse on a
/// query's structure, and a pasted megabyte of `?s ?p ?o .` or `|| false`
/// must get an answer, not a stack overflow. (Only the pages used are touched.)
pub const STACK_SIZE: usize = 1 << 30;

/// Brackets may nest this deep at most: the parser and the evaluator
/// recurse on nesting, and a megabyte of `{` must be an error, not a crash.
pub const MAX_NESTING: usize = 1000;

/// The deepest nesting of brackets outside strings, IRIs and comments.
fn nesting(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut depth, mut max) = (0, 0usize, 0);
    // Index after a string starting at `i` with quote `q` (long if tripled).
    let skip_string = |mut i: usize, q: u8| {
        let long = b[i..].starts_with(&[q, q, q]);
        i += if long { 3 } else { 1 };
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                c if c == q && (!long || b[i..].starts_with(&[q, q, q])) => {
                    return i + if long { 3 } else { 1 };
                }
                b'\n' if !long => return i,
                _ => {}
            }
            i += 1;
        }
        i
    };
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                i = skip_string(i, q);
                continue;
            }
            b'<' => {
                let end = b[i + 1..]
                    .iter()
                    .position(|c| matches!(c, b'>' | b'<' | b'"' | b'{' | b'}' | b' ' | b'\n'));
                if let Some(n) = end.filter(|n| b[i + 1 + n] == b'>') {
                    i += n + 1;
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    max
}

fn check_nesting(text: &str, source_name: &str) -> Result<(), QueryError> {
    let depth = nesting(text);
    if depth > MAX_NESTING {
        return Err(QueryError::SyntaxNoPosition {
            source_name: source_name.to_string(),
            message: format!(
                "brackets nest {depth} deep; at most {MAX_NESTING} levels are accepted"
            ),
        });
    }
    Ok(())
}

/// The SPARQL parser with the project's prefixes and `extra` declared.
fn parser(extra: &[(String, String)]) -> Result<SparqlParser, QueryError> {
    let mut p = SparqlParser::new();
    for (prefix, ns) in PREFIXES {
        p = p
            .with_prefix(*prefix, *ns)
            .expect("static prefix IRIs are valid");
    }
    for (prefix, ns) in extra {
        p = p.with_prefix(prefix, ns).map_err(|e| {
            QueryError::Evaluation(format!("the prefix {prefix}: <{ns}> is not valid: {e}"))
        })?;
    }
    Ok(p)
}

fn syntax_error(source_name: &str, text: &str, e: &dyn std::fmt::Display) -> QueryError {
    let msg = e.to_string();
    match error_position(&msg) {
        Some((line, column, detail)) => QueryError::Syntax {
            source_name: source_name.to_string(),
            line,
            column,
            message: readable(detail, is_end(text.trim_end(), line, column)),
            snippet: caret(text, line, column),
        },
        None => QueryError::SyntaxNoPosition {
            source_name: source_name.to_string(),
            message: msg,
        },
    }
}

/// Tokens listed at most in "expected one of ...".
const EXPECTED_SHOWN: usize = 12;

/// A parser's "expected one of ..." for people: the tokens and keywords it
/// lists, without its character classes; a check's own sentence (an
/// unbound variable) as it is.
fn readable(detail: &str, at_end: bool) -> String {
    let Some(list) = detail
        .strip_prefix("expected one of ")
        .or_else(|| detail.strip_prefix("expected "))
    else {
        return detail.to_string();
    };
    // Items are separated by ", " outside quotes and [character classes].
    let mut items: Vec<String> = Vec::new();
    let (mut item, mut quoted, mut class) = (String::new(), false, 0usize);
    let mut chars = list.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => {
                item.push(c);
                if let Some(n) = chars.next() {
                    item.push(n);
                }
                continue;
            }
            '"' if class == 0 => quoted = !quoted,
            '[' if !quoted => class += 1,
            ']' if !quoted => class = class.saturating_sub(1),
            ',' if !quoted && class == 0 && chars.peek() == Some(&' ') => {
                chars.next();
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(c);
    }
    items.push(item);
    let mut shown = Vec::new();
    for item in items {
        let item = item.trim();
        if item.starts_with('[') || item.is_empty() {
            continue;
        }
        if item.contains(' ') && !item.starts_with('"') {
            // A sentence of the parser's own checks.
            return item.to_string();
        }
        let token = match item.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
            Some(t) => format!("'{}'", t.replace("\\\"", "\"").replace("\\\\", "\\")),
            None => item.to_string(),
        };
        if !shown.contains(&token) {
            shown.push(token);
        }
    }
    let found = if at_end {
        "stopped at the end of the statement"
    } else {
        "stopped here"
    };
    if shown.is_empty() {
        return found.to_string();
    }
    let more = shown.len() > EXPECTED_SHOWN;
    shown.truncate(EXPECTED_SHOWN);
    format!(
        "{found}; expected {}{}{}",
        if shown.len() > 1 { "one of " } else { "" },
        shown.join(", "),
        if more { ", ..." } else { "" }
    )
}

/// The position and the rest of a parser message: spargebra reports
/// "error at LINE:COLUMN: expected ...".
fn error_position(msg: &str) -> Option<(usize, usize, &str)> {
    let rest = msg.strip_prefix("error at ")?;
    let (pos, detail) = rest.split_once(": ")?;
    let (l, c) = pos.split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?, detail))
}

/// Characters shown on each side of the column of a long line.
const CARET_WINDOW: usize = 100;

/// The offending line with a caret under the column (both 1-based, the
/// column in characters). A long line is shown around the column; control
/// characters are shown as U+FFFD so that binary input cannot drive the
/// terminal.
pub fn caret(text: &str, line: usize, column: usize) -> String {
    let l = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let chars: Vec<char> = l.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let from = at.saturating_sub(CARET_WINDOW);
    let to = (at + CARET_WINDOW).min(chars.len());
    let mut shown: String = chars[from..to].iter().map(|c| printable(*c)).collect();
    let mut pad = at - from;
    if from > 0 {
        shown.insert_str(0, "...");
        pad += 3;
    }
    if to < chars.len() {
        shown.push_str("...");
    }
    format!("  {shown}\n  {}^", " ".repeat(pad))
}

/// A character as it may be printed on one column of a terminal line.
fn printable(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
}

// The parser reports the furthest position it reached, which for a query
// ending in blank lines is past the last line; trailing whitespace changes
// nothing else, so it is left out and the error lands on a line of the text.
pub fn parse_query(text: &str, source_name: &str) -> Result<SparqlQuery, QueryError> {
    parse_query_with(text, source_name, &Options::default())
}

pub fn parse_update(text: &str, source_name: &str) -> Result<SparqlUpdate, QueryError> {
    parse_update_with(text, source_name, &Options::default())
}

/// Parses a query with the prefixes and cancellation token of `opts`.
pub fn parse_query_with(
    text: &str,
    source_name: &str,
    opts: &Options,
) -> Result<SparqlQuery, QueryError> {
    check_nesting(text, source_name)?;
    let query = parser(&opts.prefixes)?
        .parse_query(text.trim_end())
        .map_err(|e| syntax_error(source_name, text, &e))?;
    Ok(SparqlQuery::new(evaluator_for(opts), query))
}

/// Parses an update with the prefixes and cancellation token of `opts`.
pub fn parse_update_with(
    text: &str,
    source_name: &str,
    opts: &Options,
) -> Result<SparqlUpdate, QueryError> {
    check_nesting(text, source_name)?;
    let update = parser(&opts.prefixes)?
        .parse_update(text.trim_end())
        .map_err(|e| syntax_error(source_name, text, &e))?;
    outside::check_update(&update).map_err(|e| QueryError::Refused(e.0))?;
    Ok(SparqlUpdate::new(evaluator_for(opts), update))
}

/// Parses a statement: a query, else an update. When neither parses, the
/// error that got further into the text is reported (the one of the kind
/// the text was meant to be).
pub fn parse_statement(
    text: &str,
    source_name: &str,
    opts: &Options,
) -> Result<Statement, QueryError> {
    let query_error = match parse_query_with(text, source_name, opts) {
        Ok(q) => return Ok(Statement::Query(Box::new(q))),
        Err(e) => e,
    };
    let update_error = match parse_update_with(text, source_name, opts) {
        Ok(u) => return Ok(Statement::Update(Box::new(u))),
        Err(e) => e,
    };
    let position = |e: &QueryError| match e {
        QueryError::Syntax { line, column, .. } => (*line, *column),
        _ => (0, 0),
    };
    Err(if position(&update_error) > position(&query_error) {
        update_error
    } else {
        query_error
    })
}

/// How far a text gets as SPARQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// A query, or an update with at least one operation.
    Complete,
    /// Not SPARQL yet, but more text could complete it: the parser failed
    /// at the end of the text (or said nothing of where).
    Incomplete,
    /// Wrong before its end, at this line and column (1-based; the furthest
    /// the query and the update parsers got): no text added after it can
    /// make it SPARQL.
    Wrong { line: usize, column: usize },
}

/// Whether `text` is a complete query or update, could become one with
/// more text, or is wrong before its end. An update without operations (a
/// lone `PREFIX` line, only comments) is not complete. Nothing is evaluated.
pub fn completeness(text: &str, prefixes: &[(String, String)]) -> Parsed {
    let Ok(p) = parser(prefixes) else {
        return Parsed::Wrong { line: 1, column: 1 };
    };
    if nesting(text) > MAX_NESTING {
        return Parsed::Wrong { line: 1, column: 1 };
    }
    let text = text.trim_end();
    let query_error = match p.clone().parse_query(text) {
        Ok(_) => return Parsed::Complete,
        Err(e) => e.to_string(),
    };
    let update_error = match p.parse_update(text) {
        Ok(u) if !u.operations.is_empty() => return Parsed::Complete,
        Ok(_) => return Parsed::Incomplete,
        Err(e) => e.to_string(),
    };
    let (Some((ql, qc, _)), Some((ul, uc, _))) =
        (error_position(&query_error), error_position(&update_error))
    else {
        return Parsed::Incomplete;
    };
    let (line, column) = (ql, qc).max((ul, uc));
    if is_end(text, line, column) {
        Parsed::Incomplete
    } else {
        Parsed::Wrong { line, column }
    }
}

/// Whether (line, column), 1-based, is at or past the end of `text`.
fn is_end(text: &str, line: usize, column: usize) -> bool {
    let lines = text.split('\n').count();
    if line != lines {
        return line > lines;
    }
    let last = text.rsplit('\n').next().unwrap_or("");
    column > last.chars().count()
}

/// Runs a parsed statement: a query's results are written to `out` as
/// `opts` says; an update runs in one transaction.
pub fn execute(
    store: &Store,
    statement: Statement,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    write_evaluated(evaluate_statement(store, statement, opts)?, opts, out)
}

/// A statement run but not yet written: a query's results stream from it
/// as they are written.
pub enum Evaluated {
    Results(QueryResults<'static>, Instant),
    Updated,
}

/// The first half of [`execute`]: plans a query (its results are computed
/// while written), or runs an update in one transaction.
pub fn evaluate_statement(
    store: &Store,
    statement: Statement,
    opts: &Options,
) -> Result<Evaluated, QueryError> {
    let started = Instant::now();
    match statement {
        Statement::Query(query) => {
            let results = store.query(*query).map_err(|e| opts.failure(&e))?;
            Ok(Evaluated::Results(results, started))
        }
        Statement::Update(update) => {
            store.update(*update).map_err(|e| opts.failure(&e))?;
            Ok(Evaluated::Updated)
        }
    }
}

/// The second half of [`execute`]: writes a query's results.
pub fn write_evaluated(
    evaluated: Evaluated,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    match evaluated {
        Evaluated::Results(results, started) => write_results(results, opts, out, started),
        Evaluated::Updated => Ok(Outcome::Updated),
    }
}

/// Runs a query and writes its results in `format`.
pub fn run_query(
    store: &Store,
    text: &str,
    source_name: &str,
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    run_query_with(store, text, source_name, &Options::with_format(format), out)
}

/// Runs a query with `opts` (format, row limit, timer, prefixes, cancellation).
/// The path functions (`nkg:hopCount`) are registered for this store; the
/// entity graph behind them is only built if the query calls them.
pub fn run_query_with(
    store: &Store,
    text: &str,
    source_name: &str,
    opts: &Options,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    check_nesting(text, source_name)?;
    let query = parser(&opts.prefixes)?
        .parse_query(text.trim_end())
        .map_err(|e| syntax_error(source_name, text, &e))?;
    let (evaluator, paths) = crate::analyze::functions::register(evaluator_for(opts), store);
    let outcome = execute(
        store,
        Statement::Query(Box::new(SparqlQuery::new(evaluator, query))),
        opts,
        out,
    )?;
    if let Some(e) = paths.failure() {
        return Err(QueryError::Evaluation(format!(
            "nkg:hopCount could not read the entity graph: {e}"
        )));
    }
    Ok(outcome)
}

/// Runs a query and collects its answer (the first `keep` rows, and the
/// count of all), through the same parsing and evaluation as [`run_query`].
pub fn evaluate(
    store: &Store,
    text: &str,
    source_name: &str,
    keep: usize,
) -> Result<Answer, QueryError> {
    let query = parse_query(text, source_name)?;
    let results = store.query(query).map_err(QueryError::Evaluation)?;
    let failed = |e: &dyn std::fmt::Display| QueryError::Evaluation(e.to_string());
    match results {
        QueryResults::Solutions(solutions) => {
            let variables: Vec<_> = solutions.variables().to_vec();
            let mut rows = Vec::new();
            let mut total = 0;
            for s in solutions {
                let s = s.map_err(|e| failed(&e))?;
                if rows.len() < keep {
                    rows.push(variables.iter().map(|v| s.get(v).cloned()).collect());
                }
                total += 1;
            }
            Ok(Answer::Solutions {
                variables: variables.iter().map(|v| v.as_str().to_string()).collect(),
                rows,
                total,
            })
        }
        QueryResults::Boolean(b) => Ok(Answer::Boolean(b)),
        QueryResults::Graph(triples) => {
            let mut kept = Vec::new();
            let mut total = 0;
            for t in triples {
                let t = t.map_err(|e| failed(&e))?;
                if kept.len() < keep {
                    kept.push(t);
                }
                total += 1;
            }
            Ok(Answer::Triples {
                triples: kept,
                total,
            })
        }
    }
}

/// An empty table in the style of `--format table`, with this header.
pub fn table(header: impl IntoIterator<Item = String>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    table.set_header(header);
    table
}

/// Runs an update in one transaction.
pub fn run_update(store: &Store, text: &str, source_name: &str) -> Result<(), QueryError> {
    let opts = Options::default();
    let update = parse_update_with(text, source_name, &opts)?;
    execute(
        store,
        Statement::Update(Box::new(update)),
        &opts,
        &mut std::io::sink(),
    )
    .map(|_| ())
}

/// Takes items from `items` for as long as `take` accepts them and then
/// counts the rest (up to [`COUNT_BEYOND`] of them) into `count`. A
/// cancellation while only counting ends the count early, inexact.
fn stream<T, E: std::fmt::Display>(
    items: impl Iterator<Item = Result<T, E>>,
    opts: &Options,
    count: &mut Count,
    mut take: impl FnMut(T) -> Result<(), QueryError>,
) -> Result<(), QueryError> {
    let limit = opts.max_rows.unwrap_or(usize::MAX);
    for item in items {
        let item = match item {
            Ok(item) => item,
            Err(_) if count.shown >= limit && opts.cancelled() => {
                count.exact = false;
                return Ok(());
            }
            Err(e) => return Err(opts.failure(&e)),
        };
        count.total += 1;
        if count.shown < limit {
            take(item)?;
            count.shown += 1;
        } else if count.left_out() > COUNT_BEYOND {
            count.exact = false;
            return Ok(());
        }
    }
    Ok(())
}

fn write_results(
    results: QueryResults<'static>,
    opts: &Options,
    out: &mut dyn Write,
    started: Instant,
) -> Result<Outcome, QueryError> {
    let format = opts.format;
    let elapsed = |started: Instant| {
        if opts.timer {
            format!(" ({} ms)", started.elapsed().as_millis())
        } else {
            String::new()
        }
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut count = Count::new();
            let rs_format = match format {
                OutputFormat::Table => {
                    let mut table = table(variables.iter().map(|v| v.as_str().to_string()));
                    stream(solutions, opts, &mut count, |s| {
                        table.add_row(
                            variables
                                .iter()
                                .map(|v| s.get(v).map(display_term).unwrap_or_default()),
                        );
                        Ok(())
                    })?;
                    writeln!(out, "{table}")?;
                    if let Some(note) = count.note("row") {
                        writeln!(out, "{note}")?;
                    }
                    writeln!(out, "{}{}", count.summary("row"), elapsed(started))?;
                    return Ok(Outcome::Rows(count));
                }
                OutputFormat::Csv => QueryResultsFormat::Csv,
                OutputFormat::Tsv => QueryResultsFormat::Tsv,
                OutputFormat::Json => QueryResultsFormat::Json,
                OutputFormat::Xml => QueryResultsFormat::Xml,
                OutputFormat::Ttl | OutputFormat::Nt => {
                    return Err(QueryError::WrongFormat {
                        format,
                        expected: "CONSTRUCT/DESCRIBE",
                        actual: "rows (SELECT)",
                    })
                }
            };
            let mut ser = QueryResultsSerializer::from_format(rs_format)
                .serialize_solutions_to_writer(&mut *out, variables)?;
            stream(solutions, opts, &mut count, |s| Ok(ser.serialize(&s)?))?;
            ser.finish()?;
            Ok(Outcome::Rows(count))
        }
        QueryResults::Boolean(b) => {
            match format {
                OutputFormat::Table => writeln!(out, "{b}")?,
                OutputFormat::Csv | OutputFormat::Tsv | OutputFormat::Json | OutputFormat::Xml => {
                    let f = match format {
                        OutputFormat::Csv => QueryResultsFormat::Csv,
                        OutputFormat::Tsv => QueryResultsFormat::Tsv,
                        OutputFormat::Json => QueryResultsFormat::Json,
                        _ => QueryResultsFormat::Xml,
                    };
                    QueryResultsSerializer::from_format(f)
                        .serialize_boolean_to_writer(&mut *out, b)?;
                    if matches!(format, OutputFormat::Csv | OutputFormat::Tsv) {
                        writeln!(out)?;
                    }
                }
                OutputFormat::Ttl | OutputFormat::Nt => {
                    return Err(QueryError::WrongFormat {
                        format,
                        expected: "CONSTRUCT/DESCRIBE",
                        actual: "a boolean (ASK)",
                    })
                }
            }
            Ok(Outcome::Boolean(b))
        }
        QueryResults::Graph(triples) => {
            let rdf = match format {
                OutputFormat::Nt => RdfFormat::NTriples,
                OutputFormat::Ttl | OutputFormat::Table => RdfFormat::Turtle,
                _ => {
                    return Err(QueryError::WrongFormat {
                        format,
                        expected: "SELECT/ASK",
                        actual: "triples (CONSTRUCT/DESCRIBE)",
                    })
                }
            };
            let mut count = Count::new();
            if format != OutputFormat::Table {
                let mut ser = RdfSerializer::from_format(rdf);
                if rdf == RdfFormat::Turtle {
                    for (p, ns) in PREFIXES.iter().filter(|(p, _)| !p.is_empty()) {
                        ser = ser.with_prefix(*p, *ns).expect("static prefix");
                    }
                }
                let mut w = ser.for_writer(&mut *out);
                stream(triples, opts, &mut count, |t| Ok(w.serialize_triple(&t)?))?;
                w.finish()?;
                return Ok(Outcome::Triples(count));
            }
            // For people (the table format): Turtle declaring only the
            // prefixes it uses, and the trailer of a table as comments.
            let mut shown = Vec::new();
            stream(triples, opts, &mut count, |t| {
                shown.push(t);
                Ok(())
            })?;
            let mut ser = RdfSerializer::from_format(RdfFormat::Turtle);
            for (p, ns) in PREFIXES.iter().filter(|(p, _)| !p.is_empty()) {
                if shown.iter().any(|t| uses_namespace(t, ns)) {
                    ser = ser.with_prefix(*p, *ns).expect("static prefix");
                }
            }
            let mut w = ser.for_writer(&mut *out);
            for t in &shown {
                w.serialize_triple(t)?;
            }
            w.finish()?;
            if let Some(note) = count.note("triple") {
                writeln!(out, "# {note}")?;
            }
            writeln!(out, "# {}{}", count.summary("triple"), elapsed(started))?;
            Ok(Outcome::Triples(count))
        }
    }
}

/// Whether a triple names an IRI (or a datatype) in namespace `ns`.
fn uses_namespace(t: &Triple, ns: &str) -> bool {
    let term = |term: &Term| match term {
        Term::NamedNode(n) => n.as_str().starts_with(ns),
        Term::Literal(l) => l.datatype().as_str().starts_with(ns),
        _ => false,
    };
    t.predicate.as_str().starts_with(ns) || term(&t.subject.clone().into()) || term(&t.object)
}

/// A term as people read it: prefixed names, plain literal values (control
/// characters other than line breaks and tabs shown as U+FFFD).
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => vocab::compact(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => {
            let v = l.value();
            if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                v.chars()
                    .map(|c| if c == '\n' { c } else { printable(c) })
                    .collect()
            } else {
                v.to_string()
            }
        }
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completeness_tells_complete_incomplete_and_wrong_apart() {
        let none: &[(String, String)] = &[];
        for complete in [
            "SELECT ?c WHERE { ?c a :Country }",
            "ASK { id:belarus ?p ?o }",
            "PREFIX ex: <http://example.org/>\nSELECT * { ?s ex:p ?o }",
            "INSERT DATA { id:x :partnersWith id:y }",
            "DESCRIBE id:belarus",
        ] {
            assert_eq!(completeness(complete, none), Parsed::Complete, "{complete}");
        }
        for incomplete in [
            "SELECT ?c",
            "SELECT ?c WHERE { ?c a :Country",
            "SELECT ?c WHERE { ?c a :Country .\n  ?c rdfs:label ?l",
            "PREFIX ex: <http://example.org/>",
            "INSERT DATA { id:x :partnersWith ",
            "# only a comment",
            "",
        ] {
            assert_eq!(
                completeness(incomplete, none),
                Parsed::Incomplete,
                "{incomplete}"
            );
        }
        // (The parser reports the furthest position it tried, which may be
        // past the mistake, but before the end.)
        for wrong in [
            "SELEC ?c WHERE { ?c a :Country }",
            "SELECT ?c WHERE { ?c a nope:Country }",
            "\u{1}\u{2}garbage\u{ff} ?x",
        ] {
            assert!(
                matches!(completeness(wrong, none), Parsed::Wrong { line: 1, .. }),
                "{wrong:?}: {:?}",
                completeness(wrong, none)
            );
        }
        // An aggregate without its GROUP BY may still get one.
        assert_eq!(
            completeness("SELECT ?y (MAX(?a) AS ?m) WHERE { ?y ?p ?a }", none),
            Parsed::Incomplete
        );
        // A session's prefix makes its names known.
        let ex = vec![("ex".to_string(), "http://example.org/".to_string())];
        assert_eq!(completeness("ASK { ?s ex:p ?o }", &ex), Parsed::Complete);
        assert!(matches!(
            completeness("ASK { ?s ex:p ?o }", none),
            Parsed::Wrong { .. }
        ));
    }

    #[test]
    fn parse_statement_reports_the_error_that_got_further() {
        let opts = Options::default();
        let e = parse_statement("INSERT DATA { id:x :p }", "input", &opts)
            .err()
            .unwrap();
        // The update got to the closing brace; the query failed at column 1.
        match e {
            QueryError::Syntax { line, column, .. } => assert_eq!((line, column), (1, 23)),
            e => panic!("{e}"),
        }
        assert!(matches!(
            parse_statement("ASK {}", "input", &opts),
            Ok(Statement::Query(_))
        ));
        assert!(matches!(
            parse_statement("CLEAR DEFAULT", "input", &opts),
            Ok(Statement::Update(_))
        ));
    }

    #[test]
    fn parser_messages_are_made_readable() {
        let detail = "expected one of \",\", \".\", \"}\", ['%'], ['-' | '0' ..= '9' | '\\u{00B7}'], ['\\\\'], [_]";
        assert_eq!(
            readable(detail, true),
            "stopped at the end of the statement; expected one of ',', '.', '}'"
        );
        assert_eq!(
            readable("expected VERSION", false),
            "stopped here; expected VERSION"
        );
        assert_eq!(
            readable(
                "expected one of The SELECT contains a variable that is unbound, [_]",
                true
            ),
            "The SELECT contains a variable that is unbound"
        );
        assert_eq!(readable("expected one of [_]", false), "stopped here");
        let e = parse_statement(
            "ASK { id:belarus :tradesWith id:azerbaijan",
            "input",
            &Options::default(),
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            e.starts_with(
                "input:1:43: SPARQL syntax error: stopped at the end of the statement; expected one of "
            ),
            "{e}"
        );
        assert!(!e.contains("u{"), "{e}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        assert_eq!(nesting("ASK { FILTER((1)) }"), 3);
        assert_eq!(nesting("ASK { ?s ?p \"{{{\" . ?s ?p '(' } # [[[["), 1);
        assert_eq!(nesting("ASK { ?s <http://e.org/(x)> ?o }"), 1);
        assert_eq!(nesting("ASK { FILTER(?a < 3 && (?b > 2)) }"), 3);
        let deep = format!("ASK {}{}", "{".repeat(200_000), "}".repeat(200_000));
        let e = parse_statement(&deep, "input", &Options::default())
            .err()
            .unwrap();
        assert!(e.to_string().contains("brackets nest 200000 deep"), "{e}");
        assert!(matches!(completeness(&deep, &[]), Parsed::Wrong { .. }));
        let fine = format!("ASK {}{}", "{".repeat(50), "}".repeat(50));
        assert!(parse_statement(&fine, "input", &Options::default()).is_ok());
    }

    #[test]
    fn caret_points_into_long_lines_and_hides_control_characters() {
        let line = format!("{}\u{1b}[2J{}", "x".repeat(500), "y".repeat(500));
        let c = caret(&line, 1, 502);
        let (shown, mark) = c.split_once('\n').unwrap();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("...") && shown.chars().count() < 220);
        // The caret is under the character at column 502 ('[').
        let col = mark.chars().count() - 1;
        assert_eq!(shown.chars().nth(col), Some('['), "{c}");
        assert_eq!(caret("ab\ncd", 2, 2), "  cd\n   ^");
    }

    #[test]
    fn counts_say_how_many_rows_were_left_out() {
        let c = Count {
            total: 1500,
            shown: 1000,
            exact: true,
        };
        assert_eq!(c.note("row").unwrap(), "... 500 more rows not shown");
        assert_eq!(c.summary("row"), "1500 rows");
        let c = Count {
            total: 1002,
            shown: 1000,
            exact: false,
        };
        assert_eq!(
            c.note("triple").unwrap(),
            "... at least 2 more triples not shown"
        );
        assert_eq!(c.summary("row"), "at least 1002 rows");
        let c = Count {
            total: 1,
            shown: 1,
            exact: true,
        };
        assert_eq!(c.note("row"), None);
        assert_eq!(c.summary("row"), "1 row");
    }

    #[test]
    fn a_cut_result_streams_and_stops_counting() {
        let opts = Options {
            max_rows: Some(2),
            ..Options::default()
        };
        let mut taken = Vec::new();
        let mut count = Count::new();
        let items = (0..10).map(Ok::<_, String>);
        stream(items, &opts, &mut count, |i| {
            taken.push(i);
            Ok(())
        })
        .unwrap();
        assert_eq!(taken, vec![0, 1]);
        assert_eq!((count.total, count.shown, count.exact), (10, 2, true));
        // Far more than COUNT_BEYOND: counting stops, and the count says so.
        let mut count = Count::new();
        let mut seen = 0;
        let items = (0..usize::MAX).map(|i| {
            seen = i;
            Ok::<_, String>(i)
        });
        stream(items, &opts, &mut count, |_| Ok(())).unwrap();
        assert!(!count.exact);
        assert_eq!(count.left_out(), COUNT_BEYOND + 1);
        assert_eq!(seen, COUNT_BEYOND + 2);
        // A cancellation while only counting ends the count.
        let token = CancellationToken::new();
        let opts = Options {
            max_rows: Some(1),
            cancel: Some(token.clone()),
            ..Options::default()
        };
        let mut count = Count::new();
        let items = (0..10).map(|i| {
            if i == 5 {
                token.cancel();
                Err("cancelled".to_string())
            } else {
                Ok(i)
            }
        });
        stream(items, &opts, &mut count, |_| Ok(())).unwrap();
        assert_eq!((count.total, count.shown, count.exact), (5, 1, false));
        // An error among the rows shown is an error.
        let mut count = Count::new();
        let items = (0..3).map(|i| if i == 1 { Err("boom") } else { Ok(i) });
        let e = stream(items, &Options::default(), &mut count, |_| Ok(())).unwrap_err();
        assert!(e.to_string().contains("boom"));
    }

    fn five_countries() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("kg"), crate::store::Access::Write).unwrap();
        run_update(
            &store,
            "INSERT DATA { id:a a :Country . id:b a :Country . id:c a :Country . id:d a :Country . id:e a :Country }",
            "test",
        )
        .unwrap();
        (dir, store)
    }

    fn run(store: &Store, text: &str, opts: &Options) -> (Result<Outcome, QueryError>, String) {
        let mut out = Vec::new();
        let r = run_query_with(store, text, "test", opts, &mut out);
        (r, String::from_utf8(out).unwrap())
    }

    #[test]
    fn results_are_cut_counted_and_formatted() {
        let (_dir, store) = five_countries();
        let select = "SELECT ?c WHERE { ?c a :Country } ORDER BY ?c";
        let opts = Options {
            max_rows: Some(2),
            timer: false,
            ..Options::default()
        };
        let (r, text) = run(&store, select, &opts);
        let cut = Count {
            total: 5,
            shown: 2,
            exact: true,
        };
        assert_eq!(r.unwrap(), Outcome::Rows(cut));
        assert!(text.contains("│ id:a") && text.contains("│ id:b"), "{text}");
        assert!(!text.contains("id:c"), "{text}");
        assert!(
            text.ends_with("┘\n... 3 more rows not shown\n5 rows\n"),
            "{text}"
        );
        // Machine formats stay clean; the count is in the outcome.
        let csv = Options {
            format: OutputFormat::Csv,
            ..opts.clone()
        };
        let (r, text) = run(&store, select, &csv);
        assert_eq!(r.unwrap(), Outcome::Rows(cut));
        assert_eq!(text.lines().count(), 3, "{text}");
        // CONSTRUCT for people: Turtle with the prefixes it uses, a trailer.
        let (r, text) = run(
            &store,
            "CONSTRUCT { ?c a :Country } WHERE { ?c a :Country } ",
            &opts,
        );
        assert_eq!(r.unwrap(), Outcome::Triples(cut));
        assert!(
            text.contains("@prefix id: <http://newskg.org/id/>"),
            "{text}"
        );
        assert!(!text.contains("@prefix schema:"), "{text}");
        assert!(
            text.ends_with("# ... 3 more triples not shown\n# 5 triples\n"),
            "{text}"
        );
        // The timer.
        let timed = Options {
            max_rows: None,
            ..Options::default()
        };
        let (_, text) = run(&store, select, &timed);
        assert!(
            text.contains("5 rows (") && text.ends_with(" ms)\n"),
            "{text}"
        );
        // A format that does not fit.
        let ttl = Options::with_format(OutputFormat::Ttl);
        let (r, _) = run(&store, select, &ttl);
        assert!(matches!(r, Err(QueryError::WrongFormat { .. })));
    }

    #[test]
    fn a_cancelled_statement_stops() {
        let (_dir, store) = five_countries();
        let token = CancellationToken::new();
        token.cancel();
        let opts = Options {
            cancel: Some(token),
            ..Options::default()
        };
        let (r, text) = run(&store, "SELECT * WHERE { ?a ?p ?o . ?b ?q ?r }", &opts);
        assert!(matches!(r, Err(QueryError::Cancelled)), "{text}");
        assert!(text.is_empty(), "{text}");
    }

    #[test]
    fn display_term_hides_control_characters() {
        let t: Term = oxigraph::model::Literal::new_simple_literal("a\u{1b}[31mb\nc").into();
        assert_eq!(display_term(&t), "a\u{fffd}[31mb\nc");
    }
}
