//! Entity lookup (`path A B`, `neighbors X`, the page's entity box):
//! any string against the entity graph of the sample corpus.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newskg::analyze::{lookup, EntityGraph, GraphBuilder};
use newskg::extract::{Extractor, Object};
use newskg::ingest::{self, Input};
use newskg::vocab;
use std::sync::OnceLock;

static GRAPH: OnceLock<EntityGraph> = OnceLock::new();

/// The entities and relations newskg extracts from `corpus/`.
fn sample_graph() -> EntityGraph {
    let ex = Extractor::new().expect("shipped data loads");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut b = GraphBuilder::default();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/ beside fuzz/")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for file in files {
        for article in ingest::read(&Input::File(file), None).into_iter().flatten() {
            let x = ex.extract(&article);
            let nodes: Vec<_> = x
                .entities
                .iter()
                .map(|e| {
                    let n = b.node(&format!("{}{}", vocab::ENTITY, e.slug));
                    for (label, lang) in &e.labels {
                        b.label(n, label, lang.code());
                    }
                    n
                })
                .collect();
            for f in &x.facts {
                if let Object::Entity(o) = f.object {
                    b.relation(nodes[f.subject], f.predicate, nodes[o], 1);
                }
            }
        }
    }
    b.build()
}

fuzz_target!(init: {
    GRAPH.get_or_init(sample_graph);
}, |text: &str| {
    let g = GRAPH.get_or_init(sample_graph);
    if let Ok(n) = lookup::resolve(g, "ENTITY", text) {
        let _ = lookup::describe(g, n);
    }
});
