//! Title constructions: titles before names ("Deputy Prime Minister Alexei
//! Overchuk", "посол Белоруссии в Азербайджане Николай Пацкевич"),
//! portfolio words (appositive titles are the `appositions` module's),
//! and `Document::holds_title`, which states `hasRole` and `officialOf`.
//!
//! No I/O, no RDF; facts only through `holds_title`, nothing from the
//! relation rules.

use super::names::names_a_thing;
use super::russian::ru_name_base;
use super::{
    insert_mention, is_name_word, is_patronymic, mention_at, token_lang, Document, Mention,
    MentionKind,
};
use crate::extract::morphology;
use crate::extract::text::{Token, TokenKind};
use crate::extract::{Class, Kind, Object, Predicate, Role};

/// Capitalised words of a portfolio, never the first word of a name.
pub(super) const PORTFOLIO_WORDS: &[&str] = &[
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

impl<'a> Document<'a> {
    /// "Deputy Prime Minister Alexei Overchuk", "Prime Minister of Belarus
    /// Mikhail Myasnikovich", "Azerbaijan's Economy Minister Shahin
    /// Mustafayev", "посол Белоруссии в Азербайджане Николай Пацкевич".
    /// Whether the title found its holder.
    pub(super) fn title_construction(
        &mut self,
        index: usize,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        r: Mention,
        role: Role,
    ) -> bool {
        let n = toks.len();
        // The window after the title: portfolio words ("of Investment, Industry
        // and Trade", "экономики"), qualifiers ("of Belarus", "Белоруссии в
        // Азербайджане") and the name, which ends the window.
        let mut j = r.end;
        let mut qualifier: Option<usize> = None;
        let limit = (r.end + 14).min(n);
        let mut person_mention: Option<usize> = None;
        // Where a place's name began the name run ("Aden Bare Duale").
        let mut place_as_name: Option<usize> = None;
        let mut run: Option<(usize, usize)> = None;
        // After "Iran's": the possessed region or body is what the title is of.
        let mut possessive = false;
        while j < limit {
            if let Some(m) = mention_at(mentions, j).copied() {
                match m.kind {
                    MentionKind::Entity(Kind::Person) => {
                        person_mention = m.entity;
                        break;
                    }
                    // A place's name right after a portfolio word and before
                    // name words is a given name: "Cabinet Secretary for
                    // Defence Aden Bare Duale" (but "mayor of Kazan Ilsur
                    // Metshin": after a connector it is what the title is of).
                    MentionKind::Entity(Kind::Place)
                        if run.is_none_or(|(s, e)| {
                            (s..e).all(|k| PORTFOLIO_WORDS.contains(&toks[k].key.as_str()))
                        }) && m.end == m.start + 1
                            && j > r.end
                            && toks[j - 1].cap
                            && mention_at(mentions, j - 1).is_none()
                            && toks.get(m.end).is_some_and(is_name_word)
                            && mention_at(mentions, m.end).is_none() =>
                    {
                        run = Some((j, j + 1));
                        place_as_name = Some(j);
                        j += 1;
                        continue;
                    }
                    MentionKind::Entity(_) | MentionKind::Demonym => {
                        // "Ambassador to Belarus", "посол ... в Азербайджане":
                        // the place of posting is not whom the person represents.
                        let posted =
                            j > 0 && matches!(toks[j - 1].key.as_str(), "to" | "in" | "в" | "во");
                        if m.kind != MentionKind::Demonym && !posted {
                            qualifier = if possessive {
                                m.entity.or(qualifier)
                            } else {
                                qualifier.or(m.entity)
                            };
                        }
                        possessive = false;
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
            // Initials before a name: "Foreign Minister AK Abdul Momen",
            // "External Affairs Minister S Jaishankar".
            if t.upper
                && t.alpha
                && t.key.chars().count() <= 2
                && run.is_none()
                && toks.get(j + 1).is_some_and(|next| {
                    is_name_word(next)
                        || mention_at(mentions, j + 1)
                            .is_some_and(|m| m.kind == MentionKind::Entity(Kind::Person))
                })
            {
                j += 1;
                continue;
            }
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
            // A short form in brackets after the body: "head of the General
            // Authority for the Suez Canal Economic Zone (SCZone) Walid ...".
            if k == "(" && run.is_none() && qualifier.is_some() {
                if let Some(close) = (j + 2..(j + 4).min(n)).find(|&c| toks[c].key == ")") {
                    j = close + 1;
                    continue;
                }
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
            // "Governor of Iran's East Azerbaijan Province Abedin Khorram".
            if k == "'s" && run.is_none() && qualifier.is_some() {
                possessive = true;
                j += 1;
                continue;
            }
            // Russian portfolio words are lowercase genitives: "министр экономики".
            let ru_portfolio =
                t.cyrillic && !t.cap && j < r.end + 8 && t.kind == TokenKind::Word && run.is_none();
            // English ones in lower case ("minister of state for trade"), and
            // "of the country".
            let en_portfolio = !t.cyrillic
                && !t.cap
                && j < r.end + 8
                && run.is_none()
                && (PORTFOLIO_WORDS.contains(&k) || k == "country" && toks[j - 1].key == "the");
            if connector || ru_portfolio || en_portfolio {
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
                // A comma right after a name of two or more words closes it:
                // "с премьер-министром Кубы Мануэлем Марреро Крусом, Мишустин".
                // A comma closes a name of two words or more, unless the run
                // is the end of the portfolio ("Minister of Economy and
                // Sustainable Development, Genadi Arveladze").
                if k == ","
                    && run.is_some_and(|(s, e)| {
                        e == j
                            && e - s >= 2
                            && !(s > 0
                                && matches!(toks[s - 1].key.as_str(), "of" | "and" | "for")
                                && (s..e).any(|x| PORTFOLIO_WORDS.contains(&toks[x].key.as_str())))
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
                            && (s..e).any(|x| !self.ex.gazetteer.knows_word(&toks[x].key))
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
        // Ambassador to Belarus", "Belarusian expert") takes precedence. In
        // Russian only an adjective qualifies from before ("российский посол");
        // a name before the title belongs to the clause before ("сказал Trend
        // посол Грузии").
        let russian_title = toks[r.start].cyrillic;
        {
            let mut k = r.start;
            let mut steps = 0;
            while k > 0 && steps < 8 {
                let p = &toks[k - 1];
                if let Some(m) = mentions.iter().find(|m| m.end == k) {
                    if m.kind == MentionKind::Demonym
                        || !russian_title
                            && matches!(
                                m.kind,
                                MentionKind::Entity(Kind::Country)
                                    | MentionKind::Entity(Kind::Place)
                                    | MentionKind::Entity(Kind::Org)
                            )
                    {
                        qualifier = m.entity.or(qualifier);
                    }
                    break;
                }
                // A hyphen joins ("Kazakh-Chinese"); a spaced dash ends a
                // dateline ("NEW DELHI — Prime Minister ...").
                let hyphen = p.key == "-" && k >= 2 && p.range.start == toks[k - 2].range.end;
                if p.key == "'s" || (p.cap && p.kind == TokenKind::Word) || p.key == "and" || hyphen
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
                // "the head of the ... Suez Canal Economic Zone (SCZone)": a
                // run ending in a place or body word names no person.
                && !names_a_thing(&toks[e - 1].key)
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
                let run_starts_at_title = third == rs
                    && (rs > 0 && mention_at(mentions, rs - 1).is_some()
                        || place_as_name == Some(rs));
                let third_word = &text[toks[third].range.clone()];
                if toks[third].cyrillic
                    && (!self.ex.gazetteer.knows_word(&toks[third].key)
                        || run_starts_at_title && !morphology::is_common_word(third_word))
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
                // Only the head word counts ("Заместитель председателя" is
                // nominative); the prefix of a compound ("вице-премьером") is not it.
                let title = (r.start..r.end)
                    .find(|&k| {
                        toks[k].kind == TokenKind::Word
                            && !toks
                                .get(k + 1)
                                .is_some_and(|n| n.key == "-" && n.range.start == toks[k].range.end)
                    })
                    .map(|k| &text[toks[k].range.clone()])
                    .unwrap_or("");
                let base = ru_name_base(&words, title);
                self.attested_form(&base)
            } else {
                words.join(" ")
            };
            let lang = token_lang(&toks[start]);
            let pe = self.new_entity(&label, Class::Person, lang);
            self.add_alt_label(pe, &words.join(" "), lang);
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
        let Some(p) = person else { return false };
        let (role, qualifier) = self.ministry_head(toks, &r, role, qualifier);
        self.holds_title(p, role, qualifier, index, "title before name");
        // "глава МИД Киргизии": the title names the ministry as well.
        if let Some(body) = self.ministry_in_title(text, toks, mentions, r, index) {
            self.fact(
                p,
                Predicate::OfficialOf,
                Object::Entity(body),
                index,
                "title before name",
            );
        }
        true
    }

    /// "глава Минэкономразвития X", "head of the Ministry of Energy X": the
    /// head of a ministry is a minister, an official of the ministry's
    /// country where the gazetteer or the article gives it.
    fn ministry_head(
        &mut self,
        toks: &[Token],
        r: &Mention,
        role: Role,
        qualifier: Option<usize>,
    ) -> (Role, Option<usize>) {
        // "глава", "главой", "руководителя": the head word in any case.
        let key = toks[r.start].key.as_str();
        let head = r.end == r.start + 1
            && (key == "head" || key.starts_with("глав") || key.starts_with("руководител"));
        let Some(q) = qualifier.filter(|_| head && role == Role::Official) else {
            return (role, qualifier);
        };
        let body = &self.entities[q];
        let label = body.labels[0].0.to_lowercase();
        let ministry = body.class == Class::GovernmentBody
            && (label.starts_with("мин") || label.split(' ').any(|w| w == "ministry"));
        if !ministry {
            return (role, qualifier);
        }
        // The gazetteer's country of a known ministry is named by its name
        // ("Минэкономразвития России").
        let known = self
            .ex
            .gazetteer
            .id(&self.entities[q].slug)
            .and_then(|g| self.ex.gazetteer.entities[g].country);
        let country = known.map(|c| self.known(c)).or_else(|| {
            self.facts.iter().find_map(|f| match f.object {
                Object::Entity(c) if f.subject == q && f.predicate == Predicate::Country => Some(c),
                _ => None,
            })
        });
        (Role::Minister, Some(country.unwrap_or(q)))
    }

    /// Person `p` holds `role`, of `qualifier` where stated: `hasRole`, and
    /// `officialOf` the qualifier (for experts, `country` when it is a country).
    pub(super) fn holds_title(
        &mut self,
        p: usize,
        role: Role,
        qualifier: Option<usize>,
        index: usize,
        via: &str,
    ) {
        // The chair of a region's government ("заместитель председателя
        // правительства Астраханской области") is no (deputy) prime minister.
        let role = match role {
            Role::PrimeMinister | Role::DeputyPrimeMinister
                if qualifier.is_some_and(|q| self.entity_kind(q) == Kind::Place) =>
            {
                Role::Official
            }
            _ => role,
        };
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
}
