//! Extraction: an [`Article`] becomes entities, relations and observations,
//! each traceable to its sentence.
//!
//! Pure: no I/O, no RDF, no store. The data it runs on (gazetteer, role
//! titles, relation rules) lives in `ontology/` and is compiled into the
//! binary; [`Extractor::new`] parses it once. The one file read is the
//! Russian morphology dictionary ([`morphology`]), once, on first use. Stages, in order:
//! [`text`] (sentences, tokens) → [`gazetteer`] (known names, one pass) →
//! [`entities`] (unknown names, titles, one node per real thing) →
//! [`rules`] (the 14 relations) and [`figures`] (money, periods) → `prune`
//! (repeats, impossible facts and entities nothing refers to removed).
//! `entities/` and `figures/` are directories of submodules by concern.

pub mod entities;
pub mod figures;
pub mod gazetteer;
pub mod morphology;
mod prune;
pub mod rules;
pub mod text;

use crate::ingest::{Article, Lang};
use std::fmt;

pub const GAZETTEER_TSV: &str = include_str!("../../ontology/gazetteer.tsv");
pub const ROLES_TSV: &str = include_str!("../../ontology/roles.tsv");
pub const RULES_TXT: &str = include_str!("../../ontology/rules.txt");

macro_rules! names {
    ($(#[$m:meta])* $name:ident { $($v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($v),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            /// The local name in the ontology.
            pub fn local(self) -> &'static str {
                match self { $($name::$v => stringify!($v)),* }
            }
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.local().eq_ignore_ascii_case(s))
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.local()) }
        }
    };
}

names! {
    /// Entity classes of the ontology.
    Class { Country, Region, City, Place, Organization, Company, GovernmentBody,
            InternationalOrganization, MediaOutlet, Person, Event, Commission }
}

names! {
    /// Role individuals, and `Official`: a title that names an office but no
    /// role individual of the schema (mayor, chairman, director general). It
    /// gives `officialOf` and never `hasRole`.
    Role { President, PrimeMinister, DeputyPrimeMinister, Minister, Ambassador, Governor, Expert, Official }
}

/// Relation predicates; `partnersWith` etc. are their ontology local names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Predicate {
    PartnersWith,
    InvestsIn,
    TradesWith,
    SuppliesTo,
    AssemblesProductsOf,
    MemberOf,
    LocatedIn,
    Country,
    OfficialOf,
    HasRole,
    MetWith,
    Visited,
    SignedAgreementWith,
    ParticipatedIn,
}

impl Predicate {
    pub const ALL: &'static [Predicate] = &[
        Predicate::PartnersWith,
        Predicate::InvestsIn,
        Predicate::TradesWith,
        Predicate::SuppliesTo,
        Predicate::AssemblesProductsOf,
        Predicate::MemberOf,
        Predicate::LocatedIn,
        Predicate::Country,
        Predicate::OfficialOf,
        Predicate::HasRole,
        Predicate::MetWith,
        Predicate::Visited,
        Predicate::SignedAgreementWith,
        Predicate::ParticipatedIn,
    ];

    pub fn local(self) -> &'static str {
        match self {
            Predicate::PartnersWith => "partnersWith",
            Predicate::InvestsIn => "investsIn",
            Predicate::TradesWith => "tradesWith",
            Predicate::SuppliesTo => "suppliesTo",
            Predicate::AssemblesProductsOf => "assemblesProductsOf",
            Predicate::MemberOf => "memberOf",
            Predicate::LocatedIn => "locatedIn",
            Predicate::Country => "country",
            Predicate::OfficialOf => "officialOf",
            Predicate::HasRole => "hasRole",
            Predicate::MetWith => "metWith",
            Predicate::Visited => "visited",
            Predicate::SignedAgreementWith => "signedAgreementWith",
            Predicate::ParticipatedIn => "participatedIn",
        }
    }

    pub fn parse(s: &str) -> Option<Predicate> {
        Self::ALL.iter().copied().find(|p| p.local() == s)
    }

    pub fn symmetric(self) -> bool {
        matches!(
            self,
            Predicate::PartnersWith
                | Predicate::TradesWith
                | Predicate::MetWith
                | Predicate::SignedAgreementWith
        )
    }
}

impl fmt::Display for Predicate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.local())
    }
}

/// Coarse kind of an entity, as rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    Place,
    Org,
    Person,
    Event,
}

impl Class {
    pub fn kind(self) -> Kind {
        match self {
            Class::Country => Kind::Country,
            Class::Region | Class::City | Class::Place => Kind::Place,
            Class::Person => Kind::Person,
            Class::Event | Class::Commission => Kind::Event,
            _ => Kind::Org,
        }
    }

    /// The broader classes written beside this one, for readers that do not
    /// reason over the ontology: a joint commission is a government body
    /// whose sessions are events.
    pub fn broader(self) -> &'static [Class] {
        match self {
            Class::Commission => &[Class::GovernmentBody, Class::Event],
            _ => &[],
        }
    }
}

/// An entity found in the article.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// IRI slug: the gazetteer id, or the slug of the base-form label.
    pub slug: String,
    pub class: Class,
    /// Labels with their language; the first is the preferred one.
    pub labels: Vec<(String, Lang)>,
    /// Other names the article gives it: a name as written where the label
    /// is its base form ("Рашидом"), with a leading demonym, an acronym
    /// introduced in brackets (`skos:altLabel`).
    pub alt_labels: Vec<(String, Lang)>,
    pub wikidata: Option<String>,
}

/// The object of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Object {
    Entity(usize),
    Role(Role),
}

/// A relation between entities (indexes into [`Extraction::entities`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub subject: usize,
    pub predicate: Predicate,
    pub object: Object,
    pub sentence: usize,
    /// The rule or construction that produced it.
    pub via: String,
}

names! {
    /// Observation classes.
    ObsKind { TradeTurnover, Investment, Export }
}

names! {
    /// Roles of an entity in an observation (ontology local names, lowercase).
    ObsRole { Party, Investor, Recipient, Exporter, Importer }
}

impl ObsRole {
    pub fn property(self) -> &'static str {
        match self {
            ObsRole::Party => "party",
            ObsRole::Investor => "investor",
            ObsRole::Recipient => "recipient",
            ObsRole::Exporter => "exporter",
            ObsRole::Importer => "importer",
        }
    }
}

/// A figure with its parties, unit and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    pub kind: ObsKind,
    pub parties: Vec<(ObsRole, usize)>,
    /// Whole units as a decimal string ("2500000000").
    pub amount: String,
    pub currency: String,
    pub period: Option<String>,
    pub change_percent: Option<String>,
    pub hedge: Option<String>,
    /// The figure as written.
    pub text: String,
    pub sentence: usize,
}

/// A sentence of the article: character offsets and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub sentences: Vec<SentenceSpan>,
    pub entities: Vec<Entity>,
    pub facts: Vec<Fact>,
    pub observations: Vec<Observation>,
}

/// The loaded extraction data; cheap to share between threads.
pub struct Extractor {
    pub gazetteer: gazetteer::Gazetteer,
    pub rules: rules::RuleSet,
}

/// The shipped data files could not be read (a broken build, not user input).
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(transparent)]
    Gazetteer(#[from] gazetteer::DataError),
    #[error(transparent)]
    Rules(#[from] rules::RuleError),
}

impl Extractor {
    /// Loads the data compiled into the binary from `ontology/`.
    pub fn new() -> Result<Extractor, DataError> {
        Ok(Extractor {
            gazetteer: gazetteer::Gazetteer::load(GAZETTEER_TSV, ROLES_TSV)?,
            rules: rules::RuleSet::parse(RULES_TXT)?,
        })
    }

    /// Extracts one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        self.run(article).0
    }

    /// A readable trace of the extraction: each sentence as the rules see
    /// it (names replaced by slots), then the entities, facts (with the rule
    /// or construction that produced them) and figures.
    pub fn explain(&self, article: &Article) -> String {
        use std::fmt::Write;
        let (ex, sentences) = self.run(article);
        let mut out = String::new();
        let name = |e: usize| ex.entities[e].labels[0].0.clone();
        let _ = writeln!(
            out,
            "# {} ({}, {})",
            article.source,
            article.lang,
            article.date.as_deref().unwrap_or("no date")
        );
        for (i, s) in sentences.iter().enumerate() {
            let _ = writeln!(out, "[{i}] {}", s.text.replace('\n', " "));
            let _ = writeln!(out, "    {}", rules::slot_view(s).trim());
            for m in &s.mentions {
                if let Some(e) = m.entity {
                    let _ = write!(out, "    ⟦{}⟧ ", name(e));
                }
            }
            if s.mentions.iter().any(|m| m.entity.is_some()) {
                let _ = writeln!(out);
            }
            for f in ex.facts.iter().filter(|f| f.sentence == i) {
                let obj = match f.object {
                    Object::Entity(o) => name(o),
                    Object::Role(r) => r.to_string(),
                };
                let _ = writeln!(
                    out,
                    "    => {} {} {}   ({})",
                    name(f.subject),
                    f.predicate,
                    obj,
                    f.via
                );
            }
            for o in ex.observations.iter().filter(|o| o.sentence == i) {
                let parties: Vec<String> = o
                    .parties
                    .iter()
                    .map(|(r, e)| format!("{}={}", r.property(), name(*e)))
                    .collect();
                let _ = writeln!(
                    out,
                    "    => {} {} {} {} period={} change={} hedge={}",
                    o.kind,
                    parties.join(" "),
                    o.amount,
                    o.currency,
                    o.period.as_deref().unwrap_or("-"),
                    o.change_percent.as_deref().unwrap_or("-"),
                    o.hedge.as_deref().unwrap_or("-")
                );
            }
        }
        let _ = writeln!(out, "# entities");
        for e in &ex.entities {
            let labels: Vec<String> = e.labels.iter().map(|(l, g)| format!("{l}@{g}")).collect();
            let _ = writeln!(out, "  {} {} {}", e.slug, e.class, labels.join(" | "));
        }
        out
    }

    fn run(&self, article: &Article) -> (Extraction, Vec<entities::SentenceInfo>) {
        let text = &article.text;
        let spans = text::split_sentences(text);
        let mut ex = Extraction::default();
        let mut doc = entities::Document::new(self, article);
        let mut char_pos = 0usize;
        let mut byte_pos = 0usize;
        for (i, s) in spans.iter().enumerate() {
            char_pos += text[byte_pos..s.bytes.start].chars().count();
            let len = text[s.bytes.clone()].chars().count();
            ex.sentences.push(SentenceSpan {
                start: char_pos,
                end: char_pos + len,
                text: text[s.bytes.clone()].to_string(),
            });
            char_pos += len;
            byte_pos = s.bytes.end;
            doc.add_sentence(i, &text[s.bytes.clone()]);
        }
        doc.finish(&mut ex);
        for (i, sent) in doc.sentences.iter().enumerate() {
            self.rules.apply(sent, i, &mut ex.facts);
        }
        doc.bilateral_cooperation(&mut ex.facts);
        doc.bilateral_agreements(&mut ex.facts);
        doc.known_officials(&mut ex.facts);
        doc.unplaced_officials(&mut ex.facts);
        doc.ministries_of_their_ministers(&mut ex);
        doc.visits_by_venue(&mut ex.facts);
        doc.pair_leaders_meeting(&mut ex.facts);
        figures::extract(&doc, article, &mut ex);
        doc.bilateral_trade(&mut ex.facts);
        prune::dedupe(&mut ex);
        self.drop_implausible_places(&mut ex);
        prune::drop_country_of_international_bodies(&mut ex);
        self.drop_home_visits(&mut ex);
        let mut sentences = doc.sentences;
        prune::drop_unused_entities(&mut ex, &mut sentences, &doc.byline);
        (ex, sentences)
    }
}

impl Extractor {
    /// Keeps `locatedIn` going from smaller to larger: a country is in no
    /// city, region of a country or other country, and a known world area
    /// ("Middle East", "Africa") is stated in no other ("the Middle East,
    /// Africa and Asia" is a list), and two known cities or regions are a
    /// list unless one contains the other (see `known_apart`).
    fn drop_implausible_places(&self, ex: &mut Extraction) {
        let area = |e: &Entity| {
            matches!(e.class, Class::Place | Class::Region)
                && self
                    .gazetteer
                    .id(&e.slug)
                    .is_some_and(|g| self.gazetteer.entities[g].country.is_none())
        };
        let entities = &ex.entities;
        ex.facts.retain(|f| {
            let Object::Entity(o) = f.object else {
                return true;
            };
            if f.predicate != Predicate::LocatedIn {
                return true;
            }
            let (a, b) = (&entities[f.subject], &entities[o]);
            !(area(a) || a.class == Class::Country && !area(b) || self.known_apart(a, b))
        });
    }

    /// Whether the gazetteer knows two cities or regions well enough to say
    /// the first does not lie in the second: "Aghdam, Kalbajar" and "Bac
    /// Giang, Hai Duong" are lists, not a town and its province. The second
    /// must then be none of the first's containing places, and a city, or of
    /// the first's own class, or in another country.
    fn known_apart(&self, a: &Entity, b: &Entity) -> bool {
        let g = &self.gazetteer;
        let (Some(x), Some(y)) = (g.id(&a.slug), g.id(&b.slug)) else {
            return false;
        };
        let (kx, ky) = (&g.entities[x], &g.entities[y]);
        if !matches!(kx.class, Class::City | Class::Region)
            || !matches!(ky.class, Class::City | Class::Region)
            || kx.country.is_none()
            || ky.country.is_none()
        {
            return false;
        }
        let mut up = kx.located_in;
        let mut steps = 0;
        while let Some(u) = up.filter(|_| steps < 8) {
            if u == y {
                return false;
            }
            up = g.entities[u].located_in;
            steps += 1;
        }
        ky.class == Class::City || kx.class == ky.class || kx.country != ky.country
    }
}

impl Extractor {
    /// No one visits the country they are an official of, or a place in it:
    /// "President X, who is on a visit to Y, said in Astana" read the wrong
    /// way round; "the head of the cabinet is in Minsk" resolved to the host.
    /// A trip inside one's own country is dropped too: the schema's visits
    /// are the genre's visits abroad.
    fn drop_home_visits(&self, ex: &mut Extraction) {
        let g = &self.gazetteer;
        let known_country = |e: usize| g.country_of(&ex.entities[e].slug);
        let mut home: std::collections::HashSet<(usize, &str)> = ex
            .facts
            .iter()
            .filter(|f| f.predicate == Predicate::OfficialOf)
            .filter_map(|f| match f.object {
                Object::Entity(c) if ex.entities[c].class == Class::Country => {
                    Some((f.subject, ex.entities[c].slug.as_str()))
                }
                _ => None,
            })
            .collect();
        for (e, entity) in ex.entities.iter().enumerate() {
            if entity.class == Class::Person {
                if let Some(c) = known_country(e) {
                    home.insert((e, c));
                }
            }
        }
        let place_country = |o: usize| -> Option<&str> {
            if ex.entities[o].class == Class::Country {
                Some(ex.entities[o].slug.as_str())
            } else {
                known_country(o)
            }
        };
        let drop: Vec<bool> = ex
            .facts
            .iter()
            .map(|f| {
                let Object::Entity(o) = f.object else {
                    return false;
                };
                f.predicate == Predicate::Visited
                    && ex.entities[f.subject].class.kind() == Kind::Person
                    && (place_country(o).is_some_and(|c| home.contains(&(f.subject, c)))
                        || ex.facts.iter().any(|h| {
                            h.predicate == Predicate::OfficialOf
                                && h.subject == f.subject
                                && h.object == f.object
                        }))
            })
            .collect();
        let mut i = 0;
        ex.facts.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

#[cfg(test)]
mod tests;
