//! Russian morphology for names: regions and institutions in any case
//! ("Оренбургской области", "Министерства экономики Армении"), facilities,
//! adjectives and names brought to their base form (`ru_name_base`,
//! `ru_case`), and spellings attested in the article.
//!
//! Pure string work on the sentence and the entity table: no I/O, no RDF.

use super::{insert_mention, mention_at, Document, Mention, MentionKind};
use crate::extract::text::{Token, TokenKind};
use crate::extract::{morphology, Class, Kind, Object, Predicate, Role};
use crate::ingest::Lang;

impl<'a> Document<'a> {
    /// Russian regions and institutions: "Оренбургской области" ->
    /// Region "Оренбургская область"; "Министерства экономики Армении" ->
    /// GovernmentBody "Министерство экономики Армении" (with `country`).
    pub(super) fn russian_institutions(
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
            // Министерство экономики Армении, Агентства по ..., МИД Киргизии,
            // посольства Республики Беларусь, Администрации Президента ...
            if a.cyrillic && free(mentions, i) {
                let Some(&(_, head, sovereign)) = RU_INSTITUTIONS
                    .iter()
                    .find(|(stem, _, _)| ru_noun_form(&a.key, stem))
                    .or_else(|| RU_MFA.contains(&a.key.as_str()).then_some(&MFA))
                else {
                    continue;
                };
                let mut j = i + 1;
                let mut country = None;
                while j < n && j < i + 8 {
                    let t = &toks[j];
                    if let Some(m) = mention_at(mentions, j).copied() {
                        // "Администрация Президента", "при Президенте": the
                        // head of state belongs to the body's name.
                        let of_head = matches!(
                            m.kind,
                            MentionKind::Role(Role::President | Role::PrimeMinister)
                        ) && m.end == m.start + 1
                            && (j == i + 1 || toks[j - 1].key == "при");
                        if of_head {
                            j = m.end;
                            continue;
                        }
                        if m.kind == MentionKind::Entity(Kind::Country) {
                            country = m.entity;
                            j = m.end;
                        }
                        break;
                    }
                    // A comma inside a list of portfolios: "инвестиций,
                    // промышленности и торговли".
                    let listed = t.key == ","
                        && toks
                            .get(j + 1)
                            .is_some_and(|w| w.cyrillic && !w.cap && w.kind == TokenKind::Word)
                        && toks
                            .get(j + 2)
                            .is_some_and(|w| matches!(w.key.as_str(), "," | "и"));
                    if t.cyrillic && !t.cap && t.kind == TokenKind::Word
                        || matches!(t.key.as_str(), "по" | "и")
                        || listed
                    {
                        j += 1;
                        continue;
                    }
                    break;
                }
                // A lowercase head ("посольства Республики Беларусь") and the
                // heads of a whole state's bodies ("Правительство") name a
                // body only with its country.
                if j <= i + 1
                    || (country.is_none() && (j < i + 3 || !a.cap || sovereign))
                    || (!a.cap && !RU_LOWERCASE_HEADS.iter().any(|st| ru_noun_form(&a.key, st)))
                {
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

    /// The ministry a Russian title phrase ends with, when its country
    /// follows: "глава МИД Киргизии" -> "Министерство иностранных дел
    /// Киргизии" (with `country`). The title mention `r` stays as it is.
    pub(super) fn ministry_in_title(
        &mut self,
        text: &str,
        toks: &[Token],
        mentions: &[Mention],
        r: Mention,
        index: usize,
    ) -> Option<usize> {
        let last = toks.get(r.end.checked_sub(1)?)?;
        if r.end < r.start + 2 || !RU_MFA.contains(&last.key.as_str()) {
            return None;
        }
        let m = mentions
            .iter()
            .find(|m| m.start == r.end && m.kind == MentionKind::Entity(Kind::Country))?;
        let country = m.entity?;
        let label = format!(
            "{} {}",
            MFA.1,
            &text[toks[m.start].range.start..toks[m.end - 1].range.end]
        );
        let e = self.new_entity(&label, Class::GovernmentBody, Lang::Ru);
        self.fact(
            e,
            Predicate::Country,
            Object::Entity(country),
            index,
            "name contains country",
        );
        Some(e)
    }

    /// A de-inflected Russian name as the article itself spells it: each word
    /// is tried as given, and with a final "ь", "й" or "а" (not after a
    /// surname's "-ов", "-ин"); the first spelling found as a whole word in
    /// the article is kept.
    pub(super) fn attested_form(&self, name: &str) -> String {
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
                // "Рачков" + "а" is the genitive, not another spelling.
                let surname = ["ов", "ев", "ёв", "ин", "ын"]
                    .iter()
                    .any(|e| w.ends_with(e));
                ["ь", "й", "а"]
                    .iter()
                    .filter(|e| !(surname && **e == "а"))
                    .map(|e| format!("{w}{e}"))
                    .find(|c| occurs(c))
                    .unwrap_or_else(|| w.to_string())
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Russian region nouns: stem, nominative, feminine.
pub(super) const REGION_NOUNS: &[(&str, &str, bool)] = &[
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

/// Russian institution heads: stem of the inflected word, nominative, and
/// whether the head names a body of a whole state (then only with the
/// country: "Правительство России", not "правительства двух стран").
const RU_INSTITUTIONS: &[(&str, &str, bool)] = &[
    ("министерств", "Министерство", false),
    ("агентств", "Агентство", false),
    ("ведомств", "Ведомство", false),
    ("комитет", "Комитет", false),
    ("служб", "Служба", false),
    ("палат", "Палата", false),
    ("администраци", "Администрация", false),
    ("правительств", "Правительство", true),
    ("управлени", "Управление", false),
    ("посольств", "Посольство", true),
    ("консульств", "Консульство", true),
    ("генконсульств", "Генеральное консульство", true),
    ("кабинет", "Кабинет", true),
    ("совет", "Совет", true),
];

/// Heads that name a body in lowercase too, when its country follows:
/// "посольства Республики Беларусь", "министерство экономики Армении".
const RU_LOWERCASE_HEADS: &[&str] = &[
    "министерств",
    "посольств",
    "консульств",
    "генконсульств",
    "правительств",
    "кабинет",
    "мид",
];

/// Whether `key` is the noun `stem` with a case ending: "министерства",
/// "совету", but not "советник" or "правительственной".
fn ru_noun_form(key: &str, stem: &str) -> bool {
    key.strip_prefix(stem).is_some_and(|rest| {
        rest.chars().count() <= 3 && rest.chars().all(|c| "аеиоуыюяйм".contains(c))
    })
}

/// The Ministry of Foreign Affairs by its abbreviation, in its case forms.
const RU_MFA: &[&str] = &["мид", "мида", "миду", "мидом", "миде"];
const MFA: (&str, &str, bool) = ("мид", "Министерство иностранных дел", true);

/// Nominative singular of a Russian adjective in any case: "Оренбургской"
/// -> "Оренбургская" (feminine) or "Краснодарского" -> "Краснодарский".
pub(super) fn ru_adjective_nominative(word: &str, feminine: bool) -> Option<String> {
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

/// Nominative form of a Russian masculine name after a title in an oblique
/// case: "президентом ... Ильхамом Алиевым" -> "Ильхам Алиев".
/// The grammatical case a Russian title word shows by its ending, if any.
pub(super) fn ru_case(word: &str) -> Option<&'static str> {
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
    match ru_case(title) {
        Some(case) => ru_name_in_case(words, case),
        None => words.join(" "),
    }
}

/// Nominative form of a Russian name whose case is known ("ins", "gen",
/// "dat", "loc"): the dictionary's base form of each word, else the base
/// its ending gives.
pub(super) fn ru_name_in_case(words: &[&str], case: &str) -> String {
    // The dictionary knows most first names and surnames, feminine ones too;
    // the ending rules below are for the words it cannot place.
    let known = morphology::name_nominative(
        words,
        match case {
            "ins" => morphology::Case::Instrumental,
            "gen" => morphology::Case::Genitive,
            "dat" => morphology::Case::Dative,
            _ => morphology::Case::Prepositional,
        },
    );
    words
        .iter()
        .zip(known)
        .map(|(w, known)| {
            if let Some(base) = known {
                return base;
            }
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
        // Feminine names and foreign names the dictionary knows.
        assert_eq!(
            ru_name_base(&["Анной", "Петровой"], "министром"),
            "Анна Петрова"
        );
        assert_eq!(
            ru_name_base(&["Светланы", "Тихановской"], "лидера"),
            "Светлана Тихановская"
        );
        assert_eq!(
            ru_name_base(&["Касым-Жомартом", "Токаевым"], "президентом"),
            "Касым-Жомарт Токаев"
        );
        // Names outside the dictionary keep the ending rules.
        assert_eq!(ru_name_base(&["Ду", "Дэвэнем"], "послом"), "Ду Дэвэн");
    }
}
