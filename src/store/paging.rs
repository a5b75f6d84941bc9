//! Reading a SELECT query's answer in pages, for servers that cut large
//! answers (Virtuoso stops at its `ResultSetMaxRows`, 10,000 rows by
//! default, and says so in an `X-SPARQL-MaxRows` header): the query's
//! algebra rewritten to ask for one page, ordered so that pages neither
//! overlap nor miss rows, within the query's own `OFFSET` and `LIMIT`.
//! Pure: no I/O.

use spargebra::algebra::{Expression, GraphPattern, OrderExpression};
use spargebra::term::Variable;
use spargebra::Query;

/// The query's own `LIMIT`, if it is a SELECT with one.
pub(super) fn own_limit(query: &Query) -> Option<usize> {
    match query {
        Query::Select {
            pattern: GraphPattern::Slice { length, .. },
            ..
        } => *length,
        _ => None,
    }
}

/// Whether an answer the server marked as cut at `cap` rows may miss rows:
/// not when the query asks for at most `cap` itself.
pub(super) fn may_be_cut(query: &Query, cap: usize) -> bool {
    matches!(query, Query::Select { .. }) && own_limit(query).is_none_or(|limit| limit > cap)
}

/// The SELECT query that reads rows `offset..offset + size` of `query`'s
/// answer (as counted within the query's own `OFFSET`/`LIMIT`), with its
/// solutions in a fixed order: the query's own `ORDER BY` where it has one,
/// else its projected variables in turn. `None` when `query` is not a
/// SELECT or its own `LIMIT` ends before `offset`.
pub(super) fn page(query: &Query, offset: usize, size: usize) -> Option<Query> {
    let Query::Select {
        dataset,
        pattern,
        base_iri,
    } = query
    else {
        return None;
    };
    let (inner, start, limit) = match pattern {
        GraphPattern::Slice {
            inner,
            start,
            length,
        } => (inner.as_ref(), *start, *length),
        other => (other, 0, None),
    };
    let length = match limit {
        Some(limit) if limit <= offset => return None,
        Some(limit) => size.min(limit - offset),
        None => size,
    };
    Some(Query::Select {
        dataset: dataset.clone(),
        pattern: GraphPattern::Slice {
            inner: Box::new(ordered(inner.clone())),
            start: start + offset,
            length: Some(length),
        },
        base_iri: base_iri.clone(),
    })
}

/// `pattern` (a SELECT's modifiers over its WHERE) with an `ORDER BY` of
/// its projected variables beneath the projection, unless it is ordered.
fn ordered(pattern: GraphPattern) -> GraphPattern {
    match pattern {
        GraphPattern::Distinct { inner } => GraphPattern::Distinct {
            inner: Box::new(ordered(*inner)),
        },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced {
            inner: Box::new(ordered(*inner)),
        },
        GraphPattern::Project { inner, variables } => {
            let inner = match *inner {
                ordered @ GraphPattern::OrderBy { .. } => ordered,
                inner => order_by(inner, &variables),
            };
            GraphPattern::Project {
                inner: Box::new(inner),
                variables,
            }
        }
        ordered @ GraphPattern::OrderBy { .. } => ordered,
        other => {
            let mut variables = Vec::new();
            other.on_in_scope_variable(|v| {
                if !variables.contains(v) {
                    variables.push(v.clone());
                }
            });
            order_by(other, &variables)
        }
    }
}

fn order_by(inner: GraphPattern, variables: &[Variable]) -> GraphPattern {
    if variables.is_empty() {
        return inner;
    }
    GraphPattern::OrderBy {
        inner: Box::new(inner),
        expression: variables
            .iter()
            .map(|v| OrderExpression::Asc(Expression::Variable(v.clone())))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spargebra::SparqlParser;

    fn parse(q: &str) -> Query {
        SparqlParser::new().parse_query(q).unwrap()
    }

    fn text(q: Option<Query>) -> String {
        q.map(|q| {
            q.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
    }

    #[test]
    fn a_page_orders_by_the_projected_variables_and_slices() {
        let q = parse("SELECT ?s ?o WHERE { ?s <http://e/p> ?o }");
        assert_eq!(
            text(page(&q, 200, 100)),
            "SELECT ?s ?o WHERE { ?s <http://e/p> ?o . } ORDER BY ASC(?s) ASC(?o) OFFSET 200 LIMIT 100"
        );
        assert!(may_be_cut(&q, 100));
    }

    #[test]
    fn a_query_keeps_its_own_order_offset_and_limit() {
        let q =
            parse("SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s) OFFSET 10 LIMIT 250");
        assert_eq!(
            text(page(&q, 200, 100)),
            "SELECT DISTINCT ?s WHERE { ?s ?p ?o . } ORDER BY DESC(?s) OFFSET 210 LIMIT 50"
        );
        assert_eq!(page(&q, 250, 100), None);
        assert!(!may_be_cut(&q, 250));
        assert!(may_be_cut(&q, 249));
    }

    #[test]
    fn only_select_queries_are_paged() {
        let q = parse("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }");
        assert_eq!(page(&q, 0, 10), None);
        assert!(!may_be_cut(&q, 10));
    }
}
