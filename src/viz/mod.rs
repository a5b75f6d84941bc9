//! Pictures of the entity graph: the part of it a person wants to look at
//! (an entity's neighbourhood, the paths between two entities, or the whole
//! graph up to a size), each node with its class and colour, each edge with
//! its predicate and the sentences and articles that state it. Written as
//! Graphviz DOT ([`dot`]) or as one self-contained HTML file ([`html`]),
//! whose script the page of `newskg serve` shares.
//!
//! Reads only: the entity graph from [`crate::analyze`], classes and
//! evidence through [`crate::store::Store`]. Knows nothing of HTTP.

pub mod dot;
pub mod html;

use crate::analyze::evidence::{self, Evidence};
use crate::analyze::path::{all_simple_paths_within, neighbourhood, DEFAULT_SEARCH_STEPS};
use crate::analyze::{EntityGraph, Filter, NodeId, Relation};
use crate::query::QueryError;
use crate::store::Store;
use crate::vocab;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Term};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// An entity and what lies within `hops` hops of it.
    Around { entity: NodeId, hops: u32 },
    /// The best simple paths between two entities, up to `max_hops` long.
    Paths {
        from: NodeId,
        to: NodeId,
        max_hops: u32,
        limit: usize,
    },
    /// The whole graph (its best connected entities, up to the node limit).
    All,
}

/// How much to draw.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Most entities in the picture.
    pub max_nodes: usize,
    /// Most sentences kept per edge.
    pub evidence: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_nodes: 150,
            evidence: 3,
        }
    }
}

/// Most simple paths counted while looking for the best ones.
const PATH_COUNT_CAP: u64 = 1_000_000;

/// A picture: what the DOT and HTML writers draw.
#[derive(Debug, Clone, Serialize)]
pub struct Picture {
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// What was left out, or why nothing is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// The entity's IRI.
    pub id: String,
    pub label: String,
    /// Its class in the schema (`Country`, `Company`, ...), or `Entity`.
    pub class: String,
    /// Its fill colour (by class).
    pub colour: &'static str,
    /// One of the entities asked for.
    pub focus: bool,
    /// Its neighbours in the whole graph.
    pub degree: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// The relation's local name (`partnersWith`, ...).
    pub predicate: String,
    /// The relation holds both ways (drawn without an arrow).
    pub symmetric: bool,
    /// Articles that state it.
    pub articles: u32,
    /// Sentences that state it, most recent article first.
    pub evidence: Vec<Evidence>,
}

/// Draws `scope` of the entity graph of `store`.
pub fn picture(
    store: &Store,
    g: &EntityGraph,
    scope: Scope,
    filter: Filter,
    limits: Limits,
) -> Result<Picture, QueryError> {
    let max_nodes = limits.max_nodes.max(1);
    let (title, focus, nodes, relations, note) = match scope {
        Scope::Around { entity, hops } => {
            let reached = neighbourhood(g, entity, filter, hops);
            let total = reached.len();
            let mut nodes = vec![entity];
            nodes.extend(reached.iter().take(max_nodes - 1).map(|r| r.node));
            let note = (total + 1 > max_nodes).then(|| {
                format!(
                    "showing the {} nearest of {total} entities within {hops} hop{}",
                    max_nodes - 1,
                    plural(hops as usize)
                )
            });
            let relations = relations_among(g, &nodes, filter);
            let title = format!("{} and its neighbourhood", g.name(entity));
            (title, vec![entity], nodes, relations, note)
        }
        Scope::Paths {
            from,
            to,
            max_hops,
            limit,
        } => {
            let found = all_simple_paths_within(
                g,
                (from, to),
                filter,
                (max_hops, limit, PATH_COUNT_CAP),
                DEFAULT_SEARCH_STEPS,
            );
            let mut nodes: Vec<NodeId> = vec![from, to];
            let mut relations = Vec::new();
            let mut seen = BTreeSet::new();
            for p in &found.paths {
                for hop in p.nodes.windows(2) {
                    for r in g.hop_relations(hop[0], hop[1], filter) {
                        if seen.insert((r.subject, r.object, r.predicate.local())) {
                            relations.push(r);
                        }
                    }
                    if !nodes.contains(&hop[1]) {
                        nodes.push(hop[1]);
                    }
                }
            }
            nodes.truncate(max_nodes.max(2));
            relations.retain(|r| nodes.contains(&r.subject) && nodes.contains(&r.object));
            let note = if found.paths.is_empty() {
                Some(format!("no path within {max_hops} hops"))
            } else if found.total as usize > found.paths.len() {
                Some(format!(
                    "the {} best of {}{} paths of up to {max_hops} hops",
                    found.paths.len(),
                    if found.capped || found.stopped_after.is_some() {
                        "at least "
                    } else {
                        ""
                    },
                    found.total
                ))
            } else {
                None
            };
            let title = format!("Paths from {} to {}", g.name(from), g.name(to));
            (title, vec![from, to], nodes, relations, note)
        }
        Scope::All => {
            let mut nodes: Vec<NodeId> = g.nodes().filter(|&n| g.degree(n) > 0).collect();
            let total = nodes.len();
            nodes.sort_by_key(|&n| (std::cmp::Reverse(g.degree(n)), n));
            nodes.truncate(max_nodes);
            let note = (total > max_nodes).then(|| {
                format!("showing the {max_nodes} best connected of {total} linked entities")
            });
            let relations = relations_among(g, &nodes, filter);
            (
                "The entity graph".to_string(),
                Vec::new(),
                nodes,
                relations,
                note,
            )
        }
    };
    let nodes = nodes
        .iter()
        .map(|&n| {
            let class = class_of(store, g.iri(n))?;
            Ok(Node {
                id: g.iri(n).to_string(),
                label: g.name(n).into_owned(),
                colour: colour(&class),
                class,
                focus: focus.contains(&n),
                degree: g.degree(n),
            })
        })
        .collect::<Result<Vec<_>, QueryError>>()?;
    let edges = relations
        .iter()
        .map(|r| {
            Ok(Edge {
                source: g.iri(r.subject).to_string(),
                target: g.iri(r.object).to_string(),
                predicate: r.predicate.local().to_string(),
                symmetric: r.symmetric(),
                articles: r.articles,
                evidence: evidence::evidence(store, g, r, limits.evidence)?,
            })
        })
        .collect::<Result<Vec<_>, QueryError>>()?;
    Ok(Picture {
        title,
        nodes,
        edges,
        note,
    })
}

/// Every relation the filter follows between two of `nodes`.
fn relations_among(g: &EntityGraph, nodes: &[NodeId], filter: Filter) -> Vec<Relation> {
    let set: HashSet<NodeId> = nodes.iter().copied().collect();
    let mut out = Vec::new();
    for &a in nodes {
        for entry in g.adjacent(a) {
            if a < entry.nbr && set.contains(&entry.nbr) {
                out.extend(
                    g.relations_between(a, entry.nbr)
                        .iter()
                        .filter(|r| filter.allows(r, r.subject))
                        .copied(),
                );
            }
        }
    }
    out
}

/// Classes an entity may have, most specific first: the first one it has
/// is the one shown.
const CLASSES: [&str; 18] = [
    "Country",
    "Region",
    "City",
    "Person",
    "Plant",
    "Bank",
    "Company",
    "Agency",
    "Commission",
    "GovernmentBody",
    "InternationalOrganization",
    "MediaOutlet",
    "Foundation",
    "Forum",
    "Event",
    "Organization",
    "Place",
    "Entity",
];

/// The entity's most specific class in the schema, or `Entity`.
fn class_of(store: &Store, iri: &str) -> Result<String, QueryError> {
    let node = NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(iri));
    let types = store
        .objects(&node, vocab::RDF_TYPE)
        .map_err(|e| QueryError::Evaluation(e.to_string()))?;
    let has: Vec<&str> = types
        .iter()
        .filter_map(|t| match t {
            Term::NamedNode(c) => c.as_str().strip_prefix(vocab::NKG),
            _ => None,
        })
        .collect();
    Ok(CLASSES
        .iter()
        .find(|c| has.contains(c))
        .unwrap_or(&"Entity")
        .to_string())
}

/// The fill colour of a class, by family (the same in DOT and on the page).
pub fn colour(class: &str) -> &'static str {
    match class {
        "Country" => "#8ecae6",
        "Region" | "City" | "Place" => "#b7e4c7",
        "Person" => "#f4acb7",
        "Plant" | "Bank" | "Company" => "#ffd166",
        "Agency" | "Commission" | "GovernmentBody" => "#f4a261",
        "InternationalOrganization" => "#a3b18a",
        "MediaOutlet" | "Foundation" | "Organization" => "#e9c46a",
        "Forum" | "Event" => "#cdb4db",
        _ => "#d9d9d9",
    }
}

/// The families of classes and their colours, for a legend.
pub const LEGEND: [(&str, &str); 8] = [
    ("Country", "#8ecae6"),
    ("Region, city", "#b7e4c7"),
    ("Person", "#f4acb7"),
    ("Company", "#ffd166"),
    ("Government body", "#f4a261"),
    ("International organisation", "#a3b18a"),
    ("Other organisation", "#e9c46a"),
    ("Event, forum", "#cdb4db"),
];

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
