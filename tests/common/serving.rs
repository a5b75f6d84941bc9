//! A running `newskg serve` on a free loopback port, stopped by its process
//! id when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

/// A running `newskg serve`; killed when dropped.
pub struct Serving {
    pub child: Child,
    /// The query endpoint, http://127.0.0.1:PORT/query.
    pub url: String,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Serves `store` on a free port with the extra `args`; waits until it listens.
pub fn serve(store: &Path, args: &[&str]) -> Serving {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newskg"))
        .env_remove("NEWSKG_ENDPOINT")
        .arg("--store")
        .arg(store)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .trim_end_matches(',')
        .to_string();
    Serving { child, url }
}
