//! Main content of a web page: the part of the page that is the article
//! itself, found by Readability's scoring (the `dom_smoothie` crate, a port
//! of Mozilla's Readability.js): paragraphs are scored by their text, commas
//! and link density, their containers by their class names, and the best
//! container is kept. Menus, "Most read" sidebars, related links, comments
//! and footers stay out even when they are plain `<div>`s.
//!
//! This module only chooses the content; [`super::html`] turns it into
//! paragraphs and reads the page's metadata. It knows nothing of articles,
//! extraction or the store.

use dom_smoothie::{Config, Readability};

/// What Readability found: the article's content as cleaned HTML and the
/// metadata it read on the way (JSON-LD, `<meta>` tags, the byline).
pub struct MainContent {
    pub html: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
}

/// Pages with more elements than this are not scored (the page's own
/// article, nav-free elements, is used instead): scoring is linear, but a
/// page this large is a dump, not an article.
const MAX_ELEMENTS: usize = 200_000;

/// The page's main content, or `None` when Readability finds none (an
/// index page, an empty body, a page of links).
pub fn main_content(page: &str) -> Option<MainContent> {
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut readability = Readability::new(page, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    if article.text_content.trim().is_empty() {
        return None;
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Some(MainContent {
        html: article.content.to_string(),
        title: nonempty(Some(article.title)),
        byline: nonempty(article.byline),
        published: nonempty(article.published_time),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_story_and_drops_a_sidebar_of_headlines() {
        let page = r#"<html><body><div class="top"><a href="/">Home</a> <a href="/w">World</a></div>
        <div class="wrap"><div class="story"><h1>Rail link agreed</h1>
        <p>Kazakhstan and Uzbekistan signed an agreement on a new rail link on Tuesday.</p>
        <p>Trade turnover between the two countries reached $4.2 billion in 2023.</p></div>
        <div class="most-read"><h3>Most read</h3><ul>
        <li><a href="/a">Turkey invests $2 billion in Azerbaijan</a></li>
        <li><a href="/b">Georgia and Armenia sign a memorandum</a></li></ul></div></div>
        <div class="foot">Copyright 2024. Contact us.</div></body></html>"#;
        let m = main_content(page).expect("main content");
        assert!(m.html.contains("rail link on Tuesday"));
        assert!(m.html.contains("$4.2 billion"));
        assert!(!m.html.contains("Turkey invests"));
        assert!(!m.html.contains("Copyright"));
    }

    #[test]
    fn an_empty_page_has_none() {
        assert!(main_content("<html><body></body></html>").is_none());
        assert!(main_content("").is_none());
    }
}
