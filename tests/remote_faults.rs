//! Remote mode when things go wrong: a real `oxigraph serve` behind a proxy
//! that fails writes midway, fails every other request, answers slowly,
//! answers HTML or refuses credentials (`tests/servers/faulty_proxy.py`).
//! Each fault gets one sentence and a non-zero exit; articles already
//! written stay whole, and a re-run completes what is missing.

mod common;

use common::servers::{remote, server, FaultyProxy};
use common::{newskg, root, stdout_of};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::GraphName;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

fn local_export(corpus: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    newskg(&store)
        .args(["build", "--quiet"])
        .arg(corpus)
        .assert()
        .success();
    stdout_of(newskg(&store).args(["export", "--format", "nq"]))
}

#[test]
fn a_build_that_fails_midway_keeps_whole_articles_and_a_rerun_completes_it() {
    let Some(server) = server() else { return };
    let proxy = FaultyProxy::start(&server.url);
    let corpus = root().join("corpus");
    // The ontology and two articles are written, then the server fails.
    proxy.fault("fail-writes-after 3");
    remote(&proxy.url())
        .args(["build", "--quiet"])
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("500 Internal Server Error"))
        .stderr(predicate::str::contains("the disk is full"))
        .stderr(predicate::str::contains(
            proxy.url().replace("/query", "/update"),
        ))
        .stderr(predicate::str::contains(
            "running the same command again sends the rest",
        ));
    // What the server holds is whole articles: each graph it has is the
    // graph of an embedded build, quad for quad.
    let embedded = local_export(&corpus);
    let served = stdout_of(remote(&server.url).args(["export", "--format", "nq"]));
    let by_graph = |nq: &str| -> BTreeMap<String, Vec<String>> {
        let mut graphs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(nq.as_bytes()) {
            let q = q.unwrap();
            if let GraphName::NamedNode(g) = &q.graph_name {
                graphs
                    .entry(g.to_string())
                    .or_default()
                    .push(format!("{} {} {}", q.subject, q.predicate, q.object));
            }
        }
        graphs.values_mut().for_each(|v| v.sort());
        graphs
    };
    let served = by_graph(&served);
    let embedded_graphs = by_graph(&embedded);
    let articles = |g: &BTreeMap<String, Vec<String>>| {
        g.keys()
            .filter(|k| k.starts_with("<http://newskg.org/article/"))
            .count()
    };
    let held = articles(&served);
    assert!(held > 0 && held < 5, "{:?}", served.keys());
    for (graph, quads) in &served {
        assert_eq!(
            Some(quads),
            embedded_graphs.get(graph),
            "{graph} is not whole"
        );
    }
    // The server mended: a re-run sends what is missing, and nothing else.
    proxy.fault("none");
    remote(&proxy.url())
        .args(["build", "--quiet"])
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} new, 0 changed, {} unchanged",
            5 - held,
            held
        )));
    assert_eq!(
        stdout_of(remote(&server.url).args(["export", "--format", "nq"])),
        embedded
    );
}

#[test]
fn passing_failures_are_tried_again() {
    let Some(server) = server() else { return };
    let proxy = FaultyProxy::start(&server.url);
    let corpus = root().join("corpus");
    // Every other request is answered 503: each is sent again, and all goes through.
    proxy.fault("flaky");
    remote(&proxy.url())
        .args(["build", "--quiet"])
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::contains("5 new, 0 changed"));
    let out = stdout_of(remote(&proxy.url()).args(["export", "--format", "nq"]));
    proxy.fault("none");
    assert_eq!(out, local_export(&corpus));
    assert!(proxy.log().matches("POST /update").count() >= 10);
}

#[test]
fn a_slow_server_an_html_page_and_refused_credentials_get_one_sentence_each() {
    let Some(server) = server() else { return };
    let proxy = FaultyProxy::start(&server.url);
    let url = proxy.url();

    proxy.fault("slow 3");
    remote(&url)
        .args(["--timeout", "1", "stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(&url))
        .stderr(predicate::str::contains(
            "no answer within the timeout (--timeout)",
        ));

    proxy.fault("html");
    remote(&url)
        .args(["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "{url} answered an HTML page, not SPARQL results"
        )))
        .stderr(predicate::str::contains("--endpoint"));

    // Wrong credentials: said once, never echoed, whether given as
    // --user and NEWSKG_PASSWORD or in the URL.
    proxy.fault("unauthorized");
    remote(&url)
        .args(["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "401 Unauthorized (the server refuses anonymous requests: give --user",
        ));
    let secret = "s3cret-Pa55";
    let out = remote(&url)
        .args(["--user", "ann", "stats"])
        .env("NEWSKG_PASSWORD", secret)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("401"))
        .stderr(predicate::str::contains("check --user and NEWSKG_PASSWORD"))
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains(secret), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    let with_userinfo = url.replace("http://", &format!("http://ann:{secret}@"));
    let out = remote(&with_userinfo)
        .args(["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("401"))
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains(secret), "{stderr}");
    // Both times the credentials went to the server (basic, as asked).
    let log = proxy.log();
    assert_eq!(
        log.matches("Basic YW5uOnMzY3JldC1QYTU1").count(),
        2,
        "{log}"
    );
}
