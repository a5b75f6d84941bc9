//! Connected components of the entity graph: which entities are linked at
//! all, whichever way the relations point (weakly connected components
//! when direction matters).

use super::graph::{EntityGraph, Filter, NodeId};
use petgraph::unionfind::UnionFind;

/// The components, largest first (ties: the one with the smallest node id
/// first); members in node id (IRI) order. Entities without relations are
/// components of their own.
pub fn components(g: &EntityGraph, filter: Filter) -> Vec<Vec<NodeId>> {
    let n = g.node_count();
    let mut sets: UnionFind<NodeId> = UnionFind::new(n);
    for u in g.nodes() {
        for a in g.adjacent(u) {
            if a.nbr > u && (filter.forward(a) || filter.backward(a)) {
                sets.union(u, a.nbr);
            }
        }
    }
    let labels = sets.into_labeling();
    let mut index: Vec<Option<usize>> = vec![None; n];
    let mut out: Vec<Vec<NodeId>> = Vec::new();
    for (node, root) in labels.iter().enumerate() {
        let i = *index[*root as usize].get_or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[i].push(node as NodeId);
    }
    // Stable sort: components are in order of their smallest member.
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::super::graph::relation_bit;
    use super::super::graph::tests::{graph, id};
    use super::*;
    use crate::extract::Predicate::*;

    #[test]
    fn components_largest_first() {
        let g = graph(&[
            ("a", PartnersWith, "b"),
            ("b", InvestsIn, "c"),
            ("x", MemberOf, "y"),
            ("p", Country, "q"),
            ("q", Country, "r"),
            ("r", Country, "s"),
        ]);
        let c = components(&g, Filter::default());
        let sizes: Vec<usize> = c.iter().map(Vec::len).collect();
        assert_eq!(sizes, [4, 3, 2]);
        assert_eq!(c[0], ["p", "q", "r", "s"].map(|s| id(&g, s)));
        assert_eq!(c[1], ["a", "b", "c"].map(|s| id(&g, s)));
        // Direction does not split a component; a filter does.
        let directed = Filter {
            directed: true,
            ..Filter::default()
        };
        assert_eq!(components(&g, directed), c);
        let partners = Filter {
            via: relation_bit(PartnersWith).unwrap(),
            directed: false,
        };
        let sizes: Vec<usize> = components(&g, partners).iter().map(Vec::len).collect();
        assert_eq!(sizes, [2, 1, 1, 1, 1, 1, 1, 1]);
        let total: usize = components(&g, partners).iter().map(Vec::len).sum();
        assert_eq!(total, g.node_count());
    }
}
