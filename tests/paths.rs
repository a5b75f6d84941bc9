//! End-to-end tests of path analysis through the binary, on the sample
//! corpus: `path`, `neighbors`, `rank`, `components` and `nkg:hopCount`.
//!
//! Answers are checked against the store itself: the relations between
//! entities are read back with `newskg query`, and the tests compute
//! distances, simple paths, components and betweenness from that edge list
//! on their own.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

const ID: &str = "http://newskg.org/id/";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newskg(store: &Path) -> Command {
    let mut c = Command::cargo_bin("newskg").unwrap();
    c.env_remove("NEWSKG_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(store);
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(store: &Path, args: &[&str]) -> Run {
    let out = newskg(store).args(args).output().unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "{}",
        r.stderr
    );
    r
}

fn ok(store: &Path, args: &[&str]) -> String {
    let r = run(store, args);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn json(store: &Path, args: &[&str], code: i32) -> Value {
    let r = run(store, args);
    assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// The sample corpus built into a fresh store (`dir/kg`).
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    newskg(&store)
        .arg("build")
        .arg(root().join("corpus"))
        .arg("--quiet")
        .assert()
        .success();
    (dir, store)
}

fn id(slug: &str) -> String {
    format!("{ID}{slug}")
}

/// SELECT rows: each variable's value (IRI or literal lexical form), "" when unbound.
fn rows(store: &Path, q: &str) -> Vec<Vec<String>> {
    let v: Value = serde_json::from_str(&ok(store, &["query", q, "--format", "json"])).unwrap();
    let vars: Vec<&str> = v["head"]["vars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            vars.iter()
                .map(|x| b[*x]["value"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

/// What the tests know of the graph, read from the store with SPARQL.
struct Oracle {
    /// (subject, predicate local name, object)
    edges: Vec<(String, String, String)>,
    entities: BTreeSet<String>,
    adj: BTreeMap<String, BTreeSet<String>>,
}

impl Oracle {
    fn read(store: &Path) -> Oracle {
        let edges: Vec<(String, String, String)> = rows(
            store,
            r#"SELECT ?s ?p ?o WHERE { ?s ?p ?o
                 FILTER(STRSTARTS(STR(?s), "http://newskg.org/id/")
                     && STRSTARTS(STR(?o), "http://newskg.org/id/")
                     && STRSTARTS(STR(?p), "http://newskg.org/ontology#")) }"#,
        )
        .into_iter()
        .map(|r| {
            let p = r[1].rsplit('#').next().unwrap().to_string();
            (r[0].clone(), p, r[2].clone())
        })
        .collect();
        let mut entities: BTreeSet<String> = rows(
            store,
            r#"SELECT DISTINCT ?e WHERE { ?e rdfs:label ?l FILTER(STRSTARTS(STR(?e), "http://newskg.org/id/")) }"#,
        )
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
        let mut adj: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (s, _, o) in &edges {
            entities.insert(s.clone());
            entities.insert(o.clone());
            if s != o {
                adj.entry(s.clone()).or_default().insert(o.clone());
                adj.entry(o.clone()).or_default().insert(s.clone());
            }
        }
        for e in &entities {
            adj.entry(e.clone()).or_default();
        }
        Oracle {
            edges,
            entities,
            adj,
        }
    }

    fn distances(&self, from: &str) -> HashMap<String, usize> {
        let mut d = HashMap::from([(from.to_string(), 0)]);
        let mut q = VecDeque::from([from.to_string()]);
        while let Some(u) = q.pop_front() {
            for v in &self.adj[&u] {
                if !d.contains_key(v) {
                    d.insert(v.clone(), d[&u] + 1);
                    q.push_back(v.clone());
                }
            }
        }
        d
    }

    fn simple_paths(&self, from: &str, to: &str, max_hops: usize) -> BTreeSet<Vec<String>> {
        fn go(
            o: &Oracle,
            path: &mut Vec<String>,
            to: &str,
            max: usize,
            out: &mut BTreeSet<Vec<String>>,
        ) {
            let u = path.last().unwrap().clone();
            if u == to {
                out.insert(path.clone());
                return;
            }
            if path.len() > max {
                return;
            }
            for v in &o.adj[&u] {
                if !path.contains(v) {
                    path.push(v.clone());
                    go(o, path, to, max, out);
                    path.pop();
                }
            }
        }
        let mut out = BTreeSet::new();
        go(self, &mut vec![from.to_string()], to, max_hops, &mut out);
        out
    }

    fn components(&self) -> Vec<BTreeSet<String>> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for e in &self.entities {
            if seen.contains(e) {
                continue;
            }
            let c: BTreeSet<String> = self.distances(e).into_keys().collect();
            seen.extend(c.iter().cloned());
            out.push(c);
        }
        out
    }

    /// Betweenness by brute force: shortest-path counts from every entity.
    fn betweenness(&self) -> HashMap<String, f64> {
        let nodes: Vec<&String> = self.entities.iter().collect();
        let mut dist: HashMap<(&str, &str), usize> = HashMap::new();
        let mut sigma: HashMap<(&str, &str), f64> = HashMap::new();
        for s in &nodes {
            let mut q = VecDeque::from([s.as_str()]);
            dist.insert((s, s), 0);
            sigma.insert((s, s), 1.0);
            while let Some(v) = q.pop_front() {
                for w in &self.adj[v] {
                    let dv = dist[&(s.as_str(), v)];
                    if !dist.contains_key(&(s.as_str(), w.as_str())) {
                        dist.insert((s, w), dv + 1);
                        q.push_back(w);
                    }
                    if dist[&(s.as_str(), w.as_str())] == dv + 1 {
                        let add = sigma[&(s.as_str(), v)];
                        *sigma.entry((s, w)).or_insert(0.0) += add;
                    }
                }
            }
        }
        let mut bc: HashMap<String, f64> = nodes.iter().map(|n| ((*n).clone(), 0.0)).collect();
        for (i, s) in nodes.iter().enumerate() {
            for t in &nodes[i + 1..] {
                let Some(&dst) = dist.get(&(s.as_str(), t.as_str())) else {
                    continue;
                };
                for v in &nodes {
                    if v == s || v == t {
                        continue;
                    }
                    if let (Some(a), Some(b)) = (
                        dist.get(&(s.as_str(), v.as_str())),
                        dist.get(&(v.as_str(), t.as_str())),
                    ) {
                        if a + b == dst {
                            *bc.get_mut(*v).unwrap() += sigma[&(s.as_str(), v.as_str())]
                                * sigma[&(v.as_str(), t.as_str())]
                                / sigma[&(s.as_str(), t.as_str())];
                        }
                    }
                }
            }
        }
        bc
    }
}

fn step_iris(path: &Value) -> Vec<String> {
    let steps = path["steps"].as_array().unwrap();
    let mut out: Vec<String> = steps
        .iter()
        .map(|s| s["from"]["iri"].as_str().unwrap().to_string())
        .collect();
    if let Some(last) = steps.last() {
        out.push(last["to"]["iri"].as_str().unwrap().to_string());
    }
    out
}

#[test]
fn minsk_tractor_works_reaches_russia_hop_by_hop_with_evidence() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    let d = oracle.distances(&id("minsk-tractor-works"));
    assert_eq!(d[&id("russia")], 3);

    let text = ok(&store, &["path", "Minsk Tractor Works", "Russia"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Minsk Tractor Works → Russia: 3 hops (shortest)");
    assert!(
        lines[1].starts_with("  Minsk Tractor Works —country→ Belarus (Trend, 2018-08-20: \""),
        "{text}"
    );
    assert!(lines[1].contains("Belarusian MTZ tractors"), "{text}");
    assert!(
        text.contains("\n  Belarus —partnersWith→ Azerbaijan (3 articles; "),
        "{text}"
    );
    assert!(
        text.contains("\n  Azerbaijan —partnersWith→ Russia ("),
        "{text}"
    );
    // Other relations of a hop, with their stored direction.
    assert!(
        text.contains("Belarus ←investsIn— Azerbaijan (1 article)"),
        "{text}"
    );

    let v = json(
        &store,
        &[
            "path",
            "id:minsk-tractor-works",
            "id:russia",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v["found"], true);
    let path = &v["paths"][0];
    assert_eq!(path["hops"], 3);
    assert_eq!(
        step_iris(path),
        [
            id("minsk-tractor-works"),
            id("belarus"),
            id("azerbaijan"),
            id("russia")
        ]
    );
    for step in path["steps"].as_array().unwrap() {
        let (a, b) = (
            step["from"]["iri"].as_str().unwrap(),
            step["to"]["iri"].as_str().unwrap(),
        );
        let rels = step["relations"].as_array().unwrap();
        assert!(!rels.is_empty());
        // Every relation of the hop is in the store, and so are its
        // articles and sentences.
        for r in rels {
            let (s, p, o) = (
                r["subject"].as_str().unwrap(),
                r["predicate"].as_str().unwrap(),
                r["object"].as_str().unwrap(),
            );
            assert!([a, b].contains(&s) && [a, b].contains(&o));
            let sym = r["direction"] == "symmetric";
            assert!(oracle
                .edges
                .iter()
                .any(|e| (e.0 == s && e.1 == p && e.2 == o)
                    || (sym && e.0 == o && e.1 == p && e.2 == s)));
            let ends = if sym {
                format!("{{ ?st rdf:subject <{s}> ; rdf:object <{o}> }} UNION {{ ?st rdf:subject <{o}> ; rdf:object <{s}> }}")
            } else {
                format!("?st rdf:subject <{s}> ; rdf:object <{o}> .")
            };
            let stated = rows(
                &store,
                &format!(
                    "SELECT DISTINCT ?a ?text WHERE {{ {ends} ?st rdf:predicate :{p} ; prov:wasDerivedFrom ?a ; :evidence/:text ?text }}"
                ),
            );
            let articles: BTreeSet<&String> = stated.iter().map(|r| &r[0]).collect();
            assert_eq!(
                r["articles"].as_u64().unwrap() as usize,
                articles.len(),
                "{r}"
            );
            let evidence = r["evidence"].as_array().unwrap();
            assert_eq!(evidence.len(), stated.len().min(3));
            for e in evidence {
                let sentence = e["sentence"].as_str().unwrap();
                assert!(stated.iter().any(|r| r[1] == sentence), "{sentence}");
                assert!(articles.contains(&e["article"].as_str().unwrap().to_string()));
            }
        }
    }
    // The first step's quote comes from Trend's article of 2018-08-20.
    let first = &path["steps"][0]["relations"][0];
    assert_eq!(first["predicate"], "country");
    assert_eq!(first["direction"], "forward");
    assert_eq!(first["evidence"][0]["publisher"], "Trend");
    assert_eq!(first["evidence"][0]["date"], "2018-08-20");

    // The same path from the Russian labels.
    let v = json(
        &store,
        &[
            "path",
            "минский тракторный завод",
            "РОССИЯ",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v["paths"][0]["hops"], 3);
}

#[test]
fn all_simple_paths_match_an_independent_enumeration() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    let (from, to) = (id("minsk-tractor-works"), id("russia"));
    for max in [3usize, 4, 5] {
        let want = oracle.simple_paths(&from, &to, max);
        let v = json(
            &store,
            &[
                "path",
                &from,
                &to,
                "--all",
                "--max-hops",
                &max.to_string(),
                "--limit",
                "100000",
                "--format",
                "json",
            ],
            0,
        );
        assert_eq!(v["total_paths"].as_u64().unwrap() as usize, want.len());
        let paths = v["paths"].as_array().unwrap();
        let got: BTreeSet<Vec<String>> = paths.iter().map(step_iris).collect();
        assert_eq!(got, want, "max {max}");
        // Ranked: fewer hops first, then the better supported weakest hop.
        let keys: Vec<(u64, i64)> = paths
            .iter()
            .map(|p| {
                (
                    p["hops"].as_u64().unwrap(),
                    -p["weakest_hop_articles"].as_i64().unwrap(),
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        assert_eq!(paths[0]["hops"], 3);
    }
    // --limit shows fewer, counts all.
    let v = json(
        &store,
        &[
            "path", &from, &to, "--all", "--limit", "2", "--format", "json",
        ],
        0,
    );
    assert_eq!(v["paths"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["total_paths"].as_u64().unwrap() as usize,
        oracle.simple_paths(&from, &to, 4).len()
    );
    let text = ok(&store, &["path", &from, &to, "--all", "--limit", "2"]);
    assert!(text.starts_with(&format!(
        "Minsk Tractor Works → Russia: {} simple paths of at most 4 hops; the best 2",
        oracle.simple_paths(&from, &to, 4).len()
    )));
    assert!(
        text.contains("\n1. 3 hops, weakest hop 1 article\n"),
        "{text}"
    );
}

#[test]
fn relation_and_direction_filters() {
    let (_dir, store) = built();
    let mtw = "Minsk Tractor Works";
    // Along the arrows MTW reaches Russia, not the other way round: nothing
    // points into MTW but Ganja Automobile Plant's (symmetric) partnership.
    assert_eq!(run(&store, &["path", mtw, "Russia", "--directed"]).code, 0);
    let r = run(&store, &["path", "Russia", mtw, "--directed"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "No path leads from Russia to Minsk Tractor Works following the relations' direction.\n"
    );
    // Partnerships alone do not lead from MTW to Russia; with country they do.
    let r = run(&store, &["path", mtw, "Russia", "--via", "partnersWith"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "No path connects Minsk Tractor Works and Russia through partnersWith.\n"
    );
    let v = json(
        &store,
        &[
            "path",
            mtw,
            "Russia",
            "--via",
            "partnersWith,country",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v["via"], serde_json::json!(["partnersWith", "country"]));
    assert_eq!(v["paths"][0]["hops"], 3);
    for step in v["paths"][0]["steps"].as_array().unwrap() {
        for r in step["relations"].as_array().unwrap() {
            assert!(["partnersWith", "country"].contains(&r["predicate"].as_str().unwrap()));
        }
    }
    // A hop limit.
    let r = run(&store, &["path", mtw, "Russia", "--max-hops", "2"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "No path connects Minsk Tractor Works and Russia within 2 hops.\n"
    );
    // Bad relation names are named, with the valid ones.
    let r = run(
        &store,
        &["path", mtw, "Russia", "--via", "partnersWith,friendsWith"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("--via: unknown relation \"friendsWith\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("partnersWith, investsIn, tradesWith"));
    assert_eq!(r.stderr.lines().count(), 1);
    let r = run(&store, &["path", mtw, "Russia", "--via", "hasRole"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--via: hasRole"), "{}", r.stderr);
    let r = run(&store, &["path", mtw, "Russia", "--max-hops", "0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--max-hops"));
}

#[test]
fn no_path_same_node_unknown_and_ambiguous_entities() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    assert!(!oracle.distances(&id("armenia")).contains_key(&id("russia")));

    let r = run(&store, &["path", "Armenia", "Russia"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "No path connects Armenia and Russia.\n");
    let v = json(
        &store,
        &["path", "Armenia", "Russia", "--format", "json"],
        1,
    );
    assert_eq!(v["found"], false);
    assert_eq!(v["paths"], serde_json::json!([]));
    let v = json(
        &store,
        &["path", "Armenia", "Russia", "--all", "--format", "json"],
        1,
    );
    assert_eq!(v["total_paths"], 0);

    let r = run(&store, &["path", "Belarus", "id:belarus"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "Belarus and Belarus are the same entity (id:belarus): a path of 0 hops.\n"
    );
    let v = json(
        &store,
        &[
            "path",
            "belarus",
            "<http://newskg.org/id/belarus>",
            "--format",
            "json",
        ],
        0,
    );
    assert_eq!(v["paths"][0]["hops"], 0);
    assert_eq!(v["paths"][0]["steps"], serde_json::json!([]));

    let r = run(&store, &["path", "Minsk Tractor Work", "Russia"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "newskg: FROM: no entity is called \"Minsk Tractor Work\"; did you mean Minsk Tractor Works (id:minsk-tractor-works)?\n"
    );
    let r = run(&store, &["path", "Belarus", "id:rusia"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "newskg: TO: no entity is called \"id:rusia\"; did you mean Russia (id:russia)"
        ),
        "{}",
        r.stderr
    );
    let r = run(&store, &["neighbors", "Atlantis"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("ENTITY: no entity is called \"Atlantis\""),
        "{}",
        r.stderr
    );
    let r = run(&store, &["path", "Belarus", "nkg:Country"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("TO: nkg:Country is not an entity"),
        "{}",
        r.stderr
    );

    // A second entity labelled "Belarus" makes the label ambiguous.
    ok(
        &store,
        &[
            "load",
            root()
                .join("tests/fixtures/belarus-tractor.ttl")
                .to_str()
                .unwrap(),
        ],
    );
    let r = run(&store, &["path", "Belarus", "Russia"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "newskg: FROM: \"Belarus\" names 2 entities: Belarus (id:belarus), Belarus (id:belarus-tractor); give the IRI or prefixed name of the one you mean\n"
    );
    assert_eq!(run(&store, &["path", "id:belarus", "Russia"]).code, 0);
    // The brand has no relations: no path reaches it.
    let r = run(&store, &["path", "id:belarus-tractor", "Russia"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "No path connects Belarus and Russia.\n");
}

#[test]
fn neighbors_match_the_relations_in_the_store() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    let by = id("belarus");
    let d = oracle.distances(&by);
    for hops in [1usize, 2, 3] {
        let v = json(
            &store,
            &[
                "neighbors",
                "Belarus",
                "--hops",
                &hops.to_string(),
                "--format",
                "json",
            ],
            0,
        );
        let got: BTreeMap<String, u64> = v["neighbours"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["entity"]["iri"].as_str().unwrap().to_string(),
                    n["hops"].as_u64().unwrap(),
                )
            })
            .collect();
        let want: BTreeMap<String, u64> = d
            .iter()
            .filter(|(e, k)| **k >= 1 && **k <= hops && **e != by)
            .map(|(e, k)| (e.clone(), *k as u64))
            .collect();
        assert_eq!(got, want, "hops {hops}");
        for n in v["neighbours"].as_array().unwrap() {
            let via = n["via"]["iri"].as_str().unwrap();
            let k = n["hops"].as_u64().unwrap() as usize;
            assert_eq!(d[via], k - 1);
            assert!(!n["relations"].as_array().unwrap().is_empty());
        }
    }
    let text = ok(&store, &["neighbours", "Belarus"]);
    assert!(text.starts_with(&format!(
        "Belarus (id:belarus): {} entities within 1 hop\n  1 hop:\n",
        oracle.adj[&by].len()
    )));
    assert!(text.contains("    Minsk Tractor Works (id:minsk-tractor-works): Belarus ←country— Minsk Tractor Works (1 article)\n"), "{text}");
}

#[test]
fn rank_by_degree_pagerank_and_betweenness() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    let all = oracle.entities.len().to_string();

    let v = json(&store, &["rank", "--top", &all, "--format", "json"], 0);
    let top = v["top"].as_array().unwrap();
    assert_eq!(top.len(), oracle.entities.len());
    assert_eq!(
        v["entities"].as_u64().unwrap() as usize,
        oracle.entities.len()
    );
    for row in top {
        let iri = row["iri"].as_str().unwrap();
        assert_eq!(
            row["score"].as_f64().unwrap() as usize,
            oracle.adj[iri].len(),
            "{iri}"
        );
    }
    let scores: Vec<f64> = top.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    let best = oracle.adj.values().map(BTreeSet::len).max().unwrap();
    assert_eq!(scores[0] as usize, best);

    let v = json(
        &store,
        &[
            "rank", "--by", "pagerank", "--top", &all, "--format", "json",
        ],
        0,
    );
    let pr: f64 = v["top"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .sum();
    assert!((pr - 1.0).abs() < 1e-6, "{pr}");
    let first_two: BTreeSet<&str> = v["top"].as_array().unwrap()[..2]
        .iter()
        .map(|r| r["iri"].as_str().unwrap())
        .collect();
    assert_eq!(
        first_two,
        BTreeSet::from([id("azerbaijan").as_str(), id("russia").as_str()])
    );

    let v = json(
        &store,
        &[
            "rank",
            "--by",
            "betweenness",
            "--top",
            &all,
            "--format",
            "json",
        ],
        0,
    );
    let brute = oracle.betweenness();
    for row in v["top"].as_array().unwrap() {
        let iri = row["iri"].as_str().unwrap();
        let got = row["score"].as_f64().unwrap();
        assert!(
            (got - brute[iri]).abs() < 1e-6,
            "{iri}: {got} != {}",
            brute[iri]
        );
    }
    assert_eq!(v["top"][0]["iri"], id("azerbaijan"));

    let text = ok(&store, &["rank", "--by", "betweenness", "--top", "3"]);
    assert!(text.contains("Azerbaijan"), "{text}");
    assert!(
        text.contains(&format!("3 of {all} entities by betweenness")),
        "{text}"
    );
    let r = run(&store, &["rank", "--by", "betweenness", "--weighted"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--weighted"));
    let r = run(&store, &["rank", "--by", "closeness"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("degree") && r.stderr.contains("pagerank"));
}

#[test]
fn components_cover_every_entity_once() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    let want = oracle.components();
    let v = json(
        &store,
        &["components", "--top", "1000", "--format", "json"],
        0,
    );
    assert_eq!(v["components"].as_u64().unwrap() as usize, want.len());
    assert_eq!(
        v["entities"].as_u64().unwrap() as usize,
        oracle.entities.len()
    );
    let got: Vec<BTreeSet<String>> = v["shown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let m: BTreeSet<String> = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["iri"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(c["size"].as_u64().unwrap() as usize, m.len());
            m
        })
        .collect();
    let sizes: Vec<usize> = got.iter().map(BTreeSet::len).collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]));
    let as_set =
        |cs: &[BTreeSet<String>]| -> BTreeSet<BTreeSet<String>> { cs.iter().cloned().collect() };
    assert_eq!(as_set(&got), as_set(&want));
    assert!(got[0].contains(&id("minsk-tractor-works")) && got[0].contains(&id("russia")));
    assert!(got
        .iter()
        .any(|c| c.contains(&id("armenia")) && c.contains(&id("customs-union"))));

    let text = ok(&store, &["components", "--top", "2"]);
    assert!(text.starts_with(&format!(
        "{} connected components among {} entities\n  1. {} entities: ",
        want.len(),
        oracle.entities.len(),
        sizes[0]
    )));
    // The largest component lists its first 25 members by label.
    let first = text.lines().nth(1).unwrap();
    assert_eq!(first.matches(", ").count(), 24, "{first}");
    assert!(first.ends_with(&format!(
        " and {} more (--format json lists all)",
        sizes[0] - 25
    )));
    assert!(
        text.contains("\n  2. 3 entities: Armenia, Customs Union, Eurasian Economic Union\n"),
        "{text}"
    );
    assert!(text.contains(&format!("  ... and {} more components", want.len() - 2)));
}

#[test]
fn hop_count_in_sparql() {
    let (_dir, store) = built();
    let oracle = Oracle::read(&store);
    let d = oracle.distances(&id("minsk-tractor-works"));
    let out = ok(
        &store,
        &[
            "query",
            r#"SELECT ?x (nkg:hopCount(id:minsk-tractor-works, ?x) AS ?h) WHERE {
                 ?x rdfs:label ?l FILTER(STRSTARTS(STR(?x), "http://newskg.org/id/")) }"#,
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut checked = BTreeSet::new();
    for b in v["results"]["bindings"].as_array().unwrap() {
        let x = b["x"]["value"].as_str().unwrap();
        let h = b.get("h").map(|h| {
            assert_eq!(h["datatype"], "http://www.w3.org/2001/XMLSchema#integer");
            h["value"].as_str().unwrap().parse::<usize>().unwrap()
        });
        assert_eq!(h, d.get(x).copied(), "{x}");
        checked.insert(x.to_string());
    }
    assert_eq!(checked.len(), oracle.entities.len());
    assert!(d.len() > 1 && d.len() < oracle.entities.len());

    let out = ok(
        &store,
        &[
            "query",
            "SELECT (nkg:directedHopCount(id:minsk-tractor-works, id:russia) AS ?there) (nkg:directedHopCount(id:russia, id:minsk-tractor-works) AS ?back) WHERE {}",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out, "there,back\r\n3,\r\n");
}

#[test]
fn facts_added_or_removed_by_update_change_the_paths() {
    let (_dir, store) = built();
    let mtw = "id:minsk-tractor-works";
    // Minsk Tractor Works reaches Russia through its own country and
    // through the plants it works with; without the three plants' countries
    // it only reaches Ganja Automobile Plant and MAZ.
    let r = run(&store, &["path", mtw, "id:russia"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    ok(
        &store,
        &[
            "update",
            "DELETE DATA { id:minsk-tractor-works :country id:belarus . \
             id:ganja-automobile-plant :country id:azerbaijan . id:maz :country id:belarus }",
        ],
    );
    let r = run(&store, &["path", mtw, "id:russia"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let near = ok(&store, &["neighbors", mtw, "--hops", "3"]);
    assert!(near.contains(": 2 entities within 3 hops"), "{near}");
    assert!(
        near.contains("Ganja Automobile Plant") && near.contains("MAZ"),
        "{near}"
    );
    // A fact added by hand links Armenia to Russia; no article states it.
    ok(
        &store,
        &["update", "INSERT DATA { id:armenia :tradesWith id:russia }"],
    );
    let text = ok(&store, &["path", "Armenia", "Russia"]);
    assert_eq!(
        text,
        "Armenia → Russia: 1 hop (shortest)\n  Armenia —tradesWith→ Russia (no article recorded)\n"
    );
    let v = json(
        &store,
        &["path", "Armenia", "Russia", "--all", "--format", "json"],
        0,
    );
    let best = &v["paths"][0];
    assert_eq!(best["hops"], 1);
    assert_eq!(best["weakest_hop_articles"], 0);
    assert_eq!(best["steps"][0]["relations"][0]["articles"], 0);
    assert_eq!(
        best["steps"][0]["relations"][0]["evidence"],
        serde_json::json!([])
    );
}

/// The kept entity graph as a build left it, and as a scan of the store
/// writes it again (the file is removed, an analysis rebuilds it).
fn kept_and_scanned(store: &Path) -> (Vec<u8>, Vec<u8>) {
    let file = store.join("entity-graph.bin");
    let kept = std::fs::read(&file).expect("the build keeps the entity graph");
    std::fs::remove_file(&file).unwrap();
    ok(store, &["path", "id:minsk-tractor-works", "id:russia"]);
    (
        kept,
        std::fs::read(&file).expect("the analysis keeps the graph"),
    )
}

#[test]
fn the_entity_graph_kept_beside_the_store_follows_every_write() {
    let (dir, store) = built();
    let file = store.join("entity-graph.bin");
    // The build leaves the graph a scan of the store gives, byte for byte.
    let (kept, scanned) = kept_and_scanned(&store);
    assert!(
        kept == scanned,
        "the build's graph differs from the store's"
    );
    let answer = ok(&store, &["path", "id:minsk-tractor-works", "id:russia"]);
    // A fresh process reads the file and answers the same.
    assert_eq!(
        ok(&store, &["path", "id:minsk-tractor-works", "id:russia"]),
        answer
    );
    // A build that adds an article adds it to the kept graph.
    let extra = dir.path().join("extra.txt");
    std::fs::write(
        &extra,
        "Armenia and Mongolia signed an agreement on trade in Yerevan on Monday.\n",
    )
    .unwrap();
    newskg(&store)
        .args(["build", "--quiet"])
        .arg(&extra)
        .assert()
        .success();
    let text = ok(&store, &["path", "Armenia", "Mongolia"]);
    assert!(text.contains("signedAgreementWith"), "{text}");
    let (kept, scanned) = kept_and_scanned(&store);
    assert!(
        kept == scanned,
        "the added article's graph differs from the store's"
    );
    // A build that replaces an article removes it (the article may have
    // taken relations away); the next analysis scans the store.
    std::fs::write(&extra, "Armenia and Mongolia are partners.\n").unwrap();
    newskg(&store)
        .args(["build", "--quiet"])
        .arg(&extra)
        .assert()
        .success();
    assert!(
        !file.exists(),
        "a build that replaces an article removes the kept graph"
    );
    let text = ok(&store, &["path", "Armenia", "Mongolia"]);
    assert!(
        text.contains("partnersWith") && !text.contains("signedAgreementWith"),
        "{text}"
    );
    assert!(file.exists());
    // So do an update and a load.
    ok(
        &store,
        &[
            "update",
            "INSERT DATA { id:armenia :tradesWith id:mongolia }",
        ],
    );
    assert!(!file.exists(), "an update removes the kept graph");
    ok(&store, &["rank", "--top", "1"]);
    assert!(file.exists());
    let ttl = dir.path().join("more.ttl");
    std::fs::write(
        &ttl,
        "<http://newskg.org/id/mongolia> <http://newskg.org/ontology#tradesWith> <http://newskg.org/id/russia> .\n",
    )
    .unwrap();
    newskg(&store).arg("load").arg(&ttl).assert().success();
    assert!(!file.exists(), "a load removes the kept graph");
    let text = ok(
        &store,
        &["path", "Armenia", "Russia", "--via", "tradesWith"],
    );
    assert!(text.contains("2 hops"), "{text}");
    // A damaged file is not trusted: it is rebuilt from the store.
    std::fs::write(&file, b"newskg-graph v1\n\x05garbage").unwrap();
    let again = ok(
        &store,
        &["path", "Armenia", "Russia", "--via", "tradesWith"],
    );
    assert_eq!(again, text);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (_dir, store) = built();
    for format in ["text", "json"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newskg"))
            .env_remove("NEWSKG_STORE")
            .arg("--store")
            .arg(&store)
            .args(["path", "Belarus", "Russia", "--all", "--max-hops", "12"])
            .args(["--limit", "100000", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn every_analysis_command_has_examples() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["path", "neighbors", "rank", "components"] {
        let out = ok(&dir.path().join("none"), &[cmd, "--help"]);
        assert!(out.contains("Examples:\n  newskg "), "{cmd}: {out}");
    }
    // No store: one sentence, exit 2.
    let r = run(&dir.path().join("none"), &["rank"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("there is no store at"), "{}", r.stderr);
}
