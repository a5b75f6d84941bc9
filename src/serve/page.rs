//! The page at `/` of `newskg serve` and what it calls: its assets (the
//! vendored Cytoscape.js and the graph view of [`crate::viz`], embedded in
//! the binary, so the page works offline), `/api/complete` (entities whose
//! labels start with or contain what was typed) and `/api/picture` (an
//! entity's neighbourhood, or the paths between two entities, as the JSON
//! of a [`viz::Picture`]). Queries from the page go to `/query` like any
//! client's. Reads only.

use super::Reply;
use crate::analyze::{self, lookup, Filter};
use crate::check;
use crate::store::Store;
use crate::viz::{self, html, Limits, Scope};
use crate::vocab;
use serde::Serialize;

const PAGE_HTML: &str = include_str!("../../assets/page.html");
const PAGE_JS: &str = include_str!("../../assets/page.js");

/// The example queries offered on the page: the project's reports.
pub const EXAMPLES: [(&str, &str); 4] = [
    (
        "top-trade-pairs.rq",
        include_str!("../../queries/reports/top-trade-pairs.rq"),
    ),
    (
        "investments-into-country.rq",
        include_str!("../../queries/reports/investments-into-country.rq"),
    ),
    (
        "who-met-whom.rq",
        include_str!("../../queries/reports/who-met-whom.rq"),
    ),
    (
        "facts-with-evidence.rq",
        include_str!("../../queries/reports/facts-with-evidence.rq"),
    ),
];

/// Most completions answered.
const MAX_COMPLETIONS: usize = 20;

/// Answers the page's own paths; `None` for any other path.
pub(super) fn route(store: &Store, path: &str, params: &[(String, String)]) -> Option<Reply> {
    let asset = |media_type: &'static str, body: &str| Reply {
        status: 200,
        media_type,
        body: body.as_bytes().to_vec(),
        headers: vec![("Cache-Control", "max-age=3600".into())],
    };
    Some(match path {
        "/" | "/index.html" => Reply {
            status: 200,
            media_type: "text/html; charset=utf-8",
            body: page(store).into_bytes(),
            headers: Vec::new(),
        },
        "/assets/cytoscape.min.js" => asset("text/javascript; charset=utf-8", html::CYTOSCAPE_JS),
        "/assets/graph.js" => asset("text/javascript; charset=utf-8", html::GRAPH_JS),
        "/assets/page.js" => asset("text/javascript; charset=utf-8", PAGE_JS),
        "/assets/newskg.css" => asset("text/css; charset=utf-8", html::STYLE_CSS),
        "/api/complete" => complete(store, param(params, "q").unwrap_or("")),
        "/api/picture" => picture(store, params),
        _ => return None,
    })
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn json(value: &impl Serialize) -> Reply {
    Reply {
        status: 200,
        media_type: "application/json",
        body: serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec()),
        headers: Vec::new(),
    }
}

/// The page, with the store's name, the prefixes, the examples and the
/// legend filled in.
fn page(store: &Store) -> String {
    #[derive(Serialize)]
    struct Example {
        name: &'static str,
        title: String,
        text: &'static str,
    }
    let examples: Vec<Example> = EXAMPLES
        .iter()
        .map(|(name, text)| Example {
            name,
            title: check::parse_header(text)
                .ok()
                .and_then(|h| h.title)
                .unwrap_or_else(|| name.to_string()),
            text,
        })
        .collect();
    let prefixes: Vec<(&str, &str)> = vocab::PREFIXES.to_vec();
    PAGE_HTML
        .replace("{{VERSION}}", env!("CARGO_PKG_VERSION"))
        .replace("{{STORE}}", &html::escape(store.name()))
        .replace("{{EXAMPLES}}", &html::script_json(&examples))
        .replace("{{PREFIXES}}", &html::script_json(&prefixes))
        .replace("{{LEGEND}}", &html::script_json(&viz::LEGEND))
}

#[derive(Serialize)]
struct Completion {
    iri: String,
    label: String,
}

/// Entities whose labels start with `typed` (then those that contain it),
/// fewest letters first; case does not matter.
fn complete(store: &Store, typed: &str) -> Reply {
    let g = match analyze::entity_graph(store) {
        Ok(g) => g,
        Err(e) => return Reply::text(500, e.to_string()),
    };
    let typed = typed.to_lowercase();
    let mut found: Vec<(bool, usize, String, String)> = Vec::new();
    if !typed.is_empty() {
        for n in g.nodes() {
            if g.degree(n) == 0 {
                continue;
            }
            let best = g
                .labels(n)
                .iter()
                .filter_map(|l| {
                    let lower = l.text.to_lowercase();
                    let starts = lower.starts_with(&typed);
                    (starts || lower.contains(&typed)).then_some((!starts, l.text.len()))
                })
                .min();
            if let Some((contains_only, len)) = best {
                found.push((
                    contains_only,
                    len,
                    g.name(n).into_owned(),
                    g.iri(n).to_string(),
                ));
            }
        }
    }
    found.sort();
    let out: Vec<Completion> = found
        .into_iter()
        .take(MAX_COMPLETIONS)
        .map(|(_, _, label, iri)| Completion { iri, label })
        .collect();
    json(&out)
}

/// `?entity=X[&hops=N]` or `?from=A&to=B[&max_hops=N]`: the picture as JSON.
fn picture(store: &Store, params: &[(String, String)]) -> Reply {
    let g = match analyze::entity_graph(store) {
        Ok(g) => g,
        Err(e) => return Reply::text(500, e.to_string()),
    };
    let number = |name: &str, default: u32, max: u32| -> Result<u32, Reply> {
        match param(params, name) {
            None => Ok(default),
            Some(v) => match v.parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(Reply::text(
                    400,
                    format!("{name} must be a whole number from 1 to {max}, not {v:?}"),
                )),
            },
        }
    };
    let resolve = |what: &str, text: &str| {
        lookup::resolve(&g, what, text).map_err(|e| Reply::text(404, e.to_string()))
    };
    let scope = match (
        param(params, "entity"),
        param(params, "from"),
        param(params, "to"),
    ) {
        (Some(entity), None, None) => {
            let hops = match number("hops", 1, 3) {
                Ok(h) => h,
                Err(r) => return r,
            };
            match resolve("entity", entity) {
                Ok(n) => Scope::Around { entity: n, hops },
                Err(r) => return r,
            }
        }
        (None, Some(from), Some(to)) => {
            let max_hops = match number("max_hops", 4, 8) {
                Ok(h) => h,
                Err(r) => return r,
            };
            match (resolve("from", from), resolve("to", to)) {
                (Ok(a), Ok(b)) => Scope::Paths {
                    from: a,
                    to: b,
                    max_hops,
                    limit: 5,
                },
                (Err(r), _) | (_, Err(r)) => return r,
            }
        }
        _ => {
            return Reply::text(
                400,
                "give ?entity=NAME (and &hops=N), or ?from=NAME&to=NAME",
            )
        }
    };
    match viz::picture(store, &g, scope, Filter::default(), Limits::default()) {
        Ok(p) => json(&p),
        Err(e) => Reply::text(500, e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_is_offered_as_an_example() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/queries/reports");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rq"))
            .collect();
        on_disk.sort();
        let mut offered: Vec<String> = EXAMPLES.iter().map(|(n, _)| n.to_string()).collect();
        offered.sort();
        assert_eq!(offered, on_disk);
    }
}
