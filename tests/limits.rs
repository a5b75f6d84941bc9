//! Limits users meet, each with a default and a flag, each reached with one
//! sentence instead of a hang: the query timeout (`--timeout`, the REPL's
//! `.timeout`), and hostile pages that used to take minutes.

mod common;

use common::{built_store, newskg};
use std::io::Write;
use std::process::Stdio;

/// A query that would run for hours on any store with triples.
const CROSS_JOIN: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn a_query_past_the_timeout_is_stopped_with_a_sentence() {
    let (_dir, store) = built_store();
    let out = newskg(&store)
        .args(["--timeout", "1", "query", CROSS_JOIN, "--format", "csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ran past the timeout of 1 s and was stopped (--timeout SECS allows longer)"),
        "{err}"
    );
    // Within the limit, the same flag changes nothing.
    let out = newskg(&store)
        .args([
            "--timeout",
            "5",
            "query",
            "ASK { ?s ?p ?o }",
            "--format",
            "tsv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn the_repl_stops_a_statement_past_its_timeout_and_goes_on() {
    let (_dir, store) = built_store();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .env_remove("NEWSKG_STORE")
        .arg("--store")
        .arg(&store)
        .arg("repl")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let script = format!(
        ".timeout\n.timeout 1\n.timeout\n{CROSS_JOIN}\n\n.timeout off\n.timeout\n.timeout soon\nASK {{ ?s ?p ?o }}\n"
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("timeout: 300 s"), "{stdout}");
    assert!(stdout.contains("timeout: 1 s"), "{stdout}");
    assert!(stdout.contains("timeout: off"), "{stdout}");
    assert!(
        stderr.contains("<stdin>:4: stopped: the statement ran past the timeout of 1 s"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\"soon\" is not a number of seconds"),
        "{stderr}"
    );
    assert!(
        stdout.trim_end().ends_with("true"),
        "the session went on: {stdout}"
    );
}
