//! Path analysis over the entity graph: how is X connected to Y, what is
//! around an entity, who holds the network together.
//!
//! [`graph`] is the entity graph (entities as nodes, the schema's relations
//! except `hasRole` as edges, with the number of articles behind each),
//! `graph_builder` assembles it, `graph_scan` reads it from a store and
//! `graph_file` keeps it beside the store; [`path`] finds shortest paths, ranked simple paths and
//! neighbourhoods; [`rank`] computes degree, PageRank and betweenness;
//! [`components`] the connected components; [`lookup`] turns IRIs, prefixed
//! names and labels into entities; [`evidence`] reads the sentences behind a
//! hop; [`report`] shapes results as text and JSON; [`functions`] offers
//! path lengths to SPARQL (`nkg:hopCount`).
//!
//! This module only reads: it never writes to a store, and touches
//! `oxigraph::store` only through [`crate::store::Store`]. The graph is built
//! once per store content ([`entity_graph`]) and kept beside the store in
//! `entity-graph.bin` ([`graph_file`]), which every write through the store
//! removes first, so a fresh process reads it instead of scanning.

mod article_index;
pub mod components;
pub mod evidence;
pub mod functions;
pub mod graph;
mod graph_builder;
mod graph_file;
mod graph_scan;
pub mod graph_update;
pub use article_index::ArticleIndex;
pub mod lookup;
pub mod path;
pub mod rank;
pub mod report;

pub use graph::{
    relation_bit, EntityGraph, Filter, GraphBuilder, Mask, NodeId, Relation, ALL_RELATIONS,
    RELATIONS,
};

use crate::extract::Predicate;
use crate::query::QueryError;
use crate::store::{Store, StoreVersion};
use std::sync::{Arc, Mutex};

/// The last graph built in this process, with the store version it is of.
static CACHE: Mutex<Option<(StoreVersion, Arc<EntityGraph>)>> = Mutex::new(None);

/// The entity graph of a store: read from the file kept beside the store
/// when there is one (it is current whenever it exists, see
/// [`graph_file`]), else built from the store and saved there; then reused
/// in this process until the store is written to (or another store is
/// asked for).
pub fn entity_graph(store: &Store) -> Result<Arc<EntityGraph>, QueryError> {
    let version = store.version();
    if let Ok(cache) = CACHE.lock() {
        if let Some((v, g)) = cache.as_ref() {
            if *v == version {
                return Ok(Arc::clone(g));
            }
        }
    }
    // A store directory keeps the graph beside it; a server's graph is
    // read from the server each time a process first needs it.
    let file = store.dir().map(graph_file::path_in);
    let g = match file.as_deref().and_then(graph_file::load) {
        Some(g) => g,
        None => {
            let g = EntityGraph::from_store(store)?;
            // Saving is a speed-up only: a store directory that cannot be
            // written to still answers, from the scan.
            if let Some(file) = &file {
                let _ = graph_file::save(&g, file);
            }
            g
        }
    };
    let g = Arc::new(g);
    if let Ok(mut cache) = CACHE.lock() {
        *cache = Some((version, Arc::clone(&g)));
    }
    Ok(g)
}

/// A `--via` list that names no relation of the graph.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViaError {
    #[error("--via: unknown relation {0:?}; the relations are {list}", list = relation_list())]
    Unknown(String),
    #[error("--via: hasRole links people to roles, not entities to each other, so no path follows it; the relations are {list}", list = relation_list())]
    HasRole,
    #[error("--via: give at least one relation, e.g. --via partnersWith,investsIn")]
    Empty,
}

fn relation_list() -> String {
    RELATIONS
        .iter()
        .map(|p| p.local())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses relation names (`partnersWith`, `nkg:investsIn`; commas allowed
/// inside an item; case does not matter) into a mask.
pub fn parse_via<S: AsRef<str>>(names: &[S]) -> Result<Mask, ViaError> {
    let mut mask = 0;
    for item in names {
        for name in item.as_ref().split(',') {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let local = name
                .strip_prefix("nkg:")
                .or_else(|| name.strip_prefix(':'))
                .unwrap_or(name);
            let Some(p) = Predicate::ALL
                .iter()
                .copied()
                .find(|p| p.local().eq_ignore_ascii_case(local))
            else {
                return Err(ViaError::Unknown(name.to_string()));
            };
            mask |= relation_bit(p).ok_or(ViaError::HasRole)?;
        }
    }
    if mask == 0 {
        return Err(ViaError::Empty);
    }
    Ok(mask)
}

/// The relation names in a mask, in the schema's order.
pub fn via_names(mask: Mask) -> Vec<&'static str> {
    RELATIONS
        .iter()
        .filter(|p| relation_bit(**p).is_some_and(|b| b & mask != 0))
        .map(|p| p.local())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn via_names_are_checked() {
        let m = parse_via(&["partnersWith,investsIn"]).unwrap();
        assert_eq!(via_names(m), ["partnersWith", "investsIn"]);
        let m = parse_via(&["nkg:TRADESWITH", " :country ", ""]).unwrap();
        assert_eq!(via_names(m), ["tradesWith", "country"]);
        assert_eq!(via_names(ALL_RELATIONS).len(), 13);
        let e = parse_via(&["partnersWith,friendsWith"]).unwrap_err();
        assert_eq!(e, ViaError::Unknown("friendsWith".into()));
        assert!(e
            .to_string()
            .contains("partnersWith, investsIn, tradesWith"));
        assert!(!e.to_string().contains("hasRole"));
        assert_eq!(parse_via(&["hasRole"]).unwrap_err(), ViaError::HasRole);
        assert_eq!(parse_via(&[",", " "]).unwrap_err(), ViaError::Empty);
    }

    #[test]
    fn the_graph_is_cached_until_the_store_changes() {
        use oxigraph::io::RdfFormat;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("kg"), crate::store::Access::Write).unwrap();
        let ttl = |s: &str| {
            format!("@prefix : <http://newskg.org/ontology#> . @prefix id: <http://newskg.org/id/> . {s}")
        };
        let a = ttl("id:a :investsIn id:b .");
        store
            .load("a.ttl", a.as_bytes(), RdfFormat::Turtle, None)
            .unwrap();
        let g1 = entity_graph(&store).unwrap();
        assert_eq!(g1.relation_count(), 1);
        assert!(Arc::ptr_eq(&g1, &entity_graph(&store).unwrap()));
        // A clone shares the store and its version.
        assert!(Arc::ptr_eq(&g1, &entity_graph(&store.clone()).unwrap()));
        let b = ttl("id:b :partnersWith id:c .");
        store
            .load("b.ttl", b.as_bytes(), RdfFormat::Turtle, None)
            .unwrap();
        let g2 = entity_graph(&store).unwrap();
        assert!(!Arc::ptr_eq(&g1, &g2));
        assert_eq!(g2.relation_count(), 2);
        // A fact deleted from the default graph is no edge, even while an
        // article graph still states it.
        store
            .load(
                "c.trig",
                "<http://newskg.org/article/x> { <http://newskg.org/id/c> <http://newskg.org/ontology#country> <http://newskg.org/id/d> }".as_bytes(),
                RdfFormat::TriG,
                None,
            )
            .unwrap();
        let g3 = entity_graph(&store).unwrap();
        assert_eq!(g3.relation_count(), 3);
        let c = g3.node("http://newskg.org/id/c").unwrap();
        let d = g3.node("http://newskg.org/id/d").unwrap();
        assert_eq!(g3.relations_between(c, d)[0].articles, 1);
        store
            .update(
                crate::query::parse_update(
                    "DELETE DATA { <http://newskg.org/id/c> <http://newskg.org/ontology#country> <http://newskg.org/id/d> }",
                    "test",
                )
                .unwrap(),
            )
            .unwrap();
        let g4 = entity_graph(&store).unwrap();
        assert_eq!(g4.relation_count(), 2);
    }
}
