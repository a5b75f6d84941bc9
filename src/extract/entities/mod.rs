//! Entities of one article: gazetteer matches plus names found from the text
//! itself, merged so that every real thing is one [`Entity`].
//!
//! Constructions recognised here (all data-independent, language-general):
//! - titles before names: "Deputy Prime Minister Alexei Overchuk",
//!   "Prime Minister of Belarus Mikhail Myasnikovich", "посол Белоруссии в
//!   Азербайджане Николай Пацкевич" (gives `hasRole`, and `officialOf` or,
//!   for experts, `country` of the qualifier);
//! - organisation, event and place names by their head or tail word
//!   ("Ministry of ...", "... Plant", "... Foundation", "... Forum",
//!   "... industrial park"), with a leading demonym or possessive country
//!   giving `country`;
//! - Russian quoted names after a company word: компания «Амкодор»;
//! - acronyms introduced in brackets and short forms (surnames) of people
//!   named earlier in the article.
//!
//! This module holds the [`Document`] (entity table, aliases, sentences),
//! the mention types and small shared helpers; the stages live in
//! submodules, each adding `impl Document` methods: `sentence`
//! (`add_sentence`, the per-sentence order), `names` (named runs),
//! `particles` (names joined by "bin", "ibn"), `quoted` (Russian quoted
//! names standing alone: «Автотор» возобновил),
//! `context` (coordinated organisations, regions of cities), `sources`
//! (news sources named by attribution and datelines), `bodies` (state bodies named by their country: "the Serbian
//! government"), `missions` (embassies and consulates with their country
//! and host), `events` (events named around other names, joint commissions),
//! `described_places` (places named after a place word: "the city of X"), `titles` (title
//! constructions), `appositions` (titles after names), `surnames` (known
//! people by surname alone), `given_names` (unknown people by a known
//! first name), `references` (pronouns, role words, counterparts),
//! `regions` (regions named by coordinated adjectives or with their
//! country after them), `venues` (visits stated by where a meeting took
//! place), `unplaced_officials` (the country of an office whose title
//! names none), `ministries` (the country of a ministry named without one,
//! by its minister), `pair_leaders` (the pair's leaders meeting), `pair_trade` (the pair's
//! trade stated without naming both),
//! `russian` (Russian institutions and base forms), `signing` (how a
//! sentence says documents were signed) and `facts` (article-level facts).
//!
//! Pure: no I/O, no RDF, no store; relation rules and figures run later on
//! the finished sentences and are not called from here.

mod appositions;
mod bodies;
mod context;
mod described_places;
mod events;
mod facts;
mod given_names;
mod ministries;
mod missions;
mod name_words;
mod names;
mod pair_leaders;
mod pair_trade;
mod particles;
mod quoted;
mod references;
mod regions;
mod russian;
mod sentence;
mod signing;
mod sources;
mod surnames;
mod titles;
mod unplaced_officials;
mod venues;

use super::gazetteer::{Match, Target};
use super::text::{tokenize, Token, TokenKind};
use super::{Class, Entity, Extraction, Extractor, Fact, Kind, Object, Predicate, Role};
use crate::ingest::{Article, Lang};
use rustc_hash::FxHashMap as HashMap;

pub use russian::ru_name_base;

/// What a mention stands for, as the relation rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Entity(Kind),
    Demonym,
    Role(Role),
}

/// A span of tokens referring to something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// Index into the article's entities (none for roles).
    pub entity: Option<usize>,
}

/// One analysed sentence.
#[derive(Debug, Clone)]
pub struct SentenceInfo {
    pub text: String,
    pub tokens: Vec<Token>,
    /// Sorted by start token, non-overlapping.
    pub mentions: Vec<Mention>,
}

/// Builds the entity table of one article, sentence by sentence.
pub struct Document<'a> {
    ex: &'a Extractor,
    article: &'a Article,
    pub entities: Vec<Entity>,
    by_slug: HashMap<String, usize>,
    /// Article-local aliases: token key (surname, acronym) -> entity.
    aliases: HashMap<String, usize>,
    pub sentences: Vec<SentenceInfo>,
    pub facts: Vec<Fact>,
    /// Names from the article's metadata (publisher, author) as token keys:
    /// where the text repeats them they are mentions of those entities.
    meta_names: Vec<(Vec<String>, usize)>,
    /// The byline's author and the publisher: entities of the article
    /// whether or not its text names them.
    pub byline: Vec<usize>,
    /// The last person mentioned (sentence index, entity), and the last
    /// holder of each role: what "he", "the minister", "он" refer to.
    last_person: Option<(usize, usize)>,
    role_holders: Vec<(Role, usize)>,
}

impl<'a> Document<'a> {
    pub fn new(ex: &'a Extractor, article: &'a Article) -> Document<'a> {
        let mut doc = Document {
            ex,
            article,
            entities: Vec::new(),
            by_slug: HashMap::default(),
            aliases: HashMap::default(),
            sentences: Vec::new(),
            facts: Vec::new(),
            meta_names: Vec::new(),
            byline: Vec::new(),
            last_person: None,
            role_holders: Vec::new(),
        };
        // The byline's author and publisher are entities of the article.
        if let Some(author) = &article.author {
            let toks = tokenize(author);
            let m = ex.gazetteer.find(&toks);
            if let [Match {
                target: Target::Entity(g),
                start: 0,
                end,
            }] = m.as_slice()
            {
                if *end == toks.len() {
                    let e = doc.known(*g);
                    doc.byline.push(e);
                }
            } else if toks.len() >= 2 {
                let e = doc.new_entity(author.trim(), Class::Person, Lang::detect(author));
                doc.alias_last_name(e);
                doc.add_meta_name(&toks, e);
                doc.byline.push(e);
            }
        }
        if let Some(publisher) = &article.publisher {
            let toks = tokenize(publisher);
            match ex.gazetteer.find(&toks).first() {
                Some(Match {
                    target: Target::Entity(g),
                    start: 0,
                    end,
                }) if *end == toks.len() => {
                    let e = doc.known(*g);
                    doc.byline.push(e);
                }
                _ => {
                    let e = doc.new_entity(
                        publisher.trim(),
                        Class::MediaOutlet,
                        Lang::detect(publisher),
                    );
                    doc.add_meta_name(&toks, e);
                    doc.byline.push(e);
                }
            }
        }
        doc
    }

    fn add_meta_name(&mut self, toks: &[Token], e: usize) {
        let keys: Vec<String> = toks
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| t.key.clone())
            .collect();
        if !keys.is_empty() {
            self.meta_names.push((keys, e));
        }
    }

    /// Where the sentence repeats a metadata name ("/Интерфакс-Казахстан/").
    fn meta_mentions(&self, toks: &[Token]) -> Vec<Mention> {
        let mut out = Vec::new();
        for (keys, e) in &self.meta_names {
            let mut i = 0;
            while i < toks.len() {
                let mut j = i;
                let mut k = 0;
                while k < keys.len() && j < toks.len() {
                    if k > 0
                        && toks[j].kind == TokenKind::Punct
                        && matches!(toks[j].key.as_str(), "-" | ".")
                    {
                        j += 1;
                        continue;
                    }
                    if toks[j].key != keys[k] {
                        break;
                    }
                    j += 1;
                    k += 1;
                }
                if k == keys.len() {
                    out.push(Mention {
                        start: i,
                        end: j,
                        kind: MentionKind::Entity(self.entity_kind(*e)),
                        entity: Some(*e),
                    });
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
        out
    }

    fn lang(&self) -> Lang {
        self.article.lang
    }

    /// The article entity for a gazetteer entry.
    fn known(&mut self, g: usize) -> usize {
        let k = &self.ex.gazetteer.entities[g];
        if let Some(&e) = self.by_slug.get(&k.id) {
            return e;
        }
        let mut labels = vec![(k.label_en.clone(), Lang::En)];
        if let Some(ru) = &k.label_ru {
            labels.push((ru.clone(), Lang::Ru));
        }
        if self.lang() == Lang::Ru {
            labels.reverse();
        }
        let e = self.entities.len();
        self.entities.push(Entity {
            slug: k.id.clone(),
            class: k.class,
            labels,
            alt_labels: Vec::new(),
            wikidata: k.wikidata.clone(),
        });
        self.by_slug.insert(k.id.clone(), e);
        if k.class == Class::Person {
            self.alias_last_name(e);
            // Every listed spelling's surname: "Erdoğan" for "Recep Tayyip Erdogan".
            for s in &k.surnames {
                for form in crate::extract::morphology::ru_forms(s) {
                    self.aliases.entry(form).or_insert(e);
                }
            }
        }
        e
    }

    /// An entity the gazetteer does not know, by its base-form label.
    fn new_entity(&mut self, label: &str, class: Class, lang: Lang) -> usize {
        // A name broken over lines or spaced twice is one name.
        let spaced = label.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = spaced
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '.');
        let slug = crate::vocab::slug(label);
        if let Some(&e) = self.by_slug.get(&slug) {
            return e;
        }
        // A known name spelled in full is the known entity.
        let toks = tokenize(label);
        let found = self.ex.gazetteer.find(&toks);
        if let [Match {
            target: Target::Entity(g),
            start: 0,
            end,
        }] = found.as_slice()
        {
            if *end == toks.len() {
                return self.known(*g);
            }
        }
        let class = if class == Class::GovernmentBody && events::joint_body(&toks) {
            Class::Commission
        } else {
            class
        };
        let e = self.entities.len();
        self.entities.push(Entity {
            slug: slug.clone(),
            class,
            labels: vec![(label.to_string(), lang)],
            alt_labels: Vec::new(),
            wikidata: None,
        });
        self.by_slug.insert(slug, e);
        e
    }

    /// Records another name of `e` as the text gives it, unless it is one
    /// of its names already (case aside).
    fn add_alt_label(&mut self, e: usize, label: &str, lang: Lang) {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        let entity = &mut self.entities[e];
        let known = entity
            .labels
            .iter()
            .chain(&entity.alt_labels)
            .any(|(l, _)| l.to_lowercase() == label.to_lowercase());
        if !known && !label.is_empty() {
            entity.alt_labels.push((label, lang));
        }
    }

    fn alias_last_name(&mut self, e: usize) {
        let labels: Vec<String> = self.entities[e]
            .labels
            .iter()
            .map(|(l, _)| l.clone())
            .collect();
        for label in labels {
            let toks = tokenize(&label);
            if toks.len() >= 2 {
                if let Some(last) = toks.last().filter(|t| t.kind == TokenKind::Word && t.cap) {
                    // Russian surnames are matched in every case: Пацкевичем, Алиеву.
                    for form in crate::extract::morphology::ru_forms(&last.key) {
                        self.aliases.entry(form).or_insert(e);
                    }
                }
            }
        }
    }

    /// A new (or known) entity named `label`, mentioned at tokens `start..end`.
    fn add_named(
        &mut self,
        label: &str,
        class: Class,
        lang: Lang,
        mentions: &mut Vec<Mention>,
        span: (usize, usize),
    ) -> usize {
        let e = self.new_entity(label, class, lang);
        insert_mention(
            mentions,
            Mention {
                start: span.0,
                end: span.1,
                kind: MentionKind::Entity(self.entity_kind(e)),
                entity: Some(e),
            },
        );
        e
    }

    fn entity_kind(&self, e: usize) -> Kind {
        self.entities[e].class.kind()
    }

    fn fact(
        &mut self,
        subject: usize,
        predicate: Predicate,
        object: Object,
        sentence: usize,
        via: &str,
    ) {
        self.facts.push(Fact {
            subject,
            predicate,
            object,
            sentence,
            via: via.to_string(),
        });
    }

    /// Moves the entity table and construction facts into the extraction.
    pub fn finish(&mut self, ex: &mut Extraction) {
        ex.entities = self.entities.clone();
        ex.facts.append(&mut self.facts);
    }
}

fn absorbable(kind: MentionKind) -> bool {
    matches!(
        kind,
        MentionKind::Entity(Kind::Country)
            | MentionKind::Entity(Kind::Place)
            | MentionKind::Entity(Kind::Org)
    )
}

fn mention_at(mentions: &[Mention], i: usize) -> Option<&Mention> {
    mentions.iter().find(|m| m.start <= i && i < m.end)
}

/// Inserts `m` in order, replacing every mention it overlaps (those inside
/// its span included).
fn insert_mention(mentions: &mut Vec<Mention>, m: Mention) {
    mentions.retain(|x| x.end <= m.start || x.start >= m.end);
    let pos = mentions
        .iter()
        .position(|x| x.start > m.start)
        .unwrap_or(mentions.len());
    mentions.insert(pos, m);
}

/// The language of a name by its first token's script.
fn token_lang(t: &Token) -> Lang {
    if t.cyrillic {
        Lang::Ru
    } else {
        Lang::En
    }
}

fn is_patronymic(key: &str) -> bool {
    ["вич", "вн", "ич", "ovich", "evich", "ovna", "evna"]
        .iter()
        .any(|e| key.ends_with(e))
}

fn is_name_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.cap && !t.upper && t.alpha
}
