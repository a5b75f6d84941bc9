//! Path analysis benchmark: `cargo bench --bench paths`.
//!
//! 1. A synthetic entity graph of 1M entities and 5M relations, generated
//!    in memory straight into the analysis graph (half the relations have a
//!    uniformly random end, half a skewed one, so that a few entities are
//!    hubs, like the countries of a news corpus): shortest paths between 100
//!    random pairs, all simple paths up to 4 hops for a few pairs, PageRank
//!    (20 iterations), degrees, components, and the memory it takes.
//! 2. Betweenness on a smaller synthetic graph (Brandes is O(nodes × edges)).
//! 3. Building the graph from a real on-disk store holding 100k relation
//!    triples in 10k articles (with their statements, sentences and labels,
//!    as `newskg build` writes them), loaded through the library.
//!
//! Plain `std::time` measurements; figures go to stdout.

use newskg::analyze::{components, path, rank, EntityGraph, Filter, GraphBuilder, RELATIONS};
use newskg::store::Store;
use newskg::vocab;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};
use std::time::{Duration, Instant};

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
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

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Half the time uniform, half the time skewed towards low ids (hubs).
    fn endpoint(&mut self, n: u64) -> u64 {
        if self.next() & 1 == 0 {
            self.below(n)
        } else {
            let u = self.unit();
            ((u * u * u) * n as f64) as u64 % n
        }
    }
}

fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .map(|l| l[field.len() + 1..].trim().to_string())
        })
        .unwrap_or_else(|| "n/a".to_string())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn synthetic(nodes: u64, relations: usize, rng: &mut Rng) -> EntityGraph {
    let mut b = GraphBuilder::with_capacity(nodes as usize, relations);
    for i in 0..nodes {
        b.node(&format!("{}n{i:07}", vocab::ENTITY));
    }
    for _ in 0..relations {
        let s = rng.below(nodes) as u32;
        let o = rng.endpoint(nodes) as u32;
        let p = RELATIONS[rng.below(RELATIONS.len() as u64) as usize];
        b.relation(s, p, o, 1 + rng.below(4) as u32);
    }
    b.build()
}

fn summary(label: &str, times: &[Duration]) {
    let mean = times.iter().map(|t| ms(*t)).sum::<f64>() / times.len().max(1) as f64;
    let max = times.iter().map(|t| ms(*t)).fold(0.0, f64::max);
    let mut sorted: Vec<f64> = times.iter().map(|t| ms(*t)).collect();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0.0);
    println!(
        "  {label}: mean {mean:.2} ms, median {median:.2} ms, max {max:.2} ms ({} runs)",
        times.len()
    );
}

fn big_graph() {
    const NODES: u64 = 1_000_000;
    const RELATIONS_N: usize = 5_000_000;
    println!("== synthetic entity graph: {NODES} entities, {RELATIONS_N} relations");
    let mut rng = Rng(2024);
    let rss_before = status("VmRSS");
    let t = Instant::now();
    let g = synthetic(NODES, RELATIONS_N, &mut rng);
    println!(
        "  generated and built in {:.2} s: {} entities, {} relations, {} linked pairs; graph {:.0} MiB (VmRSS before {rss_before}, after {})",
        t.elapsed().as_secs_f64(),
        g.node_count(),
        g.relation_count(),
        g.pair_count(),
        mib(g.heap_bytes()),
        status("VmRSS"),
    );
    let hub = (0..g.node_count() as u32)
        .max_by_key(|n| g.degree(*n))
        .unwrap_or(0);
    println!("  largest hub: {} neighbours", g.degree(hub));

    let pairs: Vec<(u32, u32)> = (0..100)
        .map(|_| (rng.below(NODES) as u32, rng.below(NODES) as u32))
        .collect();
    for (name, filter) in [
        ("shortest path, undirected", Filter::default()),
        (
            "shortest path, directed",
            Filter {
                directed: true,
                ..Filter::default()
            },
        ),
    ] {
        let mut times = Vec::new();
        let mut hops = Vec::new();
        for (a, b) in &pairs {
            let t = Instant::now();
            let p = path::shortest_path(&g, *a, *b, filter, None);
            times.push(t.elapsed());
            if let Some(p) = p {
                hops.push(p.len() - 1);
            }
        }
        summary(name, &times);
        let mean_hops = hops.iter().sum::<usize>() as f64 / hops.len().max(1) as f64;
        println!(
            "    {} of 100 pairs connected, {:.2} hops on average (longest {})",
            hops.len(),
            mean_hops,
            hops.iter().max().copied().unwrap_or(0)
        );
    }

    println!("  all simple paths of at most 4 hops (best 10 kept, counting capped at 10M):");
    // Random pairs are mostly 5 or more hops apart: take ones within 4.
    let mut sample: Vec<(&str, u32, u32)> = Vec::new();
    while sample.len() < 4 {
        let (a, b) = (rng.below(NODES) as u32, rng.below(NODES) as u32);
        if path::shortest_path(&g, a, b, Filter::default(), Some(4)).is_some_and(|p| p.len() >= 4) {
            sample.push(("random pair 3-4 hops apart", a, b));
        }
    }
    let second = (0..g.node_count() as u32)
        .filter(|n| *n != hub)
        .max_by_key(|n| g.degree(*n))
        .unwrap_or(0);
    sample.push(("hub to random entity", hub, pairs[4].1));
    sample.push(("hub to second hub", hub, second));
    for (kind, a, b) in sample {
        let t = Instant::now();
        let all = path::all_simple_paths(&g, a, b, Filter::default(), 4, 10, 10_000_000);
        println!(
            "    {kind}: {} paths{} in {:.1} ms (shortest {} hops)",
            all.total,
            if all.capped { " (capped)" } else { "" },
            ms(t.elapsed()),
            all.paths
                .first()
                .map_or("-".to_string(), |p| p.hops().to_string())
        );
    }

    let t = Instant::now();
    let pr = rank::pagerank(&g, Filter::default(), false, 0.85, 20, 0.0);
    let e = t.elapsed();
    println!(
        "  PageRank, {} iterations: {:.0} ms ({:.1} ms per iteration); weighted: {:.0} ms",
        pr.iterations,
        ms(e),
        ms(e) / pr.iterations as f64,
        {
            let t = Instant::now();
            rank::pagerank(&g, Filter::default(), true, 0.85, 20, 0.0);
            ms(t.elapsed())
        }
    );
    let t = Instant::now();
    let d = rank::degrees(&g, Filter::default(), false);
    println!(
        "  degrees: {:.0} ms ({} entities)",
        ms(t.elapsed()),
        d.len()
    );
    let t = Instant::now();
    let c = components::components(&g, Filter::default());
    println!(
        "  components: {:.0} ms ({} components, largest {})",
        ms(t.elapsed()),
        c.len(),
        c.first().map_or(0, Vec::len)
    );
    println!("  peak memory so far (VmHWM): {}", status("VmHWM"));
}

fn betweenness() {
    const NODES: u64 = 10_000;
    const RELATIONS_N: usize = 50_000;
    let mut rng = Rng(7);
    let g = synthetic(NODES, RELATIONS_N, &mut rng);
    let t = Instant::now();
    let bc = rank::betweenness(&g, Filter::default());
    println!(
        "== betweenness (Brandes, {} threads) on {} entities / {} linked pairs: {:.2} s (max {:.0})",
        rayon::current_num_threads(),
        g.node_count(),
        g.pair_count(),
        t.elapsed().as_secs_f64(),
        bc.iter().copied().fold(0.0, f64::max)
    );
}

/// The quads `newskg build` would write for an article stating `facts`.
fn article_quads(a: usize, facts: &[(u64, usize, u64)]) -> (NamedNode, Vec<Quad>) {
    let key = format!("{a:016x}");
    let art = vocab::article(&key);
    let g = GraphName::NamedNode(art.clone());
    let mut q = Vec::new();
    let mut add =
        |s: &NamedNode, p: NamedNode, o: Term| q.push(Quad::new(s.clone(), p, o, g.clone()));
    add(
        &art,
        vocab::RDF_TYPE.into_owned(),
        vocab::NKG_ARTICLE.into_owned().into(),
    );
    add(
        &art,
        vocab::NKG_SOURCE.into_owned(),
        Literal::new_simple_literal(format!("feed.jsonl:{a}")).into(),
    );
    add(
        &art,
        vocab::NKG_CONTENT_HASH.into_owned(),
        Literal::new_simple_literal(format!("{a:064x}")).into(),
    );
    add(
        &art,
        vocab::DC_PUBLISHER.into_owned(),
        Literal::new_simple_literal("Bench News").into(),
    );
    add(
        &art,
        vocab::DC_DATE.into_owned(),
        Literal::new_typed_literal(format!("2020-01-{:02}", 1 + a % 28), vocab::XSD_DATE).into(),
    );
    let mut entities = std::collections::BTreeSet::new();
    for (n, (s, p, o)) in facts.iter().enumerate() {
        let (s_iri, o_iri) = (
            vocab::entity(&format!("e{s:05}")),
            vocab::entity(&format!("e{o:05}")),
        );
        entities.insert(*s);
        entities.insert(*o);
        let pred = vocab::nkg(RELATIONS[*p].local());
        add(&s_iri, pred.clone(), o_iri.clone().into());
        let st = vocab::article_part(&key, &format!("fact{n}"));
        let sen = vocab::article_part(&key, &format!("s{n}"));
        add(
            &st,
            vocab::RDF_TYPE.into_owned(),
            vocab::NKG_STATEMENT.into_owned().into(),
        );
        add(&st, vocab::RDF_SUBJECT.into_owned(), s_iri.into());
        add(&st, vocab::RDF_PREDICATE.into_owned(), pred.into());
        add(&st, vocab::RDF_OBJECT.into_owned(), o_iri.into());
        add(&st, vocab::NKG_EVIDENCE.into_owned(), sen.clone().into());
        add(
            &st,
            vocab::PROV_WAS_DERIVED_FROM.into_owned(),
            art.clone().into(),
        );
        add(
            &sen,
            vocab::RDF_TYPE.into_owned(),
            vocab::NKG_SENTENCE.into_owned().into(),
        );
        add(&sen, vocab::DC_IS_PART_OF.into_owned(), art.clone().into());
        add(
            &sen,
            vocab::NKG_TEXT.into_owned(),
            Literal::new_simple_literal(format!(
                "Entity {s} and entity {o} agreed on something in article {a}."
            ))
            .into(),
        );
    }
    for e in entities {
        let iri = vocab::entity(&format!("e{e:05}"));
        add(
            &iri,
            vocab::RDF_TYPE.into_owned(),
            vocab::nkg("Organization").into(),
        );
        add(
            &iri,
            vocab::RDFS_LABEL.into_owned(),
            Literal::new_language_tagged_literal_unchecked(format!("Entity {e}"), "en").into(),
        );
    }
    (art, q)
}

fn store_build() {
    const ENTITIES: u64 = 20_000;
    const ARTICLES: usize = 10_000;
    const PER_ARTICLE: usize = 10;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store =
        Store::open(&dir.path().join("kg"), newskg::store::Access::Write).expect("a new store");
    let mut rng = Rng(99);
    let t = Instant::now();
    let mut quads = 0usize;
    for a in 0..ARTICLES {
        let facts: Vec<(u64, usize, u64)> = (0..PER_ARTICLE)
            .map(|_| {
                (
                    rng.endpoint(ENTITIES),
                    rng.below(RELATIONS.len() as u64) as usize,
                    rng.below(ENTITIES),
                )
            })
            .collect();
        let (g, q) = article_quads(a, &facts);
        quads += q.len();
        store.replace_graph(&g, &q).expect("article written");
    }
    store.flush().expect("flushed");
    let load = t.elapsed();
    // Reopen, as `newskg path` after `newskg build` would.
    let path = store.dir().expect("an embedded store").to_path_buf();
    drop(store);
    let store = Store::open(&path, newskg::store::Access::Read).expect("the store again");
    let relation_triples = ARTICLES * PER_ARTICLE;
    println!(
        "== store: {ARTICLES} articles, {relation_triples} relation triples, {quads} quads in article graphs (+ the merged default graph)"
    );
    println!(
        "  loaded through the library in {:.1} s ({:.0} article quads/s, one transaction per article)",
        load.as_secs_f64(),
        quads as f64 / load.as_secs_f64()
    );
    let mut times = Vec::new();
    let mut g = None;
    for _ in 0..3 {
        let t = Instant::now();
        g = Some(EntityGraph::from_store(&store).expect("graph built"));
        times.push(t.elapsed());
    }
    let g = g.expect("three runs");
    let best = times.iter().min().copied().unwrap_or_default();
    summary("entity graph from the store", &times);
    println!(
        "    {} entities, {} relations ({} pairs); {:.0} relation triples/s (best run); graph {:.1} MiB",
        g.node_count(),
        g.relation_count(),
        g.pair_count(),
        relation_triples as f64 / best.as_secs_f64(),
        mib(g.heap_bytes())
    );
    let t = Instant::now();
    let _ = newskg::analyze::entity_graph(&store).expect("graph");
    let first = t.elapsed();
    let t = Instant::now();
    let _ = newskg::analyze::entity_graph(&store).expect("graph");
    println!(
        "  cached per process: first call {:.0} ms, second {:.3} ms",
        ms(first),
        ms(t.elapsed())
    );
}

fn main() {
    big_graph();
    betweenness();
    store_build();
    println!("== peak memory of the run (VmHWM): {}", status("VmHWM"));
}
