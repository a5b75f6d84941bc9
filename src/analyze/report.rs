//! Results of path analysis as people read them (one hop per line, in plain
//! words, with a quoted sentence) and as JSON (same content, full sentences).

use super::components::components;
use super::evidence::{evidence, excerpt, Evidence};
use super::graph::{EntityGraph, Filter, NodeId, Relation, ALL_RELATIONS};
use super::path::{neighbourhood, AllPaths, RankedPath};
use super::rank::{self, Measure};
use super::via_names;
use crate::query::QueryError;
use crate::store::Store;
use crate::vocab;
use comfy_table::{presets, CellAlignment, ContentArrangement, Table};
use serde::Serialize;
use std::io::{self, Write};

/// Sentences quoted per relation in JSON (text shows one per hop).
pub const EVIDENCE_PER_RELATION: usize = 3;
/// Characters of a sentence quoted in text.
const EXCERPT_CHARS: usize = 120;
/// Members of a component listed in text.
pub const MEMBERS_SHOWN: usize = 25;

/// An entity as shown.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef {
    pub iri: String,
    pub label: String,
    /// Every label, to find the entity in a sentence.
    #[serde(skip)]
    names: Vec<String>,
}

pub fn entity_ref(g: &EntityGraph, n: NodeId) -> EntityRef {
    EntityRef {
        iri: g.iri(n).to_string(),
        label: g.name(n).into_owned(),
        names: g.labels(n).iter().map(|l| l.text.to_string()).collect(),
    }
}

/// A relation between the two entities of a hop.
#[derive(Debug, Clone, Serialize)]
pub struct RelationOut {
    /// Local name in the ontology (`partnersWith`).
    pub predicate: String,
    /// As stored; for a symmetric relation, one of the two ways round.
    pub subject: String,
    pub object: String,
    /// `forward` (stored from the hop's start to its end), `backward`, or
    /// `symmetric`.
    pub direction: &'static str,
    pub articles: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<Evidence>>,
}

fn relation_out(
    g: &EntityGraph,
    from: NodeId,
    r: &Relation,
    evidence: Option<Vec<Evidence>>,
) -> RelationOut {
    RelationOut {
        predicate: r.predicate.local().to_string(),
        subject: g.iri(r.subject).to_string(),
        object: g.iri(r.object).to_string(),
        direction: if r.symmetric() {
            "symmetric"
        } else if r.subject == from {
            "forward"
        } else {
            "backward"
        },
        articles: r.articles,
        evidence,
    }
}

/// One hop of a path: every relation that allows it, best supported first.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub from: EntityRef,
    pub to: EntityRef,
    pub relations: Vec<RelationOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PathOut {
    pub hops: usize,
    /// Articles behind the best supported relation of the weakest hop.
    pub weakest_hop_articles: u32,
    pub steps: Vec<Step>,
}

/// What `newskg path` found.
#[derive(Debug, Clone, Serialize)]
pub struct PathReport {
    pub from: EntityRef,
    pub to: EntityRef,
    pub found: bool,
    /// `shortest` or `all`.
    pub search: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_hops: Option<u32>,
    pub via: Vec<&'static str>,
    pub directed: bool,
    /// With `all`: how many simple paths there are (up to the cap).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_paths: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub capped: bool,
    /// With `all`: the search stopped after this many steps (`--max-search`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_stopped_after: Option<u64>,
    pub paths: Vec<PathOut>,
}

fn path_out(
    store: &Store,
    g: &EntityGraph,
    nodes: &[NodeId],
    filter: Filter,
    weakest: u32,
) -> Result<PathOut, QueryError> {
    let mut steps = Vec::new();
    for w in nodes.windows(2) {
        let mut relations = Vec::new();
        for r in g.hop_relations(w[0], w[1], filter) {
            let ev = evidence(store, g, &r, EVIDENCE_PER_RELATION)?;
            relations.push(relation_out(g, w[0], &r, Some(ev)));
        }
        steps.push(Step {
            from: entity_ref(g, w[0]),
            to: entity_ref(g, w[1]),
            relations,
        });
    }
    Ok(PathOut {
        hops: nodes.len().saturating_sub(1),
        weakest_hop_articles: weakest,
        steps,
    })
}

/// The report of a shortest-path search (`path` is `None` when there is none).
pub fn shortest_report(
    store: &Store,
    g: &EntityGraph,
    (from, to): (NodeId, NodeId),
    filter: Filter,
    max_hops: Option<u32>,
    path: Option<&[NodeId]>,
) -> Result<PathReport, QueryError> {
    let paths = match path {
        Some(p) => {
            let weakest = p
                .windows(2)
                .filter_map(|w| g.entry(w[0], w[1]).map(|a| g.hop_articles(w[0], a, filter)))
                .min()
                .unwrap_or(0);
            vec![path_out(store, g, p, filter, weakest)?]
        }
        None => Vec::new(),
    };
    Ok(PathReport {
        from: entity_ref(g, from),
        to: entity_ref(g, to),
        found: path.is_some(),
        search: "shortest",
        max_hops,
        via: via_names(filter.via),
        directed: filter.directed,
        total_paths: None,
        capped: false,
        search_stopped_after: None,
        paths,
    })
}

/// The report of an all-simple-paths search.
pub fn all_paths_report(
    store: &Store,
    g: &EntityGraph,
    (from, to): (NodeId, NodeId),
    filter: Filter,
    max_hops: u32,
    found: &AllPaths,
) -> Result<PathReport, QueryError> {
    let paths = found
        .paths
        .iter()
        .map(|p: &RankedPath| path_out(store, g, &p.nodes, filter, p.weakest))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(PathReport {
        from: entity_ref(g, from),
        to: entity_ref(g, to),
        found: found.total > 0,
        search: "all",
        max_hops: Some(max_hops),
        via: via_names(filter.via),
        directed: filter.directed,
        total_paths: Some(found.total),
        capped: found.capped,
        search_stopped_after: found.stopped_after,
        paths,
    })
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "Trend, 2018-08-20" (publisher, else source file, else article IRI).
fn citation(e: &Evidence) -> String {
    let who = e
        .publisher
        .clone()
        .or_else(|| {
            e.source.as_ref().map(|s| {
                s.rsplit(['/', '\\'])
                    .next()
                    .filter(|f| !f.is_empty())
                    .unwrap_or(s)
                    .to_string()
            })
        })
        .unwrap_or_else(|| vocab::compact(&e.article));
    match &e.date {
        Some(d) => format!("{who}, {d}"),
        None => who,
    }
}

/// `A —partnersWith→ B` or `A ←investsIn— B`.
fn arrow(from: &str, r: &RelationOut, to: &str) -> String {
    if r.direction == "backward" {
        format!("{from} ←{}— {to}", r.predicate)
    } else {
        format!("{from} —{}→ {to}", r.predicate)
    }
}

fn write_step(out: &mut dyn Write, s: &Step) -> io::Result<()> {
    let Some((first, rest)) = s.relations.split_first() else {
        return Ok(());
    };
    let names: Vec<&str> = s
        .from
        .names
        .iter()
        .chain(&s.to.names)
        .map(String::as_str)
        .collect();
    let mut cite = match first.evidence.as_deref().and_then(<[Evidence]>::first) {
        Some(e) => {
            let mut c = citation(e);
            if let Some(text) = &e.sentence {
                c.push_str(&format!(": \"{}\"", excerpt(text, &names, EXCERPT_CHARS)));
            }
            c
        }
        None if first.articles == 0 => "no article recorded".to_string(),
        None => String::new(),
    };
    if first.articles > 1 {
        cite = format!(
            "{}; {cite}",
            plural(u64::from(first.articles), "article", "articles")
        );
    }
    writeln!(
        out,
        "  {} ({cite})",
        arrow(&s.from.label, first, &s.to.label)
    )?;
    if !rest.is_empty() {
        let also: Vec<String> = rest
            .iter()
            .map(|r| {
                format!(
                    "{} ({})",
                    arrow(&s.from.label, r, &s.to.label),
                    plural(u64::from(r.articles), "article", "articles")
                )
            })
            .collect();
        writeln!(out, "      also: {}", also.join("; "))?;
    }
    Ok(())
}

/// The one-sentence answer when nothing connects the two.
pub fn no_path_sentence(r: &PathReport) -> String {
    let mut s = if r.directed {
        format!(
            "No path leads from {} to {} following the relations' direction",
            r.from.label, r.to.label
        )
    } else {
        format!("No path connects {} and {}", r.from.label, r.to.label)
    };
    if let Some(m) = r.max_hops {
        s.push_str(&format!(" within {}", plural(u64::from(m), "hop", "hops")));
    }
    if r.via.len() < via_names(ALL_RELATIONS).len() {
        s.push_str(&format!(" through {}", r.via.join(", ")));
    }
    s.push('.');
    s
}

/// The sentence for a search that stopped at `--max-search` steps.
pub fn search_stopped_sentence(steps: u64) -> String {
    format!(
        "The search stopped after {steps} steps, so paths it did not reach are missing: \
         lower --max-hops, narrow it with --via, or allow more steps with --max-search N."
    )
}

pub fn write_path_text(r: &PathReport, out: &mut dyn Write) -> io::Result<()> {
    if !r.found {
        writeln!(out, "{}", no_path_sentence(r))?;
        if let Some(steps) = r.search_stopped_after {
            writeln!(out, "{}", search_stopped_sentence(steps))?;
        }
        return Ok(());
    }
    if r.from.iri == r.to.iri {
        return writeln!(
            out,
            "{} and {} are the same entity ({}): a path of 0 hops.",
            r.from.label,
            r.to.label,
            vocab::compact(&r.from.iri)
        );
    }
    match r.total_paths {
        None => {
            let p = &r.paths[0];
            writeln!(
                out,
                "{} → {}: {} (shortest)",
                r.from.label,
                r.to.label,
                plural(p.hops as u64, "hop", "hops")
            )?;
            for s in &p.steps {
                write_step(out, s)?;
            }
        }
        Some(total) => {
            writeln!(
                out,
                "{} → {}: {} of at most {}{}; {}",
                r.from.label,
                r.to.label,
                plural(total, "simple path", "simple paths"),
                plural(u64::from(r.max_hops.unwrap_or(0)), "hop", "hops"),
                if r.capped {
                    " (counting stopped there)"
                } else if r.search_stopped_after.is_some() {
                    " found before the search stopped"
                } else {
                    ""
                },
                if r.paths.len() as u64 == total {
                    "fewer hops first, then better supported".to_string()
                } else {
                    format!(
                        "the best {} (fewer hops first, then better supported)",
                        r.paths.len()
                    )
                }
            )?;
            if let Some(steps) = r.search_stopped_after {
                writeln!(out, "{}", search_stopped_sentence(steps))?;
            }
            for (i, p) in r.paths.iter().enumerate() {
                writeln!(out)?;
                writeln!(
                    out,
                    "{}. {}, weakest hop {}",
                    i + 1,
                    plural(p.hops as u64, "hop", "hops"),
                    plural(u64::from(p.weakest_hop_articles), "article", "articles")
                )?;
                for s in &p.steps {
                    write_step(out, s)?;
                }
            }
        }
    }
    Ok(())
}

/// An entity reached by `neighbors`.
#[derive(Debug, Clone, Serialize)]
pub struct NeighbourOut {
    pub entity: EntityRef,
    pub hops: u32,
    /// The entity one hop closer it was reached from.
    pub via: EntityRef,
    /// Relations between `via` and `entity` that the search could follow.
    pub relations: Vec<RelationOut>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NeighboursReport {
    pub entity: EntityRef,
    pub hops: u32,
    pub via: Vec<&'static str>,
    pub directed: bool,
    pub neighbours: Vec<NeighbourOut>,
}

pub fn neighbours_report(
    g: &EntityGraph,
    n: NodeId,
    filter: Filter,
    hops: u32,
) -> NeighboursReport {
    let mut reached = neighbourhood(g, n, filter, hops);
    reached.sort_by_cached_key(|r| (r.hops, g.name(r.node).to_lowercase(), r.node));
    NeighboursReport {
        entity: entity_ref(g, n),
        hops,
        via: via_names(filter.via),
        directed: filter.directed,
        neighbours: reached
            .iter()
            .map(|r| NeighbourOut {
                entity: entity_ref(g, r.node),
                hops: r.hops,
                via: entity_ref(g, r.via),
                relations: g
                    .hop_relations(r.via, r.node, filter)
                    .iter()
                    .map(|rel| relation_out(g, r.via, rel, None))
                    .collect(),
            })
            .collect(),
    }
}

pub fn write_neighbours_text(r: &NeighboursReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} ({}): {} within {}{}",
        r.entity.label,
        vocab::compact(&r.entity.iri),
        plural(r.neighbours.len() as u64, "entity", "entities"),
        plural(u64::from(r.hops), "hop", "hops"),
        if r.directed {
            ", following the relations' direction"
        } else {
            ""
        }
    )?;
    let mut level = 0;
    for n in &r.neighbours {
        if n.hops != level {
            level = n.hops;
            writeln!(out, "  {}:", plural(u64::from(level), "hop", "hops"))?;
        }
        let rels: Vec<String> = n
            .relations
            .iter()
            .map(|rel| {
                format!(
                    "{} ({})",
                    arrow(&n.via.label, rel, &n.entity.label),
                    plural(u64::from(rel.articles), "article", "articles")
                )
            })
            .collect();
        writeln!(
            out,
            "    {} ({}): {}",
            n.entity.label,
            vocab::compact(&n.entity.iri),
            rels.join("; ")
        )?;
    }
    Ok(())
}

/// One ranked entity.
#[derive(Debug, Clone, Serialize)]
pub struct RankRow {
    pub rank: usize,
    pub iri: String,
    pub label: String,
    pub score: f64,
    /// Betweenness divided by the pairs of other entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub normalised: Option<f64>,
    pub neighbours: u32,
    #[serde(rename = "in")]
    pub inc: u32,
    pub out: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct RankReport {
    pub by: &'static str,
    pub weighted: bool,
    pub directed: bool,
    pub via: Vec<&'static str>,
    pub entities: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iterations: Option<usize>,
    pub top: Vec<RankRow>,
}

/// PageRank: damping factor, most iterations, convergence threshold.
const DAMPING: f64 = 0.85;
const MAX_ITERATIONS: usize = 100;
const TOLERANCE: f64 = 1e-10;

pub fn rank_report(
    g: &EntityGraph,
    by: Measure,
    filter: Filter,
    weighted: bool,
    top: usize,
) -> RankReport {
    let degrees = rank::degrees(g, filter, weighted && by == Measure::Degree);
    let mut iterations = None;
    let mut normalised = false;
    let scores: Vec<f64> = match by {
        Measure::Degree => degrees
            .iter()
            .map(|d| {
                if weighted {
                    d.weighted as f64
                } else {
                    f64::from(d.neighbours)
                }
            })
            .collect(),
        Measure::Pagerank => {
            let pr = rank::pagerank(g, filter, weighted, DAMPING, MAX_ITERATIONS, TOLERANCE);
            iterations = Some(pr.iterations);
            pr.scores
        }
        Measure::Betweenness => {
            normalised = true;
            rank::betweenness(g, filter)
        }
    };
    let mut order: Vec<NodeId> = g.nodes().collect();
    order.sort_by_cached_key(|n| g.name(*n).to_lowercase());
    order.sort_by(|a, b| scores[*b as usize].total_cmp(&scores[*a as usize]));
    let n = g.node_count();
    RankReport {
        by: by.name(),
        weighted,
        directed: filter.directed,
        via: via_names(filter.via),
        entities: n,
        iterations,
        top: order
            .iter()
            .take(top)
            .enumerate()
            .map(|(i, node)| {
                let d = degrees[*node as usize];
                let score = scores[*node as usize];
                RankRow {
                    rank: i + 1,
                    iri: g.iri(*node).to_string(),
                    label: g.name(*node).into_owned(),
                    score,
                    normalised: normalised
                        .then(|| rank::normalised_betweenness(score, n, filter.directed)),
                    neighbours: d.neighbours,
                    inc: d.inc,
                    out: d.out,
                }
            })
            .collect(),
    }
}

pub fn write_rank_text(r: &RankReport, out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    let mut header = vec!["#".to_string(), "entity".to_string(), "IRI".to_string()];
    header.push(match (r.by, r.weighted) {
        ("degree", true) => "weighted degree".to_string(),
        (by, _) => by.to_string(),
    });
    if r.by == "betweenness" {
        header.push("normalised".to_string());
    }
    if r.directed {
        header.push("in".to_string());
        header.push("out".to_string());
    } else if r.by != "degree" || r.weighted {
        header.push("neighbours".to_string());
    }
    table.set_header(header);
    for row in &r.top {
        let score = match r.by {
            "degree" => format!("{}", row.score),
            "pagerank" => format!("{:.6}", row.score),
            _ => format!("{:.2}", row.score),
        };
        let mut cells = vec![
            row.rank.to_string(),
            row.label.clone(),
            vocab::compact(&row.iri),
            score,
        ];
        if let Some(nb) = row.normalised {
            cells.push(format!("{nb:.4}"));
        }
        if r.directed {
            cells.push(row.inc.to_string());
            cells.push(row.out.to_string());
        } else if r.by != "degree" || r.weighted {
            cells.push(row.neighbours.to_string());
        }
        table.add_row(cells);
    }
    for i in 3..table.column_count() {
        if let Some(c) = table.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{table}")?;
    let mut notes = vec![format!(
        "{} of {} by {}{}",
        r.top.len(),
        plural(r.entities as u64, "entity", "entities"),
        if r.weighted { "weighted " } else { "" },
        r.by
    )];
    if let Some(i) = r.iterations {
        notes.push(format!("{} iterations", i));
    }
    if r.directed {
        notes.push("following the relations' direction".to_string());
    }
    if r.via.len() < via_names(ALL_RELATIONS).len() {
        notes.push(format!("through {}", r.via.join(", ")));
    }
    writeln!(out, "{}", notes.join("; "))
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentOut {
    pub size: usize,
    pub members: Vec<EntityRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentsReport {
    pub components: usize,
    pub entities: usize,
    pub via: Vec<&'static str>,
    /// The largest components, members by label.
    pub shown: Vec<ComponentOut>,
}

pub fn components_report(g: &EntityGraph, filter: Filter, top: usize) -> ComponentsReport {
    let all = components(g, filter);
    ComponentsReport {
        components: all.len(),
        entities: g.node_count(),
        via: via_names(filter.via),
        shown: all
            .iter()
            .take(top)
            .map(|c| {
                let mut members: Vec<EntityRef> = c.iter().map(|n| entity_ref(g, *n)).collect();
                members.sort_by_cached_key(|m| (m.label.to_lowercase(), m.iri.clone()));
                ComponentOut {
                    size: c.len(),
                    members,
                }
            })
            .collect(),
    }
}

pub fn write_components_text(r: &ComponentsReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} among {}{}",
        plural(
            r.components as u64,
            "connected component",
            "connected components"
        ),
        plural(r.entities as u64, "entity", "entities"),
        if r.via.len() < via_names(ALL_RELATIONS).len() {
            format!(" (through {})", r.via.join(", "))
        } else {
            String::new()
        }
    )?;
    for (i, c) in r.shown.iter().enumerate() {
        let names: Vec<&str> = c
            .members
            .iter()
            .take(MEMBERS_SHOWN)
            .map(|m| m.label.as_str())
            .collect();
        let more = c.members.len().saturating_sub(MEMBERS_SHOWN);
        writeln!(
            out,
            "  {}. {}: {}{}",
            i + 1,
            plural(c.size as u64, "entity", "entities"),
            names.join(", "),
            if more > 0 {
                format!(" and {more} more (--format json lists all)")
            } else {
                String::new()
            }
        )?;
    }
    let hidden = r.components - r.shown.len();
    if hidden > 0 {
        let hidden_entities = r.entities - r.shown.iter().map(|c| c.size).sum::<usize>();
        writeln!(
            out,
            "  ... and {hidden} more {} ({}); --top N shows more",
            if hidden == 1 {
                "component"
            } else {
                "components"
            },
            plural(hidden_entities as u64, "entity", "entities")
        )?;
    }
    Ok(())
}
