//! End-to-end tests of `newskg repl`: the real binary on a pseudo-terminal
//! (expectrl), against a real on-disk store built from `corpus/`, with
//! `HOME` and `XDG_DATA_HOME` in a temporary folder; and piped input.
//! Every wait on the terminal is bounded.

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Expect, Session};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_newskg")
}

/// A temporary folder with a store `kg` built from the sample corpus and a
/// home folder for the history.
struct World {
    dir: tempfile::TempDir,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new(bin())
            .env_remove("NEWSKG_STORE")
            .arg("--store")
            .arg(dir.path().join("kg"))
            .arg("build")
            .arg(root().join("corpus"))
            .arg("--quiet")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::create_dir(dir.path().join("home")).unwrap();
        World { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn store(&self) -> PathBuf {
        self.path("kg")
    }

    fn history(&self) -> PathBuf {
        self.path("home/data/newskg/history")
    }

    /// The REPL on a terminal, colours off.
    fn repl(&self) -> Term {
        self.repl_with(&[("NO_COLOR", Some("1"))])
    }

    /// The REPL on a terminal with these environment changes (None: removed).
    fn repl_with(&self, env: &[(&str, Option<&str>)]) -> Term {
        self.repl_on(&self.store(), env)
    }

    /// The REPL on a terminal on the store at `store`.
    fn repl_on(&self, store: &std::path::Path, env: &[(&str, Option<&str>)]) -> Term {
        let mut cmd = Command::new(bin());
        cmd.env_remove("NEWSKG_STORE")
            .env_remove("NO_COLOR")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"))
            .env("TERM", "xterm")
            .current_dir(self.dir.path());
        for (k, v) in env {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        cmd.arg("--store").arg(store).arg("repl");
        let mut session = Session::spawn(cmd).unwrap();
        session.get_process_mut().set_window_size(200, 50).unwrap();
        let mut t = Term {
            session,
            raw: Vec::new(),
            text: String::new(),
            plain_of: 0,
            at: 0,
        };
        t.expect("newskg> ");
        t
    }

    /// `newskg repl` with `input` piped in: exit code, stdout, stderr.
    fn piped(&self, input: &[u8]) -> (i32, String, String) {
        self.piped_on(&self.store(), input)
    }

    /// `newskg repl` on the store at `store` with `input` piped in.
    fn piped_on(&self, store: &std::path::Path, input: &[u8]) -> (i32, String, String) {
        let mut child = Command::new(bin())
            .env_remove("NEWSKG_STORE")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"))
            .current_dir(self.dir.path())
            .arg("--store")
            .arg(store)
            .arg("repl")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// The REPL on a pseudo-terminal: what it printed, read as it comes.
struct Term {
    session: OsSession,
    raw: Vec<u8>,
    /// `raw` without escape sequences, as of `plain_of` bytes of it.
    text: String,
    plain_of: usize,
    /// How far `expect` has consumed `text`.
    at: usize,
}

/// The output without ANSI escape sequences and carriage returns.
fn plain(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => {
                    for x in chars.by_ref() {
                        if ('@'..='~').contains(&x) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    for x in chars.by_ref() {
                        if x == '\u{7}' {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

const WAIT: Duration = Duration::from_secs(60);

impl Term {
    fn send(&mut self, text: &str) {
        self.session.send(text).unwrap();
    }

    /// Types a line and Enter.
    fn line(&mut self, text: &str) {
        self.send(text);
        self.send("\r");
    }

    /// Reads whatever is there within `wait`.
    fn read_for(&mut self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut buf = [0u8; 65536];
        while Instant::now() < until {
            match self.session.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => self.raw.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(_) => break,
            }
        }
    }

    /// Waits (at most [`WAIT`]) until `needle` appears after what was
    /// consumed; returns the text up to and including it.
    fn expect(&mut self, needle: &str) -> String {
        self.expect_within(needle, WAIT)
    }

    /// What the terminal showed that `expect` has not consumed.
    fn unread(&mut self) -> &str {
        if self.plain_of != self.raw.len() {
            self.text = plain(&self.raw);
            self.plain_of = self.raw.len();
        }
        &self.text[self.at.min(self.text.len())..]
    }

    fn expect_within(&mut self, needle: &str, wait: Duration) -> String {
        let until = Instant::now() + wait;
        let mut buf = [0u8; 65536];
        loop {
            self.unread();
            let text = &self.text;
            let from = self.at.min(text.len());
            if let Some(i) = text[from..].find(needle) {
                self.at = from + i + needle.len();
                return text[from..self.at].to_string();
            }
            if Instant::now() > until {
                let tail: String = text[from..]
                    .chars()
                    .rev()
                    .take(3000)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                panic!("waited {wait:?} for {needle:?}; the terminal shows:\n{tail}");
            }
            match self.session.try_read(&mut buf) {
                Ok(0) => std::thread::sleep(Duration::from_millis(10)),
                Ok(n) => self.raw.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                Err(e) => panic!("reading the terminal while waiting for {needle:?}: {e}"),
            }
        }
    }

    /// Waits for the prompt, and returns what came before it.
    fn prompt(&mut self) -> String {
        let s = self.expect("newskg> ");
        s[..s.len() - "newskg> ".len()].to_string()
    }

    /// Runs a line and returns what it printed before the next prompt.
    fn run(&mut self, text: &str) -> String {
        self.line(text);
        self.prompt()
    }

    /// Waits for the process to end; its exit code.
    fn exit_code(self) -> i32 {
        let until = Instant::now() + WAIT;
        loop {
            match self.session.get_process().status().unwrap() {
                WaitStatus::StillAlive => {
                    assert!(Instant::now() < until, "the REPL did not end");
                    std::thread::sleep(Duration::from_millis(20));
                }
                WaitStatus::Exited(_, code) => return code,
                other => panic!("ended by {other:?}"),
            }
        }
    }
}

/// The number in the first table cell that holds only a number.
fn number(out: &str) -> usize {
    out.lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .find_map(|cell| cell.parse().ok())
        .unwrap_or_else(|| panic!("no number in {out}"))
}

#[test]
fn a_query_over_several_lines_runs_when_complete() {
    let w = World::new();
    let mut t = w.repl();
    t.line("SELECT ?c");
    t.expect("   ...> ");
    t.line("WHERE {");
    t.expect("   ...> ");
    t.line("  ?c a :Country }");
    let out = t.prompt();
    assert!(
        out.contains("id:belarus") && out.contains("id:azerbaijan"),
        "{out}"
    );
    assert!(out.contains("5 rows ("), "{out}");
    // Lines that continue a complete query are not needed, but a blank
    // line sends an incomplete one, which shows where it stops.
    t.line("SELECT ?c WHERE { ?c a :Country");
    t.expect("   ...> ");
    t.line("");
    let out = t.prompt();
    assert!(out.contains("input:1:"), "{out}");
    assert!(out.contains("SPARQL syntax error"), "{out}");
    // An update, then a query that sees it.
    t.line("INSERT DATA { id:test-plant a :Company ;");
    t.expect("   ...> ");
    let out = t.run("  rdfs:label \"Test Plant\"@en }");
    assert!(out.contains("update done"), "{out}");
    let out = t.run("ASK { id:test-plant a :Company }");
    assert!(out.contains("true"), "{out}");
    // Several statements pasted at once run one after another; while the
    // last is unfinished, all of it stays in the editor.
    t.send("\u{1b}[200~ASK { id:belarus a :Country }\n\nASK { id:nowhere a :Country }\nSELECT ?c\u{1b}[201~");
    t.expect("SELECT ?c");
    t.send("\r");
    // (The editor shows all of it again after each key.)
    t.send("WHERE { ?c a :Country } LIMIT 1");
    t.expect("LIMIT 1");
    t.send("\r");
    let out = t.expect("1 row");
    t.prompt();
    let (first, rest) = out.split_once("true").expect(&out);
    assert!(!first.contains("false"), "{out}");
    assert!(rest.contains("false") && rest.contains("1 row"), "{out}");
    t.send("\u{4}");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn tab_completes_keywords_prefixes_and_entities_by_label() {
    let w = World::new();
    let mut t = w.repl();
    t.send("SEL\t");
    t.expect("SELECT ");
    t.send("?p WHERE { Mins\t");
    t.expect("id:minsk-tractor-works");
    let out = t.run(" ?p ?o }");
    assert!(out.contains("nkg:country"), "{out}");
    assert!(out.contains("rdfs:label"), "{out}");
    // Lower case stays lower case; prefixes and prefixed names.
    t.send("ask { ?x a :Cou\t");
    t.expect(":Country");
    let out = t.run(" }");
    assert!(out.contains("true"), "{out}");
    // A label in Russian.
    t.send("ASK { Минский тр\t");
    t.expect("id:minsk-tractor-works");
    let out = t.run(" ?p ?o }");
    assert!(out.contains("true"), "{out}");
    // Meta-commands and their arguments.
    t.send(".form\t");
    t.expect(".format ");
    t.send("cs\t");
    t.expect("csv");
    t.run("");
    let out = t.run(".format");
    assert!(out.contains("format: csv"), "{out}");
    std::fs::write(w.path("extra-notes.ttl"), "").unwrap();
    t.send(".load extra-no\t");
    t.expect("extra-notes.ttl");
    t.send("\u{15}"); // Ctrl-U: clear the line
    t.run("");
}

#[test]
fn a_parse_error_shows_where_and_the_session_goes_on() {
    let w = World::new();
    let mut t = w.repl();
    // Wrong, though it could be the start of a query: a blank line sends it.
    t.line("SELECT ?x WHERE { ?x ?p ?o FILTER(?x = ) }");
    t.expect("   ...> ");
    let out = t.run("");
    assert!(out.contains("input:1:"), "{out}");
    assert!(out.contains("SPARQL syntax error"), "{out}");
    assert!(out.contains('^'), "{out}");
    let out = t.run("SELECT ?c WHERE { ?c a :Country } ORDER BY ?c LIMIT 1");
    assert!(out.contains("id:armenia") && out.contains("1 row"), "{out}");
    // On a later line of a statement, the line is counted.
    t.line("SELECT ?x");
    t.expect("   ...> ");
    let out = t.run("WHERE { ?x ?p \"open }");
    assert!(out.contains("input:2:15:"), "{out}");
    assert!(out.contains("unterminated string literal"), "{out}");
    // A typo in the first keyword is named at once.
    let out = t.run("SELEC ?x WHERE { ?x ?p ?o }");
    assert!(out.contains("SELEC cannot begin a statement"), "{out}");
    // An evaluation error says what went wrong.
    let out = t.run("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }");
    assert!(out.contains("query failed"), "{out}");
    let out = t.run("ASK { id:belarus a :Country }");
    assert!(out.contains("true"), "{out}");
}

#[test]
fn ctrl_c_abandons_input_and_cancels_a_long_query() {
    let w = World::new();
    let mut t = w.repl();
    // Ctrl-C while typing: the statement begun is dropped.
    t.line("SELECT ?c WHERE {");
    t.expect("   ...> ");
    t.send("?c a");
    t.send("\u{3}");
    t.expect("newskg> ");
    let out = t.run("ASK { id:belarus a :Country }");
    assert!(out.contains("true"), "{out}");
    // A query that would run for a long time: a three-way cross join.
    t.line("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?s ?t }");
    t.read_for(Duration::from_millis(1500));
    assert!(!t.unread().contains("row"), "the query ended before Ctrl-C");
    let pressed = Instant::now();
    t.send("\u{3}");
    let out = t.prompt();
    assert!(out.contains("cancelled"), "{out}");
    assert!(
        pressed.elapsed() < Duration::from_secs(20),
        "{:?}",
        pressed.elapsed()
    );
    let out = t.run("ASK { id:belarus a :Country }");
    assert!(out.contains("true"), "{out}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn history_survives_a_restart() {
    let w = World::new();
    let mut t = w.repl();
    t.line("SELECT ?c");
    t.expect("   ...> ");
    let out = t.run("WHERE { ?c a :Country } ORDER BY DESC(?c) LIMIT 1");
    assert!(out.contains("id:russia"), "{out}");
    t.run(".timer off");
    t.send("\u{4}");
    assert_eq!(t.exit_code(), 0);
    let kept = std::fs::read_to_string(w.history()).unwrap();
    assert!(kept.contains(".timer off"), "{kept}");

    let mut t = w.repl();
    // Up: the last entry; Up again: the query, both of its lines.
    t.send("\u{1b}[A");
    t.expect(".timer off");
    t.send("\u{1b}[A");
    t.expect("LIMIT 1");
    t.send("\r");
    let out = t.prompt();
    assert!(out.contains("id:russia") && out.contains("1 row"), "{out}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);

    // Without XDG_DATA_HOME, ~/.local/share; a history that cannot be
    // written is a warning, not an end.
    let mut t = w.repl_with(&[("NO_COLOR", Some("1")), ("XDG_DATA_HOME", None)]);
    t.run("ASK {}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);
    assert!(w.path("home/.local/share/newskg/history").is_file());
    std::fs::write(w.path("not-a-folder"), "").unwrap();
    let mut t = w.repl_with(&[
        ("NO_COLOR", Some("1")),
        (
            "XDG_DATA_HOME",
            Some(w.path("not-a-folder").to_str().unwrap()),
        ),
    ]);
    let out = t.run("ASK { id:belarus a :Country }");
    assert!(out.contains("warning: the history cannot be kept"), "{out}");
    let out = t.run("ASK { id:belarus a :Country }");
    assert!(out.contains("true") && !out.contains("warning"), "{out}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn settings_and_output_meta_commands() {
    let w = World::new();
    let mut t = w.repl();
    let help = t.run(".help");
    for name in [
        ".help",
        ".quit, .exit",
        ".format",
        ".timer",
        ".maxrows",
        ".output",
        ".prefixes",
        ".load",
        ".build",
        ".export",
        ".check",
        ".stats",
        ".graphs",
        ".describe",
        ".read",
    ] {
        assert!(help.contains(name), "{name}: {help}");
    }
    let countries = "SELECT ?c WHERE { ?c a :Country } ORDER BY ?c";
    t.run(".format csv");
    let out = t.run(countries);
    assert!(
        out.contains("c\n") && out.contains("http://newskg.org/id/belarus"),
        "{out}"
    );
    assert!(out.contains("5 rows"), "{out}");
    t.run(".format json");
    let out = t.run(countries);
    assert!(out.contains("\"bindings\""), "{out}");
    t.run(".format turtle");
    let out = t.run("CONSTRUCT { ?c a :Country } WHERE { ?c a :Country }");
    assert!(
        out.contains("@prefix") && out.contains("id:belarus"),
        "{out}"
    );
    let out = t.run(".format yaml");
    assert!(out.contains("unknown format \"yaml\""), "{out}");
    t.run(".format table");
    let out = t.run(".timer");
    assert!(out.contains("timer: on"), "{out}");
    t.run(".timer off");
    let out = t.run(countries);
    assert!(out.contains("5 rows\n") && !out.contains(" ms)"), "{out}");
    t.run(".timer on");
    t.run(".maxrows 2");
    let out = t.run(countries);
    assert!(
        out.contains("id:armenia") && !out.contains("id:russia"),
        "{out}"
    );
    assert!(out.contains("... 3 more rows not shown"), "{out}");
    assert!(out.contains("5 rows ("), "{out}");
    let out = t.run(".maxrows");
    assert!(out.contains("maxrows: 2"), "{out}");
    // Results sent to a file are written whole.
    let file = w.path("countries.tsv");
    t.run(".format tsv");
    let out = t.run(&format!(".output {}", file.display()));
    assert!(out.contains("results go to"), "{out}");
    t.run(countries);
    t.run(".output");
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), 6, "{written}");
    let out = t.run(".output /no/such/folder/x.tsv");
    assert!(out.contains("cannot write"), "{out}");
    t.run(".format table");
    t.run(".maxrows off");
    let out = t.run(countries);
    assert!(out.contains("id:russia"), "{out}");
    // Prefixes: the predeclared ones and the session's.
    let out =
        t.run("PREFIX ex: <http://example.org/> SELECT (COUNT(*) AS ?n) WHERE { ?s ex:p ?o }");
    assert!(out.contains("1 row"), "{out}");
    let out = t.run(".prefixes");
    assert!(
        out.contains("id:") && out.contains("<http://newskg.org/id/>"),
        "{out}"
    );
    assert!(out.contains("ex:") && out.contains("this session"), "{out}");
    let out = t.run("ASK { ?s ex:p ?o }");
    assert!(
        out.contains("false"),
        "the session's prefix is declared: {out}"
    );
    let out = t.run(".nope");
    assert!(out.contains("unknown command .nope"), "{out}");
    t.line(".exit");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn data_meta_commands() {
    let w = World::new();
    let mut t = w.repl();
    let count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }";
    let before = number(&t.run(count));
    // .load: a missing file, a malformed one (nothing written), a good one.
    let out = t.run(".load missing.ttl");
    assert!(out.contains("missing.ttl"), "{out}");
    let broken = root().join("tests/fixtures/broken.ttl");
    let out = t.run(&format!(".load {}", broken.display()));
    assert!(out.contains("nothing from this file was loaded"), "{out}");
    assert_eq!(number(&t.run(count)), before);
    let extra = root().join("tests/fixtures/extra.ttl");
    let out = t.run(&format!(
        ".load {} <http://example.org/notes>",
        extra.display()
    ));
    assert!(out.contains("loaded 2 statements"), "{out}");
    let out = t.run(".graphs");
    assert!(
        out.contains("<http://example.org/notes>") && out.contains("article:"),
        "{out}"
    );
    // Loaded names are offered by completion at once.
    t.send("DESCRIBE first no\t");
    t.expect("<http://example.org/note1>");
    let out = t.run("");
    assert!(out.contains("first note"), "{out}");
    // .build: an unchanged article, then a new one.
    let out = t.run(&format!(".build {}", root().join("corpus").display()));
    assert!(out.contains("Nothing changed"), "{out}");
    let more = w.path("more");
    std::fs::create_dir(&more).unwrap();
    std::fs::write(
        more.join("a.txt"),
        "Belarus and Azerbaijan signed an agreement on cooperation in Baku on Monday.\n",
    )
    .unwrap();
    let out = t.run(&format!(".build {}", more.display()));
    assert!(out.contains("1 new"), "{out}");
    // .export, .check, .stats, .describe, .read.
    let exported = w.path("graph.nt");
    let out = t.run(&format!(".export {}", exported.display()));
    assert!(out.contains("wrote") && exported.is_file(), "{out}");
    let out = t.run(&format!(
        ".check {}",
        root().join("queries/ontology-loaded.rq").display()
    ));
    assert!(out.contains("PASS") && out.contains("1 passed"), "{out}");
    let out = t.run(".stats");
    assert!(
        out.contains("articles") && out.contains("entities by class"),
        "{out}"
    );
    let out = t.run(".describe Minsk Tractor Works");
    assert!(
        out.contains("id:minsk-tractor-works") && out.contains("nkg:Company"),
        "{out}"
    );
    let out = t.run(".describe id:nowhere-at-all");
    assert!(out.contains("0 triples"), "{out}");
    let out = t.run(".describe No Such Label");
    assert!(out.contains("no entity is labelled"), "{out}");
    let script = w.path("script.rq");
    std::fs::write(
        &script,
        "# two statements and a setting\n.timer off\nSELECT ?c WHERE { ?c a :Country }\nORDER BY ?c\nLIMIT 2\n\nASK { id:belarus a :Country }\n",
    )
    .unwrap();
    let out = t.run(&format!(".read {}", script.display()));
    assert!(
        out.contains("id:armenia") && out.contains("2 rows\n"),
        "{out}"
    );
    assert!(out.contains("true"), "{out}");
    let out = t.run(".read missing.rq");
    assert!(out.contains("missing.rq"), "{out}");
    t.send("\u{4}");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn bad_input_gets_a_message_and_the_prompt_comes_back() {
    let w = World::new();
    let mut t = w.repl();
    // A query of a megabyte, pasted.
    let values: Vec<String> = (0..200_000).map(|i| i.to_string()).collect();
    let big = format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?x {{ {} }} }}",
        values.join(" ")
    );
    assert!(big.len() > 1_000_000);
    // (The editor shows a pasted line again, after the prompt: wait for it.)
    t.send(&format!("\u{1b}[200~{big}\u{1b}[201~"));
    t.expect("199999 } }");
    t.send("\r");
    let out = t.prompt();
    assert!(
        out.contains("200000"),
        "{}",
        &out[out.len().saturating_sub(2000)..]
    );
    // Binary garbage, pasted.
    t.send("\u{1b}[200~\u{1}\u{2}\u{7f}garbage\u{fffd}\u{80}\u{1b}[201~");
    t.expect("garbage");
    t.send("\r");
    let out = t.prompt();
    assert!(out.contains("has no place in SPARQL"), "{out}");
    // Brackets a hundred thousand deep.
    t.send(&format!(
        "\u{1b}[200~ASK {}\u{1b}[201~",
        "{".repeat(100_000)
    ));
    t.expect(&"{".repeat(100));
    t.send("\r");
    t.expect("   ...> ");
    t.send(&format!("\u{1b}[200~{}\u{1b}[201~", "}".repeat(100_000)));
    t.expect(&"}".repeat(100));
    t.send("\r");
    let out = t.prompt();
    assert!(out.contains("brackets nest 100000 deep"), "{out}");
    // Ten million rows: a few are shown, the rest counted, not kept.
    let out = t.run("SELECT * WHERE { ?a ?p ?o . ?b ?q ?r . ?c ?s ?t }");
    assert!(
        out.contains("more rows not shown"),
        "{}",
        &out[out.len() - 500..]
    );
    assert!(out.contains("at least"), "{}", &out[out.len() - 500..]);
    let out = t.run("ASK { id:belarus a :Country }");
    assert!(out.contains("true"), "{out}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn colours_only_without_no_color() {
    let w = World::new();
    let mut t = w.repl_with(&[]);
    t.send("SELECT ?x");
    t.read_for(Duration::from_millis(500));
    let raw = String::from_utf8_lossy(&t.raw).into_owned();
    assert!(raw.contains("\u{1b}[1;34mSELECT"), "{raw:?}");
    assert!(raw.contains("\u{1b}[35m?x"), "{raw:?}");
    t.send("\u{15}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);

    let mut t = w.repl();
    t.send("SELECT ?x");
    t.read_for(Duration::from_millis(500));
    let raw = String::from_utf8_lossy(&t.raw).into_owned();
    assert!(!raw.contains("\u{1b}[1;34m"), "{raw:?}");
    t.send("\u{15}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);
}

#[test]
fn piped_input_runs_without_prompts_and_sets_the_exit_code() {
    let w = World::new();
    let script = "# a saved query, as in queries/\n\
                  SELECT ?c WHERE { ?c a :Country }\n\
                  ORDER BY ?c\n\
                  .format csv\n\
                  ASK { id:belarus a :Country }\n";
    let (code, out, err) = w.piped(script.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(!out.contains("newskg>") && !out.contains("...>"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colours: {out:?}");
    assert!(
        out.contains("id:armenia") && out.contains("5 rows\n"),
        "{out}"
    );
    assert!(out.contains("true"), "{out}");

    // A failing statement: the others still run, exit 1, the line is named.
    let script = "ASK { id:belarus a :Country }\n\
                  SELECT ?x WHERE { ?x ?p \"open }\n\
                  .load nowhere.ttl\n\
                  ASK { id:russia a :Country }\n";
    let (code, out, err) = w.piped(script.as_bytes());
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(err.contains("<stdin>:2:25: SPARQL syntax error"), "{err}");
    assert!(err.contains("<stdin>:3: .load: nowhere.ttl"), "{err}");
    assert_eq!(out.matches("true").count(), 2, "{out}");

    // Binary garbage: lines that are not text are named, nothing panics.
    let mut garbage: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    garbage.extend_from_slice(b"\nASK { id:belarus a :Country }\n");
    let (code, out, err) = w.piped(&garbage);
    assert_eq!(code, 1);
    assert!(err.contains("not UTF-8 text"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.contains("true"), "{out}");

    // A store in use by another process: one sentence, exit 2.
    {
        let _held = newskg::store::Store::open(&w.store(), newskg::store::Access::Write).unwrap();
        let (code, _, err) = w.piped(b"ASK {}\n");
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is being written by process"), "{err}");
    }

    // .quit stops reading; an update is written.
    let (code, _, err) = w.piped(b"INSERT DATA { id:piped a :Company }\n.quit\nSELEC nothing\n");
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = w.piped(b"ASK { id:piped a :Company }\n");
    assert_eq!(code, 0);
    assert!(out.contains("true"), "{out}");
}

#[test]
fn a_missing_store_is_created_empty() {
    let w = World::new();
    let store = w.path("new-kg");
    let mut t = w.repl_on(&store, &[("NO_COLOR", Some("1"))]);
    let banner = String::from_utf8_lossy(&t.raw).into_owned();
    assert!(banner.contains("(a new, empty store)"), "{banner}");
    let out = t.run(".stats");
    assert!(out.contains("0 articles"), "{out}");
    let out = t.run("INSERT DATA { id:x rdfs:label \"X\" }");
    assert!(out.contains("update done"), "{out}");
    t.line(".quit");
    assert_eq!(t.exit_code(), 0);
    assert!(store.is_dir());
    let (code, out, _) = w.piped_on(&store, b"ASK { id:x rdfs:label \"X\" }\n");
    assert_eq!(code, 0);
    assert!(out.contains("true"), "{out}");
}

#[test]
fn path_meta_commands() {
    let w = World::new();
    let (code, out, err) = w.piped(b".path 'Minsk Tractor Works' Russia\n.neighbors Belarus 1\n");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Minsk Tractor Works \u{2192} Russia: 3 hops"),
        "{out}"
    );
    assert!(
        out.contains("Minsk Tractor Works \u{2014}country\u{2192} Belarus (Trend, 2018-08-20"),
        "{out}"
    );
    assert!(out.contains("Belarus (id:belarus):"), "{out}");
    // No path, an unknown entity, a bad argument: a message each, exit 1.
    let (code, out, err) =
        w.piped(b".path Armenia Russia\n.path Nowhere Russia\n.neighbors Belarus many\n");
    assert_eq!(code, 1);
    assert!(out.contains("No path connects Armenia and Russia"), "{out}");
    assert!(err.contains("no entity is called \"Nowhere\""), "{err}");
    assert!(err.contains("is not a number of hops"), "{err}");
}
