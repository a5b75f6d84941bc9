//! A [`Picture`] as Graphviz DOT: nodes filled by class, edges labelled by
//! predicate (symmetric ones without an arrow), the first sentence behind
//! an edge as its tooltip (shown by SVG viewers). Writes text only.

use super::Picture;
use crate::vocab;
use std::io::{self, Write};

/// Writes `p` as a DOT digraph.
pub fn write(p: &Picture, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "// {}", one_line(&p.title))?;
    if let Some(note) = &p.note {
        writeln!(out, "// {}", one_line(note))?;
    }
    writeln!(out, "digraph newskg {{")?;
    writeln!(out, "  graph [overlap=false, splines=true, rankdir=LR];")?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];"
    )?;
    for n in &p.nodes {
        writeln!(
            out,
            "  {} [label={}, fillcolor=\"{}\", tooltip={}{}];",
            quote(&vocab::compact(&n.id)),
            quote(&n.label),
            n.colour,
            quote(&n.class),
            if n.focus { ", penwidth=2.5" } else { "" }
        )?;
    }
    for e in &p.edges {
        let mut attrs = vec![format!("label={}", quote(&e.predicate))];
        if e.symmetric {
            attrs.push("dir=none".into());
        }
        if let Some(sentence) = e.evidence.iter().find_map(|ev| ev.sentence.as_deref()) {
            attrs.push(format!("tooltip={}", quote(sentence)));
        }
        writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&vocab::compact(&e.source)),
            quote(&vocab::compact(&e.target)),
            attrs.join(", ")
        )?;
    }
    writeln!(out, "}}")
}

/// A DOT quoted string: quotes and backslashes escaped, line breaks as
/// spaces.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' | '\r' => q.push(' '),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::viz::{Edge, Node};

    #[test]
    fn names_and_sentences_are_quoted() {
        let node = |id: &str, label: &str| Node {
            id: format!("{}{id}", vocab::ENTITY),
            label: label.into(),
            class: "Company".into(),
            colour: "#ffd166",
            focus: false,
            degree: 1,
        };
        let p = Picture {
            title: "t".into(),
            nodes: vec![node("a", "The \"A\" Works\\"), node("b", "B")],
            edges: vec![Edge {
                source: format!("{}a", vocab::ENTITY),
                target: format!("{}b", vocab::ENTITY),
                predicate: "partnersWith".into(),
                symmetric: true,
                articles: 1,
                evidence: Vec::new(),
            }],
            note: None,
        };
        let mut out = Vec::new();
        write(&p, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains(r##""id:a" [label="The \"A\" Works\\", fillcolor="#ffd166""##),
            "{text}"
        );
        assert!(
            text.contains(r#""id:a" -> "id:b" [label="partnersWith", dir=none];"#),
            "{text}"
        );
    }
}
