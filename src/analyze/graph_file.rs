//! The entity graph kept beside the store, in `entity-graph.bin` in the
//! store directory, so that a fresh process (`newskg path A B`) reads it in
//! milliseconds instead of scanning the store.
//!
//! The file is current whenever it exists: every write through
//! [`crate::store::Store`] removes it before it changes the store (see
//! `Store::forget_derived`, which owns the name), and it is written again, whole, by the first
//! analysis after the write (to a temporary file renamed into place, while
//! no process can write the store). A store written by another program
//! than newskg is not tracked: delete the file then.
//!
//! Format: a magic line, then little-endian counts and records; a file that
//! does not read back whole (truncated, another version) is ignored and
//! rebuilt. This module only reads and writes that file.

use super::article_index::ArticleIndex;
use super::graph::{Adj, EntityGraph, Label, Relation, RELATIONS};
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 16] = b"newskg-graph v2\n";

/// The file in a store directory.
pub fn path_in(store_dir: &Path) -> PathBuf {
    store_dir.join(crate::store::ENTITY_GRAPH_FILE)
}

/// Writes the graph to `path` atomically (a temporary file renamed).
pub fn save(g: &EntityGraph, path: &Path) -> io::Result<()> {
    // Readers may save at once: each its own temporary file.
    let tmp = path.with_extension(format!("bin.{}.tmp", std::process::id()));
    {
        let mut w = BufWriter::new(fs::File::create(&tmp)?);
        w.write_all(MAGIC)?;
        let (iris, label_start, labels, offsets, adj, relations) = g.parts();
        put_len(&mut w, iris.len())?;
        for iri in iris {
            put_str(&mut w, iri)?;
        }
        put_len(&mut w, label_start.len())?;
        for s in label_start {
            put_len(&mut w, *s)?;
        }
        put_len(&mut w, labels.len())?;
        for l in labels {
            put_str(&mut w, &l.text)?;
            put_str(&mut w, &l.lang)?;
        }
        put_len(&mut w, offsets.len())?;
        for o in offsets {
            put_len(&mut w, *o)?;
        }
        put_len(&mut w, adj.len())?;
        for a in adj {
            w.write_all(&a.nbr.to_le_bytes())?;
            w.write_all(&a.rel.to_le_bytes())?;
            w.write_all(&a.out.to_le_bytes())?;
            w.write_all(&a.inc.to_le_bytes())?;
        }
        put_len(&mut w, relations.len())?;
        for r in relations {
            let p = RELATIONS
                .iter()
                .position(|x| *x == r.predicate)
                .unwrap_or(0) as u8;
            w.write_all(&r.subject.to_le_bytes())?;
            w.write_all(&r.object.to_le_bytes())?;
            w.write_all(&[p])?;
            w.write_all(&r.articles.to_le_bytes())?;
        }
        match g.article_index() {
            None => w.write_all(&[0])?,
            Some(index) => {
                w.write_all(&[1])?;
                put_len(&mut w, index.graphs.len())?;
                for (graph, date) in index.graphs.iter().zip(&index.dates) {
                    put_str(&mut w, graph)?;
                    put_str(&mut w, date)?;
                }
                put_len(&mut w, index.keys.len())?;
                for (s, o, p) in &index.keys {
                    w.write_all(&s.to_le_bytes())?;
                    w.write_all(&o.to_le_bytes())?;
                    w.write_all(&[*p])?;
                }
                put_len(&mut w, index.starts.len())?;
                for x in &index.starts {
                    w.write_all(&x.to_le_bytes())?;
                }
                put_len(&mut w, index.ids.len())?;
                for x in &index.ids {
                    w.write_all(&x.to_le_bytes())?;
                }
            }
        }
        w.write_all(MAGIC)?;
        w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    fs::rename(&tmp, path)
}

/// Reads the graph from `path`; `None` when there is no file or it does
/// not read back whole and consistent.
pub fn load(path: &Path) -> Option<EntityGraph> {
    let bytes = fs::read(path).ok()?;
    read_graph(&mut &bytes[..]).ok().flatten()
}

fn read_graph(r: &mut &[u8]) -> io::Result<Option<EntityGraph>> {
    let mut magic = [0u8; 16];
    r.read_exact(&mut magic)?;
    if &magic != MAGIC {
        return Ok(None);
    }
    let n = get_len(r)?;
    let mut iris = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        iris.push(get_str(r)?);
    }
    let n = get_len(r)?;
    let mut label_start = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        label_start.push(get_len(r)?);
    }
    let n = get_len(r)?;
    let mut labels = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        let text = get_str(r)?;
        let lang = get_str(r)?;
        labels.push(Label { text, lang });
    }
    let n = get_len(r)?;
    let mut offsets = Vec::with_capacity(n.min(1 << 24));
    for _ in 0..n {
        offsets.push(get_len(r)?);
    }
    let n = get_len(r)?;
    let mut adj = Vec::with_capacity(n.min(1 << 26));
    for _ in 0..n {
        adj.push(Adj {
            nbr: get_u32(r)?,
            rel: get_u32(r)?,
            out: get_u16(r)?,
            inc: get_u16(r)?,
        });
    }
    let n = get_len(r)?;
    let mut relations = Vec::with_capacity(n.min(1 << 26));
    for _ in 0..n {
        let subject = get_u32(r)?;
        let object = get_u32(r)?;
        let mut p = [0u8; 1];
        r.read_exact(&mut p)?;
        let Some(predicate) = RELATIONS.get(p[0] as usize).copied() else {
            return Ok(None);
        };
        relations.push(Relation {
            subject,
            object,
            predicate,
            articles: get_u32(r)?,
        });
    }
    let mut flag = [0u8; 1];
    r.read_exact(&mut flag)?;
    let index = match flag[0] {
        0 => None,
        1 => Some(read_index(r)?),
        _ => return Ok(None),
    };
    r.read_exact(&mut magic)?;
    if &magic != MAGIC {
        return Ok(None);
    }
    let Some(mut g) = EntityGraph::from_parts(iris, label_start, labels, offsets, adj, relations)
    else {
        return Ok(None);
    };
    let had_index = index.is_some();
    g.set_article_index(index);
    if had_index && g.article_index().is_none() {
        return Ok(None);
    }
    Ok(Some(g))
}

fn read_index(r: &mut &[u8]) -> io::Result<ArticleIndex> {
    let mut index = ArticleIndex::default();
    let n = get_len(r)?;
    for _ in 0..n {
        index.graphs.push(get_str(r)?);
        index.dates.push(get_str(r)?);
    }
    let n = get_len(r)?;
    for _ in 0..n {
        let (s, o) = (get_u32(r)?, get_u32(r)?);
        let mut p = [0u8; 1];
        r.read_exact(&mut p)?;
        index.keys.push((s, o, p[0]));
    }
    let n = get_len(r)?;
    for _ in 0..n {
        index.starts.push(get_u32(r)?);
    }
    let n = get_len(r)?;
    for _ in 0..n {
        index.ids.push(get_u32(r)?);
    }
    Ok(index)
}

fn put_len(w: &mut impl Write, n: usize) -> io::Result<()> {
    w.write_all(&(n as u64).to_le_bytes())
}

fn put_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    put_len(w, s.len())?;
    w.write_all(s.as_bytes())
}

fn get_len(r: &mut impl Read) -> io::Result<usize> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    usize::try_from(u64::from_le_bytes(b)).map_err(|_| io::ErrorKind::InvalidData.into())
}

fn get_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn get_u16(r: &mut impl Read) -> io::Result<u16> {
    let mut b = [0u8; 2];
    r.read_exact(&mut b)?;
    Ok(u16::from_le_bytes(b))
}

/// A string read straight from the file's bytes: one allocation, no zeroing.
fn get_str(r: &mut &[u8]) -> io::Result<Box<str>> {
    let n = get_len(r)?;
    if n > 1 << 20 || n > r.len() {
        return Err(io::ErrorKind::InvalidData.into());
    }
    let (text, rest) = r.split_at(n);
    let text =
        std::str::from_utf8(text).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?;
    *r = rest;
    Ok(text.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::graph::GraphBuilder;
    use crate::extract::Predicate;

    fn sample() -> EntityGraph {
        let mut b = GraphBuilder::default();
        let (a, bb, c) = (
            b.node("http://newskg.org/id/a"),
            b.node("http://newskg.org/id/b"),
            b.node("http://newskg.org/id/c"),
        );
        b.relation(a, Predicate::PartnersWith, bb, 3);
        b.relation(bb, Predicate::InvestsIn, c, 1);
        b.label(a, "Alpha", "en");
        b.label(a, "Альфа", "ru");
        let mut g = b.build();
        g.set_article_index(Some(ArticleIndex::new(
            vec!["http://newskg.org/article/1".into()],
            vec!["2024-05-01".into()],
            vec![(0, 1, 0, 0)],
        )));
        assert!(g.article_index().is_some());
        g
    }

    #[test]
    fn a_saved_graph_reads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_in(dir.path());
        let g = sample();
        save(&g, &p).unwrap();
        let back = load(&p).expect("reads back");
        assert_eq!(format!("{:?}", g.parts()), format!("{:?}", back.parts()));
        assert_eq!(g.article_index(), back.article_index());
        fs::remove_file(&p).unwrap();
        assert!(load(&p).is_none());
    }

    #[test]
    fn a_cut_or_foreign_file_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_in(dir.path());
        save(&sample(), &p).unwrap();
        let bytes = fs::read(&p).unwrap();
        for cut in [0, 10, 16, 40, bytes.len() - 1] {
            fs::write(&p, &bytes[..cut]).unwrap();
            assert!(load(&p).is_none(), "cut at {cut}");
        }
        fs::write(&p, b"something else entirely, not a graph").unwrap();
        assert!(load(&p).is_none());
    }
}
