//! A build that runs out of disk space: on a tmpfs of a few MB (mounted
//! here when the tests run as root; skipped with a message otherwise), it
//! stops with one sentence naming the store and the space it needs, the
//! store still reads with every article committed before, and once there
//! is space the same build completes.

mod common;

use common::{newskg, root, stdout_of};
use std::path::{Path, PathBuf};
use std::process::Command as Process;

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    fn mount(size: &str) -> Result<Tmpfs, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().to_path_buf();
        let out = Process::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        Ok(Tmpfs { _dir: dir, path })
    }

    fn resize(&self, size: &str) {
        let status = Process::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(&self.path)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Process::new("umount").arg(&self.path).status();
    }
}

fn is_root() -> bool {
    Process::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// `n` distinct articles made from the development set's texts.
fn many_articles(dir: &Path, n: usize) {
    let texts: Vec<String> = std::fs::read_dir(root().join("tests/devset/corpus"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    for i in 0..n {
        let text = format!(
            "{}\nThe Chamber of Commerce of Region {i} opened an office in Minsk.\n",
            texts[i % texts.len()]
        );
        std::fs::write(dir.join(format!("a{i:04}.txt")), text).unwrap();
    }
}

fn graphs(store: &Path) -> Vec<String> {
    let out = stdout_of(newskg(store).args([
        "query",
        "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
        "--format",
        "tsv",
    ]));
    out.lines().skip(1).map(str::to_string).collect()
}

#[test]
fn a_build_that_fills_the_disk_stops_with_a_sentence_and_loses_nothing() {
    if !is_root() {
        eprintln!(
            "skipped: mounting a small tmpfs needs root (run the tests as root to try a full disk)"
        );
        return;
    }
    let disk = match Tmpfs::mount("6m") {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipped: cannot mount a tmpfs here ({e})");
            return;
        }
    };
    let store = disk.path.join("kg");
    newskg(&store)
        .args(["build", "--quiet"])
        .arg(root().join("corpus"))
        .assert()
        .success();
    let before = graphs(&store);
    assert_eq!(before.len(), 6, "{before:?}"); // 5 articles and the ontology

    let input = tempfile::tempdir().unwrap();
    many_articles(input.path(), 300);
    let out = newskg(&store)
        .args(["build", "--quiet"])
        .arg(input.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    let store_name = store.display().to_string();
    assert!(
        err.contains(&format!(
            "the disk holding the store {store_name} is full ("
        )),
        "{err}"
    );
    assert!(err.contains(" free)"), "{err}");
    assert!(
        err.contains("articles this command writes need about "),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");

    // Everything committed before is there, and the store reads.
    let after = graphs(&store);
    assert!(before.iter().all(|g| after.contains(g)), "{after:?}");
    stdout_of(newskg(&store).args(["stats"]));

    // With space, the same build completes and has every article.
    disk.resize("256m");
    let out = newskg(&store)
        .args(["build", "--quiet"])
        .arg(input.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(graphs(&store).len(), 6 + 300);
}
