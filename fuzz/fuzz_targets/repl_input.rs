//! What the REPL reads: input cut into statements and meta-commands, and
//! each meta-command line parsed.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newskg::repl::command::Command;
use newskg::repl::statement::{Item, Splitter};
use newskg::vocab::PREFIXES;

fuzz_target!(|text: &str| {
    let prefixes: Vec<(String, String)> = PREFIXES
        .iter()
        .map(|(p, i)| (p.to_string(), i.to_string()))
        .collect();
    let lines = text.lines().map(|l| Ok(l.to_string()));
    let mut lines_seen = 0;
    for item in Splitter::new(lines, prefixes) {
        match item {
            Item::Command { line, text } => {
                assert!(line > lines_seen || line == lines_seen);
                lines_seen = line;
                let _ = text.parse::<Command>();
            }
            Item::Statement { line, .. } | Item::NotText { line } => {
                assert!(line >= lines_seen);
                lines_seen = line;
            }
        }
    }
});
