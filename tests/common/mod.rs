//! Helpers shared by the end-to-end tests: the real binary on a given store.
#![allow(dead_code)] // each test file uses a part of them

pub mod browser;
pub mod servers;
pub mod serving;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The binary with `--store DIR` and no inherited store variable.
pub fn newskg(store: &Path) -> Command {
    let mut c = Command::cargo_bin("newskg").unwrap();
    c.env_remove("NEWSKG_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(store);
    c
}

/// The standard output of a command that must succeed.
pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "command failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A store built from the sample corpus in a temporary directory (kept
/// while the first value lives), and its path.
pub fn built_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    newskg(&store)
        .args(["build", "--quiet"])
        .arg(root().join("corpus"))
        .assert()
        .success();
    (dir, store)
}
