//! Crash safety, proven: `newskg build` replacing a corpus of a few hundred
//! articles by a changed version is killed with SIGKILL at moments spread
//! over the whole run (reading, extracting, writing, committing). After each
//! kill the store opens, every article graph is wholly its old version or
//! wholly its new one (compared, triple for triple, with clean builds of
//! both versions), and the next build completes the change. The same for
//! `load` and `update`: all or nothing.

mod common;

use common::{newskg, root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Articles per version: the development articles, this many times over.
const COPIES: usize = 15;
/// Kills of `build`.
const BUILD_KILLS: u32 = 25;
/// Kills of `load` and of `update`, each.
const OTHER_KILLS: u32 = 5;

/// Writes version 1 or 2 of the corpus into `dir` (emptied first). Version
/// 2 changes every article's text (a sentence with other facts and figures
/// before it), drops every tenth file and adds one new file per folder.
fn write_corpus(dir: &Path, version: u32) {
    let _ = std::fs::remove_dir_all(dir);
    let mut texts: Vec<(String, String)> = std::fs::read_dir(root().join("tests/devset/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    texts.sort();
    let mut n = 0;
    for c in 0..COPIES {
        let sub = dir.join(format!("copy{c:02}"));
        std::fs::create_dir_all(&sub).unwrap();
        for (name, text) in &texts {
            n += 1;
            let text = match version {
                1 => format!("Report {c}.\n\n{text}"),
                _ if n % 10 == 0 => continue,
                _ => format!(
                    "Report {c}, revised.\n\nIn {year}, trade turnover between Belarus and Russia \
                     reached ${c}.{n} billion, up {n}% from a year earlier. {text}",
                    year = 2000 + c,
                ),
            };
            std::fs::write(sub.join(name), text).unwrap();
        }
        if version == 2 {
            std::fs::write(
                sub.join("zz_added.txt"),
                format!(
                    "Added {c}.\n\nMinsk Tractor Works signed an agreement with Ganja Automobile \
                     Plant in {}.",
                    2010 + c
                ),
            )
            .unwrap();
        }
    }
}

/// Every article graph's triples (blank nodes by position only), by graph.
fn graphs(store: &Path) -> BTreeMap<String, Vec<String>> {
    let out = newskg(store)
        .args([
            "query",
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "tsv",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the store does not open after the kill: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let blank = regex::Regex::new(r"_:[A-Za-z0-9]+").unwrap();
    let mut by_graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines().skip(1) {
        let (g, triple) = line.split_once('\t').unwrap();
        by_graph
            .entry(g.to_string())
            .or_default()
            .push(blank.replace_all(triple, "_:").into_owned());
    }
    for triples in by_graph.values_mut() {
        triples.sort();
    }
    by_graph
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

fn spawn(store: &Path, args: &[&str]) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .env_remove("NEWSKG_STORE")
        .arg("--store")
        .arg(store)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// How long a command takes to run to its end.
fn duration_of(store: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    assert!(spawn(store, args).wait().unwrap().success(), "{args:?}");
    started.elapsed()
}

/// The moments to kill at: spread evenly over `0..1.1 * whole`, each moved
/// a little by a fixed pseudo-random sequence, so that every phase is hit.
fn moments(whole: Duration, kills: u32) -> Vec<Duration> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..kills)
        .map(|i| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let jitter = (seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5;
            let at = (f64::from(i) + 0.5 + 0.8 * jitter) / f64::from(kills) * 1.1;
            whole.mul_f64(at.max(0.0))
        })
        .collect()
}

/// Runs `args` on a fresh copy of `start` and kills it (SIGKILL) `at` in.
/// Returns whether it had ended on its own first.
fn killed_at(start: &Path, work: &Path, args: &[&str], at: Duration) -> bool {
    copy_dir(start, work);
    let mut child = spawn(work, args);
    std::thread::sleep(at);
    let ended = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    ended
}

#[test]
fn a_build_killed_anywhere_leaves_every_article_wholly_old_or_wholly_new() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    let articles_arg = articles.to_str().unwrap();
    let (old, new, work) = (
        dir.path().join("old"),
        dir.path().join("new"),
        dir.path().join("work"),
    );
    // Clean builds of both versions, at the same paths.
    write_corpus(&articles, 2);
    assert!(spawn(&new, &["build", articles_arg, "-q"])
        .wait()
        .unwrap()
        .success());
    write_corpus(&articles, 1);
    assert!(spawn(&old, &["build", articles_arg, "-q"])
        .wait()
        .unwrap()
        .success());
    write_corpus(&articles, 2);
    let (old_graphs, new_graphs) = (graphs(&old), graphs(&new));
    assert!(old_graphs.len() > 200, "{}", old_graphs.len());

    // How long the change takes without a kill.
    copy_dir(&old, &work);
    let build = ["build", articles_arg, "--prune", "-q"];
    let whole = duration_of(&work, &build);
    assert_eq!(graphs(&work), new_graphs, "an uninterrupted change");

    let (mut untouched, mut partly, mut finished, mut checked) = (0, 0, 0, 0);
    for at in moments(whole, BUILD_KILLS) {
        let ended = killed_at(&old, &work, &build, at);
        let now = graphs(&work);
        let mut new_ones = 0;
        for g in old_graphs.keys().chain(new_graphs.keys()) {
            let state = now.get(g);
            let wholly_old = state == old_graphs.get(g);
            let wholly_new = state == new_graphs.get(g);
            assert!(
                wholly_old || wholly_new,
                "killed at {at:?}: {g} is neither its old nor its new version"
            );
            if wholly_new && !wholly_old {
                new_ones += 1;
            }
            checked += 1;
        }
        assert!(
            now.keys()
                .all(|g| old_graphs.contains_key(g) || new_graphs.contains_key(g)),
            "killed at {at:?}: a graph that neither version has"
        );
        match new_ones {
            0 => untouched += 1,
            _ if ended || now == new_graphs => finished += 1,
            _ => partly += 1,
        }
        // The next build completes the change.
        assert!(spawn(&work, &build).wait().unwrap().success());
        assert_eq!(
            graphs(&work),
            new_graphs,
            "after the build that followed the kill at {at:?}"
        );
    }
    eprintln!(
        "build: {BUILD_KILLS} kills over {whole:?}: {untouched} before any article was replaced, \
         {partly} midway, {finished} after the last; {checked} article graphs checked"
    );
    assert!(
        partly > 0,
        "no kill landed while articles were being replaced"
    );
}

#[test]
fn a_load_or_an_update_killed_anywhere_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    let (base, work, whole_store) = (
        dir.path().join("base"),
        dir.path().join("work"),
        dir.path().join("whole"),
    );
    write_corpus(&articles, 1);
    assert!(spawn(&base, &["build", articles.to_str().unwrap(), "-q"])
        .wait()
        .unwrap()
        .success());
    // Quads of the other version under other graph names, to load.
    write_corpus(&articles, 2);
    let out = Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .args(["extract", articles.to_str().unwrap(), "--format", "nq"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let nq = String::from_utf8_lossy(&out.stdout).replace(
        "<http://newskg.org/article/",
        "<http://newskg.org/article/loaded-",
    );
    let file: PathBuf = dir.path().join("other.nq");
    std::fs::write(&file, nq).unwrap();
    // An update as large: every triple of one graph copied into another.
    let update = "INSERT { GRAPH <http://example.org/copy> { ?s ?p ?o } } \
                  WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <http://newskg.org/graph/ontology>) }";

    for (what, args) in [
        ("load", vec!["load", file.to_str().unwrap()]),
        ("update", vec!["update", update]),
    ] {
        let before = graphs(&base);
        copy_dir(&base, &whole_store);
        let whole = duration_of(&whole_store, &args);
        let after = graphs(&whole_store);
        assert_ne!(before, after);
        let (mut nothing, mut all) = (0, 0);
        for at in moments(whole, OTHER_KILLS) {
            killed_at(&base, &work, &args, at);
            let now = graphs(&work);
            if now == before {
                nothing += 1;
            } else {
                assert!(now == after, "{what} killed at {at:?}: partly written");
                all += 1;
            }
        }
        eprintln!("{what}: {OTHER_KILLS} kills over {whole:?}: {nothing} wrote nothing, {all} all");
    }
}
