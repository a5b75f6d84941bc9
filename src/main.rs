//! The `newskg` binary: parse arguments, run, print the error once, exit.

use clap::Parser;
use std::io::ErrorKind;

fn main() {
    let cli = newskg::cli::Cli::parse();
    let thread = std::thread::Builder::new()
        .name("newskg".into())
        // Commands parse and evaluate SPARQL: they need the stack for it.
        .stack_size(newskg::query::STACK_SIZE)
        .spawn(move || newskg::cli::run(cli));
    let run = match thread {
        Ok(t) => t
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("internal error (see the message above)"))),
        // No room for that stack (a tight ulimit): run here.
        Err(_) => newskg::cli::run(newskg::cli::Cli::parse()),
    };
    let code = match run {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`newskg query ... | head`) is a normal end.
            if is_broken_pipe(&e) {
                0
            } else {
                eprintln!("newskg: {e:#}");
                newskg::cli::EXIT_BAD_INPUT
            }
        }
    };
    std::process::exit(code);
}

/// Whether the error is a write to a closed pipe, however it was wrapped.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c
            .downcast_ref::<std::io::Error>()
            .or_else(|| match c.downcast_ref::<newskg::query::QueryError>() {
                Some(newskg::query::QueryError::Io(io)) => Some(io),
                _ => None,
            })
            .or_else(|| match c.downcast_ref::<newskg::export::ExportError>() {
                Some(newskg::export::ExportError::Io(io)) => Some(io),
                _ => None,
            })
            .or_else(|| match c.downcast_ref::<newskg::check::CheckError>() {
                Some(newskg::check::CheckError::Io(io)) => Some(io),
                _ => None,
            });
        io.is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}
