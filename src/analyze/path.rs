//! Paths between entities: the shortest (bidirectional breadth-first
//! search), all simple paths up to a number of hops (ranked), and the
//! neighbourhood of an entity.
//!
//! Hops are counted between entities, whatever the number of relations
//! between them; a hop's support is the number of articles behind its best
//! supported relation (see [`EntityGraph::hop_relations`]).

use super::graph::{EntityGraph, Filter, NodeId};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for node ids: one multiplication (Fibonacci hashing).
#[derive(Default)]
pub(crate) struct NodeHasher(u64);

impl Hasher for NodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by node id.
pub(crate) type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<NodeHasher>>;

/// The shortest path from `from` to `to` (both ends included), at most
/// `max_hops` hops long; `None` when there is none. The path from a node to
/// itself is that node alone.
///
/// Bidirectional breadth-first search: each round expands, level by level,
/// the side whose frontier has fewer adjacency entries to scan; the first
/// node reached by both sides closes a shortest path.
pub fn shortest_path(
    g: &EntityGraph,
    from: NodeId,
    to: NodeId,
    filter: Filter,
    max_hops: Option<u32>,
) -> Option<Vec<NodeId>> {
    if from == to {
        return Some(vec![from]);
    }
    let max = max_hops.unwrap_or(u32::MAX);
    let mut fwd = Side::new(from);
    let mut bwd = Side::new(to);
    while !fwd.frontier.is_empty() && !bwd.frontier.is_empty() && fwd.depth + bwd.depth < max {
        let meet = if fwd.work(g) <= bwd.work(g) {
            fwd.expand(g, &bwd.parent, |a| filter.forward(a))
        } else {
            bwd.expand(g, &fwd.parent, |a| filter.backward(a))
        };
        if let Some(m) = meet {
            let mut path = fwd.trace(m);
            path.reverse();
            path.extend(bwd.trace(m).into_iter().skip(1));
            return Some(path);
        }
    }
    None
}

/// One side of a bidirectional search.
struct Side {
    parent: NodeMap<NodeId>,
    frontier: Vec<NodeId>,
    depth: u32,
}

impl Side {
    fn new(start: NodeId) -> Side {
        let mut parent = NodeMap::default();
        parent.insert(start, start);
        Side {
            parent,
            frontier: vec![start],
            depth: 0,
        }
    }

    fn work(&self, g: &EntityGraph) -> usize {
        self.frontier.iter().map(|n| g.degree(*n)).sum()
    }

    /// Expands one level; returns a node the other side has reached.
    fn expand(
        &mut self,
        g: &EntityGraph,
        other: &NodeMap<NodeId>,
        follow: impl Fn(&super::graph::Adj) -> bool,
    ) -> Option<NodeId> {
        let mut next = Vec::new();
        for &u in &self.frontier {
            for a in g.adjacent(u) {
                if !follow(a) {
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = self.parent.entry(a.nbr) {
                    e.insert(u);
                    if other.contains_key(&a.nbr) {
                        return Some(a.nbr);
                    }
                    next.push(a.nbr);
                }
            }
        }
        self.frontier = next;
        self.depth += 1;
        None
    }

    /// From `n` back to this side's start.
    fn trace(&self, mut n: NodeId) -> Vec<NodeId> {
        let mut out = vec![n];
        while let Some(&p) = self.parent.get(&n) {
            if p == n {
                break;
            }
            out.push(p);
            n = p;
        }
        out
    }
}

/// A path found by [`all_simple_paths`], with what ranks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedPath {
    pub nodes: Vec<NodeId>,
    /// The support of its weakest hop (0 for a path of no hops).
    pub weakest: u32,
    /// The sum of its hops' support.
    pub total: u64,
}

impl RankedPath {
    pub fn hops(&self) -> usize {
        self.nodes.len().saturating_sub(1)
    }

    /// Better paths sort first: fewer hops, then a better supported weakest
    /// hop, then more support in all, then node ids (for a stable order).
    fn key(&self) -> (usize, Reverse<u32>, Reverse<u64>, &[NodeId]) {
        (
            self.hops(),
            Reverse(self.weakest),
            Reverse(self.total),
            &self.nodes,
        )
    }
}

impl Ord for RankedPath {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for RankedPath {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The result of [`all_simple_paths`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllPaths {
    /// The best paths, best first.
    pub paths: Vec<RankedPath>,
    /// How many simple paths there are (up to the cap).
    pub total: u64,
    /// Counting stopped at the cap; the ranking covers the paths counted.
    pub capped: bool,
    /// The search stopped after this many steps (see
    /// [`all_simple_paths_within`]): paths past them were not looked at.
    pub stopped_after: Option<u64>,
}

/// Steps a path search takes at most unless told otherwise (`--max-search`):
/// a few seconds of search.
pub const DEFAULT_SEARCH_STEPS: u64 = 50_000_000;

/// All simple paths (no entity twice) from `from` to `to` of at most
/// `max_hops` hops; the `limit` best of them are kept (see [`RankedPath`]),
/// all are counted up to `cap`.
///
/// A breadth-first search from `to` first gives every entity's distance to
/// it (up to `max_hops - 1`), so that the depth-first enumeration only
/// enters entities from which `to` is still within reach.
pub fn all_simple_paths(
    g: &EntityGraph,
    from: NodeId,
    to: NodeId,
    filter: Filter,
    max_hops: u32,
    limit: usize,
    cap: u64,
) -> AllPaths {
    all_simple_paths_within(g, (from, to), filter, (max_hops, limit, cap), u64::MAX)
}

/// [`all_simple_paths`], stopping after `max_steps` steps (a step looks at
/// one relation of the entity the search stands on): in a dense graph the
/// paths of many hops are too many to look at, and the search must end.
///
/// The search deepens one hop at a time, so when it stops, every path of
/// fewer hops than the ones it was walking has been counted and ranked:
/// the best paths shown are the best there are, and only the count of the
/// longest paths is partial.
pub fn all_simple_paths_within(
    g: &EntityGraph,
    (from, to): (NodeId, NodeId),
    filter: Filter,
    (max_hops, limit, cap): (u32, usize, u64),
    max_steps: u64,
) -> AllPaths {
    if max_steps == u64::MAX || from == to {
        return search(g, (from, to), filter, (max_hops, limit, cap), u64::MAX).0;
    }
    let mut complete: Option<AllPaths> = None;
    let mut left = max_steps;
    for hops in 1..=max_hops {
        let (found, used, longest) = search(g, (from, to), filter, (hops, limit, cap), left);
        left = left.saturating_sub(used);
        if found.stopped_after.is_none() {
            if hops == max_hops || found.capped {
                return found;
            }
            complete = Some(found);
            continue;
        }
        // Stopped while walking paths of `hops` hops: those of fewer hops
        // come from the last complete search.
        let (mut paths, total) = match complete {
            Some(c) => (c.paths, c.total),
            None => (Vec::new(), 0),
        };
        paths.extend(
            found
                .paths
                .into_iter()
                .filter(|p| p.hops() == hops as usize),
        );
        paths.sort();
        paths.truncate(limit);
        return AllPaths {
            paths,
            total: total + longest,
            capped: false,
            stopped_after: Some(max_steps),
        };
    }
    complete.unwrap_or(AllPaths {
        paths: Vec::new(),
        total: 0,
        capped: false,
        stopped_after: None,
    })
}

/// One depth-first search: the paths found, the steps taken, and how many
/// of the paths have exactly `max_hops` hops.
fn search(
    g: &EntityGraph,
    (from, to): (NodeId, NodeId),
    filter: Filter,
    (max_hops, limit, cap): (u32, usize, u64),
    max_steps: u64,
) -> (AllPaths, u64, u64) {
    if from == to {
        let same = AllPaths {
            paths: vec![RankedPath {
                nodes: vec![from],
                weakest: 0,
                total: 0,
            }]
            .into_iter()
            .take(limit)
            .collect(),
            total: 1,
            capped: false,
            stopped_after: None,
        };
        return (same, 0, 0);
    }
    if max_hops == 0 {
        let none = AllPaths {
            paths: Vec::new(),
            total: 0,
            capped: false,
            stopped_after: None,
        };
        return (none, 0, 0);
    }
    // Every entity a path enters after `from` is at most max_hops - 1 hops
    // from `to`.
    let to_target = distances(g, to, |a| filter.backward(a), max_hops.saturating_sub(1));
    let mut best: BinaryHeap<RankedPath> = BinaryHeap::new();
    let mut total = 0u64;
    let mut capped = false;
    let mut steps = 0u64;
    let mut longest = 0u64;
    let mut stopped_after = None;
    let within = |n: NodeId, hops_left: u32| to_target.get(&n).is_some_and(|d| *d <= hops_left);
    let mut path: Vec<NodeId> = vec![from];
    let mut weights: Vec<u32> = Vec::new();
    let mut next: Vec<usize> = vec![0];
    'search: while let Some(&u) = path.last() {
        let depth = path.len() as u32 - 1;
        let adj = g.adjacent(u);
        let Some(i) = next.last_mut() else {
            break;
        };
        if *i >= adj.len() {
            path.pop();
            next.pop();
            weights.pop();
            continue;
        }
        let a = &adj[*i];
        *i += 1;
        steps += 1;
        if steps > max_steps {
            stopped_after = Some(max_steps);
            break 'search;
        }
        if !filter.forward(a) {
            continue;
        }
        let v = a.nbr;
        if v == to {
            total += 1;
            if path.len() as u32 == max_hops {
                longest += 1;
            }
            let w = g.hop_articles(u, a, filter);
            let weakest = weights.iter().copied().chain([w]).min().unwrap_or(w);
            let sum = weights.iter().map(|x| u64::from(*x)).sum::<u64>() + u64::from(w);
            let hops = path.len();
            let worse_than_all = best.len() >= limit
                && best.peek().is_none_or(|worst| {
                    (hops, Reverse(weakest), Reverse(sum))
                        > (worst.hops(), Reverse(worst.weakest), Reverse(worst.total))
                });
            if limit > 0 && !worse_than_all {
                let mut nodes = path.clone();
                nodes.push(v);
                best.push(RankedPath {
                    nodes,
                    weakest,
                    total: sum,
                });
                if best.len() > limit {
                    best.pop();
                }
            }
            if total >= cap {
                capped = true;
                break 'search;
            }
            continue;
        }
        if depth + 1 < max_hops && within(v, max_hops - depth - 1) && !path.contains(&v) {
            weights.push(g.hop_articles(u, a, filter));
            path.push(v);
            next.push(0);
        }
    }
    let found = AllPaths {
        paths: best.into_sorted_vec(),
        total,
        capped,
        stopped_after,
    };
    (found, steps.min(max_steps), longest)
}

/// Breadth-first distances from `start`, following entries accepted by
/// `follow`, up to `max` hops.
fn distances(
    g: &EntityGraph,
    start: NodeId,
    follow: impl Fn(&super::graph::Adj) -> bool,
    max: u32,
) -> NodeMap<u32> {
    let mut dist = NodeMap::default();
    dist.insert(start, 0);
    let mut frontier = vec![start];
    let mut d = 0;
    while !frontier.is_empty() && d < max {
        d += 1;
        let mut next = Vec::new();
        for &u in &frontier {
            for a in g.adjacent(u) {
                if follow(a) && !dist.contains_key(&a.nbr) {
                    dist.insert(a.nbr, d);
                    next.push(a.nbr);
                }
            }
        }
        frontier = next;
    }
    dist
}

/// An entity reached from another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reached {
    pub node: NodeId,
    pub hops: u32,
    /// The entity it was reached from (one hop closer).
    pub via: NodeId,
}

/// The entities within `hops` hops of `from` (not `from` itself), nearest
/// first, each with the entity it was first reached from.
pub fn neighbourhood(g: &EntityGraph, from: NodeId, filter: Filter, hops: u32) -> Vec<Reached> {
    let mut seen: NodeMap<()> = NodeMap::default();
    seen.insert(from, ());
    let mut out = Vec::new();
    let mut frontier = vec![from];
    for d in 1..=hops {
        let mut next = Vec::new();
        for &u in &frontier {
            for a in g.adjacent(u) {
                if filter.forward(a) && seen.insert(a.nbr, ()).is_none() {
                    out.push(Reached {
                        node: a.nbr,
                        hops: d,
                        via: u,
                    });
                    next.push(a.nbr);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{graph, id};
    use super::super::graph::{relation_bit, GraphBuilder};
    use super::*;
    use crate::extract::Predicate::*;
    use petgraph::graph::{NodeIndex, UnGraph};

    fn names(g: &EntityGraph, p: &[NodeId]) -> Vec<String> {
        p.iter()
            .map(|n| g.iri(*n).rsplit('/').next().unwrap().to_string())
            .collect()
    }

    #[test]
    fn shortest_path_on_a_small_graph() {
        // a - b - c - d, and a longer way a - e - f - g - d
        let g = graph(&[
            ("a", PartnersWith, "b"),
            ("b", InvestsIn, "c"),
            ("d", InvestsIn, "c"),
            ("a", TradesWith, "e"),
            ("e", TradesWith, "f"),
            ("f", TradesWith, "g"),
            ("g", TradesWith, "d"),
        ]);
        let f = Filter::default();
        let p = shortest_path(&g, id(&g, "a"), id(&g, "d"), f, None).unwrap();
        assert_eq!(names(&g, &p), ["a", "b", "c", "d"]);
        // Same node, a hop limit, a filter, a direction.
        assert_eq!(
            shortest_path(&g, id(&g, "c"), id(&g, "c"), f, None),
            Some(vec![id(&g, "c")])
        );
        assert_eq!(
            shortest_path(&g, id(&g, "a"), id(&g, "d"), f, Some(2)),
            None
        );
        assert_eq!(
            shortest_path(&g, id(&g, "a"), id(&g, "d"), f, Some(3)).map(|p| p.len()),
            Some(4)
        );
        let trade = Filter {
            via: relation_bit(TradesWith).unwrap(),
            directed: false,
        };
        let p = shortest_path(&g, id(&g, "a"), id(&g, "d"), trade, None).unwrap();
        assert_eq!(names(&g, &p), ["a", "e", "f", "g", "d"]);
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        // d investsIn c points against a -> d; tradesWith is symmetric.
        let p = shortest_path(&g, id(&g, "a"), id(&g, "d"), directed, None).unwrap();
        assert_eq!(names(&g, &p), ["a", "e", "f", "g", "d"]);
        // Back from d: d -> c is a dead end (b -> c points into c too).
        let p = shortest_path(&g, id(&g, "d"), id(&g, "b"), directed, None).unwrap();
        assert_eq!(names(&g, &p), ["d", "g", "f", "e", "a", "b"]);
        assert_eq!(
            shortest_path(&g, id(&g, "c"), id(&g, "a"), directed, None),
            None
        );
        assert_eq!(
            shortest_path(&g, id(&g, "b"), id(&g, "c"), directed, None).map(|p| p.len()),
            Some(2)
        );
    }

    #[test]
    fn no_path_between_components() {
        let g = graph(&[("a", PartnersWith, "b"), ("c", PartnersWith, "d")]);
        assert_eq!(
            shortest_path(&g, id(&g, "a"), id(&g, "d"), Filter::default(), None),
            None
        );
        let all = all_simple_paths(
            &g,
            id(&g, "a"),
            id(&g, "d"),
            Filter::default(),
            4,
            10,
            u64::MAX,
        );
        assert_eq!(all.total, 0);
        assert!(all.paths.is_empty());
    }

    #[test]
    fn all_simple_paths_are_ranked() {
        // Square a-b-d, a-c-d plus a direct a-d with weak support and a
        // triangle detour.
        let mut b = GraphBuilder::default();
        let n: Vec<NodeId> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| b.node(&format!("http://newskg.org/id/{s}")))
            .collect();
        b.relation(n[0], PartnersWith, n[1], 1);
        b.relation(n[1], PartnersWith, n[3], 1);
        b.relation(n[0], PartnersWith, n[2], 5);
        b.relation(n[2], PartnersWith, n[3], 4);
        b.relation(n[1], PartnersWith, n[4], 9);
        b.relation(n[4], PartnersWith, n[3], 9);
        let g = b.build();
        let all = all_simple_paths(
            &g,
            id(&g, "a"),
            id(&g, "d"),
            Filter::default(),
            3,
            10,
            u64::MAX,
        );
        let got: Vec<(Vec<String>, u32, u64)> = all
            .paths
            .iter()
            .map(|p| (names(&g, &p.nodes), p.weakest, p.total))
            .collect();
        let want = vec![
            (vec!["a", "c", "d"], 4, 9),
            (vec!["a", "b", "d"], 1, 2),
            (vec!["a", "b", "e", "d"], 1, 19),
        ];
        let want: Vec<(Vec<String>, u32, u64)> = want
            .into_iter()
            .map(|(p, w, t)| (p.into_iter().map(String::from).collect(), w, t))
            .collect();
        assert_eq!(got, want);
        assert_eq!(all.total, 3);
        // Only the best one kept, all still counted.
        let one = all_simple_paths(
            &g,
            id(&g, "a"),
            id(&g, "d"),
            Filter::default(),
            3,
            1,
            u64::MAX,
        );
        assert_eq!(one.paths.len(), 1);
        assert_eq!(names(&g, &one.paths[0].nodes), ["a", "c", "d"]);
        assert_eq!(one.total, 3);
        // No hops allowed: nothing. One hop: nothing either (no direct link).
        for max in [0, 1] {
            let none = all_simple_paths(
                &g,
                id(&g, "a"),
                id(&g, "d"),
                Filter::default(),
                max,
                10,
                u64::MAX,
            );
            assert_eq!(none.total, 0);
        }
        let direct = all_simple_paths(
            &g,
            id(&g, "a"),
            id(&g, "b"),
            Filter::default(),
            1,
            10,
            u64::MAX,
        );
        assert_eq!(direct.total, 1);
        // Fewer hops allowed: the detour is gone. A cap stops counting.
        let two = all_simple_paths(
            &g,
            id(&g, "a"),
            id(&g, "d"),
            Filter::default(),
            2,
            10,
            u64::MAX,
        );
        assert_eq!(two.total, 2);
        let capped = all_simple_paths(&g, id(&g, "a"), id(&g, "d"), Filter::default(), 3, 10, 2);
        assert!(capped.capped);
        assert_eq!(capped.total, 2);
        assert_eq!(capped.stopped_after, None);
        // From a node to itself: the path of no hops.
        let same = all_simple_paths(
            &g,
            id(&g, "a"),
            id(&g, "a"),
            Filter::default(),
            3,
            10,
            u64::MAX,
        );
        assert_eq!(same.total, 1);
        assert_eq!(same.paths[0].nodes, vec![id(&g, "a")]);
    }

    #[test]
    fn a_search_through_a_dense_graph_stops_after_its_steps() {
        use crate::extract::Predicate::PartnersWith;
        // Every two of 14 entities related: about 6 billion simple paths of
        // up to 13 hops between two of them, more than any search can walk.
        let names: Vec<String> = (0..14).map(|i| format!("n{i}")).collect();
        let mut edges = Vec::new();
        for a in &names {
            for b in &names {
                if a < b {
                    edges.push((a.as_str(), PartnersWith, b.as_str()));
                }
            }
        }
        let g = graph(&edges);
        let (from, to) = (id(&g, "n0"), id(&g, "n13"));
        let found = all_simple_paths_within(
            &g,
            (from, to),
            Filter::default(),
            (13, 5, u64::MAX),
            100_000,
        );
        assert_eq!(found.stopped_after, Some(100_000));
        assert!(!found.capped);
        assert!(found.total > 0 && found.total < 100_000, "{}", found.total);
        // The best paths seen are kept: the direct hop first.
        assert_eq!(found.paths[0].nodes, vec![from, to]);
        // Enough steps for a small search: it ends on its own.
        let small =
            all_simple_paths_within(&g, (from, to), Filter::default(), (2, 5, u64::MAX), 100_000);
        assert_eq!(small.stopped_after, None);
        assert_eq!(small.total, 13);
    }

    #[test]
    fn neighbourhood_by_distance() {
        let g = graph(&[
            ("a", PartnersWith, "b"),
            ("b", LocatedIn, "c"),
            ("c", LocatedIn, "d"),
            ("e", Country, "a"),
        ]);
        let r = neighbourhood(&g, id(&g, "a"), Filter::default(), 2);
        let got: Vec<(String, u32, String)> = r
            .iter()
            .map(|x| {
                (
                    names(&g, &[x.node])[0].clone(),
                    x.hops,
                    names(&g, &[x.via])[0].clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("b".into(), 1, "a".into()),
                ("e".into(), 1, "a".into()),
                ("c".into(), 2, "b".into())
            ]
        );
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        let r = neighbourhood(&g, id(&g, "b"), directed, 5);
        let got: Vec<String> = r.iter().map(|x| names(&g, &[x.node])[0].clone()).collect();
        assert_eq!(got, ["a", "c", "d"]);
    }

    /// A small deterministic generator for random graphs.
    struct SplitMix(u64);
    impl SplitMix {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Random sparse graphs, compared with petgraph: shortest path lengths
    /// with Dijkstra, simple path counts with `all_simple_paths`.
    #[test]
    fn agrees_with_petgraph_on_random_graphs() {
        let mut rng = SplitMix(7);
        for round in 0..30 {
            let n = 5 + rng.below(25) as u32;
            let m = rng.below(u64::from(n) * 2);
            let mut b = GraphBuilder::default();
            let ids: Vec<NodeId> = (0..n)
                .map(|i| b.node(&format!("http://newskg.org/id/n{i:03}")))
                .collect();
            let mut pg: UnGraph<(), ()> = UnGraph::new_undirected();
            let pn: Vec<NodeIndex> = (0..n).map(|_| pg.add_node(())).collect();
            let mut seen = std::collections::HashSet::new();
            for _ in 0..m {
                let (x, y) = (
                    rng.below(u64::from(n)) as usize,
                    rng.below(u64::from(n)) as usize,
                );
                if x == y || !seen.insert((x.min(y), x.max(y))) {
                    continue;
                }
                b.relation(ids[x], InvestsIn, ids[y], 1);
                pg.add_edge(pn[x], pn[y], ());
            }
            let g = b.build();
            // Builder ids are in IRI order, which is creation order here.
            for _ in 0..10 {
                let (x, y) = (
                    rng.below(u64::from(n)) as usize,
                    rng.below(u64::from(n)) as usize,
                );
                let dist = petgraph::algo::dijkstra(&pg, pn[x], Some(pn[y]), |_| 1u32);
                let ours = shortest_path(&g, x as NodeId, y as NodeId, Filter::default(), None);
                assert_eq!(
                    ours.as_ref().map(|p| p.len() as u32 - 1),
                    dist.get(&pn[y]).copied(),
                    "round {round}: {x} -> {y}"
                );
                if let Some(p) = &ours {
                    for w in p.windows(2) {
                        assert!(!g.relations_between(w[0], w[1]).is_empty());
                    }
                }
                if x != y {
                    let theirs =
                        petgraph::algo::all_simple_paths::<Vec<_>, _, std::hash::RandomState>(
                            &pg,
                            pn[x],
                            pn[y],
                            0,
                            Some(3),
                        )
                        .count() as u64;
                    let all = all_simple_paths(
                        &g,
                        x as NodeId,
                        y as NodeId,
                        Filter::default(),
                        4,
                        usize::MAX,
                        u64::MAX,
                    );
                    assert_eq!(all.total, theirs, "round {round}: {x} -> {y}");
                    assert!(all.paths.windows(2).all(|w| w[0] <= w[1]));
                }
            }
        }
    }
}
