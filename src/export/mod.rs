//! Deterministic serialisations of the store: the same graph gives the same
//! bytes (quads sorted, prefixes declared in a fixed order), so exports diff
//! well in version control.
//!
//! Triple formats (Turtle, N-Triples, RDF/XML) merge all graphs; quad formats
//! (N-Quads, TriG, JSON-LD) keep each article's named graph. A large store is
//! sorted through temporary files (`runs`), so memory stays bounded.

mod runs;

use crate::store::{Store, StoreError};
use crate::vocab::PREFIXES;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Quad, Term, Triple};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
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
    #[error("{path}: cannot write: {source}")]
    File {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// Bytes of statements an export sorts in memory before it sorts through
/// temporary files.
const SORT_MEMORY: usize = 64 << 20;

/// Writes the store (or one graph) in `format`; returns the number of
/// statements written. Statements are sorted in bounded memory (through
/// temporary files when there are many), so a store of any size exports; a
/// store with blank nodes is sorted in memory, since their canonical labels
/// need the whole graph.
pub fn export(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let dataset = format.rdf_format().supports_datasets();
    let mut sorter = runs::ExternalSort::new(SORT_MEMORY);
    // Statements with blank nodes wait for their canonical labels, which
    // depend on all statements that name a blank node (and on no other).
    let mut with_blank_nodes = Vec::new();
    for q in store.quads(graph) {
        let q = q?;
        if has_blank_node(&q) {
            with_blank_nodes.push(q);
            continue;
        }
        push_sorted(&mut sorter, &q, dataset)?;
    }
    for q in canonical_blank_nodes(with_blank_nodes) {
        push_sorted(&mut sorter, &q, dataset)?;
    }
    let mut w = GroupWriter::new(format, out);
    let mut last_key = String::new();
    for record in sorter.finish()? {
        let record = record?;
        let (key, line) = record.split_once('\t').unwrap_or((&record, ""));
        if key == last_key {
            continue;
        }
        last_key = key.to_string();
        let quad = RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(line.as_bytes())
            .next()
            .and_then(Result::ok);
        match quad {
            Some(q) => w.write_one(&q)?,
            None => {
                return Err(ExportError::Io(std::io::Error::other(format!(
                    "a statement of the store could not be written back: {line}"
                ))))
            }
        }
    }
    w.finish()
}

/// Adds a statement to the sort: its sort key (graph first for quad
/// formats), a tab, and the statement as an N-Quads line.
fn push_sorted(
    sorter: &mut runs::ExternalSort,
    q: &Quad,
    dataset: bool,
) -> Result<(), ExportError> {
    let key = if dataset {
        format!(
            "{} {} {} {}",
            q.graph_name, q.subject, q.predicate, q.object
        )
    } else {
        format!("{} {} {}", q.subject, q.predicate, q.object)
    };
    let line = match &q.graph_name {
        GraphName::DefaultGraph => format!("{} {} {} .", q.subject, q.predicate, q.object),
        g => format!("{} {} {} {g} .", q.subject, q.predicate, q.object),
    };
    // Keys hold no tab: records sort as their keys do.
    sorter.push(format!("{key}\t{line}"))?;
    Ok(())
}

fn has_blank_node(q: &Quad) -> bool {
    matches!(q.subject, NamedOrBlankNode::BlankNode(_))
        || matches!(q.object, Term::BlankNode(_))
        || matches!(q.graph_name, GraphName::BlankNode(_))
}

/// Writes the store (or one graph) to a file: whole, then moved into place,
/// so a failed export leaves no partial file. Returns the statements written.
pub fn export_to_file(
    store: &Store,
    format: ExportFormat,
    graph: Option<&NamedNode>,
    path: &std::path::Path,
) -> Result<usize, ExportError> {
    let failed = |source: std::io::Error| ExportError::File {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    let n = {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        let n = export(store, format, graph, &mut w)?;
        w.flush().map_err(failed)?;
        n
    };
    tmp.persist(path).map_err(|e| failed(e.error))?;
    Ok(n)
}

/// Sorts and writes quads; the order depends only on the quads themselves.
pub fn write_quads(
    quads: Vec<Quad>,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut w = GroupWriter::new(format, out);
    w.write_group(quads)?;
    w.finish()
}

/// Writes quads group by group (one article's quads a group, say) as they
/// come: each group sorted and deduplicated on its own, groups in the order
/// given, so only one group is ever held. Triple formats drop the graph name.
pub struct GroupWriter<'a> {
    ser: oxigraph::io::WriterQuadSerializer<&'a mut dyn Write>,
    dataset: bool,
    written: usize,
}

impl<'a> GroupWriter<'a> {
    pub fn new(format: ExportFormat, out: &'a mut dyn Write) -> GroupWriter<'a> {
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
        GroupWriter {
            ser: ser.for_writer(out),
            dataset: rdf.supports_datasets(),
            written: 0,
        }
    }

    /// Writes one group; returns the statements written for it.
    pub fn write_group(&mut self, quads: Vec<Quad>) -> Result<usize, ExportError> {
        let quads = canonical_blank_nodes(quads);
        let n;
        if self.dataset {
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
                self.ser.serialize_quad(&q)?;
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
                self.ser.serialize_triple(&t)?;
            }
        }
        self.written += n;
        Ok(n)
    }

    /// Writes one statement as it is (the caller keeps the order).
    pub fn write_one(&mut self, q: &Quad) -> Result<(), ExportError> {
        if self.dataset {
            self.ser.serialize_quad(q)?;
        } else {
            self.ser.serialize_triple(q.as_ref())?;
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the document; returns the statements written in all.
    pub fn finish(self) -> Result<usize, ExportError> {
        self.ser.finish()?;
        Ok(self.written)
    }
}

/// Relabels blank nodes by their content (a few rounds of hashing each node's
/// neighbourhood), so that the same graph gets the same labels whatever ids
/// the parser or the store gave them.
fn canonical_blank_nodes(quads: Vec<Quad>) -> Vec<Quad> {
    let mut label: HashMap<BlankNode, String> = HashMap::new();
    for q in &quads {
        if let NamedOrBlankNode::BlankNode(b) = &q.subject {
            label.insert(b.clone(), String::new());
        }
        if let Term::BlankNode(b) = &q.object {
            label.insert(b.clone(), String::new());
        }
        if let GraphName::BlankNode(b) = &q.graph_name {
            label.insert(b.clone(), String::new());
        }
    }
    if label.is_empty() {
        return quads;
    }
    let repr_subject = |s: &NamedOrBlankNode, l: &HashMap<BlankNode, String>| match s {
        NamedOrBlankNode::BlankNode(b) => format!("_:{}", l[b]),
        other => other.to_string(),
    };
    let repr_object = |o: &Term, l: &HashMap<BlankNode, String>| match o {
        Term::BlankNode(b) => format!("_:{}", l[b]),
        other => other.to_string(),
    };
    let repr_graph = |g: &GraphName, l: &HashMap<BlankNode, String>| match g {
        GraphName::BlankNode(b) => format!("_:{}", l[b]),
        other => other.to_string(),
    };
    for _round in 0..4 {
        let mut parts: HashMap<BlankNode, Vec<String>> = HashMap::new();
        for q in &quads {
            let (s, o, g) = (
                repr_subject(&q.subject, &label),
                repr_object(&q.object, &label),
                repr_graph(&q.graph_name, &label),
            );
            if let NamedOrBlankNode::BlankNode(b) = &q.subject {
                parts
                    .entry(b.clone())
                    .or_default()
                    .push(format!("out {} {o} {g}", q.predicate));
            }
            if let Term::BlankNode(b) = &q.object {
                parts
                    .entry(b.clone())
                    .or_default()
                    .push(format!("in {s} {} {g}", q.predicate));
            }
            if let GraphName::BlankNode(b) = &q.graph_name {
                parts
                    .entry(b.clone())
                    .or_default()
                    .push(format!("graph {s} {} {o}", q.predicate));
            }
        }
        let mut next = HashMap::with_capacity(label.len());
        for (b, mut p) in parts {
            p.sort();
            let digest = Sha256::digest(p.join("\n").as_bytes());
            next.insert(
                b,
                digest
                    .iter()
                    .take(8)
                    .map(|x| format!("{x:02x}"))
                    .collect::<String>(),
            );
        }
        label = next;
    }
    // Nodes the hashing cannot tell apart get a counter.
    let mut by_label: Vec<(&String, &BlankNode)> = label.iter().map(|(b, l)| (l, b)).collect();
    by_label.sort_by(|a, b| a.0.cmp(b.0).then_with(|| a.1.as_str().cmp(b.1.as_str())));
    let mut names: HashMap<BlankNode, BlankNode> = HashMap::new();
    let mut seen: HashMap<&String, usize> = HashMap::new();
    for (l, b) in by_label {
        let n = seen.entry(l).or_insert(0);
        let name = if *n == 0 {
            format!("b{l}")
        } else {
            format!("b{l}x{n}")
        };
        *n += 1;
        names.insert(b.clone(), BlankNode::new_unchecked(name));
    }
    quads
        .into_iter()
        .map(|q| {
            let subject = match q.subject {
                NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(names[&b].clone()),
                other => other,
            };
            let object = match q.object {
                Term::BlankNode(b) => Term::BlankNode(names[&b].clone()),
                other => other,
            };
            let graph_name = match q.graph_name {
                GraphName::BlankNode(b) => GraphName::BlankNode(names[&b].clone()),
                other => other,
            };
            Quad::new(subject, q.predicate, object, graph_name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::io::RdfParser;

    fn export_ttl(src: &str) -> String {
        let quads: Vec<Quad> = RdfParser::from_format(RdfFormat::Turtle)
            .rename_blank_nodes()
            .for_reader(src.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        let mut out = Vec::new();
        write_quads(quads, ExportFormat::Ttl, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn blank_nodes_get_stable_labels() {
        let src = "@prefix ex: <http://example.org/> . ex:a ex:p ( ex:x ex:y ) ; ex:q [ ex:r 1 ] .";
        assert_eq!(export_ttl(src), export_ttl(src));
    }
}
