//! RSS and Atom feeds: each item (RSS) or entry (Atom) becomes one
//! [`Article`], parsed by the `feed-rs` crate.
//!
//! The item's link is its key and URL (as for a JSON Lines record with a
//! URL); its content, else its description or summary, is the text, with HTML
//! stripped by [`super::html::content_text`] (a whole page in the content
//! gives its main content only); `pubDate`/`published`, else
//! `updated`, is the date; the feed's title is the publisher. A feed that
//! cannot be parsed is one [`IngestError`] with the line and column where the
//! XML breaks (found by `roxmltree`, since `feed-rs` reports no position).
//! Like the rest of ingest, this module knows no RDF and no store.

use super::{Article, IngestError, Lang, Meta};
use feed_rs::model::{Entry, Feed, Text};
use feed_rs::parser::{ParseErrorKind, ParseFeedError};

/// Reads a feed from its raw bytes (`feed-rs` honours the encoding the XML
/// declaration names). One result per item, in feed order.
pub fn parse(place: &str, bytes: &[u8], lang: Option<Lang>) -> Vec<Result<Article, IngestError>> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(e) => return vec![Err(feed_error(place, bytes, &e))],
    };
    let feed_lang = match feed.language.as_deref().map(declared_lang) {
        Some(Err(l)) if lang.is_none() => {
            return vec![Err(IngestError::new(
                place,
                format!("the feed's language {l:?} is not supported (expected en or ru)"),
            ))]
        }
        Some(Ok(l)) => Some(l),
        _ => None,
    };
    if feed.entries.is_empty() {
        return vec![Err(IngestError::new(place, "the feed has no items"))];
    }
    let publisher = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            item(
                place,
                i + 1,
                entry,
                &feed,
                publisher.clone(),
                lang.or(feed_lang),
            )
        })
        .collect()
}

/// One item as an article; `n` counts items from 1.
fn item(
    place: &str,
    n: usize,
    entry: &Entry,
    feed: &Feed,
    publisher: Option<String>,
    lang: Option<Lang>,
) -> Result<Article, IngestError> {
    let at = format!("{place}:item {n}");
    let lang = match (lang, entry.language.as_deref().map(declared_lang)) {
        (Some(l), _) => Some(l),
        (None, Some(Ok(l))) => Some(l),
        (None, Some(Err(l))) => {
            return Err(IngestError::new(
                &at,
                format!("language {l:?} is not supported (expected en or ru)"),
            ))
        }
        (None, None) => None,
    };
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .map(super::html::content_text)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| entry.summary.as_ref().map(text_of))
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            IngestError::new(
                &at,
                "the item has no text (no content, description or summary)",
            )
        })?;
    let url = link(entry);
    let authors: Vec<&str> = entry
        .authors
        .iter()
        .chain(if entry.authors.is_empty() {
            feed.authors.iter()
        } else {
            [].iter()
        })
        .filter_map(|p| p.name.as_deref().map(str::trim))
        .filter(|n| !n.is_empty())
        .collect();
    let meta = Meta {
        title: entry.title.as_ref().map(text_of).filter(|t| !t.is_empty()),
        date: entry
            .published
            .or(entry.updated)
            .map(|d| d.format("%Y-%m-%d").to_string()),
        url: url.clone(),
        lang,
        publisher,
        author: (!authors.is_empty()).then(|| authors.join(", ")),
    };
    let article = Article::from_text(url.unwrap_or_else(|| at.clone()), at.clone(), &body, meta);
    if article.text.trim().is_empty() {
        return Err(IngestError::new(at, "the item's text is empty"));
    }
    Ok(article)
}

/// The item's page: its `alternate` link (or one without `rel`), else an
/// id that is a URL (an RSS `guid` often is).
fn link(entry: &Entry) -> Option<String> {
    entry
        .links
        .iter()
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| {
            let id = entry.id.trim();
            (id.starts_with("http://") || id.starts_with("https://")).then(|| id.to_string())
        })
}

/// Plain text of a title or summary, whether it is marked up or not.
fn text_of(t: &Text) -> String {
    if t.content.contains(['<', '&']) {
        super::html::fragment_text(&t.content)
    } else {
        t.content.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn declared_lang(l: &str) -> Result<Lang, String> {
    Lang::parse(l).ok_or_else(|| l.to_string())
}

/// Why a feed could not be read, with the line (in `place`) and column
/// where its XML breaks when that can be found.
fn feed_error(place: &str, bytes: &[u8], e: &ParseFeedError) -> IngestError {
    let not_feed = "not an RSS or Atom feed";
    let Ok(content) = std::str::from_utf8(bytes) else {
        // feed-rs decoded the declared encoding and still failed; no position to add.
        return IngestError::new(place, format!("cannot read the feed: {e}"));
    };
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if !content.trim_start().starts_with('<') {
        let line = content.len() - content.trim_start().len();
        let line = content[..line].matches('\n').count() + 1;
        return IngestError::new(
            format!("{place}:{line}"),
            format!("{not_feed}: the content is not XML (it does not begin with '<')"),
        );
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    match roxmltree::Document::parse_with_options(content, opts) {
        Err(roxmltree::Error::UnclosedRootNode) => IngestError::new(
            format!("{place}:{}", content.lines().count().max(1)),
            "the feed's XML ends before its root element is closed (a truncated file?)",
        ),
        Err(x) => {
            let pos = x.pos();
            IngestError::new(
                format!("{place}:{}", pos.row),
                format!(
                    "the feed's XML is malformed at column {}: {}",
                    pos.col,
                    without_position(&x.to_string())
                ),
            )
        }
        Ok(doc) => {
            let root = doc.root_element();
            let pos = doc.text_pos_at(root.range().start);
            let message = match e {
                ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot)
                    if root.tag_name().name() == "rss" =>
                {
                    format!(
                        "{not_feed}: its <rss> root has version {:?}; RSS 2.0 (or 0.91, 0.92) is read",
                        root.attribute("version").unwrap_or("")
                    )
                }
                ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot) => format!(
                    "{not_feed}: its root element is <{}>, not <rss>, <feed> or <rdf:RDF>",
                    root.tag_name().name()
                ),
                other => format!("cannot read the feed: {other}"),
            };
            IngestError::new(format!("{place}:{}", pos.row), message)
        }
    }
}

/// roxmltree ends its messages with " at ROW:COL"; the place says it already.
fn without_position(message: &str) -> &str {
    match message.rsplit_once(" at ") {
        Some((head, tail)) if tail.chars().all(|c| c.is_ascii_digit() || c == ':') => head,
        _ => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Steppe Wire</title>
  <link>https://news.example.org/</link>
  <description>Regional news</description>
  <item>
    <title>Trade agreement signed</title>
    <link>https://news.example.org/trade-agreement</link>
    <pubDate>Tue, 14 May 2024 09:30:00 +0000</pubDate>
    <description>&lt;p&gt;Kazakhstan and &lt;b&gt;Uzbekistan&lt;/b&gt; signed an agreement on trade.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Full text in content</title>
    <guid>https://news.example.org/rail</guid>
    <pubDate>Wed, 15 May 2024 08:00:00 +0000</pubDate>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>Kyrgyzstan and China agreed to build a railway.</p><p>Work starts next year.</p>]]></content:encoded>
  </item>
  <item>
    <title>Only a title</title>
    <link>https://news.example.org/empty</link>
  </item>
</channel>
</rss>"#;

    #[test]
    fn rss_items_become_articles() {
        let r = parse("f.rss", RSS.as_bytes(), None);
        assert_eq!(r.len(), 3);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.key, "https://news.example.org/trade-agreement");
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.org/trade-agreement")
        );
        assert_eq!(a.source, "f.rss:item 1");
        assert_eq!(a.date.as_deref(), Some("2024-05-14"));
        assert_eq!(a.title.as_deref(), Some("Trade agreement signed"));
        assert_eq!(a.publisher.as_deref(), Some("Steppe Wire"));
        assert_eq!(
            a.text,
            "Kazakhstan and Uzbekistan signed an agreement on trade."
        );
        let b = r[1].as_ref().unwrap();
        assert_eq!(b.key, "https://news.example.org/rail");
        assert_eq!(
            b.text,
            "Kyrgyzstan and China agreed to build a railway.\n\nWork starts next year."
        );
        let e = r[2].as_ref().unwrap_err();
        assert_eq!(e.place, "f.rss:item 3");
        assert!(e.message.contains("no text"), "{e}");
    }

    #[test]
    fn atom_entries_become_articles() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>Вести степи</title>
  <id>urn:uuid:1</id>
  <updated>2024-06-02T10:00:00Z</updated>
  <entry>
    <title>Соглашение</title>
    <link rel="alternate" href="https://vesti.example.org/1"/>
    <id>urn:uuid:2</id>
    <updated>2024-06-02T10:00:00Z</updated>
    <author><name>Анна Петрова</name></author>
    <content type="html">&lt;p&gt;Казахстан и Узбекистан подписали соглашение о торговле.&lt;/p&gt;</content>
  </entry>
</feed>"#;
        let r = parse("f.atom", atom.as_bytes(), None);
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.key, "https://vesti.example.org/1");
        assert_eq!(a.date.as_deref(), Some("2024-06-02"));
        assert_eq!(a.author.as_deref(), Some("Анна Петрова"));
        assert_eq!(a.lang, Lang::Ru);
        assert_eq!(
            a.text,
            "Казахстан и Узбекистан подписали соглашение о торговле."
        );
    }

    #[test]
    fn broken_feeds_name_the_line() {
        let e = parse("a.rss", b"\n\nThis is not a feed.", None)
            .remove(0)
            .unwrap_err();
        assert_eq!(e.place, "a.rss:3");
        assert!(e.message.contains("not XML"), "{e}");
        let e = parse(
            "b.rss",
            b"<rss version=\"2.0\"><channel>\n<item><title>x</item>\n</channel></rss>",
            None,
        )
        .remove(0)
        .unwrap_err();
        assert_eq!(e.place, "b.rss:2", "{e}");
        assert!(e.message.contains("XML is malformed at column"), "{e}");
        let e = parse(
            "c.xml",
            b"<?xml version=\"1.0\"?>\n<html><body/></html>",
            None,
        )
        .remove(0)
        .unwrap_err();
        assert_eq!(e.place, "c.xml:2");
        assert!(e.message.contains("<html>"), "{e}");
        let e = parse("e.rss", b"<rss><channel/></rss>", None)
            .remove(0)
            .unwrap_err();
        assert!(e.message.contains("version"), "{e}");
        let e = parse(
            "d.rss",
            b"<rss version=\"2.0\"><channel><title>t</title>\n<item>",
            None,
        )
        .remove(0)
        .unwrap_err();
        assert!(e.message.contains("truncated"), "{e}");
    }
}
