//! Relation rules: `ontology/rules.txt` compiled to regular expressions over
//! a sentence in which every mention is replaced by a slot token.
//!
//! The sentence `Azerbaijan and Belarus expand cooperation` is seen as
//! ` ⟦0:Country⟧ and ⟦1:Country⟧ expand cooperation `; the rule
//! `partnersWith(A, A) <- {A+:Country} ~ cooperat*` matches it and gives one
//! fact per pair in the list. Each rule's required words are known; one
//! Aho-Corasick pass over the sentence finds the words present, and only the
//! rules whose every required word occurs are run.
//! The rule language is documented at the top of `ontology/rules.txt`; its
//! compiler is the `pattern` submodule.

mod pattern;

use super::entities::{MentionKind, SentenceInfo};
use super::{Fact, Kind, Object, Predicate};
use aho_corasick::AhoCorasick;
use pattern::{compile, Compiled, KINDS};
use regex::Regex;
use regex_automata::{Anchored, Input};
use std::fmt::Write;
use std::sync::LazyLock;

/// A rule that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("ontology/rules.txt:{line}: {message}")]
pub struct RuleError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug)]
struct Rule {
    predicate: Predicate,
    subject: char,
    object: char,
    /// Declared kinds of each slot ("Country|Org").
    kinds: std::collections::HashMap<char, String>,
    regex: regex::bytes::Regex,
    /// The same pattern, searched anchored at the places a match can begin.
    anchored: regex_automata::meta::Regex,
    /// Matches begin with ` ⟦` (the pattern's first element is a slot).
    opens_with_slot: bool,
    /// Matches begin with a word of the first required group.
    opens_with_words: bool,
    /// Matches end with `⟧ ` (the pattern's last element is a slot).
    closes_with_slot: bool,
    line: usize,
}

#[derive(Debug)]
struct Unless {
    predicate: Predicate,
    regex: regex::bytes::Regex,
}

/// The compiled rules.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
    /// Every required word of every rule, found in one pass.
    words: AhoCorasick,
    /// Per rule: groups of word ids; a rule may match only when each group
    /// has one of its words in the sentence.
    required: Vec<Vec<Vec<usize>>>,
    /// Per rule: for each slot, the bit set of the kinds it takes; a rule
    /// may match only when the sentence has a mention of each slot's kinds.
    slot_kinds: Vec<Vec<u8>>,
    unless: Vec<Unless>,
}

/// Named word classes (`@document = agreement*|memorand*|mou`), written
/// once and used by many rules as `@document` (or `[@document]`).
#[derive(Default)]
struct WordClasses(std::collections::HashMap<String, String>);

impl WordClasses {
    fn define(&mut self, def: &str) -> Result<(), String> {
        let (name, words) = def
            .split_once('=')
            .ok_or_else(|| format!("expected `@name = word|word*|...`, got `@{def}`"))?;
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "a word class is named in lowercase letters: @{name}"
            ));
        }
        let words = self.expand(&format!("({})", words.trim()))?;
        let words = &words[1..words.len() - 1];
        if words.is_empty() || words.split('|').any(|w| w.trim().is_empty()) {
            return Err(format!("empty word in @{name}"));
        }
        self.0.insert(name.to_string(), words.to_string());
        Ok(())
    }

    /// The line with each `@name` replaced by its alternatives; inside an
    /// alternation (`(@document|pact)`) the words join the others.
    fn expand(&self, line: &str) -> Result<String, String> {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(at) = rest.find('@') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let end = after
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .unwrap_or(after.len());
            let name = &after[..end];
            let words = self
                .0
                .get(name)
                .ok_or_else(|| format!("unknown word class @{name} (define it above its use)"))?;
            let inside = out.ends_with(['(', '|']) && after[end..].starts_with([')', '|']);
            if inside {
                out.push_str(words);
            } else {
                let _ = write!(out, "({words})");
            }
            rest = &after[end..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

static SLOT_INDEX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"⟦(\d+):([A-Za-z]+)⟧").unwrap());
static HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-zA-Z]+)\(\s*([A-Z])\s*,\s*([A-Z])\s*\)$").unwrap());

impl RuleSet {
    pub fn parse(src: &str) -> Result<RuleSet, RuleError> {
        let mut rules = Vec::new();
        let mut unless = Vec::new();
        let mut word_ids: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut required = Vec::new();
        let mut slot_kinds = Vec::new();
        let mut classes = WordClasses::default();
        for (n, raw) in src.lines().enumerate() {
            let line = raw.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |m: String| RuleError {
                line: n + 1,
                message: m,
            };
            if let Some(def) = line.strip_prefix('@') {
                classes.define(def).map_err(err)?;
                continue;
            }
            let line = classes.expand(line).map_err(err)?;
            let (head, body) = line.split_once("<-").ok_or_else(|| {
                err("expected `predicate(A, B) <- pattern` or `unless predicate <- pattern`".into())
            })?;
            let head = head.trim();
            let Compiled {
                regex,
                anchors,
                kinds,
                opens_with_slot,
                opens_with_words,
                closes_with_slot,
            } = compile(body.trim()).map_err(err)?;
            if let Some(p) = head.strip_prefix("unless ") {
                let predicate = Predicate::parse(p.trim())
                    .ok_or_else(|| err(format!("unknown predicate {:?}", p.trim())))?;
                unless.push(Unless { predicate, regex });
                continue;
            }
            let c = HEAD
                .captures(head)
                .ok_or_else(|| err(format!("bad rule head {head:?}")))?;
            let predicate = Predicate::parse(&c[1])
                .ok_or_else(|| err(format!("unknown predicate {:?}", &c[1])))?;
            let subject = c[2].chars().next().unwrap();
            let object = c[3].chars().next().unwrap();
            for slot in [subject, object] {
                if regex
                    .capture_names()
                    .flatten()
                    .all(|name| name != slot.to_string())
                {
                    return Err(err(format!(
                        "slot {{{slot}}} is used in the head but not in the pattern"
                    )));
                }
            }
            let groups = anchors
                .into_iter()
                .map(|alternatives| {
                    alternatives
                        .into_iter()
                        .map(|w| {
                            let next = word_ids.len();
                            *word_ids.entry(w).or_insert(next)
                        })
                        .collect()
                })
                .collect();
            required.push(groups);
            slot_kinds.push(kinds.values().map(|k| kind_bits(k)).collect());
            rules.push(Rule {
                predicate,
                subject,
                object,
                kinds,
                anchored: anchored_regex(regex.as_str()).map_err(err)?,
                regex,
                opens_with_slot,
                opens_with_words,
                closes_with_slot,
                line: n + 1,
            });
        }
        let mut by_id: Vec<(usize, String)> = word_ids.into_iter().map(|(w, i)| (i, w)).collect();
        by_id.sort();
        let words =
            AhoCorasick::new(by_id.iter().map(|(_, w)| w.as_str())).map_err(|e| RuleError {
                line: 0,
                message: e.to_string(),
            })?;
        Ok(RuleSet {
            rules,
            words,
            required,
            slot_kinds,
            unless,
        })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Applies all rules to one sentence, appending facts.
    pub fn apply(&self, sent: &SentenceInfo, index: usize, out: &mut Vec<Fact>) {
        let entity_mentions = sent.mentions.iter().filter(|m| m.entity.is_some()).count();
        if entity_mentions < 2 {
            return;
        }
        let kinds_present = sent
            .mentions
            .iter()
            .fold(0u8, |bits, m| bits | kind_bits(kind_name(m.kind)));
        let view = slot_view(sent);
        let bytes = view.as_bytes();
        let mut present = vec![false; self.words.patterns_len()];
        // Where each required word occurs (its leading space), by word id.
        let mut word_at: Vec<(usize, usize)> = Vec::new();
        for m in self.words.find_overlapping_iter(&view) {
            present[m.pattern().as_usize()] = true;
            word_at.push((m.pattern().as_usize(), m.start()));
        }
        let hits: Vec<usize> = (0..self.rules.len())
            .filter(|&r| {
                self.slot_kinds[r].iter().all(|&k| k & kinds_present != 0)
                    && self.required[r]
                        .iter()
                        .all(|group| group.iter().any(|&w| present[w]))
            })
            .collect();
        // `unless` patterns are checked once per predicate, and only when a
        // rule of that predicate matches.
        let mut blocked: Vec<(Predicate, bool)> = Vec::new();
        // A rule that ends with a slot matches nothing after the last one.
        // The patterns have no assertions, so the matches are the same.
        let slot_starts: Vec<usize> = view.match_indices(" ⟦").map(|(p, _)| p).collect();
        let last_slot_end = view.rfind("⟧ ").map_or(bytes.len(), |p| p + "⟧ ".len());
        for &i in &hits {
            let rule = &self.rules[i];
            let end = if rule.closes_with_slot {
                last_slot_end
            } else {
                bytes.len()
            };
            // A match begins at a slot or at a word of the rule's first
            // group: it is looked for only there.
            let starts = if rule.opens_with_slot {
                Some(slot_starts.clone())
            } else if rule.opens_with_words {
                let group = &self.required[i][0];
                let mut at: Vec<usize> = word_at
                    .iter()
                    .filter(|(w, _)| group.contains(w))
                    .map(|&(_, p)| p)
                    .collect();
                at.sort_unstable();
                at.dedup();
                Some(at)
            } else {
                None
            };
            let found = rule.matches(bytes, end, starts.as_deref());
            if found.is_empty() {
                continue;
            }
            let is_blocked = match blocked.iter().find(|(p, _)| *p == rule.predicate) {
                Some(&(_, b)) => b,
                None => {
                    let b = self
                        .unless
                        .iter()
                        .any(|u| u.predicate == rule.predicate && u.regex.is_match(bytes));
                    blocked.push((rule.predicate, b));
                    b
                }
            };
            if is_blocked {
                continue;
            }
            let text = |span: &Option<std::ops::Range<usize>>| {
                span.clone()
                    .and_then(|r| std::str::from_utf8(&bytes[r]).ok())
                    .unwrap_or("")
            };
            for (subject, object) in found {
                let subs = slot_entities(sent, text(&subject), &rule.kinds[&rule.subject]);
                let objs = slot_entities(sent, text(&object), &rule.kinds[&rule.object]);
                let via = format!("rules.txt:{}", rule.line);
                if rule.subject == rule.object {
                    for (a, &s) in subs.iter().enumerate() {
                        for &o in &subs[a + 1..] {
                            push(out, s, rule.predicate, o, index, &via);
                        }
                    }
                } else {
                    for &s in &subs {
                        for &o in &objs {
                            push(out, s, rule.predicate, o, index, &via);
                        }
                    }
                }
            }
        }
    }
}

/// What the subject and object slots captured in one match (byte ranges of
/// the view), `None` for a slot the match did not fill.
type SlotSpans = (
    Option<std::ops::Range<usize>>,
    Option<std::ops::Range<usize>>,
);

impl Rule {
    /// The rule's successive matches in `view[..end]`, as the leftmost-first
    /// search finds them, with what the subject and object captured. Given
    /// every place a match can begin (ascending), each is tried anchored in
    /// turn: the first that matches gives the same match as the search.
    fn matches(&self, view: &[u8], end: usize, starts: Option<&[usize]>) -> Vec<SlotSpans> {
        let (mut s, mut o) = ([0u8; 4], [0u8; 4]);
        let subject = &*self.subject.encode_utf8(&mut s);
        let object = &*self.object.encode_utf8(&mut o);
        let mut out = Vec::new();
        let Some(starts) = starts else {
            for caps in self.regex.captures_iter(&view[..end]) {
                let span = |slot: &str| caps.name(slot).map(|m| m.range());
                out.push((span(subject), span(object)));
            }
            return out;
        };
        let mut caps = self.anchored.create_captures();
        let mut from = 0;
        for &at in starts {
            if at < from || at >= end {
                continue;
            }
            let input = Input::new(view).range(at..end).anchored(Anchored::Yes);
            self.anchored.search_captures(&input, &mut caps);
            let Some(m) = caps.get_match() else {
                continue;
            };
            let span = |slot: &str| caps.get_group_by_name(slot).map(|s| s.range());
            out.push((span(subject), span(object)));
            from = m.end();
        }
        out
    }
}

/// A rule's pattern compiled as [`regex::bytes::Regex`] compiles it, for
/// anchored searches.
fn anchored_regex(pattern: &str) -> Result<regex_automata::meta::Regex, String> {
    regex_automata::meta::Regex::builder()
        .syntax(regex_automata::util::syntax::Config::new().utf8(false))
        .configure(regex_automata::meta::Regex::config().utf8_empty(false))
        .build(pattern)
        .map_err(|e| format!("pattern does not compile: {e}"))
}

fn push(out: &mut Vec<Fact>, s: usize, predicate: Predicate, o: usize, sentence: usize, via: &str) {
    if s != o {
        out.push(Fact {
            subject: s,
            predicate,
            object: Object::Entity(o),
            sentence,
            via: via.to_string(),
        });
    }
}

/// The entities a slot captured: the head of each list member, i.e. each
/// slot of the slot's kinds that ends the capture or stands before a list
/// separator. Modifiers before the head are not the slot's entity: the
/// possessor in "⟦Russia⟧'s ⟦Roscongress⟧", the demonym in "⟦Belarusian⟧
/// potash producer ⟦Belaruskali⟧", the title and its country in "⟦Governor⟧
/// of ⟦Leningrad Region⟧ ⟦Drozdenko⟧".
fn slot_entities(sent: &SentenceInfo, captured: &str, kinds: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for c in SLOT_INDEX.captures_iter(captured) {
        let end = c.get(0).unwrap().end();
        let rest = &captured[end..];
        let head = rest.is_empty()
            || [" , ", " and ", " и ", " & ", " ,"]
                .iter()
                .any(|sep| rest.starts_with(sep))
                && !rest.starts_with("'s");
        if !head || !kinds.split('|').any(|k| k == &c[2]) {
            continue;
        }
        if let Some(e) = c[1]
            .parse::<usize>()
            .ok()
            .and_then(|i| sent.mentions.get(i))
            .and_then(|m| m.entity)
        {
            out.push(e);
        }
    }
    out
}

fn kind_name(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::Entity(Kind::Country) => "Country",
        MentionKind::Entity(Kind::Place) => "Place",
        MentionKind::Entity(Kind::Org) => "Org",
        MentionKind::Entity(Kind::Person) => "Person",
        MentionKind::Entity(Kind::Event) => "Event",
        MentionKind::Demonym => "Demonym",
        MentionKind::Role(_) => "Role",
    }
}

/// The kinds in a `|`-separated list ("Country|Org") as a bit set, one bit
/// per entry of [`KINDS`].
fn kind_bits(kinds: &str) -> u8 {
    kinds.split('|').fold(0, |bits, k| {
        bits | KINDS.iter().position(|&n| n == k).map_or(0, |i| 1 << i)
    })
}

/// The sentence as rules see it: lowercase words, mentions as slots, single
/// spaces, a space at both ends.
pub fn slot_view(sent: &SentenceInfo) -> String {
    let mut out = String::with_capacity(sent.text.len() + 16);
    out.push(' ');
    let mut i = 0;
    let mut m = 0;
    let mut last_entity: Option<usize> = None;
    while i < sent.tokens.len() {
        while m < sent.mentions.len() && sent.mentions[m].end <= i {
            m += 1;
        }
        if let Some(mention) = sent.mentions.get(m).filter(|x| x.start == i) {
            let _ = write!(out, "⟦{m}:{}⟧", kind_name(mention.kind));
            last_entity = mention.entity;
            i = mention.end;
            // The possessive is written onto the slot: "⟦0:Country⟧'s ".
            if sent.tokens.get(i).is_some_and(|t| t.key == "'s") {
                out.push_str("'s");
                i += 1;
            }
            out.push(' ');
            continue;
        }
        let t = &sent.tokens[i];
        // "Kazakhstan Temir Zholy (KTZ) and ...": the bracketed short form of
        // the name just given is left out, so lists and verbs stay adjacent.
        if t.key == "(" && last_entity.is_some() {
            if let Some(next) = sent
                .mentions
                .get(m)
                .filter(|x| x.start == i + 1 && x.entity == last_entity)
            {
                if sent.tokens.get(next.end).is_some_and(|c| c.key == ")") {
                    i = next.end + 1;
                    continue;
                }
            }
        }
        last_entity = None;
        // Token keys are the lowercase words ("ё" as "е"), quotes and dashes unified.
        out.push_str(&t.key);
        out.push(' ');
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests;
