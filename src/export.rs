//! Deterministic serialisations of the store: the same graph gives the same
//! bytes (quads sorted, prefixes declared in a fixed order), so exports diff
//! well in version control.
//!
//! Triple formats (Turtle, N-Triples, RDF/XML) merge all graphs; quad formats
//! (N-Quads, TriG, JSON-LD) keep each article's named graph.

use crate::store::{Store, StoreError};
use crate::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, Quad, Triple};
use std::io::Write;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    #[value(alias = "turtle")]
    Ttl,
    #[value(alias = "ntriples")]
    Nt,
    #[value(alias = "nquads")]
    Nq,
    Trig,
    #[value(alias = "json-ld")]
    Jsonld,
    #[value(alias = "rdf", alias = "xml", alias = "owl")]
    Rdfxml,
}

impl ExportFormat {
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            ExportFormat::Ttl => RdfFormat::Turtle,
            ExportFormat::Nt => RdfFormat::NTriples,
            ExportFormat::Nq => RdfFormat::NQuads,
            ExportFormat::Trig => RdfFormat::TriG,
            ExportFormat::Jsonld => {
                RdfFormat::from_extension("jsonld").expect("JSON-LD is built in")
            }
            ExportFormat::Rdfxml => RdfFormat::RdfXml,
        }
    }

    /// Guesses the format from a file name.
    pub fn from_path(path: &std::path::Path) -> Option<ExportFormat> {
        Some(
            match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
                "ttl" => ExportFormat::Ttl,
                "nt" => ExportFormat::Nt,
                "nq" => ExportFormat::Nq,
                "trig" => ExportFormat::Trig,
                "jsonld" | "json" => ExportFormat::Jsonld,
                "rdf" | "xml" | "owl" => ExportFormat::Rdfxml,
                _ => return None,
            },
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes the store (or one graph) in `format`; returns the number of
/// statements written.
pub fn export(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut quads: Vec<Quad> = Vec::new();
    for q in store.quads(graph) {
        quads.push(q.map_err(|e| StoreError::Storage {
            path: store.path().to_path_buf(),
            message: e.to_string(),
        })?);
    }
    write_quads(quads, format, out)
}

/// Sorts and writes quads; the order depends only on the quads themselves.
pub fn write_quads(
    quads: Vec<Quad>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let rdf = format.rdf_format();
    let mut ser = RdfSerializer::from_format(rdf);
    if matches!(
        format,
        ExportFormat::Ttl | ExportFormat::Trig | ExportFormat::Rdfxml | ExportFormat::Jsonld
    ) {
        for (p, ns) in PREFIXES.iter().filter(|(p, _)| !p.is_empty()) {
            ser = ser.with_prefix(*p, *ns).expect("static prefix");
        }
    }
    let mut w = ser.for_writer(&mut *out);
    let n;
    if rdf.supports_datasets() {
        let mut keyed: Vec<(String, Quad)> = quads
            .into_iter()
            .map(|q| {
                (
                    format!(
                        "{} {} {} {}",
                        q.graph_name, q.subject, q.predicate, q.object
                    ),
                    q,
                )
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        n = keyed.len();
        for (_, q) in keyed {
            w.serialize_quad(&q)?;
        }
    } else {
        let mut keyed: Vec<(String, Triple)> = quads
            .into_iter()
            .map(|q| {
                let t: Triple = q.into();
                (format!("{} {} {}", t.subject, t.predicate, t.object), t)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        keyed.dedup_by(|a, b| a.0 == b.0);
        n = keyed.len();
        for (_, t) in keyed {
            w.serialize_triple(&t)?;
        }
    }
    w.finish()?;
    Ok(n)
}
