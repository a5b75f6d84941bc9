//! The REPL's meta-commands: one table ([`COMMANDS`]) says what each is
//! called, what it takes and what it does; `.help`, completion and parsing
//! all read it, and [`Command`] is what a line parses into.

use crate::export::ExportFormat;
use crate::query::OutputFormat;
use clap::ValueEnum;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

/// One meta-command: its name, other names, arguments and one line of help.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub args: &'static str,
    pub help: &'static str,
    /// Whether its arguments are file or folder paths (completed as such).
    pub paths: bool,
}

const fn spec(name: &'static str, args: &'static str, help: &'static str) -> Spec {
    Spec {
        name,
        aliases: &[],
        args,
        help,
        paths: false,
    }
}

const fn with_paths(s: Spec) -> Spec {
    Spec { paths: true, ..s }
}

/// Every meta-command, in the order `.help` lists them.
pub const COMMANDS: &[Spec] = &[
    spec(".help", "", "list the meta-commands"),
    Spec {
        aliases: &[".exit"],
        ..spec(".quit", "", "leave the REPL (Ctrl-D too)")
    },
    spec(
        ".format",
        "[table|csv|tsv|json|xml|turtle|nt]",
        "how results are written (a table shows CONSTRUCT/DESCRIBE as Turtle); alone: the current one",
    ),
    spec(".timer", "[on|off]", "show the time after the row count"),
    spec(
        ".maxrows",
        "[N|off]",
        "show at most N rows (or triples) on the screen and count the rest",
    ),
    spec(
        ".timeout",
        "[SECS|off]",
        "stop a statement that runs longer than SECS seconds (default: --timeout, 300)",
    ),
    with_paths(spec(
        ".output",
        "[FILE]",
        "write results to FILE (created anew), whole; without FILE, back to the screen",
    )),
    spec(
        ".prefixes",
        "",
        "the prefixes queries can use: the predeclared ones and this session's PREFIXes",
    ),
    with_paths(spec(
        ".load",
        "FILE [GRAPH]",
        "load an RDF file (.ttl .nt .nq .trig .rdf .jsonld) in one transaction, into GRAPH if given",
    )),
    with_paths(spec(
        ".build",
        "PATH...",
        "build articles (files, folders) into the store; unchanged ones are skipped",
    )),
    with_paths(spec(
        ".export",
        "FILE [FORMAT]",
        "write the graph to FILE (ttl nt nq trig jsonld rdfxml; else from the extension)",
    )),
    with_paths(spec(
        ".check",
        "PATH...",
        "run saved query scripts (.rq files, folders of them) as checks",
    )),
    spec(".stats", "", "articles, entities by class, facts by predicate"),
    spec(".graphs", "", "the named graphs, each with its number of triples"),
    spec(
        ".describe",
        "ENTITY",
        "an entity's triples; ENTITY is an IRI, a prefixed name or a label",
    ),
    spec(
        ".path",
        "FROM TO [MAX-HOPS]",
        "how two entities are connected, hop by hop with evidence ('quote' labels with spaces)",
    ),
    Spec {
        aliases: &[".neighbours"],
        ..spec(
            ".neighbors",
            "ENTITY [HOPS]",
            "the entities within HOPS (default 1) of an entity, and how each is reached",
        )
    },
    with_paths(spec(
        ".read",
        "FILE",
        "run the statements and meta-commands in FILE, as if typed",
    )),
];

/// The `.help` text: one line per command, from [`COMMANDS`].
pub fn help() -> String {
    let usage = |s: &Spec| {
        let names = std::iter::once(s.name)
            .chain(s.aliases.iter().copied())
            .collect::<Vec<_>>()
            .join(", ");
        if s.args.is_empty() {
            names
        } else {
            format!("{names} {}", s.args)
        }
    };
    let width = COMMANDS
        .iter()
        .map(|s| usage(s).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for s in COMMANDS {
        out.push_str(&format!("{:<width$}  {}\n", usage(s), s.help));
    }
    out.push_str(
        "\nAnything else is SPARQL (query or update; prefixes such as :, id:, rdfs: are predeclared).\n\
         A statement runs when it is complete, or at a blank line; Tab completes, Ctrl-C abandons\n\
         the input or stops a running query, Ctrl-D leaves.\n",
    );
    out
}

/// The spec named `name` (or one of its aliases), case-insensitively.
pub fn find(name: &str) -> Option<&'static Spec> {
    COMMANDS.iter().find(|s| {
        s.name.eq_ignore_ascii_case(name) || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// A row limit: a number or none.
/// A whole number of `unit`, or `off` (or 0).
fn limit(v: &str, unit: &str) -> Result<Limit, CommandError> {
    match v.to_ascii_lowercase().as_str() {
        "off" | "0" => Ok(Limit::Off),
        n => n.parse().map(Limit::Rows).map_err(|_| {
            CommandError(format!(
                "{v:?} is not a number of {unit} (a whole number, or off)"
            ))
        }),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Rows(usize),
    Off,
}

/// A meta-command with its arguments. A setting without a value
/// (`.format`, `.timer`, `.maxrows`, `.timeout`) shows the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Quit,
    Format(Option<OutputFormat>),
    Timer(Option<bool>),
    MaxRows(Option<Limit>),
    /// Seconds a statement may run (`Limit::Rows` holds the seconds).
    Timeout(Option<Limit>),
    /// A file, or back to stdout.
    Output(Option<PathBuf>),
    Prefixes,
    Load {
        file: PathBuf,
        graph: Option<String>,
    },
    Build(Vec<PathBuf>),
    Export {
        file: PathBuf,
        format: Option<ExportFormat>,
    },
    Check(Vec<PathBuf>),
    Stats,
    Graphs,
    Describe(String),
    Path {
        from: String,
        to: String,
        max_hops: Option<u32>,
    },
    Neighbors {
        entity: String,
        hops: u32,
    },
    Read(PathBuf),
}

impl Command {
    /// The name of the command's [`Spec`].
    pub fn name(&self) -> &'static str {
        match self {
            Command::Help => ".help",
            Command::Quit => ".quit",
            Command::Format(_) => ".format",
            Command::Timer(_) => ".timer",
            Command::MaxRows(_) => ".maxrows",
            Command::Timeout(_) => ".timeout",
            Command::Output(_) => ".output",
            Command::Prefixes => ".prefixes",
            Command::Load { .. } => ".load",
            Command::Build(_) => ".build",
            Command::Export { .. } => ".export",
            Command::Check(_) => ".check",
            Command::Stats => ".stats",
            Command::Graphs => ".graphs",
            Command::Describe(_) => ".describe",
            Command::Path { .. } => ".path",
            Command::Neighbors { .. } => ".neighbors",
            Command::Read(_) => ".read",
        }
    }
}

/// Why a meta-command line cannot be run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandError(pub String);

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CommandError {}

/// Splits arguments at spaces; '...' or "..." keep spaces (no escapes).
pub fn words(line: &str) -> Result<Vec<String>, CommandError> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&c) = chars.peek() else {
            return Ok(out);
        };
        let mut word = String::new();
        if c == '\'' || c == '"' {
            chars.next();
            loop {
                match chars.next() {
                    Some(x) if x == c => break,
                    Some(x) => word.push(x),
                    None => {
                        return Err(CommandError(format!("the quote {c} is not closed: {line}")))
                    }
                }
            }
        } else {
            while let Some(x) = chars.next_if(|x| !x.is_whitespace()) {
                word.push(x);
            }
        }
        out.push(word);
    }
}

impl FromStr for Command {
    type Err = CommandError;

    fn from_str(line: &str) -> Result<Command, CommandError> {
        let mut args = words(line)?;
        if args.is_empty() {
            return Err(CommandError("no command".into()));
        }
        let name = args.remove(0);
        let Some(spec) = find(&name) else {
            return Err(CommandError(format!(
                "unknown command {name} (.help lists the commands)"
            )));
        };
        let usage = || {
            CommandError(
                format!("usage: {} {}", spec.name, spec.args)
                    .trim_end()
                    .to_string(),
            )
        };
        let none = |c: Command| if args.is_empty() { Ok(c) } else { Err(usage()) };
        let at_most_one = || match args.len() {
            0 => Ok(None),
            1 => Ok(Some(args[0].clone())),
            _ => Err(usage()),
        };
        let paths = || {
            if args.is_empty() {
                Err(usage())
            } else {
                Ok(args.iter().map(PathBuf::from).collect::<Vec<_>>())
            }
        };
        match spec.name {
            ".help" => none(Command::Help),
            ".quit" => none(Command::Quit),
            ".format" => Ok(Command::Format(
                at_most_one()?
                    .map(|f| {
                        OutputFormat::from_str(&f, true).map_err(|_| {
                            CommandError(format!(
                                "unknown format {f:?} (table, csv, tsv, json, xml, turtle, nt)"
                            ))
                        })
                    })
                    .transpose()?,
            )),
            ".timer" => Ok(Command::Timer(
                at_most_one()?
                    .map(|v| match v.to_ascii_lowercase().as_str() {
                        "on" => Ok(true),
                        "off" => Ok(false),
                        _ => Err(usage()),
                    })
                    .transpose()?,
            )),
            ".maxrows" => Ok(Command::MaxRows(
                at_most_one()?.map(|v| limit(&v, "rows")).transpose()?,
            )),
            ".timeout" => Ok(Command::Timeout(
                at_most_one()?.map(|v| limit(&v, "seconds")).transpose()?,
            )),
            ".output" => Ok(Command::Output(at_most_one()?.map(PathBuf::from))),
            ".prefixes" => none(Command::Prefixes),
            ".load" => match args.as_slice() {
                [file] => Ok(Command::Load {
                    file: file.into(),
                    graph: None,
                }),
                [file, graph] => Ok(Command::Load {
                    file: file.into(),
                    graph: Some(graph.trim_start_matches('<').trim_end_matches('>').into()),
                }),
                _ => Err(usage()),
            },
            ".build" => Ok(Command::Build(paths()?)),
            ".export" => match args.as_slice() {
                [file] => Ok(Command::Export {
                    file: file.into(),
                    format: None,
                }),
                [file, format] => Ok(Command::Export {
                    file: file.into(),
                    format: Some(ExportFormat::from_str(format, true).map_err(|_| {
                        CommandError(format!(
                            "unknown export format {format:?} (ttl, nt, nq, trig, jsonld, rdfxml)"
                        ))
                    })?),
                }),
                _ => Err(usage()),
            },
            ".check" => Ok(Command::Check(paths()?)),
            ".stats" => none(Command::Stats),
            ".graphs" => none(Command::Graphs),
            ".describe" => {
                if args.is_empty() {
                    Err(usage())
                } else {
                    Ok(Command::Describe(args.join(" ")))
                }
            }
            ".path" => {
                let hops = |h: &str| {
                    h.parse::<u32>()
                        .ok()
                        .filter(|n| (1..=64).contains(n))
                        .ok_or_else(|| {
                            CommandError(format!("{h:?} is not a number of hops (1 to 64)"))
                        })
                };
                match args.as_slice() {
                    [from, to] => Ok(Command::Path {
                        from: from.clone(),
                        to: to.clone(),
                        max_hops: None,
                    }),
                    [from, to, n] => Ok(Command::Path {
                        from: from.clone(),
                        to: to.clone(),
                        max_hops: Some(hops(n)?),
                    }),
                    _ => Err(usage()),
                }
            }
            ".neighbors" => {
                match args.as_slice() {
                    [entity] => Ok(Command::Neighbors {
                        entity: entity.clone(),
                        hops: 1,
                    }),
                    [entity, n] => {
                        Ok(Command::Neighbors {
                            entity: entity.clone(),
                            hops: n.parse().ok().filter(|h| (1..=64).contains(h)).ok_or_else(
                                || CommandError(format!("{n:?} is not a number of hops (1 to 64)")),
                            )?,
                        })
                    }
                    _ => Err(usage()),
                }
            }
            ".read" => match args.as_slice() {
                [file] => Ok(Command::Read(file.into())),
                _ => Err(usage()),
            },
            other => Err(CommandError(format!("{other} is not handled"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arguments that make each command parse.
    fn example(name: &str) -> &'static str {
        match name {
            ".load" | ".read" | ".output" => " data.ttl",
            ".export" => " out.nq nq",
            ".build" | ".check" => " corpus/ more/",
            ".describe" => " Minsk Tractor Works",
            ".path" => " 'Minsk Tractor Works' Russia 4",
            ".neighbors" => " Belarus 2",
            ".format" => " csv",
            ".timer" => " off",
            ".maxrows" => " 10",
            ".timeout" => " 30",
            _ => "",
        }
    }

    #[test]
    fn every_listed_command_parses_and_names_itself() {
        for s in COMMANDS {
            for name in std::iter::once(&s.name).chain(s.aliases) {
                let line = format!("{name}{}", example(s.name));
                let c: Command = line.parse().unwrap_or_else(|e| panic!("{line}: {e}"));
                assert_eq!(c.name(), s.name, "{line}");
            }
        }
    }

    #[test]
    fn help_has_one_line_per_command() {
        let h = help();
        for s in COMMANDS {
            let lines: Vec<_> = h
                .lines()
                .filter(|l| {
                    l.starts_with(&format!("{} ", s.name)) || l.starts_with(&format!("{},", s.name))
                })
                .collect();
            assert_eq!(lines.len(), 1, "{}: {h}", s.name);
            assert!(lines[0].contains(s.help));
        }
        assert!(h.contains(".quit, .exit"));
    }

    #[test]
    fn arguments_are_parsed() {
        assert_eq!(
            ".format TURTLE".parse::<Command>(),
            Ok(Command::Format(Some(OutputFormat::Ttl)))
        );
        assert_eq!(".format".parse::<Command>(), Ok(Command::Format(None)));
        assert_eq!(
            ".timer on".parse::<Command>(),
            Ok(Command::Timer(Some(true)))
        );
        assert_eq!(
            ".maxrows off".parse::<Command>(),
            Ok(Command::MaxRows(Some(Limit::Off)))
        );
        assert_eq!(
            ".maxrows 5".parse::<Command>(),
            Ok(Command::MaxRows(Some(Limit::Rows(5))))
        );
        assert_eq!(
            ".load 'my file.ttl' <http://example.org/g>".parse::<Command>(),
            Ok(Command::Load {
                file: "my file.ttl".into(),
                graph: Some("http://example.org/g".into())
            })
        );
        assert_eq!(
            ".export graph.ttl".parse::<Command>(),
            Ok(Command::Export {
                file: "graph.ttl".into(),
                format: None
            })
        );
        assert_eq!(".output".parse::<Command>(), Ok(Command::Output(None)));
        assert_eq!(
            ".EXIT".parse::<Command>(),
            Ok(Command::Quit),
            "names are case-insensitive"
        );
    }

    #[test]
    fn bad_commands_say_what_is_wrong() {
        let err = |line: &str| line.parse::<Command>().unwrap_err().to_string();
        assert_eq!(
            err(".nope"),
            "unknown command .nope (.help lists the commands)"
        );
        assert!(err(".format yaml").contains("unknown format \"yaml\""));
        assert_eq!(err(".timer maybe"), "usage: .timer [on|off]");
        assert!(err(".maxrows many").contains("not a number of rows"));
        assert_eq!(err(".load"), "usage: .load FILE [GRAPH]");
        assert_eq!(err(".stats now"), "usage: .stats");
        assert!(err(".export x.ttl yaml").contains("unknown export format"));
        assert!(err(".read 'x").contains("not closed"));
        assert_eq!(err(".build"), "usage: .build PATH...");
    }
}
