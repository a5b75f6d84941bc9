//! References to people already named: pronouns and bare role words
//! ("he", "the minister", "посол") resolved to the last person or role
//! holder, and counterparts ("his Uzbek counterpart Shavkat Mirziyoyev");
//! and to organisations: "the company", "the Chamber".
//!
//! No I/O, no RDF; only mentions and role facts (a leader's title with its
//! country reads the people and offices of the sentences before).

use super::russian::ru_name_base;
use super::{insert_mention, is_name_word, mention_at, token_lang, Document, Mention, MentionKind};
use crate::extract::text::Token;
use crate::extract::{Class, Kind, Object, Predicate, Role};

/// Lowercase keys of words that refer back to an organisation after "the".
const ORG_REFERENCE_WORDS: &[&str] = &[
    "company",
    "chamber",
    "corporation",
    "group",
    "bank",
    "fund",
    "holding",
    "concern",
    "authority",
    "agency",
    "association",
];

impl<'a> Document<'a> {
    /// "he", "she", "он", "она" refer to the last person named (within the
    /// last two sentences); "the minister", "the expert", "посол" without a
    /// name refer to the last holder of that role.
    pub(super) fn resolve_references(
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
                        let named = title_names_someone(toks, mentions, m.end);
                        // "Президент Казахстана": the one person of that country
                        // first, else the last holder of the title.
                        let by_name = (!named)
                            .then(|| self.leader_of_named_country(toks, mentions, &m, role, index))
                            .flatten();
                        let by_country = by_name.is_some();
                        let holder = by_name
                            .or_else(|| holders.iter().find(|(r, _)| *r == role).map(|&(_, h)| h));
                        if definite && !named || by_country {
                            if let Some(holder) = holder {
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

    /// "The company", "the Chamber": a definite organisation word refers
    /// to the organisation named last (in this sentence before it or in the
    /// two sentences before) whose name has that word, or, for "company",
    /// that is a company: "Head of the Chamber, Luka Burilović" after "the
    /// Croatian Chamber of Economy".
    pub(super) fn organisation_references(
        &self,
        index: usize,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
    ) {
        for i in 1..toks.len() {
            let t = &toks[i];
            if toks[i - 1].key != "the"
                || t.cyrillic
                || !ORG_REFERENCE_WORDS.contains(&t.key.as_str())
                || mention_at(mentions, i).is_some()
                || toks.get(i + 1).is_some_and(|n| n.cap && !n.cyrillic)
            {
                continue;
            }
            let fits = |e: usize| {
                let ent = &self.entities[e];
                ent.class.kind() == Kind::Org
                    && (t.key == "company" && ent.class == Class::Company
                        || ent
                            .labels
                            .iter()
                            .any(|(l, _)| l.split_whitespace().any(|w| w.to_lowercase() == t.key)))
            };
            let earlier = self.sentences[index.saturating_sub(2).min(self.sentences.len())..]
                .iter()
                .flat_map(|s| s.mentions.iter());
            let referent = earlier
                .chain(mentions.iter().filter(|m| m.end <= i))
                .filter_map(|m| m.entity)
                .rfind(|&e| fits(e));
            if let Some(e) = referent {
                insert_mention(
                    mentions,
                    Mention {
                        start: i,
                        end: i + 1,
                        kind: MentionKind::Entity(Kind::Org),
                        entity: Some(e),
                    },
                );
            }
        }
    }

    /// Whether a role has one holder per country (president, prime minister).
    fn leader_role(&self, role: Role) -> bool {
        matches!(role, Role::President | Role::PrimeMinister)
    }

    /// "Президент Казахстана поблагодарил", "the President of Kazakhstan
    /// said": a leader's title with its country and no name is the one
    /// person of that country the article has named, who holds no other
    /// role; that person holds the title.
    fn leader_of_named_country(
        &mut self,
        toks: &[Token],
        mentions: &[Mention],
        m: &Mention,
        role: Role,
        index: usize,
    ) -> Option<usize> {
        // Only where the sentence names no one ("президенты Турции и
        // Кыргызстана" is a plural title, see `plural_titles`).
        if !self.leader_role(role)
            || plural_title(toks, m.start).is_some()
            || mentions
                .iter()
                .any(|x| x.kind == MentionKind::Entity(Kind::Person))
        {
            return None;
        }
        let after = if toks.get(m.end).is_some_and(|t| t.key == "of") {
            m.end + 1
        } else {
            m.end
        };
        let country = mentions
            .iter()
            .find(|x| x.start == after && x.kind == MentionKind::Entity(Kind::Country))
            .and_then(|x| x.entity)?;
        let slug = self.entities[country].slug.clone();
        let serves = |d: &Self, p: usize| {
            d.facts.iter().any(|f| {
                f.subject == p
                    && f.predicate == Predicate::OfficialOf
                    && f.object == Object::Entity(country)
            }) || d.gazetteer_country(p) == Some(slug.as_str())
        };
        // Another role, or an office of a body or region (akim, chairman).
        let other_role = |d: &Self, p: usize| {
            d.facts.iter().any(|f| {
                f.subject == p
                    && (f.predicate == Predicate::HasRole && f.object != Object::Role(role)
                        || f.predicate == Predicate::OfficialOf
                            && matches!(f.object, Object::Entity(o) if d.entities[o].class != Class::Country))
            })
        };
        let named_before = |d: &Self, p: usize| {
            d.sentences
                .iter()
                .any(|s| s.mentions.iter().any(|x| x.entity == Some(p)))
        };
        let candidates: Vec<usize> = (0..self.entities.len())
            .filter(|&p| self.entities[p].class == Class::Person)
            .filter(|&p| named_before(self, p) && serves(self, p) && !other_role(self, p))
            .collect();
        let [p] = candidates[..] else {
            return None;
        };
        self.holds_title(
            p,
            role,
            Some(country),
            index,
            "title with its country, no name",
        );
        Some(p)
    }

    /// "met his Uzbek counterpart Shavkat Mirziyoyev", "с российским коллегой
    /// Алексеем Оверчуком": the counterpart holds the role of the person
    /// named before in the sentence, for the country the demonym names.
    pub(super) fn counterparts(
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
                    self.add_alt_label(p, &words.join(" "), token_lang(&toks[j]));
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

    /// "Presidents Sadyr Japarov and Vladimir Putin", "Президенты России и
    /// Сербии Владимир Путин и Александр Вучич": a plural title gives each
    /// person named after it the role, and, where as many countries as
    /// people qualify it, the country in the same order.
    pub(super) fn plural_titles(&mut self, index: usize, toks: &[Token], mentions: &[Mention]) {
        let n = toks.len();
        for i in 0..n {
            let Some(role) = plural_title(toks, i) else {
                continue;
            };
            let mut countries = Vec::new();
            let mut people = Vec::new();
            let mut j = i + 1;
            if role == Role::PrimeMinister && toks.get(j).is_some_and(|t| t.key == "ministers") {
                j += 1;
            }
            while j < n && j < i + 12 {
                if let Some(m) = mention_at(mentions, j).filter(|m| m.start == j) {
                    match m.kind {
                        MentionKind::Entity(Kind::Country) if people.is_empty() => {
                            countries.extend(m.entity)
                        }
                        MentionKind::Entity(Kind::Person) => people.extend(m.entity),
                        _ => break,
                    }
                    j = m.end;
                    continue;
                }
                if matches!(toks[j].key.as_str(), "and" | "и" | "," | "of") {
                    j += 1;
                    continue;
                }
                break;
            }
            if people.len() < 2 {
                continue;
            }
            let paired = countries.len() == people.len();
            for (k, &p) in people.iter().enumerate() {
                let country = if paired { Some(countries[k]) } else { None };
                self.holds_title(p, role, country, index, "plural title");
            }
        }
    }
}

/// Whether the title ending at `from` goes on to a name: "заместителем
/// Премьер-министра – министром иностранных дел Пакистана Мухаммадом Исхаком
/// Даром". Further titles, the countries and bodies they serve, dashes and
/// unknown name words may come between; a title so followed is the named
/// person's, not a reference to someone named before.
fn title_names_someone(toks: &[Token], mentions: &[Mention], from: usize) -> bool {
    let mut j = from;
    while j < toks.len() && j < from + 10 {
        if let Some(m) = mention_at(mentions, j).filter(|m| m.start == j) {
            match m.kind {
                MentionKind::Entity(Kind::Person) => return true,
                MentionKind::Role(_)
                | MentionKind::Demonym
                | MentionKind::Entity(Kind::Country | Kind::Org | Kind::Place) => {
                    j = m.end;
                    continue;
                }
                _ => return false,
            }
        }
        let t = &toks[j];
        if matches!(t.key.as_str(), "-" | "–" | "—" | "of" | "the") || is_name_word(t) {
            j += 1;
            continue;
        }
        return false;
    }
    false
}

/// The role a plural title gives: "presidents", "президенты", "prime
/// ministers", "премьер-министры", "ministers", "министры".
fn plural_title(toks: &[Token], i: usize) -> Option<Role> {
    let k = toks[i].key.as_str();
    let next = toks.get(i + 1).map(|t| t.key.as_str());
    if k == "presidents"
        || k.starts_with("президент")
            && k != "президент"
            && !k.starts_with("президента")
            && !k.starts_with("президенту")
            && !k.starts_with("президентом")
            && !k.starts_with("президенте")
    {
        return Some(Role::President);
    }
    if k == "prime" && next == Some("ministers") || k == "premiers" {
        return Some(Role::PrimeMinister);
    }
    if k == "ministers" || ["министры", "министров", "министрами"].contains(&k)
    {
        return Some(Role::Minister);
    }
    None
}
