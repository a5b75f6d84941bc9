//! End-to-end tests of large builds with the real binary on real on-disk
//! stores: bulk-loaded commits give the same graph as small transactions,
//! unchanged files are skipped by their size and time, and a build stopped
//! by Ctrl-C leaves whole articles that the next build completes.

mod common;

use common::{newskg, root, stdout_of};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `copies` copies of the development articles, each a distinct article
/// (its own file and first line), in folders of 16.
fn many_articles(dir: &Path, copies: usize) -> PathBuf {
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
    let out = dir.join("articles");
    for c in 0..copies {
        let sub = out.join(format!("copy{c:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        for (name, text) in &texts {
            std::fs::write(sub.join(name), format!("Report {c}.\n\n{text}")).unwrap();
        }
    }
    out
}

/// A store built from one copy of the articles: the folder, the articles
/// and the store.
fn built_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let articles = many_articles(dir.path(), 1);
    let store = dir.path().join("kg");
    newskg(&store)
        .arg("build")
        .arg(&articles)
        .arg("-q")
        .assert()
        .success();
    (dir, articles, store)
}

fn export_nq(store: &Path) -> String {
    stdout_of(newskg(store).args(["export", "--format", "nq"]))
}

#[test]
fn one_bulk_build_equals_many_small_ones() {
    let dir = tempfile::tempdir().unwrap();
    let articles = many_articles(dir.path(), 8);
    let whole = dir.path().join("whole");
    let out = stdout_of(newskg(&whole).arg("build").arg(&articles).arg("-q"));
    assert!(out.contains("128 new, 0 changed"), "{out}");

    // The same articles, a folder per build: each build is small.
    let parts = dir.path().join("parts");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    for f in &folders {
        newskg(&parts)
            .arg("build")
            .arg(f)
            .arg("-q")
            .assert()
            .success();
    }
    let a = export_nq(&whole);
    assert!(a.lines().count() > 20_000, "{} quads", a.lines().count());
    assert_eq!(a, export_nq(&parts));

    // Each fact is seen once in the default graph, every article says it.
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a :partnersWith ?b }";
    let distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { GRAPH ?g { ?a :partnersWith ?b } } }";
    let n = |s: &Path, q: &str| stdout_of(newskg(s).args(["query", q, "--format", "csv"]));
    assert_eq!(n(&whole, q), n(&whole, distinct));
}

#[test]
fn unchanged_files_are_skipped_by_size_and_time_and_changes_are_seen() {
    let (dir, articles, store) = built_copy();
    let again = stdout_of(newskg(&store).arg("build").arg(&articles).arg("-q"));
    assert!(
        again.starts_with("Nothing changed: all 16 articles"),
        "{again}"
    );

    // The same size, another letter and a later time: read again, rebuilt.
    let file = std::fs::read_dir(articles.join("copy000"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&file, text.replacen("Report 0.", "Report 9.", 1)).unwrap();
    let out = stdout_of(newskg(&store).arg("build").arg(&articles).arg("-q"));
    assert!(out.contains("0 new, 1 changed, 15 unchanged"), "{out}");

    // Another language choice makes other articles: every file is read again.
    let out = stdout_of(
        newskg(&store)
            .arg("build")
            .arg(&articles)
            .args(["--lang", "en", "-q"]),
    );
    assert!(!out.starts_with("Nothing changed"), "{out}");
    assert!(
        dir.path().join("kg/newskg-inputs.tsv").exists(),
        "the signatures are kept in the store"
    );
}

#[test]
fn an_article_removed_by_hand_is_built_again_though_its_file_did_not_change() {
    let (_dir, articles, store) = built_copy();
    let whole = export_nq(&store);
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?a a :Article } }";
    let graph = stdout_of(newskg(&store).args([
        "query",
        "SELECT ?a WHERE { ?a a :Article } ORDER BY ?a LIMIT 1",
        "--format",
        "tsv",
    ]));
    let graph = graph.lines().nth(1).unwrap().to_string();
    // The update goes round the build; the next build must not trust the
    // inputs' sizes and times for that article.
    newskg(&store)
        .args(["update", &format!("DROP GRAPH {graph}")])
        .assert()
        .success();
    let n = stdout_of(newskg(&store).args(["query", count, "--format", "tsv"]));
    assert!(n.contains("\n15"), "{n}");
    assert!(!store.join("newskg-inputs.tsv").exists());
    let out = stdout_of(newskg(&store).arg("build").arg(&articles).arg("-q"));
    assert!(out.contains("1 new, 0 changed, 15 unchanged"), "{out}");
    assert_eq!(export_nq(&store), whole);
}

#[test]
fn ctrl_c_stops_a_build_with_whole_articles_and_the_next_build_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = many_articles(dir.path(), 40);
    let store = dir.path().join("kg");
    let bin = assert_cmd::cargo::cargo_bin("newskg");
    let child = std::process::Command::new(&bin)
        .env_remove("NEWSKG_STORE")
        .arg("--store")
        .arg(&store)
        .arg("build")
        .arg(&articles)
        .arg("-q")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the store exists the build is under way: stop it a little later.
    for _ in 0..200 {
        if store.join("CURRENT").exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    std::thread::sleep(Duration::from_millis(300));
    let _ = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(130) {
        assert!(
            stderr.contains("Run the same build again to go on"),
            "{stderr}"
        );
    } else {
        assert_eq!(out.status.code(), Some(0), "{stderr}"); // it was done first
    }

    // Whatever was written is whole: the next build completes the rest and
    // the graph is the one a build without interruption makes.
    let done = stdout_of(newskg(&store).arg("build").arg(&articles).arg("-q"));
    assert!(done.contains("0 changed"), "{done}");
    let clean = dir.path().join("clean");
    newskg(&clean)
        .arg("build")
        .arg(&articles)
        .arg("-q")
        .assert()
        .success();
    assert_eq!(export_nq(&store), export_nq(&clean));
}
