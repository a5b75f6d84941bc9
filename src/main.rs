//! The `newskg` binary: parse arguments, run, print the error once, exit.

use clap::Parser;
use std::io::ErrorKind;

fn main() {
    let cli = newskg::cli::Cli::parse();
    let code = match newskg::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`newskg query ... | head`) is a normal end.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
            }) {
                0
            } else {
                eprintln!("newskg: {e:#}");
                newskg::cli::EXIT_BAD_INPUT
            }
        }
    };
    std::process::exit(code);
}
