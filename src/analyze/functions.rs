//! Path lengths from SPARQL: custom functions registered with Oxigraph.
//!
//! - `nkg:hopCount(?a, ?b)`: the number of hops on a shortest path between
//!   two entities, any relation, either direction, as an `xsd:integer`;
//!   unbound when there is no path (or an argument is not an entity).
//! - `nkg:directedHopCount(?a, ?b)`: the same, following each relation from
//!   its subject to its object (symmetric relations either way).
//!
//! The entity graph is built on the first call only, so queries that do not
//! use these functions cost nothing more.

use super::graph::{EntityGraph, Filter};
use super::path::shortest_path;
use crate::store::Store;
use crate::vocab;
use oxigraph::model::{Literal, Term};
use oxigraph::sparql::SparqlEvaluator;
use std::sync::{Arc, OnceLock};

/// The graph the functions of one query share, built on first use.
pub struct PathFunctions {
    store: Store,
    graph: OnceLock<Result<Arc<EntityGraph>, String>>,
}

impl PathFunctions {
    fn graph(&self) -> Option<&EntityGraph> {
        self.graph
            .get_or_init(|| super::entity_graph(&self.store).map_err(|e| e.to_string()))
            .as_ref()
            .ok()
            .map(|g| g.as_ref())
    }

    /// Why the graph could not be built, if a function needed it and it
    /// could not (the function then returned unbound values).
    pub fn failure(&self) -> Option<&str> {
        match self.graph.get() {
            Some(Err(e)) => Some(e),
            _ => None,
        }
    }

    fn hop_count(&self, args: &[Term], filter: Filter) -> Option<Term> {
        let [Term::NamedNode(a), Term::NamedNode(b)] = args else {
            return None;
        };
        let g = self.graph()?;
        let (a, b) = (g.node(a.as_str())?, g.node(b.as_str())?);
        let path = shortest_path(g, a, b, filter, None)?;
        Some(Literal::from(path.len() as i64 - 1).into())
    }
}

/// Adds the path functions, computed on `store`, to an evaluator.
pub fn register(
    evaluator: SparqlEvaluator,
    store: &Store,
) -> (SparqlEvaluator, Arc<PathFunctions>) {
    let state = Arc::new(PathFunctions {
        store: store.clone(),
        graph: OnceLock::new(),
    });
    let undirected = Arc::clone(&state);
    let directed = Arc::clone(&state);
    let evaluator = evaluator
        .with_custom_function(vocab::NKG_HOP_COUNT.into_owned(), move |args| {
            undirected.hop_count(args, Filter::default())
        })
        .with_custom_function(vocab::NKG_DIRECTED_HOP_COUNT.into_owned(), move |args| {
            directed.hop_count(
                args,
                Filter {
                    directed: true,
                    ..Filter::default()
                },
            )
        });
    (evaluator, state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::evaluator;
    use oxigraph::io::RdfFormat;
    use oxigraph::sparql::QueryResults;

    fn values(store: &Store, state_out: &mut Option<Arc<PathFunctions>>, q: &str) -> Vec<String> {
        let (e, state) = register(evaluator(), store);
        let query = spargebra::SparqlParser::new().parse_query(q).unwrap();
        let query = crate::store::SparqlQuery::new(e, query);
        let QueryResults::Solutions(rows) = store.query(query).unwrap() else {
            panic!("not a SELECT");
        };
        let out = rows
            .map(|r| {
                r.unwrap()
                    .get("h")
                    .map_or("unbound".to_string(), |t| t.to_string())
            })
            .collect();
        *state_out = Some(state);
        out
    }

    #[test]
    fn hop_counts_and_laziness() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("kg"), crate::store::Access::Write).unwrap();
        let ttl = r#"
            @prefix : <http://newskg.org/ontology#> .
            @prefix id: <http://newskg.org/id/> .
            id:a :investsIn id:b . id:c :investsIn id:b . id:c :country id:d .
            id:e :partnersWith id:f .
        "#;
        store
            .load("test.ttl", ttl.as_bytes(), RdfFormat::Turtle, None)
            .unwrap();
        let mut state = None;
        // A query that does not call the functions never builds the graph.
        let rows = values(
            &store,
            &mut state,
            "SELECT (COUNT(*) AS ?h) WHERE { ?s ?p ?o }",
        );
        assert_eq!(rows, ["\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>"]);
        assert!(state.as_ref().unwrap().graph.get().is_none());

        let q = |f: &str, a: &str, b: &str| {
            format!("PREFIX id: <http://newskg.org/id/> PREFIX nkg: <http://newskg.org/ontology#> SELECT (nkg:{f}({a}, {b}) AS ?h) WHERE {{}}")
        };
        let int = |n: i64| format!("\"{n}\"^^<http://www.w3.org/2001/XMLSchema#integer>");
        assert_eq!(
            values(&store, &mut state, &q("hopCount", "id:a", "id:d")),
            [int(3)]
        );
        assert!(state.as_ref().unwrap().graph.get().is_some());
        assert!(state.as_ref().unwrap().failure().is_none());
        assert_eq!(
            values(&store, &mut state, &q("hopCount", "id:a", "id:a")),
            [int(0)]
        );
        assert_eq!(
            values(&store, &mut state, &q("hopCount", "id:a", "id:f")),
            ["unbound"]
        );
        assert_eq!(
            values(&store, &mut state, &q("hopCount", "id:a", "id:nothing")),
            ["unbound"]
        );
        assert_eq!(
            values(&store, &mut state, &q("hopCount", "id:a", "\"b\"")),
            ["unbound"]
        );
        // a -> b <- c: no way from a to c along the arrows.
        assert_eq!(
            values(&store, &mut state, &q("directedHopCount", "id:a", "id:b")),
            [int(1)]
        );
        assert_eq!(
            values(&store, &mut state, &q("directedHopCount", "id:a", "id:c")),
            ["unbound"]
        );
        assert_eq!(
            values(&store, &mut state, &q("directedHopCount", "id:c", "id:d")),
            [int(1)]
        );
        // partnersWith is symmetric.
        assert_eq!(
            values(&store, &mut state, &q("directedHopCount", "id:f", "id:e")),
            [int(1)]
        );
    }
}
