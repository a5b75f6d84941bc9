//! A real headless browser (Debian's `chromium`) for the tests of the page
//! of `newskg serve` and of `newskg viz` files: the DOM after the page's
//! scripts ran, the console messages it logged, and a screenshot. Tests
//! skip with a message when no browser is installed, unless
//! `NEWSKG_REQUIRE_BROWSER` is set (as `.ci/run` sets it).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser's binary, if one is installed.
pub fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var_os("NEWSKG_REQUIRE_BROWSER").is_none(),
            "NEWSKG_REQUIRE_BROWSER is set but no chromium was found (apt-get install chromium)"
        );
        eprintln!("skipped: no headless browser (apt-get install chromium)");
    }
    found
}

/// What the browser made of a page.
pub struct Loaded {
    /// The DOM once the page's scripts (and the requests they made) ran.
    pub dom: String,
    /// Console messages and uncaught errors the page logged.
    pub console: Vec<String>,
}

fn run(browser: &Path, url: &str, extra: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--window-size=1280,900",
            // Wait for the page's own requests and timers, in virtual time.
            "--virtual-time-budget=15000",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Loads `url`: its DOM after the scripts ran, and what it logged.
pub fn load(browser: &Path, url: &str) -> Loaded {
    let (dom, log) = run(browser, url, &["--dump-dom".to_string()]);
    let console = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .map(str::to_string)
        .collect();
    Loaded { dom, console }
}

/// Writes a screenshot of `url` to `png` (in the tests' output directory).
pub fn screenshot(browser: &Path, url: &str, png: &Path) {
    let _ = std::fs::remove_file(png);
    run(browser, url, &[format!("--screenshot={}", png.display())]);
    let size = std::fs::metadata(png).map(|m| m.len()).unwrap_or(0);
    assert!(size > 10_000, "no screenshot of {url} in {}", png.display());
    eprintln!("screenshot of {url}: {}", png.display());
}

/// Where tests write what a person may want to look at afterwards.
pub fn output_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
