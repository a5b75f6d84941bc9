//! The gazetteer: known entities, demonyms and role titles from
//! `ontology/gazetteer.tsv` and `ontology/roles.tsv`, matched over a
//! sentence's tokens in one left-to-right pass (longest match wins).
//!
//! Names are indexed by their token keys (see [`super::text::tokenize`]), so
//! Russian inflected forms match the nominative entry through their stems.
//! Capitalised name tokens must be capitalised in the text and acronyms must
//! be upper case, so "Trend" the agency is not "the growth trend".

use super::morphology::ru_forms;
use super::text::{tokenize, Token, TokenKind};
use super::{Class, Role};
use rustc_hash::FxHashMap as HashMap;

/// A known entity.
#[derive(Debug, Clone)]
pub struct Known {
    pub id: String,
    pub class: Class,
    pub wikidata: Option<String>,
    pub label_en: String,
    pub label_ru: Option<String>,
    /// Index of the country entity, if the gazetteer states one.
    pub country: Option<usize>,
    /// Index of the entity it lies in (a city's region), if stated.
    pub located_in: Option<usize>,
    /// For people: the last words of all their listed names ("erdoğan",
    /// "erdogan", "эрдоган"), the short forms an article may use alone.
    pub surnames: Vec<String>,
}

/// What a gazetteer phrase refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Entity(usize),
    /// A demonym ("Azerbaijani", "белорусский") of the entity.
    Demonym(usize),
    Role(Role),
}

#[derive(Debug, Clone)]
struct Phrase {
    keys: Vec<String>,
    /// Per token: 0 none, 1 capitalised, 2 upper case.
    case: Vec<u8>,
    target: Target,
}

/// A match in a token sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entities: Vec<Known>,
    by_id: HashMap<String, usize>,
    index: HashMap<String, Vec<Phrase>>,
    /// Russian case forms of the words of listed names: form -> nominatives.
    forms: HashMap<String, Vec<String>>,
    /// Every word of every listed name.
    words: rustc_hash::FxHashSet<String>,
    /// A person's surname (and its Russian case forms) -> the people whose
    /// listed name ends in it.
    surnames: HashMap<String, Vec<usize>>,
    /// Words (and case forms) of names of anything but people, and people's
    /// given names: a word among them is never a surname standing alone.
    not_surnames: rustc_hash::FxHashSet<String>,
}

/// A line of a data file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl Gazetteer {
    /// Loads the entity table and the role titles.
    pub fn load(gazetteer_tsv: &str, roles_tsv: &str) -> Result<Gazetteer, DataError> {
        let mut g = Gazetteer::default();
        let mut pending_country = Vec::new();
        for (n, line) in gazetteer_tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |m: String| DataError {
                file: "ontology/gazetteer.tsv".into(),
                line: n + 1,
                message: m,
            };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 5 {
                return Err(err(format!(
                    "expected 9 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let col = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty());
            let class = Class::parse(cols[1].trim())
                .ok_or_else(|| err(format!("unknown class {:?}", cols[1])))?;
            let idx = g.entities.len();
            let id = cols[0].trim().to_string();
            if g.by_id.insert(id.clone(), idx).is_some() {
                return Err(err(format!("duplicate id {id:?}")));
            }
            g.entities.push(Known {
                id,
                class,
                wikidata: col(2).map(str::to_string),
                label_en: cols[3].trim().to_string(),
                label_ru: col(4).map(str::to_string),
                country: None,
                located_in: None,
                surnames: Vec::new(),
            });
            pending_country.push((
                idx,
                col(7).map(str::to_string),
                col(8).map(str::to_string),
                n + 1,
            ));
            let mut names = vec![cols[3].trim()];
            names.extend(col(4));
            names.extend(col(5).into_iter().flat_map(|a| a.split('|')));
            for name in names {
                g.add_phrase(name, Target::Entity(idx));
                g.add_surname(name, idx, class == Class::Person);
            }
            for d in col(6).into_iter().flat_map(|a| a.split('|')) {
                g.add_phrase(d, Target::Demonym(idx));
            }
        }
        for (idx, country, located_in, line) in pending_country {
            let resolve = |id: &str, column: &str| {
                g.by_id.get(id).copied().ok_or_else(|| DataError {
                    file: "ontology/gazetteer.tsv".into(),
                    line,
                    message: format!("{column} {id:?} is not an id in the gazetteer"),
                })
            };
            let country = country.map(|c| resolve(&c, "country")).transpose()?;
            let located_in = located_in.map(|c| resolve(&c, "located_in")).transpose()?;
            g.entities[idx].country = country;
            g.entities[idx].located_in = located_in;
        }
        for (n, line) in roles_tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let role = cols.first().and_then(|r| Role::parse(r.trim()));
            match (role, cols.get(2)) {
                (Some(role), Some(phrase)) => {
                    g.add_phrase(&phrase.to_lowercase(), Target::Role(role))
                }
                _ => {
                    return Err(DataError {
                        file: "ontology/roles.tsv".into(),
                        line: n + 1,
                        message: "expected `role<TAB>lang<TAB>phrase` with a known role".into(),
                    })
                }
            }
        }
        for list in g.index.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.keys.len()));
        }
        Ok(g)
    }

    fn add_phrase(&mut self, name: &str, target: Target) {
        let toks: Vec<Token> = tokenize(name.trim())
            .into_iter()
            .filter(|t| t.kind != TokenKind::Punct || t.key == "'s" || t.key == "&")
            .collect();
        if toks.is_empty() {
            return;
        }
        let case: Vec<u8> = toks
            .iter()
            .map(|t| {
                if t.upper && (!t.cyrillic || t.key.chars().count() <= 4) {
                    2
                } else if t.cap {
                    1
                } else {
                    0
                }
            })
            .collect();
        let keys: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
        self.words.extend(keys.iter().cloned());
        for t in toks.iter().filter(|t| t.cyrillic) {
            for f in ru_forms(&t.key) {
                if f != t.key {
                    let list = self.forms.entry(f).or_default();
                    if !list.contains(&t.key) {
                        list.push(t.key.clone());
                    }
                }
            }
        }
        let list = self.index.entry(keys[0].clone()).or_default();
        // The same words written otherwise ("POSCO", "Posco"): either case.
        match list
            .iter_mut()
            .find(|p| p.keys == keys && p.target == target)
        {
            Some(p) => {
                for (have, new) in p.case.iter_mut().zip(&case) {
                    *have = std::cmp::min(*have, *new);
                }
            }
            None => list.push(Phrase { keys, case, target }),
        }
    }

    /// Indexes the last word of a person's name as a surname, and every
    /// other word (a given name, or any word of another entity's name) as a
    /// word that is no surname alone. "Lula da Silva": a particle before the
    /// last word makes it no plain surname either.
    fn add_surname(&mut self, name: &str, idx: usize, person: bool) {
        let toks: Vec<Token> = tokenize(name.trim())
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .collect();
        let with_forms = |t: &Token| {
            if t.cyrillic {
                ru_forms(&t.key)
            } else {
                vec![t.key.clone()]
            }
        };
        let surname = person
            && toks.len() >= 2
            && toks[toks.len() - 1].cap
            && toks[toks.len() - 2].cap
            && !toks[toks.len() - 1].upper;
        let others = if surname { toks.len() - 1 } else { toks.len() };
        for t in &toks[..others] {
            self.not_surnames.extend(with_forms(t));
        }
        if surname {
            let last = &toks[toks.len() - 1];
            if !self.entities[idx].surnames.contains(&last.key) {
                self.entities[idx].surnames.push(last.key.clone());
            }
            for f in with_forms(last) {
                let list = self.surnames.entry(f).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }
    }

    /// The one known person whose surname this word is (in any case form),
    /// if exactly one is and the word is no other name's word. Words of
    /// fewer than four letters ("May", "Lam") are too often something else.
    pub fn person_by_surname(&self, key: &str) -> Option<usize> {
        if key.chars().count() < 4 || self.not_surnames.contains(key) {
            return None;
        }
        match self.surnames.get(key).map(Vec::as_slice) {
            Some([one]) => Some(*one),
            _ => None,
        }
    }

    /// The one known person with this surname (in any case form) whose
    /// given name begins with `initial`: "Н. Назарбаева" is Nursultan
    /// Nazarbayev, though Dariga Nazarbayeva shares the word.
    pub fn person_by_initial(&self, initial: char, key: &str) -> Option<usize> {
        if key.chars().count() < 4 || self.not_surnames.contains(key) {
            return None;
        }
        let initial = initial.to_lowercase().next()?;
        let mut found = self.surnames.get(key)?.iter().copied().filter(|&p| {
            let e = &self.entities[p];
            [Some(e.label_en.as_str()), e.label_ru.as_deref()]
                .into_iter()
                .flatten()
                .any(|name| {
                    name.chars().next().and_then(|c| c.to_lowercase().next()) == Some(initial)
                })
        });
        match (found.next(), found.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    pub fn id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The id of the country the entry `id` lies in or belongs to.
    pub fn country_of(&self, id: &str) -> Option<&str> {
        let c = self.entities[self.id(id)?].country?;
        Some(self.entities[c].id.as_str())
    }

    /// Finds gazetteer phrases in a token sequence, left to right, longest
    /// first, skipping punctuation inside names ("Hi-Tech", "ИТАР-ТАСС").
    pub fn find(&self, toks: &[Token]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let mut best: Option<(usize, Target)> = None;
            if toks[i].kind != TokenKind::Punct {
                for key in self.nominatives(&toks[i].key) {
                    let Some(cands) = self.index.get(key) else {
                        continue;
                    };
                    for p in cands {
                        if let Some(end) = self.match_at(toks, i, p) {
                            if best.is_none_or(|(e, _)| end > e) {
                                best = Some((end, p.target));
                            }
                        }
                    }
                }
            }
            match best {
                Some((end, target)) => {
                    out.push(Match {
                        start: i,
                        end,
                        target,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Whether the word (in any case form) is part of a listed name.
    pub fn knows_word(&self, key: &str) -> bool {
        self.forms.contains_key(key) || self.words.contains(key)
    }

    /// The word itself and the nominatives it is a case form of.
    pub fn nominatives<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        std::iter::once(key).chain(
            self.forms
                .get(key)
                .into_iter()
                .flatten()
                .map(String::as_str),
        )
    }

    fn match_at(&self, toks: &[Token], start: usize, p: &Phrase) -> Option<usize> {
        let mut j = start;
        for (k, key) in p.keys.iter().enumerate() {
            // Hyphens and dots inside a name are skipped: "Hi-Tech" = "Hi Tech".
            while k > 0
                && j < toks.len()
                && toks[j].kind == TokenKind::Punct
                && matches!(toks[j].key.as_str(), "-" | ".")
            {
                j += 1;
            }
            let t = toks.get(j)?;
            if !self.nominatives(&t.key).any(|k| k == key) {
                return None;
            }
            match p.case[k] {
                2 if !t.upper => return None,
                1 if !t.cap && !t.upper => return None,
                _ => {}
            }
            j += 1;
        }
        Some(j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: &str = "# header\nazerbaijan\tCountry\tQ227\tAzerbaijan\tАзербайджан\tRepublic of Azerbaijan\tAzerbaijani|азербайджанский\t\t\ntrend\tMediaOutlet\t\tTrend\t\tTrend News Agency\t\tazerbaijan\t\nmtz\tCompany\t\tMinsk Tractor Works\tМинский тракторный завод\tMTZ|МТЗ\t\t\t\nhtp\tOrganization\t\tHi-Tech Park\t\t\t\t\t\n";
    const R: &str = "Minister\ten\tminister\nDeputyPrimeMinister\ten\tdeputy prime minister\nPresident\tru\tпрезидент\n";

    fn find(text: &str) -> Vec<(String, Target)> {
        let g = Gazetteer::load(G, R).unwrap();
        let toks = tokenize(text);
        g.find(&toks)
            .into_iter()
            .map(|m| {
                (
                    text[toks[m.start].range.start..toks[m.end - 1].range.end].to_string(),
                    m.target,
                )
            })
            .collect()
    }

    #[test]
    fn matches_names_inflections_demonyms_roles() {
        let m = find("Azerbaijani Deputy Prime Minister met the president of Azerbaijan");
        assert_eq!(m[0], ("Azerbaijani".into(), Target::Demonym(0)));
        assert_eq!(
            m[1],
            (
                "Deputy Prime Minister".into(),
                Target::Role(Role::DeputyPrimeMinister)
            )
        );
        assert_eq!(m[2], ("Azerbaijan".into(), Target::Entity(0)));
        let m = find("президентом Азербайджана и азербайджанских компаний");
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].1, Target::Entity(0));
        assert_eq!(m[2].1, Target::Demonym(0));
    }

    #[test]
    fn case_rules() {
        assert!(find("the growth trend continues").is_empty());
        assert_eq!(find("Trend reports").len(), 1);
        assert!(find("mtz").is_empty());
        assert_eq!(find("MTZ and МТЗ and Минского тракторного завода").len(), 3);
        assert_eq!(find("the Hi-Tech Park soon")[0].0, "Hi-Tech Park");
    }
}
