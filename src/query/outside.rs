//! Statements that would reach outside the store: `SERVICE` (a federated
//! query to another endpoint) and `LOAD` (fetching a document by URL). A
//! local store answers from what it holds; these are refused with one
//! sentence before anything is fetched. Touches no store and no network.

use oxigraph::model::NamedNode;
use oxigraph::sparql::{DefaultServiceHandler, QuerySolutionIter};
use spargebra::algebra::GraphPattern;
use spargebra::{GraphUpdateOperation, Update};

/// Why a statement was refused.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// The sentence for `SERVICE <name>`.
pub fn service_refused(name: &str) -> String {
    format!(
        "SERVICE <{name}> would query another server; a newskg store answers only from \
         what it holds (send the query to that server, or pull its data in with newskg pull)"
    )
}

/// The sentence for `LOAD <source>`.
pub fn load_refused(source: &str) -> String {
    format!(
        "LOAD <{source}> would fetch from outside the store; newskg does not fetch URLs in \
         SPARQL (download the file and use newskg load FILE)"
    )
}

/// The service handler of every local evaluation: it refuses each service.
pub struct RefuseServices;

impl DefaultServiceHandler for RefuseServices {
    type Error = Refused;

    fn handle(
        &self,
        service_name: &NamedNode,
        _pattern: &GraphPattern,
        _base_iri: Option<&oxiri::Iri<String>>,
    ) -> Result<QuerySolutionIter<'static>, Refused> {
        Err(Refused(service_refused(service_name.as_str())))
    }
}

/// The first `LOAD` of an update, refused.
pub fn check_update(update: &Update) -> Result<(), Refused> {
    match update.operations.iter().find_map(|op| match op {
        GraphUpdateOperation::Load { source, .. } => Some(source),
        _ => None,
    }) {
        Some(source) => Err(Refused(load_refused(source.as_str()))),
        None => Ok(()),
    }
}
