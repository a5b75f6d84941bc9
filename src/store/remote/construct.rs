//! CONSTRUCT for a server that cuts graph answers without saying so
//! (Virtuoso stops at its row limit): the query's WHERE is asked as a
//! SELECT of the template's variables, whose answer is read in pages where
//! the server cuts it, and the template is filled in here, as the SPARQL
//! semantics say (a triple with an unbound or misplaced term is left out,
//! the template's blank nodes are new for each solution, each triple once).
//! Pure: no I/O.

use oxigraph::model::{BlankNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::QuerySolution;
use spargebra::algebra::GraphPattern;
use spargebra::term::{NamedNodePattern, TermPattern, TriplePattern, Variable};
use spargebra::Query;
use std::collections::HashMap;

/// The SELECT that reads what a CONSTRUCT query's template needs, and the
/// template; `None` for any other query.
pub(super) fn as_select(query: &Query) -> Option<(Query, Vec<TriplePattern>)> {
    let Query::Construct {
        template,
        dataset,
        pattern,
        base_iri,
    } = query
    else {
        return None;
    };
    let mut variables: Vec<Variable> = Vec::new();
    let mut add = |v: &Variable| {
        if !variables.contains(v) {
            variables.push(v.clone());
        }
    };
    for t in template {
        if let TermPattern::Variable(v) = &t.subject {
            add(v);
        }
        if let NamedNodePattern::Variable(v) = &t.predicate {
            add(v);
        }
        if let TermPattern::Variable(v) = &t.object {
            add(v);
        }
    }
    let select = Query::Select {
        dataset: dataset.clone(),
        pattern: GraphPattern::Project {
            inner: Box::new(pattern.clone()),
            variables,
        },
        base_iri: base_iri.clone(),
    };
    Some((select, template.clone()))
}

/// The template's triples for one solution.
pub(super) fn instantiate(template: &[TriplePattern], row: &QuerySolution) -> Vec<Triple> {
    let mut blanks: HashMap<&BlankNode, BlankNode> = HashMap::new();
    let mut out = Vec::with_capacity(template.len());
    for t in template {
        let subject = match term(&t.subject, row, &mut blanks) {
            Some(Term::NamedNode(n)) => NamedOrBlankNode::NamedNode(n),
            Some(Term::BlankNode(b)) => NamedOrBlankNode::BlankNode(b),
            _ => continue,
        };
        let predicate = match &t.predicate {
            NamedNodePattern::NamedNode(n) => n.clone(),
            NamedNodePattern::Variable(v) => match row.get(v.as_str()) {
                Some(Term::NamedNode(n)) => n.clone(),
                _ => continue,
            },
        };
        let Some(object) = term(&t.object, row, &mut blanks) else {
            continue;
        };
        out.push(Triple::new(subject, predicate, object));
    }
    out
}

fn term<'a>(
    pattern: &'a TermPattern,
    row: &QuerySolution,
    blanks: &mut HashMap<&'a BlankNode, BlankNode>,
) -> Option<Term> {
    match pattern {
        TermPattern::Variable(v) => row.get(v.as_str()).cloned(),
        TermPattern::NamedNode(n) => Some(n.clone().into()),
        TermPattern::Literal(l) => Some(l.clone().into()),
        TermPattern::BlankNode(b) => Some(blanks.entry(b).or_default().clone().into()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};
    use spargebra::SparqlParser;
    use std::sync::Arc;

    #[test]
    fn a_construct_is_asked_as_a_select_and_filled_in_per_solution() {
        let q = SparqlParser::new()
            .parse_query(
                "CONSTRUCT { ?a <http://e/p> ?b . ?a <http://e/q> [ <http://e/r> ?c ] } \
                 WHERE { ?a <http://e/p> ?b OPTIONAL { ?a <http://e/c> ?c } }",
            )
            .unwrap();
        let (select, template) = as_select(&q).unwrap();
        let text = select.to_string();
        assert!(text.starts_with("SELECT ?a ?b ?c WHERE"), "{text}");
        let variables: Arc<[oxigraph::model::Variable]> = vec![
            oxigraph::model::Variable::new_unchecked("a"),
            oxigraph::model::Variable::new_unchecked("b"),
            oxigraph::model::Variable::new_unchecked("c"),
        ]
        .into();
        let a = Term::from(NamedNode::new_unchecked("http://e/x"));
        let b = Term::from(Literal::from(1));
        // ?c unbound: the triples that need it are left out; the blank node
        // is still made for the triple that has only it.
        let row = QuerySolution::from((variables, vec![Some(a), Some(b), None]));
        let triples = instantiate(&template, &row);
        assert_eq!(triples.len(), 2, "{triples:?}");
        assert_eq!(triples[0].predicate.as_str(), "http://e/p");
        assert_eq!(triples[0].object, Literal::from(1).into());
        assert!(triples[1].object.is_blank_node());
    }
}
