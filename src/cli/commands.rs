//! What each command does once its arguments are parsed: opening the store,
//! calling the library, writing the output and choosing the exit status.
//! The clap types and the dispatch are the parent module's.

use super::*;

pub(super) fn write_json(value: &impl serde::Serialize, out: &mut dyn Write) -> Result<()> {
    // Serialised first, so that a closed pipe is an I/O error, seen as such.
    let text = serde_json::to_string_pretty(value)?;
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    Ok(())
}

/// `path`: the shortest path, or with `all` = Some(limit) the ranked simple
/// paths (`all`: how many to show, and the steps the search may take).
/// Exit 0 when a path was found, 1 when there is none.
pub(super) fn cmd_path(
    at: &Location,
    (from, to): (&str, &str),
    max_hops: Option<u32>,
    all: Option<(usize, u64)>,
    graph: &GraphArgs,
    format: AnalysisFormat,
) -> Result<i32> {
    let filter = graph.filter()?;
    let store = Store::connect(at, Access::Read)?;
    let g = analyze::entity_graph(&store)?;
    let a = lookup::resolve(&g, "FROM", from)?;
    let b = lookup::resolve(&g, "TO", to)?;
    let r = match all {
        None => {
            let p = path::shortest_path(&g, a, b, filter, max_hops);
            report::shortest_report(&store, &g, (a, b), filter, max_hops, p.as_deref())?
        }
        Some((limit, max_steps)) => {
            let max = max_hops.unwrap_or(4);
            let found = path::all_simple_paths_within(
                &g,
                (a, b),
                filter,
                (max, limit, PATH_COUNT_CAP),
                max_steps,
            );
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

pub(super) fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

pub(crate) fn extractor() -> Result<Extractor> {
    Extractor::new().context("the extraction data compiled into newskg is broken")
}

pub(super) fn query_text(
    inline: Option<String>,
    file: Option<PathBuf>,
) -> Result<(String, String)> {
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
pub(super) fn cmd_query(
    at: &Location,
    text: &str,
    name: &str,
    format: Option<OutputFormat>,
    max_rows: Option<usize>,
    show_title: bool,
    timeout: std::time::Duration,
) -> Result<i32> {
    let store = Store::connect(at, Access::Read)?;
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
    let token = oxigraph::sparql::CancellationToken::new();
    let opts = query::Options {
        max_rows,
        cancel: Some(token.clone()),
        ..query::Options::with_format(format)
    };
    let past_timeout = format!(
        "{name}: the query ran past the timeout of {} s and was stopped (--timeout SECS allows longer)",
        timeout.as_secs()
    );
    let deadline = query::Deadline::start_or_exit(&token, timeout, past_timeout.clone());
    let outcome = match query::run_query_with(&store, text, name, &opts, &mut out) {
        Err(query::QueryError::Cancelled) => bail!(past_timeout),
        other => other?,
    };
    drop(deadline);
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

pub(super) fn cmd_extract(
    paths: &[PathBuf],
    format: ExtractFormat,
    read: &ReadArgs,
    explain: bool,
) -> Result<i32> {
    let (lang, max_article_bytes) = (read.lang(), read.max_article_bytes());
    let ex = extractor()?;
    if explain {
        let (inputs, mut errors) = crate::ingest::expand(paths);
        let mut out = stdout();
        for input in &inputs {
            for r in crate::ingest::read(input, lang) {
                match crate::ingest::within_limit(r, max_article_bytes) {
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
        let errors = build::extract_inputs(paths, (lang, max_article_bytes), &ex, |a, x| {
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

pub(super) fn cmd_build(
    at: &Location,
    paths: Vec<PathBuf>,
    prune: bool,
    read: &ReadArgs,
    quiet: bool,
) -> Result<i32> {
    let stop = stop_on_interrupt();
    let ex = extractor()?;
    let store = Store::connect(at, Access::Write)?;
    let opts = BuildOptions {
        paths,
        prune,
        lang: read.lang(),
        max_article_bytes: read.max_article_bytes(),
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
pub(super) fn stop_on_interrupt() -> Arc<AtomicBool> {
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
            store.name(),
        )?;
    } else {
        writeln!(
            out,
            "Built {}: {} new, {} changed, {} unchanged, {} failed{}{}.",
            store.name(),
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

pub(super) fn cmd_load(at: &Location, files: &[PathBuf], graph: Option<String>) -> Result<i32> {
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
    let store = Store::connect(at, Access::Write)?;
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

pub(super) fn cmd_export(
    at: &Location,
    format: Option<ExportFormat>,
    output: Option<PathBuf>,
    graph: Option<String>,
) -> Result<i32> {
    let graph = graph.map(|g| parse_iri(&g, "--graph")).transpose()?;
    let format = format
        .or_else(|| output.as_deref().and_then(ExportFormat::from_path))
        .unwrap_or(ExportFormat::Ttl);
    let store = Store::connect(at, Access::Read)?;
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

/// Which way `push` and `pull` copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Push,
    Pull,
}

/// `push` and `pull`: copies between the store directory and the server.
pub(super) fn cmd_copy(
    args: &StoreArgs,
    direction: Direction,
    prune: bool,
    quiet: bool,
) -> Result<i32> {
    let name = match direction {
        Direction::Push => "push",
        Direction::Pull => "pull",
    };
    let Location::Remote(server) = args.location()? else {
        bail!("{name} needs the server to copy with: --endpoint URL (e.g. http://localhost:7878/query)");
    };
    let dir = args.dir();
    let access = match direction {
        Direction::Push => Access::Read,
        Direction::Pull => Access::Write,
    };
    let local = Store::open_waiting(&dir, access, args.wait)?;
    let remote = Store::connect(&Location::Remote(server), Access::Write)?;
    let (from, to) = match direction {
        Direction::Push => (&local, &remote),
        Direction::Pull => (&remote, &local),
    };
    let progress = !quiet && std::io::stderr().is_terminal();
    let copied = crate::transfer::copy(from, to, prune, progress)?;
    println!(
        "{}",
        crate::transfer::summary(&copied, from.name(), to.name(), prune)
    );
    Ok(EXIT_OK)
}

/// `newskg serve`: the embedded store as a SPARQL endpoint until stopped.
pub(super) fn cmd_serve(at: &Location, opts: crate::serve::ServeOptions) -> Result<i32> {
    let Location::Local { dir, wait } = at else {
        bail!("serve serves a store directory; --endpoint already names a server");
    };
    if !dir.join("CURRENT").exists() {
        return Err(crate::store::StoreError::Missing(dir.clone()).into());
    }
    // Held to write, so that other commands go through the endpoint.
    let store = Store::open_waiting(dir, Access::Write, *wait)?;
    let writable = opts.writable;
    // Other commands on this directory go through the endpoint while it
    // runs; the note of it goes when the server stops.
    let mut announced = None;
    {
        let dir = dir.clone();
        let _ = ctrlc::set_handler(move || {
            crate::store::serving::withdraw(&dir);
            std::process::exit(0);
        });
    }
    crate::serve::serve(store, opts, |addr| {
        announced = crate::store::serving::announce(dir, &format!("http://{addr}/query")).ok();
        let beyond = if addr.ip().is_loopback() {
            ""
        } else {
            " (reachable from other machines)"
        };
        eprintln!(
            "Serving {} at http://{addr}/query{beyond}, {}; Ctrl-C stops.",
            dir.display(),
            if writable {
                "writable at /update"
            } else {
                "read-only"
            }
        );
    })
    .map_err(|e| anyhow!(e))?;
    drop(announced);
    Ok(0)
}

/// Writes the completion script for `shell` to standard output.
pub(super) fn cmd_completions(shell: clap_complete::Shell) -> Result<i32> {
    use clap::CommandFactory;
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut Cli::command(), "newskg", &mut out);
    out.flush()?;
    Ok(0)
}
