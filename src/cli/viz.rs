//! `newskg viz`: its flags and what it does: a picture of part of the
//! entity graph, as one self-contained HTML file or as Graphviz DOT.

use super::{GraphArgs, EXIT_FAILED, EXIT_OK};
use crate::analyze::{self, lookup};
use crate::store::{Access, Location, Store};
use crate::viz::{self, Limits, Scope};
use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VizFormat {
    /// One self-contained HTML file (opens offline)
    Html,
    /// Graphviz DOT (render with e.g. `dot -Tsvg`)
    Dot,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true).args(["entity", "path", "all"]))]
pub struct VizArgs {
    /// The entity to draw with its neighbourhood: IRI, prefixed name or label
    #[arg(value_name = "ENTITY")]
    entity: Option<String>,
    /// Draw the best paths between two entities instead
    #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
    path: Option<Vec<String>>,
    /// Draw the whole graph (its best connected entities, up to --max-nodes)
    #[arg(long)]
    all: bool,
    /// Where to write [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// What to write [default: by the file's extension (.dot/.gv: dot), else html]
    #[arg(long, value_enum)]
    format: Option<VizFormat>,
    /// With ENTITY: how far around it to draw
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=6))]
    hops: u32,
    /// With --path: longest path, in hops
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=12))]
    max_hops: u32,
    /// With --path: how many of the best paths to draw
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    limit: u32,
    /// Most entities to draw
    #[arg(long, value_name = "N", default_value_t = 150, value_parser = clap::value_parser!(u32).range(1..=5000))]
    max_nodes: u32,
    /// Sentences kept per relation (shown when hovering it)
    #[arg(long, value_name = "N", default_value_t = 3)]
    evidence: u32,
    #[command(flatten)]
    graph: GraphArgs,
}

/// `newskg viz`: draws what the flags ask; exit 1 when there is nothing to
/// draw (no path between the two entities).
pub(super) fn cmd_viz(at: &Location, args: VizArgs) -> Result<i32> {
    let format = args.format.unwrap_or_else(|| {
        match args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("dot" | "gv") => VizFormat::Dot,
            _ => VizFormat::Html,
        }
    });
    if args.output.is_none() && format == VizFormat::Html && std::io::stdout().is_terminal() {
        bail!("an HTML page is not for the terminal: give -o FILE (e.g. -o graph.html), or --format dot");
    }
    let filter = args.graph.filter()?;
    let store = Store::connect(at, Access::Read)?;
    let g = analyze::entity_graph(&store)?;
    let scope = if let Some(entity) = &args.entity {
        Scope::Around {
            entity: lookup::resolve(&g, "ENTITY", entity)?,
            hops: args.hops,
        }
    } else if let Some(ends) = &args.path {
        Scope::Paths {
            from: lookup::resolve(&g, "FROM", &ends[0])?,
            to: lookup::resolve(&g, "TO", &ends[1])?,
            max_hops: args.max_hops,
            limit: args.limit as usize,
        }
    } else {
        Scope::All
    };
    let limits = Limits {
        max_nodes: args.max_nodes as usize,
        evidence: args.evidence as usize,
    };
    let picture = viz::picture(&store, &g, scope, filter, limits)?;
    if matches!(scope, Scope::Paths { .. }) && picture.edges.is_empty() {
        eprintln!(
            "newskg: {}: {}",
            picture.title,
            picture.note.as_deref().unwrap_or("no path")
        );
        return Ok(EXIT_FAILED);
    }
    let mut bytes = Vec::new();
    match format {
        VizFormat::Html => viz::html::write(&picture, &mut bytes)?,
        VizFormat::Dot => viz::dot::write(&picture, &mut bytes)?,
    }
    match &args.output {
        Some(path) => {
            // Whole or not at all: a temporary file renamed into place.
            let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
            std::fs::write(&tmp, &bytes)
                .and_then(|()| std::fs::rename(&tmp, path))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    anyhow!("{}: {e}", path.display())
                })?;
            eprintln!(
                "{}: {} entities, {} relations{}",
                path.display(),
                picture.nodes.len(),
                picture.edges.len(),
                picture
                    .note
                    .as_deref()
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .context("standard output")?;
        }
    }
    Ok(EXIT_OK)
}
