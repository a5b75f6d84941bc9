//! The header block of a saved query script (`# title:`, `# expect:` ...).
#![no_main]
use libfuzzer_sys::fuzz_target;
use newskg::check::{parse_header, Expectation};

fuzz_target!(|text: &str| {
    let _ = parse_header(text);
    for line in text.lines().take(64) {
        let _ = Expectation::parse(line);
    }
});
