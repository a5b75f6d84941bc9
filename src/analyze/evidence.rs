//! The evidence for a relation: the sentences and articles that state it,
//! read from the store's reified statements when a hop is shown (the graph
//! itself keeps only counts, so its size does not grow with the text).

use super::graph::{EntityGraph, Relation};
use crate::query::{parse_query, QueryError};
use crate::store::Store;
use crate::vocab;
use oxigraph::model::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::sparql::QueryResults;
use serde::Serialize;

/// One sentence stating a relation, with its article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// The statements of `r` (either way round when it is symmetric), most
/// recent article first, at most `limit`. Read by index lookups from the
/// reified statements (`rdf:subject`, `rdf:predicate`, `rdf:object`,
/// `prov:wasDerivedFrom`, `nkg:evidence`) and their articles' metadata, so
/// the cost is that of the relation's own statements, not of the store.
pub fn evidence(
    store: &Store,
    g: &EntityGraph,
    r: &Relation,
    limit: usize,
) -> Result<Vec<Evidence>, QueryError> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut ends = vec![(g.iri(r.subject), g.iri(r.object))];
    if r.symmetric() {
        ends.push((g.iri(r.object), g.iri(r.subject)));
    }
    let predicate = r.predicate.local();
    if let Some(index) = g.article_index() {
        let found = from_articles(store, &ends, predicate, index.articles_of(r), limit)?;
        // Statements outside the articles' graphs (RDF loaded by hand) are
        // still found by the search below.
        if !found.is_empty() {
            return Ok(found);
        }
    }
    // Each statement's article and its date, to order them; then the
    // sentences of the first articles, until `limit` are found.
    let mut stated: Vec<(Option<String>, String, NamedOrBlankNode)> = Vec::new();
    for (s, o) in &ends {
        for st in statements(store, s, predicate, o)? {
            let article = first(store, &st, vocab::PROV_WAS_DERIVED_FROM)?.unwrap_or_default();
            let date = if article.is_empty() {
                None
            } else {
                first(store, &node(&article), vocab::DC_DATE)?
            };
            stated.push((date, article, st));
        }
    }
    // Most recent first (undated last), then by article.
    stated.sort_by(|a, b| {
        b.0.is_some()
            .cmp(&a.0.is_some())
            .then_with(|| b.0.cmp(&a.0))
            .then_with(|| a.1.cmp(&b.1))
    });
    let mut out: Vec<Evidence> = Vec::new();
    let mut i = 0;
    while i < stated.len() && out.len() < limit {
        let (date, article) = (stated[i].0.clone(), stated[i].1.clone());
        let mut sentences = Vec::new();
        while i < stated.len() && stated[i].0 == date && stated[i].1 == article {
            sentences.extend(sentences_of(store, &stated[i].2)?);
            i += 1;
        }
        add_article(store, &article, date, sentences, limit, &mut out)?;
    }
    Ok(out)
}

/// The evidence from the articles that state a relation, most recent
/// first: each article's statements of it are found in its own graph.
fn from_articles(
    store: &Store,
    ends: &[(&str, &str)],
    predicate: &str,
    articles: Vec<(&str, &str)>,
    limit: usize,
) -> Result<Vec<Evidence>, QueryError> {
    let mut out: Vec<Evidence> = Vec::new();
    for (graph, date) in articles {
        if out.len() >= limit {
            break;
        }
        let mut sentences = Vec::new();
        for (s, o) in ends {
            for st in statements_in(store, graph, s, predicate, o)? {
                sentences.extend(sentences_of(store, &st)?);
            }
        }
        if !sentences.is_empty() {
            let date = (!date.is_empty()).then(|| date.to_string());
            add_article(store, graph, date, sentences, limit, &mut out)?;
        }
    }
    Ok(out)
}

/// Adds an article's sentences, by position, to `out` (up to `limit`).
fn add_article(
    store: &Store,
    article: &str,
    date: Option<String>,
    mut sentences: Vec<(i64, Option<String>)>,
    limit: usize,
    out: &mut Vec<Evidence>,
) -> Result<(), QueryError> {
    sentences.sort();
    let (publisher, source) = if article.is_empty() {
        (None, None)
    } else {
        let a = node(article);
        (
            first(store, &a, vocab::DC_PUBLISHER)?,
            first(store, &a, vocab::NKG_SOURCE)?,
        )
    };
    for (_, sentence) in sentences {
        let e = Evidence {
            article: article.to_string(),
            publisher: publisher.clone(),
            date: date.clone(),
            source: source.clone(),
            sentence,
        };
        if out.len() < limit && !out.contains(&e) {
            out.push(e);
        }
    }
    Ok(())
}

/// A statement's sentences: (start offset, text); one without position
/// or text when it names none.
fn sentences_of(
    store: &Store,
    st: &NamedOrBlankNode,
) -> Result<Vec<(i64, Option<String>)>, QueryError> {
    let found = store
        .objects(st, vocab::NKG_EVIDENCE)
        .map_err(store_error)?;
    if found.is_empty() {
        return Ok(vec![(i64::MAX, None)]);
    }
    let mut out = Vec::new();
    for sentence in found {
        if let Term::NamedNode(n) = sentence {
            let n = NamedOrBlankNode::NamedNode(n);
            let start = first(store, &n, vocab::NKG_START)?
                .and_then(|s| s.parse().ok())
                .unwrap_or(i64::MAX);
            out.push((start, first(store, &n, vocab::NKG_TEXT)?));
        }
    }
    Ok(out)
}

/// The first (smallest) value of `subject p ?v`: a literal's lexical form
/// or an IRI.
fn first(
    store: &Store,
    subject: &NamedOrBlankNode,
    p: NamedNodeRef<'_>,
) -> Result<Option<String>, QueryError> {
    Ok(store
        .objects(subject, p)
        .map_err(store_error)?
        .into_iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some(l.value().to_string()),
            Term::NamedNode(n) => Some(n.into_string()),
            _ => None,
        })
        .min())
}

fn node(iri: &str) -> NamedOrBlankNode {
    NamedOrBlankNode::NamedNode(NamedNode::new_unchecked(iri))
}

fn store_error(e: crate::store::StoreError) -> QueryError {
    QueryError::Evaluation(e.to_string())
}

/// The reified statements `subject predicate object` in one article's graph.
fn statements_in(
    store: &Store,
    graph: &str,
    subject: &str,
    predicate: &str,
    object: &str,
) -> Result<Vec<NamedOrBlankNode>, QueryError> {
    select_statements(
        store,
        &format!(
            "SELECT DISTINCT ?st WHERE {{ GRAPH <{graph}> {{ ?st rdf:subject <{subject}> ; rdf:object <{object}> ; rdf:predicate nkg:{predicate} }} }}"
        ),
    )
}

/// The reified statements `subject predicate object`: a query, so that the
/// store joins its indexes on ids and decodes only the statements found.
fn statements(
    store: &Store,
    subject: &str,
    predicate: &str,
    object: &str,
) -> Result<Vec<NamedOrBlankNode>, QueryError> {
    select_statements(
        store,
        &format!(
            "SELECT DISTINCT ?st WHERE {{ ?st rdf:subject <{subject}> ; rdf:object <{object}> ; rdf:predicate nkg:{predicate} }}"
        ),
    )
}

/// The `?st` values of a SELECT.
fn select_statements(store: &Store, text: &str) -> Result<Vec<NamedOrBlankNode>, QueryError> {
    let query = parse_query(text, "evidence")?;
    let QueryResults::Solutions(solutions) = store.query(query).map_err(QueryError::Evaluation)?
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| QueryError::Evaluation(e.to_string()))?;
        match s.get("st") {
            Some(Term::NamedNode(n)) => out.push(NamedOrBlankNode::NamedNode(n.clone())),
            Some(Term::BlankNode(b)) => out.push(NamedOrBlankNode::BlankNode(b.clone())),
            _ => {}
        }
    }
    Ok(out)
}

/// Where an excerpt may start or end: a char boundary.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A sentence cut to at most about `max` characters around the first and
/// last mention of `names` (case-insensitive), with "..." where it was cut.
pub fn excerpt(sentence: &str, names: &[&str], max: usize) -> String {
    let sentence = sentence.trim();
    if sentence.chars().count() <= max {
        return sentence.to_string();
    }
    // Lower-casing may change byte lengths (Cyrillic, Turkish); search in
    // the original with a char-by-char case-insensitive comparison.
    let find = |name: &str| -> Option<(usize, usize)> {
        let name: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
        if name.is_empty() {
            return None;
        }
        let starts: Vec<usize> = sentence.char_indices().map(|(i, _)| i).collect();
        for &st in &starts {
            let mut it = sentence[st..].chars().flat_map(char::to_lowercase);
            let mut matched = true;
            for c in &name {
                if it.next() != Some(*c) {
                    matched = false;
                    break;
                }
            }
            if matched {
                // End: advance as many source chars as the name has chars
                // (an approximation when lower-casing changes counts).
                let len: usize = sentence[st..]
                    .chars()
                    .take(name.len())
                    .map(char::len_utf8)
                    .sum();
                return Some((st, st + len));
            }
        }
        None
    };
    let spans: Vec<(usize, usize)> = names.iter().filter_map(|n| find(n)).collect();
    let (lo, hi) = match (
        spans.iter().map(|s| s.0).min(),
        spans.iter().map(|s| s.1).max(),
    ) {
        (Some(lo), Some(hi)) => (lo, hi),
        _ => (0, 0),
    };
    // Byte budget around the mentions (characters are at most 4 bytes, but
    // count chars for the limit).
    let span_chars = sentence[lo..hi].chars().count();
    let pad = max.saturating_sub(span_chars) / 2;
    let before: usize = sentence[..lo]
        .chars()
        .rev()
        .take(pad)
        .map(char::len_utf8)
        .sum();
    let mut start = floor_boundary(sentence, lo - before);
    let after_budget = max.saturating_sub(span_chars + sentence[start..lo].chars().count());
    let after: usize = sentence[hi..]
        .chars()
        .take(after_budget)
        .map(char::len_utf8)
        .sum();
    let mut end = floor_boundary(sentence, hi + after);
    // Cut at word boundaries.
    if start > 0 {
        if let Some(sp) = sentence[start..lo].find(' ') {
            start += sp + 1;
        }
    }
    if end < sentence.len() {
        if let Some(sp) = sentence[hi..end].rfind(' ') {
            end = hi + sp;
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str("...");
    }
    out.push_str(sentence[start..end].trim());
    if end < sentence.len() {
        out.push_str("...");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_are_whole() {
        assert_eq!(excerpt("  Short one. ", &["x"], 50), "Short one.");
    }

    #[test]
    fn long_sentences_are_cut_around_the_names() {
        let s = "In particular, the expert touched upon the cooperation between the Ganja Automobile Plant and the Minsk Tractor Works, which are expected to sign an agreement on expanding the production of tractors.";
        let e = excerpt(s, &["Minsk Tractor Works", "Ganja Automobile Plant"], 90);
        assert!(e.starts_with("..."), "{e}");
        assert!(e.ends_with("..."), "{e}");
        assert!(
            e.contains("Ganja Automobile Plant and the Minsk Tractor Works"),
            "{e}"
        );
        assert!(e.chars().count() <= 96, "{e}");
        // Unknown names: the start of the sentence.
        let e = excerpt(s, &["Nowhere"], 40);
        assert!(e.starts_with("In particular"), "{e}");
        assert!(e.ends_with("..."));
    }

    #[test]
    fn cyrillic_is_cut_on_char_boundaries() {
        let s = "В конце октября на встрече с руководителями СМИ стран СНГ Александр Лукашенко заявлял, что у Белоруссии с Азербайджаном нет закрытых тем.";
        let e = excerpt(s, &["АЗЕРБАЙДЖАНОМ", "Белоруссии"], 40);
        assert!(e.contains("Белоруссии с Азербайджаном"), "{e}");
    }
}
