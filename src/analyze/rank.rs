//! Who holds the network together: degree, PageRank and betweenness
//! centrality of every entity, under a [`Filter`].
//!
//! PageRank is a power iteration over the adjacency lists (O(edges) per
//! iteration, in parallel over nodes). Betweenness is Brandes' algorithm
//! (O(nodes × edges) on an unweighted graph), one breadth-first search per
//! source, sources split across threads.

use super::graph::{EntityGraph, Filter, NodeId};
use rayon::prelude::*;
use std::collections::VecDeque;

/// What `rank` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    /// Entities linked to it (with --weighted: their articles)
    Degree,
    /// PageRank (damping 0.85)
    Pagerank,
    /// Betweenness centrality (Brandes)
    Betweenness,
}

impl Measure {
    pub fn name(self) -> &'static str {
        match self {
            Measure::Degree => "degree",
            Measure::Pagerank => "pagerank",
            Measure::Betweenness => "betweenness",
        }
    }
}

/// The degree of an entity under a filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Degree {
    /// Entities it is linked to, either way.
    pub neighbours: u32,
    /// Entities it can reach in one hop.
    pub out: u32,
    /// Entities that reach it in one hop.
    pub inc: u32,
    /// Its links weighted by articles: for each neighbour, the articles
    /// behind the best supported relation with it.
    pub weighted: u64,
}

/// Degrees of every entity; [`Degree::weighted`] only when `weighted`.
pub fn degrees(g: &EntityGraph, filter: Filter, weighted: bool) -> Vec<Degree> {
    g.nodes()
        .map(|n| {
            let mut d = Degree::default();
            for a in g.adjacent(n) {
                let (f, b) = (filter.forward(a), filter.backward(a));
                if f {
                    d.out += 1;
                }
                if b {
                    d.inc += 1;
                }
                if f || b {
                    d.neighbours += 1;
                    if weighted {
                        let w = g
                            .hop_articles(n, a, filter)
                            .max(g.hop_articles(a.nbr, a, filter));
                        d.weighted += u64::from(w);
                    }
                }
            }
            d
        })
        .collect()
}

/// PageRank scores (summing to 1) and the iterations run.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRank {
    pub scores: Vec<f64>,
    pub iterations: usize,
}

/// PageRank with damping factor `damping`: at most `max_iterations`
/// iterations, fewer when the scores move by less than `tolerance` (sum of
/// absolute changes). Undirected, each link is followed both ways; directed,
/// from subject to object (symmetric relations both ways). `weighted`
/// follows links in proportion to their articles (see [`Degree::weighted`];
/// a link no article states counts as one).
/// Entities with no way out spread their score evenly over all.
pub fn pagerank(
    g: &EntityGraph,
    filter: Filter,
    weighted: bool,
    damping: f64,
    max_iterations: usize,
    tolerance: f64,
) -> PageRank {
    let n = g.node_count();
    if n == 0 {
        return PageRank {
            scores: Vec::new(),
            iterations: 0,
        };
    }
    let weight = |from: NodeId, a: &super::graph::Adj| -> f64 {
        if weighted {
            // A link no article states still counts once.
            f64::from(g.hop_articles(from, a, filter).max(1))
        } else {
            1.0
        }
    };
    // Weight of the link into each entry's node from its neighbour, in the
    // layout of the adjacency lists; total weight out of each node.
    let mut in_weight = vec![0f32; g.adjacency_len()];
    let mut out_weight = vec![0f64; n];
    for v in g.nodes() {
        let range = g.adjacency_range(v);
        for (slot, a) in in_weight[range].iter_mut().zip(g.adjacent(v)) {
            if filter.backward(a) {
                *slot = weight(a.nbr, a) as f32;
            }
            if filter.forward(a) {
                out_weight[v as usize] += weight(v, a);
            }
        }
    }
    let nf = n as f64;
    let mut rank = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    let mut share = vec![0.0; n];
    let mut iterations = 0;
    while iterations < max_iterations {
        iterations += 1;
        let mut dangling = 0.0;
        for ((s, r), w) in share.iter_mut().zip(&rank).zip(&out_weight) {
            if *w > 0.0 {
                *s = r / w;
            } else {
                *s = 0.0;
                dangling += r;
            }
        }
        let base = (1.0 - damping) / nf + damping * dangling / nf;
        next.par_iter_mut().enumerate().for_each(|(v, x)| {
            let v = v as NodeId;
            let range = g.adjacency_range(v);
            let mut sum = 0.0;
            for (a, w) in g.adjacent(v).iter().zip(&in_weight[range]) {
                if *w > 0.0 {
                    sum += f64::from(*w) * share[a.nbr as usize];
                }
            }
            *x = base + damping * sum;
        });
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < tolerance {
            break;
        }
    }
    PageRank {
        scores: rank,
        iterations,
    }
}

/// Betweenness centrality (Brandes): for each entity, the sum over pairs of
/// other entities of the share of shortest paths between them that pass
/// through it. Undirected, each pair counts once; not normalised.
pub fn betweenness(g: &EntityGraph, filter: Filter) -> Vec<f64> {
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let parts = rayon::current_num_threads().max(1);
    let chunk = n.div_ceil(parts);
    let partials: Vec<Vec<f64>> = (0..parts)
        .into_par_iter()
        .map(|p| {
            let mut w = Brandes::new(n);
            let start = (p * chunk).min(n);
            let end = ((p + 1) * chunk).min(n);
            for s in start..end {
                w.source(g, s as NodeId, filter);
            }
            w.centrality
        })
        .collect();
    let mut bc = vec![0.0; n];
    for part in partials {
        for (x, y) in bc.iter_mut().zip(part) {
            *x += y;
        }
    }
    if !filter.directed {
        for x in bc.iter_mut() {
            *x /= 2.0;
        }
    }
    bc
}

/// Betweenness divided by the number of pairs of other entities, so that
/// 1 means "on every shortest path between any two others".
pub fn normalised_betweenness(bc: f64, nodes: usize, directed: bool) -> f64 {
    if nodes < 3 {
        return 0.0;
    }
    let pairs = ((nodes - 1) * (nodes - 2)) as f64;
    if directed {
        bc / pairs
    } else {
        bc / (pairs / 2.0)
    }
}

/// Work space of Brandes' algorithm for one thread.
struct Brandes {
    centrality: Vec<f64>,
    sigma: Vec<f64>,
    dist: Vec<i32>,
    delta: Vec<f64>,
    order: Vec<NodeId>,
    queue: VecDeque<NodeId>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            centrality: vec![0.0; n],
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            order: Vec::new(),
            queue: VecDeque::new(),
        }
    }

    fn source(&mut self, g: &EntityGraph, s: NodeId, filter: Filter) {
        for &v in &self.order {
            let v = v as usize;
            self.sigma[v] = 0.0;
            self.dist[v] = -1;
            self.delta[v] = 0.0;
        }
        self.order.clear();
        self.sigma[s as usize] = 1.0;
        self.dist[s as usize] = 0;
        self.queue.push_back(s);
        while let Some(v) = self.queue.pop_front() {
            self.order.push(v);
            let dv = self.dist[v as usize];
            for a in g.adjacent(v) {
                if !filter.forward(a) {
                    continue;
                }
                let w = a.nbr as usize;
                if self.dist[w] < 0 {
                    self.dist[w] = dv + 1;
                    self.queue.push_back(a.nbr);
                }
                if self.dist[w] == dv + 1 {
                    self.sigma[w] += self.sigma[v as usize];
                }
            }
        }
        // Dependencies, farthest first; predecessors are found again from
        // the adjacency lists rather than stored.
        for &w in self.order.iter().rev() {
            if w == s {
                continue;
            }
            let wi = w as usize;
            let dw = self.dist[wi];
            let coeff = (1.0 + self.delta[wi]) / self.sigma[wi];
            for a in g.adjacent(w) {
                let v = a.nbr as usize;
                if self.dist[v] == dw - 1 && filter.backward(a) {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            self.centrality[wi] += self.delta[wi];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{graph, id};
    use super::super::graph::GraphBuilder;
    use super::*;
    use crate::extract::Predicate::{self, *};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn ring(n: usize, p: Predicate) -> EntityGraph {
        let names: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
        let edges: Vec<(&str, Predicate, &str)> = (0..n)
            .map(|i| (names[i].as_str(), p, names[(i + 1) % n].as_str()))
            .collect();
        graph(&edges)
    }

    #[test]
    fn betweenness_of_a_path_a_star_and_cycles() {
        // P4: a - b - c - d
        let g = graph(&[
            ("a", PartnersWith, "b"),
            ("b", PartnersWith, "c"),
            ("c", PartnersWith, "d"),
        ]);
        let bc = betweenness(&g, Filter::default());
        let got: Vec<f64> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| bc[id(&g, s) as usize])
            .collect();
        assert_eq!(got, [0.0, 2.0, 2.0, 0.0]);
        assert!(close(normalised_betweenness(2.0, 4, false), 2.0 / 3.0));

        // Star with 5 leaves: the centre is on all C(5,2) = 10 leaf pairs.
        let g = graph(&[
            ("hub", Country, "l1"),
            ("l2", Country, "hub"),
            ("hub", Country, "l3"),
            ("l4", Country, "hub"),
            ("hub", Country, "l5"),
        ]);
        let bc = betweenness(&g, Filter::default());
        assert_eq!(bc[id(&g, "hub") as usize], 10.0);
        assert_eq!(bc.iter().sum::<f64>(), 10.0);
        assert!(close(normalised_betweenness(10.0, 6, false), 1.0));

        // Cycles: (n-1)(n-3)/8 for odd n, (n-2)^2/8 for even n.
        for n in [4usize, 5, 6, 7] {
            let g = ring(n, TradesWith);
            let want = if n % 2 == 1 {
                ((n - 1) * (n - 3)) as f64 / 8.0
            } else {
                ((n - 2) * (n - 2)) as f64 / 8.0
            };
            for x in betweenness(&g, Filter::default()) {
                assert!(close(x, want), "C{n}: {x} != {want}");
            }
        }
    }

    #[test]
    fn directed_betweenness_follows_the_arrows() {
        // a -> b -> c and d -> b: b lies on a->c and d->c.
        let g = graph(&[
            ("a", InvestsIn, "b"),
            ("b", InvestsIn, "c"),
            ("d", InvestsIn, "b"),
        ]);
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        let bc = betweenness(&g, directed);
        assert_eq!(bc[id(&g, "b") as usize], 2.0);
        assert_eq!(bc.iter().sum::<f64>(), 2.0);
        // Undirected, b is also between a and d.
        assert_eq!(
            betweenness(&g, Filter::default())[id(&g, "b") as usize],
            3.0
        );
        // A directed cycle of 4: each node is on the paths of length 2 and 3
        // that pass it: 1 + 2 = 3.
        let g = ring(4, InvestsIn);
        for x in betweenness(&g, directed) {
            assert!(close(x, 3.0), "{x}");
        }
    }

    /// Brute force: sigma(s,t) and distances by BFS from every node.
    fn brute_betweenness(g: &EntityGraph) -> Vec<f64> {
        let n = g.node_count();
        let mut dist = vec![vec![-1i64; n]; n];
        let mut sigma = vec![vec![0f64; n]; n];
        for s in 0..n {
            dist[s][s] = 0;
            sigma[s][s] = 1.0;
            let mut q = VecDeque::from([s]);
            while let Some(v) = q.pop_front() {
                for a in g.adjacent(v as NodeId) {
                    let w = a.nbr as usize;
                    if dist[s][w] < 0 {
                        dist[s][w] = dist[s][v] + 1;
                        q.push_back(w);
                    }
                    if dist[s][w] == dist[s][v] + 1 {
                        sigma[s][w] += sigma[s][v];
                    }
                }
            }
        }
        let mut bc = vec![0.0; n];
        for s in 0..n {
            for t in (s + 1)..n {
                if dist[s][t] <= 0 {
                    continue;
                }
                for v in 0..n {
                    if v != s
                        && v != t
                        && dist[s][v] > 0
                        && dist[v][t] > 0
                        && dist[s][v] + dist[v][t] == dist[s][t]
                    {
                        bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
                    }
                }
            }
        }
        bc
    }

    #[test]
    fn betweenness_matches_brute_force_on_random_graphs() {
        let mut state = 12345u64;
        let mut next = move |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for _ in 0..20 {
            let n = 4 + next(12);
            let mut b = GraphBuilder::default();
            let ids: Vec<NodeId> = (0..n)
                .map(|i| b.node(&format!("http://newskg.org/id/n{i:02}")))
                .collect();
            for _ in 0..(n * 3 / 2) {
                let (x, y) = (next(n) as usize, next(n) as usize);
                b.relation(ids[x], MetWith, ids[y], 1);
            }
            let g = b.build();
            let ours = betweenness(&g, Filter::default());
            let brute = brute_betweenness(&g);
            for (a, b) in ours.iter().zip(&brute) {
                assert!((a - b).abs() < 1e-9, "{ours:?} != {brute:?}");
            }
        }
    }

    #[test]
    fn pagerank_of_a_cycle_and_a_star() {
        let g = ring(5, InvestsIn);
        for directed in [false, true] {
            let f = Filter {
                directed,
                ..Filter::default()
            };
            let pr = pagerank(&g, f, false, 0.85, 100, 1e-12);
            for x in &pr.scores {
                assert!(close(*x, 0.2));
            }
        }
        // Undirected star, centre c and k leaves: closed form.
        let g = graph(&[
            ("c", LocatedIn, "l1"),
            ("c", LocatedIn, "l2"),
            ("l3", LocatedIn, "c"),
            ("l4", LocatedIn, "c"),
        ]);
        let (d, k, n) = (0.85f64, 4.0f64, 5.0f64);
        let centre = (1.0 + d * k) / (n * (1.0 + d));
        let leaf = (1.0 - d) / n + d * centre / k;
        // A star is bipartite: the error shrinks by only d per iteration.
        let pr = pagerank(&g, Filter::default(), false, d, 1000, 1e-13);
        assert!(close(pr.scores[id(&g, "c") as usize], centre));
        for l in ["l1", "l2", "l3", "l4"] {
            assert!(close(pr.scores[id(&g, l) as usize], leaf));
        }
        assert!(close(pr.scores.iter().sum::<f64>(), 1.0));
        assert!(pr.iterations < 1000);
    }

    #[test]
    fn pagerank_with_a_dangling_node_and_with_weights() {
        let d = 0.85f64;
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        // a -> b -> c; c has no way out and spreads evenly.
        let g = graph(&[("a", SuppliesTo, "b"), ("b", SuppliesTo, "c")]);
        let x = 1.0 / (3.0 + 2.0 * d + d * d);
        let pr = pagerank(&g, directed, false, d, 500, 1e-15);
        assert!(close(pr.scores[id(&g, "a") as usize], x));
        assert!(close(pr.scores[id(&g, "b") as usize], x * (1.0 + d)));
        assert!(close(
            pr.scores[id(&g, "c") as usize],
            x * (1.0 + d + d * d)
        ));

        // a -> b (3 articles), a -> c (1), b -> a (1), c -> a (1): a's score
        // goes 3:1 to b and c.
        let mut b = GraphBuilder::default();
        let [na, nb, nc] = ["a", "b", "c"].map(|s| b.node(&format!("http://newskg.org/id/{s}")));
        b.relation(na, InvestsIn, nb, 3);
        b.relation(na, InvestsIn, nc, 1);
        b.relation(nb, InvestsIn, na, 1);
        b.relation(nc, InvestsIn, na, 1);
        let g = b.build();
        let pr = pagerank(&g, directed, true, d, 500, 1e-15);
        let ra = (1.0 + 2.0 * d) / (3.0 * (1.0 + d));
        let rb = (1.0 - d) / 3.0 + d * 0.75 * ra;
        let rc = (1.0 - d) / 3.0 + d * 0.25 * ra;
        assert!(close(pr.scores[id(&g, "a") as usize], ra));
        assert!(close(pr.scores[id(&g, "b") as usize], rb));
        assert!(close(pr.scores[id(&g, "c") as usize], rc));
        // Unweighted, b and c are alike.
        let pr = pagerank(&g, directed, false, d, 500, 1e-15);
        assert!(close(
            pr.scores[id(&g, "b") as usize],
            pr.scores[id(&g, "c") as usize]
        ));
    }

    #[test]
    fn degrees_count_neighbours_not_relations() {
        let mut b = GraphBuilder::default();
        let [na, nb, nc] = ["a", "b", "c"].map(|s| b.node(&format!("http://newskg.org/id/{s}")));
        b.relation(na, InvestsIn, nb, 2);
        b.relation(na, TradesWith, nb, 5);
        b.relation(nc, InvestsIn, na, 1);
        let g = b.build();
        let d = degrees(&g, Filter::default(), true);
        let a = d[g.node("http://newskg.org/id/a").unwrap() as usize];
        assert_eq!((a.neighbours, a.out, a.inc, a.weighted), (2, 2, 2, 6));
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        let d = degrees(&g, directed, true);
        let a = d[g.node("http://newskg.org/id/a").unwrap() as usize];
        // a -> b (investsIn, and tradesWith both ways), c -> a.
        assert_eq!((a.neighbours, a.out, a.inc), (2, 1, 2));
        let invest = Filter {
            via: super::super::graph::relation_bit(InvestsIn).unwrap(),
            directed: true,
        };
        let d = degrees(&g, invest, true);
        let b_ = d[g.node("http://newskg.org/id/b").unwrap() as usize];
        assert_eq!((b_.neighbours, b_.out, b_.inc, b_.weighted), (1, 0, 1, 2));
    }
}
