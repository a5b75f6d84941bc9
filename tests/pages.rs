//! What people look at: `newskg viz` files (HTML and DOT) and the page of
//! `newskg serve`, opened in a real headless browser (chromium): no console
//! errors, the expected entities and relations in the DOM, a screenshot in
//! the tests' output directory.

mod common;

use common::browser::{self, chromium};
use common::serving::serve;
use common::{built_store, newskg};
use std::path::Path;
use std::process::Command;

fn run(store: &Path, args: &[&str]) -> (i32, String, String) {
    let out = newskg(store).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const BELARUS: &str = "http://newskg.org/id/belarus";

#[test]
fn viz_writes_dot_that_graphviz_renders() {
    let (_dir, store) = built_store();
    let (code, dot, err) = run(&store, &["viz", "Belarus", "--format", "dot"]);
    assert_eq!(code, 0, "{err}");
    assert!(dot.contains("digraph newskg {"), "{dot}");
    assert!(dot.contains("\"id:belarus\" [label=\"Belarus\""), "{dot}");
    assert!(dot.contains(" -> "), "{dot}");
    assert!(
        dot.contains("penwidth=2.5"),
        "the entity asked for stands out"
    );
    if Command::new("dot").arg("-V").output().is_ok() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("g.dot");
        std::fs::write(&file, &dot).unwrap();
        let svg = Command::new("dot")
            .arg("-Tsvg")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            svg.status.success(),
            "{}",
            String::from_utf8_lossy(&svg.stderr)
        );
        assert!(String::from_utf8_lossy(&svg.stdout).contains("Belarus"));
    } else {
        assert!(
            std::env::var_os("NEWSKG_REQUIRE_BROWSER").is_none(),
            "Graphviz (dot) is not installed"
        );
    }
}

#[test]
fn viz_says_what_is_wrong_with_what_it_was_asked() {
    let (dir, store) = built_store();
    let (code, _, err) = run(&store, &["viz", "Atlantis", "-o", "x.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("Atlantis"), "{err}");
    assert!(!dir.path().join("x.html").exists());
    let (code, _, err) = run(&store, &["viz"]);
    assert_eq!(code, 2);
    assert!(err.contains("ENTITY"), "{err}");
    // Two entities with no path between them (within one hop): exit 1.
    let (code, _, err) = run(
        &store,
        &[
            "viz",
            "--path",
            "Minsk Tractor Works",
            "Russia",
            "--max-hops",
            "1",
            "--format",
            "dot",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no path within 1 hops"), "{err}");
}

#[test]
fn viz_html_is_self_contained_and_draws_in_a_browser() {
    let (dir, store) = built_store();
    let out_dir = browser::output_dir();
    for (name, args) in [
        ("viz-belarus", &["viz", "Belarus"][..]),
        (
            "viz-path",
            &["viz", "--path", "Minsk Tractor Works", "Russia"][..],
        ),
        ("viz-all", &["viz", "--all", "--max-nodes", "40"][..]),
    ] {
        let file = dir.path().join(format!("{name}.html"));
        let file_arg = file.to_str().unwrap();
        let mut args = args.to_vec();
        args.extend(["-o", file_arg]);
        let (code, _, err) = run(&store, &args);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("entities"), "{err}");
        let html = std::fs::read_to_string(&file).unwrap();
        // Nothing to fetch: no script, style or image from anywhere.
        for outside in ["<script src", "<link", "<img", "@import", "url("] {
            assert!(!html.contains(outside), "{name}: {outside}");
        }
        assert!(html.contains("The Cytoscape Consortium"), "licence kept");
        let Some(chromium) = chromium() else { continue };
        let url = format!("file://{}", file.display());
        let loaded = browser::load(&chromium, &url);
        assert!(loaded.console.is_empty(), "{name}: {:?}", loaded.console);
        assert!(
            loaded.dom.contains("class=\"node\""),
            "{name}: no nodes drawn"
        );
        assert!(
            loaded.dom.contains("class=\"edge\""),
            "{name}: no edges drawn"
        );
        match name {
            "viz-belarus" => {
                assert!(loaded.dom.contains(&format!("data-iri=\"{BELARUS}\"")));
            }
            "viz-path" => {
                for end in ["minsk-tractor-works", "russia"] {
                    assert!(
                        loaded
                            .dom
                            .contains(&format!("data-iri=\"http://newskg.org/id/{end}\"")),
                        "{end}"
                    );
                }
            }
            _ => {}
        }
        browser::screenshot(&chromium, &url, &out_dir.join(format!("{name}.png")));
    }
}

#[test]
fn the_served_page_queries_and_draws_in_a_browser() {
    let (_dir, store) = built_store();
    let server = serve(&store, &[]);
    let base = server.url.trim_end_matches("/query").to_string();

    // What the page asks for, as any client would.
    let get = |path: &str| {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let r = agent.get(&format!("{base}{path}")).call().unwrap();
        let status = r.status().as_u16();
        (status, r.into_body().read_to_string().unwrap())
    };
    let (status, body) = get("/api/complete?q=bela");
    assert_eq!(status, 200);
    assert!(body.contains(BELARUS), "{body}");
    let (status, body) = get("/api/picture?entity=Atlantis");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Atlantis"), "{body}");
    let (status, body) = get("/api/picture?entity=Belarus&hops=9");
    assert_eq!(status, 400, "{body}");
    let (status, body) = get("/api/picture?entity=Belarus");
    assert_eq!(status, 200);
    let picture: serde_json::Value = serde_json::from_str(&body).unwrap();
    let edge = &picture["edges"][0];
    assert!(edge["predicate"].is_string(), "{edge}");
    assert!(
        edge["evidence"][0]["sentence"].is_string(),
        "a hovered edge has its sentence: {edge}"
    );
    let (status, body) = get("/assets/cytoscape.min.js");
    assert_eq!(status, 200);
    assert!(body.contains("Cytoscape Consortium"));

    let Some(chromium) = chromium() else { return };
    let out_dir = browser::output_dir();
    // The graph of an entity, as a shared address opens it.
    let url = format!("{base}/?entity=Belarus&hops=1");
    let loaded = browser::load(&chromium, &url);
    assert!(loaded.console.is_empty(), "{:?}", loaded.console);
    assert!(
        loaded.dom.contains("data-graph-ready=\"true\""),
        "{}",
        loaded.dom
    );
    assert!(loaded.dom.contains(&format!("data-iri=\"{BELARUS}\"")));
    assert!(loaded.dom.contains("class=\"edge\""));
    assert!(loaded.dom.contains("top-trade-pairs") || loaded.dom.contains("Example"));
    browser::screenshot(&chromium, &url, &out_dir.join("page-graph.png"));

    // A query typed into the page: its answer as a table.
    let query = "SELECT ?c WHERE { ?c a :Country } ORDER BY ?c";
    let url = format!(
        "{base}/?tab=query&query={}",
        percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
    );
    let loaded = browser::load(&chromium, &url);
    assert!(loaded.console.is_empty(), "{:?}", loaded.console);
    assert!(
        loaded.dom.contains("data-query-ready=\"true\""),
        "{}",
        loaded.dom
    );
    assert!(loaded.dom.contains("id=\"results-table\""));
    assert!(
        loaded.dom.contains("id:belarus"),
        "compact names in the table"
    );
    browser::screenshot(&chromium, &url, &out_dir.join("page-query.png"));

    // A syntax error is shown on the page, not thrown.
    let url = format!("{base}/?tab=query&query=SELEC%20nothing");
    let loaded = browser::load(&chromium, &url);
    assert!(
        loaded.dom.contains("data-query-ready=\"error\""),
        "{}",
        loaded.dom
    );
}

#[test]
fn on_the_page_a_person_completes_a_name_hovers_an_edge_and_expands_a_node() {
    let (_dir, store) = built_store();
    let server = serve(&store, &[]);
    let base = server.url.trim_end_matches("/query").to_string();
    let Some(chromium) = chromium() else { return };
    let mut page = browser::Session::open(&chromium, &format!("{base}/"));
    page.wait_for("document.readyState === 'complete' && window.newskgView");

    // Typing part of a name offers the entity.
    page.eval("document.getElementById('entity').focus()");
    page.type_text("bela");
    page.wait_for(
        "[...document.querySelectorAll('#entities option')].some(o => o.value === 'Belarus')",
    );
    // Taken, and shown with the button.
    page.eval("document.getElementById('entity').value = 'Belarus'");
    let button = page.eval(
        "(() => { const r = document.querySelector('#graph-form button').getBoundingClientRect(); \
         return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    page.click(button[0].as_f64().unwrap(), button[1].as_f64().unwrap());
    page.wait_for("document.body.dataset.graphReady === 'true'");
    // Cytoscape draws (and learns where edges are) on the next frames.
    std::thread::sleep(std::time::Duration::from_secs(1));
    let before = page.eval("newskgView.cy.nodes().length").as_u64().unwrap();
    assert!(before > 2, "{before}");

    // Where to point: a spot where Cytoscape finds that element (and not
    // another drawn over it), as a point of the window.
    page.eval(
        "window.spotOf = (ele, candidates) => { \
           const cy = newskgView.cy, box = document.getElementById('graph').getBoundingClientRect(); \
           for (const p of candidates) { \
             const mx = (p.x - cy.pan().x) / cy.zoom(), my = (p.y - cy.pan().y) / cy.zoom(); \
             const hit = cy.renderer().findNearestElement(mx, my, true, false); \
             if (hit && hit.id() === ele.id()) return [box.left + p.x, box.top + p.y]; } \
           return null; }; 1",
    );
    // Hovering an edge that has a sentence shows that sentence.
    let edge = page.eval(
        "(() => { \
         for (const e of newskgView.cy.edges().filter(e => (e.data('evidence') || []).some(v => v.sentence))) { \
           const at = spotOf(e, [e.renderedMidpoint()]); \
           if (at) return [at[0], at[1], e.data('evidence').find(v => v.sentence).sentence]; } \
         return null; })()",
    );
    assert!(!edge.is_null(), "every edge with a sentence is covered");
    let (x, y) = (edge[0].as_f64().unwrap(), edge[1].as_f64().unwrap());
    let sentence = edge[2].as_str().unwrap().to_string();
    page.move_to(x, y);
    page.wait_for("!document.querySelector('.newskg-tip').hidden");
    let tip = page.eval("document.querySelector('.newskg-tip').textContent");
    let start: String = sentence.chars().take(40).collect();
    assert!(tip.as_str().unwrap().contains(&start), "{tip} / {sentence}");
    page.move_to(5.0, 5.0);
    page.wait_for("document.querySelector('.newskg-tip').hidden");

    // Clicking Azerbaijan (where no other entity covers it) adds its neighbours.
    let node = page.eval(
        "(() => { const n = newskgView.cy.getElementById('http://newskg.org/id/azerbaijan'); \
         const b = n.renderedBoundingBox(), spots = []; \
         for (let i = 1; i < 8; i++) for (let j = 1; j < 4; j++) \
           spots.push({ x: b.x1 + b.w * i / 8, y: b.y1 + b.h * j / 4 }); \
         return spotOf(n, spots); })()",
    );
    assert!(!node.is_null(), "Azerbaijan is covered by other entities");
    page.click(node[0].as_f64().unwrap(), node[1].as_f64().unwrap());
    page.wait_for(&format!("newskgView.cy.nodes().length > {before}"));
    let note = page.eval("document.getElementById('graph-note').textContent");
    assert!(
        note.as_str()
            .unwrap()
            .contains("Added the neighbours of Azerbaijan"),
        "{note}"
    );
    // The text listing follows what is drawn.
    let listed = page.eval("document.querySelectorAll('#newskg-nodes li').length");
    let drawn = page.eval("newskgView.cy.nodes().length");
    assert_eq!(listed, drawn);
}
