//! Where a statement ends in REPL input, and the tokens of SPARQL text.
//!
//! There is no terminator character: a statement is sent when it parses as
//! a complete SPARQL query or update ([`query::completeness`]), when a blank
//! line follows it, or as soon as it is wrong in a way no further line can
//! mend (a string literal left open at the end of a line, a closing bracket
//! too many, a syntax error before the end). A line starting with `.` where
//! a statement would begin is a meta-command, complete on its own line.
//!
//! [`Pending`] is the statement being typed, one line at a time (the
//! terminal); [`Splitter`] cuts whole input (piped stdin, `.read FILE`) into
//! statements and, because it can look one line ahead, keeps a line that
//! continues a complete statement (`ORDER BY ?x` under a query's closing
//! brace) with it. The lexer is also what the highlighter colours.

use crate::query::{self, Parsed};

/// Longest unfinished statement (bytes) that is parsed on every line while
/// its brackets are open; past it, only balanced text is parsed, so a huge
/// pasted statement is parsed a handful of times rather than once per line.
const PARSE_OPEN_LIMIT: usize = 64 * 1024;

/// What a token is, for highlighting and for finding where statements end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Space,
    Comment,
    Keyword,
    /// `<http://...>`
    Iri,
    /// `id:belarus`, `:Country`, `_:b0`
    PrefixedName,
    /// A string literal (short or long, closed or not).
    Literal,
    Number,
    /// `?x`, `$x`
    Variable,
    /// Brackets, operators, `.`, `;`, `,`, language tags, words that are not keywords.
    Other,
}

/// A token: its kind and byte range in the lexed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

/// Lexer state carried from one line to the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LexState {
    /// Open brackets `{ ( [` minus closed ones.
    pub depth: i64,
    /// Inside a long string (`'''` or `"""`): its quote character.
    pub long_string: Option<char>,
}

/// SPARQL 1.1 keywords and built-in function names, as completion offers them.
pub const KEYWORDS: &[&str] = &[
    "SELECT",
    "CONSTRUCT",
    "DESCRIBE",
    "ASK",
    "WHERE",
    "FROM",
    "NAMED",
    "PREFIX",
    "BASE",
    "DISTINCT",
    "REDUCED",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "LIMIT",
    "OFFSET",
    "GROUP",
    "HAVING",
    "VALUES",
    "OPTIONAL",
    "UNION",
    "MINUS",
    "FILTER",
    "BIND",
    "AS",
    "GRAPH",
    "SERVICE",
    "SILENT",
    "NOT",
    "EXISTS",
    "IN",
    "UNDEF",
    "INSERT",
    "DELETE",
    "DATA",
    "WITH",
    "USING",
    "DEFAULT",
    "ALL",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "INTO",
    "TO",
    "COUNT",
    "SUM",
    "MIN",
    "MAX",
    "AVG",
    "SAMPLE",
    "GROUP_CONCAT",
    "SEPARATOR",
    "STR",
    "LANG",
    "LANGMATCHES",
    "DATATYPE",
    "BOUND",
    "IRI",
    "URI",
    "BNODE",
    "RAND",
    "ABS",
    "CEIL",
    "FLOOR",
    "ROUND",
    "CONCAT",
    "STRLEN",
    "UCASE",
    "LCASE",
    "ENCODE_FOR_URI",
    "CONTAINS",
    "STRSTARTS",
    "STRENDS",
    "STRBEFORE",
    "STRAFTER",
    "YEAR",
    "MONTH",
    "DAY",
    "HOURS",
    "MINUTES",
    "SECONDS",
    "TIMEZONE",
    "TZ",
    "NOW",
    "UUID",
    "STRUUID",
    "MD5",
    "SHA1",
    "SHA256",
    "SHA384",
    "SHA512",
    "COALESCE",
    "IF",
    "STRLANG",
    "STRDT",
    "SAMETERM",
    "ISIRI",
    "ISURI",
    "ISBLANK",
    "ISLITERAL",
    "ISNUMERIC",
    "REGEX",
    "SUBSTR",
    "REPLACE",
    "TRUE",
    "FALSE",
];

fn is_keyword(word: &str) -> bool {
    word == "a" || KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// Characters of names: prefixed names, keywords, local names.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.' | '%' | '\u{b7}')
}

/// Characters that may not appear in an IRI reference.
fn ends_iri(c: char) -> bool {
    matches!(c, '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') || c <= ' '
}

/// Something in lexed text that no further text can mend, at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// A `"..."` or `'...'` string literal that a line break (or the end of
    /// the text) left open: where it starts.
    OpenString(usize),
    /// A character SPARQL has no use for outside strings, IRIs and comments
    /// (control characters, other symbols: binary input).
    BadChar(usize),
    /// A statement whose first token is not a keyword that begins one.
    NoStart(usize),
}

impl Flaw {
    fn offset(self) -> usize {
        match self {
            Flaw::OpenString(at) | Flaw::BadChar(at) | Flaw::NoStart(at) => at,
        }
    }
}

/// Characters that SPARQL uses on their own, outside names and literals.
const PUNCTUATION: &str = "{}()[].,;*+-/!=<>&|^@?$:";

/// Splits `text` into tokens, starting in `state`; returns the tokens, the
/// state at the end, and the first [`Flaw`].
pub fn lex(text: &str, mut state: LexState) -> (Vec<Token>, LexState, Option<Flaw>) {
    let mut tokens = Vec::new();
    let mut flaw = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let offset = |i: usize| chars.get(i).map(|(o, _)| *o).unwrap_or(text.len());
    let mut i = 0;
    let mut push = |kind, from: usize, to: usize| {
        tokens.push(Token {
            kind,
            start: offset(from),
            end: offset(to),
        })
    };
    // Finishes a long string from index `i`; returns the index after it.
    let close_long = |i: usize, q: char, state: &mut LexState| -> usize {
        let mut j = i;
        while j < chars.len() {
            match chars[j].1 {
                '\\' => j += 2,
                c if c == q
                    && chars.get(j + 1).map(|x| x.1) == Some(q)
                    && chars.get(j + 2).map(|x| x.1) == Some(q) =>
                {
                    state.long_string = None;
                    return j + 3;
                }
                _ => j += 1,
            }
        }
        chars.len()
    };
    if let Some(q) = state.long_string {
        let j = close_long(0, q, &mut state);
        push(TokenKind::Literal, 0, j);
        i = j;
    }
    while i < chars.len() {
        let c = chars[i].1;
        let next = chars.get(i + 1).map(|x| x.1);
        let start = i;
        let kind = match c {
            ' ' | '\t' | '\r' | '\n' => {
                while i < chars.len() && matches!(chars[i].1, ' ' | '\t' | '\r' | '\n') {
                    i += 1;
                }
                TokenKind::Space
            }
            '#' => {
                while i < chars.len() && chars[i].1 != '\n' {
                    i += 1;
                }
                TokenKind::Comment
            }
            '<' => {
                let mut j = i + 1;
                while j < chars.len() && !ends_iri(chars[j].1) && chars[j].1 != '>' {
                    j += 1;
                }
                if chars.get(j).map(|x| x.1) == Some('>') {
                    i = j + 1;
                    TokenKind::Iri
                } else {
                    i += 1;
                    TokenKind::Other
                }
            }
            '"' | '\'' => {
                if next == Some(c) && chars.get(i + 2).map(|x| x.1) == Some(c) {
                    state.long_string = Some(c);
                    i = close_long(i + 3, c, &mut state);
                } else {
                    let mut j = i + 1;
                    loop {
                        match chars.get(j).map(|x| x.1) {
                            None | Some('\n') | Some('\r') => {
                                flaw.get_or_insert(Flaw::OpenString(offset(start)));
                                break;
                            }
                            Some('\\') => j += 2,
                            Some(x) if x == c => {
                                j += 1;
                                break;
                            }
                            Some(_) => j += 1,
                        }
                    }
                    i = j.min(chars.len());
                }
                TokenKind::Literal
            }
            '?' | '$' if next.is_some_and(|n| n.is_alphanumeric() || n == '_') => {
                i += 1;
                while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                    i += 1;
                }
                TokenKind::Variable
            }
            c if c.is_ascii_digit() => {
                while i < chars.len()
                    && (chars[i].1.is_ascii_digit()
                        || (chars[i].1 == '.'
                            && chars.get(i + 1).is_some_and(|x| x.1.is_ascii_digit()))
                        || matches!(chars[i].1, 'e' | 'E'))
                {
                    i += 1;
                }
                TokenKind::Number
            }
            c if c.is_alphabetic() || c == '_' || c == ':' => {
                while i < chars.len() && is_name_char(chars[i].1) {
                    i += 1;
                }
                // A name does not end with a dot: that ends a triple.
                while i > start + 1 && chars[i - 1].1 == '.' {
                    i -= 1;
                }
                let word = &text[offset(start)..offset(i)];
                if word.contains(':') {
                    TokenKind::PrefixedName
                } else if is_keyword(word) {
                    TokenKind::Keyword
                } else {
                    TokenKind::Other
                }
            }
            '{' | '(' | '[' => {
                state.depth += 1;
                i += 1;
                TokenKind::Other
            }
            '}' | ')' | ']' => {
                state.depth -= 1;
                i += 1;
                TokenKind::Other
            }
            c => {
                if !PUNCTUATION.contains(c) {
                    flaw.get_or_insert(Flaw::BadChar(offset(start)));
                }
                i += 1;
                TokenKind::Other
            }
        };
        push(kind, start, i);
    }
    (tokens, state, flaw)
}

/// Whether a line is a meta-command: its first character other than
/// spaces is a `.` followed by a letter.
pub fn is_command(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    chars.next() == Some('.') && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// What a line entered does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// A meta-command (the trimmed line).
    Command(String),
    /// Send the statement ([`Pending::take`]).
    Send,
    /// Wait for more lines of this statement.
    Wait,
    /// Nothing to do: a blank line, or only comments, with no statement begun.
    Nothing,
}

/// A statement being entered line by line.
#[derive(Debug, Clone, Default)]
pub struct Pending {
    text: String,
    lines: usize,
    lex: LexState,
    /// Whether there is anything but whitespace and comments.
    sparql: bool,
    /// The first thing no further line can mend.
    problem: Option<Problem>,
    /// How many times the whole text was parsed to judge it complete.
    parses: std::cell::Cell<usize>,
}

/// Something wrong with a statement that no further line can mend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line within the statement.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl Pending {
    pub fn new() -> Pending {
        Pending::default()
    }

    /// The text entered so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a statement has begun (anything but whitespace and comments).
    pub fn has_statement(&self) -> bool {
        self.sparql
    }

    /// What no further line can mend (an open string literal, a character
    /// SPARQL has no use for), if anything.
    pub fn problem(&self) -> Option<&Problem> {
        self.problem.as_ref()
    }

    /// The lexer state at the end of the text (inside a long string?).
    pub fn state(&self) -> LexState {
        self.lex
    }

    pub fn clear(&mut self) {
        *self = Pending::new();
    }

    /// Takes the statement out, leaving this empty.
    pub fn take(&mut self) -> Pending {
        std::mem::take(self)
    }

    /// Adds lines as they are, without judging them.
    pub fn push_text(&mut self, text: &str) {
        for line in text.split('\n') {
            self.push_line(line);
        }
    }

    fn push_line(&mut self, line: &str) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.lines += 1;
        let (tokens, state, mut flaw) = lex(line, self.lex);
        self.lex = state;
        let first = tokens
            .iter()
            .find(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Comment));
        if let (false, Some(first)) = (self.sparql, first) {
            self.sparql = true;
            let word = &line[first.start..first.end];
            let starts = first.kind == TokenKind::Keyword
                && STARTERS.iter().any(|k| k.eq_ignore_ascii_case(word));
            if !starts && flaw.is_none_or(|f| f.offset() > first.start) {
                flaw = Some(Flaw::NoStart(first.start));
            }
        }
        if let (None, Some(flaw)) = (&self.problem, flaw) {
            let (at, message) = match flaw {
                Flaw::OpenString(at) => (
                    at,
                    "unterminated string literal: a \"...\" or '...' string ends on its line (a \"\"\"...\"\"\" string may span lines)".to_string(),
                ),
                Flaw::NoStart(at) => {
                    let word: String = line[at..]
                        .chars()
                        .take_while(|c| !c.is_whitespace())
                        .take(40)
                        .collect();
                    (
                        at,
                        format!(
                            "{word} cannot begin a statement: a query begins with SELECT, CONSTRUCT, DESCRIBE or ASK, an update with INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY or WITH (either may have PREFIX and BASE lines first)"
                        ),
                    )
                }
                Flaw::BadChar(at) => {
                    let c = line[at..].chars().next().unwrap_or(' ');
                    (
                        at,
                        format!(
                            "the character {c:?} (U+{:04X}) has no place in SPARQL outside a string, an IRI or a comment",
                            c as u32
                        ),
                    )
                }
            };
            self.problem = Some(Problem {
                line: self.lines,
                column: line[..at].chars().count() + 1,
                message,
            });
        }
        self.text.push_str(line);
    }

    /// Enters `input` (one line, or several from a paste or a recalled
    /// history entry) and says what to do: run a meta-command, send the
    /// statement, wait for more, or nothing. `prefixes` are the session's.
    pub fn enter(&mut self, input: &str, prefixes: &[(String, String)]) -> Next {
        let blank = input.trim().is_empty();
        if !self.sparql && !blank && is_command(input) && !input.trim().contains('\n') {
            self.clear();
            return Next::Command(input.trim().to_string());
        }
        if blank {
            return if self.sparql {
                Next::Send
            } else {
                self.clear();
                Next::Nothing
            };
        }
        for line in input.split('\n') {
            self.push_line(line);
        }
        if !self.sparql {
            self.clear();
            return Next::Nothing;
        }
        if input
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.trim().is_empty())
        {
            return Next::Send;
        }
        self.verdict(prefixes)
    }

    /// Send, or wait for more lines.
    fn verdict(&self, prefixes: &[(String, String)]) -> Next {
        if self.problem.is_some() || self.lex.depth < 0 {
            return Next::Send;
        }
        let open = self.lex.depth > 0 || self.lex.long_string.is_some();
        if open && self.text.len() > PARSE_OPEN_LIMIT {
            return Next::Wait;
        }
        self.parses.set(self.parses.get() + 1);
        match query::completeness(&self.text, prefixes) {
            Parsed::Complete | Parsed::Wrong { .. } => Next::Send,
            Parsed::Incomplete => Next::Wait,
        }
    }

    /// Whether the statement parses complete.
    fn is_complete(&self, prefixes: &[(String, String)]) -> bool {
        self.problem.is_none()
            && self.lex.depth == 0
            && self.lex.long_string.is_none()
            && query::completeness(&self.text, prefixes) == Parsed::Complete
    }

    /// Whether `line` goes on with this (complete) statement: it is a
    /// comment, or it does not begin a statement of its own (a meta-command,
    /// a keyword such as SELECT or INSERT) and the two parse together, or
    /// still could.
    fn continued_by(&self, line: &str, prefixes: &[(String, String)]) -> bool {
        let (tokens, _, _) = lex(line, LexState::default());
        let Some(first) = tokens.iter().find(|t| t.kind != TokenKind::Space) else {
            return false;
        };
        let word = &line[first.start..first.end];
        // A comment, or the next operation of an update ending in ";".
        if first.kind == TokenKind::Comment || self.text.trim_end().ends_with(';') {
            return true;
        }
        if is_command(line)
            || (first.kind == TokenKind::Keyword
                && STARTERS.iter().any(|k| k.eq_ignore_ascii_case(word)))
        {
            return false;
        }
        let joined = format!("{}\n{line}", self.text);
        !matches!(query::completeness(&joined, prefixes), Parsed::Wrong { .. })
    }
}

/// Keywords that begin a query or an update: a line starting with one
/// begins a new statement.
const STARTERS: &[&str] = &[
    "SELECT",
    "CONSTRUCT",
    "DESCRIBE",
    "ASK",
    "PREFIX",
    "BASE",
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
];

/// A line of input that is not UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    pub line: usize,
}

/// What whole input is cut into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A meta-command on this line.
    Command { line: usize, text: String },
    /// A statement whose first line is `line`; `problem` as
    /// [`Pending::problem`]. `finished`: complete, wrong, or cut by a blank
    /// line, rather than left unfinished by the end of the input.
    Statement {
        line: usize,
        text: String,
        problem: Option<Problem>,
        finished: bool,
    },
    /// A line that is not UTF-8 text (the statement it was in is dropped).
    NotText { line: usize },
}

/// Cuts whole input into statements and meta-commands: as [`Pending`], and
/// a complete statement also takes the lines after it that continue it.
pub struct Splitter<I> {
    lines: I,
    line_no: usize,
    ahead: Option<Result<String, NotText>>,
    /// The session's prefixes; the caller updates them between items.
    pub prefixes: Vec<(String, String)>,
}

impl<I: Iterator<Item = Result<String, NotText>>> Splitter<I> {
    /// `lines` yields each line (without its line break) or a [`NotText`]
    /// naming the line.
    pub fn new(lines: I, prefixes: Vec<(String, String)>) -> Splitter<I> {
        Splitter {
            lines,
            line_no: 0,
            ahead: None,
            prefixes,
        }
    }

    fn next_line(&mut self) -> Option<Result<String, NotText>> {
        let l = self.ahead.take().or_else(|| self.lines.next())?;
        self.line_no += 1;
        Some(l)
    }

    /// Reads the next line into `ahead` unless it is there.
    fn peek_line(&mut self) {
        if self.ahead.is_none() {
            self.ahead = self.lines.next();
        }
    }
}

impl<I: Iterator<Item = Result<String, NotText>>> Iterator for Splitter<I> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let mut pending = Pending::new();
        let mut first = 0;
        let statement = |first: usize, p: &mut Pending, finished: bool| {
            let p = p.take();
            Item::Statement {
                line: first,
                problem: p.problem,
                text: p.text,
                finished,
            }
        };
        loop {
            let Some(line) = self.next_line() else {
                return pending
                    .has_statement()
                    .then(|| statement(first, &mut pending, false));
            };
            let line = match line {
                Ok(l) => l,
                Err(e) => return Some(Item::NotText { line: e.line }),
            };
            if !pending.has_statement() {
                first = self.line_no;
            }
            match pending.enter(&line, &self.prefixes) {
                Next::Command(text) => {
                    return Some(Item::Command {
                        line: self.line_no,
                        text,
                    })
                }
                Next::Nothing | Next::Wait => continue,
                Next::Send if !pending.is_complete(&self.prefixes) => {
                    return Some(statement(first, &mut pending, true))
                }
                Next::Send => {}
            }
            // Complete: lines that continue it are part of it.
            loop {
                self.peek_line();
                let goes_on = match &self.ahead {
                    Some(Ok(l)) => pending.continued_by(l, &self.prefixes),
                    _ => false,
                };
                let next = if goes_on { self.next_line() } else { None };
                let Some(Ok(l)) = next else {
                    return Some(statement(first, &mut pending, true));
                };
                match pending.enter(&l, &self.prefixes) {
                    Next::Send if pending.is_complete(&self.prefixes) => continue,
                    Next::Send => return Some(statement(first, &mut pending, true)),
                    _ => break,
                }
            }
        }
    }
}

/// Whether whole input (after the lines of `pending`) ends in a statement
/// left unfinished, which more lines could complete.
pub fn ends_unfinished(pending: &Pending, input: &str, prefixes: &[(String, String)]) -> bool {
    let text = if pending.has_statement() {
        format!("{}\n{input}", pending.text())
    } else {
        input.to_string()
    };
    let lines = text.split('\n').map(|l| Ok(l.to_string()));
    matches!(
        Splitter::new(lines, prefixes.to_vec()).last(),
        Some(Item::Statement {
            finished: false,
            ..
        })
    )
}

/// The `PREFIX` declarations at the start of a statement (its prologue), in
/// order: what a session remembers after the statement ran.
pub fn declared_prefixes(text: &str) -> Vec<(String, String)> {
    let (tokens, _, _) = lex(text, LexState::default());
    let mut words = tokens
        .iter()
        .filter(|t| !matches!(t.kind, TokenKind::Space | TokenKind::Comment))
        .map(|t| (t.kind, &text[t.start..t.end]));
    let mut out = Vec::new();
    loop {
        match words.next() {
            Some((TokenKind::Keyword, w)) if w.eq_ignore_ascii_case("PREFIX") => {
                let (Some((TokenKind::PrefixedName, name)), Some((TokenKind::Iri, iri))) =
                    (words.next(), words.next())
                else {
                    break;
                };
                let Some(name) = name.strip_suffix(':').filter(|n| !n.contains(':')) else {
                    break;
                };
                out.push((name.to_string(), iri[1..iri.len() - 1].to_string()));
            }
            Some((TokenKind::Keyword, w)) if w.eq_ignore_ascii_case("BASE") => {
                words.next();
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        lex(text, LexState::default())
            .0
            .into_iter()
            .filter(|t| t.kind != TokenKind::Space)
            .map(|t| (t.kind, &text[t.start..t.end]))
            .collect()
    }

    #[test]
    fn lexer_knows_iris_literals_variables_and_keywords() {
        use TokenKind::*;
        assert_eq!(
            kinds("SELECT ?c WHERE { ?c a :Country ; rdfs:label \"Минск\"@ru . FILTER(?n < 3.5) } # done"),
            vec![
                (Keyword, "SELECT"),
                (Variable, "?c"),
                (Keyword, "WHERE"),
                (Other, "{"),
                (Variable, "?c"),
                (Keyword, "a"),
                (PrefixedName, ":Country"),
                (Other, ";"),
                (PrefixedName, "rdfs:label"),
                (Literal, "\"Минск\""),
                (Other, "@"),
                (Other, "ru"),
                (Other, "."),
                (Keyword, "FILTER"),
                (Other, "("),
                (Variable, "?n"),
                (Other, "<"),
                (Number, "3.5"),
                (Other, ")"),
                (Other, "}"),
                (Comment, "# done"),
            ]
        );
        assert_eq!(
            kinds("<http://e.org/a#b> id:minsk."),
            vec![
                (Iri, "<http://e.org/a#b>"),
                (PrefixedName, "id:minsk"),
                (Other, ".")
            ]
        );
        assert_eq!(kinds("'it\\'s'"), vec![(Literal, "'it\\'s'")]);
    }

    #[test]
    fn lexer_tracks_brackets_long_strings_and_open_literals() {
        let (_, s, open) = lex("SELECT * { ?s ?p (", LexState::default());
        assert_eq!(s.depth, 2);
        assert_eq!(open, None);
        let (_, s, _) = lex("\"\"\"first line", LexState::default());
        assert_eq!(s.long_string, Some('"'));
        let (t, s, _) = lex("still\"\"\" } }", s);
        assert_eq!(s.long_string, None);
        assert_eq!(s.depth, -2);
        assert_eq!(t[0].kind, TokenKind::Literal);
        let (_, _, flaw) = lex("?s ?p \"abc }\n?x", LexState::default());
        assert_eq!(flaw, Some(Flaw::OpenString(6)));
        // A bracket inside a string or an IRI is not a bracket.
        let (_, s, flaw) = lex("\"{\" <http://x/(> '('", LexState::default());
        assert_eq!((s.depth, flaw), (0, None));
        // Binary input.
        let (_, _, flaw) = lex("ASK {} \u{1}", LexState::default());
        assert_eq!(flaw, Some(Flaw::BadChar(7)));
        let (_, _, flaw) = lex("ASK { ?s ?p \"\u{1}\" } # \u{2}", LexState::default());
        assert_eq!(flaw, None, "fine in strings and comments");
    }

    fn enter_all(lines: &[&str]) -> (Pending, Vec<Next>) {
        let mut p = Pending::new();
        let next = lines.iter().map(|l| p.enter(l, &[])).collect();
        (p, next)
    }

    #[test]
    fn a_statement_is_sent_when_complete() {
        let (p, next) = enter_all(&["SELECT ?c", "WHERE {", "  ?c a :Country", "}"]);
        assert_eq!(next, vec![Next::Wait, Next::Wait, Next::Wait, Next::Send]);
        assert_eq!(p.text(), "SELECT ?c\nWHERE {\n  ?c a :Country\n}");
        let (_, next) = enter_all(&["INSERT DATA { id:a :partnersWith id:b }"]);
        assert_eq!(next, vec![Next::Send]);
        // A lone PREFIX is not a statement yet.
        let (_, next) = enter_all(&["PREFIX ex: <http://example.org/>", "ASK { ?s ex:p ?o }"]);
        assert_eq!(next, vec![Next::Wait, Next::Send]);
    }

    #[test]
    fn a_blank_line_sends_what_is_there() {
        let (p, next) = enter_all(&["SELECT ?c WHERE {", ""]);
        assert_eq!(next, vec![Next::Wait, Next::Send]);
        assert_eq!(p.text(), "SELECT ?c WHERE {");
        let (_, next) = enter_all(&["", "   ", "# a comment"]);
        assert_eq!(next, vec![Next::Nothing, Next::Nothing, Next::Nothing]);
    }

    #[test]
    fn broken_statements_are_sent_at_once() {
        // An open string literal at the end of a line can never be closed.
        let (p, next) = enter_all(&["SELECT * WHERE { ?s ?p \"abc }"]);
        assert_eq!(next, vec![Next::Send]);
        let problem = p.problem().unwrap();
        assert_eq!((problem.line, problem.column), (1, 24));
        assert!(problem.message.starts_with("unterminated string literal"));
        // A bracket too many, a typo before the end.
        assert_eq!(enter_all(&["ASK { } }"]).1, vec![Next::Send]);
        let (p, next) = enter_all(&["  SELEC ?c WHERE {"]);
        assert_eq!(next, vec![Next::Send]);
        let problem = p.problem().unwrap();
        assert_eq!((problem.line, problem.column), (1, 3));
        assert!(problem
            .message
            .starts_with("SELEC cannot begin a statement"));
        let (p, _) = enter_all(&["# comment", "", "WHERE { ?s ?p ?o }"]);
        assert!(p
            .problem()
            .unwrap()
            .message
            .starts_with("WHERE cannot begin"));
        // Binary garbage, on the first line or a later one.
        let (p, next) = enter_all(&["\u{0}\u{7f}\u{fffd}\u{1b}[31m"]);
        assert_eq!(next, vec![Next::Send]);
        assert!(
            p.problem().unwrap().message.contains("U+0000"),
            "{:?}",
            p.problem()
        );
        let (p, next) = enter_all(&["SELECT * WHERE {", "  ?s ?p \u{fffd}\u{fffd} }"]);
        assert_eq!(next, vec![Next::Wait, Next::Send]);
        let problem = p.problem().unwrap();
        assert_eq!((problem.line, problem.column), (2, 9));
    }

    #[test]
    fn meta_commands_are_complete_on_their_line() {
        let (_, next) = enter_all(&[".format csv"]);
        assert_eq!(next, vec![Next::Command(".format csv".into())]);
        // Inside a statement a line starting with "." is SPARQL.
        let (p, next) = enter_all(&["SELECT * WHERE { ?s ?p ?o", ". }"]);
        assert_eq!(next, vec![Next::Wait, Next::Send]);
        assert!(p.text().ends_with(". }"));
        assert!(!is_command(". }") && !is_command("..") && is_command("  .help"));
    }

    #[test]
    fn a_pasted_statement_is_entered_whole() {
        let mut p = Pending::new();
        assert_eq!(
            p.enter("SELECT ?c\nWHERE { ?c a :Country }", &[]),
            Next::Send
        );
        let mut p = Pending::new();
        assert_eq!(p.enter("SELECT ?c\nWHERE {", &[]), Next::Wait);
        assert_eq!(p.enter("}", &[]), Next::Send);
    }

    #[test]
    fn a_huge_open_statement_is_not_parsed_on_every_line() {
        let mut p = Pending::new();
        assert_eq!(p.enter("INSERT DATA {", &[]), Next::Wait);
        let line = "  id:a :partnersWith id:b .";
        for _ in 0..40_000 {
            assert_eq!(p.enter(line, &[]), Next::Wait);
        }
        assert_eq!(p.enter("}", &[]), Next::Send);
        assert!(p.text().len() > 1_000_000);
        // Whole-text parses stop once the open statement passes the limit:
        // the work stays linear in the input, not quadratic.
        let lines_before_limit = PARSE_OPEN_LIMIT / line.len() + 2;
        assert!(
            p.parses.get() <= lines_before_limit + 1,
            "{} parses for 40 000 lines",
            p.parses.get()
        );
    }

    fn split(input: &str) -> Vec<Item> {
        Splitter::new(input.split('\n').map(|l| Ok(l.to_string())), Vec::new()).collect()
    }

    fn statement(line: usize, text: &str) -> Item {
        Item::Statement {
            line,
            text: text.into(),
            problem: None,
            finished: true,
        }
    }

    #[test]
    fn splitter_keeps_lines_that_continue_a_complete_statement() {
        let items = split(
            "# title: report\nSELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?p ?o }\nGROUP BY ?a\nORDER BY DESC(?n)\nLIMIT 3\nASK { ?s ?p ?o }\n.stats\nDESCRIBE id:a\n  id:b\nINSERT DATA { id:a :p id:b } ;\nINSERT DATA { id:b :p id:c }\nSELECT * WHERE { ?s ?p ?o }\nSELECT ?x",
        );
        assert_eq!(
            items,
            vec![
                statement(
                    2,
                    "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?p ?o }\nGROUP BY ?a\nORDER BY DESC(?n)\nLIMIT 3"
                ),
                statement(6, "ASK { ?s ?p ?o }"),
                Item::Command {
                    line: 7,
                    text: ".stats".into()
                },
                statement(8, "DESCRIBE id:a\n  id:b"),
                statement(10, "INSERT DATA { id:a :p id:b } ;\nINSERT DATA { id:b :p id:c }"),
                statement(12, "SELECT * WHERE { ?s ?p ?o }"),
                Item::Statement {
                    line: 13,
                    text: "SELECT ?x".into(),
                    problem: None,
                    finished: false
                },
            ]
        );
    }

    #[test]
    fn splitter_cuts_at_blank_lines_and_reports_non_text() {
        let items: Vec<Item> = Splitter::new(
            vec![
                Ok("SELECT ?x WHERE {".to_string()),
                Ok(String::new()),
                Ok("ASK {}".to_string()),
                Err(NotText { line: 4 }),
                Ok("ASK { ?s ?p \"x }".to_string()),
            ]
            .into_iter(),
            Vec::new(),
        )
        .collect();
        assert_eq!(
            items,
            vec![
                statement(1, "SELECT ?x WHERE {"),
                statement(3, "ASK {}"),
                Item::NotText { line: 4 },
                Item::Statement {
                    line: 5,
                    text: "ASK { ?s ?p \"x }".into(),
                    problem: Some(Problem {
                        line: 1,
                        column: 13,
                        message: "unterminated string literal: a \"...\" or '...' string ends on its line (a \"\"\"...\"\"\" string may span lines)".into()
                    }),
                    finished: true
                },
            ]
        );
    }

    #[test]
    fn prologue_prefixes_are_found() {
        assert_eq!(
            declared_prefixes(
                "# c\nBASE <http://b/>\nPREFIX ex: <http://example.org/>\nprefix  geo:<http://geo/> SELECT * {}"
            ),
            vec![
                ("ex".to_string(), "http://example.org/".to_string()),
                ("geo".to_string(), "http://geo/".to_string())
            ]
        );
        assert_eq!(
            declared_prefixes("SELECT * { ?s ?p \"PREFIX x: <y>\" }"),
            vec![]
        );
    }
}
