//! Ministries named without their country ("a statement issued by the
//! Ministry of Trade said", "the Finance Ministry tweeted") belong to the
//! country of the article's minister of the same portfolio ("Trade Minister
//! Tarek Qabil", an official of Egypt). Such a ministry takes a `country`
//! fact and, where its label is English, the country-last label ("Ministry
//! of Trade of Egypt"), so that the ministries of different countries stay
//! apart in the graph (Russian labels keep their name for now).
//!
//! Reads the finished sentences and facts; changes only the labels of those
//! ministries and adds only their `country`. No I/O, no RDF.

use super::{Document, MentionKind};
use crate::extract::{Class, Extraction, Fact, Object, Predicate, Role};
use crate::ingest::Lang;

/// Words of a title or a ministry's name that say nothing of its portfolio.
const NOT_PORTFOLIO: &[&str] = &[
    "minister",
    "ministers",
    "ministry",
    "deputy",
    "first",
    "vice",
    "acting",
    "affairs",
    "of",
    "the",
    "and",
    "for",
    "министр",
    "министра",
    "министру",
    "министром",
    "министре",
    "министерство",
    "министерства",
    "министерству",
    "министерством",
    "министерстве",
    "заместитель",
    "заместителя",
    "заместителем",
    "первый",
    "первого",
    "дел",
    "и",
    "по",
];

/// The portfolio of a title or a ministry's name: the first five letters
/// of each word that names it ("finance" and "financial" are one).
fn portfolio<'w>(words: impl Iterator<Item = &'w str>) -> Vec<String> {
    let mut stems: Vec<String> = words
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().all(char::is_alphabetic) && !NOT_PORTFOLIO.contains(&w.as_str()))
        .map(|w| w.chars().take(5).collect())
        .collect();
    stems.sort();
    stems.dedup();
    stems
}

impl Document<'_> {
    /// `country` and a country-last label for each ministry named without a
    /// country whose portfolio is that of ministers of one country only.
    pub fn ministries_of_their_ministers(&self, ex: &mut Extraction) {
        let ministers = self.minister_portfolios(&ex.facts);
        let mut found = Vec::new();
        for (e, entity) in ex.entities.iter().enumerate() {
            let label = &entity.labels[0].0;
            let name = label
                .strip_prefix("Ministry of ")
                .or_else(|| label.strip_prefix("Министерство "));
            let Some(name) = name else { continue };
            if entity.class != Class::GovernmentBody
                || self.ex.gazetteer.id(&entity.slug).is_some()
                || ex.facts.iter().any(|f| {
                    f.subject == e
                        && matches!(f.predicate, Predicate::Country | Predicate::OfficialOf)
                })
            {
                continue;
            }
            let wanted = portfolio(name.split(|c: char| !c.is_alphabetic()));
            if wanted.is_empty() {
                continue;
            }
            let mut countries: Vec<usize> = ministers
                .iter()
                .filter(|(_, p)| *p == wanted)
                .map(|&(c, _)| c)
                .collect();
            countries.sort_unstable();
            countries.dedup();
            let [country] = countries[..] else { continue };
            let Some(sentence) = self
                .sentences
                .iter()
                .position(|s| s.mentions.iter().any(|m| m.entity == Some(e)))
            else {
                continue;
            };
            found.push((e, country, sentence));
        }
        for (e, country, sentence) in found {
            ex.facts.push(Fact {
                subject: e,
                predicate: Predicate::Country,
                object: Object::Entity(country),
                sentence,
                via: "ministry of a minister's portfolio".into(),
            });
            relabel(ex, e, country);
        }
    }

    /// Each minister's country and the portfolio of the title naming them
    /// ("Minister of Investment, Industry and Trade of the Republic of
    /// Uzbekistan Laziz Kudratov", "Trade Minister Tarek Qabil").
    fn minister_portfolios(&self, facts: &[Fact]) -> Vec<(usize, Vec<String>)> {
        let mut out = Vec::new();
        for f in facts {
            if f.predicate != Predicate::HasRole || f.object != Object::Role(Role::Minister) {
                continue;
            }
            let p = f.subject;
            let Some(country) = self
                .stated_countries(facts, p, Predicate::OfficialOf)
                .next()
            else {
                continue;
            };
            let sent = &self.sentences[f.sentence];
            let Some(name) = sent.mentions.iter().find(|m| m.entity == Some(p)) else {
                continue;
            };
            // The title: from the last role mention within twelve words
            // before the name, without the names inside it.
            let Some(title) = sent.mentions.iter().rev().find(|m| {
                matches!(m.kind, MentionKind::Role(_))
                    && m.end <= name.start
                    && m.start + 12 >= name.start
            }) else {
                continue;
            };
            let words = (title.start..name.start)
                .filter(|&k| {
                    !sent.mentions.iter().any(|m| {
                        m.start <= k && k < m.end && !matches!(m.kind, MentionKind::Role(_))
                    })
                })
                .map(|k| sent.tokens[k].key.as_str());
            let stems = portfolio(words);
            if !stems.is_empty() {
                out.push((country, stems));
            }
        }
        out
    }
}

/// "Ministry of Trade" → "Ministry of Trade of Egypt", unless another entity
/// of the article has that name; the name as written stays an alternative.
fn relabel(ex: &mut Extraction, e: usize, country: usize) {
    let Some((country_name, _)) = ex.entities[country]
        .labels
        .iter()
        .find(|(_, lang)| *lang == Lang::En)
        .cloned()
    else {
        return;
    };
    let (old, lang) = ex.entities[e].labels[0].clone();
    if lang != Lang::En {
        return;
    }
    let label = format!("{old} of {country_name}");
    let slug = crate::vocab::slug(&label);
    if ex.entities.iter().any(|x| x.slug == slug) {
        return;
    }
    let entity = &mut ex.entities[e];
    entity.slug = slug;
    entity.labels[0] = (label, Lang::En);
    entity.alt_labels.push((old, Lang::En));
}
