//! The command line: clap types, and `run`, which turns parsed arguments
//! into library calls. Nothing below this module sees raw flags.

use crate::analyze::rank::Measure;
use crate::analyze::{self, lookup, path, report, Filter};
use crate::build::{self, BuildOptions};
use crate::check::{self, CheckFormat};
use crate::export::{self, ExportFormat};
use crate::extract::Extractor;
use crate::ingest::Lang;
use crate::query::{self, OutputFormat};
use crate::rdf;
use crate::stats;
use crate::store::Store;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use oxigraph::io::RdfFormat;
use oxigraph::model::NamedNode;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
    after_help = "Examples:\n  newskg build corpus/                 build the articles in corpus/ into .newskg/\n  newskg query 'SELECT ?c WHERE { ?c a :Country }'\n  newskg export -o graph.ttl\n  newskg extract article.txt --format ttl"
)]
pub struct Cli {
    #[command(flatten)]
    pub store: StoreArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The embedded store directory [default: $NEWSKG_STORE, else .newskg]
    #[arg(long, global = true, env = "NEWSKG_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,
}

impl StoreArgs {
    fn path(&self) -> PathBuf {
        self.store
            .clone()
            .unwrap_or_else(|| PathBuf::from(".newskg"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Auto,
    En,
    Ru,
}

impl LangArg {
    fn lang(self) -> Option<Lang> {
        match self {
            LangArg::Auto => None,
            LangArg::En => Some(Lang::En),
            LangArg::Ru => Some(Lang::Ru),
        }
    }
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
        /// Language of the articles
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
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
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        /// Print only the summary line, not what the graph holds
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
The store is created (empty) if it does not exist; it is held until the REPL ends.\n\n\
Examples:\n  newskg repl\n  newskg --store /data/kg repl\n  newskg repl < statements.txt > results.txt"
    )]
    Repl,
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<i32> {
    let store_path = cli.store.path();
    match cli.command {
        Command::Extract {
            paths,
            format,
            lang,
            explain,
        } => cmd_extract(&paths, format, lang.lang(), explain),
        Command::Build {
            paths,
            prune,
            lang,
            quiet,
        } => cmd_build(&store_path, paths, prune, lang.lang(), quiet),
        Command::Load { files, graph } => cmd_load(&store_path, &files, graph),
        Command::Query {
            query,
            file,
            format,
            max_rows,
        } => {
            let (text, name) = query_text(query, file)?;
            cmd_query(&store_path, &text, &name, format, max_rows, false)
        }
        Command::Run {
            file,
            format,
            max_rows,
        } => {
            let (text, name) = query_text(None, Some(file))?;
            cmd_query(&store_path, &text, &name, format, max_rows, true)
        }
        Command::Repl => crate::repl::run(&store_path),
        Command::Check {
            paths,
            junit,
            format,
            strict,
            fail_fast,
        } => {
            let scripts = check::load(&paths)?;
            let store = Store::open(&store_path, false)?;
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
            let store = Store::open(&store_path, true)?;
            query::run_update(&store, &text, &name)?;
            store.flush()?;
            eprintln!("update done");
            Ok(EXIT_OK)
        }
        Command::Export {
            format,
            output,
            graph,
        } => cmd_export(&store_path, format, output, graph),
        Command::Stats { format } => {
            let store = Store::open(&store_path, false)?;
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
            graph,
            format,
        } => cmd_path(
            &store_path,
            (&from, &to),
            max_hops,
            all.then_some(limit as usize),
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
            let store = Store::open(&store_path, false)?;
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
            let store = Store::open(&store_path, false)?;
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
            let store = Store::open(&store_path, false)?;
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

fn write_json(value: &impl serde::Serialize, out: &mut dyn Write) -> Result<()> {
    // Serialised first, so that a closed pipe is an I/O error, seen as such.
    let text = serde_json::to_string_pretty(value)?;
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    Ok(())
}

/// `path`: the shortest path, or with `all` = Some(limit) the ranked simple
/// paths. Exit 0 when a path was found, 1 when there is none.
fn cmd_path(
    store_path: &Path,
    (from, to): (&str, &str),
    max_hops: Option<u32>,
    all: Option<usize>,
    graph: &GraphArgs,
    format: AnalysisFormat,
) -> Result<i32> {
    let filter = graph.filter()?;
    let store = Store::open(store_path, false)?;
    let g = analyze::entity_graph(&store)?;
    let a = lookup::resolve(&g, "FROM", from)?;
    let b = lookup::resolve(&g, "TO", to)?;
    let r = match all {
        None => {
            let p = path::shortest_path(&g, a, b, filter, max_hops);
            report::shortest_report(&store, &g, (a, b), filter, max_hops, p.as_deref())?
        }
        Some(limit) => {
            let max = max_hops.unwrap_or(4);
            let found = path::all_simple_paths(&g, a, b, filter, max, limit, PATH_COUNT_CAP);
            report::all_paths_report(&store, &g, (a, b), filter, max, &found)?
        }
    };
    let mut out = stdout();
    match format {
        AnalysisFormat::Text => report::write_path_text(&r, &mut out)?,
        AnalysisFormat::Json => write_json(&r, &mut out)?,
    }
    out.flush()?;
    Ok(if r.found { EXIT_OK } else { EXIT_FAILED })
}

fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

pub(crate) fn extractor() -> Result<Extractor> {
    Extractor::new().context("the extraction data compiled into newskg is broken")
}

fn query_text(inline: Option<String>, file: Option<PathBuf>) -> Result<(String, String)> {
    match (inline, file) {
        (Some(q), _) => Ok((q, "query".to_string())),
        (None, Some(f)) if f.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the query from stdin")?;
            Ok((s, "<stdin>".to_string()))
        }
        (None, Some(f)) => {
            let bytes =
                std::fs::read(&f).with_context(|| format!("{}: cannot read", f.display()))?;
            let s = String::from_utf8(bytes).map_err(|e| {
                anyhow!(
                    "{}: not UTF-8 text (byte {})",
                    f.display(),
                    e.utf8_error().valid_up_to()
                )
            })?;
            Ok((s, f.display().to_string()))
        }
        (None, None) => bail!("give a query, or -f FILE"),
    }
}

/// `query` and `run`: a table on a terminal (with the script's title above
/// it for `run`), TSV when piped.
fn cmd_query(
    store_path: &Path,
    text: &str,
    name: &str,
    format: Option<OutputFormat>,
    max_rows: Option<usize>,
    show_title: bool,
) -> Result<i32> {
    let store = Store::open(store_path, false)?;
    let format = format.unwrap_or(if std::io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Tsv
    });
    let mut out = stdout();
    if show_title && format == OutputFormat::Table {
        if let Some(title) = check::parse_header(text).ok().and_then(|h| h.title) {
            writeln!(out, "{title}")?;
        }
    }
    let opts = query::Options {
        max_rows,
        ..query::Options::with_format(format)
    };
    let outcome = query::run_query_with(&store, text, name, &opts, &mut out)?;
    out.flush()?;
    // A table notes left-out rows itself; other formats stay clean.
    if format != OutputFormat::Table {
        if let query::Outcome::Rows(c) | query::Outcome::Triples(c) = outcome {
            let unit = if matches!(outcome, query::Outcome::Rows(_)) {
                "row"
            } else {
                "triple"
            };
            if let Some(note) = c.note(unit) {
                eprintln!("{note}");
            }
        }
    }
    Ok(EXIT_OK)
}

fn cmd_extract(
    paths: &[PathBuf],
    format: ExtractFormat,
    lang: Option<Lang>,
    explain: bool,
) -> Result<i32> {
    let ex = extractor()?;
    if explain {
        let (inputs, mut errors) = crate::ingest::expand(paths);
        let mut out = stdout();
        for input in &inputs {
            for r in crate::ingest::read(input, lang) {
                match r {
                    Ok(a) => write!(out, "{}", ex.explain(&a))?,
                    Err(e) => errors.push(e),
                }
            }
        }
        out.flush()?;
        for e in &errors {
            eprintln!("newskg: {e}");
        }
        return Ok(if errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_BAD_INPUT
        });
    }
    let fmt = match format {
        ExtractFormat::Nt => ExportFormat::Nt,
        ExtractFormat::Nq => ExportFormat::Nq,
        ExtractFormat::Ttl => ExportFormat::Ttl,
        ExtractFormat::Trig => ExportFormat::Trig,
    };
    // Each article is written as soon as it is extracted (in input order), so
    // memory does not grow with the corpus.
    let mut out = stdout();
    let errors = {
        let mut w = export::GroupWriter::new(fmt, &mut out);
        let errors = build::extract_inputs(paths, lang, &ex, |a, x| {
            w.write_group(rdf::article_quads(&a, &x)).map(|_| ())
        })?;
        w.finish()?;
        errors
    };
    out.flush()?;
    for e in &errors {
        eprintln!("newskg: {e}");
    }
    Ok(if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_BAD_INPUT
    })
}

fn cmd_build(
    store_path: &Path,
    paths: Vec<PathBuf>,
    prune: bool,
    lang: Option<Lang>,
    quiet: bool,
) -> Result<i32> {
    let stop = stop_on_interrupt();
    let ex = extractor()?;
    let store = Store::open(store_path, true)?;
    let opts = BuildOptions {
        paths,
        prune,
        lang,
        progress: std::io::stderr().is_terminal() && !quiet,
        stop: Some(stop),
    };
    let summary = build::build(&store, &ex, &opts)?;
    let mut out = stdout();
    write_build_summary(&store, &summary, prune, quiet, &mut out)?;
    out.flush()?;
    if summary.interrupted {
        eprintln!(
            "newskg: interrupted; every article written so far is complete. Run the same build again to go on{}.",
            if prune { " (nothing was pruned)" } else { "" }
        );
        return Ok(EXIT_INTERRUPTED);
    }
    Ok(if summary.failed.is_empty() {
        EXIT_OK
    } else {
        EXIT_BAD_INPUT
    })
}

/// A flag that the first Ctrl-C sets (the build then stops reading inputs,
/// writes what it has and ends); a second Ctrl-C leaves at once, which is
/// safe too, since every commit holds whole articles only.
fn stop_on_interrupt() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let installed = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            eprintln!("\nnewskg: interrupted twice; leaving now");
            std::process::exit(EXIT_INTERRUPTED);
        }
        eprintln!("\nnewskg: stopping after the articles read so far are written (Ctrl-C again leaves now)");
    });
    if let Err(e) = installed {
        eprintln!("newskg: warning: Ctrl-C will end the build at once: {e}");
    }
    stop
}

/// What a build did: failed inputs on stderr; the summary line and (unless
/// `quiet`) what the graph holds on `out`.
pub(crate) fn write_build_summary(
    store: &Store,
    summary: &build::Summary,
    prune: bool,
    quiet: bool,
    out: &mut dyn Write,
) -> Result<()> {
    for e in &summary.failed {
        eprintln!("newskg: {e}");
    }
    let store_path = store.path();
    let total = summary.new + summary.changed + summary.unchanged;
    let duplicates = match summary.duplicates {
        0 => String::new(),
        1 => "1 duplicate skipped".to_string(),
        n => format!("{n} duplicates skipped"),
    };
    if !summary.changed_anything() && summary.failed.is_empty() {
        let note = if duplicates.is_empty() {
            String::new()
        } else {
            format!(" ({duplicates})")
        };
        writeln!(
            out,
            "Nothing changed: all {total} articles in {} are up to date{note}.",
            store_path.display(),
        )?;
    } else {
        writeln!(
            out,
            "Built {}: {} new, {} changed, {} unchanged, {} failed{}{}.",
            store_path.display(),
            summary.new,
            summary.changed,
            summary.unchanged,
            summary.failed.len(),
            if prune {
                format!(", {} pruned", summary.pruned)
            } else {
                String::new()
            },
            if duplicates.is_empty() {
                String::new()
            } else {
                format!(", {duplicates}")
            }
        )?;
    }
    if !quiet {
        writeln!(out)?;
        let st = stats::compute(store)?;
        stats::print(&st, out)?;
    }
    Ok(())
}

/// The RDF format of a file, from its extension.
pub(crate) fn rdf_format_of(path: &Path) -> Option<RdfFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "owl" | "xml" => Some(RdfFormat::RdfXml),
        "json" => RdfFormat::from_extension("jsonld"),
        e => RdfFormat::from_extension(e),
    }
}

pub(crate) fn parse_iri(s: &str, what: &str) -> Result<NamedNode> {
    NamedNode::new(s).map_err(|e| anyhow!("{what} {s:?} is not a valid IRI: {e}"))
}

fn cmd_load(store_path: &Path, files: &[PathBuf], graph: Option<String>) -> Result<i32> {
    let graph = graph.map(|g| parse_iri(&g, "--graph")).transpose()?;
    // Check every file before opening the store for writing.
    let mut plan = Vec::new();
    let mut failed = 0;
    for f in files {
        match rdf_format_of(f) {
            Some(fmt) => plan.push((f, fmt)),
            None => {
                eprintln!("newskg: {}: unknown RDF format (expected .ttl .nt .nq .trig .rdf .owl .jsonld)", f.display());
                failed += 1;
            }
        }
    }
    let store = Store::open(store_path, true)?;
    let mut out = stdout();
    for (f, fmt) in plan {
        let file = match std::fs::File::open(f) {
            Ok(file) => file,
            Err(e) => {
                eprintln!("newskg: {}: {}", f.display(), e);
                failed += 1;
                continue;
            }
        };
        match store.load(
            &f.display().to_string(),
            std::io::BufReader::new(file),
            fmt,
            graph.as_ref(),
        ) {
            Ok(n) => writeln!(out, "{}: loaded {n} statements", f.display())?,
            Err(e) => {
                eprintln!("newskg: {e} (nothing from this file was loaded)");
                failed += 1;
            }
        }
    }
    store.flush()?;
    out.flush()?;
    Ok(if failed == 0 { EXIT_OK } else { EXIT_BAD_INPUT })
}

fn cmd_export(
    store_path: &Path,
    format: Option<ExportFormat>,
    output: Option<PathBuf>,
    graph: Option<String>,
) -> Result<i32> {
    let graph = graph.map(|g| parse_iri(&g, "--graph")).transpose()?;
    let format = format
        .or_else(|| output.as_deref().and_then(ExportFormat::from_path))
        .unwrap_or(ExportFormat::Ttl);
    let store = Store::open(store_path, false)?;
    match output {
        None => {
            let mut out = stdout();
            export::export(&store, format, graph.as_ref(), &mut out)?;
            out.flush()?;
        }
        Some(path) => {
            let n = export::export_to_file(&store, format, graph.as_ref(), &path)?;
            eprintln!("wrote {n} statements to {}", path.display());
        }
    }
    Ok(EXIT_OK)
}
