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

use super::gazetteer::{Match, Target};
use super::text::{tokenize, Token, TokenKind};
use super::{Class, Entity, Extraction, Extractor, Fact, Kind, Object, Predicate, Role};
use crate::ingest::{Article, Lang};
use rustc_hash::FxHashMap as HashMap;

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

/// Words that make a capitalised run an organisation, event or place, and the class they give.
const TAILS: &[(&str, Class)] = &[
    ("plant", Class::Company),
    ("works", Class::Company),
    ("factory", Class::Company),
    ("company", Class::Company),
    ("corporation", Class::Company),
    ("corp", Class::Company),
    ("co", Class::Company),
    ("limited", Class::Company),
    ("group", Class::Company),
    ("llc", Class::Company),
    ("ltd", Class::Company),
    ("jsc", Class::Company),
    ("ojsc", Class::Company),
    ("cjsc", Class::Company),
    ("pjsc", Class::Company),
    ("inc", Class::Company),
    ("holding", Class::Company),
    ("refinery", Class::Company),
    ("bank", Class::Company),
    ("airlines", Class::Company),
    ("railways", Class::Company),
    ("motors", Class::Company),
    ("association", Class::Organization),
    ("foundation", Class::Organization),
    ("fund", Class::Organization),
    ("union", Class::Organization),
    ("organization", Class::Organization),
    ("organisation", Class::Organization),
    ("institute", Class::Organization),
    ("university", Class::Organization),
    ("center", Class::Organization),
    ("centre", Class::Organization),
    ("park", Class::Organization),
    ("chamber", Class::Organization),
    ("council", Class::GovernmentBody),
    ("ministry", Class::GovernmentBody),
    ("agency", Class::GovernmentBody),
    ("committee", Class::GovernmentBody),
    ("commission", Class::GovernmentBody),
    ("service", Class::GovernmentBody),
    ("administration", Class::GovernmentBody),
    ("government", Class::GovernmentBody),
    ("cabinet", Class::GovernmentBody),
    ("department", Class::GovernmentBody),
    ("directorate", Class::GovernmentBody),
    ("customs", Class::GovernmentBody),
    ("embassy", Class::GovernmentBody),
    ("consulate", Class::GovernmentBody),
    ("parliament", Class::GovernmentBody),
    ("office", Class::GovernmentBody),
    ("forum", Class::Event),
    ("summit", Class::Event),
    ("exhibition", Class::Event),
    ("expo", Class::Event),
    ("conference", Class::Event),
    ("fair", Class::Event),
    ("congress", Class::Event),
    ("week", Class::Event),
    ("region", Class::Region),
    ("oblast", Class::Region),
    ("province", Class::Region),
    ("krai", Class::Region),
    ("territory", Class::Region),
    ("republic", Class::Country),
];
/// Lowercase place tails after a capitalised name: "Pirallahi industrial park".
const PLACE_TAILS: &[&[&str]] = &[
    &["industrial", "park"],
    &["industrial", "district"],
    &["industrial", "zone"],
    &["industrial", "quarter"],
    &["economic", "zone"],
    &["free", "economic", "zone"],
    &["special", "economic", "zone"],
    &["technology", "park"],
    &["hydropower", "plant"],
    &["hydroelectric", "power", "plant"],
    &["power", "plant"],
    &["nuclear", "power", "plant"],
    &["power", "station"],
    &["border", "crossing"],
    &["checkpoint"],
    &["port"],
];
/// Lowercase words allowed inside a name when a capitalised word follows.
const CONNECTORS: &[&str] = &["of", "for", "the", "and", "de", "&"];
/// Capitalised words that start sentences or clauses but are not names.
const STOP_CAPS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "of",
    "and",
    "as",
    "to",
    "during",
    "after",
    "before",
    "according",
    "meanwhile",
    "moreover",
    "however",
    "also",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "our",
    "his",
    "her",
    "their",
    "its",
    "speaking",
    "noting",
    "besides",
    "apart",
    "under",
    "within",
    "while",
    "since",
    "last",
    "next",
    "head",
    "chairman",
    "director",
    "deputy",
    "first",
    "former",
    "acting",
    "mr",
    "ms",
    "mrs",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "several",
    "both",
    "all",
    "some",
    "many",
    "one",
    "two",
    "there",
    "here",
];
/// Capitalised words of a portfolio, never the first word of a name.
const PORTFOLIO_WORDS: &[&str] = &[
    "trade",
    "economy",
    "economic",
    "foreign",
    "affairs",
    "energy",
    "industry",
    "industries",
    "development",
    "finance",
    "finances",
    "agriculture",
    "transport",
    "investment",
    "investments",
    "commerce",
    "justice",
    "defense",
    "defence",
    "education",
    "health",
    "culture",
    "tourism",
    "labour",
    "labor",
    "digital",
    "innovation",
    "innovations",
    "natural",
    "resources",
    "ecology",
    "environment",
    "science",
    "technology",
    "technologies",
    "emergency",
    "situations",
    "interior",
    "communications",
    "information",
    "construction",
    "housing",
    "integration",
    "relations",
    "cooperation",
    "policy",
    "youth",
    "sports",
    "sport",
    "water",
    "mining",
    "oil",
    "gas",
    "petroleum",
    "infrastructure",
    "planning",
    "budget",
    "social",
    "protection",
    "state",
    "national",
    "federal",
    "general",
    "manager",
    "board",
    "trade",
    "commission",
    "executive",
];

/// Words after which a news source is named: "передает ИА El.kz".
const ATTRIBUTION_BEFORE: &[&str] = &["передает", "сообщает", "пишет", "сообщило", "сообщили"];
/// Nouns between an attribution verb and the source's name.
const SOURCE_NOUNS: &[&str] = &[
    "ия",
    "иа",
    "агентство",
    "информагентство",
    "издание",
    "портал",
    "газета",
    "телеканал",
];

/// Speech verbs after a bare name: "Shevtsov said".
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "noted",
    "added",
    "stated",
    "stressed",
    "emphasized",
    "emphasised",
    "explained",
    "recalled",
    "continued",
    "concluded",
    "announced",
    "underlined",
    "believes",
    "сказал",
    "отметил",
    "заявил",
    "сообщил",
    "подчеркнул",
    "добавил",
    "пояснил",
];
/// Russian words before a company name (prefixes of the lowercase word).
const RU_ORG_HEADS: &[&str] = &[
    "компан",
    "завод",
    "предприят",
    "концерн",
    "холдинг",
    "банк",
    "корпорац",
    "фирм",
    "оао",
    "ооо",
    "зао",
    "пао",
    "ао",
    "объединен",
    "групп",
    "фонд",
    "производител",
    "оператор",
    "перевозчик",
    "марк",
    "автопроизводител",
];
/// English words before a company name: "potash producer Belaruskali".
const EN_ORG_HEADS: &[&str] = &[
    "company",
    "firm",
    "operator",
    "producer",
    "maker",
    "carmaker",
    "automaker",
    "manufacturer",
    "utility",
    "bank",
    "holding",
    "concern",
    "corporation",
    "refinery",
    "developer",
    "exporter",
    "supplier",
    "giant",
    "conglomerate",
    "airline",
    "carrier",
    "lender",
    "miner",
    "insurer",
    "subsidiary",
    "affiliate",
    "brand",
];

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
                    doc.known(*g);
                }
            } else if toks.len() >= 2 {
                let e = doc.new_entity(author.trim(), Class::Person, Lang::detect(author));
                doc.alias_last_name(e);
                doc.add_meta_name(&toks, e);
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
                    doc.known(*g);
                }
                _ => {
                    let e = doc.new_entity(
                        publisher.trim(),
                        Class::MediaOutlet,
                        Lang::detect(publisher),
                    );
                    doc.add_meta_name(&toks, e);
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
            wikidata: k.wikidata.clone(),
        });
        self.by_slug.insert(k.id.clone(), e);
        if k.class == Class::Person {
            self.alias_last_name(e);
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
        let e = self.entities.len();
        self.entities.push(Entity {
            slug: slug.clone(),
            class,
            labels: vec![(label.to_string(), lang)],
            wikidata: None,
        });
        self.by_slug.insert(slug, e);
        e
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
                    for form in super::text::ru_forms(&last.key) {
                        self.aliases.entry(form).or_insert(e);
                    }
                }
            }
        }
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

    /// Analyses one sentence: mentions, new entities, title constructions.
    pub fn add_sentence(&mut self, index: usize, text: &str) {
        // "the minister" refers to a minister named before this sentence.
        let holders_before = self.role_holders.clone();
        let toks = tokenize(text);
        let n = toks.len();
        let mut mentions: Vec<Mention> = Vec::new();
        // "долларов США", "US dollars": a currency's country is not a mention.
        let currency = |t: &Token| {
            ["dollar", "доллар", "долл"]
                .iter()
                .any(|w| t.key.starts_with(w))
        };
        for m in self.ex.gazetteer.find(&toks) {
            if let Target::Entity(g) = m.target {
                if self.ex.gazetteer.entities[g].class == Class::Country
                    && (m.start > 0 && currency(&toks[m.start - 1])
                        || toks.get(m.end).is_some_and(currency))
                {
                    continue;
                }
            }
            let (kind, entity) = match m.target {
                Target::Entity(g) => {
                    let e = self.known(g);
                    (MentionKind::Entity(self.entity_kind(e)), Some(e))
                }
                Target::Demonym(g) => (MentionKind::Demonym, Some(self.known(g))),
                Target::Role(r) => (MentionKind::Role(r), None),
            };
            mentions.push(Mention {
                start: m.start,
                end: m.end,
                kind,
                entity,
            });
        }
        let covered =
            |mentions: &[Mention], i: usize| mentions.iter().any(|m| m.start <= i && i < m.end);
        for m in self.meta_mentions(&toks) {
            insert_mention(&mut mentions, m);
        }
        self.russian_institutions(text, &toks, &mut mentions, index);
        self.attributed_sources(text, &toks, &mut mentions);
        self.regions_of_cities(text, &toks, &mut mentions, index);

        // Capitalised runs naming organisations, events and places.
        let mut i = 0;
        while i < n {
            if covered(&mentions, i)
                && !mention_at(&mentions, i).is_some_and(|m| absorbable(m.kind))
            {
                i += 1;
                continue;
            }
            let Some((start, end, class)) = self.named_run(&toks, &mentions, i) else {
                i += 1;
                continue;
            };
            let label = &text[toks[start].range.start..toks[end - 1].range.end];
            // Absorbed countries give `country` when there is exactly one.
            let inner: Vec<Mention> = mentions
                .iter()
                .filter(|m| m.start >= start && m.end <= end)
                .copied()
                .collect();
            let e = self.new_entity(label, class, self.lang());
            mentions.retain(|m| !(m.start >= start && m.end <= end));
            let countries: Vec<usize> = inner
                .iter()
                .filter(|m| m.kind == MentionKind::Entity(Kind::Country))
                .filter_map(|m| m.entity)
                .collect();
            if countries.len() == 1 && class.kind() != Kind::Country && class.kind() != Kind::Place
            {
                self.fact(
                    e,
                    Predicate::Country,
                    Object::Entity(countries[0]),
                    index,
                    "name contains country",
                );
            }
            if class.kind() == Kind::Place && countries.len() == 1 {
                self.fact(
                    e,
                    Predicate::LocatedIn,
                    Object::Entity(countries[0]),
                    index,
                    "name contains country",
                );
            }
            insert_mention(
                &mut mentions,
                Mention {
                    start,
                    end,
                    kind: MentionKind::Entity(class.kind()),
                    entity: Some(e),
                },
            );
            i = end;
        }

        // Names after a company word: компания «Амкодор», АО "Узавтосаноат",
        // "potash producer Belaruskali", "rail operator Georgian Railway".
        for i in 0..n.saturating_sub(1) {
            let t = &toks[i];
            let head = if t.cyrillic {
                RU_ORG_HEADS.iter().any(|h| t.key.starts_with(h))
            } else {
                !t.cap && t.kind == TokenKind::Word && EN_ORG_HEADS.contains(&t.key.as_str())
                    || t.upper && matches!(t.key.as_str(), "jsc" | "ojsc" | "cjsc" | "pjsc" | "llc")
            };
            if !head || covered(&mentions, i) {
                continue;
            }
            let (start, end) = if toks[i + 1].key == "\"" {
                match (i + 2..n.min(i + 9)).find(|&j| toks[j].key == "\"") {
                    Some(close) if close > i + 2 => (i + 2, close),
                    _ => continue,
                }
            } else {
                let mut e = i + 1;
                while e < n
                    && e < i + 5
                    && toks[e].kind == TokenKind::Word
                    && (toks[e].cap || toks[e].upper)
                    && !STOP_CAPS.contains(&toks[e].key.as_str())
                    && !covered(&mentions, e)
                {
                    e += 1;
                }
                (i + 1, e)
            };
            if end <= start
                || (start..end).any(|j| {
                    covered(&mentions, j)
                        && !mention_at(&mentions, j)
                            .is_some_and(|m| m.kind == MentionKind::Entity(Kind::Org))
                })
            {
                continue;
            }
            // A known organisation in quotes is just that organisation.
            if let Some(m) = mention_at(&mentions, start) {
                if m.start == start && m.end == end {
                    continue;
                }
            }
            let label = &text[toks[start].range.start..toks[end - 1].range.end];
            let lang = token_lang(&toks[start]);
            let e = self.new_entity(label, Class::Company, lang);
            mentions.retain(|m| !(m.start >= start && m.end <= end));
            insert_mention(
                &mut mentions,
                Mention {
                    start,
                    end,
                    kind: MentionKind::Entity(self.entity_kind(e)),
                    entity: Some(e),
                },
            );
        }

        // A name before a lowercase company word: "the Kyrgyzagromash plant",
        // "the Borisov-based BelGee joint venture".
        for i in 0..n.saturating_sub(1) {
            let t = &toks[i];
            if covered(&mentions, i)
                || t.kind != TokenKind::Word
                || !(t.cap || t.upper)
                || t.cyrillic
                || STOP_CAPS.contains(&t.key.as_str())
            {
                continue;
            }
            let next = &toks[i + 1];
            let tail = matches!(
                next.key.as_str(),
                "plant" | "factory" | "refinery" | "mill" | "company" | "brand"
            ) || (next.key == "joint"
                && toks.get(i + 2).is_some_and(|x| x.key == "venture"));
            if !tail
                || next.cap
                || i == 0
                || !matches!(toks[i - 1].key.as_str(), "the" | "-" | "based" | "'s")
                    && !covered(&mentions, i - 1)
            {
                continue;
            }
            let label = &text[t.range.clone()];
            let e = self.new_entity(label, Class::Company, self.lang());
            insert_mention(
                &mut mentions,
                Mention {
                    start: i,
                    end: i + 1,
                    kind: MentionKind::Entity(self.entity_kind(e)),
                    entity: Some(e),
                },
            );
        }

        // A company after a demonym: российская "Зарубежнефть", вьетнамская PetroVietnam.
        for i in 1..n {
            let Some(d) = mentions
                .iter()
                .find(|m| m.end == i && m.kind == MentionKind::Demonym)
                .copied()
            else {
                continue;
            };
            let quoted = toks[i].key == "\"";
            let start = if quoted { i + 1 } else { i };
            let mut e = start;
            while e < n
                && e < start + 4
                && toks[e].kind == TokenKind::Word
                && (toks[e].cap || toks[e].upper)
                && (quoted || !toks[e].cyrillic)
                && !STOP_CAPS.contains(&toks[e].key.as_str())
                && !covered(&mentions, e)
            {
                e += 1;
            }
            let closed = if quoted {
                toks.get(e).is_some_and(|t| t.key == "\"")
            } else {
                toks.get(e).is_none_or(|t| {
                    !covered(&mentions, e) && (t.kind == TokenKind::Punct || !t.cap && !t.upper)
                })
            };
            if e == start
                || !closed
                || (!quoted && !toks[start].cyrillic && self.lang() == Lang::En)
            {
                continue;
            }
            let label = &text[toks[start].range.start..toks[e - 1].range.end];
            let ent = self.new_entity(label, Class::Company, self.lang());
            if let (Some(c), Kind::Org) = (d.entity, self.entities[ent].class.kind()) {
                self.fact(
                    ent,
                    Predicate::Country,
                    Object::Entity(c),
                    index,
                    "demonym before company",
                );
            }
            insert_mention(
                &mut mentions,
                Mention {
                    start,
                    end: e,
                    kind: MentionKind::Entity(self.entity_kind(ent)),
                    entity: Some(ent),
                },
            );
        }

        // A name after a possessive country: "Romania's Transgaz has invested".
        for i in 1..n {
            if toks[i - 1].key != "'s" || covered(&mentions, i) {
                continue;
            }
            let owner = mentions.iter().find(|m| m.end == i - 1).copied();
            let Some(owner) = owner.filter(|m| m.kind == MentionKind::Entity(Kind::Country)) else {
                continue;
            };
            let mut e = i;
            while e < n
                && e < i + 3
                && toks[e].kind == TokenKind::Word
                && (toks[e].cap || toks[e].upper)
                && !STOP_CAPS.contains(&toks[e].key.as_str())
                && !covered(&mentions, e)
            {
                e += 1;
            }
            // Only a whole name: the next word is lowercase or punctuation, not
            // a title or a further name ("Azerbaijan's Economy Minister").
            let ends_clean = toks.get(e).is_none_or(|t| {
                !covered(&mentions, e)
                    && (t.kind == TokenKind::Punct
                        || t.kind == TokenKind::Word && !t.cap && !t.upper)
            });
            // "Türkiye's Energy and Natural Resources Minister": a portfolio, not a company.
            let title_follows = mentions.iter().any(|m| {
                matches!(m.kind, MentionKind::Role(_)) && m.start >= e && m.start <= e + 4
            });
            if e == i || !ends_clean || title_follows {
                continue;
            }
            let label = &text[toks[i].range.start..toks[e - 1].range.end];
            let ent = self.new_entity(label, Class::Company, self.lang());
            if self.entities[ent].class.kind() == Kind::Org {
                if let Some(c) = owner.entity {
                    self.fact(
                        ent,
                        Predicate::Country,
                        Object::Entity(c),
                        index,
                        "possessive country",
                    );
                }
            }
            insert_mention(
                &mut mentions,
                Mention {
                    start: i,
                    end: e,
                    kind: MentionKind::Entity(self.entity_kind(ent)),
                    entity: Some(ent),
                },
            );
        }

        // Titles before names.
        let roles: Vec<Mention> = mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Role(_)))
            .copied()
            .collect();
        for r in roles {
            let MentionKind::Role(role) = r.kind else {
                continue;
            };
            self.title_construction(index, text, &toks, &mut mentions, r, role);
        }
        // Titles after names: "Ilia Darchiashvili, Georgia's foreign minister",
        // "Ilkhom Makhkamov, the transport minister of Uzbekistan".
        let roles: Vec<Mention> = mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Role(_)))
            .copied()
            .collect();
        for r in roles {
            let MentionKind::Role(role) = r.kind else {
                continue;
            };
            self.appositive_title(index, text, &toks, &mut mentions, r, role);
        }

        // A conjunct of an organisation is one too: "Azerenergy and Ansaldo
        // Energia signed", "TBEA and the Ministry of Energy".
        self.coordinated_organisations(text, &toks, &mut mentions);

        // Acronyms in brackets after a name: "... Foundation (AZPROMO)".
        for i in 0..n.saturating_sub(3) {
            if toks[i + 1].key == "("
                && toks[i + 3].key == ")"
                && toks[i + 2].upper
                && !covered(&mentions, i + 2)
            {
                if let Some(m) = mentions
                    .iter()
                    .find(|m| m.end == i + 1 && m.entity.is_some())
                {
                    let e = m.entity.unwrap();
                    let kind = m.kind;
                    self.aliases.insert(toks[i + 2].key.clone(), e);
                    insert_mention(
                        &mut mentions,
                        Mention {
                            start: i + 2,
                            end: i + 3,
                            kind,
                            entity: Some(e),
                        },
                    );
                }
            }
        }

        // Short forms: surnames and acronyms seen earlier in the article.
        for (i, tok) in toks.iter().enumerate() {
            if covered(&mentions, i) || !(tok.cap || tok.upper) {
                continue;
            }
            if let Some(&e) = self.aliases.get(&tok.key) {
                let kind = MentionKind::Entity(self.entity_kind(e));
                insert_mention(
                    &mut mentions,
                    Mention {
                        start: i,
                        end: i + 1,
                        kind,
                        entity: Some(e),
                    },
                );
            }
        }

        // Bare names before a speech verb: "Shevtsov said" when not known yet.
        for i in 0..n {
            if covered(&mentions, i) {
                continue;
            }
            let mut j = i;
            while j < n && j < i + 3 && is_name_word(&toks[j]) && !covered(&mentions, j) {
                j += 1;
            }
            if j - i >= 2
                && j < n
                && SPEECH.contains(&toks[j].key.as_str())
                && !STOP_CAPS.contains(&toks[i].key.as_str())
            {
                let label = &text[toks[i].range.start..toks[j - 1].range.end];
                let e = self.new_entity(label, Class::Person, self.lang());
                self.alias_last_name(e);
                insert_mention(
                    &mut mentions,
                    Mention {
                        start: i,
                        end: j,
                        kind: MentionKind::Entity(Kind::Person),
                        entity: Some(e),
                    },
                );
            }
        }

        // Unknown places after "in": "in Karabakh".
        for i in 1..n {
            if toks[i - 1].key != "in"
                || covered(&mentions, i)
                || !is_name_word(&toks[i])
                || STOP_CAPS.contains(&toks[i].key.as_str())
            {
                continue;
            }
            let mut j = i;
            while j < n && j < i + 3 && is_name_word(&toks[j]) && !covered(&mentions, j) {
                j += 1;
            }
            if j < n && (toks[j].cap || toks[j].kind == TokenKind::Number) {
                continue;
            }
            let label = &text[toks[i].range.start..toks[j - 1].range.end];
            let e = self.new_entity(label, Class::Place, self.lang());
            insert_mention(
                &mut mentions,
                Mention {
                    start: i,
                    end: j,
                    kind: MentionKind::Entity(Kind::Place),
                    entity: Some(e),
                },
            );
        }

        self.counterparts(index, text, &toks, &mut mentions);
        self.resolve_references(index, &toks, &mut mentions, &holders_before);
        self.sentences.push(SentenceInfo {
            text: text.to_string(),
            tokens: toks,
            mentions,
        });
    }

    /// "he", "she", "он", "она" refer to the last person named (within the
    /// last two sentences); "the minister", "the expert", "посол" without a
    /// name refer to the last holder of that role.
    fn resolve_references(
        &mut self,
        index: usize,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        holders: &[(Role, usize)],
    ) {
        let mut last = self
            .last_person
            .filter(|(s, _)| index <= s + 2)
            .map(|(_, e)| e);
        let mut i = 0;
        while i < toks.len() {
            if let Some(m) = mention_at(mentions, i).copied() {
                match m.kind {
                    MentionKind::Entity(Kind::Person) => last = m.entity,
                    MentionKind::Role(role) => {
                        // English needs "the"; Russian has no articles ("армянский вице-премьер").
                        let definite = i > 0 && matches!(toks[i - 1].key.as_str(), "the" | "this")
                            || toks[i].cyrillic;
                        let named = mentions.iter().any(|x| {
                            x.start == m.end && x.kind == MentionKind::Entity(Kind::Person)
                        });
                        if definite && !named {
                            if let Some(&(_, holder)) = holders.iter().find(|(r, _)| *r == role) {
                                let kind = MentionKind::Entity(Kind::Person);
                                insert_mention(
                                    mentions,
                                    Mention {
                                        start: m.start,
                                        end: m.end,
                                        kind,
                                        entity: Some(holder),
                                    },
                                );
                                last = Some(holder);
                            }
                        }
                    }
                    _ => {}
                }
                i = m.end;
                continue;
            }
            if matches!(toks[i].key.as_str(), "he" | "she" | "он" | "она") {
                if let Some(p) = last {
                    insert_mention(
                        mentions,
                        Mention {
                            start: i,
                            end: i + 1,
                            kind: MentionKind::Entity(Kind::Person),
                            entity: Some(p),
                        },
                    );
                }
            }
            i += 1;
        }
        if let Some(p) = mentions
            .iter()
            .rev()
            .find(|m| m.kind == MentionKind::Entity(Kind::Person))
            .and_then(|m| m.entity)
        {
            self.last_person = Some((index, p));
        }
    }

    /// Russian regions and institutions: "Оренбургской области" ->
    /// Region "Оренбургская область"; "Министерства экономики Армении" ->
    /// GovernmentBody "Министерство экономики Армении" (with `country`).
    fn russian_institutions(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        index: usize,
    ) {
        let n = toks.len();
        let free = |mentions: &[Mention], i: usize| mention_at(mentions, i).is_none();
        for i in 0..n.saturating_sub(1) {
            let (a, b) = (&toks[i], &toks[i + 1]);
            // <Adjective> [adjective] завод / комбинат / банк: "Ташкентском
            // тракторном заводе" -> Company "Ташкентский тракторный завод".
            if a.cyrillic && a.cap && free(mentions, i) {
                let mut j = i + 1;
                while j < n
                    && j < i + 3
                    && toks[j].cyrillic
                    && !toks[j].cap
                    && toks[j].kind == TokenKind::Word
                    && ru_adjective_nominative(&text[toks[j].range.clone()], false).is_some()
                    && !RU_FACILITIES
                        .iter()
                        .any(|(st, _)| toks[j].key.starts_with(st))
                {
                    j += 1;
                }
                if let Some((_, noun)) = toks
                    .get(j)
                    .filter(|t| free(mentions, j) && !t.cap)
                    .and_then(|t| RU_FACILITIES.iter().find(|(st, _)| t.key.starts_with(st)))
                {
                    let adjs: Option<Vec<String>> = (i..j)
                        .map(|k| ru_adjective_nominative(&text[toks[k].range.clone()], false))
                        .collect();
                    if let Some(adjs) = adjs {
                        let label = format!("{} {noun}", adjs.join(" "));
                        let e = self.new_entity(&label, Class::Company, Lang::Ru);
                        insert_mention(
                            mentions,
                            Mention {
                                start: i,
                                end: j + 1,
                                kind: MentionKind::Entity(self.entity_kind(e)),
                                entity: Some(e),
                            },
                        );
                        continue;
                    }
                }
            }
            // <Adjective> область / край / округ / район
            if a.cyrillic
                && a.cap
                && !b.cap
                && b.cyrillic
                && free(mentions, i)
                && free(mentions, i + 1)
            {
                let noun = REGION_NOUNS
                    .iter()
                    .find(|(stem, _, _)| b.key.starts_with(stem));
                if let Some((_, nominative, feminine)) = noun {
                    if let Some(adj) = ru_adjective_nominative(&text[a.range.clone()], *feminine) {
                        let label = format!("{adj} {nominative}");
                        let e = self.new_entity(&label, Class::Region, Lang::Ru);
                        insert_mention(
                            mentions,
                            Mention {
                                start: i,
                                end: i + 2,
                                kind: MentionKind::Entity(self.entity_kind(e)),
                                entity: Some(e),
                            },
                        );
                    }
                }
            }
            // Министерство экономики Армении, Агентства по ...
            if a.cyrillic && a.cap && free(mentions, i) {
                let Some((_, head)) = RU_INSTITUTIONS
                    .iter()
                    .find(|(stem, _)| a.key.starts_with(stem))
                else {
                    continue;
                };
                let mut j = i + 1;
                let mut country = None;
                while j < n && j < i + 8 {
                    let t = &toks[j];
                    if let Some(m) = mention_at(mentions, j).copied() {
                        if m.kind == MentionKind::Entity(Kind::Country) {
                            country = m.entity;
                            j = m.end;
                        }
                        break;
                    }
                    if t.cyrillic && !t.cap && t.kind == TokenKind::Word
                        || matches!(t.key.as_str(), "по" | "и")
                    {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if j <= i + 1 || (country.is_none() && j < i + 3) {
                    continue;
                }
                let rest = &text[toks[i + 1].range.start..toks[j - 1].range.end];
                let label = format!("{head} {rest}");
                let e = self.new_entity(&label, Class::GovernmentBody, Lang::Ru);
                if let Some(c) = country {
                    self.fact(
                        e,
                        Predicate::Country,
                        Object::Entity(c),
                        index,
                        "name contains country",
                    );
                }
                mentions.retain(|m| !(m.start >= i && m.end <= j));
                insert_mention(
                    mentions,
                    Mention {
                        start: i,
                        end: j,
                        kind: MentionKind::Entity(Kind::Org),
                        entity: Some(e),
                    },
                );
            }
        }
    }

    /// Finds a capitalised run starting at `i` that names an organisation,
    /// event or place; returns its token range and class.
    fn named_run(
        &self,
        toks: &[Token],
        mentions: &[Mention],
        i: usize,
    ) -> Option<(usize, usize, Class)> {
        let n = toks.len();
        let mut start = i;
        // Skip sentence-initial function words.
        while start < n
            && toks[start].cap
            && STOP_CAPS.contains(&toks[start].key.as_str())
            && mention_at(mentions, start).is_none()
        {
            start += 1;
        }
        let mut j = start;
        let mut last_good = start;
        let mut class = None;
        let mut quoted = false;
        while j < n {
            if let Some(m) = mention_at(mentions, j) {
                if m.start == j && absorbable(m.kind) {
                    j = m.end;
                    last_good = j;
                    continue;
                }
                break;
            }
            let t = &toks[j];
            if t.kind == TokenKind::Word && (t.cap || t.upper) {
                if let Some((_, c)) = TAILS.iter().find(|(w, _)| *w == t.key) {
                    class = Some(*c);
                }
                j += 1;
                last_good = j;
                continue;
            }
            // "Group Co. Ltd.", "Co., Ltd.": legal-form abbreviations with
            // their dots and comma stay in the name.
            if matches!(t.key.as_str(), "." | ",")
                && j > start
                && matches!(toks[j - 1].key.as_str(), "co" | "ltd" | "inc" | "corp")
                && toks
                    .get(j + 1)
                    .is_some_and(|x| matches!(x.key.as_str(), "ltd" | "limited" | "llc" | "inc"))
            {
                j += 1;
                continue;
            }
            if t.key == "."
                && j > start
                && matches!(toks[j - 1].key.as_str(), "co" | "ltd" | "inc" | "corp")
                && toks[j - 1].range.end == t.range.start
            {
                j += 1;
                last_good = j;
                continue;
            }
            if t.kind == TokenKind::Number && j > start {
                j += 1;
                last_good = j;
                continue;
            }
            if (t.key == "-" || t.key == "&")
                && j > start
                && toks.get(j + 1).is_some_and(|x| x.cap || x.upper)
            {
                j += 1;
                continue;
            }
            if t.key == "\"" && j > start && !quoted {
                quoted = true;
                j += 1;
                continue;
            }
            // "Ministry of Investment, Industry and Trade of Uzbekistan": a
            // comma inside a body's portfolio list, which "and" closes.
            if t.key == ","
                && j > start
                && TAILS
                    .iter()
                    .any(|(w, c)| *w == toks[start].key && *c == Class::GovernmentBody)
                && portfolio_list_follows(toks, j)
            {
                j += 1;
                continue;
            }
            if CONNECTORS.contains(&t.key.as_str()) && j > start {
                // Allowed only if a capitalised word or a mention follows soon.
                let mut k = j + 1;
                while k < n && CONNECTORS.contains(&toks[k].key.as_str()) {
                    k += 1;
                }
                if k < n
                    && (toks[k].cap
                        || toks[k].upper
                        || mention_at(mentions, k).is_some_and(|m| absorbable(m.kind)))
                {
                    j = k;
                    continue;
                }
            }
            break;
        }
        let mut end = last_good;
        // Coordination: "the Ministry of Energy and China Power International
        // Development Limited" is two names; "Ministry of Industry and Trade"
        // is one. The run ends before an "and" when both sides stand alone.
        if let Some((left_end, left_class)) = self.coordination_split(toks, mentions, start, end) {
            return Some((start, left_end, left_class));
        }
        // "the Governor of Iran's East Azerbaijan Province Abedin Khorram":
        // after a title, two or three name words after the body's tail word
        // are the title holder, not part of the body's name.
        let titled = mentions.iter().any(|m| {
            matches!(m.kind, MentionKind::Role(_)) && m.end <= start && m.end + 4 >= start
        });
        if titled {
            if let Some(p) = (start..end).rev().find(|&k| {
                mention_at(mentions, k).is_none() && TAILS.iter().any(|(w, _)| *w == toks[k].key)
            }) {
                let rest = p + 1..end;
                if (2..=3).contains(&rest.len())
                    && rest
                        .clone()
                        .all(|k| is_name_word(&toks[k]) && mention_at(mentions, k).is_none())
                {
                    end = p + 1;
                    class = TAILS
                        .iter()
                        .find(|(w, _)| *w == toks[p].key)
                        .map(|(_, c)| *c);
                }
            }
        }
        // Lowercase place tails.
        for tail in PLACE_TAILS {
            if end > start
                && end + tail.len() <= n
                && tail
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks[end + k].key == *w)
            {
                end += tail.len();
                class = Some(Class::Place);
                break;
            }
        }
        let mut class = class?;
        // Power plants and stations are facilities, i.e. places.
        if end >= start + 2
            && toks[end - 2].key == "power"
            && matches!(toks[end - 1].key.as_str(), "plant" | "station")
        {
            class = Class::Place;
        }
        if end <= start {
            return None;
        }
        // The run must have a word of its own besides absorbed mentions and the tail.
        let own = (start..end)
            .filter(|&k| mention_at(mentions, k).is_none() && toks[k].kind == TokenKind::Word)
            .count();
        if own < 2 && !(own == 1 && (start..end).any(|k| mention_at(mentions, k).is_some())) {
            return None;
        }
        // Whole run is a single existing mention: nothing new.
        if let Some(m) = mention_at(mentions, start) {
            if m.start == start && m.end == end {
                return None;
            }
        }
        // A hyphenated pair of countries or demonyms names the body too:
        // "Kyrgyz-Turkish Business Forum", "Azerbaijan-Russia Intergovernmental Commission".
        if start >= 3
            && toks[start - 2].key == "-"
            && toks[start - 2].range.start == toks[start - 3].range.end
        {
            let second = mentions
                .iter()
                .find(|m| m.start == start - 1 && m.end == start);
            let first = mentions.iter().find(|m| m.end == start - 2);
            let geo = |m: &&Mention| {
                matches!(
                    m.kind,
                    MentionKind::Demonym | MentionKind::Entity(Kind::Country)
                )
            };
            if let (Some(a), Some(_)) = (first.filter(geo), second.filter(geo)) {
                start = a.start;
            }
        }
        Some((start, end, class))
    }

    /// Where a capitalised run `start..end` joins two names with "and" (or
    /// "and the"), the end and class of the first: both sides must stand
    /// alone, i.e. carry a head or tail word of their own ("Ministry",
    /// "LLC", "Bank"), begin with a known country or organisation followed by
    /// more words ("Kazakhstan Temir Zholy"), or be an acronym ("TBEA").
    fn coordination_split(
        &self,
        toks: &[Token],
        mentions: &[Mention],
        start: usize,
        end: usize,
    ) -> Option<(usize, Class)> {
        let tail_class = |a: usize, b: usize| {
            (a..b)
                .filter(|&k| mention_at(mentions, k).is_none() && (toks[k].cap || toks[k].upper))
                .filter_map(|k| TAILS.iter().find(|(w, _)| *w == toks[k].key))
                .map(|(_, c)| *c)
                .next_back()
        };
        let led_by_name = |a: usize, b: usize| {
            mention_at(mentions, a).is_some_and(|m| {
                m.start == a
                    && (m.end < b || m.end == b && m.kind == MentionKind::Entity(Kind::Org))
                    && matches!(
                        m.kind,
                        MentionKind::Entity(Kind::Country) | MentionKind::Entity(Kind::Org)
                    )
            })
        };
        let acronym =
            |a: usize, b: usize| b == a + 1 && toks[a].upper && toks[a].key.chars().count() >= 3;
        let stands_alone = |a: usize, b: usize| {
            b > a && (tail_class(a, b).is_some() || led_by_name(a, b) || acronym(a, b))
        };
        let mut k = start + 1;
        while k < end {
            if let Some(m) = mention_at(mentions, k) {
                k = m.end.max(k + 1);
                continue;
            }
            if toks[k].key == "and" && !toks[k].cap {
                let mut right = k + 1;
                while right < end && toks[right].key == "the" {
                    right += 1;
                }
                if stands_alone(start, k) && stands_alone(right, end) {
                    let class = tail_class(start, k).unwrap_or(Class::Company);
                    return Some((k, class));
                }
            }
            k += 1;
        }
        None
    }

    /// "met his Uzbek counterpart Shavkat Mirziyoyev", "с российским коллегой
    /// Алексеем Оверчуком": the counterpart holds the role of the person
    /// named before in the sentence, for the country the demonym names.
    fn counterparts(
        &mut self,
        index: usize,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        for i in 0..n {
            let k = toks[i].key.as_str();
            if !(k == "counterpart" || k.starts_with("коллег")) {
                continue;
            }
            // The role of the person named before, in this sentence.
            let role = mentions
                .iter()
                .filter(|m| m.end <= i && m.kind == MentionKind::Entity(Kind::Person))
                .filter_map(|m| m.entity)
                .filter_map(|p| {
                    self.facts.iter().rev().find_map(|f| match f.object {
                        Object::Role(r) if f.subject == p && f.predicate == Predicate::HasRole => {
                            Some(r)
                        }
                        _ => None,
                    })
                })
                .next_back();
            let Some(role) = role else { continue };
            let country = mentions
                .iter()
                .find(|m| {
                    m.end + 2 >= i
                        && m.end <= i
                        && matches!(
                            m.kind,
                            MentionKind::Demonym | MentionKind::Entity(Kind::Country)
                        )
                })
                .and_then(|m| m.entity);
            // The name right after: a person mention, or two or three name words.
            let j = i + 1;
            let person = if let Some(m) = mention_at(mentions, j).filter(|m| m.start == j) {
                (m.kind == MentionKind::Entity(Kind::Person))
                    .then_some(m.entity)
                    .flatten()
            } else {
                let mut e = j;
                while e < n
                    && e < j + 3
                    && is_name_word(&toks[e])
                    && mention_at(mentions, e).is_none()
                {
                    e += 1;
                }
                if e - j < 2 {
                    None
                } else {
                    let words: Vec<&str> = text[toks[j].range.start..toks[e - 1].range.end]
                        .split_whitespace()
                        .collect();
                    let label = if toks[j].cyrillic {
                        let base = ru_name_base(&words, &text[toks[i].range.clone()]);
                        self.attested_form(&base)
                    } else {
                        words.join(" ")
                    };
                    let p = self.new_entity(&label, Class::Person, token_lang(&toks[j]));
                    if self.entities[p].class != Class::Person {
                        continue;
                    }
                    self.alias_last_name(p);
                    insert_mention(
                        mentions,
                        Mention {
                            start: j,
                            end: e,
                            kind: MentionKind::Entity(Kind::Person),
                            entity: Some(p),
                        },
                    );
                    Some(p)
                }
            };
            if let Some(p) = person {
                self.holds_title(p, role, country, index, "counterpart");
            }
        }
    }

    /// Unknown capitalised names (one acronym, or two or three name words)
    /// joined by "and"/"и" to an organisation are organisations.
    fn coordinated_organisations(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        let n = toks.len();
        let free = |mentions: &[Mention], i: usize| mention_at(mentions, i).is_none();
        let is_org = |m: &Mention| m.kind == MentionKind::Entity(Kind::Org);
        for i in 1..n.saturating_sub(1) {
            if !matches!(toks[i].key.as_str(), "and" | "и") {
                continue;
            }
            let left_org = mentions.iter().any(|m| m.end == i && is_org(m));
            let right_org = mentions.iter().any(|m| {
                (m.start == i + 1 || m.start == i + 2 && toks[i + 1].key == "the") && is_org(m)
            });
            let span = if left_org && !right_org {
                let mut s0 = i + 1;
                if toks.get(s0).is_some_and(|t| t.key == "the") {
                    s0 += 1;
                }
                let mut e = s0;
                while e < n
                    && e < s0 + 3
                    && free(mentions, e)
                    && (is_name_word(&toks[e]) || toks[e].upper)
                {
                    e += 1;
                }
                // The name must end there: not followed by a further capitalised word.
                let ends = toks
                    .get(e)
                    .is_none_or(|t| !(t.cap || t.upper) || !free(mentions, e));
                (ends && e > s0).then_some((s0, e))
            } else if right_org && !left_org {
                let mut s0 = i;
                while s0 > 0
                    && i - s0 < 3
                    && free(mentions, s0 - 1)
                    && (is_name_word(&toks[s0 - 1]) || toks[s0 - 1].upper)
                {
                    s0 -= 1;
                }
                let starts =
                    s0 == 0 || !(toks[s0 - 1].cap || toks[s0 - 1].upper) || !free(mentions, s0 - 1);
                (starts && s0 < i && s0 > 0).then_some((s0, i))
            } else {
                None
            };
            let Some((a, b)) = span else { continue };
            let single = b == a + 1;
            if single && !(toks[a].upper && toks[a].key.chars().count() >= 3)
                || (a..b).any(|k| STOP_CAPS.contains(&toks[k].key.as_str()))
                || toks[a].cyrillic && !toks[a].upper
            {
                continue;
            }
            let label = &text[toks[a].range.start..toks[b - 1].range.end];
            let e = self.new_entity(label, Class::Company, token_lang(&toks[a]));
            if self.entities[e].class.kind() != Kind::Org {
                continue;
            }
            insert_mention(
                mentions,
                Mention {
                    start: a,
                    end: b,
                    kind: MentionKind::Entity(Kind::Org),
                    entity: Some(e),
                },
            );
        }
    }

    /// News sources named where the text attributes itself: "передает ИА
    /// El.kz", "сообщает Report", "Source: Beta", "Trend reports".
    fn attributed_sources(&mut self, text: &str, toks: &[Token], mentions: &mut Vec<Mention>) {
        let n = toks.len();
        let free =
            |mentions: &[Mention], i: usize| !mentions.iter().any(|m| m.start <= i && i < m.end);
        let name_at = |i: usize, mentions: &[Mention]| {
            let mut j = i;
            while j < n
                && j < i + 3
                && toks[j].kind == TokenKind::Word
                && (toks[j].cap || toks[j].upper)
                && !STOP_CAPS.contains(&toks[j].key.as_str())
                && free(mentions, j)
            {
                j += 1;
            }
            // "El.kz": a dotted name is one.
            while j + 1 < n
                && j > i
                && toks[j].key == "."
                && toks[j].range.start == toks[j - 1].range.end
                && toks[j + 1].range.start == toks[j].range.end
                && toks[j + 1].kind == TokenKind::Word
            {
                j += 2;
            }
            j
        };
        let mut i = 0;
        while i < n {
            let k = toks[i].key.as_str();
            let (start, end) = if ATTRIBUTION_BEFORE.contains(&k)
                || k == "source" && toks.get(i + 1).is_some_and(|t| t.key == ":")
            {
                let mut s0 = i + 1;
                while s0 < n
                    && (toks[s0].key == ":" || SOURCE_NOUNS.contains(&toks[s0].key.as_str()))
                {
                    s0 += 1;
                }
                (s0, name_at(s0, mentions))
            } else if matches!(k, "reports" | "reported" | "writes" | "wrote")
                && i >= 1
                && (i < 2 || matches!(toks[i - 2].key.as_str(), "," | "(" | "–" | "-"))
            {
                let s0 = i - 1;
                if toks[s0].kind != TokenKind::Word || !(toks[s0].cap || toks[s0].upper) {
                    i += 1;
                    continue;
                }
                (s0, s0 + 1)
            } else {
                i += 1;
                continue;
            };
            if end > start && (start..end).all(|j| free(mentions, j)) && !toks[start].cyrillic
                || end > start && toks[start].upper && (start..end).all(|j| free(mentions, j))
            {
                let label = &text[toks[start].range.start..toks[end - 1].range.end];
                let e = self.new_entity(label, Class::MediaOutlet, token_lang(&toks[start]));
                if self.entities[e].class.kind() == Kind::Org {
                    insert_mention(
                        mentions,
                        Mention {
                            start,
                            end,
                            kind: MentionKind::Entity(Kind::Org),
                            entity: Some(e),
                        },
                    );
                }
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// "the Samarkand region", "Issyk-Kul oblast": a known city followed by a
    /// region word names the region.
    fn regions_of_cities(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &mut [Mention],
        index: usize,
    ) {
        for m in mentions.iter_mut() {
            let Some(e) = m.entity else { continue };
            let Some(next) = toks.get(m.end) else {
                continue;
            };
            if m.kind != MentionKind::Entity(Kind::Place)
                || self.entities[e].class != Class::City
                || !matches!(next.key.as_str(), "region" | "oblast" | "province")
            {
                continue;
            }
            let name = &text[toks[m.start].range.start..toks[m.end - 1].range.end];
            let label = format!("{name} Region");
            let r = self.new_entity(&label, Class::Region, Lang::En);
            if self.entities[r].class.kind() != Kind::Place {
                continue;
            }
            let country = self
                .ex
                .gazetteer
                .id(&self.entities[e].slug)
                .and_then(|g| self.ex.gazetteer.entities[g].country);
            m.end += 1;
            m.entity = Some(r);
            if let Some(c) = country {
                let c = self.known(c);
                if c != r {
                    self.fact(
                        r,
                        Predicate::LocatedIn,
                        Object::Entity(c),
                        index,
                        "region of a city",
                    );
                }
            }
        }
    }

    /// "Deputy Prime Minister Alexei Overchuk", "Prime Minister of Belarus
    /// Mikhail Myasnikovich", "Azerbaijan's Economy Minister Shahin
    /// Mustafayev", "посол Белоруссии в Азербайджане Николай Пацкевич".
    fn title_construction(
        &mut self,
        index: usize,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        r: Mention,
        role: Role,
    ) {
        let n = toks.len();
        // The window after the title: portfolio words ("of Investment, Industry
        // and Trade", "экономики"), qualifiers ("of Belarus", "Белоруссии в
        // Азербайджане") and the name, which ends the window.
        let mut j = r.end;
        let mut qualifier: Option<usize> = None;
        let limit = (r.end + 14).min(n);
        let mut person_mention: Option<usize> = None;
        let mut run: Option<(usize, usize)> = None;
        while j < limit {
            if let Some(m) = mention_at(mentions, j).copied() {
                match m.kind {
                    MentionKind::Entity(Kind::Person) => {
                        person_mention = m.entity;
                        break;
                    }
                    MentionKind::Entity(_) | MentionKind::Demonym => {
                        // "Ambassador to Belarus", "посол ... в Азербайджане":
                        // the place of posting is not whom the person represents.
                        let posted =
                            j > 0 && matches!(toks[j - 1].key.as_str(), "to" | "in" | "в" | "во");
                        if m.kind != MentionKind::Demonym && !posted {
                            qualifier = qualifier.or(m.entity);
                        }
                        run = None;
                        j = m.end;
                        continue;
                    }
                    MentionKind::Role(_) => {
                        // Only a compound title continues: "Deputy Prime Minister – Minister of ...".
                        if j > 0 && toks[j - 1].key == "-" && run.is_none() {
                            j = m.end;
                            continue;
                        }
                        break;
                    }
                }
            }
            let t = &toks[j];
            let k = t.key.as_str();
            if is_name_word(t) {
                run = match run {
                    Some((s, e)) if e == j => Some((s, j + 1)),
                    _ => Some((j, j + 1)),
                };
                j += 1;
                // "Оюун-Эрдэнэ", "Kassym-Jomart": a hyphen inside a name joins it.
                while j + 1 < n
                    && toks[j].key == "-"
                    && toks[j].range.start == toks[j - 1].range.end
                    && toks[j + 1].range.start == toks[j].range.end
                    && is_name_word(&toks[j + 1])
                {
                    j += 2;
                    run = run.map(|(s, _)| (s, j));
                }
                continue;
            }
            let connector = matches!(
                k,
                "of" | "the"
                    | "for"
                    | "to"
                    | "in"
                    | "on"
                    | "в"
                    | "во"
                    | "при"
                    | "по"
                    | ","
                    | "and"
                    | "и"
                    | "-"
                    | "&"
            );
            // Russian portfolio words are lowercase genitives: "министр экономики".
            let ru_portfolio =
                t.cyrillic && !t.cap && j < r.end + 8 && t.kind == TokenKind::Word && run.is_none();
            if connector || ru_portfolio {
                // A comma may close the name ("..., who"); "and" closes it too
                // unless another capitalised word follows ("Economy and Trade");
                // other connectors mean the words so far were the portfolio.
                // A name right after the title, then "and": two people
                // ("Minister Alparslan Bayraktar and Batyr Amanov").
                if k == "and"
                    && run.is_some_and(|(s, e)| {
                        e == j
                            && e - s >= 2
                            && s > 0
                            && mention_at(mentions, s - 1)
                                .is_some_and(|m| matches!(m.kind, MentionKind::Role(_)))
                    })
                {
                    break;
                }
                if matches!(k, "and" | "и") && run.is_some_and(|(s, e)| e == j && e - s >= 2) {
                    // Russian portfolio words are lowercase, so "и" after a name ends it.
                    let next_is_word = k == "and"
                        && toks.get(j + 1).is_some_and(|t| {
                            is_name_word(t) && mention_at(mentions, j + 1).is_none()
                        });
                    if !next_is_word {
                        break;
                    }
                }
                // Russian portfolios are lowercase: capitalised Cyrillic words
                // before a preposition are the name ("Мгер Григорян во вторник").
                if t.cyrillic
                    && run.is_some_and(|(s, e)| {
                        e == j
                            && e - s >= 2
                            && (s..e).all(|x| !self.ex.gazetteer.knows_word(&toks[x].key))
                    })
                    && !matches!(k, "," | "-" | "и")
                {
                    break;
                }
                if !matches!(k, "," | "-") {
                    run = None;
                }
                j += 1;
                continue;
            }
            break;
        }
        // A name run must end the window (only a comma may follow it).
        let name_run = run.filter(|&(_, e)| e == j || toks.get(e).is_some_and(|t| t.key == ","));
        // Qualifier before the title ("Azerbaijan's Economy Minister", "Chinese
        // Ambassador to Belarus", "Belarusian expert") takes precedence.
        {
            let mut k = r.start;
            let mut steps = 0;
            while k > 0 && steps < 8 {
                let p = &toks[k - 1];
                if let Some(m) = mentions.iter().find(|m| m.end == k) {
                    if matches!(
                        m.kind,
                        MentionKind::Demonym
                            | MentionKind::Entity(Kind::Country)
                            | MentionKind::Entity(Kind::Place)
                            | MentionKind::Entity(Kind::Org)
                    ) {
                        qualifier = m.entity.or(qualifier);
                    }
                    break;
                }
                if p.key == "'s"
                    || (p.cap && p.kind == TokenKind::Word)
                    || p.key == "and"
                    || p.key == "-"
                {
                    k -= 1;
                    steps += 1;
                    continue;
                }
                break;
            }
        }
        // The name: a known person, or the last two capitalised words of the
        // run (three with a patronymic: "Александр Григорьевич Лукашенко").
        let person = if let Some(e) = person_mention {
            Some(e)
        } else if let Some((rs, re)) = name_run.filter(|&(s, e)| {
            (s..e).filter(|&k| toks[k].key != "-").count() >= 2
                && !(e - s == 3 && toks[s + 1].key == "-")
        }) {
            // Word starts in the run; "Оюун-Эрдэнэ" is one word.
            let starts: Vec<usize> = (rs..re)
                .filter(|&k| {
                    toks[k].key != "-"
                        && !(k > rs
                            && toks[k - 1].key == "-"
                            && toks[k - 1].range.start == toks[k - 2].range.end)
                })
                .collect();
            let mut start = starts[starts.len().saturating_sub(2)];
            // Russian portfolios are lowercase, so a Cyrillic run is all name
            // ("Нилакши Саху Синху"); in English a third word is a name unless
            // it is a portfolio word ("Industry and Trade Nguyen Hong Dien"
            // is "Nguyen Hong Dien"; "Abbas Badakhshan Zohouri" stays whole).
            if starts.len() >= 3 {
                let third = starts[starts.len() - 3];
                let run_starts_at_title =
                    third == rs && rs > 0 && mention_at(mentions, rs - 1).is_some();
                if toks[third].cyrillic && !self.ex.gazetteer.knows_word(&toks[third].key)
                    || is_patronymic(&toks[start].key)
                    || !toks[third].cyrillic
                        && !PORTFOLIO_WORDS.contains(&toks[third].key.as_str())
                        && (run_starts_at_title || !self.ex.gazetteer.knows_word(&toks[third].key))
                {
                    start = third;
                }
            }
            let words: Vec<&str> = text[toks[start].range.start..toks[re - 1].range.end]
                .split_whitespace()
                .collect();
            let label = if toks[start].cyrillic {
                // The case shows on the title's first word: "министром торговли",
                // "Чрезвычайного и Полномочного Посла". Where the article also
                // has the name in another form ("Тинем" ... "Тинь"), that wins.
                let title = (r.start..r.end)
                    .map(|k| &text[toks[k].range.clone()])
                    .find(|w| ru_case(w).is_some())
                    .unwrap_or("");
                let base = ru_name_base(&words, title);
                self.attested_form(&base)
            } else {
                words.join(" ")
            };
            let lang = token_lang(&toks[start]);
            let pe = self.new_entity(&label, Class::Person, lang);
            self.alias_last_name(pe);
            insert_mention(
                mentions,
                Mention {
                    start,
                    end: re,
                    kind: MentionKind::Entity(Kind::Person),
                    entity: Some(pe),
                },
            );
            Some(pe)
        } else if let Some((rs, re)) = name_run.filter(|(s, e)| e - s == 1) {
            self.aliases.get(&toks[rs].key).copied().filter(|&e| {
                let _ = re;
                self.entities[e].class == Class::Person
            })
        } else {
            None
        };
        let Some(p) = person else { return };
        self.holds_title(p, role, qualifier, index, "title before name");
    }

    /// The article's main pair: its two most-mentioned countries (names and
    /// demonyms), first mention breaking ties.
    pub fn main_countries(&self) -> Vec<usize> {
        let mut counts: HashMap<usize, (usize, usize)> = HashMap::default();
        let mut order = 0;
        for sent in &self.sentences {
            for m in &sent.mentions {
                let Some(e) = m.entity else { continue };
                if matches!(
                    m.kind,
                    MentionKind::Entity(Kind::Country) | MentionKind::Demonym
                ) && self.entities[e].class == Class::Country
                {
                    order += 1;
                    counts.entry(e).or_insert((0, order)).0 += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, (usize, usize))> = counts.into_iter().collect();
        ranked.sort_by_key(|(_, (n, first))| (std::cmp::Reverse(*n), *first));
        ranked.into_iter().take(2).map(|(e, _)| e).collect()
    }

    /// "Bilateral cooperation", "the two countries' partnership", "Kazakh-Chinese
    /// relations", "азербайджано-российского сотрудничества", or cooperation
    /// in a sentence naming both: the article's two main countries cooperate.
    /// Stated once per article, with the first such sentence as evidence.
    pub fn bilateral_cooperation(&self, facts: &mut Vec<Fact>) {
        let main = self.main_countries();
        if main.len() < 2 {
            return;
        }
        for (i, sent) in self.sentences.iter().enumerate() {
            // Token keys are lowercase: look for the phrases in them.
            let lower: String = sent
                .tokens
                .iter()
                .map(|t| t.key.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let named = |e: usize| sent.mentions.iter().any(|m| m.entity == Some(e));
            let both_named = named(main[0]) && named(main[1]);
            // "Kazakh-Chinese", "азербайджано-российского": a hyphenated pair.
            let pair = sent.mentions.windows(2).any(|w| {
                w[0].end + 1 == w[1].start
                    && sent.tokens[w[0].end].key == "-"
                    && w.iter()
                        .all(|m| m.entity.is_some_and(|e| main.contains(&e)))
            }) || sent
                .tokens
                .windows(2)
                .any(|w| w[1].key == "-" && w[0].key.ends_with('о') && w[0].cyrillic)
                && both_named;
            let cooperation = COOPERATION_WORDS.iter().any(|w| {
                lower
                    .split(' ')
                    .any(|t| t.starts_with(w) && (w.len() > 6 || t.len() <= w.len() + 4))
            });
            if BILATERAL_PHRASES.is_match(&lower)
                || cooperation && (both_named || pair || TWO_COUNTRIES.is_match(&lower))
            {
                facts.push(Fact {
                    subject: main[0],
                    predicate: Predicate::PartnersWith,
                    object: Object::Entity(main[1]),
                    sentence: i,
                    via: "bilateral cooperation".into(),
                });
                return;
            }
        }
    }

    /// Known people the gazetteer gives a country (leaders, ministers) are
    /// officials of it when the article names them and states no other
    /// affiliation; the first sentence naming them is the evidence.
    ///
    /// Likewise known companies and agencies take `country` (news media are
    /// sources here, not parties).
    pub fn known_officials(&self, facts: &mut Vec<Fact>) {
        for (e, entity) in self.entities.iter().enumerate() {
            let predicate = match entity.class.kind() {
                Kind::Person => Predicate::OfficialOf,
                Kind::Org
                    if !matches!(
                        entity.class,
                        Class::InternationalOrganization | Class::MediaOutlet
                    ) =>
                {
                    Predicate::Country
                }
                _ => continue,
            };
            if facts
                .iter()
                .any(|f| f.subject == e && f.predicate == predicate)
            {
                continue;
            }
            let Some(country) = self
                .ex
                .gazetteer
                .id(&entity.slug)
                .and_then(|g| self.ex.gazetteer.entities[g].country)
            else {
                continue;
            };
            let country_id = &self.ex.gazetteer.entities[country].id;
            let Some(&c) = self.by_slug.get(country_id) else {
                // The country itself is not in the article: it is stated nowhere.
                continue;
            };
            // A person's office is stated by naming them; an organisation's
            // country only where a sentence names both ("Russian companies
            // Gazprom and KAMAZ").
            let Some(sentence) = self.sentences.iter().position(|s| {
                s.mentions.iter().any(|m| m.entity == Some(e))
                    && (predicate == Predicate::OfficialOf
                        || s.mentions.iter().any(|m| m.entity == Some(c)))
            }) else {
                continue;
            };
            facts.push(Fact {
                subject: e,
                predicate,
                object: Object::Entity(c),
                sentence,
                via: "known country".into(),
            });
        }
    }

    /// "NAME, [the] [Country's|Demonym] [words] TITLE [of Country]".
    fn appositive_title(
        &mut self,
        index: usize,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        r: Mention,
        role: Role,
    ) {
        // Walk back from the title to the comma after the name.
        let mut k = r.start;
        let mut qualifier: Option<usize> = None;
        let mut steps = 0;
        while k > 0 && steps < 6 {
            let p = &toks[k - 1];
            if p.key == "," {
                break;
            }
            if let Some(m) = mentions.iter().find(|m| m.end == k).copied() {
                if matches!(
                    m.kind,
                    MentionKind::Entity(Kind::Country)
                        | MentionKind::Demonym
                        | MentionKind::Entity(Kind::Place)
                        | MentionKind::Entity(Kind::Org)
                ) {
                    qualifier = qualifier.or(m.entity);
                    k = m.start;
                    steps += 1;
                    continue;
                }
                return;
            }
            if p.kind == TokenKind::Word && !p.cap || p.key == "'s" {
                k -= 1;
                steps += 1;
                continue;
            }
            return;
        }
        if k < 2 || toks[k - 1].key != "," {
            return;
        }
        let comma = k - 1;
        // The name before the comma: a person mention or two or three name words.
        let person = if let Some(m) = mentions
            .iter()
            .find(|m| m.end == comma && m.kind == MentionKind::Entity(Kind::Person))
        {
            m.entity
        } else {
            let mut s0 = comma;
            while s0 > 0
                && comma - s0 < 3
                && is_name_word(&toks[s0 - 1])
                && mention_at(mentions, s0 - 1).is_none()
            {
                s0 -= 1;
            }
            if comma - s0 < 2 || STOP_CAPS.contains(&toks[s0].key.as_str()) {
                return;
            }
            let label = &text[toks[s0].range.start..toks[comma - 1].range.end];
            let lang = token_lang(&toks[s0]);
            let pe = self.new_entity(label, Class::Person, lang);
            if self.entities[pe].class != Class::Person {
                return;
            }
            self.alias_last_name(pe);
            insert_mention(
                mentions,
                Mention {
                    start: s0,
                    end: comma,
                    kind: MentionKind::Entity(Kind::Person),
                    entity: Some(pe),
                },
            );
            Some(pe)
        };
        let Some(p) = person else { return };
        // "of Uzbekistan" after the title.
        if qualifier.is_none() {
            let mut j = r.end;
            while j < toks.len() && j < r.end + 6 {
                if let Some(m) = mention_at(mentions, j).copied() {
                    if matches!(
                        m.kind,
                        MentionKind::Entity(Kind::Country)
                            | MentionKind::Entity(Kind::Place)
                            | MentionKind::Entity(Kind::Org)
                    ) && (toks[j - 1].key == "of"
                        || toks[j - 1].key == "the" && j >= 2 && toks[j - 2].key == "of")
                    {
                        qualifier = m.entity;
                    }
                    break;
                }
                if toks[j].kind == TokenKind::Word && !toks[j].cap || toks[j].key == "of" {
                    j += 1;
                    continue;
                }
                break;
            }
        }
        self.holds_title(p, role, qualifier, index, "title after name");
    }

    /// Person `p` holds `role`, of `qualifier` where stated: `hasRole`, and
    /// `officialOf` the qualifier (for experts, `country` when it is a country).
    fn holds_title(
        &mut self,
        p: usize,
        role: Role,
        qualifier: Option<usize>,
        index: usize,
        via: &str,
    ) {
        self.role_holders.retain(|(r, _)| *r != role);
        self.role_holders.push((role, p));
        if role != Role::Official {
            self.fact(p, Predicate::HasRole, Object::Role(role), index, via);
        }
        let Some(q) = qualifier.filter(|&q| q != p) else {
            return;
        };
        if role != Role::Expert {
            self.fact(p, Predicate::OfficialOf, Object::Entity(q), index, via);
        } else if self.entity_kind(q) == Kind::Country {
            self.fact(p, Predicate::Country, Object::Entity(q), index, via);
        }
    }

    /// A de-inflected Russian name as the article itself spells it: each word
    /// is tried as given, and with a final "ь", "й" or "а"; the first spelling
    /// found as a whole word in the article is kept.
    fn attested_form(&self, name: &str) -> String {
        let text = &self.article.text;
        let occurs = |w: &str| {
            text.match_indices(w).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + w.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
        };
        name.split(' ')
            .map(|w| {
                if occurs(w) {
                    return w.to_string();
                }
                ["ь", "й", "а"]
                    .iter()
                    .map(|e| format!("{w}{e}"))
                    .find(|c| occurs(c))
                    .unwrap_or_else(|| w.to_string())
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Moves the entity table and construction facts into the extraction.
    pub fn finish(&mut self, ex: &mut Extraction) {
        ex.entities = self.entities.clone();
        ex.facts.append(&mut self.facts);
    }
}

/// After a comma at `comma`: "Cap [Cap] , Cap [Cap] and Cap [Cap]", the
/// rest of a list of portfolios, within a dozen tokens.
fn portfolio_list_follows(toks: &[Token], comma: usize) -> bool {
    let mut k = comma + 1;
    let limit = (comma + 14).min(toks.len());
    let mut words = 0;
    while k < limit {
        let t = &toks[k];
        if t.kind == TokenKind::Word && t.cap {
            words += 1;
        } else if t.key == "," && words > 0 {
            words = 0;
        } else if t.key == "and" && words > 0 {
            return toks
                .get(k + 1)
                .is_some_and(|n| n.cap && n.kind == TokenKind::Word);
        } else {
            return false;
        }
        k += 1;
    }
    false
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

fn insert_mention(mentions: &mut Vec<Mention>, m: Mention) {
    mentions.retain(|x| x.end <= m.start || x.start >= m.end);
    let pos = mentions
        .iter()
        .position(|x| x.start > m.start)
        .unwrap_or(mentions.len());
    mentions.insert(pos, m);
}

/// Phrases that state cooperation between the two countries an article is about.
const BILATERAL: &[&str] = &[
    "bilateral cooperation",
    "bilateral relations",
    "bilateral ties",
    "strategic partnership",
    "cooperation between the two countries",
    "cooperation between our countries",
    "partnership between the two countries",
    "the two countries cooperate",
    "двустороннего сотрудничества",
    "двустороннее сотрудничество",
    "двустороннем сотрудничестве",
    "двусторонних отношений",
    "двусторонние отношения",
    "стратегического партнерства",
    "стратегическое партнерство",
    "сотрудничества между двумя странами",
    "сотрудничество между двумя странами",
    "сотрудничества двух стран",
];

/// Word beginnings of cooperation between two parties.
const COOPERATION_WORDS: &[&str] = &[
    "cooperation",
    "co-operation",
    "partnership",
    "relations",
    "ties",
    "collaboration",
    "сотрудничеств",
    "партнерств",
    "отношени",
    "взаимодействи",
];

/// The two parties named together: "the two countries", "both sides".
const TWO_PARTIES: &[&str] = &[
    "two countries",
    "both countries",
    "our countries",
    "two states",
    "both states",
    "two nations",
    "both sides",
    "two sides",
    "двух стран",
    "двумя странами",
    "обеих стран",
    "наших стран",
    "двух государств",
    "двумя государствами",
    "сторон",
];

static TWO_COUNTRIES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(TWO_PARTIES).expect("static phrases")
    });

static BILATERAL_PHRASES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(BILATERAL.iter().map(|p| p.replace('ё', "е")))
            .expect("static phrases")
    });

/// Russian region nouns: stem, nominative, feminine.
const REGION_NOUNS: &[(&str, &str, bool)] = &[
    ("област", "область", true),
    ("кра", "край", false),
    ("округ", "округ", false),
    ("район", "район", false),
];

/// Russian facility nouns after adjectives: stem, nominative (masculine nouns).
const RU_FACILITIES: &[(&str, &str)] = &[
    ("завод", "завод"),
    ("комбинат", "комбинат"),
    ("холдинг", "холдинг"),
    ("концерн", "концерн"),
];

/// Russian institution heads: stem of the inflected word, nominative.
const RU_INSTITUTIONS: &[(&str, &str)] = &[
    ("министерств", "Министерство"),
    ("агентств", "Агентство"),
    ("ведомств", "Ведомство"),
    ("комитет", "Комитет"),
    ("служб", "Служба"),
    ("палат", "Палата"),
    ("администраци", "Администрация"),
    ("правительств", "Правительство"),
    ("управлени", "Управление"),
];

/// Nominative singular of a Russian adjective in any case: "Оренбургской"
/// -> "Оренбургская" (feminine) or "Краснодарского" -> "Краснодарский".
fn ru_adjective_nominative(word: &str, feminine: bool) -> Option<String> {
    const ENDINGS: &[&str] = &[
        "ого", "его", "ому", "ему", "ой", "ей", "ая", "яя", "ую", "юю", "ий", "ый", "ом", "ем",
        "ым", "им",
    ];
    let e = ENDINGS
        .iter()
        .find(|e| word.ends_with(*e) && word.chars().count() > e.chars().count() + 2)?;
    let stem = &word[..word.len() - e.len()];
    let soft = matches!(*e, "его" | "ему" | "ей" | "яя" | "юю" | "ем" | "им");
    let velar = stem.ends_with(['к', 'г', 'х', 'ж', 'ш', 'ч', 'щ']);
    Some(if feminine {
        format!("{stem}{}", if soft { "яя" } else { "ая" })
    } else {
        format!("{stem}{}", if soft || velar { "ий" } else { "ый" })
    })
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

/// Nominative form of a Russian masculine name after a title in an oblique
/// case: "президентом ... Ильхамом Алиевым" -> "Ильхам Алиев".
/// The grammatical case a Russian title word shows by its ending, if any.
fn ru_case(word: &str) -> Option<&'static str> {
    let t = word.to_lowercase();
    if t.chars().count() < 3
        || !t
            .chars()
            .all(|c| c == '-' || ('\u{0400}'..='\u{04FF}').contains(&c))
    {
        return None;
    }
    if t.ends_with("ом") || t.ends_with("ем") || t.ends_with("ым") || t.ends_with("им") {
        Some("ins")
    } else if t.ends_with('а') || t.ends_with('я') || t.ends_with("ого") || t.ends_with("его")
    {
        Some("gen")
    } else if t.ends_with('у') || t.ends_with('ю') || t.ends_with("ому") || t.ends_with("ему")
    {
        Some("dat")
    } else if t.ends_with('е') {
        Some("loc")
    } else {
        None
    }
}

pub fn ru_name_base(words: &[&str], title: &str) -> String {
    let Some(case) = ru_case(title) else {
        return words.join(" ");
    };
    words
        .iter()
        .map(|w| {
            let endings: &[(&str, &str)] = match case {
                "ins" => &[
                    ("ым", ""),
                    ("ом", ""),
                    ("ем", ""),
                    ("аем", "ай"),
                    ("еем", "ей"),
                    ("ием", "ий"),
                ],
                "gen" => &[
                    ("а", ""),
                    ("я", "й"),
                    ("ия", "ий"),
                    ("ея", "ей"),
                    ("у", "а"),
                    ("ю", "я"),
                ],
                "dat" => &[("у", ""), ("ю", "й"), ("ию", "ий")],
                _ => &[("е", ""), ("ии", "ий")],
            };
            let best = endings
                .iter()
                .filter(|(e, _)| w.ends_with(e) && w.chars().count() > e.chars().count() + 2)
                .max_by_key(|(e, _)| e.len());
            match best {
                Some((e, r)) => format!("{}{}", &w[..w.len() - e.len()], r),
                None => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_adjectives_to_nominative() {
        assert_eq!(
            ru_adjective_nominative("Оренбургской", true).as_deref(),
            Some("Оренбургская")
        );
        assert_eq!(
            ru_adjective_nominative("Джизакской", true).as_deref(),
            Some("Джизакская")
        );
        assert_eq!(
            ru_adjective_nominative("Краснодарского", false).as_deref(),
            Some("Краснодарский")
        );
        assert_eq!(ru_adjective_nominative("Ok", true), None);
    }

    #[test]
    fn russian_names_to_nominative() {
        assert_eq!(
            ru_name_base(&["Ильхамом", "Алиевым"], "президентом"),
            "Ильхам Алиев"
        );
        assert_eq!(
            ru_name_base(&["Николая", "Пацкевича"], "посла"),
            "Николай Пацкевич"
        );
        assert_eq!(
            ru_name_base(&["Николай", "Пацкевич"], "посол"),
            "Николай Пацкевич"
        );
        assert_eq!(
            ru_name_base(&["Алексеем", "Оверчуком"], "вице-премьером"),
            "Алексей Оверчук"
        );
    }
}
