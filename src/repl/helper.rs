//! The line editor's helper: when Enter sends a statement (validation),
//! what Tab offers (completion) and how the input is coloured.
//!
//! Validation uses the same [`Pending`] as the loop, backed by the SPARQL
//! parser: a statement is sent when it parses as a complete query or update,
//! or at a blank line; otherwise Enter goes on to a new line under the
//! `   ...> ` prompt. Each line is read on its own, so rustyline is told the
//! line is valid and the loop keeps the statement; only input that already
//! spans several lines (a paste, a recalled history entry) is kept open in
//! the editor while it is incomplete, so that all of it stays editable.
//!
//! Tab completes SPARQL keywords, prefixes, prefixed names of the classes,
//! properties and entities in the store, entity labels (`Mins<TAB>` offers
//! `id:minsk-tractor-works`), variables of the statement, meta-commands and
//! their arguments (file paths after `.load`, `.build`, `.export`, `.read`,
//! `.check`, `.output`). Keywords, IRIs, literals, variables and comments are
//! coloured; rustyline calls the highlighter only when stdout is a colour
//! terminal and `NO_COLOR` is unset.

use super::command::{self, COMMANDS};
use super::statement::{self, lex, LexState, Next, Pending, TokenKind, KEYWORDS};
use crate::query::{self, Answer};
use crate::store::Store;
use crate::vocab::{self, PREFIXES};
use oxigraph::model::Term;
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};
use std::borrow::Cow;

/// Names taken from the store, at most this many of each kind.
const MAX_NAMES: usize = 200_000;
/// Candidates offered at most.
const MAX_CANDIDATES: usize = 500;
/// Input longer than this (bytes) is not coloured.
const HIGHLIGHT_LIMIT: usize = 32 * 1024;
/// Words before the cursor that a label may span (`Minsk Tractor Wo<TAB>`).
const LABEL_WORDS: usize = 6;

/// What completion knows of the store.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Prefixed names (or `<IRI>`s) of classes, properties and entities, sorted.
    pub terms: Vec<String>,
    /// (lowercased label, label, prefixed name), sorted.
    pub labels: Vec<(String, String, String)>,
}

impl Names {
    /// Reads the classes, properties, entities and labels in the store,
    /// through the query path.
    pub fn load(store: &Store) -> Result<Names, query::QueryError> {
        let column = |q: &str| -> Result<Vec<Vec<Option<Term>>>, query::QueryError> {
            match query::evaluate(store, q, "completion", MAX_NAMES)? {
                Answer::Solutions { rows, .. } => Ok(rows),
                _ => Ok(Vec::new()),
            }
        };
        let iri = |t: &Option<Term>| match t {
            Some(Term::NamedNode(n)) => Some(vocab::compact(n.as_str())),
            _ => None,
        };
        let mut terms: Vec<String> = Vec::new();
        for q in [
            "SELECT DISTINCT ?t WHERE { { ?s a ?t } UNION { ?t a owl:Class } UNION { ?t a rdfs:Class } }",
            "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?t a owl:ObjectProperty } UNION { ?t a owl:DatatypeProperty } UNION { ?t a rdf:Property } }",
            &format!("SELECT DISTINCT ?t WHERE {{ ?t a ?c FILTER(STRSTARTS(STR(?t), \"{}\")) }}", vocab::ENTITY),
        ] {
            terms.extend(column(q)?.iter().filter_map(|r| iri(&r[0])));
        }
        terms.sort();
        terms.dedup();
        let mut labels: Vec<(String, String, String)> =
            column("SELECT ?t ?label WHERE { ?t rdfs:label ?label FILTER(isIRI(?t)) }")?
                .iter()
                .filter_map(|r| match (&r[0], &r[1]) {
                    (Some(Term::NamedNode(n)), Some(Term::Literal(l))) => Some((
                        l.value().to_lowercase(),
                        l.value().to_string(),
                        vocab::compact(n.as_str()),
                    )),
                    _ => None,
                })
                .collect();
        labels.sort();
        labels.dedup();
        Ok(Names { terms, labels })
    }
}

/// The rustyline helper of the REPL.
#[derive(Helper)]
pub struct ReplHelper {
    pub names: Names,
    /// The lines of the statement entered before the current one.
    pub pending: Pending,
    /// The session's prefixes (predeclared ones are always known).
    pub prefixes: Vec<(String, String)>,
    files: FilenameCompleter,
}

impl ReplHelper {
    pub fn new(names: Names) -> ReplHelper {
        ReplHelper {
            names,
            pending: Pending::new(),
            prefixes: Vec::new(),
            files: FilenameCompleter::new(),
        }
    }

    /// What pressing Enter on a line does, given the lines before it.
    pub fn next(&self, input: &str) -> Next {
        self.pending.clone().enter(input, &self.prefixes)
    }

    /// Whether Enter keeps `input` in the editor: input of several lines (a
    /// paste, a recalled entry) whose last statement is unfinished, so that
    /// all of it stays editable. A single line is always taken: the loop
    /// keeps an unfinished statement and prompts for more.
    pub fn holds(&self, input: &str) -> bool {
        input.contains('\n') && statement::ends_unfinished(&self.pending, input, &self.prefixes)
    }

    /// Completion candidates for `line` with the cursor at `pos`: the start
    /// of the text they replace, and the candidates.
    pub fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let before = &line[..pos];
        if !self.pending.has_statement() && statement::is_command(before) {
            return self.command_candidates(line, pos);
        }
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c))
            .last()
            .map(|(i, _)| i)
            .unwrap_or(pos);
        let word = &before[start..];
        if word.is_empty() {
            return (pos, Vec::new());
        }
        if word.starts_with('?') || word.starts_with('$') {
            return (start, self.variables(line, word));
        }
        let mut out = Vec::new();
        if word.contains(':') {
            out.extend(self.prefixed_names(word));
            return (start, cap(out));
        }
        let lower = word.to_lowercase();
        let upper =
            word == word.to_uppercase() || word.chars().next().is_some_and(char::is_uppercase);
        for k in KEYWORDS
            .iter()
            .filter(|k| k.to_lowercase().starts_with(&lower))
        {
            let k = if upper {
                k.to_string()
            } else {
                k.to_lowercase()
            };
            out.push(pair(&k, &format!("{k} ")));
        }
        for (p, _) in self.all_prefixes() {
            if !p.is_empty() && p.to_lowercase().starts_with(&lower) {
                out.push(pair(&format!("{p}:"), &format!("{p}:")));
            }
        }
        // Labels, also over several words: the longest span that some label
        // begins with.
        let (label_start, labels) = self.labels(before, start);
        if !labels.is_empty() {
            if label_start < start {
                return (label_start, cap(labels));
            }
            out.extend(labels);
        }
        (start, cap(out))
    }

    fn all_prefixes(&self) -> Vec<(String, String)> {
        PREFIXES
            .iter()
            .map(|(p, ns)| (p.to_string(), ns.to_string()))
            .chain(self.prefixes.iter().cloned())
            .collect()
    }

    /// Meta-command names, or the arguments of the command being typed.
    fn command_candidates(&self, line: &str, pos: usize) -> (usize, Vec<Pair>) {
        let before = &line[..pos];
        let lead = before.len() - before.trim_start().len();
        let typed = before.trim_start();
        let Some(space) = typed.find(char::is_whitespace) else {
            let names = COMMANDS
                .iter()
                .flat_map(|s| std::iter::once(s.name).chain(s.aliases.iter().copied()))
                .filter(|n| n.starts_with(&typed.to_lowercase()))
                .map(|n| pair(n, &format!("{n} ")))
                .collect();
            return (lead, names);
        };
        let Some(spec) = command::find(&typed[..space]) else {
            return (pos, Vec::new());
        };
        if spec.paths {
            let ctx_free = self.files.complete_path(line, pos);
            return ctx_free.unwrap_or((pos, Vec::new()));
        }
        let arg_start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map(|(i, _)| i)
            .unwrap_or(pos);
        let arg = before[arg_start..].to_lowercase();
        let choices: &[&str] = match spec.name {
            ".format" => &["table", "csv", "tsv", "json", "xml", "turtle", "nt"],
            ".timer" => &["on", "off"],
            ".maxrows" => &["off", "100", "1000", "10000"],
            ".timeout" => &["off", "10", "60", "300"],
            ".describe" => {
                let (start, mut found) = self.labels(before, arg_start);
                if start == arg_start {
                    found.extend(self.prefixed_names(&before[arg_start..]));
                }
                return (start, cap(found));
            }
            _ => &[],
        };
        let found = choices
            .iter()
            .filter(|c| c.starts_with(&arg))
            .map(|c| pair(c, c))
            .collect();
        (arg_start, found)
    }

    /// Prefixed names from the store beginning with `word` (`:` stands for
    /// `nkg:`, and the session's prefixes are expanded too).
    fn prefixed_names(&self, word: &str) -> Vec<Pair> {
        let Some((prefix, local)) = word.split_once(':') else {
            return Vec::new();
        };
        let Some(ns) = self
            .all_prefixes()
            .into_iter()
            .find(|(p, _)| p == prefix)
            .map(|(_, ns)| ns)
        else {
            return Vec::new();
        };
        // The store's names are compacted with the project's prefixes; find
        // the ones in this namespace and respell them with `prefix`.
        let mut out = Vec::new();
        for t in &self.names.terms {
            let full = expand(t);
            if let Some(rest) = full.strip_prefix(&ns) {
                if rest.starts_with(local) && !rest.is_empty() {
                    let name = format!("{prefix}:{rest}");
                    out.push(pair(&name, &name));
                }
            }
        }
        out
    }

    /// Labels that the text before the cursor ends with the beginning of,
    /// taking as many words back (up to [`LABEL_WORDS`]) as still match:
    /// the start of the matched text and the entities (display: the label).
    fn labels(&self, before: &str, word_start: usize) -> (usize, Vec<Pair>) {
        let mut starts = vec![word_start];
        let mut at = word_start;
        for _ in 1..LABEL_WORDS {
            let head = before[..at].trim_end_matches(' ');
            if head.len() == at || head.is_empty() {
                break;
            }
            let Some(s) = head
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_word_char(*c) && *c != ':')
                .last()
                .map(|(i, _)| i)
            else {
                break;
            };
            starts.push(s);
            at = s;
        }
        for &s in starts.iter().rev() {
            let typed = before[s..].to_lowercase();
            if typed.trim().is_empty() || typed.starts_with(['?', '$']) {
                continue;
            }
            let from = self
                .names
                .labels
                .partition_point(|(l, _, _)| l.as_str() < typed.as_str());
            let found: Vec<Pair> = self.names.labels[from..]
                .iter()
                .take_while(|(l, _, _)| l.starts_with(&typed))
                .map(|(_, label, name)| Pair {
                    display: format!("{name}  ({label})"),
                    replacement: name.clone(),
                })
                .collect();
            if !found.is_empty() {
                let mut seen = std::collections::HashSet::new();
                let found = found
                    .into_iter()
                    .filter(|p| seen.insert(p.replacement.clone()))
                    .collect();
                return (s, found);
            }
        }
        (word_start, Vec::new())
    }

    /// The variables of the statement (lines before and this one).
    fn variables(&self, line: &str, word: &str) -> Vec<Pair> {
        let text = format!("{}\n{line}", self.pending.text());
        let (tokens, _, _) = lex(&text, LexState::default());
        let mut vars: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Variable)
            .map(|t| &text[t.start..t.end])
            .filter(|v| v[1..].starts_with(&word[1..]) && v.len() > word.len())
            .collect();
        vars.sort();
        vars.dedup();
        vars.into_iter()
            .map(|v| {
                let v = format!("{}{}", &word[..1], &v[1..]);
                pair(&v, &v)
            })
            .collect()
    }
}

/// The full IRI of a compacted name.
fn expand(name: &str) -> String {
    if let Some(iri) = name.strip_prefix('<').and_then(|n| n.strip_suffix('>')) {
        return iri.to_string();
    }
    if let Some((p, local)) = name.split_once(':') {
        if let Some((_, ns)) = PREFIXES.iter().find(|(q, _)| *q == p) {
            return format!("{ns}{local}");
        }
    }
    name.to_string()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '?' | '$')
}

fn pair(display: &str, replacement: &str) -> Pair {
    Pair {
        display: display.to_string(),
        replacement: replacement.to_string(),
    }
}

fn cap(mut v: Vec<Pair>) -> Vec<Pair> {
    v.truncate(MAX_CANDIDATES);
    v
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        Ok(self.candidates(line, pos))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if self.holds(ctx.input()) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

/// The colour of a token kind (ANSI SGR), if any.
fn colour(kind: TokenKind) -> Option<&'static str> {
    match kind {
        TokenKind::Keyword => Some("1;34"),
        TokenKind::Iri => Some("32"),
        TokenKind::PrefixedName => Some("36"),
        TokenKind::Literal | TokenKind::Number => Some("33"),
        TokenKind::Variable => Some("35"),
        TokenKind::Comment => Some("2"),
        TokenKind::Space | TokenKind::Other => None,
    }
}

/// `line` with ANSI colours (same display width), starting in the lexer
/// state of the lines before it.
pub fn highlight(line: &str, state: LexState, command: bool) -> String {
    if command {
        let end = line.find(char::is_whitespace).unwrap_or(line.len());
        return format!("\x1b[1m{}\x1b[0m{}", &line[..end], &line[end..]);
    }
    let (tokens, _, _) = lex(line, state);
    let mut out = String::with_capacity(line.len() + 16 * tokens.len());
    for t in tokens {
        let text = &line[t.start..t.end];
        match colour(t.kind) {
            Some(c) => {
                out.push_str("\x1b[");
                out.push_str(c);
                out.push('m');
                out.push_str(text);
                out.push_str("\x1b[0m");
            }
            None => out.push_str(text),
        }
    }
    out
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if line.len() > HIGHLIGHT_LIMIT || line.is_empty() {
            return Cow::Borrowed(line);
        }
        let command = !self.pending.has_statement() && statement::is_command(line);
        Cow::Owned(highlight(line, self.pending.state(), command))
    }

    fn highlight_char(&self, line: &str, _pos: usize, kind: CmdKind) -> bool {
        kind != CmdKind::MoveCursor && line.len() <= HIGHLIGHT_LIMIT
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustyline::history::DefaultHistory;

    fn helper() -> ReplHelper {
        let names = Names {
            terms: vec![
                "id:minsk".into(),
                "id:minsk-tractor-works".into(),
                "nkg:Country".into(),
                "nkg:partnersWith".into(),
                "rdfs:label".into(),
            ],
            labels: vec![
                ("minsk".into(), "Minsk".into(), "id:minsk".into()),
                (
                    "minsk tractor works".into(),
                    "Minsk Tractor Works".into(),
                    "id:minsk-tractor-works".into(),
                ),
                (
                    "минский тракторный завод".into(),
                    "Минский тракторный завод".into(),
                    "id:minsk-tractor-works".into(),
                ),
            ],
        };
        ReplHelper::new(names)
    }

    fn complete(h: &ReplHelper, line: &str) -> (usize, Vec<String>) {
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        let (start, found) = h.complete(line, line.len(), &ctx).unwrap();
        (start, found.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn keywords_complete_in_the_case_typed() {
        let h = helper();
        assert_eq!(complete(&h, "SEL"), (0, vec!["SELECT ".to_string()]));
        assert_eq!(complete(&h, "sel"), (0, vec!["select ".to_string()]));
        let (start, found) = complete(&h, "SELECT ?x WHERE { ?x a :Country } ORD");
        assert_eq!(start, 34);
        assert_eq!(found, vec!["ORDER "]);
        assert!(complete(&h, "SELECT ").1.is_empty(), "nothing for no word");
    }

    #[test]
    fn entities_complete_by_label_in_any_language() {
        let h = helper();
        let (start, found) = complete(&h, "DESCRIBE Mins");
        assert_eq!(start, 9);
        assert_eq!(found, vec!["id:minsk", "id:minsk-tractor-works"]);
        let (start, found) = complete(&h, "DESCRIBE minsk trac");
        assert_eq!(
            (start, found),
            (9, vec!["id:minsk-tractor-works".to_string()])
        );
        let (_, found) = complete(&h, "ASK { ?x :partnersWith Минский");
        assert_eq!(found, vec!["id:minsk-tractor-works"]);
        // The list shows the label beside the name.
        let history = DefaultHistory::new();
        let (_, pairs) = h.complete("Minsk T", 7, &Context::new(&history)).unwrap();
        assert_eq!(
            pairs[0].display,
            "id:minsk-tractor-works  (Minsk Tractor Works)"
        );
    }

    #[test]
    fn prefixes_and_prefixed_names_complete() {
        let mut h = helper();
        assert_eq!(complete(&h, "rdf").1, vec!["rdf:", "rdfs:"]);
        assert_eq!(
            complete(&h, "SELECT * { id:minsk-t").1,
            vec!["id:minsk-tractor-works"]
        );
        // `:` is the ontology namespace, like nkg:.
        assert_eq!(complete(&h, "?c a :Coun").1, vec![":Country"]);
        assert_eq!(complete(&h, "?c a nkg:p").1, vec!["nkg:partnersWith"]);
        // A session prefix for the same namespace.
        h.prefixes = vec![("onto".into(), vocab::NKG.into())];
        assert_eq!(complete(&h, "?c a onto:C").1, vec!["onto:Country"]);
        assert!(complete(&h, "?c a nope:C").1.is_empty());
    }

    #[test]
    fn variables_of_the_statement_complete() {
        let mut h = helper();
        h.pending.enter("SELECT ?country ?count WHERE {", &[]);
        assert_eq!(
            complete(&h, "  ?country :partnersWith ?co").1,
            vec!["?count", "?country"]
        );
    }

    #[test]
    fn meta_commands_and_their_arguments_complete() {
        let h = helper();
        assert_eq!(complete(&h, ".fo").1, vec![".format "]);
        assert_eq!(complete(&h, ".e").1, vec![".exit ", ".export "]);
        assert_eq!(complete(&h, ".format j"), (8, vec!["json".to_string()]));
        assert_eq!(complete(&h, ".timer o").1, vec!["on", "off"]);
        assert_eq!(
            complete(&h, ".describe Minsk Tr").1,
            vec!["id:minsk-tractor-works"]
        );
        // File paths after commands that take them.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("graph-data.ttl"), "").unwrap();
        let line = format!(".load {}/graph-d", dir.path().display());
        let (_, found) = complete(&h, &line);
        assert_eq!(
            found,
            vec![format!("{}/graph-data.ttl", dir.path().display())]
        );
        // Inside a statement, a "." line is SPARQL, not a command.
        let mut h = helper();
        h.pending.enter("SELECT * WHERE { ?s ?p ?o", &[]);
        assert!(complete(&h, ".fo").1.is_empty());
    }

    #[test]
    fn validator_keeps_single_lines_and_holds_open_pastes() {
        let h = helper();
        let mut p = Pending::new();
        assert_eq!(p.enter("SELECT ?c", &[]), Next::Wait);
        assert_eq!(h.next("SELECT ?c WHERE { ?c a :Country }"), Next::Send);
        assert_eq!(h.next("SELECT ?c"), Next::Wait);
        assert_eq!(h.next(".stats"), Next::Command(".stats".into()));
        let mut h = helper();
        h.pending = p;
        assert_eq!(h.next("WHERE { ?c a :Country }"), Next::Send);
        assert_eq!(h.next(""), Next::Send, "a blank line sends");
        // Several lines at once stay in the editor while their end is unfinished.
        let h = helper();
        assert!(!h.holds("SELECT ?c"));
        assert!(h.holds("SELECT ?c\nWHERE {"));
        assert!(!h.holds("SELECT ?c\nWHERE { ?c a :Country }"));
        assert!(!h.holds("ASK {}\n\nASK { ?s ?p ?o }"));
        assert!(h.holds("ASK {}\n\nASK { ?s ?p ?o"));
        assert!(!h.holds("SELECT ?c\nWHERE {\n"), "a blank line ends it");
        assert!(!h.holds("SELECT ?c\nWHERE { \"open"), "broken: sent");
    }

    #[test]
    fn highlighting_colours_tokens_and_keeps_the_text() {
        let line = "SELECT ?x WHERE { ?x rdfs:label \"Minsk\" ; <http://e.org/p> 3 } # c";
        let out = highlight(line, LexState::default(), false);
        assert!(out.contains("\x1b[1;34mSELECT\x1b[0m"));
        assert!(out.contains("\x1b[35m?x\x1b[0m"));
        assert!(out.contains("\x1b[36mrdfs:label\x1b[0m"));
        assert!(out.contains("\x1b[33m\"Minsk\"\x1b[0m"));
        assert!(out.contains("\x1b[32m<http://e.org/p>\x1b[0m"));
        assert!(out.contains("\x1b[2m# c\x1b[0m"));
        let plain = out
            .split("\x1b[")
            .enumerate()
            .map(|(i, s)| {
                if i == 0 {
                    s
                } else {
                    &s[s.find('m').unwrap() + 1..]
                }
            })
            .collect::<String>();
        assert_eq!(plain, line);
        // A line inside a long string stays a literal.
        let state = lex(
            "INSERT DATA { id:x rdfs:comment \"\"\"two",
            LexState::default(),
        )
        .1;
        assert!(highlight("lines\"\"\" }", state, false).starts_with("\x1b[33mlines\"\"\"\x1b[0m"));
        assert_eq!(
            highlight(".format csv", LexState::default(), true),
            "\x1b[1m.format\x1b[0m csv"
        );
    }
}
