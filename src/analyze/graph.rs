//! The entity graph: entities as nodes, the schema's relations between them
//! as edges, each edge with its predicate, stored direction and the number
//! of articles that state it.
//!
//! Nodes are entities only (IRIs under `http://newskg.org/id/`): articles,
//! sentences, observations, statements and ontology terms are never nodes,
//! and `hasRole` (whose objects are role individuals) is never an edge.
//!
//! Layout: node ids are positions in the sorted list of IRIs; adjacency is
//! compressed (one offset per node) with one entry per *pair* of entities
//! that at least one relation links, so parallel relations (Azerbaijan
//! `partnersWith`, `tradesWith` and `investsIn` Russia) are one hop. Each
//! entry carries two bit masks of predicates: those that can be followed
//! from the node to its neighbour, and those from the neighbour to the node
//! (a symmetric predicate sets both). A [`Filter`] (which predicates, whether
//! direction matters) is a pair of mask tests, so no filtered copy of the
//! graph is ever made. The relations themselves (subject, predicate, object,
//! articles) are kept sorted by pair, for the hops that are printed.

use super::article_index::ArticleIndex;
use crate::extract::Predicate;
use crate::vocab;
use std::borrow::Cow;
use std::collections::HashMap;

/// A node: the position of its IRI in the sorted list of entity IRIs.
pub type NodeId = u32;

/// A set of relations, one bit per entry of [`RELATIONS`].
pub type Mask = u16;

/// The relations that are edges of the entity graph: every relation of the
/// schema except `hasRole`, in the schema's order.
pub const RELATIONS: [Predicate; 13] = [
    Predicate::PartnersWith,
    Predicate::InvestsIn,
    Predicate::TradesWith,
    Predicate::SuppliesTo,
    Predicate::AssemblesProductsOf,
    Predicate::MemberOf,
    Predicate::LocatedIn,
    Predicate::Country,
    Predicate::OfficialOf,
    Predicate::MetWith,
    Predicate::Visited,
    Predicate::SignedAgreementWith,
    Predicate::ParticipatedIn,
];

/// Every relation of [`RELATIONS`].
pub const ALL_RELATIONS: Mask = (1 << RELATIONS.len()) - 1;

/// The bit of a relation in a [`Mask`]; `None` for `hasRole`.
pub fn relation_bit(p: Predicate) -> Option<Mask> {
    RELATIONS.iter().position(|r| *r == p).map(|i| 1 << i)
}

/// One stated relation between two entities. Symmetric relations are kept
/// once per pair, with `subject < object`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub subject: NodeId,
    pub object: NodeId,
    pub predicate: Predicate,
    /// Named graphs (articles) that state it, in either direction for a
    /// symmetric relation; 0 when it is only in the default graph.
    pub articles: u32,
}

impl Relation {
    pub fn symmetric(&self) -> bool {
        self.predicate.symmetric()
    }

    fn bit(&self) -> Mask {
        relation_bit(self.predicate).unwrap_or(0)
    }

    /// The pair of entities it links, smaller id first.
    fn pair(&self) -> (NodeId, NodeId) {
        (self.subject.min(self.object), self.subject.max(self.object))
    }
}

/// One adjacency entry: a neighbour of the node whose list holds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Adj {
    pub nbr: NodeId,
    /// Index of the pair's first relation in [`EntityGraph::relations`].
    pub rel: u32,
    /// Relations that can be followed from the node to `nbr`.
    pub out: Mask,
    /// Relations that can be followed from `nbr` to the node.
    pub inc: Mask,
}

/// Which edges a traversal may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// The relations to follow.
    pub via: Mask,
    /// Follow each relation only from its subject to its object (symmetric
    /// relations either way); otherwise in both directions.
    pub directed: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            via: ALL_RELATIONS,
            directed: false,
        }
    }
}

impl Filter {
    /// Whether the entry's neighbour can be reached from the node.
    #[inline]
    pub(crate) fn forward(&self, a: &Adj) -> bool {
        let m = if self.directed { a.out } else { a.out | a.inc };
        m & self.via != 0
    }

    /// Whether the node can be reached from the entry's neighbour.
    #[inline]
    pub(crate) fn backward(&self, a: &Adj) -> bool {
        let m = if self.directed { a.inc } else { a.out | a.inc };
        m & self.via != 0
    }

    /// Whether the relation can be followed from `from` (one of its ends).
    pub fn allows(&self, r: &Relation, from: NodeId) -> bool {
        r.bit() & self.via != 0 && (!self.directed || r.symmetric() || r.subject == from)
    }
}

/// A label with its language tag ("" when it has none).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Label {
    pub text: Box<str>,
    pub lang: Box<str>,
}

/// The entity graph of a store (or of a hand-made or synthetic edge list).
#[derive(Debug)]
pub struct EntityGraph {
    iris: Vec<Box<str>>,
    label_start: Vec<usize>,
    labels: Vec<Label>,
    offsets: Vec<usize>,
    adj: Vec<Adj>,
    relations: Vec<Relation>,
    /// Which articles state each relation (a graph read from a store).
    article_index: Option<ArticleIndex>,
}

impl EntityGraph {
    /// Which articles state each relation, when the graph was read from a
    /// store.
    pub fn article_index(&self) -> Option<&ArticleIndex> {
        self.article_index.as_ref()
    }

    pub(crate) fn set_article_index(&mut self, index: Option<ArticleIndex>) {
        self.article_index = index.filter(|i| i.consistent(self.iris.len()));
    }

    /// The graph's arrays, for [`super::graph_file`].
    #[allow(clippy::type_complexity)]
    pub(crate) fn parts(
        &self,
    ) -> (
        &[Box<str>],
        &[usize],
        &[Label],
        &[usize],
        &[Adj],
        &[Relation],
    ) {
        (
            &self.iris,
            &self.label_start,
            &self.labels,
            &self.offsets,
            &self.adj,
            &self.relations,
        )
    }

    /// A graph from arrays read back by [`super::graph_file`]; `None` when
    /// they do not fit together (lengths, offsets or ids out of range).
    pub(crate) fn from_parts(
        iris: Vec<Box<str>>,
        label_start: Vec<usize>,
        labels: Vec<Label>,
        offsets: Vec<usize>,
        adj: Vec<Adj>,
        relations: Vec<Relation>,
    ) -> Option<EntityGraph> {
        let n = iris.len();
        let fits = |starts: &[usize], len: usize| {
            starts.len() == n + 1
                && starts.first() == Some(&0)
                && starts.last() == Some(&len)
                && starts.windows(2).all(|w| w[0] <= w[1])
        };
        let ok = fits(&label_start, labels.len())
            && fits(&offsets, adj.len())
            && adj
                .iter()
                .all(|a| (a.nbr as usize) < n && (a.rel as usize) < relations.len())
            && relations
                .iter()
                .all(|r| (r.subject as usize) < n && (r.object as usize) < n);
        ok.then_some(EntityGraph {
            iris,
            label_start,
            labels,
            offsets,
            adj,
            relations,
            article_index: None,
        })
    }

    pub fn node_count(&self) -> usize {
        self.iris.len()
    }

    /// Relations (distinct stated triples; a symmetric one counts once).
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// Pairs of entities linked by at least one relation.
    pub fn pair_count(&self) -> usize {
        self.adj.len() / 2
    }

    pub fn nodes(&self) -> impl Iterator<Item = NodeId> {
        0..self.iris.len() as NodeId
    }

    pub fn iri(&self, n: NodeId) -> &str {
        &self.iris[n as usize]
    }

    /// The node of an IRI, if it is an entity of the graph.
    pub fn node(&self, iri: &str) -> Option<NodeId> {
        self.iris
            .binary_search_by(|i| (**i).cmp(iri))
            .ok()
            .map(|i| i as NodeId)
    }

    pub fn labels(&self, n: NodeId) -> &[Label] {
        &self.labels[self.label_start[n as usize]..self.label_start[n as usize + 1]]
    }

    /// The name people read: the English label, else the first label, else
    /// the prefixed IRI.
    pub fn name(&self, n: NodeId) -> Cow<'_, str> {
        let labels = self.labels(n);
        match labels
            .iter()
            .find(|l| l.lang.eq_ignore_ascii_case("en") || l.lang.starts_with("en-"))
            .or(labels.first())
        {
            Some(l) => Cow::Borrowed(&l.text),
            None => Cow::Owned(vocab::compact(self.iri(n))),
        }
    }

    pub(crate) fn adjacent(&self, n: NodeId) -> &[Adj] {
        &self.adj[self.offsets[n as usize]..self.offsets[n as usize + 1]]
    }

    /// Where a node's entries are in the concatenation of all adjacency lists.
    pub(crate) fn adjacency_range(&self, n: NodeId) -> std::ops::Range<usize> {
        self.offsets[n as usize]..self.offsets[n as usize + 1]
    }

    /// Adjacency entries of all nodes.
    pub(crate) fn adjacency_len(&self) -> usize {
        self.adj.len()
    }

    /// Neighbours of a node (each once), whatever the relation or direction.
    pub fn degree(&self, n: NodeId) -> usize {
        self.offsets[n as usize + 1] - self.offsets[n as usize]
    }

    /// The adjacency entry of `a` for `b`, if they are linked.
    pub(crate) fn entry(&self, a: NodeId, b: NodeId) -> Option<&Adj> {
        let adj = self.adjacent(a);
        adj.binary_search_by_key(&b, |e| e.nbr)
            .ok()
            .map(|i| &adj[i])
    }

    fn pair_relations(&self, rel: u32) -> &[Relation] {
        let start = rel as usize;
        let Some(first) = self.relations.get(start) else {
            return &[];
        };
        let pair = first.pair();
        let len = self.relations[start..]
            .iter()
            .take_while(|r| r.pair() == pair)
            .count();
        &self.relations[start..start + len]
    }

    /// Every relation between `a` and `b`, in either direction.
    pub fn relations_between(&self, a: NodeId, b: NodeId) -> &[Relation] {
        match self.entry(a, b) {
            Some(e) => self.pair_relations(e.rel),
            None => &[],
        }
    }

    /// The relations the filter lets one follow from `from` to `to`, best
    /// supported first (then in the schema's order).
    pub fn hop_relations(&self, from: NodeId, to: NodeId, filter: Filter) -> Vec<Relation> {
        let mut out: Vec<Relation> = self
            .relations_between(from, to)
            .iter()
            .filter(|r| filter.allows(r, from))
            .copied()
            .collect();
        out.sort_by_key(|r| {
            (
                std::cmp::Reverse(r.articles),
                relation_bit(r.predicate),
                r.subject != from,
            )
        });
        out
    }

    /// The support of the hop from `from` over the entry `a` (which may be
    /// either end's entry for the pair): the number of articles behind its
    /// best supported allowed relation; 0 when no article states one (a
    /// fact added by hand) or the filter allows none.
    pub(crate) fn hop_articles(&self, from: NodeId, a: &Adj, filter: Filter) -> u32 {
        self.pair_relations(a.rel)
            .iter()
            .filter(|r| filter.allows(r, from))
            .map(|r| r.articles)
            .max()
            .unwrap_or(0)
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Bytes the graph holds on the heap (IRIs and labels included), roughly.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let strings: usize = self.iris.iter().map(|i| i.len()).sum::<usize>()
            + self
                .labels
                .iter()
                .map(|l| l.text.len() + l.lang.len())
                .sum::<usize>();
        strings
            + self.iris.len() * size_of::<Box<str>>()
            + self.labels.len() * size_of::<Label>()
            + (self.label_start.len() + self.offsets.len()) * size_of::<usize>()
            + self.adj.len() * size_of::<Adj>()
            + self.relations.len() * size_of::<Relation>()
    }
}

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

    /// The IRI of a builder's node id (before [`build`](Self::build)).
    pub(super) fn iri(&self, node: NodeId) -> &str {
        &self.iris[node as usize]
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

    pub fn build(self) -> EntityGraph {
        let GraphBuilder {
            ids,
            iris,
            labels,
            mut relations,
            mut statements,
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
            let mut edge = false;
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
        drop(statements);

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

        EntityGraph {
            iris,
            label_start,
            labels,
            offsets,
            adj,
            relations,
            article_index: None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A graph from `(subject, predicate, object)` with slugs as IRIs.
    pub(crate) fn graph(edges: &[(&str, Predicate, &str)]) -> EntityGraph {
        let mut b = GraphBuilder::default();
        for (s, p, o) in edges {
            let s = b.node(&format!("{}{s}", vocab::ENTITY));
            let o = b.node(&format!("{}{o}", vocab::ENTITY));
            b.relation(s, *p, o, 1);
        }
        b.build()
    }

    pub(crate) fn id(g: &EntityGraph, slug: &str) -> NodeId {
        g.node(&format!("{}{slug}", vocab::ENTITY)).unwrap()
    }

    #[test]
    fn parallel_relations_are_one_hop_and_keep_their_direction() {
        use Predicate::*;
        let g = graph(&[
            ("az", InvestsIn, "by"),
            ("by", TradesWith, "az"),
            ("az", TradesWith, "by"),
            ("by", PartnersWith, "ru"),
            ("by", HasRole, "ru"),
            ("ru", Country, "ru"),
        ]);
        assert_eq!(g.node_count(), 3);
        // tradesWith both ways is one symmetric relation; the self-loop and
        // hasRole are not edges.
        assert_eq!(g.relation_count(), 3);
        assert_eq!(g.pair_count(), 2);
        let (az, by, ru) = (id(&g, "az"), id(&g, "by"), id(&g, "ru"));
        assert_eq!(g.degree(by), 2);
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        let from_az: Vec<Predicate> = g
            .hop_relations(az, by, directed)
            .iter()
            .map(|r| r.predicate)
            .collect();
        // tradesWith was stated both ways: one symmetric relation, 2 articles.
        assert_eq!(from_az, vec![TradesWith, InvestsIn]);
        let from_by: Vec<Predicate> = g
            .hop_relations(by, az, directed)
            .iter()
            .map(|r| r.predicate)
            .collect();
        assert_eq!(from_by, vec![TradesWith]);
        let undirected: Vec<Predicate> = g
            .hop_relations(by, az, Filter::default())
            .iter()
            .map(|r| r.predicate)
            .collect();
        assert_eq!(undirected, vec![TradesWith, InvestsIn]);
        assert!(g.relations_between(az, ru).is_empty());
    }

    #[test]
    fn repeated_relations_add_up_their_articles() {
        let mut b = GraphBuilder::default();
        let a = b.node("http://newskg.org/id/a");
        let c = b.node("http://newskg.org/id/c");
        b.relation(a, Predicate::PartnersWith, c, 2);
        b.relation(c, Predicate::PartnersWith, a, 3);
        b.relation(a, Predicate::InvestsIn, c, 1);
        b.label(a, "A", "en");
        b.label(a, "А", "ru");
        b.label(a, "A", "en");
        let g = b.build();
        let (a, c) = (
            g.node("http://newskg.org/id/a").unwrap(),
            g.node("http://newskg.org/id/c").unwrap(),
        );
        let rels = g.hop_relations(a, c, Filter::default());
        assert_eq!(rels[0].predicate, Predicate::PartnersWith);
        assert_eq!(rels[0].articles, 5);
        assert_eq!(g.labels(a).len(), 2);
        assert_eq!(g.name(a), "A");
        assert_eq!(g.name(c), "id:c");
        let e = g.entry(c, a).unwrap();
        assert_eq!(g.hop_articles(c, e, Filter::default()), 5);
        let invests = Filter {
            via: relation_bit(Predicate::InvestsIn).unwrap(),
            directed: true,
        };
        assert_eq!(g.hop_articles(a, e, invests), 1);
        assert_eq!(g.hop_articles(c, e, invests), 0);
    }

    #[test]
    fn a_relation_no_article_states_has_no_support() {
        let mut b = GraphBuilder::default();
        let a = b.node("http://newskg.org/id/a");
        let c = b.node("http://newskg.org/id/c");
        b.relation(a, Predicate::MetWith, c, 0);
        let g = b.build();
        let (a, c) = (
            g.node("http://newskg.org/id/a").unwrap(),
            g.node("http://newskg.org/id/c").unwrap(),
        );
        assert_eq!(g.relations_between(a, c).len(), 1);
        assert_eq!(
            g.hop_articles(a, g.entry(a, c).unwrap(), Filter::default()),
            0
        );
    }

    #[test]
    fn ids_follow_iri_order_and_adjacency_is_sorted() {
        use Predicate::*;
        let g = graph(&[
            ("d", PartnersWith, "b"),
            ("c", PartnersWith, "a"),
            ("b", LocatedIn, "a"),
            ("a", MetWith, "d"),
        ]);
        let iris: Vec<&str> = g.nodes().map(|n| g.iri(n)).collect();
        let mut sorted = iris.clone();
        sorted.sort();
        assert_eq!(iris, sorted);
        for n in g.nodes() {
            let nbrs: Vec<NodeId> = g.adjacent(n).iter().map(|a| a.nbr).collect();
            assert!(nbrs.windows(2).all(|w| w[0] < w[1]), "{nbrs:?}");
        }
    }
}
