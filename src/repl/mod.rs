//! `newskg repl`: the interactive SPARQL shell, and the same statements
//! piped in.
//!
//! ```text
//! mod.rs        the session: settings, output, statements, meta-commands, the loops
//! statement.rs  where a statement ends (complete SPARQL, blank line); the lexer
//! command.rs    the meta-commands: one table, `.help` from it, parsing
//! helper.rs     rustyline helper: Enter (validation), Tab (completion), colours
//! ```
//!
//! On a terminal the loop reads one line at a time with rustyline (prompt
//! `newskg> `, `   ...> ` while a statement goes on), keeps history in
//! `$XDG_DATA_HOME/newskg/history` (else `~/.local/share/newskg/history`),
//! and runs each statement with a fresh cancellation token that a SIGINT
//! handler cancels: Ctrl-C stops a running query and the prompt comes back
//! (a second Ctrl-C while it winds down, or during a meta-command that
//! cannot stop midway, leaves newskg). Ctrl-C while typing abandons the input;
//! Ctrl-D or `.quit` leaves.
//!
//! With stdin not a terminal (`newskg repl < script.txt`) there are no
//! prompts, colours or history; statements are cut the same way (a
//! complete statement also takes the lines after it that continue it, such
//! as `ORDER BY`), errors name the input line, and the exit status is 0
//! when every statement and meta-command succeeded, 1 when any failed.
//!
//! Every statement goes through [`query::parse_statement`] and
//! [`query::execute`], the path of `newskg query`; `.check` is
//! [`check::run`], `.build` [`build::build`], `.export`
//! [`export::export_to_file`], `.load` [`Store::load`] (one transaction),
//! `.stats` [`stats::compute`]. The store is opened to read (created empty
//! if missing) so that other processes may read it too, and opened to
//! write only for the length of a statement or command that writes
//! (`access`).

mod access;
pub mod command;
pub mod helper;
pub mod statement;

use crate::build::{self, BuildOptions};
use crate::check::{self, CheckFormat};
use crate::cli::{self, EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK};
use crate::export::{self, ExportFormat};
use crate::extract::Extractor;
use crate::query::{
    self, Answer, CancellationToken, Options, Outcome, OutputFormat, Parsed, QueryError, Statement,
};
use crate::stats;
use crate::store::{Location, Store};
use crate::vocab::PREFIXES;
use clap::ValueEnum;
use command::{Command, Limit};
use helper::{Names, ReplHelper};
use oxigraph::model::{NamedNode, Term};
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{CompletionType, Config, Editor};
use statement::{Item, Next, NotText, Pending, Problem, Splitter};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, ErrorKind, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The prompt.
pub const PROMPT: &str = "newskg> ";
/// The prompt while a statement goes on.
pub const CONTINUATION: &str = "   ...> ";
/// Rows shown at most when results go to a terminal, until `.maxrows`.
pub const DEFAULT_MAX_ROWS: usize = 1000;
/// How long a statement may run, until `.timeout` or `--timeout`.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// `.read` files open at once at most (a file that reads itself).
const MAX_READ_DEPTH: usize = 16;
/// History entries kept.
const HISTORY_SIZE: usize = 5000;

/// The named graphs with their sizes (and article titles), for `.graphs`.
const GRAPHS_QUERY: &str = "SELECT ?graph ?triples ?title WHERE {
  { SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph }
  OPTIONAL { GRAPH ?graph { ?graph dcterms:title ?title } }
} ORDER BY ?graph";

/// Runs the REPL on the store at `at`: interactive when stdin is a
/// terminal, else statements from stdin. Returns the exit status.
pub fn run(at: &Location, timeout: Duration) -> anyhow::Result<i32> {
    let (store, new) = access::open(at)?;
    let interactive = std::io::stdin().is_terminal();
    let mut session = Session::new(store, interactive, std::io::stdout().is_terminal());
    session.at = Some(at.clone());
    session.timeout = Some(timeout);
    if interactive {
        session.interactive(new)
    } else {
        Ok(session.piped())
    }
}

/// What is running now, for the SIGINT handler.
#[derive(Default)]
struct Running {
    token: Option<CancellationToken>,
    /// Whether cancelling the token stops it (a query or update), or it
    /// runs to its end (`.build`, `.load`, `.check`, ...).
    stoppable: bool,
}

/// Where a statement or meta-command came from, for messages.
#[derive(Debug, Clone)]
struct Origin {
    /// `input` (the terminal), `<stdin>` or a `.read` file.
    source: String,
    /// Its first line in the source.
    line: usize,
    /// Whether messages name the source and line (not on the terminal).
    located: bool,
}

impl Origin {
    fn terminal() -> Origin {
        Origin {
            source: "input".into(),
            line: 1,
            located: false,
        }
    }

    fn prefix(&self) -> String {
        if self.located {
            format!("{}:{}: ", self.source, self.line)
        } else {
            String::new()
        }
    }
}

/// A failed meta-command: a message, or nothing more to say (it reported).
type Failed = Option<String>;

/// Where results go: a `.output` file, or stdout when `None`.
type Output = Arc<Mutex<Option<(PathBuf, BufWriter<File>)>>>;

/// How long a cancelled query may go on being planned (which cannot be
/// interrupted) before the prompt comes back without it.
const ABANDON_AFTER: Duration = Duration::from_millis(1500);

/// How a statement run on its thread came out.
enum Ran {
    /// Only a prologue: these prefixes are declared.
    Declared(Vec<(String, String)>),
    Done(Result<Outcome, QueryError>),
    /// Cancelled while still being planned; no longer waited for.
    Abandoned,
    /// An update, and the store is open only to read: run it again once
    /// the store is open to write.
    NeedsWriter,
}

/// The token that stops a statement run with `opts`.
fn token_of(opts: &Options) -> CancellationToken {
    opts.cancel.clone().unwrap_or_default()
}

/// Locks a mutex even if a thread panicked holding it.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` with the results output and flushes it.
fn with_output<T>(
    output: &Output,
    f: impl FnOnce(&mut dyn Write) -> Result<T, QueryError>,
) -> Result<T, QueryError> {
    let mut guard = lock(output);
    match guard.as_mut() {
        Some((_, file)) => {
            let v = f(file)?;
            file.flush()?;
            Ok(v)
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            let v = f(&mut w)?;
            w.flush()?;
            Ok(v)
        }
    }
}

/// Parses and runs a statement, on its own thread: `abandonable` is cleared
/// once it writes to the store or to the output.
fn work(
    store: &Store,
    text: &str,
    source: &str,
    opts: &Options,
    output: &Output,
    abandonable: &AtomicBool,
) -> Ran {
    let parsed = match query::parse_statement(text, source, opts) {
        Ok(p) => p,
        Err(e) => return Ran::Done(Err(e)),
    };
    if matches!(parsed, Statement::Update(_)) {
        if query::completeness(text, &opts.prefixes) != Parsed::Complete {
            // Only a prologue (PREFIX lines sent with a blank line).
            return Ran::Declared(statement::declared_prefixes(text));
        }
        if !store.is_writable() {
            return Ran::NeedsWriter;
        }
        abandonable.store(false, Ordering::SeqCst);
    }
    let evaluated = query::evaluate_statement(store, parsed, opts);
    abandonable.store(false, Ordering::SeqCst);
    Ran::Done(
        evaluated.and_then(|ev| with_output(output, |out| query::write_evaluated(ev, opts, out))),
    )
}

/// A REPL session: the store, the settings, where results go.
pub struct Session {
    /// Always there between statements (see `access`).
    store: Option<Arc<Store>>,
    /// Where the store is, to open it again to write and to read; `None`:
    /// the store is used as given.
    at: Option<Location>,
    format: OutputFormat,
    timer: bool,
    max_rows: Option<usize>,
    /// `.timeout`: how long a statement may run.
    timeout: Option<Duration>,
    /// `.output FILE`: results go there (whole, never cut). Shared with the
    /// thread that runs a statement.
    output: Output,
    /// Prefixes declared by the session's statements.
    prefixes: Vec<(String, String)>,
    interactive: bool,
    running: Arc<Mutex<Running>>,
    extractor: Option<Extractor>,
    /// The store changed: completion should read its names again.
    names_changed: bool,
    quit: bool,
    failures: usize,
    /// `.read` files being read (canonical paths).
    reading: Vec<PathBuf>,
    /// Threads of cancelled queries left to finish their planning.
    abandoned: Vec<std::thread::JoinHandle<()>>,
}

impl Session {
    /// A session; `screen`: results go to a terminal (then long results are cut).
    pub fn new(store: Store, interactive: bool, screen: bool) -> Session {
        Session {
            store: Some(Arc::new(store)),
            at: None,
            format: OutputFormat::Table,
            timer: interactive,
            max_rows: screen.then_some(DEFAULT_MAX_ROWS),
            timeout: Some(DEFAULT_TIMEOUT),
            output: Arc::default(),
            prefixes: Vec::new(),
            interactive,
            running: Arc::default(),
            extractor: None,
            names_changed: false,
            quit: false,
            failures: 0,
            reading: Vec::new(),
            abandoned: Vec::new(),
        }
    }

    /// Statements and meta-commands from stdin; 0 if all succeeded, else 1.
    fn piped(&mut self) -> i32 {
        let stdin = std::io::stdin();
        self.run_source(stdin.lock(), "<stdin>");
        self.close_output();
        if self.failures > 0 {
            EXIT_FAILED
        } else {
            EXIT_OK
        }
    }

    /// The interactive loop.
    fn interactive(&mut self, new_store: bool) -> anyhow::Result<i32> {
        let config = Config::builder()
            .auto_add_history(false)
            .history_ignore_dups(true)?
            .history_ignore_space(true)
            .max_history_size(HISTORY_SIZE)?
            .completion_type(CompletionType::List)
            .build();
        let mut editor: Editor<ReplHelper, FileHistory> = Editor::with_config(config)?;
        editor.set_helper(Some(ReplHelper::new(self.names())));
        let mut history = history_path();
        if let Some(path) = &history {
            if path.exists() {
                if let Err(e) = editor.load_history(path) {
                    warn(&format!(
                        "the history in {} cannot be read ({e}); starting without it",
                        path.display()
                    ));
                }
            }
        }
        self.install_interrupt_handler();
        println!(
            "newskg {}: SPARQL on {}{}. .help lists the commands; Ctrl-D leaves.",
            env!("CARGO_PKG_VERSION"),
            self.store().name(),
            if new_store {
                " (a new, empty store)"
            } else {
                ""
            }
        );
        let mut pending = Pending::new();
        while !self.quit {
            if let Some(h) = editor.helper_mut() {
                h.pending = pending.clone();
                h.prefixes = self.prefixes.clone();
                if self.names_changed {
                    h.names = self.names();
                    self.names_changed = false;
                }
            }
            let prompt = if pending.has_statement() {
                CONTINUATION
            } else {
                PROMPT
            };
            let line = match editor.readline(prompt) {
                Ok(line) => line,
                Err(ReadlineError::Interrupted) => {
                    pending.clear();
                    continue;
                }
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    eprintln!("newskg: cannot read the terminal: {e}");
                    self.close_output();
                    return Ok(EXIT_BAD_INPUT);
                }
            };
            let entered = if line.contains('\n') {
                self.run_lines(&mut pending, &line)
            } else {
                match pending.enter(&line, &self.prefixes) {
                    Next::Command(text) => {
                        self.run_command(&text, &Origin::terminal());
                        vec![text]
                    }
                    Next::Send => {
                        let statement = pending.take();
                        self.run_statement(
                            statement.text(),
                            &Origin::terminal(),
                            statement.problem(),
                            self.format,
                        );
                        vec![statement.text().to_string()]
                    }
                    Next::Wait | Next::Nothing => continue,
                }
            };
            for entry in entered {
                let _ = editor.add_history_entry(entry);
            }
            if let Some(path) = &history {
                if let Err(e) = save_history(&mut editor, path) {
                    warn(&format!(
                        "the history cannot be kept in {} ({e}); it is lost when newskg ends",
                        path.display()
                    ));
                    history = None;
                }
            }
        }
        self.close_output();
        Ok(EXIT_OK)
    }

    /// Input of several lines (a paste, a recalled history entry), after
    /// the lines of `pending`: each statement and meta-command in it runs in
    /// turn, as piped input; one it leaves unfinished stays pending. Returns
    /// what ran, for the history.
    fn run_lines(&mut self, pending: &mut Pending, input: &str) -> Vec<String> {
        let text = if pending.has_statement() {
            format!("{}\n{input}", pending.text())
        } else {
            input.to_string()
        };
        pending.clear();
        let mut ran = Vec::new();
        let lines = text.split('\n').map(|l| Ok(l.to_string()));
        let mut splitter = Splitter::new(lines, self.prefixes.clone());
        while let Some(item) = splitter.next() {
            let origin = |line| Origin {
                line,
                ..Origin::terminal()
            };
            match item {
                Item::Command { line, text } => {
                    self.run_command(&text, &origin(line));
                    ran.push(text);
                }
                Item::Statement {
                    text,
                    finished: false,
                    ..
                } => pending.push_text(&text),
                Item::Statement {
                    line,
                    text,
                    problem,
                    ..
                } => {
                    self.run_statement(&text, &origin(line), problem.as_ref(), self.format);
                    ran.push(text);
                }
                Item::NotText { .. } => {}
            }
            splitter.prefixes = self.prefixes.clone();
            if self.quit {
                break;
            }
        }
        ran
    }

    /// Ctrl-C while a statement runs cancels it; a second one, or one during
    /// a meta-command that cannot stop midway, leaves.
    fn install_interrupt_handler(&self) {
        let running = Arc::clone(&self.running);
        let installed = ctrlc::set_handler(move || {
            let r = lock(&running);
            let Some(token) = &r.token else {
                return;
            };
            if token.is_cancelled() {
                eprintln!("\nnewskg: interrupted twice; leaving");
                std::process::exit(130);
            }
            token.cancel();
            if !r.stoppable {
                eprintln!("\nnewskg: this command runs to its end (Ctrl-C again leaves newskg)");
            }
        });
        if let Err(e) = installed {
            warn(&format!("Ctrl-C cannot stop queries: {e}"));
        }
    }

    /// Marks something running (for Ctrl-C) and returns its token.
    fn begin(&self, stoppable: bool) -> CancellationToken {
        let token = CancellationToken::new();
        let mut r = lock(&self.running);
        *r = Running {
            token: Some(token.clone()),
            stoppable,
        };
        token
    }

    fn end(&self) {
        *lock(&self.running) = Running::default();
    }

    /// The names completion offers; a failure is a warning.
    fn names(&self) -> Names {
        Names::load(self.store()).unwrap_or_else(|e| {
            warn(&format!("completion does not know the store's names: {e}"));
            Names::default()
        })
    }

    fn fail(&mut self, origin: &Origin, message: &dyn std::fmt::Display) {
        eprintln!("{}{message}", origin.prefix());
        self.failures += 1;
    }

    /// Runs `f` with the results output (the `.output` file or stdout) and
    /// flushes it; a closed stdout ends the session quietly.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Store, &mut dyn Write) -> Result<T, QueryError>,
    ) -> Result<T, QueryError> {
        let store = Arc::clone(self.store());
        let result = with_output(&self.output, |out| f(&store, out));
        self.check_closed(&result);
        result
    }

    /// A write to a closed stdout (`newskg repl < in | head`) ends the session.
    fn check_closed<T>(&mut self, result: &Result<T, QueryError>) {
        if let Err(QueryError::Io(e)) = result {
            if e.kind() == ErrorKind::BrokenPipe && !self.writes_to_file() {
                self.quit = true;
            }
        }
    }

    fn writes_to_file(&self) -> bool {
        lock(&self.output).is_some()
    }

    /// Runs a statement on a thread of its own (with the stack SPARQL needs)
    /// and waits for it. Ctrl-C cancels it; a query still being planned
    /// (which cannot be interrupted) is left to finish on its own.
    fn run_on_thread(&mut self, text: &str, source: &str, opts: Options) -> Ran {
        let token = opts.cancel.clone().unwrap_or_default();
        let abandonable = Arc::new(AtomicBool::new(true));
        let (tx, rx) = mpsc::channel();
        let spawned = {
            let (store, output, abandonable) = (
                Arc::clone(self.store()),
                Arc::clone(&self.output),
                Arc::clone(&abandonable),
            );
            let (text, source) = (text.to_string(), source.to_string());
            std::thread::Builder::new()
                .name("statement".into())
                .stack_size(query::STACK_SIZE)
                .spawn(move || {
                    let ran = work(&store, &text, &source, &opts, &output, &abandonable);
                    let _ = tx.send(ran);
                })
        };
        let worker = match spawned {
            Ok(w) => w,
            Err(e) => {
                return Ran::Done(Err(QueryError::Evaluation(format!(
                    "cannot start a thread for it: {e}"
                ))))
            }
        };
        let mut cancelled_at = None;
        loop {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(ran) => {
                    // It lets go of the store as it ends: wait for that, so
                    // that the store is closed before newskg exits.
                    let _ = worker.join();
                    return ran;
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Ran::Done(Err(QueryError::Evaluation(
                        "it stopped without an answer (an internal error)".into(),
                    )))
                }
                Err(RecvTimeoutError::Timeout) => {
                    if token.is_cancelled() {
                        let at = *cancelled_at.get_or_insert_with(Instant::now);
                        if at.elapsed() > ABANDON_AFTER && abandonable.load(Ordering::SeqCst) {
                            self.abandoned.push(worker);
                            return Ran::Abandoned;
                        }
                    }
                }
            }
        }
    }

    fn options(&self, format: OutputFormat, cancel: CancellationToken) -> Options {
        Options {
            format,
            max_rows: if self.writes_to_file() {
                None
            } else {
                self.max_rows
            },
            timer: self.timer,
            prefixes: self.prefixes.clone(),
            cancel: Some(cancel),
        }
    }

    /// Parses and runs one statement, writing its results in `format`.
    fn run_statement(
        &mut self,
        text: &str,
        origin: &Origin,
        problem: Option<&Problem>,
        format: OutputFormat,
    ) {
        if let Some(p) = problem {
            let e = QueryError::Syntax {
                source_name: origin.source.clone(),
                line: origin.line + p.line - 1,
                column: p.column,
                message: p.message.clone(),
                snippet: query::caret(text, p.line, p.column),
            };
            return self.fail(&Origin::terminal(), &e);
        }
        let token = CancellationToken::new();
        let opts = self.options(format, token.clone());
        let started = Instant::now();
        {
            let mut r = lock(&self.running);
            *r = Running {
                token: Some(token),
                stoppable: true,
            };
        }
        let deadline = query::Deadline::start(&token_of(&opts), self.timeout);
        let mut ran = self.run_on_thread(text, &origin.source, opts.clone());
        let mut wrote = false;
        if matches!(ran, Ran::NeedsWriter) {
            if let Err(e) = self.open_to_write() {
                self.end();
                return self.fail(origin, &e);
            }
            wrote = true;
            ran = self.run_on_thread(text, &origin.source, opts);
        }
        drop(deadline);
        self.end();
        if wrote {
            self.open_to_read();
        }
        let took = if self.timer {
            format!(" ({} ms)", started.elapsed().as_millis())
        } else {
            String::new()
        };
        let result = match ran {
            Ran::Declared(declared) => {
                if self.interactive {
                    let names: Vec<String> =
                        declared.iter().map(|(p, _)| format!("{p}:")).collect();
                    println!("declared {}", names.join(" "));
                }
                return self.remember(declared);
            }
            Ran::Abandoned => {
                return self.fail(
                    origin,
                    &"cancelled: the query was still being planned, which cannot be interrupted; it ends on its own in the background",
                )
            }
            Ran::Done(result) => result,
            Ran::NeedsWriter => unreachable!("the statement ran with the store open to write"),
        };
        self.check_closed(&result);
        match result {
            Ok(outcome) => {
                self.remember(statement::declared_prefixes(text));
                match outcome {
                    Outcome::Updated => {
                        self.names_changed = true;
                        if self.interactive {
                            eprintln!("update done{took}");
                        }
                    }
                    Outcome::Rows(c) | Outcome::Triples(c) if format != OutputFormat::Table => {
                        let unit = if matches!(outcome, Outcome::Rows(_)) {
                            "row"
                        } else {
                            "triple"
                        };
                        if let Some(note) = c.note(unit) {
                            eprintln!("{note}");
                        }
                        if self.interactive {
                            eprintln!("{}{took}", c.summary(unit));
                        }
                    }
                    _ => {}
                }
            }
            Err(QueryError::Cancelled) => match self.timeout {
                Some(t) if started.elapsed() >= t => self.fail(
                    origin,
                    &format!(
                        "stopped: the statement ran past the timeout of {} s (.timeout SECS or off)",
                        t.as_secs()
                    ),
                ),
                _ => self.fail(origin, &"cancelled: the statement was stopped (Ctrl-C)"),
            },
            Err(_) if self.quit => {}
            Err(e) => {
                let e = relocate(e, origin.line);
                if matches!(e, QueryError::Syntax { .. }) {
                    self.fail(&Origin::terminal(), &e)
                } else {
                    self.fail(origin, &e)
                }
            }
        }
    }

    /// Remembers prefixes a statement declared, for the statements after it.
    fn remember(&mut self, declared: Vec<(String, String)>) {
        for (p, ns) in declared {
            self.prefixes.retain(|(q, _)| *q != p);
            self.prefixes.push((p, ns));
        }
    }

    /// Runs a meta-command line.
    fn run_command(&mut self, line: &str, origin: &Origin) {
        let command: Command = match line.parse() {
            Ok(c) => c,
            Err(e) => return self.fail(origin, &e),
        };
        let name = command.name();
        if let Err(failed) = self.command(command, origin) {
            match failed {
                Some(message) => self.fail(origin, &format!("{name}: {message}")),
                None => self.failures += 1,
            }
        }
    }

    fn command(&mut self, command: Command, origin: &Origin) -> Result<(), Failed> {
        let say = |s: &dyn std::fmt::Display| {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{s}");
        };
        match command {
            Command::Help => say(&command::help().trim_end()),
            Command::Quit => self.quit = true,
            Command::Format(None) => say(&format!("format: {}", format_name(self.format))),
            Command::Format(Some(f)) => self.format = f,
            Command::Timer(None) => say(&format!("timer: {}", on_off(self.timer))),
            Command::Timer(Some(on)) => self.timer = on,
            Command::MaxRows(None) => say(&match self.max_rows {
                Some(n) => format!("maxrows: {n}"),
                None => "maxrows: off".to_string(),
            }),
            Command::MaxRows(Some(Limit::Rows(n))) => self.max_rows = Some(n),
            Command::MaxRows(Some(Limit::Off)) => self.max_rows = None,
            Command::Timeout(None) => say(&match self.timeout {
                Some(t) => format!("timeout: {} s", t.as_secs()),
                None => "timeout: off".to_string(),
            }),
            Command::Timeout(Some(Limit::Rows(n))) => {
                self.timeout = Some(Duration::from_secs(n as u64))
            }
            Command::Timeout(Some(Limit::Off)) => self.timeout = None,
            Command::Output(file) => {
                self.close_output();
                if let Some(path) = file {
                    let f = File::create(&path)
                        .map_err(|e| Some(format!("{}: cannot write: {e}", path.display())))?;
                    if self.interactive {
                        say(&format!("results go to {} (whole)", path.display()));
                    }
                    *lock(&self.output) = Some((path, BufWriter::new(f)));
                } else if self.interactive {
                    say(&"results go to the screen");
                }
            }
            Command::Prefixes => {
                let mut t = query::table(["prefix".to_string(), "namespace".to_string()]);
                for (p, ns) in PREFIXES {
                    if !self.prefixes.iter().any(|(q, _)| q == p) {
                        t.add_row([format!("{p}:"), format!("<{ns}>")]);
                    }
                }
                for (p, ns) in &self.prefixes {
                    t.add_row([format!("{p}:"), format!("<{ns}>  (this session)")]);
                }
                say(&t);
            }
            Command::Load { file, graph } => {
                let format = cli::rdf_format_of(&file).ok_or_else(|| {
                    Some(format!(
                        "{}: unknown RDF format (expected .ttl .nt .nq .trig .rdf .owl .jsonld)",
                        file.display()
                    ))
                })?;
                let graph = graph
                    .map(|g| cli::parse_iri(&g, "the graph"))
                    .transpose()
                    .map_err(|e| Some(e.to_string()))?;
                let reader =
                    File::open(&file).map_err(|e| Some(format!("{}: {e}", file.display())))?;
                self.open_to_write().map_err(Some)?;
                self.begin(false);
                let loaded = self.store().load(
                    &file.display().to_string(),
                    BufReader::new(reader),
                    format,
                    graph.as_ref(),
                );
                self.end();
                self.open_to_read();
                let n =
                    loaded.map_err(|e| Some(format!("{e} (nothing from this file was loaded)")))?;
                self.names_changed = true;
                say(&format!("{}: loaded {n} statements", file.display()));
            }
            Command::Build(paths) => {
                if self.extractor.is_none() {
                    self.extractor = Some(cli::extractor().map_err(|e| Some(format!("{e:#}")))?);
                }
                let opts = BuildOptions {
                    paths,
                    prune: false,
                    lang: None,
                    max_article_bytes: crate::ingest::DEFAULT_MAX_ARTICLE_BYTES as usize,
                    progress: self.interactive && std::io::stderr().is_terminal(),
                    stop: None,
                };
                self.open_to_write().map_err(Some)?;
                self.begin(false);
                let ex = self.extractor.as_ref().expect("made above");
                let summary = build::build(self.store(), ex, &opts);
                self.end();
                if summary.is_err() {
                    self.open_to_read();
                }
                let summary = summary.map_err(|e| Some(e.to_string()))?;
                self.names_changed = true;
                let mut out = std::io::stdout().lock();
                let written =
                    cli::write_build_summary(self.store(), &summary, false, true, &mut out);
                self.open_to_read();
                written.map_err(|e| Some(format!("{e:#}")))?;
                if !summary.failed.is_empty() {
                    return Err(None);
                }
            }
            Command::Export { file, format } => {
                let format = format
                    .or_else(|| ExportFormat::from_path(&file))
                    .unwrap_or(ExportFormat::Ttl);
                self.begin(false);
                let n = export::export_to_file(self.store(), format, None, &file);
                self.end();
                let n = n.map_err(|e| Some(e.to_string()))?;
                say(&format!("wrote {n} statements to {}", file.display()));
            }
            Command::Check(paths) => {
                let scripts = check::load(&paths).map_err(|e| Some(e.to_string()))?;
                let opts = check::Options {
                    format: CheckFormat::Text,
                    strict: false,
                    fail_fast: false,
                    junit: None,
                };
                self.begin(false);
                let code = self.write(|store, out| {
                    check::run(store, &scripts, &opts, out).map_err(|e| match e {
                        check::CheckError::Io(io) => QueryError::Io(io),
                        e => QueryError::Evaluation(e.to_string()),
                    })
                });
                self.end();
                match code {
                    Ok(EXIT_OK) => {}
                    Ok(_) => return Err(None),
                    Err(e) => return Err(Some(e.to_string())),
                }
            }
            Command::Stats => {
                self.begin(false);
                let st = stats::compute(self.store());
                self.end();
                let st = st.map_err(|e| Some(e.to_string()))?;
                self.write(|_, out| Ok(stats::print(&st, out)?))
                    .map_err(|e| Some(e.to_string()))?;
            }
            // (A statement counts its own failure.)
            Command::Graphs => self.run_statement(GRAPHS_QUERY, origin, None, self.format),
            Command::Describe(entity) => {
                let iri = self.resolve(&entity).map_err(Some)?;
                let format = match self.format {
                    OutputFormat::Ttl | OutputFormat::Nt => self.format,
                    _ => OutputFormat::Table,
                };
                self.run_statement(&format!("DESCRIBE <{iri}>"), origin, None, format);
            }
            Command::Path { from, to, max_hops } => {
                use crate::analyze::{self, lookup, path, report};
                self.begin(false);
                let found = self.write(|store, out| {
                    let g = analyze::entity_graph(store)?;
                    let lookup = |arg: &str, given: &str| {
                        lookup::resolve(&g, arg, given)
                            .map_err(|e| QueryError::Evaluation(e.to_string()))
                    };
                    let (a, b) = (lookup("FROM", &from)?, lookup("TO", &to)?);
                    let filter = crate::analyze::graph::Filter::default();
                    let p = path::shortest_path(&g, a, b, filter, max_hops);
                    let r =
                        report::shortest_report(store, &g, (a, b), filter, max_hops, p.as_deref())?;
                    report::write_path_text(&r, out)?;
                    Ok(r.found)
                });
                self.end();
                match found {
                    Ok(true) => {}
                    Ok(false) => return Err(None),
                    Err(e) => return Err(Some(e.to_string())),
                }
            }
            Command::Neighbors { entity, hops } => {
                use crate::analyze::{self, lookup, report};
                self.begin(false);
                let done = self.write(|store, out| {
                    let g = analyze::entity_graph(store)?;
                    let n = lookup::resolve(&g, "ENTITY", &entity)
                        .map_err(|e| QueryError::Evaluation(e.to_string()))?;
                    let r = report::neighbours_report(
                        &g,
                        n,
                        crate::analyze::graph::Filter::default(),
                        hops,
                    );
                    report::write_neighbours_text(&r, out)?;
                    Ok(())
                });
                self.end();
                done.map_err(|e| Some(e.to_string()))?;
            }
            Command::Read(path) => self.read_file(&path)?,
        }
        Ok(())
    }

    /// The IRI of an entity given as `<IRI>`, a prefixed name or a label
    /// (case-insensitive, any language; an ambiguous label lists its entities).
    fn resolve(&self, entity: &str) -> Result<String, String> {
        let e = entity.trim();
        let iri = |s: &str| {
            NamedNode::new(s)
                .map(|n| n.into_string())
                .map_err(|err| format!("{s:?} is not a valid IRI: {err}"))
        };
        if let Some(inner) = e.strip_prefix('<').and_then(|s| s.strip_suffix('>')) {
            return iri(inner);
        }
        if e.starts_with("http://") || e.starts_with("https://") {
            return iri(e);
        }
        if let Some((prefix, local)) = e.split_once(':').filter(|_| !e.contains(' ')) {
            let ns = self
                .prefixes
                .iter()
                .rev()
                .find(|(p, _)| p == prefix)
                .map(|(_, ns)| ns.as_str())
                .or_else(|| {
                    PREFIXES
                        .iter()
                        .find(|(p, _)| *p == prefix)
                        .map(|(_, ns)| *ns)
                });
            return match ns {
                Some(ns) => iri(&format!("{ns}{local}")),
                None => Err(format!("unknown prefix {prefix}: (.prefixes lists them)")),
            };
        }
        let label = e.to_lowercase();
        let literal: String = label
            .chars()
            .flat_map(|c| match c {
                '\\' => vec!['\\', '\\'],
                '"' => vec!['\\', '"'],
                '\n' => vec!['\\', 'n'],
                '\r' => vec!['\\', 'r'],
                c => vec![c],
            })
            .collect();
        let q = format!(
            "SELECT DISTINCT ?e WHERE {{ ?e rdfs:label ?l FILTER(isIRI(?e) && LCASE(STR(?l)) = \"{literal}\") }} ORDER BY ?e"
        );
        let rows = match query::evaluate(self.store(), &q, ".describe", 20) {
            Ok(Answer::Solutions { rows, .. }) => rows,
            Ok(_) => Vec::new(),
            Err(err) => return Err(err.to_string()),
        };
        let found: Vec<String> = rows
            .iter()
            .filter_map(|r| match &r[0] {
                Some(Term::NamedNode(n)) => Some(n.as_str().to_string()),
                _ => None,
            })
            .collect();
        match found.as_slice() {
            [] => Err(format!(
                "no entity is labelled {e:?} (give an IRI, a prefixed name or a label; Tab completes labels)"
            )),
            [one] => Ok(one.clone()),
            many => Err(format!(
                "the label {e:?} is ambiguous: {} (give one of these)",
                many.iter()
                    .map(|i| crate::vocab::compact(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// `.read FILE`: its statements and meta-commands, as if typed.
    fn read_file(&mut self, path: &Path) -> Result<(), Failed> {
        if self.reading.len() >= MAX_READ_DEPTH {
            return Err(Some(format!(
                "{}: .read files nested {MAX_READ_DEPTH} deep; not read",
                path.display()
            )));
        }
        let canonical = path
            .canonicalize()
            .map_err(|e| Some(format!("{}: {e}", path.display())))?;
        if self.reading.contains(&canonical) {
            return Err(Some(format!(
                "{} is already being read (a .read loop); not read again",
                path.display()
            )));
        }
        let file = File::open(path).map_err(|e| Some(format!("{}: {e}", path.display())))?;
        self.reading.push(canonical);
        self.run_source(BufReader::new(file), &path.display().to_string());
        self.reading.pop();
        Ok(())
    }

    /// Runs every statement and meta-command of `reader`, named `name` in messages.
    fn run_source(&mut self, reader: impl BufRead, name: &str) {
        let mut read_error = None;
        let lines = lines(reader, &mut read_error);
        let mut splitter = Splitter::new(lines, self.prefixes.clone());
        while let Some(item) = splitter.next() {
            let origin = |line| Origin {
                source: name.to_string(),
                line,
                located: true,
            };
            match item {
                Item::Command { line, text } => self.run_command(&text, &origin(line)),
                Item::Statement {
                    line,
                    text,
                    problem,
                    ..
                } => self.run_statement(&text, &origin(line), problem.as_ref(), self.format),
                Item::NotText { line } => self.fail(
                    &origin(line),
                    &"not UTF-8 text; the statement on this line was skipped",
                ),
            }
            splitter.prefixes = self.prefixes.clone();
            if self.quit {
                break;
            }
        }
        drop(splitter);
        if let Some(e) = read_error {
            self.fail(
                &Origin {
                    source: name.to_string(),
                    line: 0,
                    located: false,
                },
                &format!("{name}: cannot read further: {e}"),
            );
        }
    }

    fn close_output(&mut self) {
        let closed = lock(&self.output).take();
        if let Some((path, mut file)) = closed {
            if let Err(e) = file.flush() {
                eprintln!("newskg: {}: cannot write: {e}", path.display());
                self.failures += 1;
            }
        }
    }
}

/// The lines of `reader` without their line breaks; a line that is not
/// UTF-8 is a [`NotText`]; a read error ends the lines and is kept in `error`.
fn lines<'a>(
    reader: impl BufRead + 'a,
    error: &'a mut Option<std::io::Error>,
) -> impl Iterator<Item = Result<String, NotText>> + 'a {
    let mut n = 0;
    reader.split(b'\n').map_while(move |r| {
        n += 1;
        match r {
            Ok(mut bytes) => {
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
                Some(String::from_utf8(bytes).map_err(|_| NotText { line: n }))
            }
            Err(e) => {
                *error = Some(e);
                None
            }
        }
    })
}

/// Moves a syntax error's line from the statement to its source.
fn relocate(e: QueryError, first_line: usize) -> QueryError {
    match e {
        QueryError::Syntax {
            source_name,
            line,
            column,
            message,
            snippet,
        } => QueryError::Syntax {
            source_name,
            line: line + first_line - 1,
            column,
            message,
            snippet,
        },
        e => e,
    }
}

fn format_name(f: OutputFormat) -> String {
    f.to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

fn on_off(b: bool) -> &'static str {
    if b {
        "on"
    } else {
        "off"
    }
}

fn warn(message: &str) {
    eprintln!("newskg: warning: {message}");
}

/// `$XDG_DATA_HOME/newskg/history`, else `~/.local/share/newskg/history`.
pub fn history_path() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let base = var("XDG_DATA_HOME").or_else(|| var("HOME").map(|h| h.join(".local/share")))?;
    Some(base.join("newskg").join("history"))
}

fn save_history(editor: &mut Editor<ReplHelper, FileHistory>, path: &Path) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    editor.append_history(path)?;
    Ok(())
}
