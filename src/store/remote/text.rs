//! The text a remote back-end sends and the bytes it reads that need
//! mending: SPARQL Update requests that write an article whole, and a
//! reader that takes a server's non-standard blank-node prefix off its
//! answers. Pure: no I/O of its own.

use oxigraph::model::{GraphName, NamedNode, Quad};
use std::fmt::Write as _;

/// The update that makes `graph` hold `new` (or nothing), keeping the
/// default graph the merge of the named graphs where it is `merged`.
pub(super) fn rewrite_update(graph: &NamedNode, new: Option<&[Quad]>, merged: bool) -> String {
    let mut u = if merged {
        format!(
            "DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} \
             FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n\
             DROP SILENT GRAPH {graph}"
        )
    } else {
        format!("DROP SILENT GRAPH {graph}")
    };
    if let Some(new) = new.filter(|n| !n.is_empty()) {
        u.push_str(" ;\n");
        u.push_str(&insert_data(new, merged));
    }
    u
}

/// `INSERT DATA` of quads; where the default graph is `merged`, each of a
/// named graph goes into the default graph too.
pub(super) fn insert_data(quads: &[Quad], merged: bool) -> String {
    let mut by_graph: Vec<(&GraphName, Vec<&Quad>)> = Vec::new();
    for q in quads {
        match by_graph.iter_mut().find(|(g, _)| *g == &q.graph_name) {
            Some((_, qs)) => qs.push(q),
            None => by_graph.push((&q.graph_name, vec![q])),
        }
    }
    // Blank nodes are not allowed in INSERT DATA by some servers (Virtuoso);
    // in a template with an empty WHERE they are new nodes, made once.
    let blank = quads.iter().any(|q| {
        q.subject.is_blank_node() || q.object.is_blank_node() || q.graph_name.is_blank_node()
    });
    let mut u = String::from(if blank {
        "INSERT {\n"
    } else {
        "INSERT DATA {\n"
    });
    for (graph, qs) in &by_graph {
        let named = match graph {
            GraphName::NamedNode(n) => Some(n.to_string()),
            GraphName::BlankNode(b) => Some(b.to_string()),
            GraphName::DefaultGraph => None,
        };
        if let Some(name) = &named {
            let _ = writeln!(u, "GRAPH {name} {{");
        }
        for q in qs {
            let _ = writeln!(u, "{} {} {} .", q.subject, q.predicate, q.object);
        }
        if named.is_some() {
            u.push_str("}\n");
            if !merged {
                continue;
            }
            for q in qs {
                let _ = writeln!(u, "{} {} {} .", q.subject, q.predicate, q.object);
            }
        }
    }
    u.push_str(if blank { "} WHERE {}" } else { "}" });
    u
}

/// Reads a stream with every occurrence of `from` (which ends with the text
/// to drop after its first `keep` bytes) shortened to `<bnode>`: takes a
/// server's blank-node prefix off, across buffer boundaries.
pub(super) struct Unprefix<R> {
    inner: R,
    pattern: Vec<u8>,
    /// Bytes read but not handed on yet (may hold the start of a match).
    pending: Vec<u8>,
    done: bool,
}

/// What stays of a match: `<bnode>`.
const KEEP: usize = "<bnode>".len();

impl<R: std::io::Read> Unprefix<R> {
    pub(super) fn new(inner: R, pattern: String) -> Unprefix<R> {
        Unprefix {
            inner,
            pattern: pattern.into_bytes(),
            pending: Vec::new(),
            done: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for Unprefix<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            // Hand on what cannot be the start of a match.
            let safe = if self.done {
                self.pending.len()
            } else {
                self.pending.len().saturating_sub(self.pattern.len() - 1)
            };
            if safe > 0 || (self.done && self.pending.is_empty()) {
                let n = safe.min(out.len());
                out[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                return Ok(n);
            }
            let mut buf = [0u8; 8192];
            let n = self.inner.read(&mut buf)?;
            if n == 0 {
                self.done = true;
            }
            self.pending.extend_from_slice(&buf[..n]);
            // Shorten every whole match now in the buffer.
            let mut i = 0;
            while let Some(at) = self.pending[i..]
                .windows(self.pattern.len())
                .position(|w| w == self.pattern.as_slice())
            {
                let start = i + at + KEEP;
                self.pending.drain(start..i + at + self.pattern.len());
                i = start;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    #[test]
    fn an_article_is_rewritten_in_one_update_that_keeps_the_default_graph_merged() {
        let g = NamedNode::new_unchecked("http://example.org/article/1");
        let q = Quad::new(
            NamedNode::new_unchecked("http://example.org/a"),
            NamedNode::new_unchecked("http://example.org/p"),
            Literal::new_simple_literal("say \"hi\"\n"),
            g.clone(),
        );
        let u = rewrite_update(&g, Some(std::slice::from_ref(&q)), true);
        let parsed = spargebra::SparqlParser::new().parse_update(&u).unwrap();
        assert_eq!(parsed.operations.len(), 3, "{u}");
        assert!(u.contains("GRAPH <http://example.org/article/1> {\n<http://example.org/a>"));
        assert_eq!(u.matches("\"say \\\"hi\\\"\\n\"").count(), 2, "{u}");
        let removal = rewrite_update(&g, None, true);
        assert_eq!(
            spargebra::SparqlParser::new()
                .parse_update(&removal)
                .unwrap()
                .operations
                .len(),
            2
        );
    }

    #[test]
    fn a_servers_blank_node_prefix_is_taken_off_across_reads() {
        use std::io::Read;
        let text = "<bnode>nodeID://b1</bnode> nodeID://x <bnode>nodeID://b22</bnode>";
        // A reader that hands out 3 bytes at a time splits the prefix.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(3).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut got = String::new();
        Unprefix::new(Slow(text.as_bytes()), "<bnode>nodeID://".into())
            .read_to_string(&mut got)
            .unwrap();
        assert_eq!(got, "<bnode>b1</bnode> nodeID://x <bnode>b22</bnode>");
    }

    #[test]
    fn where_the_server_reads_all_graphs_nothing_is_copied_to_the_default_graph() {
        let g = NamedNode::new_unchecked("http://example.org/article/1");
        let q = Quad::new(
            NamedNode::new_unchecked("http://example.org/a"),
            NamedNode::new_unchecked("http://example.org/p"),
            NamedNode::new_unchecked("http://example.org/b"),
            g.clone(),
        );
        let u = rewrite_update(&g, Some(std::slice::from_ref(&q)), false);
        assert_eq!(u.matches("<http://example.org/b> .").count(), 1, "{u}");
        assert!(!u.contains("DELETE"), "{u}");
        let parsed = spargebra::SparqlParser::new().parse_update(&u).unwrap();
        assert_eq!(parsed.operations.len(), 2);
    }

    #[test]
    fn an_update_of_the_default_graph_alone_is_written_once() {
        let q = Quad::new(
            NamedNode::new_unchecked("http://example.org/a"),
            NamedNode::new_unchecked("http://example.org/p"),
            NamedNode::new_unchecked("http://example.org/b"),
            GraphName::DefaultGraph,
        );
        let u = insert_data(&[q], true);
        assert_eq!(u.matches("<http://example.org/b> .").count(), 1, "{u}");
        spargebra::SparqlParser::new().parse_update(&u).unwrap();
    }
}
