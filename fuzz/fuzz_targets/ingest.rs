//! Ingest: any bytes as text, HTML, JSON Lines, a feed or WARC (the first
//! byte picks the format, or none so that the content is sniffed).
#![no_main]
use libfuzzer_sys::fuzz_target;
use newskg::ingest::{parse_bytes, Format};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let format = match pick % 6 {
        0 => Some(Format::Text),
        1 => Some(Format::Html),
        2 => Some(Format::JsonLines),
        3 => Some(Format::Feed),
        4 => Some(Format::Warc),
        _ => None,
    };
    for article in parse_bytes("fuzz", format, bytes, None)
        .into_iter()
        .flatten()
    {
        assert!(!article.key.is_empty());
    }
});
