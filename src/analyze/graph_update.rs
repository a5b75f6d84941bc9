//! The entity graph kept current by builds: a build that only adds
//! articles adds their relations, labels and dates to the graph it found
//! beside the store (or to an empty one, for a store without articles) and
//! saves the result, so that the first analysis after it reads the file
//! instead of scanning the store.
//!
//! Knows nothing of how the build runs; reads only the quads it is given
//! and the graph file (see `graph_file`), and writes only that file.

use super::graph::{EntityGraph, GraphBuilder, Label, NodeId, RELATIONS};
use super::graph_file;
use crate::vocab;
use oxigraph::model::{GraphNameRef, Quad, Term};
use std::collections::HashMap;
use std::path::Path;

/// A label's text and language.
type TextAndLang = (Box<str>, Box<str>);

/// The graph of a store and the articles a build adds to it.
pub struct GraphUpdate {
    builder: GraphBuilder,
    /// Labels taken, by node (a node has a few).
    labels: HashMap<NodeId, Vec<TextAndLang>>,
    /// Article ids by graph IRI, and each article's date.
    graph_ids: HashMap<Box<str>, u32>,
    dates: Vec<Box<str>>,
    relation_of: HashMap<String, u8>,
}

impl GraphUpdate {
    fn empty() -> GraphUpdate {
        let mut builder = GraphBuilder::default();
        builder.edges_from_articles = true;
        GraphUpdate {
            builder,
            labels: HashMap::new(),
            graph_ids: HashMap::new(),
            dates: Vec::new(),
            relation_of: RELATIONS
                .iter()
                .enumerate()
                .map(|(i, p)| (vocab::nkg(p.local()).into_string(), i as u8))
                .collect(),
        }
    }

    /// The update of the store in `store_dir`: from the graph file when it
    /// is there and reads back whole, else from nothing when the store has
    /// no articles (`has_articles`); otherwise none (the first analysis
    /// then scans the store). Call it before the build writes anything:
    /// every write removes the file.
    pub fn start(store_dir: &Path, has_articles: bool) -> Option<GraphUpdate> {
        match graph_file::load(&graph_file::path_in(store_dir)) {
            Some(g) => GraphUpdate::from_graph(&g),
            None if !has_articles => Some(GraphUpdate::empty()),
            None => None,
        }
    }

    /// The statements of a graph read from its file, as the builder takes
    /// them; none when some edge has no article (the graph then came from
    /// more than articles).
    fn from_graph(g: &EntityGraph) -> Option<GraphUpdate> {
        let index = g.article_index()?;
        if index.keys.len() != g.relation_count() {
            return None;
        }
        let mut u = GraphUpdate::empty();
        let ids: Vec<NodeId> = g.nodes().map(|n| u.builder.node(g.iri(n))).collect();
        for n in g.nodes() {
            for l in g.labels(n) {
                u.label(ids[n as usize], &l.text, &l.lang);
            }
        }
        for (a, name) in index.graphs.iter().enumerate() {
            u.graph_ids.insert(name.clone(), a as u32);
            u.dates
                .push(index.dates.get(a).cloned().unwrap_or_default());
        }
        for (k, &(s, o, p)) in index.keys.iter().enumerate() {
            let (s, o) = (ids[s as usize], ids[o as usize]);
            let range = index.starts[k] as usize..index.starts[k + 1] as usize;
            for &a in &index.ids[range] {
                u.builder.statements.push((s, o, p, a));
            }
        }
        Some(u)
    }

    fn label(&mut self, node: NodeId, text: &str, lang: &str) {
        let taken = self.labels.entry(node).or_default();
        if !taken.iter().any(|(t, l)| **t == *text && **l == *lang) {
            taken.push((text.into(), lang.into()));
        }
    }

    /// Adds a new article: its graph's relations between entities, the
    /// entities' labels and the article's date.
    pub fn add_article(&mut self, graph: &str, quads: &[Quad]) {
        let a = match self.graph_ids.get(graph) {
            Some(&a) => a,
            None => {
                let a = self.dates.len() as u32;
                self.graph_ids.insert(graph.into(), a);
                self.dates.push("".into());
                a
            }
        };
        for q in quads {
            if q.graph_name.as_ref() != GraphNameRef::NamedNode(graph_ref(graph)) {
                continue;
            }
            let subject = match &q.subject {
                oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str(),
                _ => continue,
            };
            let predicate = q.predicate.as_str();
            if subject == graph && predicate == vocab::DC_DATE.as_str() {
                if let Term::Literal(d) = &q.object {
                    self.dates[a as usize] = d.value().into();
                }
                continue;
            }
            if !vocab::is_entity(subject) {
                continue;
            }
            if predicate == vocab::RDFS_LABEL.as_str() {
                if let Term::Literal(l) = &q.object {
                    let node = self.builder.node(subject);
                    self.label(node, l.value(), l.language().unwrap_or(""));
                }
            } else if let Some(&p) = self.relation_of.get(predicate) {
                if let Term::NamedNode(o) = &q.object {
                    if vocab::is_entity(o.as_str()) {
                        let (s, o) = (self.builder.node(subject), self.builder.node(o.as_str()));
                        self.builder.statements.push((s, o, p, a));
                    }
                }
            }
        }
    }

    /// The graph with the added articles.
    pub fn finish(self) -> EntityGraph {
        let GraphUpdate {
            mut builder,
            labels,
            graph_ids,
            dates,
            relation_of,
        } = self;
        drop(relation_of);
        // Each string is held once while collecting; handed over, not copied.
        let mut graphs: Vec<Box<str>> = vec![Box::default(); graph_ids.len()];
        for (g, a) in graph_ids {
            graphs[a as usize] = g;
        }
        for (node, taken) in labels {
            for (text, lang) in taken {
                builder.add_label(node, Label { text, lang });
            }
        }
        builder.build_with_articles(graphs, dates)
    }

    /// Saves the graph beside the store in `store_dir`, for the analyses
    /// that follow.
    pub fn save(self, store_dir: &Path) -> std::io::Result<()> {
        graph_file::save(&self.finish(), &graph_file::path_in(store_dir))
    }
}

fn graph_ref(iri: &str) -> oxigraph::model::NamedNodeRef<'_> {
    oxigraph::model::NamedNodeRef::new_unchecked(iri)
}
