//! Reading the entity graph from a store: per relation its triples in the
//! default graph (the edges) and its quads in named graphs (the articles
//! behind each), then the entities' labels, by SPARQL queries run in
//! parallel, each interning the strings it reads. Only reads the store.

use super::graph::{EntityGraph, GraphBuilder, NodeId, IN_DEFAULT_GRAPH, RELATIONS};
use crate::query::{parse_query, QueryError};
use crate::store::Store;
use crate::vocab;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;

impl EntityGraph {
    /// Builds the graph of a store with SPARQL, so that the store decodes
    /// only the terms asked for: per relation, its triples in the default
    /// graph (the edges: what queries see) and its quads in named graphs
    /// (the articles that state each one); then the entities' labels. The
    /// queries run in parallel, each interning the strings it reads, so
    /// memory stays proportional to the graph: its names and labels, and
    /// while building a few integers per relation quad.
    pub fn from_store(store: &Store) -> Result<EntityGraph, QueryError> {
        let mut queries = Vec::new();
        for (i, p) in RELATIONS.iter().enumerate() {
            let p = p.local();
            queries.push((
                Rows::Edges(i as u8),
                format!("SELECT ?s ?o WHERE {{ ?s nkg:{p} ?o }}"),
            ));
            queries.push((
                Rows::Articles(i as u8),
                format!("SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s nkg:{p} ?o }} }}"),
            ));
        }
        queries.push((
            Rows::Labels,
            "SELECT ?e ?l ?lang WHERE { ?e rdfs:label ?l BIND(LANG(?l) AS ?lang) }".to_string(),
        ));
        // Each part is merged as soon as it is read, so that at most one
        // per thread is held.
        let merged = Mutex::new((GraphBuilder::default(), Interner::default()));
        queries
            .into_par_iter()
            .try_for_each(|(kind, q)| -> Result<(), QueryError> {
                let mut part = Part {
                    kind,
                    entities: Interner::default(),
                    strings: Interner::default(),
                    rows: Vec::new(),
                };
                for_each_row(store, &q, |row| part.add(row))?;
                let mut guard = merged.lock().unwrap_or_else(|e| e.into_inner());
                let (b, graphs) = &mut *guard;
                part.merge_into(b, graphs);
                Ok(())
            })?;
        let (b, graphs) = merged.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut dates: HashMap<String, String> = HashMap::new();
        for_each_row(
            store,
            "SELECT ?g ?d WHERE { GRAPH ?g { ?g dcterms:date ?d } }",
            |row| {
                if let (Some(Some(Term::NamedNode(a))), Some(Some(Term::Literal(d)))) =
                    (row.first(), row.get(1))
                {
                    dates.insert(a.as_str().to_string(), d.value().to_string());
                }
            },
        )?;
        let graph_dates = graphs
            .names
            .iter()
            .map(|a| dates.get(&**a).map_or("", String::as_str).into())
            .collect();
        let g = b.build_with_articles(graphs.names, graph_dates);
        Ok(g)
    }
}

/// Strings numbered in order of first sight.
#[derive(Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.into(), i);
        self.names.push(s.into());
        i
    }
}

/// What a query of [`EntityGraph::from_store`] reads.
#[derive(Clone, Copy)]
enum Rows {
    /// `?s ?o` of a relation in the default graph.
    Edges(u8),
    /// `?s ?o ?g` of a relation in named graphs.
    Articles(u8),
    /// `?e ?label ?lang`.
    Labels,
}

/// The rows of one query, strings interned: entities in `entities`, graph
/// names, labels and languages in `strings`.
struct Part {
    kind: Rows,
    entities: Interner,
    strings: Interner,
    rows: Vec<[u32; 3]>,
}

impl Part {
    fn merge_into(self, b: &mut GraphBuilder, graphs: &mut Interner) {
        let nodes: Vec<NodeId> = self.entities.names.iter().map(|e| b.node(e)).collect();
        match self.kind {
            Rows::Labels => {
                for [e, text, lang] in self.rows {
                    let (text, lang) = (
                        &self.strings.names[text as usize],
                        &self.strings.names[lang as usize],
                    );
                    b.label(nodes[e as usize], text, lang);
                }
            }
            Rows::Edges(p) => {
                for [s, o, _] in self.rows {
                    b.statements
                        .push((nodes[s as usize], nodes[o as usize], p, IN_DEFAULT_GRAPH));
                }
            }
            Rows::Articles(p) => {
                let ids: Vec<u32> = self.strings.names.iter().map(|g| graphs.id(g)).collect();
                for [s, o, g] in self.rows {
                    b.statements
                        .push((nodes[s as usize], nodes[o as usize], p, ids[g as usize]));
                }
            }
        }
    }

    fn add(&mut self, row: &[Option<&Term>]) {
        fn entity<'a>(t: Option<&Option<&'a Term>>) -> Option<&'a str> {
            match t {
                Some(Some(Term::NamedNode(n))) if vocab::is_entity(n.as_str()) => Some(n.as_str()),
                _ => None,
            }
        }
        let Some(a) = entity(row.first()) else {
            return;
        };
        let row = match self.kind {
            Rows::Labels => {
                let (Some(Some(Term::Literal(l))), Some(Some(Term::Literal(lang)))) =
                    (row.get(1), row.get(2))
                else {
                    return;
                };
                [
                    self.entities.id(a),
                    self.strings.id(l.value()),
                    self.strings.id(lang.value()),
                ]
            }
            Rows::Edges(_) => {
                let Some(b) = entity(row.get(1)) else {
                    return;
                };
                [self.entities.id(a), self.entities.id(b), 0]
            }
            Rows::Articles(_) => {
                let Some(b) = entity(row.get(1)) else {
                    return;
                };
                let g = match row.get(2) {
                    Some(Some(Term::NamedNode(g))) => self.strings.id(g.as_str()),
                    Some(Some(Term::BlankNode(g))) => self.strings.id(&format!("_:{}", g.as_str())),
                    _ => return,
                };
                [self.entities.id(a), self.entities.id(b), g]
            }
        };
        self.rows.push(row);
    }
}

/// Runs a SELECT and calls `f` with each row's values, in variable order.
fn for_each_row(
    store: &Store,
    query: &str,
    mut f: impl FnMut(&[Option<&Term>]),
) -> Result<(), QueryError> {
    let prepared = parse_query(query, "entity graph")?;
    let QueryResults::Solutions(solutions) =
        store.query(prepared).map_err(QueryError::Evaluation)?
    else {
        return Ok(());
    };
    for s in solutions {
        let s = s.map_err(|e| QueryError::Evaluation(e.to_string()))?;
        let row: Vec<Option<&Term>> = s.values().iter().map(Option::as_ref).collect();
        f(&row);
    }
    Ok(())
}
