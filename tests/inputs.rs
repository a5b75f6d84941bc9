//! End-to-end tests of the inputs real pipelines produce: RSS and Atom
//! feeds, WARC files as in CC-NEWS (plain and gzipped per record), gzipped
//! JSON Lines; duplicates across them; and broken ones. The fixtures are in
//! tests/fixtures/ (the WARC and gzip ones written by make_inputs.py there).

mod common;

use common::{fixture, newskg, stdout_of};
use std::io::Write;
use std::path::Path;

/// The rows of a SELECT as TSV lines, header dropped, sorted.
fn rows(store: &Path, query: &str) -> Vec<String> {
    let out = stdout_of(newskg(store).args(["query", query, "--format", "tsv"]));
    let mut rows: Vec<String> = out.lines().skip(1).map(str::to_string).collect();
    rows.sort();
    rows
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

const URLS: &str = "SELECT ?u WHERE { ?a a :Article ; schema:url ?u }";

#[test]
fn feeds_warc_and_gzipped_json_lines_build_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let build = || {
        let mut c = newskg(&store);
        c.arg("build");
        for f in [
            "news.rss",
            "cc-news.warc.gz",
            "archive.jsonl.gz",
            "news.atom",
        ] {
            c.arg(fixture(f));
        }
        c.arg("-q");
        stdout_of(&mut c)
    };
    let out = build();
    // Two duplicates: the WARC's copy of the feed's first item (same URL) and
    // the JSON Lines copy of its second (same text, another URL).
    assert!(
        out.contains("7 new, 0 changed, 0 unchanged, 0 failed, 2 duplicates skipped"),
        "{out}"
    );
    let urls: Vec<String> = [
        "https://daily.example.org/2024/05/20/azerbaijan-georgia-transit",
        "https://daily.example.org/2024/05/22/mongolia-kazakhstan-wheat",
        "https://gas.example.net/turkmenistan-iran",
        "https://steppe.example.org/2024/05/railway",
        "https://steppe.example.org/2024/05/trade-agreement",
        "https://vesti.example.org/2024/06/armenia-georgia",
        "https://vesti.example.org/2024/06/energy",
    ]
    .iter()
    .map(|u| format!("\"{u}\""))
    .collect();
    assert_eq!(rows(&store, URLS), urls);

    // The first in input order wins: the feed's item, not the WARC's page.
    let trade = rows(
        &store,
        "SELECT ?s ?d ?p ?c WHERE { ?a schema:url \"https://steppe.example.org/2024/05/trade-agreement\" ;
           :source ?s ; dcterms:date ?d ; dcterms:publisher ?p ; dcterms:creator ?c }",
    );
    assert_eq!(trade.len(), 1, "{trade:?}");
    assert!(trade[0].contains("news.rss:item 1\""), "{trade:?}");
    assert!(trade[0].contains("2024-05-14"), "{trade:?}");
    assert!(
        trade[0].contains("\"Steppe Wire\"\t\"Aigerim Sadykova\""),
        "{trade:?}"
    );

    // WARC: the page's own date where it gives one, else the crawl date.
    let dates = rows(
        &store,
        "SELECT ?s ?d WHERE { ?a :source ?s ; dcterms:date ?d FILTER(CONTAINS(?s, 'warc')) }",
    );
    assert_eq!(dates.len(), 2, "{dates:?}");
    assert!(dates[0].contains("cc-news.warc.gz:record 3\"") && dates[0].contains("2024-05-20"));
    assert!(dates[1].contains("cc-news.warc.gz:record 8\"") && dates[1].contains("2024-05-22"));

    // Atom: the Russian entry is read as Russian, with its published date.
    let energy = rows(
        &store,
        "SELECT ?l ?d WHERE { ?a schema:url \"https://vesti.example.org/2024/06/energy\" ; :language ?l ; dcterms:date ?d }",
    );
    assert_eq!(energy.len(), 1);
    assert!(
        energy[0].starts_with("\"ru\"") && energy[0].contains("2024-06-02"),
        "{energy:?}"
    );

    // Facts come from the stripped text: no markup, no page chrome.
    let text = rows(&store, "SELECT ?t WHERE { ?s a :Sentence ; :text ?t }").join("\n");
    assert!(
        text.contains("Kazakhstan and Uzbekistan signed an agreement on trade."),
        "{text}"
    );
    assert!(text.contains("Azerbaijan and Georgia signed an agreement on transit of goods."));
    for chrome in [
        "<p>",
        "<b>",
        "Home | World",
        "all rights reserved",
        "A map of the route",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into:\n{text}");
    }

    // A second run changes nothing and still skips the same duplicates.
    let out = build();
    assert!(
        out.contains("Nothing changed: all 7 articles") && out.contains("(2 duplicates skipped)"),
        "{out}"
    );
}

#[test]
fn warc_plain_gzipped_and_piped_give_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("unused");
    let plain = stdout_of(
        newskg(&store)
            .args(["extract", "--format", "nq"])
            .arg(fixture("cc-news.warc")),
    );
    let gz = stdout_of(
        newskg(&store)
            .args(["extract", "--format", "nq"])
            .arg(fixture("cc-news.warc.gz")),
    );
    assert!(plain.contains("https://daily.example.org/2024/05/22/mongolia-kazakhstan-wheat"));
    assert!(!plain.contains("logo.jpg") && !plain.contains("daily.example.org/old"));
    assert_eq!(plain, gz.replace("cc-news.warc.gz:", "cc-news.warc:"));
    // Standard input is recognised as gzipped WARC by its content.
    let piped = newskg(&store)
        .args(["extract", "-", "--format", "nq"])
        .pipe_stdin(fixture("cc-news.warc.gz"))
        .unwrap()
        .output()
        .unwrap();
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    assert_eq!(
        String::from_utf8(piped.stdout).unwrap(),
        plain.replace(
            &format!("{}:", fixture("cc-news.warc").display()),
            "<stdin>:"
        )
    );
    // A feed named .xml is recognised as a feed by its root element.
    let xml = dir.path().join("news.xml");
    std::fs::copy(fixture("news.rss"), &xml).unwrap();
    let out = stdout_of(newskg(&store).arg("extract").arg(&xml));
    assert!(
        out.contains("https://steppe.example.org/2024/05/railway"),
        "{out}"
    );
}

#[test]
fn broken_inputs_name_file_and_place_and_the_rest_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // Gzipped JSON Lines cut short: the lines before the break are read.
    let mut lines = String::new();
    for i in 1..=200 {
        lines.push_str(&format!(
            "{{\"url\":\"https://cut.example.org/{i}\",\"text\":\"Report {i}: Kazakhstan and Uzbekistan discussed trade in detail on day {i}.\"}}\n"
        ));
    }
    let gz = gzip(lines.as_bytes());
    std::fs::write(input.join("a-cut.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    // A WARC whose seventh record claims fewer bytes than it holds.
    let warc = std::fs::read(fixture("cc-news.warc")).unwrap();
    let seventh = find(
        &warc,
        b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000007>",
    );
    let record_start = warc[..seventh]
        .windows(8)
        .rposition(|w| w == b"WARC/1.0")
        .unwrap();
    let length = seventh + find(&warc[seventh..], b"Content-Length: ");
    let mut bad = warc[..length].to_vec();
    bad.extend_from_slice(b"Content-Length: 100");
    let end_of_line = length + find(&warc[length..], b"\r\n");
    bad.extend_from_slice(&warc[end_of_line..]);
    std::fs::write(input.join("b-bad-length.warc"), &bad).unwrap();
    // A feed that is no XML at all, and one cut off in the middle.
    std::fs::write(
        input.join("c-not-xml.rss"),
        "Breaking news\nKazakhstan and Uzbekistan met.\n",
    )
    .unwrap();
    let rss = std::fs::read_to_string(fixture("news.rss")).unwrap();
    std::fs::write(
        input.join("d-cut.rss"),
        &rss[..rss.find("<item>").unwrap() + 40],
    )
    .unwrap();
    std::fs::copy(fixture("news.atom"), input.join("e-good.atom")).unwrap();

    let store = dir.path().join("kg");
    let out = newskg(&store)
        .arg("build")
        .arg(&input)
        .arg("-q")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!err.contains("panicked"), "{err}");
    let kept_lines = rows(
        &store,
        "SELECT ?u WHERE { ?a schema:url ?u FILTER(STRSTARTS(?u, 'https://cut.')) }",
    )
    .len();
    assert!(
        kept_lines > 10 && kept_lines < 200,
        "{kept_lines} lines kept"
    );
    for needle in [
        format!("a-cut.jsonl.gz:{}: the gzip data ends early (a truncated file?) after ", kept_lines + 1),
        format!("b-bad-length.warc:record 7: at byte {record_start}: the record does not end where its Content-Length says"),
        "c-not-xml.rss:1: not an RSS or Atom feed: the content is not XML".to_string(),
        "d-cut.rss:".to_string(),
    ] {
        assert!(err.contains(&needle), "missing {needle:?} in:\n{err}");
    }
    assert!(err.contains("truncated"), "{err}");
    assert_eq!(err.lines().count(), 4, "one error per broken file:\n{err}");
    // The WARC's records before the broken one are built (records 3), the
    // good feed whole (2 entries).
    let new = kept_lines + 1 + 2;
    assert!(
        stdout.contains(&format!("{new} new, 0 changed, 0 unchanged, 4 failed")),
        "{stdout}"
    );
    let transit = "SELECT ?a WHERE { ?a schema:url \"https://daily.example.org/2024/05/20/azerbaijan-georgia-transit\" }";
    assert_eq!(rows(&store, transit).len(), 1);
}

fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).position(|w| w == needle).unwrap()
}

/// A news page as publishers serve it: a menu, the story, a "Most read"
/// sidebar of other headlines and a footer, all in plain `<div>`s.
const PAGE_WITH_CHROME: &str = r#"<!doctype html><html lang="en"><head>
<title>Kazakhstan and Uzbekistan agree on a rail link | Steppe Daily</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-05-14T08:00:00Z"}</script>
</head><body>
<div class="top"><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></div>
<div class="wrap"><div class="story"><h1>Kazakhstan and Uzbekistan agree on a rail link</h1>
<div class="story-body">
<p>Kazakhstan and Uzbekistan signed an agreement on a new rail link on Tuesday, the ministries said.</p>
<p>Trade turnover between Kazakhstan and Uzbekistan reached $4.2 billion in 2023, officials said.</p>
</div></div>
<div class="most-read"><h3>Most read</h3><ul>
<li><a href="/a">Turkey invests $2 billion in Azerbaijan</a></li>
<li><a href="/b">Georgia and Armenia sign a memorandum on energy</a></li>
<li><a href="/c">Russia supplies wheat to Egypt</a></li>
</ul></div></div>
<div class="foot"><p>Copyright 2024 Steppe Daily. Mongolia bureau: contact us.</p></div>
</body></html>"#;

/// The countries an extraction names (their labels in N-Triples).
fn countries_named(nt: &str) -> Vec<&'static str> {
    [
        "Kazakhstan",
        "Uzbekistan",
        "Turkey",
        "Azerbaijan",
        "Georgia",
        "Armenia",
        "Russia",
        "Egypt",
        "Mongolia",
    ]
    .into_iter()
    .filter(|c| nt.contains(&format!("\"{c}\"")))
    .collect()
}

#[test]
fn page_chrome_gives_no_facts_in_html_files_warc_records_and_feed_items() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("kg");
    let html = dir.path().join("page.html");
    std::fs::write(&html, PAGE_WITH_CHROME).unwrap();

    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{PAGE_WITH_CHROME}",
        PAGE_WITH_CHROME.len()
    );
    let warc = dir.path().join("page.warc");
    let record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-05-15T00:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n\
         WARC-Target-URI: https://steppe.example.org/rail\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    );
    std::fs::write(&warc, record).unwrap();

    let feed = dir.path().join("page.rss");
    std::fs::write(
        &feed,
        format!(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Steppe Daily</title><link>https://steppe.example.org/</link><description>News</description>
<item><title>Rail link</title><link>https://steppe.example.org/rail-feed</link>
<pubDate>Tue, 14 May 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[{PAGE_WITH_CHROME}]]></content:encoded></item></channel></rss>"#
        ),
    )
    .unwrap();

    for input in [&html, &warc, &feed] {
        let nt = stdout_of(newskg(&store).arg("extract").arg(input));
        assert_eq!(
            countries_named(&nt),
            ["Kazakhstan", "Uzbekistan"],
            "{}:\n{nt}",
            input.display()
        );
        assert!(nt.contains("signedAgreementWith"), "{nt}");
        assert!(nt.contains("\"4200000000\""), "{nt}");
    }
    // The page's JSON-LD gives the HTML file its date.
    let nt = stdout_of(newskg(&store).arg("extract").arg(&html));
    assert!(nt.contains("\"2024-05-14\"^^"), "{nt}");
}
