//! A [`Picture`] as one self-contained HTML file: the vendored Cytoscape.js,
//! the shared graph view (`assets/graph.js`), the styles and the picture's
//! data are all inside it, so it opens without a network (for attaching to
//! reports). Also holds those assets for the page of `newskg serve`.
//! Writes text only.

use super::{Picture, LEGEND};
use std::io::{self, Write};

/// Cytoscape.js, vendored from npm (see `assets/vendor/README.md`; its MIT
/// licence is at the top of the file).
pub const CYTOSCAPE_JS: &str = include_str!("../../assets/vendor/cytoscape.min.js");
/// The graph view shared by the page and the files.
pub const GRAPH_JS: &str = include_str!("../../assets/graph.js");
/// The styles of both.
pub const STYLE_CSS: &str = include_str!("../../assets/newskg.css");

/// JSON safe to put inside a `<script>` element: every `<` escaped (JSON
/// allows `\u003c` wherever `<` may be), so no `</script>` or `<!--` can
/// end or change the element, and the line separators JavaScript once
/// rejected escaped as well.
pub fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// Text safe inside HTML elements and quoted attribute values.
pub fn escape(s: &str) -> String {
    crate::check::escape(s, true)
}

/// Writes `p` as a self-contained HTML page.
pub fn write(p: &Picture, out: &mut dyn Write) -> io::Result<()> {
    let note = p
        .note
        .as_deref()
        .map(|n| format!("<p class=\"note\">{}</p>", escape(n)))
        .unwrap_or_default();
    write!(
        out,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newskg {version}">
<title>{title} · newskg</title>
<style>
{css}
</style>
</head>
<body>
<header><h1>{title}</h1><span class="store">{counts}</span></header>
<main>
{note}
<div id="graph" class="graph" aria-label="The graph: hover an edge for the sentences that state it; click an entity to highlight its neighbours"></div>
<div id="legend" class="legend"></div>
<details class="listing" open><summary>Entities and relations</summary><div id="listing"></div></details>
</main>
<script>
{cytoscape}
</script>
<script>
{graph}
</script>
<script type="application/json" id="picture">{data}</script>
<script type="application/json" id="legend-data">{legend}</script>
<script>
(function () {{
  var picture = JSON.parse(document.getElementById('picture').textContent);
  NewskgGraph.legend(document.getElementById('legend'), JSON.parse(document.getElementById('legend-data').textContent));
  var view = new NewskgGraph(document.getElementById('graph'), {{ list: document.getElementById('listing') }});
  view.show(picture);
}})();
</script>
</body>
</html>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&p.title),
        counts = escape(&format!(
            "{} entities, {} relations",
            p.nodes.len(),
            p.edges.len()
        )),
        css = STYLE_CSS,
        note = note,
        cytoscape = CYTOSCAPE_JS,
        graph = GRAPH_JS,
        data = script_json(p),
        legend = script_json(&LEGEND),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_from_the_graph_can_end_a_script_element() {
        let json = script_json(&vec!["</script><script>alert(1)</script>", "<!--"]);
        assert!(!json.contains('<'), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
        assert_eq!(
            escape("<b a=\"1\">&'"),
            "&lt;b a=&quot;1&quot;&gt;&amp;&apos;"
        );
    }

    #[test]
    fn the_vendored_script_keeps_its_licence() {
        assert!(CYTOSCAPE_JS.starts_with("/**"));
        assert!(CYTOSCAPE_JS[..2000].contains("The Cytoscape Consortium"));
        assert!(CYTOSCAPE_JS[..2000].contains("Permission is hereby granted"));
    }
}
