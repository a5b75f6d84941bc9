//! Many readers or one writer on one store directory: real newskg processes
//! at once (REPLs kept open, commands beside them), on a real on-disk store.

mod common;

use common::{built_store, newskg};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};
use std::time::Duration;

fn spawn(store: &Path, args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .env_remove("NEWSKG_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(store)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A REPL left open, fed statements through a pipe.
struct Repl {
    child: Child,
    out: BufReader<ChildStdout>,
}

impl Repl {
    fn open(store: &Path) -> Repl {
        let mut child = spawn(store, &["repl"]);
        let out = BufReader::new(child.stdout.take().unwrap());
        let mut r = Repl { child, out };
        // It answers once it has the store open.
        assert_eq!(r.ask("ASK { ?s ?p ?o }"), "true");
        r
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn send(&mut self, line: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        // A blank line ends the statement (else it waits for what follows).
        writeln!(stdin, "{line}\n").unwrap();
        stdin.flush().unwrap();
    }

    /// The answer of an ASK (after the statements sent before it ran).
    fn ask(&mut self, query: &str) -> String {
        self.send(query);
        loop {
            let mut line = String::new();
            assert!(self.out.read_line(&mut line).unwrap() > 0, "the REPL ended");
            let line = line.trim();
            if line == "true" || line == "false" {
                return line.to_string();
            }
        }
    }

    /// Ends the session: its exit status and what it said on stderr.
    fn close(mut self) -> (i32, String) {
        drop(self.child.stdin.take());
        let out = self.child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Reads a waiting process's stderr up to its "waiting for" line.
fn waiting_line(err: &mut BufReader<ChildStderr>) -> String {
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.contains("waiting for"), "{line}");
    line
}

fn still_running(child: &mut Child) -> bool {
    std::thread::sleep(Duration::from_millis(300));
    child.try_wait().unwrap().is_none()
}

fn ask(store: &Path, query: &str) -> String {
    let out = newskg(store)
        .args(["query", query, "--format", "tsv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn readers_share_a_store_and_a_writer_names_them_or_waits() {
    let (_dir, store) = built_store();
    let first = Repl::open(&store);
    let mut second = Repl::open(&store);

    // Three, four processes reading at once.
    assert_eq!(ask(&store, "ASK { ?a a :Article }"), "true");
    for args in [
        &["stats"][..],
        &["export", "--format", "nt"],
        &["neighbors", "Belarus"],
    ] {
        let out = newskg(&store).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // A write is refused, naming both readers.
    for args in [
        &["update", "INSERT DATA { id:refused a :Company }"][..],
        &["build", "--quiet", "corpus"],
    ] {
        let out = newskg(&store).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("open for reading by processes"), "{err}");
        for pid in [first.pid(), second.pid()] {
            assert!(err.contains(&format!("{pid} (newskg --store")), "{err}");
        }
        assert!(err.contains("repl"), "{err}");
        assert!(err.contains("--wait"), "{err}");
    }

    // With --wait it waits for every reader, then writes.
    let mut writer = spawn(
        &store,
        &["--wait", "update", "INSERT DATA { id:waited a :Company }"],
    );
    let mut err = BufReader::new(writer.stderr.take().unwrap());
    let line = waiting_line(&mut err);
    assert!(line.contains(&first.pid().to_string()), "{line}");
    assert!(still_running(&mut writer));
    assert_eq!(first.close().0, 0);
    assert!(still_running(&mut writer), "one reader is still open");
    assert_eq!(second.ask("ASK { id:waited ?p ?o }"), "false");
    assert_eq!(second.close().0, 0);
    assert!(writer.wait().unwrap().success());
    assert_eq!(ask(&store, "ASK { id:waited a :Company }"), "true");
}

#[test]
fn nothing_reads_a_store_while_another_process_writes_it() {
    let (_dir, store) = built_store();
    let me = std::process::id();
    let writer = newskg::store::Store::open(&store, newskg::store::Access::Write).unwrap();
    let out = newskg(&store).args(["query", "ASK {}"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("is being written by process {me}")),
        "{err}"
    );

    let mut reader = spawn(
        &store,
        &[
            "--wait",
            "query",
            "ASK { id:late a :Company }",
            "--format",
            "tsv",
        ],
    );
    let mut err = BufReader::new(reader.stderr.take().unwrap());
    assert!(waiting_line(&mut err).contains(&format!("process {me}")));
    // What the writer commits before letting go is what the reader sees.
    newskg::query::run_update(&writer, "INSERT DATA { id:late a :Company }", "test").unwrap();
    assert!(still_running(&mut reader));
    drop(writer);
    let out = reader.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "true");
}

#[test]
fn a_repl_holds_the_store_to_write_only_for_the_statement_that_writes() {
    let (_dir, store) = built_store();
    let mut session = Repl::open(&store);

    // Another REPL's update is refused while this one reads; the other
    // REPL's session goes on.
    let mut other = spawn(&store, &["repl"]);
    other
        .stdin
        .take()
        .unwrap()
        .write_all(b"INSERT DATA { id:other a :Company }\nASK { ?s ?p ?o }\n")
        .unwrap();
    let out = other.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("<stdin>:1: the store {}", store.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("open for reading by process {}", session.pid())),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "true");

    // Alone, it writes, and goes back to reading: others read beside it.
    session.send("INSERT DATA { id:mine a :Company }");
    assert_eq!(session.ask("ASK { id:mine a :Company }"), "true");
    assert_eq!(ask(&store, "ASK { id:mine a :Company }"), "true");
    assert_eq!(ask(&store, "ASK { id:other a :Company }"), "false");
    let (code, err) = session.close();
    assert_eq!(code, 0, "{err}");
}
