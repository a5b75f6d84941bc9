//! The same commands against real SPARQL servers (`oxigraph serve` and
//! Virtuoso, see `common::servers`): the graph a server holds after `build`
//! is the graph an embedded store holds, and every reading command answers
//! the same.

mod common;

use assert_cmd::Command;
use common::servers::{named_graph_quads, remote, server, virtuoso, VIRTUOSO_MAX_ROWS};
use common::{newskg, root, stdout_of};
use predicates::prelude::*;
use std::net::TcpListener;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    root().join("corpus")
}

fn copy_corpus(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(corpus()).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn local_store(corpus: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    newskg(&store)
        .args(["build", "--quiet"])
        .arg(corpus)
        .assert()
        .success();
    (dir, store)
}

/// Changes the first article in `articles`, removes the second, and builds
/// again on the server at `url` with `--prune`: one replaced, one dropped.
fn change_one_remove_one_and_rebuild(url: &str, articles: &Path) {
    let mut names: Vec<_> = std::fs::read_dir(articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let text = std::fs::read_to_string(&names[0]).unwrap();
    std::fs::write(
        &names[0],
        text.replacen(". ", ". Nothing else was said. ", 1),
    )
    .unwrap();
    std::fs::remove_file(&names[1]).unwrap();
    remote(url)
        .args(["build", "--prune", "--quiet"])
        .arg(articles)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 new, 1 changed, 3 unchanged, 0 failed, 1 pruned",
        ));
}

#[test]
fn a_build_on_a_server_holds_what_an_embedded_build_holds_and_stays_incremental() {
    let Some(server) = server() else { return };
    let work = tempfile::tempdir().unwrap();
    let articles = work.path().join("corpus");
    copy_corpus(&articles);

    remote(&server.url)
        .arg("build")
        .arg(&articles)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Built {}: 5 new, 0 changed",
            server.url
        )))
        .stdout(predicate::str::contains("facts by predicate"));
    let (_keep, store) = local_store(&articles);
    let export = |c: &mut Command| stdout_of(c.args(["export", "--format", "nq"]));
    let embedded = export(&mut newskg(&store));
    assert!(embedded.lines().count() > 100);
    assert_eq!(export(&mut remote(&server.url)), embedded);

    remote(&server.url)
        .arg("build")
        .arg(&articles)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing changed: all 5 articles"));

    // One article changed, one gone: replaced and pruned whole, and the
    // default graph still the merge of what the articles state.
    change_one_remove_one_and_rebuild(&server.url, &articles);
    let (_keep2, store2) = local_store(&articles);
    assert_eq!(
        export(&mut remote(&server.url)),
        export(&mut newskg(&store2))
    );
}

#[test]
fn reading_commands_answer_the_same_from_a_server() {
    let Some(server) = server() else { return };
    remote(&server.url)
        .args(["build", "--quiet"])
        .arg(corpus())
        .assert()
        .success();
    let (_keep, store) = local_store(&corpus());
    let same = |args: &[&str]| {
        let embedded = stdout_of(newskg(&store).args(args));
        let served = stdout_of(remote(&server.url).args(args));
        assert_eq!(served, embedded, "newskg {args:?}");
        served
    };
    let rows = same(&[
        "query",
        "SELECT ?a ?b WHERE { ?a :partnersWith ?b } ORDER BY ?a ?b",
        "--format",
        "tsv",
    ]);
    assert!(rows.lines().count() > 1, "{rows}");
    same(&["query", "ASK { ?a :investsIn ?b }", "--format", "json"]);
    for format in ["csv", "tsv", "json", "xml"] {
        same(&[
            "query",
            "SELECT ?a ?b WHERE { ?a :investsIn ?b } ORDER BY ?a ?b",
            "--format",
            format,
        ]);
    }
    same(&[
        "query",
        "CONSTRUCT { ?a :country ?c } WHERE { ?a :country ?c } ORDER BY ?a",
        "--format",
        "nt",
    ]);
    same(&["stats", "--format", "json"]);
    // (Timings aside.)
    let check = |c: &mut Command| -> String {
        stdout_of(c.args(["check", "--format", "json", "queries/"]))
            .lines()
            .filter(|l| !l.contains("\"time_ms\""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(check(&mut remote(&server.url)), check(&mut newskg(&store)));
    let work = tempfile::tempdir().unwrap();
    let junit = work.path().join("junit.xml");
    remote(&server.url)
        .args(["check", "queries/", "--junit"])
        .arg(&junit)
        .assert()
        .success();
    let report = std::fs::read_to_string(&junit).unwrap();
    assert!(report.contains("<testsuite") && report.contains("failures=\"0\""));
    same(&["neighbors", "Minsk Tractor Works", "--format", "json"]);
    same(&["path", "Minsk Tractor Works", "Russia", "--format", "json"]);
    let ttl = same(&["export", "--format", "ttl"]);
    // Export round trip: what the server exports loads into a store that
    // then exports the same.
    let dump = work.path().join("dump.nq");
    std::fs::write(
        &dump,
        stdout_of(remote(&server.url).args(["export", "--format", "nq"])),
    )
    .unwrap();
    let loaded = work.path().join("loaded");
    newskg(&loaded).arg("load").arg(&dump).assert().success();
    assert_eq!(
        stdout_of(newskg(&loaded).args(["export", "--format", "nq"])),
        stdout_of(newskg(&store).args(["export", "--format", "nq"]))
    );
    // One article's graph, read whole through the Graph Store Protocol.
    let first = stdout_of(newskg(&store).args([
        "query",
        "SELECT ?g WHERE { GRAPH ?g { ?g a nkg:Article } } ORDER BY ?g LIMIT 1",
        "--format",
        "tsv",
    ]));
    let graph = first.lines().nth(1).unwrap().trim_matches(['<', '>']);
    let article = same(&["export", "--graph", graph, "--format", "nt"]);
    assert!(article.lines().count() > 20, "{article}");
    // Read in pages of 50 rows, as from a server that caps its answers.
    let paged =
        stdout_of(remote(&server.url).args(["--page-size", "50", "export", "--format", "ttl"]));
    assert_eq!(paged, ttl);
}

#[test]
fn updates_and_loads_reach_the_server() {
    let Some(server) = server() else { return };
    remote(&server.url)
        .args(["update", "INSERT DATA { id:x :partnersWith id:y }"])
        .assert()
        .success();
    let ask = |q: &str| stdout_of(remote(&server.url).args(["query", q, "--format", "tsv"]));
    assert_eq!(ask("ASK { id:x :partnersWith id:y }").trim(), "true");
    remote(&server.url)
        .arg("load")
        .arg(root().join("tests/fixtures/extra.ttl"))
        .arg("--graph")
        .arg("http://example.org/extra")
        .assert()
        .success()
        .stdout(predicate::str::contains("loaded"));
    let n = ask("ASK { GRAPH <http://example.org/extra> { ?s ?p ?o } }");
    assert_eq!(n.trim(), "true");
    // Merged into the default graph as well, as in an embedded store.
    let merged =
        ask("ASK { GRAPH <http://example.org/extra> { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }");
    assert_eq!(merged.trim(), "false");
}

#[test]
fn a_server_that_refuses_or_is_not_there_gets_one_sentence() {
    let Some(server) = server() else { return };
    // The server's own refusal, with its status, naming the endpoint.
    remote(&server.url)
        .args(["query", "SELECT * WHERE { ?s nkg:hopCount ?o } LIMIT 1"])
        .assert()
        .success();
    remote(&server.url)
        .args([
            "query",
            "SELECT ?x WHERE { SERVICE <http://127.0.0.1:1/nothing> { ?x ?p ?o } }",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "the answer of {} broke off",
            server.url
        )));
    let nothing = server.url.replace("/query", "/nothing");
    remote(&server.url)
        .args([
            "--update-endpoint",
            &nothing,
            "update",
            "INSERT DATA { id:x :partnersWith id:y }",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "POST {nothing}: 404 Not Found (check the endpoint URL)"
        )));
    // A syntax error is found before anything is sent.
    remote(&server.url)
        .args(["query", "SELECT ?x WHERE {"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SPARQL syntax error"));
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nowhere = format!("http://127.0.0.1:{port}/query");
    remote(&nowhere)
        .args(["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "the SPARQL endpoint {nowhere} does not answer"
        )))
        .stderr(predicate::str::contains("connection refused"));
    remote("localhost:7878")
        .args(["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--endpoint \"localhost:7878\": not an http",
        ));
}

#[test]
fn the_repl_works_on_a_server_as_on_a_store() {
    let Some(server) = server() else { return };
    remote(&server.url)
        .args(["build", "--quiet"])
        .arg(corpus())
        .assert()
        .success();
    let (_keep, store) = local_store(&corpus());
    let script = "SELECT ?c WHERE { ?c a :Country } ORDER BY ?c\n\
                  .format csv\n\
                  ASK { id:belarus a :Country }\n\
                  INSERT DATA { id:x :partnersWith id:y }\n\
                  SELECT ?b WHERE { id:x :partnersWith ?b }\n";
    let embedded = stdout_of(newskg(&store).arg("repl").write_stdin(script));
    let served = stdout_of(remote(&server.url).arg("repl").write_stdin(script));
    assert!(
        embedded.contains("id:armenia") && embedded.contains("true"),
        "{embedded}"
    );
    assert_eq!(served, embedded);
}

#[test]
fn push_and_pull_send_only_what_the_other_side_lacks() {
    let Some(server) = server() else { return };
    let (_keep, store) = local_store(&corpus());
    newskg(&store)
        .args(["push", "--endpoint", &server.url])
        .env_remove("NEWSKG_ENDPOINT")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "5 new, 0 changed, 0 unchanged articles",
        ));
    let export = |c: &mut Command| stdout_of(c.args(["export", "--format", "nq"]));
    assert_eq!(
        export(&mut remote(&server.url)),
        export(&mut newskg(&store))
    );
    newskg(&store)
        .args(["push", "--endpoint", &server.url])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 new, 0 changed, 5 unchanged articles",
        ));

    // Into a new store: the same graph, and then nothing more to fetch.
    let copy = tempfile::tempdir().unwrap();
    let copy = copy.path().join("kg");
    newskg(&copy)
        .args(["pull", "--endpoint", &server.url])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "5 new, 0 changed, 0 unchanged articles",
        ));
    assert_eq!(export(&mut newskg(&copy)), export(&mut newskg(&store)));
    newskg(&copy)
        .args(["pull", "--endpoint", &server.url])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 new, 0 changed, 5 unchanged articles",
        ));
    newskg(&copy)
        .arg("push")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "push needs the server to copy with: --endpoint URL",
        ));
}

#[test]
fn a_build_on_virtuoso_holds_each_article_graph_and_stays_incremental() {
    let Some(server) = virtuoso() else { return };
    let work = tempfile::tempdir().unwrap();
    let articles = work.path().join("corpus");
    copy_corpus(&articles);
    remote(&server.url)
        .args(["build", "--quiet"])
        .arg(&articles)
        .assert()
        .success()
        .stdout(predicate::str::contains("5 new, 0 changed"));
    remote(&server.url)
        .args(["build", "--quiet"])
        .arg(&articles)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing changed: all 5 articles"));
    // One article changed, one gone: each graph replaced whole (a Graph
    // Store PUT) or dropped.
    change_one_remove_one_and_rebuild(&server.url, &articles);
    let (_keep, store) = local_store(&articles);
    // Virtuoso reads all graphs as its default graph: the article graphs are
    // what it holds (the same quads as the embedded store's named graphs).
    let embedded = stdout_of(newskg(&store).args(["export", "--format", "nq"]));
    let served = stdout_of(remote(&server.url).args(["export", "--format", "nq"]));
    assert_eq!(named_graph_quads(&served), named_graph_quads(&embedded));
    // Virtuoso cuts long answers (and says so): they are read in pages.
    let paged =
        stdout_of(remote(&server.url).args(["--page-size", "70", "export", "--format", "nq"]));
    assert_eq!(paged, served);
    assert!(served.lines().count() > 10 * VIRTUOSO_MAX_ROWS);
    let all = [
        "query",
        "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
        "--format",
        "tsv",
    ];
    assert!(stdout_of(remote(&server.url).args(all)).lines().count() > 10 * VIRTUOSO_MAX_ROWS);
    // A query's own LIMIT and OFFSET hold across pages.
    let some = [
        "query",
        "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s OFFSET 30 LIMIT 250",
        "--format",
        "tsv",
    ];
    assert_eq!(
        stdout_of(remote(&server.url).args(some)),
        stdout_of(remote(&server.url).args(["--page-size", "40"]).args(some))
    );
    assert_eq!(
        stdout_of(remote(&server.url).args(some)).lines().count(),
        251
    );
    // Pages larger than the server gives are read as far as it gives.
    assert_eq!(
        stdout_of(remote(&server.url).args(["--page-size", "1000"]).args(some)),
        stdout_of(remote(&server.url).args(some))
    );
    // Analyses read the whole entity graph.
    let path = ["path", "Minsk Tractor Works", "Russia"];
    assert_eq!(
        stdout_of(remote(&server.url).args(path)),
        stdout_of(newskg(&store).args(path))
    );
    let embedded_graphs = stdout_of(newskg(&store).args([
        "query",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
        "--format",
        "tsv",
    ]));
    let served_graphs = stdout_of(remote(&server.url).args([
        "query",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a nkg:Article } } ORDER BY ?g",
        "--format",
        "tsv",
    ]));
    assert!(embedded_graphs.contains(served_graphs.lines().nth(1).unwrap()));
    let q = [
        "query",
        "SELECT DISTINCT ?a ?b WHERE { ?a :partnersWith ?b } ORDER BY ?a ?b",
        "--format",
        "tsv",
    ];
    assert_eq!(
        stdout_of(remote(&server.url).args(q)),
        stdout_of(newskg(&store).args(q))
    );

    // Every answer format, the same as from the embedded store.
    for format in ["table", "csv", "tsv", "json", "xml"] {
        let q = [
            "query",
            "SELECT DISTINCT ?a ?b WHERE { ?a :investsIn ?b } ORDER BY ?a ?b",
            "--format",
            format,
        ];
        // (The table's last line says how long it took.)
        let untimed = |out: String| -> String {
            out.lines()
                .filter(|l| !l.ends_with(" ms)"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            untimed(stdout_of(remote(&server.url).args(q))),
            untimed(stdout_of(newskg(&store).args(q))),
            "{format}"
        );
    }
    for format in ["ttl", "nt"] {
        let q = [
            "query",
            "CONSTRUCT { ?a :country ?c } WHERE { ?a :country ?c }",
            "--format",
            format,
        ];
        // (Triples come in no set order.)
        let sorted = |out: String| -> Vec<String> {
            let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
            lines.sort();
            lines
        };
        assert_eq!(
            sorted(stdout_of(remote(&server.url).args(q))),
            sorted(stdout_of(newskg(&store).args(q))),
            "{format}"
        );
    }
    // A CONSTRUCT larger than the server's row limit comes whole (Virtuoso
    // cuts graph answers without saying so: it is read as a paged SELECT).
    let everything = [
        "query",
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o . ?g a nkg:Article } }",
        "--format",
        "nt",
    ];
    let mut served_triples: Vec<String> = stdout_of(remote(&server.url).args(everything))
        .lines()
        .map(str::to_string)
        .collect();
    let mut embedded_triples: Vec<String> = stdout_of(newskg(&store).args(everything))
        .lines()
        .map(str::to_string)
        .collect();
    served_triples.sort();
    embedded_triples.sort();
    assert!(served_triples.len() > 3 * VIRTUOSO_MAX_ROWS);
    assert_eq!(served_triples, embedded_triples);
    // The project's checks pass there too, with a JUnit report.
    let junit = work.path().join("junit.xml");
    remote(&server.url)
        .args(["check", "queries/", "--junit"])
        .arg(&junit)
        .current_dir(root())
        .assert()
        .success();
    let report = std::fs::read_to_string(&junit).unwrap();
    assert!(report.contains("<testsuite") && report.contains("failures=\"0\""));
    // Export round trip, and pull: a local store made from the server holds
    // the same article graphs (and their merge as its default graph).
    let copy = work.path().join("copy");
    newskg(&copy)
        .args(["pull", "--endpoint", &server.url])
        .assert()
        .success()
        .stdout(predicate::str::contains("4 new, 0 changed, 0 unchanged"));
    let pulled = stdout_of(newskg(&copy).args(["export", "--format", "nq"]));
    assert_eq!(named_graph_quads(&pulled), named_graph_quads(&embedded));
    let loaded = work.path().join("loaded");
    let dump = work.path().join("dump.nq");
    std::fs::write(&dump, &served).unwrap();
    newskg(&loaded).arg("load").arg(&dump).assert().success();
    let reloaded = stdout_of(newskg(&loaded).args(["export", "--format", "nq"]));
    assert_eq!(named_graph_quads(&reloaded), named_graph_quads(&embedded));
    // Push from a store of the articles as they first were: the one pruned
    // and the one changed are sent, nothing else.
    copy_corpus(&articles);
    let (_keep_all, all) = local_store(&articles);
    newskg(&all)
        .args(["push", "--endpoint", &server.url])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 new, 1 changed, 3 unchanged"));
    newskg(&all)
        .args(["push", "--endpoint", &server.url])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 new, 0 changed, 5 unchanged"));

    // Digest authentication at /sparql-auth, from --user and NEWSKG_PASSWORD.
    let ask = [
        "--user",
        "dba",
        "query",
        "ASK { ?a a nkg:Article }",
        "--format",
        "tsv",
    ];
    let out = stdout_of(remote(&server.url).env("NEWSKG_PASSWORD", "dba").args(ask));
    assert_eq!(out.trim(), "true");
    remote(&server.url)
        .env("NEWSKG_PASSWORD", "wrong")
        .args(ask)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/sparql-auth: 401"))
        .stderr(predicate::str::contains("check --user and NEWSKG_PASSWORD"));
}
