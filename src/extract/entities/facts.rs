//! Article-level facts, stated once the sentences are analysed: the
//! article's two main countries, their bilateral cooperation, and the
//! countries of known officials and companies.
//!
//! Reads the finished entity table and sentences; no I/O, no RDF, and it
//! adds no entities or mentions.

use super::signing::{
    counted_agreements, pair_is_signer, participle, passive_signing, witnessed_signing, DOCUMENTS,
    OF_THE_PAIR, SIGNING, TWO_PARTIES,
};
use super::{Document, MentionKind};
use crate::extract::{Class, Fact, Kind, Object, Predicate};
use rustc_hash::FxHashMap as HashMap;

/// Whether a fact of `predicate` already joins the two sides in `main`.
pub(super) fn pair_stated(facts: &[Fact], main: &[usize], predicate: Predicate) -> bool {
    facts.iter().any(|f| {
        f.predicate == predicate
            && main.contains(&f.subject)
            && matches!(f.object, Object::Entity(o) if main.contains(&o) && o != f.subject)
    })
}

impl<'a> Document<'a> {
    /// The countries the facts give `e` by `predicate` (`officialOf` of a
    /// person, `country` of a body).
    pub(super) fn stated_countries<'f>(
        &'f self,
        facts: &'f [Fact],
        e: usize,
        predicate: Predicate,
    ) -> impl Iterator<Item = usize> + 'f {
        facts.iter().filter_map(move |f| match f.object {
            Object::Entity(c)
                if f.subject == e
                    && f.predicate == predicate
                    && self.entities[c].class == Class::Country =>
            {
                Some(c)
            }
            _ => None,
        })
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

    /// The sides of the article's cooperation and signing: its two main
    /// countries, or, where it names one country only, that country and
    /// the region it names most, at least twice ("Астраханская область" and
    /// Iran), where the gazetteer puts the region in another country.
    pub fn main_parties(&self) -> Vec<usize> {
        let mut main = self.main_countries();
        if main.len() != 1 {
            return main;
        }
        let country = self.entities[main[0]].slug.as_str();
        let mut counts: HashMap<usize, (usize, usize)> = HashMap::default();
        let mut order = 0;
        for m in self.sentences.iter().flat_map(|s| &s.mentions) {
            let Some(e) = m.entity else { continue };
            if self.entities[e].class == Class::Region
                && self.gazetteer_country(e).is_some_and(|c| c != country)
            {
                order += 1;
                counts.entry(e).or_insert((0, order)).0 += 1;
            }
        }
        let best = counts
            .into_iter()
            .filter(|(_, (n, _))| *n >= 2)
            .min_by_key(|(_, (n, first))| (std::cmp::Reverse(*n), *first));
        main.extend(best.map(|(e, _)| e));
        main
    }

    /// "Bilateral cooperation", "the two countries' partnership", "Kazakh-Chinese
    /// relations", "азербайджано-российского сотрудничества", or cooperation
    /// in a sentence naming both: the article's two main countries cooperate.
    /// Stated once per article, with the first such sentence as evidence.
    pub fn bilateral_cooperation(&self, facts: &mut Vec<Fact>) {
        let main = self.main_parties();
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
            // A joint body named by a pair ("Азербайджано-Иранская
            // государственная комиссия по сотрудничеству") names the pair.
            let pair = names_pair(sent, &main)
                || sent.mentions.iter().any(|m| {
                    m.entity.is_some_and(|e| {
                        let body = &self.entities[e];
                        body.class == Class::Commission
                            && body.labels[0]
                                .0
                                .split(' ')
                                .next()
                                .is_some_and(|w| w.contains('-'))
                    })
                });
            let cooperation = COOPERATION_WORDS.iter().any(|w| {
                lower
                    .split(' ')
                    .any(|t| t.starts_with(w) && (w.len() > 6 || t.len() <= w.len() + 4))
            });
            // "Our" or mutual cooperation in an article about the pair:
            // "Потенциал нашего сотрудничества" (one side named alone says
            // nothing: "Uzbekistan values its relations with neighbours").
            let ours = lower
                .split(' ')
                .any(|t| OURS.contains(&t) || t.starts_with("взаимн"));
            if BILATERAL_PHRASES.is_match(&lower)
                || cooperation && (both_named || pair || ours || TWO_COUNTRIES.is_match(&lower))
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

    /// "Bilateral documents were signed", "the two countries signed 34
    /// agreements", "соглашение между правительствами двух стран подписано",
    /// or documents signed at the pair's forum: the article's two main
    /// countries signed an agreement. Stated once, from the first sentence.
    pub fn bilateral_agreements(&self, facts: &mut Vec<Fact>) {
        let main = self.main_parties();
        if main.len() < 2 || pair_stated(facts, &main, Predicate::SignedAgreementWith) {
            return;
        }
        for (i, sent) in self.sentences.iter().enumerate() {
            let words: Vec<&str> = sent.tokens.iter().map(|t| t.key.as_str()).collect();
            let has = |list: &[&str]| words.iter().any(|w| list.iter().any(|p| w.starts_with(p)));
            // A plan stated before the signing ("will sign", "планируется
            // подписать") says no document was signed; one after it ("the
            // agreement we signed today will help") does not take it back.
            let first_signing = words.iter().position(|w| {
                SIGNING.iter().any(|p| w.starts_with(p)) || participle(w, "заключен")
            });
            let agreements_counted = counted_agreements(&words);
            let witnessed = witnessed_signing(&words);
            let Some(signed_at) = first_signing.or(agreements_counted).or(witnessed) else {
                continue;
            };
            if !has(DOCUMENTS)
                || words[..signed_at].iter().any(|w| {
                    PLANNED
                        .iter()
                        .any(|p| w.starts_with(p) && (p.len() > 4 || w == p))
                })
            {
                continue;
            }
            let lower = words.join(" ");
            let countries: Vec<usize> = sent
                .mentions
                .iter()
                .filter(|m| {
                    m.kind == MentionKind::Entity(Kind::Country) || m.kind == MentionKind::Demonym
                })
                .filter_map(|m| m.entity)
                .filter(|&e| self.entities[e].class == Class::Country)
                .collect();
            // Signed by the countries themselves: where a person, an
            // organisation or a region signs, the parties are theirs, not the countries.
            let signers = sent.mentions.iter().any(|m| {
                matches!(
                    m.kind,
                    MentionKind::Entity(Kind::Person) | MentionKind::Entity(Kind::Org)
                ) || matches!(m.kind, MentionKind::Role(_))
                    || m.entity
                        .is_some_and(|e| self.entities[e].class == Class::Region)
            });
            let pair_only = countries.iter().all(|e| main.contains(e));
            let only_pair = !signers && pair_only;
            let both_named = main.iter().all(|e| countries.contains(e));
            // "The two countries signed four memoranda", "мы подписали":
            // the pair itself signs, whoever else the sentence names.
            let pair_signs = pair_only && pair_is_signer(&words);
            // "15 documents were signed during the visit": signed with no
            // party named, by no organisation or region.
            let parties_named = sent.mentions.iter().any(|m| {
                m.kind == MentionKind::Entity(Kind::Org)
                    || m.entity
                        .is_some_and(|e| self.entities[e].class == Class::Region)
            });
            let agentless = pair_only && !parties_named && passive_signing(&words);
            // "Relations rest on over 40 interstate agreements": documents the
            // pair has, counted, with no one else named as a party.
            let counted = pair_only && !parties_named && agreements_counted.is_some();
            // "The two leaders witnessed the signing of two agreements": the
            // pair's documents, signed by no one the sentence names.
            let witnessed = pair_only && !parties_named && witnessed.is_some();
            if pair_signs
                || agentless
                || counted
                || witnessed
                || only_pair
                    && (has(OF_THE_PAIR)
                        || TWO_COUNTRIES.is_match(&lower)
                        || names_pair(sent, &main)
                        || both_named)
            {
                facts.push(Fact {
                    subject: main[0],
                    predicate: Predicate::SignedAgreementWith,
                    object: Object::Entity(main[1]),
                    sentence: i,
                    via: "bilateral documents signed".into(),
                });
                return;
            }
        }
    }

    /// Known people the gazetteer gives a country (leaders, ministers) or,
    /// for regional heads, a region are officials of it when the article
    /// names them and states no other affiliation; the first sentence naming
    /// them is the evidence.
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
            let Some(known) = self
                .ex
                .gazetteer
                .id(&entity.slug)
                .map(|g| &self.ex.gazetteer.entities[g])
            else {
                continue;
            };
            // A regional head serves the region the gazetteer places them
            // in, not the country.
            let serves = match predicate {
                Predicate::OfficialOf => known.located_in.or(known.country),
                _ => known.country,
            };
            let Some(country) = serves else {
                continue;
            };
            let country_id = &self.ex.gazetteer.entities[country].id;
            let Some(&c) = self.by_slug.get(country_id) else {
                // The country itself is not in the article: it is stated nowhere.
                continue;
            };
            // Naming a known person or company in an article that names its
            // country states the tie; the evidence is the first sentence
            // naming both, else the first naming the entity.
            let names =
                |s: &super::SentenceInfo, x: usize| s.mentions.iter().any(|m| m.entity == Some(x));
            let Some(sentence) = self
                .sentences
                .iter()
                .position(|s| names(s, e) && names(s, c))
                .or_else(|| self.sentences.iter().position(|s| names(s, e)))
            else {
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
}

/// Whether a sentence names the pair hyphenated: "Kazakh-Chinese",
/// "азербайджано-российского" (a compound whose second half is a main
/// country's demonym, the first a stem in "-о").
fn names_pair(sent: &super::SentenceInfo, main: &[usize]) -> bool {
    sent.mentions.windows(2).any(|w| {
        w[0].end + 1 == w[1].start
            && sent.tokens[w[0].end].key == "-"
            && w.iter()
                .all(|m| m.entity.is_some_and(|e| main.contains(&e)))
    }) || (0..sent.tokens.len().saturating_sub(2)).any(|k| {
        let t = &sent.tokens;
        t[k].cyrillic
            && t[k].key.ends_with('о')
            && t[k + 1].key == "-"
            && sent
                .mentions
                .iter()
                .any(|m| m.start == k + 2 && m.entity.is_some_and(|e| main.contains(&e)))
    })
}

const PLANNED: &[&str] = &[
    "will",
    "would",
    "plan",
    "plans",
    "planned",
    "expected",
    "intend",
    "ready",
    "планиру",
    "будет",
    "будут",
    "намерен",
    "предстоит",
    "ожидается",
    "готов",
    "могут",
    "может",
    "предусматрива",
];

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

/// "Our" and "mutual" in the genre's two languages.
const OURS: &[&str] = &[
    "our",
    "mutual",
    "наш",
    "наше",
    "нашего",
    "нашей",
    "наши",
    "наших",
    "нашим",
    "нашему",
    "нашу",
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
