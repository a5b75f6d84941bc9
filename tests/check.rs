//! End-to-end tests of `newskg check` and `newskg run` against real on-disk
//! stores: the sample corpus, and a small broken fixture graph.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary with `--store DIR` and no inherited store variable.
fn newskg(store: &Path) -> Command {
    let mut c = Command::cargo_bin("newskg").unwrap();
    c.env_remove("NEWSKG_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(store);
    c
}

/// A temporary folder holding the sample corpus built into `kg/`.
fn built_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    newskg(&dir.path().join("kg"))
        .arg("build")
        .arg(root().join("corpus"))
        .arg("--quiet")
        .assert()
        .success();
    dir
}

/// Writes scripts into `dir` (created if needed) and returns the folder.
fn scripts(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir.to_path_buf()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "{}",
        run.stderr
    );
    run
}

/// `check --format json`, parsed; the exit code is returned beside it.
fn check_json(store: &Path, args: &[&Path], extra: &[&str]) -> (i32, Value) {
    let r = run(newskg(store)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .args(extra));
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", r.stdout, r.stderr));
    (r.code, v)
}

/// The JSON result of the script whose file name is `name`.
fn script<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("no result for {name}: {report:#}"))
}

#[test]
fn each_expectation_form_passes_and_fails() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let three = "SELECT ?x WHERE { VALUES ?x { 1 2 3 } }";
    let none = "SELECT ?x WHERE { VALUES ?x { 1 } FILTER (?x > 1) }";
    let cases: Vec<(String, String, &str)> = vec![
        ("empty", none, "pass"),
        ("empty", three, "fail"),
        ("nonempty", three, "pass"),
        ("nonempty", none, "fail"),
        ("true", "ASK { id:azerbaijan a :Country }", "pass"),
        ("true", "ASK { id:azerbaijan a :Person }", "fail"),
        ("false", "ASK { id:azerbaijan a :Person }", "pass"),
        ("false", "ASK { id:azerbaijan a :Country }", "fail"),
        ("rows == 3", three, "pass"),
        ("rows == 2", three, "fail"),
        ("rows != 2", three, "pass"),
        ("rows != 3", three, "fail"),
        ("rows >= 3", three, "pass"),
        ("rows >= 4", three, "fail"),
        ("rows <= 3", three, "pass"),
        ("rows <= 2", three, "fail"),
        ("rows > 2", three, "pass"),
        ("rows > 3", three, "fail"),
        ("rows < 4", three, "pass"),
        ("rows < 3", three, "fail"),
    ]
    .into_iter()
    .map(|(e, q, want)| (e.to_string(), q.to_string(), want))
    .collect();
    let folder = dir.path().join("forms");
    let mut files = Vec::new();
    for (i, (expect, query, want)) in cases.iter().enumerate() {
        let name = format!("{i:02}-{want}.rq");
        let text = format!("# title: case {i}: {expect}\n# expect: {expect}\n{query}\n");
        files.push((name, text, *want, expect.clone()));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t, _, _)| (n.as_str(), t.as_str()))
        .collect();
    scripts(&folder, &refs);

    let (code, report) = check_json(&store, &[&folder], &[]);
    assert_eq!(code, 1, "{report:#}");
    for (name, _, want, expect) in &files {
        let s = script(&report, name);
        assert_eq!(s["status"], *want, "{name} ({expect}): {s:#}");
        assert_eq!(s["expect"], expect.as_str());
        if *want == "fail" {
            assert!(
                s["message"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("expected {expect}")),
                "{s:#}"
            );
        }
    }
    // The failing SELECTs carry their rows; passing ones do not.
    let failed_rows = script(&report, "01-fail.rq");
    assert_eq!(failed_rows["rows"], 3);
    assert_eq!(failed_rows["violations"].as_array().unwrap().len(), 3);
    assert!(script(&report, "00-pass.rq").get("violations").is_none());
    assert_eq!(script(&report, "04-pass.rq")["boolean"], true);
    let summary = &report["summary"];
    assert_eq!(summary["scripts"], 20);
    assert_eq!(summary["passed"], 10);
    assert_eq!(summary["failed"], 10);
    assert_eq!(summary["exit_code"], 1);

    // Only the passing ones: exit 0, one PASS line each and a summary.
    let passing: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.2 == "pass")
        .map(|f| folder.join(&f.0))
        .collect();
    let r = run(newskg(&store).arg("check").args(&passing));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout.matches("\nPASS  ").count() + 1, 10, "{}", r.stdout);
    assert!(r.stdout.contains("PASS  case 8: rows == 3 (3 rows, "));
    assert!(r.stdout.contains("PASS  case 4: true (true, "));
    assert!(r
        .stdout
        .contains("10 scripts: 10 passed, 0 failed, 0 warnings, 0 errors"));
}

#[test]
fn without_an_expectation_a_select_runs_and_an_ask_must_be_true() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[
            ("a-select.rq", "SELECT ?c WHERE { ?c a :Country }"),
            ("b-empty-select.rq", "SELECT ?c WHERE { ?c a :Nothing }"),
            ("c-ask-true.rq", "ASK { ?c a :Country }"),
            (
                "d-ask-false.rq",
                "# title: No nothing\nASK { ?c a :Nothing }",
            ),
            (
                "e-construct.rq",
                "# expect: nonempty\nCONSTRUCT { ?a :investsIn ?b } WHERE { ?a :investsIn ?b }",
            ),
        ],
    );
    let (code, report) = check_json(&store, &[&folder], &[]);
    assert_eq!(code, 1);
    assert_eq!(script(&report, "a-select.rq")["status"], "pass");
    assert_eq!(script(&report, "b-empty-select.rq")["status"], "pass");
    assert_eq!(script(&report, "c-ask-true.rq")["status"], "pass");
    let ask = script(&report, "d-ask-false.rq");
    assert_eq!(ask["status"], "fail");
    assert_eq!(ask["title"], "No nothing");
    assert!(ask["message"]
        .as_str()
        .unwrap()
        .ends_with("expected true, got false"));
    let construct = script(&report, "e-construct.rq");
    assert_eq!(construct["status"], "pass");
    assert!(construct["rows"].as_u64().unwrap() > 0);
    // A script without a title is named by its file.
    assert!(script(&report, "a-select.rq")["title"]
        .as_str()
        .unwrap()
        .ends_with("a-select.rq"));
}

#[test]
fn failing_rows_are_printed_as_a_table_with_the_description() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[(
            "countries.rq",
            "# title: There are no countries\n# expect: empty\n\
             # description: Says what the rows mean\n#   and goes on.\n\
             SELECT ?country WHERE { ?country a :Country } ORDER BY ?country",
        )],
    );
    let r = run(newskg(&store).arg("check").arg(&folder));
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("FAIL  There are no countries ("));
    assert!(r.stdout.contains("countries.rq: expected empty, got "));
    assert!(r.stdout.contains("Says what the rows mean and goes on."));
    // Prefixed names in a table, as `query --format table` shows them.
    assert!(r.stdout.contains("│ id:azerbaijan"), "{}", r.stdout);
    assert!(r.stdout.contains("country"));
    assert!(r
        .stdout
        .contains("1 script: 0 passed, 1 failed, 0 warnings, 0 errors"));
}

#[test]
fn warnings_are_reported_and_fail_only_with_strict() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[
            (
                "warn.rq",
                "# title: Countries are rare\n# expect: rows < 2\n# severity: warning\n\
                 SELECT ?c WHERE { ?c a :Country }",
            ),
            (
                "ok.rq",
                "# expect: nonempty\nSELECT ?c WHERE { ?c a :Country }",
            ),
        ],
    );
    let r = run(newskg(&store).arg("check").arg(&folder));
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("WARN  Countries are rare"));
    assert!(r.stdout.contains("expected rows < 2, got "));
    assert!(r.stdout.contains("1 passed, 0 failed, 1 warning, 0 errors"));

    let r = run(newskg(&store).arg("check").arg(&folder).arg("--strict"));
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("FAIL  Countries are rare"));
    assert!(r
        .stdout
        .contains("1 passed, 1 failed, 0 warnings, 0 errors"));

    let (code, report) = check_json(&store, &[&folder], &[]);
    assert_eq!(code, 0);
    let w = script(&report, "warn.rq");
    assert_eq!(w["status"], "warn");
    assert_eq!(w["severity"], "warning");
    assert!(!w["violations"].as_array().unwrap().is_empty());
}

#[test]
fn unusable_scripts_exit_2_and_name_file_and_line() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[
            (
                "a-syntax.rq",
                "# title: Broken\n# expect: empty\n\nSELECT ?x\nWHERE { ?x ?y }\n",
            ),
            (
                "b-unknown.rq",
                "# title: Odd\n# expect: rows = 3\nSELECT ?x WHERE { ?x a :Country }\n",
            ),
            (
                "c-mismatch.rq",
                "# expect: true\nSELECT ?x WHERE { ?x a :Country }\n",
            ),
            ("d-severity.rq", "# severity: fatal\nASK { ?s ?p ?o }\n"),
            (
                "e-fine.rq",
                "# expect: nonempty\nSELECT ?x WHERE { ?x a :Country }\n",
            ),
        ],
    );
    let r = run(newskg(&store).arg("check").arg(&folder));
    assert_eq!(r.code, 2, "{}", r.stdout);
    let syntax = folder.join("a-syntax.rq").display().to_string();
    assert!(
        r.stdout.contains(&format!("ERROR {syntax}:5:")),
        "the parse error names file, line and column: {}",
        r.stdout
    );
    assert!(r.stdout.contains("SPARQL syntax error"));
    assert!(r.stdout.contains("^"), "a caret under the column");
    let unknown = folder.join("b-unknown.rq").display().to_string();
    assert!(r.stdout.contains(&format!(
        "ERROR {unknown}:2: unknown expectation \"rows = 3\""
    )));
    let mismatch = folder.join("c-mismatch.rq").display().to_string();
    assert!(r.stdout.contains(&format!(
        "ERROR {mismatch}:1: `# expect: true` is for ASK queries, but this query is a SELECT"
    )));
    assert!(r.stdout.contains("unknown severity \"fatal\""));
    // The usable script still ran.
    assert!(r.stdout.contains("PASS  "));
    assert!(r
        .stdout
        .contains("1 passed, 0 failed, 0 warnings, 4 errors"));

    // Errors outweigh failures.
    let (code, report) = check_json(&store, &[&folder], &[]);
    assert_eq!(code, 2);
    assert_eq!(report["summary"]["errors"], 4);
    assert_eq!(script(&report, "a-syntax.rq")["status"], "error");
}

#[test]
fn no_scripts_a_missing_path_or_a_missing_store_exit_2() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    newskg(&store)
        .arg("check")
        .arg(&empty)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no .rq scripts found"))
        .stderr(predicate::str::contains(empty.display().to_string()));
    // Files of other kinds and hidden folders do not count.
    let other = scripts(
        &dir.path().join("other"),
        &[
            ("notes.txt", "SELECT * {}"),
            (".hidden/x.rq", "SELECT * {}"),
        ],
    );
    newskg(&store)
        .arg("check")
        .arg(&other)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no .rq scripts found"));
    newskg(&store)
        .arg("check")
        .arg(dir.path().join("nope"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope: no such file or folder"));
    newskg(&dir.path().join("no-store"))
        .arg("check")
        .arg(root().join("queries"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("there is no store at"));
}

#[test]
fn folders_are_read_recursively_in_a_stable_order() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[
            ("sub/a.rq", "ASK {}"),
            ("b.rq", "ASK {}"),
            ("a.rq", "ASK {}"),
            ("sub/deeper/c.rq", "ASK {}"),
            ("README.md", "not a script"),
        ],
    );
    let (code, report) = check_json(&store, &[&folder], &[]);
    assert_eq!(code, 0);
    let files: Vec<String> = report["scripts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let f = PathBuf::from(s["file"].as_str().unwrap());
            f.strip_prefix(&folder).unwrap().display().to_string()
        })
        .collect();
    assert_eq!(files, ["a.rq", "b.rq", "sub/a.rq", "sub/deeper/c.rq"]);
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[
            ("a.rq", "# expect: true\nASK {}"),
            ("b.rq", "# expect: false\nASK {}"),
            ("c.rq", "# expect: true\nASK {}"),
            ("d.rq", "# expect: false\nASK {}"),
        ],
    );
    let r = run(newskg(&store).arg("check").arg(&folder).arg("--fail-fast"));
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.matches("PASS  ").count(), 1, "{}", r.stdout);
    assert_eq!(r.stdout.matches("FAIL  ").count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("--fail-fast): 2 scripts not run."));
    let (code, report) = check_json(&store, &[&folder], &["--fail-fast"]);
    assert_eq!(code, 1);
    assert_eq!(script(&report, "c.rq")["status"], "skipped");
    assert_eq!(report["summary"]["not_run"], 2);
    // Without it, every script runs.
    let (_, report) = check_json(&store, &[&folder], &[]);
    assert_eq!(report["summary"]["failed"], 2);
    assert_eq!(report["summary"]["not_run"], 0);
}

#[test]
fn junit_report_is_well_formed_xml_with_one_case_per_script() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let folder = scripts(
        &dir.path().join("q"),
        &[
            (
                "a-fail.rq",
                "# title: Quotes \"<&>\" and 'apostrophes'\n# expect: empty\n\
                 # description: Rows with <markup> & such.\n\
                 SELECT ?x WHERE { VALUES ?x { \"a < b & c > d ]]>\" \"\\u0001ctl\" } }",
            ),
            ("b-pass.rq", "# title: Fine\nASK { ?c a :Country }"),
            (
                "c-warn.rq",
                "# title: Warned\n# severity: warning\n# expect: empty\n\
                 SELECT ?c WHERE { ?c a :Country } LIMIT 1",
            ),
            ("d-error.rq", "# title: Broken\nSELECT WHERE {"),
        ],
    );
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let junit = reports.join("junit.xml");
    let r = run(newskg(&store)
        .arg("check")
        .arg(&folder)
        .arg("--junit")
        .arg(&junit));
    assert_eq!(r.code, 2);
    let xml = std::fs::read_to_string(&junit).unwrap();
    // Written whole and moved into place: no temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&reports).unwrap().count(), 1);

    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    assert_eq!(suites.attribute("tests"), Some("4"));
    assert_eq!(suites.attribute("failures"), Some("1"));
    assert_eq!(suites.attribute("errors"), Some("1"));
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 4);
    let case = |title: &str| {
        *cases
            .iter()
            .find(|c| c.attribute("name") == Some(title))
            .unwrap_or_else(|| panic!("no test case {title:?}\n{xml}"))
    };
    let failed = case("Quotes \"<&>\" and 'apostrophes'");
    assert!(failed.attribute("classname").unwrap().ends_with("a-fail"));
    let failure = failed
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(failure
        .attribute("message")
        .unwrap()
        .contains("expected empty, got 2 rows"));
    let body = failure.text().unwrap();
    assert!(body.contains("Rows with <markup> & such."), "{body}");
    assert!(body.contains("a < b & c > d ]]>"), "{body}");
    assert!(body.contains("\u{FFFD}ctl"), "{body}");
    assert_eq!(
        case("Fine").children().filter(|n| n.is_element()).count(),
        0
    );
    let warned = case("Warned");
    let out = warned
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .unwrap();
    assert!(out.text().unwrap().starts_with("warning: "));
    assert!(out.text().unwrap().contains("id:"));
    let error = case("Broken")
        .children()
        .find(|n| n.has_tag_name("error"))
        .unwrap();
    assert!(error
        .attribute("message")
        .unwrap()
        .contains("d-error.rq:2:"));

    // Skipped scripts under --fail-fast are <skipped/> test cases.
    let r = run(newskg(&store)
        .arg("check")
        .arg(&folder)
        .arg("--fail-fast")
        .arg("--junit")
        .arg(&junit));
    assert_eq!(r.code, 1);
    let xml = std::fs::read_to_string(&junit).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().attribute("skipped"), Some("3"));
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("skipped"))
            .count(),
        3
    );
}

#[test]
fn run_executes_a_saved_query_with_the_query_formats() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let script = root().join("queries/reports/top-trade-pairs.rq");
    let csv = run(newskg(&store)
        .arg("run")
        .arg(&script)
        .args(["--format", "csv"]));
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let mut lines = csv.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("year,partyA,partyB,turnover,currency,figures")
    );
    assert!(
        csv.stdout
            .contains("2018,Azerbaijan,Russia,2500000000,USD,"),
        "{}",
        csv.stdout
    );
    // `query -f` reads the same script (headers are SPARQL comments) and
    // gives the same result.
    let q = run(newskg(&store)
        .args(["query", "-f"])
        .arg(&script)
        .args(["--format", "csv"]));
    assert_eq!(q.code, 0);
    assert_eq!(q.stdout, csv.stdout);
    // A table shows the title first.
    let table = run(newskg(&store)
        .arg("run")
        .arg(&script)
        .args(["--format", "table"]));
    assert!(table
        .stdout
        .starts_with("Top trade pairs by turnover per year\n"));
    assert!(table.stdout.contains(" rows ("));
    let json = run(newskg(&store)
        .arg("run")
        .arg(&script)
        .args(["--format", "json"]));
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(!v["results"]["bindings"].as_array().unwrap().is_empty());
    // Bad input: a missing file, a syntax error with its position.
    newskg(&store)
        .args(["run", "missing.rq"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.rq: cannot read"));
    let bad = dir.path().join("bad.rq");
    std::fs::write(&bad, "# title: Bad\nSELECT ?x WHERE {").unwrap();
    newskg(&store)
        .arg("run")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:2:", bad.display())))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn the_projects_queries_pass_on_the_sample_corpus() {
    let dir = built_store();
    let store = dir.path().join("kg");
    let queries = root().join("queries");
    let r = run(newskg(&store).arg("check").arg(&queries));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("FAIL") && !r.stdout.contains("ERROR"));
    let (code, report) = check_json(&store, &[&queries], &["--strict"]);
    assert_eq!(code, 0, "{report:#}");
    let all = report["scripts"].as_array().unwrap();
    assert!(all.len() >= 15, "{}", all.len());
    for s in all {
        assert_eq!(s["status"], "pass", "{s:#}");
        let file = s["file"].as_str().unwrap();
        assert!(
            !s["title"].as_str().unwrap().ends_with(".rq"),
            "{file} has no title"
        );
        if file.contains("/reports/") {
            // The example reports find something in the sample corpus.
            assert!(s["rows"].as_u64().unwrap() > 0, "{s:#}");
        } else {
            // The checks say what they expect, how bad a failure is and why.
            assert!(s["expect"].is_string(), "{file}");
            assert!(s["description"].is_string(), "{file}");
        }
    }
    // Every check file names its severity explicitly.
    for entry in walkdir(&queries) {
        let text = std::fs::read_to_string(&entry).unwrap();
        if !entry.to_string_lossy().contains("/reports/") {
            assert!(text.contains("\n# severity: "), "{}", entry.display());
        }
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else if p.extension().is_some_and(|x| x == "rq") {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_broken_fixture_graph_fails_the_right_check() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    newskg(&store)
        .arg("load")
        .arg(root().join("ontology/newskg.ttl"))
        .args(["--graph", "http://newskg.org/graph/ontology"])
        .assert()
        .success();
    newskg(&store)
        .arg("load")
        .arg(root().join("tests/fixtures/one-party-trade.ttl"))
        .args(["--graph", "http://newskg.org/article/f1x7u7e000000001"])
        .assert()
        .success();
    let queries = root().join("queries");
    let r = run(newskg(&store).arg("check").arg(&queries));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    // That check fails, and no other: the rest of the fixture is well-formed.
    let failures: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert_eq!(failures.len(), 1, "{}", r.stdout);
    assert!(
        failures[0].starts_with(
            "FAIL  Every trade turnover has two distinct parties, an amount and a currency (1 row, "
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("WARN") && !r.stdout.contains("ERROR"));
    assert!(r
        .stdout
        .contains("<http://newskg.org/article/f1x7u7e000000001/obs0> ┆ 1"));
    // The same check alone, as JSON: the offending figure with one party.
    let (code, report) = check_json(&store, &[&queries.join("trade-turnover-complete.rq")], &[]);
    assert_eq!(code, 1);
    let v = &report["scripts"][0]["violations"][0];
    assert_eq!(
        v["observation"],
        "<http://newskg.org/article/f1x7u7e000000001/obs0>"
    );
    assert_eq!(
        v["parties"],
        "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"
    );
}
