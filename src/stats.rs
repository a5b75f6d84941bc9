//! What the graph holds: articles, entities by class, facts (relation
//! triples) by predicate, observations by kind and a few example facts in
//! plain words. Computed with SPARQL through the same query path as
//! `newskg query`, by queries that count on the store's indexes rather than
//! decode every node, since a build prints them after every run.

use crate::extract::Predicate;
use crate::query::{parse_query, QueryError};
use crate::store::Store;
use crate::vocab;
use comfy_table::{presets, Table};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Default, Serialize)]
pub struct Stats {
    pub triples: usize,
    pub graphs: usize,
    pub articles: usize,
    pub entities: Vec<(String, usize)>,
    pub facts: Vec<(String, usize)>,
    pub observations: Vec<(String, usize)>,
    pub examples: Vec<String>,
}

fn rows(store: &Store, q: &str) -> Result<Vec<Vec<Option<Term>>>, QueryError> {
    let query = parse_query(q, "stats")?;
    let mut out = Vec::new();
    if let QueryResults::Solutions(s) = store.query(query).map_err(QueryError::Evaluation)? {
        let vars = s.variables().to_vec();
        for sol in s {
            let sol = sol.map_err(|e| QueryError::Evaluation(e.to_string()))?;
            out.push(vars.iter().map(|v| sol.get(v).cloned()).collect());
        }
    }
    Ok(out)
}

fn value(t: &Option<Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_string(),
        Some(Term::NamedNode(n)) => vocab::compact(n.as_str()),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn local(t: &Option<Term>) -> String {
    match t {
        Some(Term::NamedNode(n)) => n
            .as_str()
            .rsplit(['#', '/'])
            .next()
            .unwrap_or("")
            .to_string(),
        other => value(other),
    }
}

fn count(t: &Option<Term>) -> usize {
    value(t).parse().unwrap_or(0)
}

/// How many statements (or observations) of a kind the examples look at.
const SAMPLE: usize = 50;

/// An observation as listed in the examples: node, class, amount, currency,
/// period, (role rank, party label).
type Figure = (String, String, f64, String, String, Vec<(String, String)>);

pub fn compute(store: &Store) -> Result<Stats, QueryError> {
    let mut st = Stats {
        triples: store
            .len()
            .map_err(|e| QueryError::Evaluation(e.to_string()))?,
        graphs: store
            .named_graph_count()
            .map_err(|e| QueryError::Evaluation(e.to_string()))?,
        ..Stats::default()
    };
    st.articles = rows(
        store,
        "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a nkg:Article }",
    )?
    .first()
    .map_or(0, |r| count(&r[0]));
    // Entities by class: the classes are counted on the type index alone;
    // only the members of classes whose sample is an entity are decoded,
    // to count exactly those under the entity namespace.
    let classes = rows(
        store,
        "SELECT ?c (SAMPLE(?e) AS ?x) WHERE { ?e a ?c } GROUP BY ?c",
    )?;
    for r in classes {
        let (Some(Term::NamedNode(c)), Some(Term::NamedNode(x))) = (&r[0], &r[1]) else {
            continue;
        };
        if !vocab::is_entity(x.as_str()) {
            continue;
        }
        let q = format!(
            "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a <{}> FILTER(STRSTARTS(STR(?e), \"{}\")) }}",
            c.as_str(),
            vocab::ENTITY
        );
        let n = rows(store, &q)?.first().map_or(0, |r| count(&r[0]));
        if n > 0 {
            st.entities.push((local(&r[0]), n));
        }
    }
    st.entities
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    // Facts by predicate: the relation triples (what queries see), counted
    // on the predicate index.
    let relations: Vec<String> = Predicate::ALL
        .iter()
        .map(|p| format!(":{}", p.local()))
        .collect();
    st.facts = rows(
        store,
        &format!(
            "SELECT ?p (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o VALUES ?p {{ {} }} }} GROUP BY ?p ORDER BY DESC(?n) ?p",
            relations.join(" ")
        ),
    )?
    .iter()
    .map(|r| (local(&r[0]), count(&r[1])))
    .collect();
    st.observations = rows(
        store,
        "SELECT ?c (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a ?c ; nkg:amount ?a } GROUP BY ?c ORDER BY DESC(?n) ?c",
    )?
    .iter()
    .map(|r| (local(&r[0]), count(&r[1])))
    .collect();
    // One example per predicate, the relations between actors first.
    const ORDER: &[&str] = &[
        "partnersWith",
        "tradesWith",
        "investsIn",
        "signedAgreementWith",
        "metWith",
        "assemblesProductsOf",
        "suppliesTo",
        "visited",
        "participatedIn",
        "officialOf",
        "memberOf",
        "country",
        "locatedIn",
        "hasRole",
    ];
    // Examples come from the first statements of each kind in the store's
    // own order (the same for the same graph), so they cost the same at any
    // size; among those, the alphabetically first pair of labels.
    for p in ORDER {
        if st.examples.len() == 8 {
            break;
        }
        let q = format!(
            r#"SELECT ?sl ?ol WHERE {{
                 {{ SELECT ?s ?o WHERE {{ ?st rdf:predicate :{p} ; rdf:subject ?s ; rdf:object ?o }} LIMIT {SAMPLE} }}
                 ?s rdfs:label ?sl . ?o rdfs:label ?ol .
                 FILTER(LANGMATCHES(LANG(?sl), "en") && LANGMATCHES(LANG(?ol), "en"))
               }} ORDER BY ?sl ?ol LIMIT 1"#
        );
        if let Some(r) = rows(store, &q)?.first() {
            st.examples
                .push(format!("{} —{p}→ {}", value(&r[0]), value(&r[1])));
        }
    }
    // One figure per kind: the largest among the first of that kind.
    let mut figures: Vec<Figure> = Vec::new();
    let kinds: Vec<String> = st.observations.iter().map(|(c, _)| c.clone()).collect();
    for kind in kinds {
        let q = format!(
            r#"SELECT ?o ?amount ?cur ?period WHERE {{
                 {{ SELECT ?o WHERE {{ ?o a :{kind} }} LIMIT {SAMPLE} }}
                 ?o nkg:amount ?amount ; nkg:currency ?cur .
                 OPTIONAL {{ ?o nkg:period ?period }}
               }} ORDER BY DESC(?amount) ?o LIMIT 1"#
        );
        let Some(top) = rows(store, &q)?.into_iter().next() else {
            continue;
        };
        let o = value(&top[0]);
        let parties = format!(
            r#"SELECT DISTINCT ?role ?pl WHERE {{
                 <{}> ?role ?party .
                 VALUES ?role {{ nkg:party nkg:investor nkg:recipient nkg:exporter nkg:importer }}
                 ?party rdfs:label ?pl . FILTER(LANGMATCHES(LANG(?pl), "en"))
               }}"#,
            match &top[0] {
                Some(Term::NamedNode(n)) => n.as_str().to_string(),
                _ => continue,
            }
        );
        let mut f: Figure = (
            o,
            kind,
            value(&top[1]).parse().unwrap_or(0.0),
            value(&top[2]),
            value(&top[3]),
            Vec::new(),
        );
        for r in rows(store, &parties)? {
            let role = local(&r[0]);
            let rank = match role.as_str() {
                "investor" | "exporter" | "party" => "0",
                _ => "1",
            };
            f.5.push((rank.to_string(), value(&r[1])));
        }
        if !f.5.is_empty() {
            figures.push(f);
        }
    }
    figures.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)).then(a.0.cmp(&b.0)));
    let mut kinds_shown = std::collections::HashSet::new();
    for (_, kind, amount, cur, period, mut parties) in figures {
        if !kinds_shown.insert(kind.clone()) {
            continue;
        }
        parties.sort();
        let arrow = if kind == "TradeTurnover" {
            " ↔ "
        } else {
            " → "
        };
        let names: Vec<String> = parties.into_iter().map(|p| p.1).collect();
        st.examples.push(format!(
            "{kind} {}: {} {cur}{}",
            names.join(arrow),
            human_amount(amount),
            if period.is_empty() {
                String::new()
            } else {
                format!(" ({period})")
            }
        ));
    }
    Ok(st)
}

fn human_amount(a: f64) -> String {
    if a >= 1e9 {
        format!("{:.1} billion", a / 1e9)
    } else if a >= 1e6 {
        format!("{:.1} million", a / 1e6)
    } else {
        format!("{a}")
    }
}

pub fn print(st: &Stats, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} articles, {} triples in {} graphs",
        st.articles, st.triples, st.graphs
    )?;
    let section =
        |out: &mut dyn Write, title: &str, items: &[(String, usize)]| -> std::io::Result<()> {
            if items.is_empty() {
                return writeln!(out, "\n{title}: none");
            }
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED);
            t.set_header(vec![title, "count"]);
            for (k, v) in items {
                t.add_row(vec![k.clone(), v.to_string()]);
            }
            writeln!(out, "\n{t}")
        };
    section(out, "entities by class", &st.entities)?;
    section(out, "facts by predicate", &st.facts)?;
    section(out, "observations", &st.observations)?;
    if !st.examples.is_empty() {
        writeln!(out, "\nexamples:")?;
        for e in &st.examples {
            writeln!(out, "  {e}")?;
        }
    }
    Ok(())
}
