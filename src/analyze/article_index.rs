//! Which articles state each relation of the entity graph, with their
//! dates: read with the graph from a store and kept with it, so that the
//! evidence for a hop is looked up in those articles' own graphs, most
//! recent first, instead of among all the statements of the store.
//!
//! Only the graph built from a store has one; this module knows nothing of
//! stores or queries.

use super::graph::{NodeId, Relation, RELATIONS};

/// Articles (named graphs) by relation.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ArticleIndex {
    /// Graph IRIs, and their dates ("" when none), by article id.
    pub(super) graphs: Vec<Box<str>>,
    pub(super) dates: Vec<Box<str>>,
    /// (subject, object, relation index), sorted; a symmetric relation's
    /// key has the smaller node first.
    pub(super) keys: Vec<(NodeId, NodeId, u8)>,
    /// `ids[starts[k]..starts[k + 1]]` are the articles of `keys[k]`.
    pub(super) starts: Vec<u32>,
    pub(super) ids: Vec<u32>,
}

impl ArticleIndex {
    /// Builds the index from (subject, object, relation index, article id)
    /// rows, in any order and with repeats.
    pub fn new(
        graphs: Vec<Box<str>>,
        dates: Vec<Box<str>>,
        mut rows: Vec<(NodeId, NodeId, u8, u32)>,
    ) -> ArticleIndex {
        for r in rows.iter_mut() {
            if RELATIONS[r.2 as usize].symmetric() && r.1 < r.0 {
                (r.0, r.1) = (r.1, r.0);
            }
        }
        rows.sort_unstable();
        rows.dedup();
        let mut index = ArticleIndex {
            graphs,
            dates,
            ..ArticleIndex::default()
        };
        for (s, o, p, g) in rows {
            if index.keys.last() != Some(&(s, o, p)) {
                index.keys.push((s, o, p));
                index.starts.push(index.ids.len() as u32);
            }
            index.ids.push(g);
        }
        index.starts.push(index.ids.len() as u32);
        index
    }

    /// The articles that state `r` (either way round when it is symmetric),
    /// most recent first (undated last), each as (graph IRI, date).
    pub fn articles_of(&self, r: &Relation) -> Vec<(&str, &str)> {
        let Some(p) = RELATIONS.iter().position(|x| *x == r.predicate) else {
            return Vec::new();
        };
        let key = if r.symmetric() {
            (r.subject.min(r.object), r.subject.max(r.object), p as u8)
        } else {
            (r.subject, r.object, p as u8)
        };
        let Ok(k) = self.keys.binary_search(&key) else {
            return Vec::new();
        };
        let ids = &self.ids[self.starts[k] as usize..self.starts[k + 1] as usize];
        let mut out: Vec<(&str, &str)> = ids
            .iter()
            .filter_map(|&g| {
                let graph = self.graphs.get(g as usize)?;
                let date = self.dates.get(g as usize).map_or("", |d| &**d);
                Some((&**graph, date))
            })
            .collect();
        out.sort_by(|a, b| {
            (!b.1.is_empty())
                .cmp(&!a.1.is_empty())
                .then_with(|| b.1.cmp(a.1))
                .then_with(|| a.0.cmp(b.0))
        });
        out
    }

    /// Whether the arrays fit together (as read back from a file).
    pub(super) fn consistent(&self, nodes: usize) -> bool {
        self.graphs.len() == self.dates.len()
            && self.starts.len() == self.keys.len() + 1
            && self.starts.first() == Some(&0)
            && self.starts.last().map(|&l| l as usize) == Some(self.ids.len())
            && self.starts.windows(2).all(|w| w[0] <= w[1])
            && self.keys.windows(2).all(|w| w[0] < w[1])
            && self.keys.iter().all(|&(s, o, p)| {
                (s as usize) < nodes && (o as usize) < nodes && (p as usize) < RELATIONS.len()
            })
            && self.ids.iter().all(|&g| (g as usize) < self.graphs.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Predicate;

    #[test]
    fn articles_of_a_relation_most_recent_first() {
        let p = |x: Predicate| RELATIONS.iter().position(|r| *r == x).unwrap() as u8;
        let partners = p(Predicate::PartnersWith);
        let invests = p(Predicate::InvestsIn);
        let idx = ArticleIndex::new(
            vec!["g0".into(), "g1".into(), "g2".into()],
            vec!["2020-01-01".into(), "".into(), "2024-05-01".into()],
            vec![
                (1, 0, partners, 0),
                (0, 1, partners, 2),
                (0, 1, partners, 1),
                (0, 1, partners, 2),
                (1, 0, invests, 1),
            ],
        );
        assert!(idx.consistent(2));
        let rel = |s, o, predicate| Relation {
            subject: s,
            object: o,
            predicate,
            articles: 0,
        };
        let got = idx.articles_of(&rel(1, 0, Predicate::PartnersWith));
        assert_eq!(
            got,
            [("g2", "2024-05-01"), ("g0", "2020-01-01"), ("g1", "")]
        );
        assert_eq!(
            idx.articles_of(&rel(1, 0, Predicate::InvestsIn)),
            [("g1", "")]
        );
        assert!(idx.articles_of(&rel(0, 1, Predicate::InvestsIn)).is_empty());
    }
}
