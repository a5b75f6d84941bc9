//! The evidence for a relation: the sentences and articles that state it,
//! read from the store's reified statements when a hop is shown (the graph
//! itself keeps only counts, so its size does not grow with the text).

use super::graph::{EntityGraph, Relation};
use crate::query::{parse_query, QueryError};
use crate::store::Store;
use crate::vocab;
use oxigraph::model::{NamedOrBlankNode, Term};
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
    let err = |e: crate::store::StoreError| QueryError::Evaluation(e.to_string());
    let predicate = r.predicate.local();
    let mut ends = vec![(g.iri(r.subject), g.iri(r.object))];
    if r.symmetric() {
        ends.push((g.iri(r.object), g.iri(r.subject)));
    }
    let first_value = |subject: &NamedOrBlankNode, p| -> Result<Option<Term>, QueryError> {
        Ok(store
            .objects(subject, p)
            .map_err(err)?
            .into_iter()
            .min_by_key(|t| t.to_string()))
    };
    let text_of = |t: Option<Term>| match t {
        Some(Term::Literal(l)) => Some(l.value().to_string()),
        Some(Term::NamedNode(n)) => Some(n.into_string()),
        _ => None,
    };
    if let Some(index) = g.article_index() {
        let found = from_articles(store, g, r, index.articles_of(r), limit)?;
        // Statements outside the articles' graphs (RDF loaded by hand) are
        // still found by the search below.
        if !found.is_empty() {
            return Ok(found);
        }
    }
    // First only each statement's article and its date, to order them;
    // then the sentences of the first articles, until `limit` are found.
    let mut stated: Vec<(Option<String>, Option<Term>, NamedOrBlankNode)> = Vec::new();
    for (s, o) in ends {
        for st in statements(store, s, predicate, o)? {
            let article = first_value(&st, vocab::PROV_WAS_DERIVED_FROM)?;
            let date = match &article {
                Some(Term::NamedNode(a)) => text_of(first_value(
                    &NamedOrBlankNode::NamedNode(a.clone()),
                    vocab::DC_DATE,
                )?),
                _ => None,
            };
            stated.push((date, article, st));
        }
    }
    // Most recent first (undated last), then by article.
    let article_name = |a: &Option<Term>| text_of(a.clone()).unwrap_or_default();
    stated.sort_by(|a, b| {
        b.0.is_some()
            .cmp(&a.0.is_some())
            .then_with(|| b.0.cmp(&a.0))
            .then_with(|| article_name(&a.1).cmp(&article_name(&b.1)))
    });
    let mut out: Vec<Evidence> = Vec::new();
    let mut i = 0;
    while i < stated.len() && out.len() < limit {
        let (date, article) = (stated[i].0.clone(), stated[i].1.clone());
        let mut j = i;
        // The article's sentences, by position.
        let mut sentences: Vec<(i64, Option<String>)> = Vec::new();
        while j < stated.len() && stated[j].0 == date && stated[j].1 == article {
            let found = store
                .objects(&stated[j].2, vocab::NKG_EVIDENCE)
                .map_err(err)?;
            if found.is_empty() {
                sentences.push((i64::MAX, None));
            }
            for sentence in found {
                if let Term::NamedNode(n) = sentence {
                    let n = NamedOrBlankNode::NamedNode(n);
                    let start = text_of(first_value(&n, vocab::NKG_START)?)
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(i64::MAX);
                    sentences.push((start, text_of(first_value(&n, vocab::NKG_TEXT)?)));
                }
            }
            j += 1;
        }
        sentences.sort();
        let (publisher, source) = match &article {
            Some(Term::NamedNode(a)) => {
                let a = NamedOrBlankNode::NamedNode(a.clone());
                (
                    text_of(first_value(&a, vocab::DC_PUBLISHER)?),
                    text_of(first_value(&a, vocab::NKG_SOURCE)?),
                )
            }
            _ => (None, None),
        };
        for (_, sentence) in sentences {
            let e = Evidence {
                article: article_name(&article),
                publisher: publisher.clone(),
                date: date.clone(),
                source: source.clone(),
                sentence,
            };
            if out.len() < limit && !out.contains(&e) {
                out.push(e);
            }
        }
        i = j;
    }
    Ok(out)
}

/// The evidence of `r` from the articles that state it, most recent first:
/// each article's statements of it are found in that article's own graph.
fn from_articles(
    store: &Store,
    g: &EntityGraph,
    r: &Relation,
    articles: Vec<(&str, &str)>,
    limit: usize,
) -> Result<Vec<Evidence>, QueryError> {
    let err = |e: crate::store::StoreError| QueryError::Evaluation(e.to_string());
    let first = |subject: &NamedOrBlankNode, p| -> Result<Option<String>, QueryError> {
        let values = store.objects(subject, p).map_err(err)?;
        Ok(values
            .into_iter()
            .map(|t| match t {
                Term::Literal(l) => l.value().to_string(),
                Term::NamedNode(n) => n.into_string(),
                other => other.to_string(),
            })
            .min())
    };
    let mut ends = vec![(g.iri(r.subject), g.iri(r.object))];
    if r.symmetric() {
        ends.push((g.iri(r.object), g.iri(r.subject)));
    }
    let mut out: Vec<Evidence> = Vec::new();
    for (graph, date) in articles {
        if out.len() >= limit {
            break;
        }
        let mut sentences: Vec<(i64, Option<String>)> = Vec::new();
        for (s, o) in &ends {
            for st in statements_in(store, graph, s, r.predicate.local(), o)? {
                let found = store.objects(&st, vocab::NKG_EVIDENCE).map_err(err)?;
                if found.is_empty() {
                    sentences.push((i64::MAX, None));
                }
                for sentence in found {
                    if let Term::NamedNode(n) = sentence {
                        let n = NamedOrBlankNode::NamedNode(n);
                        let start = first(&n, vocab::NKG_START)?
                            .and_then(|s| s.parse().ok())
                            .unwrap_or(i64::MAX);
                        sentences.push((start, first(&n, vocab::NKG_TEXT)?));
                    }
                }
            }
        }
        if sentences.is_empty() {
            continue;
        }
        sentences.sort();
        let article = NamedOrBlankNode::NamedNode(oxigraph::model::NamedNode::new_unchecked(graph));
        let publisher = first(&article, vocab::DC_PUBLISHER)?;
        let source = first(&article, vocab::NKG_SOURCE)?;
        for (_, sentence) in sentences {
            let e = Evidence {
                article: graph.to_string(),
                publisher: publisher.clone(),
                date: (!date.is_empty()).then(|| date.to_string()),
                source: source.clone(),
                sentence,
            };
            if out.len() < limit && !out.contains(&e) {
                out.push(e);
            }
        }
    }
    Ok(out)
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
