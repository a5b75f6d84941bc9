//! The command line: clap types, and `run`, which turns parsed arguments
//! into library calls (each command's work is in `commands`). Nothing below
//! this module sees raw flags.

use crate::analyze::rank::Measure;
use crate::analyze::{self, lookup, path, report, Filter};
use crate::build::{self, BuildOptions};
use crate::check::{self, CheckFormat};
use crate::export::{self, ExportFormat};
use crate::extract::Extractor;
use crate::query::{self, OutputFormat};
use crate::rdf;
use crate::stats;
use crate::store::{Access, Location, Store};
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

mod commands;
mod read_args;
mod store_args;
mod viz;
use commands::*;
pub(crate) use commands::{extractor, parse_iri, rdf_format_of, write_build_summary};
pub use read_args::{LangArg, ReadArgs};
pub use store_args::StoreArgs;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: a check or query failed on its own terms.
pub const EXIT_FAILED: i32 = 1;
/// Exit status: bad usage or bad input.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: i32 = 130;

#[derive(Debug, Parser)]
#[command(
    name = "newskg",
    version,
    about = "Build a knowledge graph of who cooperates, trades, invests, meets and signs with whom, from news articles in English and Russian.",
    after_help = "Examples:\n  newskg build corpus/                 build the articles in corpus/ into .newskg/\n  newskg query 'SELECT ?c WHERE { ?c a :Country }'\n  newskg export -o graph.ttl\n  newskg extract article.txt --format ttl\n  newskg --endpoint http://localhost:7878/query path Belarus Russia   any command, on a SPARQL server"
)]
pub struct Cli {
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    #[value(alias = "ntriples")]
    Nt,
    #[value(alias = "nquads")]
    Nq,
    #[value(alias = "turtle")]
    Ttl,
    Trig,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalysisFormat {
    Text,
    Json,
}

/// Which edges of the entity graph a command follows.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Follow only these relations (comma-separated), e.g. partnersWith,investsIn [default: all but hasRole]
    #[arg(long, value_name = "RELATION,...", value_delimiter = ',')]
    pub via: Vec<String>,
    /// Follow each relation from its subject to its object only (symmetric ones either way)
    #[arg(long)]
    pub directed: bool,
}

impl GraphArgs {
    fn filter(&self) -> Result<Filter> {
        let via = if self.via.is_empty() {
            analyze::ALL_RELATIONS
        } else {
            analyze::parse_via(&self.via)?
        };
        Ok(Filter {
            via,
            directed: self.directed,
        })
    }
}

/// Most simple paths `path --all` counts before it stops.
const PATH_COUNT_CAP: u64 = 10_000_000;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles and print RDF to stdout; touches no store
    #[command(
        after_help = "Inputs: .txt/.md, .html (the page's main content only: no menus, sidebars or footers), .jsonl/.ndjson (one article per line), .rss/.atom/.xml feeds (one per item), .warc (one per HTML response); any of them gzipped (.gz). Without a known extension the content decides. An article with the same URL or text as one before it is left out.\n\nExamples:\n  newskg extract article.txt\n  newskg extract corpus/ --format ttl\n  newskg extract news.rss CC-NEWS-20240501.warc.gz\n  cat article.txt | newskg extract - --lang ru"
    )]
    Extract {
        /// Files, folders (recursively) or - for stdin: text, HTML, JSON Lines, feeds, WARC, gzipped or not
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "nt")]
        format: ExtractFormat,
        #[command(flatten)]
        read: ReadArgs,
        /// Instead of RDF, show how each sentence was read and which rule gave each fact
        #[arg(long)]
        explain: bool,
    },
    /// Extract articles into the store, incrementally
    #[command(
        after_help = "Unchanged articles (same content) are skipped, changed ones replaced whole. An article with the same URL or text as one before it in the same run is built once (the first wins) and counted as a duplicate.\n\nInputs: .txt/.md, .html (the page's main content only: no menus, sidebars or footers), .jsonl/.ndjson (one article per line, read line by line), .rss/.atom/.xml feeds (one per item), .warc (one per HTML response, as in CC-NEWS, read record by record); any of them gzipped (.gz). Without a known extension the content decides.\n\nExamples:\n  newskg build corpus/\n  newskg build corpus/ more.jsonl --prune\n  newskg build news.rss archive.jsonl.gz CC-NEWS-20240501.warc.gz\n  newskg --store /data/kg build feed.jsonl"
    )]
    Build {
        /// Files, folders (recursively) or - for stdin: text, HTML, JSON Lines, feeds, WARC, gzipped or not
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Remove articles that are no longer among the inputs
        #[arg(long)]
        prune: bool,
        #[command(flatten)]
        read: ReadArgs,
        /// Print only the summary line, not what the graph holds
        #[arg(short, long)]
        quiet: bool,
    },
    /// Copy the store's articles to the server of --endpoint (only what it lacks or holds in another version)
    #[command(
        after_help = "Each article goes as one request, whole; articles the server already holds in the same version (by content hash) are not sent, so running it again after an interruption sends only the rest. The ontology and graphs loaded with `load` go too.\n\nExamples:\n  newskg push --endpoint http://localhost:7878/query\n  newskg --store /data/kg push --endpoint http://db:3030/news/query --server fuseki --user admin\n  newskg push --endpoint http://localhost:7878/query --prune   # and remove articles the store no longer has"
    )]
    Push {
        /// Remove from the server the articles the store does not have
        #[arg(long)]
        prune: bool,
        /// Print only the summary line, no progress bar
        #[arg(short, long)]
        quiet: bool,
    },
    /// Copy the articles of the server of --endpoint into the store (only what it lacks or holds in another version)
    #[command(
        after_help = "The reverse of `push`: each article is written whole; articles the store already holds in the same version are not fetched again.\n\nExamples:\n  newskg pull --endpoint http://localhost:7878/query\n  newskg --store copy.kg pull --endpoint http://db:3030/news/query --server fuseki"
    )]
    Pull {
        /// Remove from the store the articles the server does not have
        #[arg(long)]
        prune: bool,
        /// Print only the summary line, no progress bar
        #[arg(short, long)]
        quiet: bool,
    },
    /// Load RDF files into the store (format from the extension)
    #[command(
        after_help = "Formats: .ttl .nt .nq .trig .rdf/.owl .jsonld. Each file is loaded whole or not at all.\n\nExamples:\n  newskg load extra.ttl\n  newskg load people.nt --graph http://example.org/people"
    )]
    Load {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Named graph for triples (default: the default graph)
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
    },
    /// Run a SPARQL query
    #[command(
        after_help = "Prefixes :, nkg:, id:, rdfs:, owl:, dcterms:, schema:, prov: ... are predeclared;\nthe default graph is the union of all graphs.\n\nExamples:\n  newskg query 'SELECT ?c ?l WHERE { ?c a :Country ; rdfs:label ?l }'\n  newskg query -f queries/reports/top-trade-pairs.rq --format csv > trade.csv\n  newskg query 'CONSTRUCT { ?a :investsIn ?b } WHERE { ?a :investsIn ?b }' --format ttl"
    )]
    Query {
        /// The query text
        #[arg(
            value_name = "QUERY",
            conflicts_with = "file",
            required_unless_present = "file"
        )]
        query: Option<String>,
        /// Read the query from a file (- for stdin)
        #[arg(short, long, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Output format [default: table on a terminal, tsv when piped; ttl for CONSTRUCT]
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
        /// Write at most N rows (triples); the rest are counted and a note says how many
        #[arg(long, value_name = "N")]
        max_rows: Option<usize>,
    },
    /// Run a saved query script (.rq) with the usual query formats
    #[command(
        after_help = "Header lines (# title: ...) are SPARQL comments; the title is shown above a table.\n\nExamples:\n  newskg run queries/reports/top-trade-pairs.rq\n  newskg run queries/reports/investments-into-country.rq --format csv > investments.csv\n  newskg run queries/reports/who-met-whom.rq --format json"
    )]
    Run {
        /// The script (- for stdin)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Output format [default: table on a terminal, tsv when piped; ttl for CONSTRUCT]
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
        /// Write at most N rows (triples); the rest are counted and a note says how many
        #[arg(long, value_name = "N")]
        max_rows: Option<usize>,
    },
    /// Run saved query scripts (.rq) as checks against the store
    #[command(
        after_help = "Each script is one query with optional header lines: # title:, # expect: (empty, nonempty,\ntrue, false, rows ==|!=|>=|<=|>|< N), # severity: error|warning, # description:.\nWithout # expect: an ASK must be true and a SELECT must merely run. Folders are read\nrecursively (.rq files, sorted). Exit 0 when all pass (warnings allowed), 1 when any\nfails, 2 when a script cannot be used, no script is found or the store cannot be opened.\n\nExamples:\n  newskg check queries/\n  newskg check queries/ --junit check-results.xml\n  newskg check queries/trade-turnover-complete.rq --format json --strict"
    )]
    Check {
        /// Scripts, or folders of .rq scripts (recursively)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Also write the results as JUnit XML to FILE
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// Warnings that do not hold fail too
        #[arg(long)]
        strict: bool,
        /// Stop at the first script that fails or cannot be used
        #[arg(long)]
        fail_fast: bool,
    },
    /// Run a SPARQL Update
    #[command(
        after_help = "Examples:\n  newskg update 'DELETE WHERE { ?s :hasRole :Expert }'\n  newskg update -f fix.ru"
    )]
    Update {
        #[arg(
            value_name = "UPDATE",
            conflicts_with = "file",
            required_unless_present = "file"
        )]
        update: Option<String>,
        #[arg(short, long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Write the graph out, sorted, byte-for-byte stable
    #[command(
        after_help = "Examples:\n  newskg export -o graph.ttl\n  newskg export --format nq > all.nq\n  newskg export --graph http://newskg.org/graph/ontology --format ttl"
    )]
    Export {
        /// Format [default: from the -o extension, else ttl]
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Output file (written whole, then moved into place)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export only this named graph
        #[arg(long, value_name = "IRI")]
        graph: Option<String>,
    },
    /// Articles, entities by class, triples by predicate
    #[command(after_help = "Examples:\n  newskg stats\n  newskg stats --format json")]
    Stats {
        #[arg(long, value_enum, default_value = "table")]
        format: StatsFormat,
    },
    /// How two entities are connected, hop by hop, with the sentences that say so
    #[command(
        after_help = "Entities: an IRI, a prefixed name (id:belarus) or a label in any language (case does not matter).\nHops link entities through the relations of the schema (not hasRole); undirected unless --directed.\nExit status: 0 a path was found, 1 there is none, 2 bad usage or an unknown or ambiguous entity.\nJSON lists every relation of each hop with up to 3 sentences each.\n\nExamples:\n  newskg path 'Minsk Tractor Works' Russia\n  newskg path id:minsk-tractor-works id:russia --all --max-hops 4\n  newskg path Azerbaijan Belarus --via partnersWith,investsIn --directed\n  newskg path 'Газпромбанк' Azerbaijan --format json"
    )]
    Path {
        /// Where the path starts
        #[arg(value_name = "FROM")]
        from: String,
        /// Where the path ends
        #[arg(value_name = "TO")]
        to: String,
        /// Longest path to look for, in hops [default: no limit; 4 with --all]
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
        max_hops: Option<u32>,
        /// All simple paths (no entity twice) up to --max-hops, ranked: fewer hops first, then better supported by articles
        #[arg(long)]
        all: bool,
        /// With --all: how many of the ranked paths to show (all are counted)
        #[arg(long, value_name = "N", default_value_t = 10, requires = "all", value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        /// With --all: steps the search may take before it stops and says so (a step looks at one relation)
        #[arg(long, value_name = "STEPS", default_value_t = crate::analyze::path::DEFAULT_SEARCH_STEPS, requires = "all", value_parser = clap::value_parser!(u64).range(1..))]
        max_search: u64,
        #[command(flatten)]
        graph: GraphArgs,
        #[arg(long, value_enum, default_value = "text")]
        format: AnalysisFormat,
    },
    /// The entities within N hops of an entity, and how each is reached
    #[command(
        visible_alias = "neighbours",
        after_help = "Examples:\n  newskg neighbors Belarus\n  newskg neighbors id:azerbaijan --hops 2 --via partnersWith,tradesWith\n  newskg neighbors 'Vladimir Putin' --directed --format json"
    )]
    Neighbors {
        /// The entity: IRI, prefixed name or label
        #[arg(value_name = "ENTITY")]
        entity: String,
        /// How far to look
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=64))]
        hops: u32,
        #[command(flatten)]
        graph: GraphArgs,
        #[arg(long, value_enum, default_value = "text")]
        format: AnalysisFormat,
    },
    /// Rank entities by degree, PageRank or betweenness centrality
    #[command(
        after_help = "degree counts the entities linked to each one; pagerank follows links at random\n(damping 0.85); betweenness sums, over pairs of other entities, the share of\nshortest paths between them that pass through it (Brandes' algorithm).\n--weighted weighs each link by the articles behind it (degree and pagerank).\n\nExamples:\n  newskg rank\n  newskg rank --by betweenness --top 5\n  newskg rank --by pagerank --directed --weighted --format json"
    )]
    Rank {
        #[arg(long, value_enum, default_value = "degree")]
        by: Measure,
        /// How many entities to show
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
        top: u32,
        /// Weigh links by their supporting articles (degree, pagerank)
        #[arg(long)]
        weighted: bool,
        #[command(flatten)]
        graph: GraphArgs,
        #[arg(long, value_enum, default_value = "text")]
        format: AnalysisFormat,
    },
    /// Connected components of the entity graph, largest first
    #[command(
        after_help = "Direction does not split a component. Entities without relations are components of one.\nText lists up to 25 members of each component (by label); JSON lists them all.\n\nExamples:\n  newskg components\n  newskg components --top 3 --via partnersWith,tradesWith\n  newskg components --format json"
    )]
    Components {
        /// How many components to list with their members
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
        top: u32,
        /// Follow only these relations (comma-separated) [default: all but hasRole]
        #[arg(long, value_name = "RELATION,...", value_delimiter = ',')]
        via: Vec<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: AnalysisFormat,
    },
    /// The interactive SPARQL shell (or run statements piped into it)
    #[command(
        after_help = "A statement runs when it parses as complete SPARQL (no terminator), or at a blank line;\n\
lines starting with . are meta-commands (.help lists them). Tab completes keywords,\n\
prefixes, names and labels from the store, and file paths; history is kept in\n\
$XDG_DATA_HOME/newskg/history. Ctrl-C abandons the input or stops a running query.\n\
With input piped in: no prompts, exit 0 when every statement succeeded, 1 when one failed.\n\
The store is created (empty) if it does not exist. It is opened to read (others may read it\n\
too) and to write only for a statement that writes, which waits for no one unless --wait.\n\n\
Examples:\n  newskg repl\n  newskg --store /data/kg repl\n  newskg repl < statements.txt > results.txt"
    )]
    Repl,
    /// Serve the store as a SPARQL 1.1 endpoint (/query, /store; /update with --writable)
    #[command(
        after_help = "Queries: GET or POST /query (form or application/sparql-query), answered as the Accept\n\
header asks (JSON, XML, CSV, TSV; Turtle, N-Triples) with the project's prefixes and nkg:hopCount.\n\
A whole graph: GET /store?graph=IRI. Updates: POST /update, only with --writable (else 403).\n\
An answer longer than --max-rows is cut there and says so (header X-SPARQL-MaxRows); a query\n\
past --query-timeout is stopped and answered 503. While it runs, other newskg commands on the\n\
same store go through it (writing only with --writable); --endpoint reaches it from elsewhere.\n\n\
Examples:\n  newskg serve\n  newskg serve --bind 127.0.0.1:3030 --writable\n  newskg --endpoint http://127.0.0.1:7878/query path Belarus Russia\n  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?a :investsIn ?b }' http://127.0.0.1:7878/query"
    )]
    Serve {
        /// Address and port to listen on (loopback unless told otherwise)
        #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
        bind: String,
        /// Allow SPARQL updates at /update
        #[arg(long)]
        writable: bool,
        /// Seconds a query may run before it is stopped
        #[arg(long, default_value_t = 30, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..))]
        query_timeout: u64,
        /// Most rows (or triples) in one answer
        #[arg(long, default_value_t = 100_000, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        max_rows: u64,
        /// Let web pages from any origin call the endpoint (CORS)
        #[arg(long)]
        cors: bool,
    },
    /// Draw part of the entity graph: one self-contained HTML file, or Graphviz DOT
    #[command(
        after_help = "In the HTML file, hovering a relation shows the sentences and articles that state it,\nand clicking an entity highlights its neighbours; it needs no network to open.\n\nExamples:\n  newskg viz Belarus -o belarus.html\n  newskg viz --path 'Minsk Tractor Works' Azerbaijan -o path.html\n  newskg viz --all --max-nodes 80 -o graph.html\n  newskg viz Belarus --hops 2 --format dot | dot -Tsvg > belarus.svg"
    )]
    Viz(viz::VizArgs),
    /// Print a shell completion script for newskg
    #[command(
        after_help = "Install (make the directory first; then open a new shell):\n  bash  newskg completions bash > ~/.local/share/bash-completion/completions/newskg\n  zsh   newskg completions zsh > ~/.zfunc/_newskg   (with fpath+=(~/.zfunc) before compinit in ~/.zshrc)\n  fish  newskg completions fish > ~/.config/fish/completions/newskg.fish"
    )]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<i32> {
    if let Command::Completions { shell } = cli.command {
        // Needs no store: answered before the flags that name one are read.
        return cmd_completions(shell);
    }
    let at = cli.store.location()?;
    match cli.command {
        Command::Extract {
            paths,
            format,
            read,
            explain,
        } => cmd_extract(&paths, format, &read, explain),
        Command::Build {
            paths,
            prune,
            read,
            quiet,
        } => cmd_build(&at, paths, prune, &read, quiet),
        Command::Load { files, graph } => cmd_load(&at, &files, graph),
        Command::Push { prune, quiet } => cmd_copy(&cli.store, Direction::Push, prune, quiet),
        Command::Pull { prune, quiet } => cmd_copy(&cli.store, Direction::Pull, prune, quiet),
        Command::Query {
            query,
            file,
            format,
            max_rows,
        } => {
            let (text, name) = query_text(query, file)?;
            cmd_query(
                &at,
                &text,
                &name,
                format,
                max_rows,
                false,
                cli.store.query_timeout(),
            )
        }
        Command::Run {
            file,
            format,
            max_rows,
        } => {
            let (text, name) = query_text(None, Some(file))?;
            cmd_query(
                &at,
                &text,
                &name,
                format,
                max_rows,
                true,
                cli.store.query_timeout(),
            )
        }
        Command::Repl => crate::repl::run(&at, cli.store.query_timeout()),
        Command::Viz(args) => viz::cmd_viz(&at, args),
        Command::Completions { shell } => cmd_completions(shell),
        Command::Serve {
            bind,
            writable,
            query_timeout,
            max_rows,
            cors,
        } => cmd_serve(
            &at,
            crate::serve::ServeOptions {
                bind,
                writable,
                timeout: std::time::Duration::from_secs(query_timeout),
                max_rows: max_rows as usize,
                cors,
                threads: 8,
            },
        ),
        Command::Check {
            paths,
            junit,
            format,
            strict,
            fail_fast,
        } => {
            let scripts = check::load(&paths)?;
            let store = Store::connect(&at, Access::Read)?;
            let opts = check::Options {
                format,
                strict,
                fail_fast,
                junit,
            };
            let mut out = stdout();
            let code = check::run(&store, &scripts, &opts, &mut out)?;
            out.flush()?;
            Ok(code)
        }
        Command::Update { update, file } => {
            let (text, name) = query_text(update, file)?;
            let store = Store::connect(&at, Access::Write)?;
            query::run_update(&store, &text, &name)?;
            store.flush()?;
            eprintln!("update done");
            Ok(EXIT_OK)
        }
        Command::Export {
            format,
            output,
            graph,
        } => cmd_export(&at, format, output, graph),
        Command::Stats { format } => {
            let store = Store::connect(&at, Access::Read)?;
            let st = stats::compute(&store)?;
            let mut out = stdout();
            match format {
                StatsFormat::Table => stats::print(&st, &mut out)?,
                StatsFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &st)?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Path {
            from,
            to,
            max_hops,
            all,
            limit,
            max_search,
            graph,
            format,
        } => cmd_path(
            &at,
            (&from, &to),
            max_hops,
            all.then_some((limit as usize, max_search)),
            &graph,
            format,
        ),
        Command::Neighbors {
            entity,
            hops,
            graph,
            format,
        } => {
            let filter = graph.filter()?;
            let store = Store::connect(&at, Access::Read)?;
            let g = analyze::entity_graph(&store)?;
            let n = lookup::resolve(&g, "ENTITY", &entity)?;
            let r = report::neighbours_report(&g, n, filter, hops);
            let mut out = stdout();
            match format {
                AnalysisFormat::Text => report::write_neighbours_text(&r, &mut out)?,
                AnalysisFormat::Json => write_json(&r, &mut out)?,
            }
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Rank {
            by,
            top,
            weighted,
            graph,
            format,
        } => {
            if weighted && by == Measure::Betweenness {
                bail!("--weighted: betweenness counts hops, so weights do not apply; use it with --by degree or --by pagerank");
            }
            let filter = graph.filter()?;
            let store = Store::connect(&at, Access::Read)?;
            let g = analyze::entity_graph(&store)?;
            let r = report::rank_report(&g, by, filter, weighted, top as usize);
            let mut out = stdout();
            match format {
                AnalysisFormat::Text => report::write_rank_text(&r, &mut out)?,
                AnalysisFormat::Json => write_json(&r, &mut out)?,
            }
            out.flush()?;
            Ok(EXIT_OK)
        }
        Command::Components { top, via, format } => {
            let filter = GraphArgs {
                via,
                directed: false,
            }
            .filter()?;
            let store = Store::connect(&at, Access::Read)?;
            let g = analyze::entity_graph(&store)?;
            let r = report::components_report(&g, filter, top as usize);
            let mut out = stdout();
            match format {
                AnalysisFormat::Text => report::write_components_text(&r, &mut out)?,
                AnalysisFormat::Json => write_json(&r, &mut out)?,
            }
            out.flush()?;
            Ok(EXIT_OK)
        }
    }
}
