//! Real SPARQL servers for the remote-mode tests, each started on a free
//! loopback port and stopped by its process id when dropped: `oxigraph
//! serve` (`$NEWSKG_OXIGRAPH`, else `oxigraph` on the PATH or in
//! `~/.local/bin`), Virtuoso (`virtuoso-t`), and a proxy that puts faults
//! between newskg and a server. Without a server the tests say so and pass,
//! unless `NEWSKG_REQUIRE_SERVERS` is set (as `.ci/run` sets it);
//! `tests/servers/install.sh` installs them.

use assert_cmd::Command;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// An `oxigraph serve` process on a fresh directory; killed when dropped.
pub struct Server {
    pub child: Child,
    pub url: String,
    pub _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn oxigraph_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NEWSKG_OXIGRAPH") {
        return Some(PathBuf::from(p));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".local/bin"));
    }
    dirs.into_iter()
        .map(|d| d.join("oxigraph"))
        .find(|p| p.is_file())
}

/// Starts a server, or returns None (after saying why) when none is installed.
pub fn server() -> Option<Server> {
    let Some(bin) = oxigraph_binary() else {
        assert!(
            std::env::var_os("NEWSKG_REQUIRE_SERVERS").is_none(),
            "NEWSKG_REQUIRE_SERVERS is set but no oxigraph binary was found (run tests/servers/install.sh)"
        );
        eprintln!("skipped: no `oxigraph` server binary (run tests/servers/install.sh)");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new(bin)
        .arg("serve")
        .arg("--location")
        .arg(dir.path().join("db"))
        .arg("--bind")
        .arg(format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("oxigraph serve starts");
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{port}/query"),
        _dir: dir,
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "oxigraph serve did not listen on port {port} within 30 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(server)
}

/// A Virtuoso process (`virtuoso-t`) on a fresh database in a temporary
/// directory, both ports on loopback; killed when dropped. None (after
/// saying why) when Virtuoso is not installed.
/// Where the tests' Virtuoso cuts its answers.
pub const VIRTUOSO_MAX_ROWS: usize = 100;

pub fn virtuoso() -> Option<Server> {
    let template = Path::new("/etc/virtuoso-opensource-7/virtuoso.ini");
    let found = |name: &str| {
        std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
            .unwrap_or(false)
    };
    if !(found("virtuoso-t") && found("isql-vt") && template.is_file()) {
        assert!(
            std::env::var_os("NEWSKG_REQUIRE_SERVERS").is_none(),
            "NEWSKG_REQUIRE_SERVERS is set but Virtuoso is not installed (run tests/servers/install.sh)"
        );
        eprintln!("skipped: Virtuoso is not installed (run tests/servers/install.sh)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let free = || {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    };
    let (sql, http) = (free(), free());
    let ini: String = std::fs::read_to_string(template)
        .unwrap()
        .replace(
            "/var/lib/virtuoso-opensource-7/db",
            &dir.path().display().to_string(),
        )
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("ServerPort") && l.contains("1111") {
                format!("ServerPort = 127.0.0.1:{sql}")
            } else if l.trim_start().starts_with("ServerPort") && l.contains("8890") {
                format!("ServerPort = 127.0.0.1:{http}")
            } else if l.trim_start().starts_with("ResultSetMaxRows") {
                // Answers cut far sooner than by default (10000), so that
                // reading them in pages is what the tests do.
                format!("ResultSetMaxRows = {VIRTUOSO_MAX_ROWS}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let config = dir.path().join("virtuoso.ini");
    std::fs::write(&config, ini).unwrap();
    let child = std::process::Command::new("virtuoso-t")
        .arg("+foreground")
        .arg("+configfile")
        .arg(&config)
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("virtuoso-t starts");
    let server = Server {
        child,
        url: format!("http://127.0.0.1:{http}/sparql"),
        _dir: dir,
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", http)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "Virtuoso did not listen on port {http} within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // Anonymous SPARQL Update on /sparql.
    let grant = std::process::Command::new("isql-vt")
        .arg(sql.to_string())
        .args(["dba", "dba", "exec=GRANT SPARQL_UPDATE TO \"SPARQL\";"])
        .output()
        .unwrap();
    assert!(grant.status.success(), "{:?}", grant);
    Some(server)
}

/// The quads of an N-Quads text that are in named graphs, blank nodes
/// written alike, sorted: what two stores holding the same articles share.
pub fn named_graph_quads(nquads: &str) -> Vec<String> {
    use oxigraph::io::{RdfFormat, RdfParser};
    let mut quads: Vec<String> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(nquads.as_bytes())
        .map(|q| q.unwrap())
        .filter(|q| !q.graph_name.is_default_graph())
        .map(|q| {
            let blank = |t: String| {
                if t.starts_with("_:") {
                    "_:b".to_string()
                } else {
                    t
                }
            };
            format!(
                "{} {} {} {}",
                blank(q.subject.to_string()),
                q.predicate,
                blank(q.object.to_string()),
                q.graph_name
            )
        })
        .collect();
    quads.sort();
    quads
}

/// The binary against the server at `url`.
pub fn remote(url: &str) -> Command {
    let mut c = Command::cargo_bin("newskg").unwrap();
    c.env_remove("NEWSKG_STORE")
        .env_remove("NEWSKG_ENDPOINT")
        .env_remove("NEWSKG_PASSWORD")
        .env_remove("NEWSKG_USER")
        .env_remove("NEWSKG_TOKEN")
        .env("NO_COLOR", "1")
        .arg("--endpoint")
        .arg(url);
    c
}

/// `tests/servers/faulty_proxy.py` in front of a server: forwards requests
/// until told to misbehave. Killed when dropped.
pub struct FaultyProxy {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for FaultyProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl FaultyProxy {
    /// A proxy in front of the server whose query endpoint is `url`
    /// (`http://host:port/query`).
    pub fn start(url: &str) -> FaultyProxy {
        let upstream = url.trim_end_matches("/query");
        let dir = tempfile::tempdir().unwrap();
        let port_file = dir.path().join("port");
        let child = std::process::Command::new("python3")
            .arg(super::root().join("tests/servers/faulty_proxy.py"))
            .arg(upstream)
            .arg(&port_file)
            .stdout(Stdio::null())
            .spawn()
            .expect("python3 runs the proxy");
        let started = Instant::now();
        let port = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                break text.trim().parse().unwrap();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the proxy did not start within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        FaultyProxy {
            child,
            port,
            _dir: dir,
        }
    }

    /// The query endpoint through the proxy.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/query", self.port)
    }

    fn call(&self, method: &str, path: &str, body: &str) -> String {
        use std::io::{Read, Write};
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        answer
    }

    /// Sets the fault (see the proxy's doc): `none`, `fail-writes-after N`,
    /// `flaky`, `slow S`, `html`, `unauthorized`.
    pub fn fault(&self, spec: &str) {
        let answer = self.call("POST", "/__fault", spec);
        assert!(answer.starts_with("HTTP/1.1 204"), "{answer}");
    }

    /// The request lines and Authorization headers the proxy has seen.
    pub fn log(&self) -> String {
        self.call("GET", "/__log", "")
    }
}
