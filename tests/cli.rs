//! End-to-end tests of the `newskg` binary against real on-disk stores.

mod common;

use assert_cmd::Command;
use common::{fixture, newskg, root, stdout_of};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn corpus() -> PathBuf {
    root().join("corpus")
}

/// Counts solutions of a SELECT through the CLI (TSV output, header dropped).
fn count_rows(store: &Path, query: &str) -> usize {
    let out = stdout_of(newskg(store).args(["query", query, "--format", "tsv"]));
    out.lines().count() - 1
}

fn built_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    newskg(&dir.path().join("kg"))
        .arg("build")
        .arg(corpus())
        .arg("--quiet")
        .assert()
        .success();
    dir
}

#[test]
fn build_reports_what_it_found_and_is_incremental() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    newskg(&store)
        .arg("build")
        .arg(corpus())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "5 new, 0 changed, 0 unchanged, 0 failed",
        ))
        .stdout(predicate::str::contains("entities by class"))
        .stdout(predicate::str::contains("facts by predicate"))
        .stdout(predicate::str::contains("examples:"))
        .stdout(predicate::str::contains("—assemblesProductsOf→"));
    let before = stdout_of(newskg(&store).args(["export", "--format", "nq"]));
    newskg(&store)
        .arg("build")
        .arg(corpus())
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing changed: all 5 articles"));
    let after = stdout_of(newskg(&store).args(["export", "--format", "nq"]));
    assert_eq!(
        before, after,
        "an unchanged corpus must leave the store as it was"
    );
}

#[test]
fn changed_articles_are_replaced_and_prune_drops_missing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for f in std::fs::read_dir(corpus()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, input.join(f.file_name().unwrap())).unwrap();
    }
    newskg(&store)
        .arg("build")
        .arg(&input)
        .arg("-q")
        .assert()
        .success();
    let gazprombank = "ASK { id:gazprombank a ?c }";
    assert!(stdout_of(newskg(&store).args(["query", gazprombank])).contains("true"));

    // Change one article: it is replaced whole (old facts gone, new ones in).
    let seed = input.join("003_01e5c35c06e9f492.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text.replace("Gazprombank", "Sberbank")).unwrap();
    newskg(&store)
        .arg("build")
        .arg(&input)
        .arg("-q")
        .assert()
        .success()
        .stdout(predicate::str::contains("0 new, 1 changed, 4 unchanged"));
    assert!(stdout_of(newskg(&store).args(["query", gazprombank])).contains("false"));
    assert!(
        stdout_of(newskg(&store).args(["query", "ASK { id:sberbank :investsIn ?x }"]))
            .contains("true")
    );

    // Remove one article and prune.
    std::fs::remove_file(&seed).unwrap();
    newskg(&store)
        .arg("build")
        .arg(&input)
        .arg("--prune")
        .arg("-q")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 pruned"));
    assert_eq!(count_rows(&store, "SELECT ?a WHERE { ?a a :Article }"), 4);
    assert!(
        stdout_of(newskg(&store).args(["query", "ASK { id:sberbank ?p ?o }"])).contains("false")
    );
    // Facts still stated by other articles stay in the merged default graph.
    assert!(stdout_of(
        newskg(&store).args(["query", "ASK { id:russia :investsIn id:azerbaijan }"])
    )
    .contains("true"));
}

#[test]
fn facts_are_traceable_to_their_sentence() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let q = r#"SELECT ?text ?start ?end WHERE {
        ?st a :Statement ; rdf:subject id:ganja-automobile-plant ; rdf:predicate :partnersWith ;
            rdf:object id:minsk-tractor-works ; :evidence ?s ; prov:wasDerivedFrom ?a .
        ?s :text ?text ; :start ?start ; :end ?end ; dcterms:isPartOf ?a .
        ?a :source ?src ; dcterms:date ?d }"#;
    let out = stdout_of(newskg(&store).args(["query", q, "--format", "tsv"]));
    assert!(
        out.contains("cooperation between the Ganja Automobile Plant and the Minsk Tractor Works"),
        "{out}"
    );
    // Offsets select the sentence from the article text.
    let row = out.lines().nth(1).unwrap();
    let cols: Vec<&str> = row.split('\t').collect();
    let num = |s: &str| {
        s.trim_matches('"')
            .split('"')
            .next()
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    assert!(num(cols[2]) > num(cols[1]));
}

#[test]
fn every_kind_of_statement_reaches_the_store() {
    let dir = built_store();
    let store = dir.path().join("kg");
    for class in ["Country", "Person", "Company", "MediaOutlet", "Event"] {
        assert!(
            count_rows(&store, &format!("SELECT ?e WHERE {{ ?e a :{class} }}")) > 0,
            "{class}"
        );
    }
    for p in [
        "partnersWith",
        "tradesWith",
        "investsIn",
        "officialOf",
        "hasRole",
        "metWith",
        "signedAgreementWith",
    ] {
        assert!(
            count_rows(&store, &format!("SELECT * WHERE {{ ?a :{p} ?b }}")) > 0,
            "{p}"
        );
    }
    let q = r#"SELECT ?amount ?period WHERE { ?o a :TradeTurnover ; :party id:azerbaijan, id:russia ; :amount ?amount ; :currency "USD" ; :period ?period }"#;
    let out = stdout_of(newskg(&store).args(["query", q, "--format", "csv"]));
    assert!(out.contains("2500000000,2018"), "{out}");
    // One node per real thing: labels in both languages on one entity.
    let out = stdout_of(newskg(&store).args([
        "query",
        "SELECT ?l WHERE { id:belarus rdfs:label ?l } ORDER BY ?l",
        "--format",
        "tsv",
    ]));
    assert!(
        out.contains("\"Belarus\"@en") && out.contains("@ru"),
        "{out}"
    );
}

#[test]
fn query_formats() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let q = "SELECT ?c WHERE { ?c a :Country } ORDER BY ?c";
    let json = stdout_of(newskg(&store).args(["query", q, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["results"]["bindings"].as_array().unwrap().len() >= 4);
    let xml = stdout_of(newskg(&store).args(["query", q, "--format", "xml"]));
    assert!(xml.starts_with("<?xml") && xml.contains("<sparql"));
    let csv = stdout_of(newskg(&store).args(["query", q, "--format", "csv"]));
    assert!(csv.starts_with("c\r\n") && csv.contains("http://newskg.org/id/azerbaijan"));
    let table = stdout_of(newskg(&store).args(["query", q, "--format", "table"]));
    assert!(
        table.contains("id:azerbaijan") && table.contains(" rows ("),
        "{table}"
    );
    let ttl = stdout_of(newskg(&store).args([
        "query",
        "CONSTRUCT { ?a :investsIn ?b } WHERE { ?a :investsIn ?b }",
        "--format",
        "ttl",
    ]));
    assert!(ttl.contains("investsIn"));
    let ask = stdout_of(newskg(&store).args(["query", "ASK { id:azerbaijan a :Country }"]));
    assert_eq!(ask.trim(), "true");
    // Query from a file.
    let f = dir.path().join("q.rq");
    std::fs::write(&f, q).unwrap();
    assert_eq!(
        stdout_of(
            newskg(&store)
                .args(["query", "-f"])
                .arg(&f)
                .args(["--format", "csv"])
        ),
        csv
    );
}

#[test]
fn max_rows_cuts_a_result_and_says_how_much() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let q = "SELECT ?c WHERE { ?c a :Country } ORDER BY ?c";
    let table =
        stdout_of(newskg(&store).args(["query", q, "--format", "table", "--max-rows", "2"]));
    assert!(
        table.contains("id:armenia") && !table.contains("id:russia"),
        "{table}"
    );
    assert!(
        table.contains("... 3 more rows not shown\n5 rows ("),
        "{table}"
    );
    // Data formats stay clean: the note goes to stderr.
    newskg(&store)
        .args(["query", q, "--format", "csv", "--max-rows", "2"])
        .assert()
        .success()
        .stdout(predicate::function(|out: &str| out.lines().count() == 3))
        .stderr(predicate::str::contains("... 3 more rows not shown"));
}

#[test]
fn malformed_query_names_line_and_column() {
    let dir = built_store();
    newskg(&dir.path().join("kg"))
        .args(["query", "SELECT ?x\nWHERE { ?x ?y }"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("query:2:"))
        .stderr(predicate::str::contains("^"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn update_and_load_are_all_or_nothing() {
    let dir = built_store();
    let store = dir.path().join("kg");
    newskg(&store)
        .args([
            "update",
            "INSERT DATA { id:test-entity rdfs:label \"Test\" }",
        ])
        .assert()
        .success();
    assert!(stdout_of(
        newskg(&store).args(["query", "ASK { id:test-entity rdfs:label \"Test\" }"])
    )
    .contains("true"));

    let before = count_rows(&store, "SELECT * WHERE { ?s ?p ?o }");
    newskg(&store)
        .arg("load")
        .arg(fixture("broken.ttl"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.ttl"))
        .stderr(predicate::str::contains(
            "nothing from this file was loaded",
        ));
    assert_eq!(count_rows(&store, "SELECT * WHERE { ?s ?p ?o }"), before);

    newskg(&store)
        .arg("load")
        .arg(fixture("extra.ttl"))
        .args(["--graph", "http://example.org/notes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("loaded 2 statements"));
    assert_eq!(
        count_rows(
            &store,
            "SELECT * WHERE { GRAPH <http://example.org/notes> { ?s ?p ?o } }"
        ),
        2
    );
    newskg(&store)
        .arg("load")
        .arg(dir.path().join("missing.ttl"))
        .assert()
        .code(2);
}

#[test]
fn export_is_stable_valid_and_round_trips() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let ttl = dir.path().join("graph.ttl");
    newskg(&store)
        .arg("export")
        .arg("-o")
        .arg(&ttl)
        .assert()
        .success();
    let first = std::fs::read(&ttl).unwrap();
    newskg(&store)
        .arg("export")
        .arg("-o")
        .arg(&ttl)
        .assert()
        .success();
    assert_eq!(
        first,
        std::fs::read(&ttl).unwrap(),
        "export must be byte-for-byte stable"
    );

    // An independent parser accepts it.
    let rapper = std::process::Command::new("rapper")
        .args(["-i", "turtle", "-c"])
        .arg(&ttl)
        .output()
        .expect("rapper (raptor2-utils) must be installed: apt-get install raptor2-utils");
    assert!(
        rapper.status.success(),
        "{}",
        String::from_utf8_lossy(&rapper.stderr)
    );
    let said = String::from_utf8_lossy(&rapper.stderr);
    let n: usize = said
        .split("returned ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    let in_store = count_rows(&store, "SELECT * WHERE { ?s ?p ?o }");
    assert_eq!(n, in_store);

    // Loads back into a fresh store with the same number of triples.
    let fresh = dir.path().join("fresh");
    newskg(&fresh).arg("load").arg(&ttl).assert().success();
    assert_eq!(count_rows(&fresh, "SELECT * WHERE { ?s ?p ?o }"), n);

    // A store rebuilt from scratch exports the same bytes.
    let again = tempfile::tempdir().unwrap();
    newskg(&again.path().join("kg"))
        .arg("build")
        .arg(corpus())
        .arg("-q")
        .assert()
        .success();
    let other = again.path().join("graph.ttl");
    newskg(&again.path().join("kg"))
        .arg("export")
        .arg("-o")
        .arg(&other)
        .assert()
        .success();
    assert_eq!(first, std::fs::read(&other).unwrap());

    for (fmt, needle) in [
        ("nt", "> ."),
        ("nq", "<http://newskg.org/article/"),
        ("trig", "> {"),
        ("jsonld", "\"@id\""),
        ("rdfxml", "rdf:RDF"),
    ] {
        let out = stdout_of(newskg(&store).args(["export", "--format", fmt]));
        assert!(out.contains(needle), "{fmt}");
    }
}

#[test]
fn extract_prints_rdf_without_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("never-created");
    let out = stdout_of(
        newskg(&store)
            .arg("extract")
            .arg(corpus().join("001_e81db3ce349a191c.txt")),
    );
    assert!(out.contains("<http://newskg.org/id/alexander-lukashenko>"));
    assert!(out.contains("\"Александр Лукашенко\"@ru"));
    assert!(!store.exists(), "extract must not touch a store");
    let ttl = stdout_of(
        newskg(&store)
            .arg("extract")
            .arg(corpus())
            .args(["--format", "ttl"]),
    );
    assert!(ttl.contains("@prefix nkg:"));
    // stdin
    newskg(&store)
        .args(["extract", "-", "--lang", "en"])
        .write_stdin("Azerbaijan and Belarus expand economic cooperation. Russia invested $6 billion in Azerbaijan.")
        .assert()
        .success()
        .stdout(predicate::str::contains("partnersWith"))
        .stdout(predicate::str::contains("6000000000"));
}

#[test]
fn html_and_json_lines_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let out = stdout_of(newskg(&store).arg("extract").arg(fixture("article.html")));
    assert!(out.contains("id/kazakhstan") && out.contains("id/china"));
    assert!(out.contains("31200000000"));
    assert!(out.contains("\"2023-05-18\"^^"));
    for chrome in ["uzbekistan", "georgia", "moldova", "kyrgyzstan", "tracking"] {
        assert!(
            !out.contains(&format!("id/{chrome}>")),
            "page chrome leaked: {chrome}"
        );
    }
    newskg(&store)
        .arg("build")
        .arg(fixture("feed.jsonl"))
        .arg("-q")
        .assert()
        .success();
    let out = stdout_of(newskg(&store).args([
        "query",
        "SELECT ?d ?l WHERE { ?a a :Article ; dcterms:date ?d ; :language ?l } ORDER BY ?d",
        "--format",
        "csv",
    ]));
    assert!(
        out.contains("2023-03-02,en") && out.contains("2023-04-10,ru"),
        "{out}"
    );
    assert!(stdout_of(newskg(&store).args([
        "query",
        "ASK { ?a schema:url \"https://example.org/uz-ru\" }"
    ]))
    .contains("true"));
}

#[test]
fn bad_input_is_reported_and_the_rest_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(
        corpus().join("000_c94e1dfc7c1d25b3.txt"),
        input.join("good.txt"),
    )
    .unwrap();
    std::fs::write(input.join("binary.dat"), b"\x00\x01\x02\x03\x04binary").unwrap();
    std::fs::write(input.join("latin1.txt"), b"Caf\xe9 in Baku.\nAzerbaijan.").unwrap();
    std::fs::write(input.join("empty.txt"), b"").unwrap();
    std::fs::write(input.join("feed.jsonl"), "{\"text\": \"Russia invested $6 billion in Azerbaijan.\"}\n{not json\n{\"title\": \"no text\"}\n").unwrap();
    // A 50 MB single line without sentence punctuation (over the default
    // article limit, which is raised to read it).
    let line = "Azerbaijan and Belarus trade grain and machinery while Russia invests in roads "
        .repeat(640_000);
    std::fs::write(input.join("huge.txt"), &line[..50_000_000]).unwrap();
    let store = dir.path().join("kg");
    let out = newskg(&store)
        .arg("build")
        .arg(&input)
        .arg(dir.path().join("does-not-exist.txt"))
        .args(["-q", "--max-article-bytes", "60000000"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "binary.dat: binary file",
        "latin1.txt:1: invalid UTF-8",
        "empty.txt: empty file",
        "feed.jsonl:2: malformed JSON",
        "feed.jsonl:3: record has no text",
        "does-not-exist.txt: no such file",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    assert!(!err.contains("panicked"));
    assert!(
        stdout.contains("3 new, 0 changed, 0 unchanged, 6 failed"),
        "{stdout}"
    );
    assert_eq!(count_rows(&store, "SELECT ?a WHERE { ?a a :Article }"), 3);
}

#[test]
fn a_store_in_use_gets_one_sentence() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let _held = newskg::store::Store::open(&store, newskg::store::Access::Write).unwrap();
    newskg(&store)
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "is being written by process {}",
            std::process::id()
        )))
        .stderr(predicate::str::contains("--wait"))
        .stderr(predicate::str::contains("LOCK").not());
}

#[test]
fn missing_store_and_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    newskg(&dir.path().join("nothing"))
        .arg("stats")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no store at"));
    let built = built_store();
    let bin = assert_cmd::cargo::cargo_bin("newskg");
    let mut child = std::process::Command::new(bin)
        .arg("--store")
        .arg(built.path().join("kg"))
        .args(["export", "--format", "nt"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn help_shows_an_example_for_each_command() {
    for cmd in [
        "extract", "build", "load", "query", "run", "check", "update", "export", "stats", "repl",
        "push", "pull",
    ] {
        Command::cargo_bin("newskg")
            .unwrap()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"))
            .stdout(predicate::str::contains(format!("newskg {cmd}")));
    }
}

#[test]
fn store_from_environment_variable() {
    let dir = built_store();
    Command::cargo_bin("newskg")
        .unwrap()
        .env("NEWSKG_STORE", dir.path().join("kg"))
        .args(["query", "ASK { id:belarus a :Country }"])
        .assert()
        .success()
        .stdout(predicate::str::contains("true"));
}

#[test]
fn completions_load_in_bash_and_are_written_for_zsh_and_fish() {
    let bin = assert_cmd::cargo::cargo_bin("newskg");
    let script = stdout_of(
        Command::cargo_bin("newskg")
            .unwrap()
            .args(["completions", "bash"]),
    );
    assert!(script.contains("--endpoint") && script.contains("neighbors"));
    // A real bash loads it and registers the completion.
    let loaded = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source <('{}' completions bash) && complete -p newskg",
            bin.display()
        ))
        .output()
        .unwrap();
    assert!(loaded.status.success(), "{loaded:?}");
    assert!(String::from_utf8_lossy(&loaded.stdout).contains("newskg"));
    // ...and completes a command name and a flag's value as bash would ask.
    let complete = |words: &str, cword: usize| -> String {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "source <('{}' completions bash); COMP_WORDS=({words}); COMP_CWORD={cword}; \
                 _newskg newskg \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
                 echo \"${{COMPREPLY[@]}}\"",
                bin.display()
            ))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete("newskg pa", 1), "path");
    assert_eq!(complete("newskg --server v", 2), "virtuoso");
    let zsh = stdout_of(
        Command::cargo_bin("newskg")
            .unwrap()
            .args(["completions", "zsh"]),
    );
    assert!(zsh.starts_with("#compdef newskg"), "{}", &zsh[..40]);
    let fish = stdout_of(
        Command::cargo_bin("newskg")
            .unwrap()
            .args(["completions", "fish"]),
    );
    assert!(fish.contains("complete -c newskg"));
    // It needs no store, and a bad shell name is refused with the choices.
    Command::cargo_bin("newskg")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("possible values: bash"));
}
