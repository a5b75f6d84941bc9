//! HTML pages: the article's text, title, date and author; never menus,
//! sidebars, related links, comments, scripts, styles, headers, footers,
//! forms or asides. The main content is chosen by [`super::readable`];
//! this module reads the metadata and turns content into paragraphs.

use super::{Article, IngestError, Meta};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe",
    "svg", "template", "select", "figure", "menu",
];

pub fn parse(place: &str, content: &str, mut meta: Meta) -> Result<Article, IngestError> {
    let doc = Html::parse_document(content);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let meta_content = |s: &str| -> Option<String> {
        doc.select(&sel(s))
            .find_map(|e| e.value().attr("content").map(|c| c.trim().to_string()))
            .filter(|c| !c.is_empty())
    };
    if meta.title.is_none() {
        meta.title = meta_content("meta[property='og:title']")
            .or_else(|| doc.select(&sel("h1")).next().map(|e| squash(&text_of(e))))
            .or_else(|| {
                doc.select(&sel("title"))
                    .next()
                    .map(|e| squash(&text_of(e)))
            })
            .filter(|t| !t.is_empty());
    }
    if meta.date.is_none() {
        meta.date = meta_content("meta[property='article:published_time']")
            .or_else(|| meta_content("meta[name='date']"))
            .or_else(|| {
                doc.select(&sel("time[datetime]"))
                    .find_map(|e| e.value().attr("datetime").map(str::to_string))
            })
            .and_then(|d| super::normalize_date(&d));
    }
    if meta.url.is_none() {
        meta.url = meta_content("meta[property='og:url']").or_else(|| {
            doc.select(&sel("link[rel='canonical']"))
                .find_map(|e| e.value().attr("href").map(str::to_string))
        });
    }
    if meta.publisher.is_none() {
        meta.publisher = meta_content("meta[property='og:site_name']");
    }
    if meta.author.is_none() {
        meta.author = meta_content("meta[name='author']");
    }
    if meta.lang.is_none() {
        meta.lang = doc
            .select(&sel("html[lang]"))
            .find_map(|e| e.value().attr("lang").and_then(super::Lang::parse));
    }
    // The page's main content as Readability scores it; failing that, the
    // article element if there is one, else main, else body.
    let main = if nesting_depth(&doc) > MAX_SCORED_DEPTH {
        None
    } else {
        super::readable::main_content(content)
    };
    if let Some(m) = &main {
        if meta.date.is_none() {
            meta.date = m.published.as_deref().and_then(super::normalize_date);
        }
        if meta.author.is_none() {
            meta.author = m.byline.as_deref().and_then(author_of_byline);
        }
        if meta.title.is_none() {
            meta.title = m.title.clone();
        }
    }
    let from_main = main.map(|m| fragment_text(&m.html)).unwrap_or_default();
    let body = if from_main.trim().is_empty() {
        whole_page_text(place, &doc)?
    } else {
        from_main
    };
    if body.trim().is_empty() {
        return Err(IngestError::new(place, "HTML page has no article text"));
    }
    Ok(Article::from_text(
        place.to_string(),
        place.to_string(),
        &body,
        meta,
    ))
}

/// The page's paragraphs when Readability finds no main content: those of
/// the article element if there is one, else main, else body, without the
/// skipped elements.
fn whole_page_text(place: &str, doc: &Html) -> Result<String, IngestError> {
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let root = ["article", "main", "[role='main']", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).next());
    let Some(root) = root else {
        return Err(IngestError::new(place, "HTML page has no body"));
    };
    let mut paragraphs = Vec::new();
    for p in root.select(&sel("p, h2, h3, li, blockquote")) {
        if inside_skipped(p) {
            continue;
        }
        let t = squash(&text_of(p));
        if !t.is_empty() {
            paragraphs.push(t);
        }
    }
    if paragraphs.is_empty() {
        let t = squash(&text_of(root));
        if !t.is_empty() {
            paragraphs.push(t);
        }
    }
    Ok(paragraphs.join("\n\n"))
}

/// The author named in a byline ("By Anna Smith" gives "Anna Smith"); a
/// long byline (a dateline, a list of credits) gives none.
fn author_of_byline(byline: &str) -> Option<String> {
    let b = squash(byline);
    let b = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| b.strip_prefix(p))
        .unwrap_or(&b)
        .trim();
    (!b.is_empty() && b.split(' ').count() <= 6 && !b.contains(|c: char| c.is_ascii_digit()))
        .then(|| b.to_string())
}

/// Elements that begin a new paragraph in an HTML fragment.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "dl",
    "dt",
    "dd",
    "hr",
];

/// The text of a feed item's content: a whole page (one with `<html>` or
/// `<body>`) gives its main content only, as [`parse`] does; a fragment
/// gives all its text, as [`fragment_text`] does.
pub fn content_text(html: &str) -> String {
    let head = &html.as_bytes()[..html.len().min(4096)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let whole_page = lower.contains("<html") || lower.contains("<body");
    if whole_page && nesting_depth(&Html::parse_document(html)) <= MAX_SCORED_DEPTH {
        if let Some(m) = super::readable::main_content(html) {
            let t = fragment_text(&m.html);
            if !t.trim().is_empty() {
                return t;
            }
        }
    }
    fragment_text(html)
}

/// The text of an HTML fragment, such as a feed item's content or summary:
/// block elements become paragraphs separated by blank lines, the skipped
/// elements (scripts, figures, forms, ...) are dropped, entities decoded.
pub fn fragment_text(fragment: &str) -> String {
    let doc = Html::parse_fragment(fragment);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    collect_blocks(doc.root_element(), &mut current, &mut paragraphs);
    end_paragraph(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

/// Ends a paragraph where a block element opens or closes.
fn collect_blocks(e: ElementRef, current: &mut String, paragraphs: &mut Vec<String>) {
    walk(e, |step| match step {
        Step::Text(t) => current.push_str(t),
        Step::Open(name) | Step::Close(name) => {
            if matches!(step, Step::Open("br")) {
                current.push(' ');
            }
            if BLOCK.contains(&name) {
                end_paragraph(current, paragraphs);
            }
        }
    });
}

/// What [`walk`] meets, in document order.
enum Step<'a> {
    Text(&'a str),
    Open(&'a str),
    Close(&'a str),
}

/// Visits the text and elements under `e`, leaving out the skipped
/// subtrees, without recursion (pages may nest thousands of elements deep).
fn walk<'a>(e: ElementRef<'a>, mut visit: impl FnMut(Step<'a>)) {
    let mut skipping: Option<NodeId> = None;
    for edge in e.traverse() {
        let (node, open) = match edge {
            Edge::Open(n) => (n, true),
            Edge::Close(n) => (n, false),
        };
        if node.id() == e.id() {
            continue;
        }
        if let Some(skipped) = skipping {
            if !open && skipped == node.id() {
                skipping = None;
            }
            continue;
        }
        match node.value() {
            Node::Text(t) if open => visit(Step::Text(t)),
            // Its close is met while skipping, above.
            Node::Element(el) if open && SKIP.contains(&el.name()) => skipping = Some(node.id()),
            Node::Element(el) if open => visit(Step::Open(el.name())),
            Node::Element(el) => visit(Step::Close(el.name())),
            _ => {}
        }
    }
}

fn end_paragraph(current: &mut String, paragraphs: &mut Vec<String>) {
    let t = squash(current);
    if !t.is_empty() {
        paragraphs.push(t);
    }
    current.clear();
}

fn inside_skipped(e: ElementRef) -> bool {
    e.ancestors().any(|a| {
        a.value()
            .as_element()
            .is_some_and(|el| SKIP.contains(&el.name()))
    })
}

/// Text of an element without the skipped subtrees.
fn text_of(e: ElementRef) -> String {
    let mut out = String::new();
    collect(e, &mut out);
    out
}

fn collect(e: ElementRef, out: &mut String) {
    walk(e, |step| match step {
        Step::Text(t) => out.push_str(t),
        Step::Open("br") => out.push(' '),
        _ => {}
    });
}

/// How deep the page's elements nest (without recursion).
fn nesting_depth(doc: &Html) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Edge::Close(_) => depth = depth.saturating_sub(1),
        }
    }
    deepest
}

/// Pages that nest deeper than this are not scored by Readability: real
/// articles nest a few dozen levels, and its scoring slows down steeply
/// with depth (10,000 nested `<div>`s would take hours). Their text is
/// read as a page without main content is.
const MAX_SCORED_DEPTH: usize = 400;

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_article_text_only() {
        let html = r#"<html lang="en"><head><title>T</title><script>var x=1;</script>
        <meta property="article:published_time" content="2019-06-08T09:00:00Z"></head>
        <body><nav><p>Home | News</p></nav><article><h1>Azerbaijan at SPIEF</h1>
        <p>Russia is one of the main trade partners of Azerbaijan.</p><aside><p>Related</p></aside>
        <p>Trade reached $2.5 billion.</p></article><footer><p>© 2019</p></footer></body></html>"#;
        let a = parse("x.html", html, Meta::default()).unwrap();
        assert_eq!(a.date.as_deref(), Some("2019-06-08"));
        assert_eq!(a.title.as_deref(), Some("Azerbaijan at SPIEF"));
        assert!(a.text.contains("main trade partners"));
        assert!(a.text.contains("$2.5 billion"));
        assert!(
            !a.text.contains("Home") && !a.text.contains("Related") && !a.text.contains("2019")
        );
    }

    #[test]
    fn fragments_keep_loose_text_and_paragraphs() {
        let t = fragment_text(
            "Kazakhstan and <b>Uzbekistan</b> signed an agreement.<p>Trade grew &amp; widened.</p><script>x()</script>Last words.",
        );
        assert_eq!(
            t,
            "Kazakhstan and Uzbekistan signed an agreement.\n\nTrade grew & widened.\n\nLast words."
        );
        assert_eq!(
            fragment_text("Plain text, no tags."),
            "Plain text, no tags."
        );
    }

    #[test]
    fn ten_thousand_nested_elements_are_read_without_recursion_or_scoring() {
        let page = format!(
            "<html><body>{}<p>Belarus and Russia signed an agreement.</p><script>x()</script>{}\
             <iframe src=\"http://example.org/\"></iframe></body></html>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let doc = Html::parse_document(&page);
        assert!(nesting_depth(&doc) > 10_000);
        let a = parse("deep.html", &page, Meta::default()).unwrap();
        assert_eq!(a.text.trim(), "Belarus and Russia signed an agreement.");
        assert_eq!(
            fragment_text(&page).trim(),
            "Belarus and Russia signed an agreement."
        );
    }
}
