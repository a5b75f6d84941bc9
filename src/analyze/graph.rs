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

    pub(super) fn bit(&self) -> Mask {
        relation_bit(self.predicate).unwrap_or(0)
    }

    /// The pair of entities it links, smaller id first.
    pub(super) fn pair(&self) -> (NodeId, NodeId) {
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
    pub(super) iris: Vec<Box<str>>,
    pub(super) label_start: Vec<usize>,
    pub(super) labels: Vec<Label>,
    pub(super) offsets: Vec<usize>,
    pub(super) adj: Vec<Adj>,
    pub(super) relations: Vec<Relation>,
    /// Which articles state each relation (a graph read from a store).
    pub(super) article_index: Option<ArticleIndex>,
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

pub use super::graph_builder::GraphBuilder;
pub(super) use super::graph_builder::IN_DEFAULT_GRAPH;

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
