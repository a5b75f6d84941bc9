//! `newskg serve` as its users meet it: the real binary serving a real
//! on-disk store on a free loopback port (stopped by its process id), asked
//! by a plain HTTP client and by newskg's own remote mode, whose answers
//! must be those of the store itself.

mod common;

use assert_cmd::Command;
use common::servers::remote;
use common::serving::serve;
use common::{built_store, newskg, stdout_of};
use predicates::prelude::*;

/// (status, content type, body) of a request.
fn http(
    method: &str,
    url: &str,
    accept: &str,
    form: Option<(&str, &str)>,
) -> (u16, String, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = match form {
        Some((name, value)) => agent
            .post(url)
            .header("Accept", accept)
            .send_form([(name, value)]),
        None if method == "GET" => agent.get(url).header("Accept", accept).call(),
        None => agent.post(url).header("Accept", accept).send_empty(),
    }
    .unwrap();
    let status = response.status().as_u16();
    let media = response
        .headers()
        .get("Content-Type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response.into_body().read_to_string().unwrap();
    (status, media, body)
}

#[test]
fn newskg_commands_through_the_endpoint_answer_as_the_store_does() {
    let (_dir, store) = built_store();
    let commands: [&[&str]; 5] = [
        &[
            "query",
            "SELECT ?a ?b WHERE { ?a :partnersWith ?b } ORDER BY ?a ?b",
            "--format",
            "csv",
        ],
        &[
            "query",
            "SELECT (nkg:hopCount(id:minsk-tractor-works, id:russia) AS ?h) WHERE {}",
            "--format",
            "json",
        ],
        &["path", "Minsk Tractor Works", "Russia", "--format", "json"],
        &["export", "--format", "nq"],
        &["stats", "--format", "json"],
    ];
    let embedded: Vec<String> = commands
        .iter()
        .map(|args| stdout_of(newskg(&store).args(*args)))
        .collect();
    // Answers are cut at 500 rows: newskg reads them in pages.
    let server = serve(&store, &["--max-rows", "500"]);
    for (args, expected) in commands.iter().zip(&embedded) {
        assert_eq!(
            &stdout_of(remote(&server.url).args(*args)),
            expected,
            "{args:?}"
        );
    }
}

#[test]
fn the_protocol_answers_in_the_accepted_format_and_refuses_what_it_must() {
    let (_dir, store) = built_store();
    let server = serve(&store, &["--max-rows", "3"]);
    let q = (
        "query",
        "SELECT ?a ?b WHERE { ?a :investsIn ?b } ORDER BY ?a ?b",
    );
    let (status, media, body) = http("POST", &server.url, "text/csv", Some(q));
    assert_eq!((status, media.as_str()), (200, "text/csv"));
    assert!(
        body.starts_with("a,b\r\n") || body.starts_with("a,b\n"),
        "{body}"
    );
    let (_, media, body) = http(
        "POST",
        &server.url,
        "application/sparql-results+xml",
        Some(q),
    );
    assert_eq!(media, "application/sparql-results+xml");
    assert!(body.contains("<sparql"));
    let response = ureq::post(&server.url).send_form([q]).unwrap();
    // Without --cors, no page elsewhere may read the answers.
    assert!(response
        .headers()
        .get("Access-Control-Allow-Origin")
        .is_none());
    let (_, media, body) = http("POST", &server.url, "", Some(q));
    assert_eq!(media, "application/sparql-results+json");
    assert!(body.contains("\"bindings\""));
    let get = format!(
        "{}?query=CONSTRUCT%20%7B%3Fa%20%3AinvestsIn%20%3Fb%7D%20WHERE%20%7B%3Fa%20%3AinvestsIn%20%3Fb%7D",
        server.url
    );
    let (status, media, body) = http("GET", &get, "application/n-triples", None);
    assert_eq!((status, media.as_str()), (200, "application/n-triples"));
    assert!(body.contains("<http://newskg.org/ontology#investsIn>"));

    // Cut at the row limit, and said so.
    let all = ("query", "SELECT * WHERE { ?s ?p ?o }");
    let response = ureq::post(&server.url)
        .header("Accept", "text/tab-separated-values")
        .send_form([all])
        .unwrap();
    assert_eq!(
        response
            .headers()
            .get("X-SPARQL-MaxRows")
            .unwrap()
            .to_str()
            .unwrap(),
        "3"
    );
    assert_eq!(
        response
            .into_body()
            .read_to_string()
            .unwrap()
            .lines()
            .count(),
        4
    );

    // A syntax error: 400 with the message; an update: 403 (read-only).
    let (status, _, body) = http(
        "POST",
        &server.url,
        "",
        Some(("query", "SELECT ?x WHERE {")),
    );
    assert_eq!(status, 400);
    assert!(body.contains("SPARQL syntax error"), "{body}");
    let update = server.url.replace("/query", "/update");
    let (status, _, body) = http(
        "POST",
        &update,
        "",
        Some(("update", "INSERT DATA { id:x :partnersWith id:y }")),
    );
    assert_eq!(status, 403);
    assert!(body.contains("--writable"), "{body}");
    let (status, _, _) = http("POST", &server.url, "", None);
    assert_eq!(status, 400);
    let (status, _, _) = http("GET", &server.url.replace("/query", "/nothing"), "", None);
    assert_eq!(status, 404);
    let (status, _, _) = http("POST", &server.url, "image/png", Some(q));
    assert_eq!(status, 406);

    // One article's graph by the Graph Store Protocol; an unknown one is 404.
    let article = stdout_of(&mut newskg_remote_tsv(
        &server.url,
        "SELECT ?g WHERE { GRAPH ?g { ?g a nkg:Article } } ORDER BY ?g LIMIT 1",
    ));
    let graph = article
        .lines()
        .nth(1)
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string();
    let store_url = server.url.replace("/query", "/store");
    let (status, media, body) = http(
        "GET",
        &format!(
            "{store_url}?graph={}",
            graph.replace(':', "%3A").replace('/', "%2F")
        ),
        "application/n-triples",
        None,
    );
    assert_eq!((status, media.as_str()), (200, "application/n-triples"));
    assert!(body.lines().count() > 20);
    let (status, _, _) = http(
        "GET",
        &format!("{store_url}?graph=http%3A%2F%2Fno%2Fsuch"),
        "",
        None,
    );
    assert_eq!(status, 404);
}

fn newskg_remote_tsv(url: &str, query: &str) -> Command {
    let mut c = remote(url);
    c.args(["query", query, "--format", "tsv"]);
    c
}

#[test]
fn a_writable_endpoint_takes_updates_and_a_long_query_is_stopped() {
    let (_dir, store) = built_store();
    let server = serve(&store, &["--writable", "--query-timeout", "1", "--cors"]);
    // With --cors, any page may call it (and a preflight is answered).
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let preflight = agent
        .options(&server.url)
        .header("Origin", "http://example.org")
        .call()
        .unwrap();
    assert_eq!(preflight.status().as_u16(), 204);
    assert_eq!(
        preflight
            .headers()
            .get("Access-Control-Allow-Origin")
            .unwrap(),
        "*"
    );
    remote(&server.url)
        .args(["update", "INSERT DATA { id:x :partnersWith id:y }"])
        .assert()
        .success();
    let out = stdout_of(&mut newskg_remote_tsv(
        &server.url,
        "ASK { id:x :partnersWith id:y }",
    ));
    assert_eq!(out.trim(), "true");
    // Three copies of every triple joined: far more than a second's work.
    let (status, _, body) = http(
        "POST",
        &server.url,
        "",
        Some((
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        )),
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("timeout of 1 s"), "{body}");
}

#[test]
fn a_port_in_use_gets_one_sentence() {
    let (_dir, store) = built_store();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    newskg(&store)
        .args(["serve", "--bind", &addr])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "cannot listen on {addr}: the address is in use"
        )));
}

#[test]
fn while_served_other_commands_on_the_store_go_through_the_endpoint() {
    let (_dir, store) = built_store();
    let ask = ["query", "ASK { ?a :investsIn ?b }", "--format", "tsv"];
    let server = serve(&store, &[]);
    assert!(store.join("newskg-serving").is_file());
    // Reading works as if the store were open here; writing is refused by
    // the read-only endpoint, with what to do.
    assert_eq!(stdout_of(newskg(&store).args(ask)).trim(), "true");
    newskg(&store)
        .args(["update", "INSERT DATA { id:x :partnersWith id:y }"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--writable"));
    // Ctrl-C stops it and takes the note back: the store opens directly again.
    let mut server = server;
    let stopped = std::process::Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!store.join("newskg-serving").exists());
    assert_eq!(stdout_of(newskg(&store).args(ask)).trim(), "true");
}
