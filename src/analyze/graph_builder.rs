//! Building an [`EntityGraph`] from nodes, labels and relations given in
//! any order and with repeats (by hand, by a benchmark, or by
//! `graph_scan` from a store): node ids in IRI order, relations merged per
//! pair, compressed adjacency. Knows nothing of stores.

use super::article_index::ArticleIndex;
use super::graph::{Adj, EntityGraph, Label, Mask, NodeId, Relation, RELATIONS};
use crate::extract::Predicate;
use std::collections::HashMap;

/// Graph id of the default graph while building.
pub(super) const IN_DEFAULT_GRAPH: u32 = u32::MAX;

/// Builds an [`EntityGraph`] from nodes, labels and relations, in any order
/// and with repeats.
#[derive(Debug, Default)]
pub struct GraphBuilder {
    ids: HashMap<Box<str>, NodeId>,
    iris: Vec<Box<str>>,
    labels: Vec<(NodeId, Label)>,
    /// (subject, object, relation index, articles)
    relations: Vec<(NodeId, NodeId, u8, u32)>,
    /// (subject, object, relation index, graph), from a store: a triple
    /// is an edge when the default graph has it ([`IN_DEFAULT_GRAPH`]);
    /// the named graphs that have it are its articles.
    pub(super) statements: Vec<(NodeId, NodeId, u8, u32)>,
    /// Every stated relation is an edge: the statements come from the
    /// articles alone (a build's), with no rows for the default graph.
    pub(super) edges_from_articles: bool,
}

impl GraphBuilder {
    /// A builder with room for this many nodes and relations.
    pub fn with_capacity(nodes: usize, relations: usize) -> GraphBuilder {
        GraphBuilder {
            ids: HashMap::with_capacity(nodes),
            iris: Vec::with_capacity(nodes),
            relations: Vec::with_capacity(relations),
            ..GraphBuilder::default()
        }
    }

    /// The builder's id of a node (added if new). Ids change in [`build`](Self::build).
    pub fn node(&mut self, iri: &str) -> NodeId {
        if let Some(&n) = self.ids.get(iri) {
            return n;
        }
        let n = self.iris.len() as NodeId;
        let iri: Box<str> = iri.into();
        self.ids.insert(iri.clone(), n);
        self.iris.push(iri);
        n
    }

    /// Adds a label already owned.
    pub(super) fn add_label(&mut self, node: NodeId, label: Label) {
        self.labels.push((node, label));
    }

    pub fn label(&mut self, node: NodeId, text: &str, lang: &str) {
        self.labels.push((
            node,
            Label {
                text: text.into(),
                lang: lang.into(),
            },
        ));
    }

    /// Adds a relation stated by `articles` articles (repeats add up).
    /// Returns false, adding nothing, for `hasRole`, which is not an edge.
    pub fn relation(
        &mut self,
        subject: NodeId,
        predicate: Predicate,
        object: NodeId,
        articles: u32,
    ) -> bool {
        match RELATIONS.iter().position(|r| *r == predicate) {
            Some(i) => {
                self.relations.push((subject, object, i as u8, articles));
                true
            }
            None => false,
        }
    }

    /// Builds the graph with its [`ArticleIndex`] from the statements:
    /// `graphs` names the article ids they use, `dates` gives each its date
    /// ("" when none).
    pub(super) fn build_with_articles(
        self,
        graphs: Vec<Box<str>>,
        dates: Vec<Box<str>>,
    ) -> EntityGraph {
        let (mut g, mut stated) = self.build_keeping_statements();
        stated.retain(|st| st.3 != IN_DEFAULT_GRAPH);
        // Article ids in IRI order too, whatever order they were read in.
        let mut order: Vec<u32> = (0..graphs.len() as u32).collect();
        order.sort_unstable_by(|a, b| graphs[*a as usize].cmp(&graphs[*b as usize]));
        let mut article_id = vec![0u32; graphs.len()];
        for (new, old) in order.iter().enumerate() {
            article_id[*old as usize] = new as u32;
        }
        let graphs = order.iter().map(|&a| graphs[a as usize].clone()).collect();
        let dates = order
            .iter()
            .map(|&a| dates.get(a as usize).cloned().unwrap_or_default())
            .collect();
        stated.retain(|st| (st.3 as usize) < article_id.len());
        for st in stated.iter_mut() {
            st.3 = article_id[st.3 as usize];
        }
        g.set_article_index(Some(ArticleIndex::new(graphs, dates, stated)));
        g
    }

    pub fn build(self) -> EntityGraph {
        self.build_keeping_statements().0
    }

    /// The graph, and the statements in its node ids (a symmetric
    /// relation's smaller node first), sorted and without repeats.
    fn build_keeping_statements(self) -> (EntityGraph, Vec<(NodeId, NodeId, u8, u32)>) {
        let GraphBuilder {
            ids,
            iris,
            labels,
            mut relations,
            mut statements,
            edges_from_articles,
        } = self;
        drop(ids);
        let n = iris.len();

        // Node ids in IRI order, so that every run and store gives the same ids.
        let mut order: Vec<NodeId> = (0..n as NodeId).collect();
        order.sort_unstable_by(|a, b| iris[*a as usize].cmp(&iris[*b as usize]));
        let mut remap = vec![0 as NodeId; n];
        for (new, old) in order.iter().enumerate() {
            remap[*old as usize] = new as NodeId;
        }
        let mut slots: Vec<Option<Box<str>>> = iris.into_iter().map(Some).collect();
        let iris: Vec<Box<str>> = order
            .iter()
            .map(|o| slots[*o as usize].take().unwrap_or_default())
            .collect();
        drop(slots);

        let canonical = |s: NodeId, o: NodeId, p: u8| -> (NodeId, NodeId) {
            let (s, o) = (remap[s as usize], remap[o as usize]);
            if RELATIONS[p as usize].symmetric() && o < s {
                (o, s)
            } else {
                (s, o)
            }
        };

        // Statements from a store: a relation is an edge when the default
        // graph states it; its articles are the distinct named graphs that
        // state it (either way round when symmetric).
        for st in statements.iter_mut() {
            let (s, o) = canonical(st.0, st.1, st.2);
            st.0 = s;
            st.1 = o;
        }
        statements.sort_unstable();
        statements.dedup();
        let mut i = 0;
        while i < statements.len() {
            let (s, o, p, _) = statements[i];
            let mut j = i;
            let mut articles = 0;
            let mut edge = edges_from_articles;
            while j < statements.len()
                && (statements[j].0, statements[j].1, statements[j].2) == (s, o, p)
            {
                if statements[j].3 == IN_DEFAULT_GRAPH {
                    edge = true;
                } else {
                    articles += 1;
                }
                j += 1;
            }
            // Already in final ids: mark with the top bit of the predicate
            // slot so they are not remapped again below.
            if edge {
                relations.push((s, o, p | 0x80, articles));
            }
            i = j;
        }

        for r in relations.iter_mut() {
            if r.2 & 0x80 != 0 {
                r.2 &= 0x7f;
            } else {
                let (s, o) = canonical(r.0, r.1, r.2);
                r.0 = s;
                r.1 = o;
            }
        }
        relations.retain(|r| r.0 != r.1);
        // Group by pair, then predicate, then direction.
        relations.sort_unstable_by_key(|r| (r.0.min(r.1), r.0.max(r.1), r.2, r.0));
        let mut merged: Vec<Relation> = Vec::with_capacity(relations.len());
        for (s, o, p, articles) in relations {
            match merged.last_mut() {
                Some(last)
                    if last.subject == s
                        && last.object == o
                        && last.predicate == RELATIONS[p as usize] =>
                {
                    last.articles = last.articles.saturating_add(articles);
                }
                _ => merged.push(Relation {
                    subject: s,
                    object: o,
                    predicate: RELATIONS[p as usize],
                    articles,
                }),
            }
        }
        let relations = merged;

        // Adjacency: one entry per pair at each end, in neighbour order.
        let mut degree = vec![0usize; n];
        let mut groups: Vec<(usize, NodeId, NodeId)> = Vec::new();
        let mut i = 0;
        while i < relations.len() {
            let pair = relations[i].pair();
            groups.push((i, pair.0, pair.1));
            degree[pair.0 as usize] += 1;
            degree[pair.1 as usize] += 1;
            while i < relations.len() && relations[i].pair() == pair {
                i += 1;
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        offsets.push(0usize);
        for d in &degree {
            offsets.push(offsets.last().copied().unwrap_or(0) + d);
        }
        let mut fill = offsets[..n].to_vec();
        let mut adj = vec![
            Adj {
                nbr: 0,
                rel: 0,
                out: 0,
                inc: 0
            };
            offsets[n]
        ];
        for (gi, &(start, a, b)) in groups.iter().enumerate() {
            let end = groups.get(gi + 1).map_or(relations.len(), |g| g.0);
            let (mut a_to_b, mut b_to_a) = (0 as Mask, 0 as Mask);
            for r in &relations[start..end] {
                if r.symmetric() || r.subject == a {
                    a_to_b |= r.bit();
                }
                if r.symmetric() || r.subject == b {
                    b_to_a |= r.bit();
                }
            }
            adj[fill[a as usize]] = Adj {
                nbr: b,
                rel: start as u32,
                out: a_to_b,
                inc: b_to_a,
            };
            fill[a as usize] += 1;
            adj[fill[b as usize]] = Adj {
                nbr: a,
                rel: start as u32,
                out: b_to_a,
                inc: a_to_b,
            };
            fill[b as usize] += 1;
        }

        let mut labels: Vec<(NodeId, Label)> = labels
            .into_iter()
            .map(|(n, l)| (remap[n as usize], l))
            .collect();
        labels.sort_unstable();
        labels.dedup();
        let mut label_start = Vec::with_capacity(n + 1);
        let mut k = 0;
        for node in 0..n as NodeId {
            label_start.push(k);
            while k < labels.len() && labels[k].0 == node {
                k += 1;
            }
        }
        label_start.push(labels.len());
        let labels = labels.into_iter().map(|(_, l)| l).collect();

        let g = EntityGraph {
            iris,
            label_start,
            labels,
            offsets,
            adj,
            relations,
            article_index: None,
        };
        (g, statements)
    }
}
