//! Where a SPARQL server takes queries, updates and whole graphs, and how
//! to talk to it: the conventions of each kind of server are data here (a
//! preset), never code paths elsewhere. Pure: no I/O but reading the
//! password from the environment or a netrc file.

use std::path::PathBuf;
use std::time::Duration;

/// Kinds of SPARQL servers whose conventions newskg knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ServerKind {
    /// Any SPARQL 1.1 server: updates go to `--update-endpoint` (default: the
    /// query endpoint), whole graphs to `--graph-store` when given.
    Generic,
    /// `oxigraph serve`: `/query`, `/update` and `/store` beside each other.
    Oxigraph,
    /// Apache Jena Fuseki: `/DATASET/query` (or `/sparql`), `/DATASET/update`, `/DATASET/data`.
    Fuseki,
    /// OpenLink Virtuoso: `/sparql` for queries and updates (`/sparql-auth`
    /// with --user), `/sparql-graph-crud`; its default graph is all graphs;
    /// answers cut at 10000 rows (read in pages).
    Virtuoso,
    /// QLever: queries, updates and whole graphs at one URL; its default
    /// graph is all graphs; writes need $NEWSKG_TOKEN (its access token).
    Qlever,
    /// Ontotext GraphDB (and other RDF4J servers): `/repositories/REPO`,
    /// `/repositories/REPO/statements`, `/repositories/REPO/rdf-graphs/service`;
    /// its default graph is all graphs.
    Graphdb,
}

/// How to reach one server.
#[derive(Debug, Clone)]
pub struct RemoteConfig {
    query: String,
    update: String,
    graph_store: Option<String>,
    pub user: Option<String>,
    pub password: Option<String>,
    /// A bearer token (`Authorization: Bearer`), from `$NEWSKG_TOKEN`.
    pub token: Option<String>,
    /// How long one request may take, from connecting to the last byte.
    pub timeout: Duration,
    /// How many times a request is tried again after a transient failure
    /// (a 5xx status, a refused or reset connection).
    pub retries: u32,
    /// Read every SELECT answer in pages of this many rows (`LIMIT`/`OFFSET`),
    /// for servers that cut answers silently; `None` reads in one request,
    /// or in pages where the server says it cut the answer.
    pub page_size: Option<usize>,
    /// Requests sent at once when writing many articles.
    pub concurrency: usize,
    /// Whether the server's default graph is a graph of its own, which
    /// newskg keeps the merge of the named graphs (as in an embedded store);
    /// otherwise the server reads all graphs as its default graph, and
    /// nothing is written to it.
    pub merged_default_graph: bool,
    /// Graphs of the server's own (its configuration, not data), left out
    /// of what is read as the store's graphs.
    pub system_graphs: &'static [&'static str],
    /// Whether the server answers a whole graph (a CONSTRUCT, a Graph Store
    /// `GET`) uncut; Virtuoso stops at its row limit without saying so, so
    /// graphs are read from it through SELECTs, in pages where it cuts them.
    pub graph_answers_whole: bool,
    /// Whether `GRAPH ?g { }` lists the graphs (SPARQL 1.1; Virtuoso 7
    /// answers nothing, so its graphs are found through their triples).
    pub empty_graph_pattern: bool,
    /// How the server writes a blank node's label where it breaks the
    /// standard (Virtuoso: `nodeID://b10003`): answers are then read as
    /// XML, where the prefix can be taken off exactly.
    pub blank_node_prefix: Option<&'static str>,
}

/// Settings a user gives for a server (from flags and the environment).
#[derive(Debug, Clone, Default)]
pub struct RemoteSettings {
    pub endpoint: String,
    pub update_endpoint: Option<String>,
    pub graph_store: Option<String>,
    pub kind: Option<ServerKind>,
    pub user: Option<String>,
    pub password: Option<String>,
    pub token: Option<String>,
    pub timeout: Option<Duration>,
    pub page_size: Option<usize>,
    /// The server reads all graphs as its default graph (`--union-default-graph`).
    pub union_default_graph: bool,
}

impl RemoteConfig {
    /// The endpoints of a server from what the user gave, filling the rest
    /// in by the server's conventions. Fails with a sentence on a URL that
    /// is not http(s).
    pub fn new(settings: RemoteSettings) -> Result<RemoteConfig, String> {
        let (endpoint, userinfo) = split_userinfo(settings.endpoint.trim());
        check_url("--endpoint", &endpoint)?;
        // Credentials written into the URL (http://user:password@host/...)
        // are taken out of it, so that no message shows them.
        let (user, password) = match userinfo {
            Some((user, password)) if settings.user.is_none() => (Some(user), password),
            _ => (settings.user, settings.password),
        };
        let settings = RemoteSettings {
            user,
            password,
            update_endpoint: settings.update_endpoint.map(|u| split_userinfo(&u).0),
            graph_store: settings.graph_store.map(|u| split_userinfo(&u).0),
            ..settings
        };
        for (flag, url) in [
            ("--update-endpoint", &settings.update_endpoint),
            ("--graph-store", &settings.graph_store),
        ] {
            if let Some(url) = url {
                check_url(flag, url)?;
            }
        }
        let kind = settings.kind.unwrap_or_else(|| guess_kind(&endpoint));
        let (query, update, graph_store) = endpoints(kind, &endpoint, settings.user.is_some());
        let password = settings.password.or_else(|| {
            settings
                .user
                .as_ref()
                .and_then(|user| netrc_password(&endpoint, user))
        });
        let virtuoso = kind == ServerKind::Virtuoso;
        Ok(RemoteConfig {
            query,
            update: settings.update_endpoint.unwrap_or(update),
            graph_store: settings.graph_store.or(graph_store),
            user: settings.user,
            password,
            token: settings.token,
            timeout: settings.timeout.unwrap_or(Duration::from_secs(300)),
            retries: 3,
            page_size: settings.page_size,
            concurrency: 4,
            // These servers read all graphs as their default graph.
            merged_default_graph: !(matches!(
                kind,
                ServerKind::Virtuoso | ServerKind::Qlever | ServerKind::Graphdb
            ) || settings.union_default_graph),
            system_graphs: if virtuoso { VIRTUOSO_GRAPHS } else { &[] },
            graph_answers_whole: !virtuoso,
            empty_graph_pattern: !virtuoso,
            blank_node_prefix: virtuoso.then_some("nodeID://"),
        })
    }

    pub fn query_endpoint(&self) -> &str {
        &self.query
    }

    pub fn update_endpoint(&self) -> &str {
        &self.update
    }

    pub fn graph_store(&self) -> Option<&str> {
        self.graph_store.as_deref()
    }
}

/// The graphs a fresh Virtuoso holds for itself.
const VIRTUOSO_GRAPHS: &[&str] = &[
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://www.w3.org/2002/07/owl#",
    "http://localhost:8890/DAV/",
    "http://localhost:8890/sparql",
];

/// A URL without its `user:password@`, and that user and password
/// (percent-decoded), if it had them.
fn split_userinfo(url: &str) -> (String, Option<(String, Option<String>)>) {
    let Some((scheme, rest)) = url.split_once("://") else {
        return (url.to_string(), None);
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return (url.to_string(), None);
    };
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    };
    let info = &rest[..at];
    let (user, password) = match info.split_once(':') {
        Some((u, p)) => (decode(u), Some(decode(p))),
        None => (decode(info), None),
    };
    (
        format!("{scheme}://{}", &rest[at + 1..]),
        Some((user, password)),
    )
}

fn check_url(flag: &str, url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(()),
        _ => Err(format!(
            "{flag} {url:?}: not an http:// or https:// URL (e.g. http://localhost:7878/query)"
        )),
    }
}

/// A server's kind from its endpoint's path, where the path tells.
fn guess_kind(endpoint: &str) -> ServerKind {
    let path = endpoint.split(['?', '#']).next().unwrap_or("");
    let at_root = path.matches('/').count() == 3;
    if path.ends_with("/query") && at_root {
        // http://host:port/query: Oxigraph's layout (Fuseki's has a dataset).
        ServerKind::Oxigraph
    } else if (path.ends_with("/sparql") || path.ends_with("/sparql-auth")) && at_root {
        // http://host:port/sparql: Virtuoso's (Fuseki's has a dataset).
        ServerKind::Virtuoso
    } else {
        ServerKind::Generic
    }
}

/// (query, update, graph store) endpoints of a server of `kind` whose query
/// endpoint (or base URL) is `endpoint`.
fn endpoints(
    kind: ServerKind,
    endpoint: &str,
    authenticated: bool,
) -> (String, String, Option<String>) {
    let trimmed = endpoint.trim_end_matches('/');
    let beside = |base: &str, name: &str| format!("{base}/{name}");
    match kind {
        ServerKind::Generic => (endpoint.to_string(), endpoint.to_string(), None),
        ServerKind::Virtuoso => {
            let base = ["/sparql", "/sparql-auth"]
                .iter()
                .find_map(|s| trimmed.strip_suffix(s))
                .unwrap_or(trimmed);
            // Virtuoso takes authenticated requests at their own paths.
            let (sparql, crud) = if authenticated {
                ("sparql-auth", "sparql-graph-crud-auth")
            } else {
                ("sparql", "sparql-graph-crud")
            };
            (
                beside(base, sparql),
                beside(base, sparql),
                Some(beside(base, crud)),
            )
        }
        ServerKind::Oxigraph => {
            let base = trimmed.strip_suffix("/query").unwrap_or(trimmed);
            (
                beside(base, "query"),
                beside(base, "update"),
                Some(beside(base, "store")),
            )
        }
        ServerKind::Fuseki => {
            let base = ["/query", "/sparql"]
                .iter()
                .find_map(|s| trimmed.strip_suffix(s))
                .unwrap_or(trimmed);
            (
                beside(base, "query"),
                beside(base, "update"),
                Some(beside(base, "data")),
            )
        }
        ServerKind::Qlever => (
            endpoint.to_string(),
            endpoint.to_string(),
            Some(endpoint.to_string()),
        ),
        ServerKind::Graphdb => {
            let base = trimmed.strip_suffix("/statements").unwrap_or(trimmed);
            (
                base.to_string(),
                beside(base, "statements"),
                Some(beside(base, "rdf-graphs/service")),
            )
        }
    }
}

/// The password for `user` at the endpoint's host in `$NETRC` or `~/.netrc`.
fn netrc_password(endpoint: &str, user: &str) -> Option<String> {
    let path = std::env::var_os("NETRC")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".netrc")))?;
    let text = std::fs::read_to_string(path).ok()?;
    netrc_lookup(&text, &host_of(endpoint), user)
}

fn host_of(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    match host_port.rsplit_once(':') {
        Some((host, port)) if port.chars().all(|c| c.is_ascii_digit()) => host.to_string(),
        _ => host_port.to_string(),
    }
}

/// The `password` of the netrc entry for `host` (or `default`) whose
/// `login` is `user`.
fn netrc_lookup(text: &str, host: &str, user: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let mut found = None;
    let (mut machine, mut login, mut password): (Option<String>, Option<String>, Option<String>) =
        (None, None, None);
    let mut close =
        |machine: &Option<String>, login: &Option<String>, password: &Option<String>| {
            if found.is_none()
                && machine
                    .as_deref()
                    .is_some_and(|m| m == host || m.is_empty())
                && login.as_deref() == Some(user)
            {
                found = password.clone();
            }
        };
    while let Some(word) = words.next() {
        match word {
            "machine" | "default" => {
                close(&machine, &login, &password);
                machine = Some(if word == "default" {
                    String::new()
                } else {
                    words.next().unwrap_or("").to_string()
                });
                login = None;
                password = None;
            }
            "login" => login = words.next().map(str::to_string),
            "password" => password = words.next().map(str::to_string),
            _ => {}
        }
    }
    close(&machine, &login, &password);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(endpoint: &str, kind: Option<ServerKind>) -> RemoteConfig {
        RemoteConfig::new(RemoteSettings {
            endpoint: endpoint.into(),
            kind,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn oxigraph_endpoints_sit_beside_each_other() {
        let c = config("http://127.0.0.1:7878/query", None);
        assert_eq!(c.update_endpoint(), "http://127.0.0.1:7878/update");
        assert_eq!(c.graph_store(), Some("http://127.0.0.1:7878/store"));
        let c = config("http://127.0.0.1:7878", Some(ServerKind::Oxigraph));
        assert_eq!(c.query_endpoint(), "http://127.0.0.1:7878/query");
    }

    #[test]
    fn fuseki_endpoints_hang_off_the_dataset() {
        let c = config("http://h:3030/news/sparql", Some(ServerKind::Fuseki));
        assert_eq!(c.query_endpoint(), "http://h:3030/news/query");
        assert_eq!(c.update_endpoint(), "http://h:3030/news/update");
        assert_eq!(c.graph_store(), Some("http://h:3030/news/data"));
    }

    #[test]
    fn virtuoso_reads_all_graphs_as_its_default_graph_and_caps_answers() {
        let c = config("http://h:8890/sparql/", Some(ServerKind::Virtuoso));
        assert_eq!(c.update_endpoint(), "http://h:8890/sparql");
        assert_eq!(c.graph_store(), Some("http://h:8890/sparql-graph-crud"));
        assert!(!c.merged_default_graph);
        assert!(!c.graph_answers_whole);
        // It says where it cuts an answer: pages are read only then.
        assert_eq!(c.page_size, None);
        assert!(config("http://h:7878/query", None).merged_default_graph);
    }

    #[test]
    fn qlever_and_graphdb_read_all_graphs_as_their_default_graph() {
        let c = config("http://h:7001", Some(ServerKind::Qlever));
        assert_eq!(c.update_endpoint(), "http://h:7001");
        assert_eq!(c.graph_store(), Some("http://h:7001"));
        assert!(!c.merged_default_graph);
        let c = config("http://h:7200/repositories/news", Some(ServerKind::Graphdb));
        assert_eq!(
            c.update_endpoint(),
            "http://h:7200/repositories/news/statements"
        );
        assert_eq!(
            c.graph_store(),
            Some("http://h:7200/repositories/news/rdf-graphs/service")
        );
        assert!(!c.merged_default_graph);
    }

    #[test]
    fn a_generic_server_updates_where_it_answers_queries() {
        let c = config("https://example.org/repositories/news", None);
        assert_eq!(c.update_endpoint(), "https://example.org/repositories/news");
        assert_eq!(c.graph_store(), None);
        assert!(c.merged_default_graph);
        // At the root, /sparql is Virtuoso's layout.
        let c = config("http://h:8890/sparql", None);
        assert!(!c.merged_default_graph);
    }

    #[test]
    fn credentials_in_the_url_are_taken_out_of_it() {
        let c = RemoteConfig::new(RemoteSettings {
            endpoint: "http://ann:p%40ss@db.example.org:7878/query".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(c.query_endpoint(), "http://db.example.org:7878/query");
        assert_eq!(c.update_endpoint(), "http://db.example.org:7878/update");
        assert_eq!(c.user.as_deref(), Some("ann"));
        assert_eq!(c.password.as_deref(), Some("p@ss"));
    }

    #[test]
    fn a_url_that_is_not_http_is_refused_with_its_flag() {
        let e = RemoteConfig::new(RemoteSettings {
            endpoint: "localhost:7878".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.starts_with("--endpoint \"localhost:7878\""), "{e}");
    }

    #[test]
    fn netrc_gives_the_password_of_the_host_and_login() {
        let text = "machine other login ann password x\n\
                    machine db.example.org\n  login ann\n  password s3cret\n\
                    default login bob password dflt";
        assert_eq!(
            netrc_lookup(text, "db.example.org", "ann").as_deref(),
            Some("s3cret")
        );
        assert_eq!(
            netrc_lookup(text, "elsewhere", "bob").as_deref(),
            Some("dflt")
        );
        assert_eq!(netrc_lookup(text, "db.example.org", "carl"), None);
        assert_eq!(
            host_of("http://u@db.example.org:8890/sparql"),
            "db.example.org"
        );
    }
}
