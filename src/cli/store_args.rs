//! The global flags that say where the graph lives: an embedded store
//! directory, or a SPARQL server with its endpoints, credentials and
//! conventions. Only turns flags and the environment into a [`Location`];
//! opens nothing.

use crate::store::server::RemoteSettings;
use crate::store::{Location, RemoteConfig, ServerKind};
use anyhow::{anyhow, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(next_help_heading = "Where the graph lives")]
pub struct StoreArgs {
    /// The embedded store directory [default: $NEWSKG_STORE, else .newskg]
    #[arg(long, global = true, env = "NEWSKG_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
    /// When another process holds the store (a build writing it, or readers
    /// while this command writes), wait for it instead of stopping
    #[arg(long, global = true)]
    pub wait: bool,
    /// A SPARQL 1.1 server's query endpoint, used instead of the store directory,
    /// e.g. http://localhost:7878/query
    #[arg(long, global = true, env = "NEWSKG_ENDPOINT", value_name = "URL")]
    pub endpoint: Option<String>,
    /// The server's update endpoint [default: by --server, else the query endpoint]
    #[arg(long, global = true, value_name = "URL", requires = "endpoint")]
    pub update_endpoint: Option<String>,
    /// The server's Graph Store Protocol endpoint [default: by --server]
    #[arg(long, global = true, value_name = "URL", requires = "endpoint")]
    pub graph_store: Option<String>,
    /// The kind of server, for where its endpoints are and how it reads its
    /// default graph [default: oxigraph for an endpoint ending in /query at
    /// the root, virtuoso for one ending in /sparql at the root, else generic]
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "KIND",
        requires = "endpoint"
    )]
    pub server: Option<ServerKind>,
    /// User name for HTTP basic or digest authentication; the password comes
    /// from $NEWSKG_PASSWORD or from ~/.netrc (a bearer token, as QLever
    /// wants for writes, from $NEWSKG_TOKEN)
    #[arg(
        long,
        global = true,
        env = "NEWSKG_USER",
        value_name = "NAME",
        requires = "endpoint"
    )]
    pub user: Option<String>,
    /// Seconds a query may run before it is stopped (query, run, the REPL),
    /// and a request to a server may take
    #[arg(long, global = true, value_name = "SECS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,
    /// Read every answer from the server in pages of this many rows, for a
    /// server that cuts long answers without saying so (where it says so, as
    /// Virtuoso does, the pages are read anyway)
    #[arg(long, global = true, value_name = "ROWS", requires = "endpoint", value_parser = clap::value_parser!(u64).range(1..))]
    pub page_size: Option<u64>,
    /// The server reads all its graphs as the default graph (as Virtuoso does,
    /// or Fuseki with unionDefaultGraph): nothing is written to the default graph
    #[arg(long, global = true, requires = "endpoint")]
    pub union_default_graph: bool,
}

impl StoreArgs {
    /// The store directory: `--store`, else `.newskg`.
    pub(super) fn dir(&self) -> PathBuf {
        self.store
            .clone()
            .unwrap_or_else(|| PathBuf::from(".newskg"))
    }

    /// How long a query may run (`--timeout`).
    pub(super) fn query_timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout.max(1))
    }

    /// Where the graph lives: the server of `--endpoint`, else the store directory.
    pub(super) fn location(&self) -> Result<Location> {
        let Some(endpoint) = &self.endpoint else {
            return Ok(Location::Local {
                dir: self.dir(),
                wait: self.wait,
            });
        };
        let password = std::env::var("NEWSKG_PASSWORD").ok();
        let token = std::env::var("NEWSKG_TOKEN").ok().filter(|t| !t.is_empty());
        let config = RemoteConfig::new(RemoteSettings {
            endpoint: endpoint.clone(),
            update_endpoint: self.update_endpoint.clone(),
            graph_store: self.graph_store.clone(),
            kind: self.server,
            user: self.user.clone(),
            password,
            token,
            timeout: Some(self.query_timeout()),
            page_size: self.page_size.map(|n| n as usize),
            union_default_graph: self.union_default_graph,
        })
        .map_err(|e| anyhow!(e))?;
        Ok(Location::Remote(config))
    }
}
