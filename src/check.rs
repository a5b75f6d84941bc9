//! Saved query scripts as checks: what `newskg check PATH...` does.
//!
//! A script is one SPARQL query in a `.rq` file whose leading `#` comment
//! lines may carry headers: `# title:`, `# expect:`, `# severity:` and
//! `# description:` (a value continues on following `#` lines indented by two
//! or more spaces). This module finds scripts (folders recursively, in sorted
//! order, only `.rq` files), reads their headers, judges each answer against
//! its expectation and reports as text, JSON or JUnit XML.
//!
//! It must not parse or evaluate SPARQL itself, nor touch `oxigraph::store`:
//! every query goes through [`query::evaluate`], the same path as
//! `newskg query`, against a [`Store`] opened read-only by the caller. A check
//! never writes to the store.

use crate::cli::{EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK};
use crate::query::{self, Answer};
use crate::store::Store;
use oxigraph::model::Term;
use serde::Serialize;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Rows of a failing script that are printed, written to JSON and JUnit.
pub const MAX_ROWS_SHOWN: usize = 100;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

/// Errors that stop a check run as a whole.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    #[error("{0}: no .rq scripts found in this folder (nothing to check)")]
    NoScripts(PathBuf),
    #[error("{path}: cannot read the folder: {message}")]
    Walk { path: PathBuf, message: String },
    #[error("{path}: cannot write the JUnit report: {message}")]
    Junit { path: PathBuf, message: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Whether an unmet expectation fails the run or is only reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// A comparison of `rows OP N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Ge,
    Le,
    Gt,
    Lt,
}

impl Cmp {
    const ALL: [(&'static str, Cmp); 6] = [
        ("==", Cmp::Eq),
        ("!=", Cmp::Ne),
        (">=", Cmp::Ge),
        ("<=", Cmp::Le),
        (">", Cmp::Gt),
        ("<", Cmp::Lt),
    ];

    fn holds(self, rows: usize, n: usize) -> bool {
        match self {
            Cmp::Eq => rows == n,
            Cmp::Ne => rows != n,
            Cmp::Ge => rows >= n,
            Cmp::Le => rows <= n,
            Cmp::Gt => rows > n,
            Cmp::Lt => rows < n,
        }
    }

    fn symbol(self) -> &'static str {
        Cmp::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map(|(s, _)| *s)
            .unwrap_or("==")
    }
}

/// What a script's answer must be (`# expect:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    Empty,
    NonEmpty,
    True,
    False,
    Rows(Cmp, usize),
}

impl Expectation {
    /// Parses `empty`, `nonempty`, `true`, `false` or `rows OP N`
    /// (case and spacing do not matter: `rows>=3` is `rows >= 3`).
    pub fn parse(text: &str) -> Option<Expectation> {
        let t = text.trim().to_ascii_lowercase();
        match t.as_str() {
            "empty" => return Some(Expectation::Empty),
            "nonempty" => return Some(Expectation::NonEmpty),
            "true" => return Some(Expectation::True),
            "false" => return Some(Expectation::False),
            _ => {}
        }
        let rest = t.strip_prefix("rows")?.trim_start();
        let (op, number) = Cmp::ALL
            .iter()
            .find_map(|(sym, op)| rest.strip_prefix(sym).map(|n| (*op, n.trim())))?;
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Expectation::Rows(op, number.parse().ok()?))
    }

    /// Whether this expectation is about an ASK query's boolean.
    fn is_boolean(self) -> bool {
        matches!(self, Expectation::True | Expectation::False)
    }
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expectation::Empty => f.write_str("empty"),
            Expectation::NonEmpty => f.write_str("nonempty"),
            Expectation::True => f.write_str("true"),
            Expectation::False => f.write_str("false"),
            Expectation::Rows(op, n) => write!(f, "rows {} {n}", op.symbol()),
        }
    }
}

/// The headers of a script.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub expect: Option<Expectation>,
    /// The line of `# expect:` (1-based), for messages.
    pub expect_line: usize,
    pub severity: Severity,
    pub description: Option<String>,
}

/// A header that cannot be used, with its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("unknown expectation {value:?} (expected empty, nonempty, true, false, or rows ==, !=, >=, <=, >, < N)")]
    UnknownExpectation { line: usize, value: String },
    #[error("unknown severity {value:?} (expected error or warning)")]
    UnknownSeverity { line: usize, value: String },
    #[error("`# {key}:` is given twice (first on line {first})")]
    Duplicate {
        line: usize,
        key: &'static str,
        first: usize,
    },
    #[error("`# {key}:` has no value")]
    Empty { line: usize, key: &'static str },
}

impl HeaderError {
    pub fn line(&self) -> usize {
        match self {
            HeaderError::UnknownExpectation { line, .. }
            | HeaderError::UnknownSeverity { line, .. }
            | HeaderError::Duplicate { line, .. }
            | HeaderError::Empty { line, .. } => *line,
        }
    }
}

const KEYS: [&str; 4] = ["title", "expect", "severity", "description"];

/// Reads the headers from the leading block of `#` comment and blank lines;
/// the first other line ends it (later comments are plain comments). A
/// comment `# word: value` whose word is not a header key is a plain comment.
pub fn parse_header(text: &str) -> Result<Header, HeaderError> {
    // (key, first line, value) in order of appearance.
    let mut found: Vec<(&'static str, usize, String)> = Vec::new();
    let mut continuing = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let t = raw.trim_start_matches('\u{feff}').trim_start();
        if t.is_empty() {
            continuing = false;
            continue;
        }
        let Some(comment) = t.strip_prefix('#') else {
            break;
        };
        let indented = comment.starts_with("  ") || comment.starts_with('\t');
        if continuing && indented {
            if let Some((_, _, value)) = found.last_mut() {
                let more = comment.trim();
                if !more.is_empty() {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(more);
                }
            }
            continue;
        }
        continuing = false;
        let Some((word, value)) = comment.split_once(':') else {
            continue;
        };
        let word = word.trim().to_ascii_lowercase();
        let Some(key) = KEYS.iter().find(|k| **k == word) else {
            continue;
        };
        if let Some((_, first, _)) = found.iter().find(|(k, _, _)| k == key) {
            return Err(HeaderError::Duplicate {
                line,
                key,
                first: *first,
            });
        }
        found.push((key, line, value.trim().to_string()));
        continuing = true;
    }
    let mut header = Header::default();
    for (key, line, value) in found {
        if value.is_empty() {
            return Err(HeaderError::Empty { line, key });
        }
        match key {
            "title" => header.title = Some(value),
            "description" => header.description = Some(value),
            "expect" => {
                header.expect = Some(Expectation::parse(&value).ok_or(
                    HeaderError::UnknownExpectation {
                        line,
                        value: value.clone(),
                    },
                )?);
                header.expect_line = line;
            }
            _ => {
                header.severity = match value.to_ascii_lowercase().as_str() {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    _ => return Err(HeaderError::UnknownSeverity { line, value }),
                }
            }
        }
    }
    Ok(header)
}

/// One script found on the command line: its text and headers, or why it
/// cannot be used (a message naming the file and line).
#[derive(Debug, Clone)]
pub struct Script {
    pub path: PathBuf,
    pub content: Result<(String, Header), String>,
}

impl Script {
    /// Reads a script; problems are kept, not returned, so that the run can
    /// report them in order with the other scripts.
    pub fn read(path: &Path) -> Script {
        let name = path.display();
        let content = match std::fs::read(path) {
            Err(e) => Err(format!("{name}: cannot read: {e}")),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(e) => Err(format!(
                    "{name}: not UTF-8 text (byte {})",
                    e.utf8_error().valid_up_to()
                )),
                Ok(text) => {
                    let text = match text.strip_prefix('\u{feff}') {
                        Some(t) => t.to_string(),
                        None => text,
                    };
                    parse_header(&text)
                        .map(|h| (text, h))
                        .map_err(|e| format!("{name}:{}: {e}", e.line()))
                }
            },
        };
        Script {
            path: path.to_path_buf(),
            content,
        }
    }
}

/// The scripts named by `paths`: files as given (any extension), folders
/// recursively (only `.rq` files, hidden ones skipped; in each folder its
/// files, then its subfolders, each sorted by name); a file named twice is
/// run once. A missing path, or a folder
/// without scripts, is an error.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CheckError> {
    let mut out: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_file() {
            if !out.contains(p) {
                out.push(p.clone());
            }
            continue;
        }
        if !p.is_dir() {
            return Err(CheckError::NotFound(p.clone()));
        }
        let mut found = Vec::new();
        let walk = walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by(|a, b| {
                let key =
                    |e: &walkdir::DirEntry| (e.file_type().is_dir(), e.file_name().to_owned());
                key(a).cmp(&key(b))
            })
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            let entry = entry.map_err(|e| CheckError::Walk {
                path: e.path().unwrap_or(p).to_path_buf(),
                message: e
                    .io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| e.to_string()),
            })?;
            let is_rq = entry
                .path()
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("rq"));
            if entry.file_type().is_file() && is_rq {
                found.push(entry.into_path());
            }
        }
        if found.is_empty() {
            return Err(CheckError::NoScripts(p.clone()));
        }
        for f in found {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    Ok(out)
}

/// Finds and reads the scripts named by `paths`.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Script>, CheckError> {
    Ok(find(paths)?.iter().map(|p| Script::read(p)).collect())
}

/// How `run` reports and judges.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: CheckFormat,
    /// Unmet warnings fail too.
    pub strict: bool,
    /// Stop after the first script that fails or cannot be used.
    pub fail_fast: bool,
    /// Write JUnit XML here (whole, then moved into place).
    pub junit: Option<PathBuf>,
}

/// How one script came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The expectation holds.
    Pass,
    /// The expectation does not hold (severity error, or `--strict`).
    Fail,
    /// The expectation does not hold, severity warning: reported, not failing.
    Warn,
    /// The script could not be read, parsed or run.
    Error,
    /// Not run: `--fail-fast` stopped the run before it.
    Skipped,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Warn => "WARN",
            Status::Error => "ERROR",
            Status::Skipped => "SKIP",
        }
    }
}

/// The result of one script.
#[derive(Debug, Clone, Serialize)]
pub struct ScriptResult {
    pub file: String,
    /// The `# title:`, else the file name.
    pub title: String,
    pub status: Status,
    pub severity: Severity,
    pub expect: Option<String>,
    /// Rows of a SELECT (triples of a CONSTRUCT/DESCRIBE).
    pub rows: Option<usize>,
    /// The answer of an ASK.
    pub boolean: Option<bool>,
    pub time_ms: f64,
    /// Why it failed or could not be run.
    pub message: Option<String>,
    pub description: Option<String>,
    /// The columns of `violations`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<String>,
    /// For a failure or warning: the rows found (the first
    /// [`MAX_ROWS_SHOWN`]), each variable to its term in N-Triples syntax.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<serde_json::Map<String, serde_json::Value>>,
    #[serde(skip)]
    shown: Vec<Vec<Option<Term>>>,
}

impl ScriptResult {
    fn new(script: &Script) -> ScriptResult {
        let file = script.path.display().to_string();
        let header = script.content.as_ref().ok().map(|(_, h)| h);
        ScriptResult {
            title: header
                .and_then(|h| h.title.clone())
                .unwrap_or_else(|| file.clone()),
            file,
            status: Status::Skipped,
            severity: header.map(|h| h.severity).unwrap_or_default(),
            expect: header.and_then(|h| h.expect).map(|e| e.to_string()),
            rows: None,
            boolean: None,
            time_ms: 0.0,
            message: None,
            description: header.and_then(|h| h.description.clone()),
            variables: Vec::new(),
            violations: Vec::new(),
            shown: Vec::new(),
        }
    }

    fn time(&self) -> Duration {
        Duration::from_secs_f64(self.time_ms / 1000.0)
    }

    /// "3 rows", "1 row", "true".
    fn answer_summary(&self) -> String {
        match (self.rows, self.boolean) {
            (Some(n), _) => plural(n, "row"),
            (None, Some(b)) => b.to_string(),
            _ => String::new(),
        }
    }

    /// The rows found, as a table with prefixed names.
    fn table(&self) -> Option<String> {
        if self.shown.is_empty() {
            return None;
        }
        let mut t = query::table(self.variables.iter().cloned());
        for row in &self.shown {
            t.add_row(
                row.iter()
                    .map(|c| c.as_ref().map(query::display_term).unwrap_or_default()),
            );
        }
        let mut s = t.to_string();
        if let Some(total) = self.rows.filter(|n| *n > self.shown.len()) {
            s.push_str(&format!(
                "\n(the first {} of {total} rows)",
                self.shown.len()
            ));
        }
        Some(s)
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What a whole run came to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub scripts: usize,
    pub passed: usize,
    pub failed: usize,
    pub warnings: usize,
    pub errors: usize,
    pub not_run: usize,
    pub time_ms: f64,
    pub exit_code: i32,
}

impl Summary {
    fn of(results: &[ScriptResult], elapsed: Duration) -> Summary {
        let count = |s: Status| results.iter().filter(|r| r.status == s).count();
        let mut sum = Summary {
            scripts: results.len(),
            passed: count(Status::Pass),
            failed: count(Status::Fail),
            warnings: count(Status::Warn),
            errors: count(Status::Error),
            not_run: count(Status::Skipped),
            time_ms: elapsed.as_secs_f64() * 1000.0,
            exit_code: EXIT_OK,
        };
        sum.exit_code = if sum.errors > 0 {
            EXIT_BAD_INPUT
        } else if sum.failed > 0 {
            EXIT_FAILED
        } else {
            EXIT_OK
        };
        sum
    }
}

/// Runs one script and judges its answer.
pub fn run_script(store: &Store, script: &Script, strict: bool) -> ScriptResult {
    let mut r = ScriptResult::new(script);
    let (text, header) = match &script.content {
        Ok(c) => c,
        Err(message) => {
            r.status = Status::Error;
            r.message = Some(message.clone());
            return r;
        }
    };
    let started = Instant::now();
    let answer = query::evaluate(store, text, &r.file, MAX_ROWS_SHOWN);
    r.time_ms = started.elapsed().as_secs_f64() * 1000.0;
    let answer = match answer {
        Ok(a) => a,
        Err(e) => {
            r.status = Status::Error;
            r.message = Some(match e {
                query::QueryError::Evaluation(m) => format!("{}: query failed: {m}", r.file),
                e => e.to_string(),
            });
            return r;
        }
    };
    let (total, kind) = match &answer {
        Answer::Boolean(b) => {
            r.boolean = Some(*b);
            (None, "an ASK")
        }
        Answer::Solutions {
            variables,
            rows,
            total,
        } => {
            r.variables = variables.clone();
            r.shown = rows.clone();
            (Some(*total), "a SELECT")
        }
        Answer::Triples { triples, total } => {
            r.variables = ["subject", "predicate", "object"]
                .map(String::from)
                .to_vec();
            r.shown = triples
                .iter()
                .map(|t| {
                    vec![
                        Some(t.subject.clone().into()),
                        Some(t.predicate.clone().into()),
                        Some(t.object.clone()),
                    ]
                })
                .collect();
            (Some(*total), "a CONSTRUCT/DESCRIBE")
        }
    };
    r.rows = total;
    let met = match (header.expect, total, r.boolean) {
        (None, None, Some(b)) => b,
        (None, Some(_), _) => true,
        (Some(e), None, Some(b)) if e.is_boolean() => b == (e == Expectation::True),
        (Some(Expectation::Empty), Some(n), _) => n == 0,
        (Some(Expectation::NonEmpty), Some(n), _) => n > 0,
        (Some(Expectation::Rows(op, k)), Some(n), _) => op.holds(n, k),
        (Some(e), _, _) => {
            r.status = Status::Error;
            r.message = Some(format!(
                "{}:{}: `# expect: {e}` is for {}, but this query is {kind}",
                r.file,
                header.expect_line,
                if e.is_boolean() {
                    "ASK queries"
                } else {
                    "SELECT, CONSTRUCT or DESCRIBE queries"
                }
            ));
            r.shown.clear();
            return r;
        }
        (None, None, None) => true,
    };
    if met {
        r.status = Status::Pass;
        r.shown.clear();
        r.variables.clear();
        return r;
    }
    r.status = if header.severity == Severity::Warning && !strict {
        Status::Warn
    } else {
        Status::Fail
    };
    r.message = Some(format!(
        "{}: expected {}, got {}",
        r.file,
        header
            .expect
            .map(|e| e.to_string())
            .unwrap_or_else(|| "true".into()),
        r.answer_summary()
    ));
    r.violations = r
        .shown
        .iter()
        .map(|row| {
            r.variables
                .iter()
                .zip(row)
                .filter_map(|(v, t)| Some((v.clone(), t.as_ref()?.to_string().into())))
                .collect()
        })
        .collect();
    r
}

/// Runs the scripts in order, reporting each as it finishes (text) or all
/// at the end (JSON), writes the JUnit report if asked, and returns the exit
/// status: 0 all passed, 1 any failed, 2 any could not be used.
pub fn run(
    store: &Store,
    scripts: &[Script],
    opts: &Options,
    out: &mut dyn Write,
) -> Result<i32, CheckError> {
    let started = Instant::now();
    let mut results = Vec::with_capacity(scripts.len());
    let mut stopped = false;
    for script in scripts {
        if stopped {
            let mut r = ScriptResult::new(script);
            r.message = Some("not run: --fail-fast stopped at an earlier failure".into());
            results.push(r);
            continue;
        }
        let r = run_script(store, script, opts.strict);
        if opts.format == CheckFormat::Text {
            write_text(&r, out)?;
            out.flush()?;
        }
        stopped = opts.fail_fast && matches!(r.status, Status::Fail | Status::Error);
        results.push(r);
    }
    let summary = Summary::of(&results, started.elapsed());
    match opts.format {
        CheckFormat::Text => {
            writeln!(out)?;
            writeln!(
                out,
                "{}: {} passed, {} failed, {}, {} ({} ms)",
                plural(summary.scripts, "script"),
                summary.passed,
                summary.failed,
                plural(summary.warnings, "warning"),
                plural(summary.errors, "error"),
                summary.time_ms.round()
            )?;
            if summary.not_run > 0 {
                writeln!(
                    out,
                    "Stopped at the first failure (--fail-fast): {} not run.",
                    plural(summary.not_run, "script")
                )?;
            }
        }
        CheckFormat::Json => {
            #[derive(Serialize)]
            struct Report<'a> {
                scripts: &'a [ScriptResult],
                summary: &'a Summary,
            }
            serde_json::to_writer_pretty(
                &mut *out,
                &Report {
                    scripts: &results,
                    summary: &summary,
                },
            )
            .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
    }
    if let Some(path) = &opts.junit {
        write_junit_file(path, &results, &summary)?;
    }
    Ok(summary.exit_code)
}

const INDENT: &str = "      ";

fn write_text(r: &ScriptResult, out: &mut dyn Write) -> std::io::Result<()> {
    if r.status == Status::Error {
        let msg = r.message.as_deref().unwrap_or("");
        let mut lines = msg.lines();
        writeln!(out, "{:<6}{}", r.status.label(), lines.next().unwrap_or(""))?;
        for l in lines {
            writeln!(out, "{INDENT}{l}")?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "{:<6}{} ({}, {} ms)",
        r.status.label(),
        r.title,
        r.answer_summary(),
        r.time_ms.round()
    )?;
    if matches!(r.status, Status::Fail | Status::Warn) {
        if let Some(m) = &r.message {
            writeln!(out, "{INDENT}{m}")?;
        }
        if let Some(d) = &r.description {
            for l in wrap(d, 88) {
                writeln!(out, "{INDENT}{l}")?;
            }
        }
        if let Some(t) = r.table() {
            for l in t.lines() {
                writeln!(out, "{INDENT}{l}")?;
            }
        }
    }
    Ok(())
}

/// Greedy word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn write_junit_file(
    path: &Path,
    results: &[ScriptResult],
    summary: &Summary,
) -> Result<(), CheckError> {
    let failed = |e: &dyn fmt::Display| CheckError::Junit {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| failed(&e))?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write_junit(results, summary, &mut w).map_err(|e| failed(&e))?;
        w.flush().map_err(|e| failed(&e))?;
    }
    tmp.persist(path).map_err(|e| failed(&e.error))?;
    Ok(())
}

/// JUnit XML: one `<testcase>` per script; a failure carries its message,
/// description and rows; a warning passes and carries them in `<system-out>`;
/// a script that could not be used is an `<error>`; one not run is `<skipped>`.
pub fn write_junit(
    results: &[ScriptResult],
    summary: &Summary,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let secs = |d: Duration| format!("{:.3}", d.as_secs_f64());
    let total = Duration::from_secs_f64(summary.time_ms / 1000.0);
    let counts = format!(
        "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\"",
        summary.scripts,
        summary.failed,
        summary.errors,
        summary.not_run,
        secs(total)
    );
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<testsuites name="newskg check" {counts}>"#)?;
    writeln!(w, r#"  <testsuite name="newskg check" {counts}>"#)?;
    for r in results {
        let classname = r
            .file
            .strip_suffix(".rq")
            .unwrap_or(&r.file)
            .replace(['/', '\\'], ".");
        write!(
            w,
            r#"    <testcase name="{}" classname="{}" file="{}" time="{}""#,
            escape(&r.title, true),
            escape(&classname, true),
            escape(&r.file, true),
            secs(r.time())
        )?;
        let message = r.message.as_deref().unwrap_or("");
        let details = || {
            let mut body = message.to_string();
            if let Some(d) = &r.description {
                body.push_str("\n\n");
                body.push_str(d);
            }
            if let Some(t) = r.table() {
                body.push_str("\n\n");
                body.push_str(&t);
            }
            body
        };
        match r.status {
            Status::Pass => {
                writeln!(w, "/>")?;
                continue;
            }
            Status::Fail => writeln!(
                w,
                ">\n      <failure message=\"{}\" type=\"expectation\">{}</failure>",
                escape(message, true),
                escape(&details(), false)
            )?,
            Status::Warn => writeln!(
                w,
                ">\n      <system-out>warning: {}</system-out>",
                escape(&details(), false)
            )?,
            Status::Error => writeln!(
                w,
                ">\n      <error message=\"{}\" type=\"unusable script\">{}</error>",
                escape(message.lines().next().unwrap_or(""), true),
                escape(message, false)
            )?,
            Status::Skipped => writeln!(
                w,
                ">\n      <skipped message=\"{}\"/>",
                escape(message, true)
            )?,
        }
        writeln!(w, "    </testcase>")?;
    }
    writeln!(w, "  </testsuite>")?;
    writeln!(w, "</testsuites>")?;
    Ok(())
}

/// Escapes text for XML 1.0 content or (with `attribute`) a double- or
/// single-quoted attribute; characters XML cannot hold become U+FFFD.
pub fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c if c < ' ' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_parse_in_every_form() {
        use Expectation::*;
        assert_eq!(Expectation::parse("empty"), Some(Empty));
        assert_eq!(Expectation::parse(" NonEmpty "), Some(NonEmpty));
        assert_eq!(Expectation::parse("true"), Some(True));
        assert_eq!(Expectation::parse("FALSE"), Some(False));
        assert_eq!(Expectation::parse("rows == 3"), Some(Rows(Cmp::Eq, 3)));
        assert_eq!(Expectation::parse("rows != 0"), Some(Rows(Cmp::Ne, 0)));
        assert_eq!(Expectation::parse("rows>=10"), Some(Rows(Cmp::Ge, 10)));
        assert_eq!(Expectation::parse("rows <= 2"), Some(Rows(Cmp::Le, 2)));
        assert_eq!(Expectation::parse("rows > 1"), Some(Rows(Cmp::Gt, 1)));
        assert_eq!(Expectation::parse("rows < 5"), Some(Rows(Cmp::Lt, 5)));
        for bad in [
            "",
            "none",
            "rows",
            "rows = 3",
            "rows == ",
            "rows == -1",
            "rows == +1",
            "rows == 3x",
            "rows => 3",
            "count == 3",
            "non-empty",
            "rows == 99999999999999999999999",
        ] {
            assert_eq!(Expectation::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn expectations_display_in_their_canonical_form() {
        for (text, shown) in [
            ("rows>=10", "rows >= 10"),
            ("ROWS  <  2", "rows < 2"),
            ("nonempty", "nonempty"),
        ] {
            assert_eq!(Expectation::parse(text).unwrap().to_string(), shown);
        }
    }

    #[test]
    fn comparisons_hold_as_written() {
        assert!(Cmp::Eq.holds(3, 3) && !Cmp::Eq.holds(2, 3));
        assert!(Cmp::Ne.holds(2, 3) && !Cmp::Ne.holds(3, 3));
        assert!(Cmp::Ge.holds(3, 3) && !Cmp::Ge.holds(2, 3));
        assert!(Cmp::Le.holds(3, 3) && !Cmp::Le.holds(4, 3));
        assert!(Cmp::Gt.holds(4, 3) && !Cmp::Gt.holds(3, 3));
        assert!(Cmp::Lt.holds(2, 3) && !Cmp::Lt.holds(3, 3));
    }

    #[test]
    fn header_reads_every_key_and_continuation_lines() {
        let text = "# title: Trade figures name two parties\n\
                    # Expect: rows <= 2\n\
                    # severity: Warning\n\
                    # description: first line\n\
                    #   second line\n\
                    #\tthird line\n\
                    # note: a plain comment\n\
                    \n\
                    PREFIX ex: <http://example.org/>\n\
                    # expect: this is only a comment now\n\
                    SELECT * WHERE { ?s ?p ?o }\n";
        let h = parse_header(text).unwrap();
        assert_eq!(h.title.as_deref(), Some("Trade figures name two parties"));
        assert_eq!(h.expect, Some(Expectation::Rows(Cmp::Le, 2)));
        assert_eq!(h.expect_line, 2);
        assert_eq!(h.severity, Severity::Warning);
        assert_eq!(
            h.description.as_deref(),
            Some("first line second line third line")
        );
    }

    #[test]
    fn header_defaults_without_headers() {
        let h = parse_header("SELECT * WHERE { ?s ?p ?o }").unwrap();
        assert_eq!(h, Header::default());
        assert_eq!(h.severity, Severity::Error);
        // A plain comment is not continued by an indented line.
        let h = parse_header("# just a comment\n#   indented\nASK {}").unwrap();
        assert_eq!(h, Header::default());
    }

    #[test]
    fn header_errors_name_their_line() {
        let e = parse_header("# title: x\n\n# expect: rows = 3\nASK {}").unwrap_err();
        assert_eq!(
            e,
            HeaderError::UnknownExpectation {
                line: 3,
                value: "rows = 3".into()
            }
        );
        assert!(e.to_string().contains("unknown expectation \"rows = 3\""));
        let e = parse_header("# severity: fatal\nASK {}").unwrap_err();
        assert_eq!(e.line(), 1);
        assert!(e.to_string().contains("error or warning"));
        let e = parse_header("# expect: true\n# expect: false\nASK {}").unwrap_err();
        assert_eq!(
            e,
            HeaderError::Duplicate {
                line: 2,
                key: "expect",
                first: 1
            }
        );
        let e = parse_header("# title:\nASK {}").unwrap_err();
        assert_eq!(
            e,
            HeaderError::Empty {
                line: 1,
                key: "title"
            }
        );
    }

    #[test]
    fn xml_escaping_keeps_documents_well_formed() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>", true),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("x\ny\r\u{1}", true), "x&#10;y&#13;\u{FFFD}");
        assert_eq!(escape("x\ny\t]]>", false), "x\ny\t]]&gt;");
        assert_eq!(escape("Азербайджан\u{FFFF}", false), "Азербайджан\u{FFFD}");
    }

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("  ", 5), Vec::<String>::new());
        assert_eq!(wrap("longword x", 3), vec!["longword", "x"]);
    }
}
