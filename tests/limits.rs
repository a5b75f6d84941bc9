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
    stopped_at_one_second(&store, CROSS_JOIN);
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
fn a_join_that_does_not_look_at_the_timeout_still_ends_with_the_sentence() {
    let (_dir, store) = built_store();
    // Four unrelated patterns: the join never checks for cancellation.
    let join = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    stopped_at_one_second(&store, join);
}

/// `query` with `--timeout 1` ends with exit 2 and the one sentence.
fn stopped_at_one_second(store: &std::path::Path, query: &str) {
    let out = newskg(store)
        .args(["--timeout", "1", "query", query, "--format", "csv"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ran past the timeout of 1 s and was stopped (--timeout SECS allows longer)"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
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

#[test]
fn an_article_over_the_size_limit_is_one_error_and_the_others_are_built() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    std::fs::write(
        &feed,
        format!(
            "{{\"text\":\"Belarus and Russia signed an agreement. {}\"}}\n\
             {{\"text\":\"Belarus and Azerbaijan signed an agreement.\"}}\n",
            "a".repeat(3000)
        ),
    )
    .unwrap();
    let store = dir.path().join("kg");
    let out = newskg(&store)
        .args(["build", "-q", "--max-article-bytes", "1000"])
        .arg(&feed)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("feed.jsonl:1: the article's text is 3040 bytes, more than the limit of 1000 (--max-article-bytes)"),
        "{stderr}"
    );
    assert!(
        stdout.contains("1 new, 0 changed, 0 unchanged, 1 failed"),
        "{stdout}"
    );
    // The default takes both.
    let out = newskg(&store)
        .args(["extract", "--format", "nt"])
        .arg(&feed)
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn a_page_nested_ten_thousand_deep_is_read_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    std::fs::write(
        &page,
        format!(
            "<html><body>{}<p>Belarus and Russia signed an agreement.</p>{}<script>x()</script></body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        ),
    )
    .unwrap();
    let out = newskg(&dir.path().join("kg"))
        .args(["extract", "--format", "nt"])
        .arg(&page)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("signedAgreementWith"));
}

#[test]
fn service_and_load_to_other_servers_are_refused_with_a_sentence() {
    let (_dir, store) = built_store();
    // A listener that would notice being asked: nothing may connect to it.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/sparql", listener.local_addr().unwrap());
    let before = common::stdout_of(newskg(&store).args([
        "query",
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
        "--format",
        "csv",
    ]));

    let out = newskg(&store)
        .args([
            "query",
            &format!("SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"),
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("SERVICE <{url}> would query another server")),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let out = newskg(&store)
        .args(["update", &format!("LOAD <{url}> INTO GRAPH <urn:x>")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("LOAD <{url}> would fetch from outside the store")),
        "{err}"
    );
    assert!(listener.accept().is_err(), "newskg connected to {url}");

    // SERVICE SILENT is answered as the standard says: no rows from it.
    let silent = common::stdout_of(newskg(&store).args([
        "query",
        &format!("SELECT (COUNT(*) AS ?n) {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"),
        "--format",
        "csv",
    ]));
    assert_eq!(silent, "n\r\n1\r\n");
    // Nothing was written.
    let after = common::stdout_of(newskg(&store).args([
        "query",
        "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }",
        "--format",
        "csv",
    ]));
    assert_eq!(before, after);
}

#[test]
fn file_names_with_line_breaks_and_bytes_that_are_not_utf8_are_kept_apart_and_named_on_one_line() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let corpus: Vec<std::path::PathBuf> = {
        let mut v: Vec<_> = std::fs::read_dir(common::root().join("corpus"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    };
    let name = |bytes: &[u8]| input.join(OsStr::from_bytes(bytes));
    std::fs::copy(&corpus[0], name(b"line\nbreak.txt")).unwrap();
    std::fs::copy(&corpus[1], name(b"bad\xff\xfe.txt")).unwrap();
    std::fs::copy(&corpus[2], name(b"bad\xfe\xff.txt")).unwrap();
    std::fs::write(name(b"no\ntext.jsonl"), "{\"text\": 5}\n").unwrap();

    let store = dir.path().join("kg");
    let out = newskg(&store).arg("build").arg(&input).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    // The broken file is one error on one line, its name escaped.
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("in/no\\ntext.jsonl:1: record has no text"),
        "{err}"
    );
    // Two names that differ only in bytes that are not UTF-8 are two articles.
    let sources = common::stdout_of(newskg(&store).args([
        "query",
        "SELECT ?src { ?a nkg:source ?src } ORDER BY ?src",
        "--format",
        "tsv",
    ]));
    let sources: Vec<&str> = sources.lines().skip(1).collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(
        sources
            .iter()
            .any(|s| s.ends_with("in/bad\\\\xFE\\\\xFF.txt\"")),
        "{sources:?}"
    );
    assert!(
        sources
            .iter()
            .any(|s| s.ends_with("in/bad\\\\xFF\\\\xFE.txt\"")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("in/line\\nbreak.txt\"")),
        "{sources:?}"
    );
    // A second build finds them all unchanged.
    let again = newskg(&store).arg("build").arg(&input).output().unwrap();
    let summary = String::from_utf8_lossy(&again.stdout);
    assert!(
        summary.contains("0 new, 0 changed, 3 unchanged, 1 failed"),
        "{summary}"
    );
}

#[test]
fn a_path_search_past_its_steps_stops_and_says_so() {
    let (_dir, store) = built_store();
    let args = ["path", "Belarus", "Russia", "--all", "--max-hops", "6"];
    let full = common::stdout_of(newskg(&store).args(args));
    assert!(!full.contains("search stopped"), "{full}");
    let out = newskg(&store)
        .args(args)
        .args(["--max-search", "50"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("of at most 6 hops found before the search stopped"),
        "{text}"
    );
    assert!(
        text.contains("The search stopped after 50 steps, so paths it did not reach are missing"),
        "{text}"
    );
    // The best path is the best there is: the same as with no limit.
    let first = |t: &str| {
        t.lines()
            .skip_while(|l| !l.starts_with("1. "))
            .nth(1)
            .map(str::to_string)
    };
    assert_eq!(first(&text), first(&full), "{text}\n---\n{full}");
    let json = common::stdout_of(newskg(&store).args(args).args([
        "--max-search",
        "50",
        "--format",
        "json",
    ]));
    assert!(json.contains("\"search_stopped_after\": 50"), "{json}");
    // --max-search goes with --all only.
    newskg(&store)
        .args(["path", "Belarus", "Russia", "--max-search", "5"])
        .assert()
        .code(2);
}

#[test]
fn property_paths_over_the_whole_graph_answer_or_stop_at_the_timeout() {
    let (_dir, store) = built_store();
    // Everything reachable from everything: answered.
    let n = common::stdout_of(newskg(&store).args([
        "query",
        "SELECT (COUNT(*) AS ?n) { ?s (!rdf:type)* ?o }",
        "--format",
        "csv",
    ]));
    assert!(
        n.starts_with("n\r\n") && n.trim().lines().nth(1).unwrap().parse::<u64>().unwrap() > 1000
    );
    // Paths joined with paths: stopped with the sentence.
    stopped_at_one_second(
        &store,
        "SELECT (COUNT(*) AS ?n) { ?s (!rdf:type)+/(!rdf:type)+ ?o . ?o (<urn:x>|!<urn:y>)* ?z }",
    );
}
