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

/// How every test starts the browser: headless, as root in a container
/// (no sandbox), a fresh profile, a 1280×900 window.
fn headless(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1280,900",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

fn run(browser: &Path, url: &str, extra: &[String]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let out = headless(browser, profile.path())
        .args([
            "--hide-scrollbars",
            // Wait for the page's own requests and timers, in virtual time.
            "--virtual-time-budget=15000",
            "--enable-logging=stderr",
            "--v=0",
        ])
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

/// A browser driven through the Chrome DevTools Protocol, for what a person
/// does on a page: move the mouse, click, type. Killed when dropped.
pub struct Session {
    child: std::process::Child,
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<std::net::TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Session {
    /// Opens `url` in a headless browser with a 1280×900 window.
    pub fn open(browser: &Path, url: &str) -> Session {
        use std::io::{BufRead, BufReader};
        let profile = tempfile::tempdir().unwrap();
        let mut child = headless(browser, profile.path())
            .arg("--remote-debugging-port=0")
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/..."
        let mut port = None;
        for line in BufReader::new(child.stderr.take().unwrap()).lines() {
            let line = line.unwrap();
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                port = rest.split('/').next().map(str::to_string);
                break;
            }
        }
        let port = port.expect("the browser did not say where DevTools listen");
        // The page's own socket, from the list of targets.
        let mut page_socket = None;
        for _ in 0..100 {
            let list: serde_json::Value = ureq::get(&format!("http://127.0.0.1:{port}/json/list"))
                .call()
                .ok()
                .and_then(|r| r.into_body().read_to_string().ok())
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(serde_json::Value::Null);
            page_socket = list.as_array().and_then(|targets| {
                targets
                    .iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str())
                    .map(str::to_string)
            });
            if page_socket.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let (socket, _) =
            tungstenite::connect(page_socket.expect("no page in the browser")).unwrap();
        Session {
            child,
            socket,
            next_id: 1,
            _profile: profile,
        }
    }

    /// Sends one DevTools command and returns its result.
    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        let id = self.next_id;
        self.next_id += 1;
        let message = serde_json::json!({ "id": id, "method": method, "params": params });
        self.socket
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.socket.read().unwrap();
            let Ok(text) = reply.to_text() else { continue };
            let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            if value["id"] == id {
                assert!(value["error"].is_null(), "{method}: {value}");
                return value["result"].clone();
            }
        }
    }

    /// The value of a JavaScript expression in the page.
    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let r = self.call(
            "Runtime.evaluate",
            serde_json::json!({ "expression": expression, "returnByValue": true }),
        );
        assert!(r["exceptionDetails"].is_null(), "{expression}: {r}");
        r["result"]["value"].clone()
    }

    /// Waits (up to 15 s) until `expression` is true in the page.
    pub fn wait_for(&mut self, expression: &str) {
        for _ in 0..150 {
            if self.eval(&format!("!!({expression})")) == serde_json::Value::Bool(true) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("still not true after 15 s: {expression}");
    }

    /// A mouse event at a point of the window (`mouseMoved`, `mousePressed`, `mouseReleased`).
    pub fn mouse(&mut self, kind: &str, x: f64, y: f64) {
        self.call(
            "Input.dispatchMouseEvent",
            serde_json::json!({
                "type": kind,
                "x": x,
                "y": y,
                "button": if kind == "mouseMoved" { "none" } else { "left" },
                "buttons": if kind == "mousePressed" { 1 } else { 0 },
                "clickCount": 1
            }),
        );
    }

    /// Moves the mouse to a point of the window as a hand does: in steps,
    /// from a little to its left and above.
    pub fn move_to(&mut self, x: f64, y: f64) {
        for step in (0..=8).rev() {
            let d = f64::from(step) * 3.0;
            self.mouse("mouseMoved", x - d, y - d / 2.0);
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
    }

    /// A left click at a point of the window.
    pub fn click(&mut self, x: f64, y: f64) {
        self.move_to(x, y);
        self.mouse("mousePressed", x, y);
        self.mouse("mouseReleased", x, y);
    }

    /// Types `text` into whatever has the focus.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", serde_json::json!({ "text": text }));
    }
}
