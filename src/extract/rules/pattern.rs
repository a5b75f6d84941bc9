//! The rule pattern language compiled to a regular expression over the
//! slot view (see `ontology/rules.txt` for the language): elements, word
//! alternatives and stems, gaps, slots with their kinds and the modifiers a
//! slot's head may carry, and the literal words every match requires.
//!
//! Pure string work: knows nothing of sentences, entities or facts.

use regex::bytes::Regex;
use std::fmt::Write;

pub(super) const ALL_KINDS: &str = "Country|Place|Org|Person|Event";
pub(super) const KINDS: &[&str] = &[
    "Country", "Place", "Org", "Person", "Event", "Demonym", "Role",
];

/// Compiles a pattern (see `ontology/rules.txt`) into a regex over
/// [`slot_view`], with its anchor: the literal beginnings of the first
/// required word element (one of them occurs in every match), if any.
pub(super) fn compile(pattern: &str) -> Result<Compiled, String> {
    let mut re = String::from(" ");
    let mut anchors: Vec<Vec<String>> = Vec::new();
    let mut slot_kinds = std::collections::HashMap::new();
    let els = elements(pattern)?;
    let mut opens_with_words = false;
    for (at, el) in els.iter().enumerate() {
        let el = el.as_str();
        // A slot's apposition is skipped only before words of the clause.
        let before_words = els
            .get(at + 1)
            .is_some_and(|next| !matches!(next.as_str(), "'s" | "," | "-" | "\"" | "("));
        if let Some(g) = el.strip_prefix("~w") {
            let n: usize = if g.is_empty() {
                3
            } else {
                g.parse().map_err(|_| format!("bad gap {el:?}"))?
            };
            let _ = write!(re, "(?:{PLAIN_WORD} ){{0,{n}}}?");
        } else if let Some(g) = el.strip_prefix('~') {
            let n: usize = if g.is_empty() {
                6
            } else {
                g.parse().map_err(|_| format!("bad gap {el:?}"))?
            };
            let _ = write!(re, "(?:{ANY_WORD} ){{0,{n}}}?");
        } else if el.starts_with('{') {
            let inner = el
                .strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .ok_or_else(|| format!("bad slot {el:?}"))?;
            let (name, kinds) = inner.split_once(':').unwrap_or((inner, ALL_KINDS));
            let (name, list) = match name.strip_suffix('+') {
                Some(n) => (n, true),
                None => (name, false),
            };
            if name.len() != 1 || !name.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(format!("slot names are single capital letters: {el:?}"));
            }
            for k in kinds.split('|') {
                if !KINDS.contains(&k) {
                    return Err(format!(
                        "unknown kind {k:?} in {el:?} (expected one of {})",
                        KINDS.join(", ")
                    ));
                }
            }
            // A slot may carry a possessor: "⟦Russia⟧'s ⟦Roscongress⟧" is Roscongress.
            slot_kinds.insert(name.chars().next().unwrap(), kinds.to_string());
            // The head may be preceded by its modifiers: a possessor, a demonym
            // with descriptor words, a title with its country (see slot_entities).
            let one = format!("{SLOT_MODIFIERS}⟦[0-9]+:(?:{kinds})⟧");
            if list {
                let _ = write!(
                    re,
                    "(?P<{name}>{one}(?:(?: , and| ,| and| и| &)(?: the)? {one})*) "
                );
            } else if !before_words {
                let _ = write!(re, "(?P<{name}>{one}) ");
            } else {
                // What follows the name may come after its apposition.
                let _ = write!(re, "(?P<{name}>{one}) {APPOSITION}");
            }
        } else if el == "'s" && re.ends_with("⟧) ") {
            // A possessive is written onto its slot: "⟦0:Country⟧'s".
            re.pop();
            re.push_str("'s ");
        } else if let Some(opt) = el.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let _ = write!(re, "(?:{} )?", word(opt)?);
        } else {
            let _ = write!(re, "{} ", word(el)?);
            let starts = literal_starts(el);
            if at == 0 {
                opens_with_words = starts.iter().all(|w| w.starts_with(' ') && w.len() > 1);
            }
            if starts.iter().all(|w| !w.trim().is_empty()) {
                anchors.push(starts);
            }
        }
    }
    let regex = Regex::new(&re).map_err(|e| format!("pattern does not compile: {e}"))?;
    let is_slot = |el: Option<&String>| el.is_some_and(|e| e.starts_with('{'));
    Ok(Compiled {
        regex,
        anchors,
        kinds: slot_kinds,
        opens_with_slot: is_slot(els.first()),
        opens_with_words,
        closes_with_slot: is_slot(els.last()),
    })
}

/// A compiled pattern: its regex, the words it requires (each a group of
/// alternatives), the kinds of its slots, and how its matches begin and
/// end: with a slot (` ⟦`, `⟧ `), or with one of the first required words
/// (the first group of `anchors`, space included).
pub(super) struct Compiled {
    pub regex: Regex,
    pub anchors: Vec<Vec<String>>,
    pub kinds: std::collections::HashMap<char, String>,
    pub opens_with_slot: bool,
    pub opens_with_words: bool,
    pub closes_with_slot: bool,
}

// The view is matched as bytes with byte classes: Unicode classes such as
// `\S` or `\p{L}` compile to large automata that the lazy DFA rebuilds for
// almost every sentence. Tokens are separated by single ASCII spaces, so a
// token is a run of non-space bytes.

/// A plain word: letters, digits and hyphens (ASCII, or a two-byte UTF-8
/// letter: Latin with diacritics, Greek, Cyrillic, Armenian ...); not a slot,
/// not punctuation.
macro_rules! plain_word {
    () => {
        r"(?-u:[0-9a-z\-]|[\xc3-\xdf][\x80-\xbf])+"
    };
}
/// Any byte of a token.
const ANY_CHAR: &str = r"(?-u:[^ ])";
/// Any token.
const ANY_WORD: &str = r"(?-u:[^ ])+";
const PLAIN_WORD: &str = plain_word!();

/// What may stand before a slot's head (see `slot_entities`).
const SLOT_MODIFIERS: &str = concat!(
    r"(?:",
    // a possessor: "⟦Russia⟧'s"
    r"⟦[0-9]+:[A-Za-z]+⟧'s ",
    // a demonym and up to two descriptor words: "⟦Belarusian⟧ potash producer"
    r"|⟦[0-9]+:Demonym⟧ (?:",
    plain_word!(),
    r#" |" ){0,3}?"#,
    // a title with its portfolio and country, the name perhaps after a comma:
    // "⟦Uzbek⟧ ⟦Minister⟧ of trade ⟦Uzbekistan⟧", "⟦Ambassador⟧ of ⟦Qatar⟧ ,"
    r"|(?:⟦[0-9]+:(?:Demonym|Country)⟧(?:'s)? )?⟦[0-9]+:Role⟧ (?:(?:",
    plain_word!(),
    r"|,) ){0,6}?(?:⟦[0-9]+:(?:Country|Place|Org|Demonym)⟧(?:'s)? (?:(?:в|во|in|of|to|at) )?){0,2}(?:, )?",
    r")?"
);

/// What may stand between a name and the rest of its clause: a short form
/// in brackets, then a description between commas that begins as one does
/// ("the", "a", "which", a country's possessive, a demonym) and goes on in
/// plain words ("⟦Mahindra⟧ ( m&m ) , ⟦India⟧'s largest tractor
/// manufacturing company , today signed"); "X, according to Y," is none.
const APPOSITION: &str = concat!(
    r"(?:\( (?:(?-u:[^ ])+ ){1,3}\) )?",
    r"(?:, (?:(?:the|a|an|its|which|who) (?:⟦[0-9]+:Demonym⟧ )?",
    r"|⟦[0-9]+:Country⟧'s |⟦[0-9]+:Demonym⟧ )(?:",
    plain_word!(),
    r" ){1,6}, )?"
);

/// The literal text each alternative of a word element starts with.
fn literal_starts(el: &str) -> Vec<String> {
    let inner = el
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(el);
    inner
        .split('|')
        .map(|a| {
            let first = a
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('*')
                .to_lowercase();
            // Words start after a space; punctuation such as "'s" may be glued to a slot.
            if first.starts_with(|c: char| c.is_alphanumeric()) {
                format!(" {first}")
            } else {
                first
            }
        })
        .collect()
}

/// Splits a pattern into elements; spaces inside `( )` and `[ ]` belong to
/// the element ("(has been|was)").
pub(super) fn elements(pattern: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in pattern.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return Err(format!("unbalanced brackets in {pattern:?}"));
        }
        if c.is_whitespace() && depth == 0 {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if depth != 0 {
        return Err(format!("unbalanced brackets in {pattern:?}"));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// One word element: `word`, `stem*`, `(a|b*|two words)`.
fn word(el: &str) -> Result<String, String> {
    let alts: Vec<&str> = match el.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => inner.split('|').collect(),
        None => vec![el],
    };
    let mut parts = Vec::new();
    for a in alts {
        if a.is_empty() {
            return Err(format!("empty alternative in {el:?}"));
        }
        // Words are followed by a space; a gap (`~N`, up to N words) between
        // two words carries its own spaces: "(провели ~2 переговоры)".
        let words: Vec<&str> = a.split_whitespace().collect();
        let mut alt = String::new();
        for (i, w) in words.iter().enumerate() {
            if let Some(g) = w.strip_prefix('~') {
                if i == 0 || i + 1 == words.len() {
                    return Err(format!("a gap stands between two words in {el:?}"));
                }
                let n: usize = if g.is_empty() {
                    6
                } else {
                    g.parse().map_err(|_| format!("bad gap {w:?} in {el:?}"))?
                };
                let _ = write!(alt, "(?:{ANY_WORD} ){{0,{n}}}?");
            } else {
                match w.strip_suffix('*') {
                    Some(stem) => {
                        let _ = write!(alt, "{}{ANY_CHAR}* ", regex::escape(&stem.to_lowercase()));
                    }
                    None => {
                        let _ = write!(alt, "{} ", regex::escape(&w.to_lowercase()));
                    }
                }
            }
        }
        alt.pop();
        parts.push(alt);
    }
    Ok(if parts.len() == 1 {
        parts.pop().unwrap()
    } else {
        format!("(?:{})", parts.join("|"))
    })
}
