//! Run SPARQL and format the results: the one path used by `query`,
//! `update`, `run`, `check` and (later) the REPL.
//!
//! Queries see the union of all graphs as their default graph and have the
//! project's prefixes predeclared (`:`/`nkg:`, `id:`, `rdfs:`, ...).
//! Formats: an aligned table for people; SPARQL 1.1 CSV, TSV, JSON and XML;
//! Turtle and N-Triples for CONSTRUCT and DESCRIBE.

use crate::store::Store;
use crate::vocab::{self, PREFIXES};
use comfy_table::{presets, ContentArrangement, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, PreparedSparqlUpdate, QueryResults, SparqlEvaluator};
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
    #[error("the {format:?} format is for {expected} results, but this query gives {actual}")]
    WrongFormat {
        format: OutputFormat,
        expected: &'static str,
        actual: &'static str,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// What a query produced, for summaries and checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Rows(usize),
    Boolean(bool),
    Triples(usize),
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

/// The evaluator with the project's prefixes declared. [`run_query`] adds
/// the path functions (`nkg:hopCount`, see [`crate::analyze::functions`]).
pub fn evaluator() -> SparqlEvaluator {
    let mut e = SparqlEvaluator::new();
    for (p, ns) in PREFIXES {
        e = e
            .with_prefix(*p, *ns)
            .expect("static prefix IRIs are valid");
    }
    e
}

fn syntax_error(source_name: &str, text: &str, e: &dyn std::fmt::Display) -> QueryError {
    let msg = e.to_string();
    // spargebra reports "error at LINE:COLUMN: expected ..."
    if let Some(rest) = msg.strip_prefix("error at ") {
        if let Some((pos, detail)) = rest.split_once(": ") {
            if let Some((l, c)) = pos.split_once(':') {
                if let (Ok(line), Ok(column)) = (l.parse::<usize>(), c.parse::<usize>()) {
                    return QueryError::Syntax {
                        source_name: source_name.to_string(),
                        line,
                        column,
                        message: detail.to_string(),
                        snippet: caret(text, line, column),
                    };
                }
            }
        }
    }
    QueryError::SyntaxNoPosition {
        source_name: source_name.to_string(),
        message: msg,
    }
}

/// The offending line with a caret under the column (both 1-based).
pub fn caret(text: &str, line: usize, column: usize) -> String {
    let l = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let shown: String = l.chars().take(200).collect();
    let pad = column.saturating_sub(1).min(shown.chars().count());
    format!("  {shown}\n  {}^", " ".repeat(pad))
}

// The parser reports the furthest position it reached, which for a query
// ending in blank lines is past the last line; trailing whitespace changes
// nothing else, so it is left out and the error lands on a line of the text.
pub fn parse_query(text: &str, source_name: &str) -> Result<PreparedSparqlQuery, QueryError> {
    evaluator()
        .parse_query(text.trim_end())
        .map_err(|e| syntax_error(source_name, text, &e))
}

pub fn parse_update(text: &str, source_name: &str) -> Result<PreparedSparqlUpdate, QueryError> {
    evaluator()
        .parse_update(text.trim_end())
        .map_err(|e| syntax_error(source_name, text, &e))
}

/// Runs a query and writes its results in `format`.
pub fn run_query(
    store: &Store,
    text: &str,
    source_name: &str,
    format: OutputFormat,
    out: &mut dyn Write,
) -> Result<Outcome, QueryError> {
    let (evaluator, paths) = crate::analyze::functions::register(evaluator(), store);
    let query = evaluator
        .parse_query(text)
        .map_err(|e| syntax_error(source_name, text, &e))?;
    let started = Instant::now();
    let results = store.query(query).map_err(QueryError::Evaluation)?;
    let outcome = write_results(results, format, out, started)?;
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
    let update = parse_update(text, source_name)?;
    store.update(update).map_err(QueryError::Evaluation)
}

fn write_results(
    results: QueryResults<'static>,
    format: OutputFormat,
    out: &mut dyn Write,
    started: Instant,
) -> Result<Outcome, QueryError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let rs_format = match format {
                OutputFormat::Table => {
                    let mut table = table(variables.iter().map(|v| v.as_str().to_string()));
                    let mut rows = 0;
                    for s in solutions {
                        let s = s.map_err(|e| QueryError::Evaluation(e.to_string()))?;
                        table.add_row(
                            variables
                                .iter()
                                .map(|v| s.get(v).map(display_term).unwrap_or_default()),
                        );
                        rows += 1;
                    }
                    writeln!(out, "{table}")?;
                    writeln!(
                        out,
                        "{rows} row{} ({} ms)",
                        if rows == 1 { "" } else { "s" },
                        started.elapsed().as_millis()
                    )?;
                    return Ok(Outcome::Rows(rows));
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
            let mut rows = 0;
            for s in solutions {
                let s = s.map_err(|e| QueryError::Evaluation(e.to_string()))?;
                ser.serialize(&s)?;
                rows += 1;
            }
            ser.finish()?;
            Ok(Outcome::Rows(rows))
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
            let mut ser = RdfSerializer::from_format(rdf);
            if rdf == RdfFormat::Turtle {
                for (p, ns) in PREFIXES.iter().filter(|(p, _)| !p.is_empty()) {
                    ser = ser.with_prefix(*p, *ns).expect("static prefix");
                }
            }
            let mut w = ser.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                let t = t.map_err(|e| QueryError::Evaluation(e.to_string()))?;
                w.serialize_triple(&t)?;
                n += 1;
            }
            w.finish()?;
            Ok(Outcome::Triples(n))
        }
    }
}

/// A term as people read it: prefixed names, plain literal values.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => vocab::compact(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}
