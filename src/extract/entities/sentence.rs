//! One sentence of the article: [`Document::add_sentence`] finds its
//! mentions (gazetteer matches, metadata names, named runs, quoted Russian
//! company names, acronyms, surnames, demonyms, role words) and runs the
//! constructions of the sibling modules over them, in order.
//!
//! Only orchestration over the entity table: no I/O, no RDF, and no
//! relation rules or figures (those run on the finished sentences).

use super::names::{is_en_org_head, names_a_thing, RU_ORG_HEADS, SPEECH, STOP_CAPS};
use super::{
    absorbable, insert_mention, is_name_word, mention_at, token_lang, Document, Mention,
    MentionKind, SentenceInfo,
};
use crate::extract::gazetteer::Target;
use crate::extract::text::{tokenize, Token, TokenKind};
use crate::extract::{Class, Kind, Object, Predicate, Role};
use crate::ingest::Lang;

impl<'a> Document<'a> {
    /// Analyses one sentence: mentions, new entities, title constructions.
    pub fn add_sentence(&mut self, index: usize, text: &str) {
        // "the minister" refers to a minister named before this sentence.
        let holders_before = self.role_holders.clone();
        let toks = tokenize(text);
        let n = toks.len();
        let mut mentions: Vec<Mention> = Vec::new();
        // "долларов США", "долл. США", "US dollars": a currency's country is
        // not a mention.
        let currency = |t: &Token| {
            ["dollar", "доллар", "долл"]
                .iter()
                .any(|w| t.key.starts_with(w))
        };
        let found = self.ex.gazetteer.find(&toks);
        for (k, m) in found.iter().enumerate() {
            // "Минсельхоз Узбекистана": a body the gazetteer places in one
            // country, named with another, is not the known one.
            if let (Target::Entity(g), Some(next)) = (m.target, found.get(k + 1)) {
                let known = &self.ex.gazetteer.entities[g];
                if known.class == Class::GovernmentBody
                    && next.start == m.end
                    && matches!(next.target, Target::Entity(c) | Target::Demonym(c)
                        if self.ex.gazetteer.entities[c].class == Class::Country
                            && known.country.is_some_and(|own| own != c))
                {
                    continue;
                }
            }
            if let Target::Entity(g) = m.target {
                if self.ex.gazetteer.entities[g].class == Class::Country
                    && (m.start > 0 && currency(&toks[m.start - 1])
                        || m.start > 1
                            && toks[m.start - 1].key == "."
                            && currency(&toks[m.start - 2])
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
        self.particle_names(text, &toks, &mut mentions);
        self.subsidiaries(text, &toks, &mut mentions);
        self.russian_institutions(text, &toks, &mut mentions, index);
        self.attributed_sources(text, &toks, &mut mentions, index);
        self.regions_of_cities(text, &toks, &mut mentions, index);
        self.coordinated_regions(text, &toks, &mut mentions, index);
        self.regions_of_country_after(&toks, &mentions, index);
        self.described_places(text, &toks, &mut mentions);
        self.owned_bodies(text, &toks, &mut mentions, index);
        self.diplomatic_missions(text, &toks, &mut mentions, index);
        self.known_surnames(text, &toks, &mut mentions);
        self.given_name_people(text, &toks, &mut mentions);

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
            // A demonym right before a name whose first word is no head of
            // its own may be part of it ("the Nigerian National Petroleum
            // Corporation") or not ("the Russian Federal Corporation for
            // ..."): the name with it is another name of the organisation,
            // and its country (not so for "the Chinese Embassy", "the Kazakh
            // Ministry of Energy").
            let demonym = mentions
                .iter()
                .find(|m| m.kind == MentionKind::Demonym && m.end == start && m.end == m.start + 1)
                .copied()
                .filter(|d| {
                    matches!(
                        class,
                        Class::Company | Class::Organization | Class::GovernmentBody
                    ) && toks[d.start].cap
                        && !toks[start].cyrillic
                        && !names_a_thing(&toks[start].key)
                });
            let label = &text[toks[start].range.start..toks[end - 1].range.end];
            // "the Kazakh Ministry of Energy", "Kazakhstan's Ministry of Energy"
            // and "the Ministry of Energy of Kazakhstan" are one body, named
            // the last way.
            let owned = self.owned_body_label(&toks, &mentions, start, label, class);
            let label = owned.as_deref().unwrap_or(label);
            // Absorbed countries give `country` when there is exactly one.
            let inner: Vec<Mention> = mentions
                .iter()
                .filter(|m| m.start >= start && m.end <= end)
                .copied()
                .collect();
            let e = self.new_entity(label, class, self.lang());
            // The entity's own class: a known name, or a joint commission.
            let class = self.entities[e].class;
            mentions.retain(|m| !(m.start >= start && m.end <= end));
            let countries: Vec<usize> = inner
                .iter()
                .filter(|m| m.kind == MentionKind::Entity(Kind::Country))
                .filter_map(|m| m.entity)
                .collect();
            if let Some(d) = demonym {
                let with = format!("{} {label}", &text[toks[d.start].range.clone()]);
                self.add_alt_label(e, &with, self.lang());
                if let (true, Some(c)) = (countries.is_empty(), d.entity) {
                    self.fact(
                        e,
                        Predicate::Country,
                        Object::Entity(c),
                        index,
                        "demonym before name",
                    );
                }
            }
            // Only organisations have a country; an event named after one
            // ("Kazakhstan-Korea Business Forum") does not.
            // Nor is a news outlet a party ("Uzbekistan News").
            if countries.len() == 1 && class.kind() == Kind::Org && class != Class::MediaOutlet {
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

        self.unnamed_events(text, &toks, &mut mentions);

        // Names after a company word: компания «Амкодор», АО "Узавтосаноат",
        // "potash producer Belaruskali", "rail operator Georgian Railway";
        // after a plural one, each name of a list: "South Korean companies
        // Sejong, EHWA, Yongsan and Motrex".
        let mut next_head = 0;
        for i in 0..n.saturating_sub(1) {
            let t = &toks[i];
            let plural = !t.cyrillic
                && !t.cap
                && t.key
                    .strip_suffix('s')
                    .map(|s| {
                        s.strip_suffix("ie")
                            .map_or(s.to_string(), |s| format!("{s}y"))
                    })
                    .is_some_and(|sg| is_en_org_head(&sg));
            let head = if t.cyrillic {
                RU_ORG_HEADS.iter().any(|h| t.key.starts_with(h))
            } else {
                !t.cap && t.kind == TokenKind::Word && is_en_org_head(&t.key)
                    || t.upper && matches!(t.key.as_str(), "jsc" | "ojsc" | "cjsc" | "pjsc" | "llc")
            };
            if plural && !covered(&mentions, i) && i >= next_head {
                next_head = self.listed_companies(text, &toks, &mut mentions, i + 1);
                continue;
            }
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
                    e = past_glued_hyphens(&toks, e);
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
                e = past_glued_hyphens(&toks, e);
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

        // Russian quoted names standing alone: «Автотор» возобновил.
        self.quoted_companies(text, &toks, &mut mentions);

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

        self.organisation_references(index, &toks, &mut mentions);

        // Titles before names, then titles after names ("Ilia Darchiashvili,
        // Georgia's foreign minister", "Ilkhom Makhkamov, the transport
        // minister of Uzbekistan"); the second pass sees the first's names.
        // A title that names its holder after it is no apposition of the
        // name before it ("at the invitation of X, President of Korea Y").
        let mut titled: Vec<usize> = Vec::new();
        for after_name in [false, true] {
            let roles: Vec<(Mention, Role)> = mentions
                .iter()
                .filter_map(|m| match m.kind {
                    MentionKind::Role(role) => Some((*m, role)),
                    _ => None,
                })
                .collect();
            for (r, role) in roles {
                if after_name {
                    if !titled.contains(&r.start) {
                        self.appositive_title(index, text, &toks, &mut mentions, r, role);
                    }
                } else if self.title_construction(index, text, &toks, &mut mentions, r, role) {
                    titled.push(r.start);
                }
            }
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
        self.plural_titles(index, &toks, &mentions);
        self.resolve_references(index, &toks, &mut mentions, &holders_before);
        self.sentences.push(SentenceInfo {
            text: text.to_string(),
            tokens: toks,
            mentions,
        });
    }
}

/// Past "-Fahr" in "Same Deutz-Fahr": a hyphen glued to the name word before
/// `e` and to a capitalised word after it goes on with the name.
fn past_glued_hyphens(toks: &[Token], mut e: usize) -> usize {
    while e + 1 < toks.len()
        && toks[e].key == "-"
        && toks[e - 1].range.end == toks[e].range.start
        && toks[e].range.end == toks[e + 1].range.start
        && toks[e + 1].kind == TokenKind::Word
        && (toks[e + 1].cap || toks[e + 1].upper)
    {
        e += 2;
    }
    e
}
