//! Russian morphology from the OpenCorpora dictionary (`rsmorphy`): the
//! nominative of a person's name met in an oblique case ("с послом Бахтияром
//! Сайдиевым" -> "Бахтияр Сайдиев", "Марией Захаровой" -> "Мария Захарова");
//! and, without the dictionary, the case forms of a word by its ending
//! (`ru_forms`), with which names are recognised in any case.
//!
//! The one part of extraction that reads a file: the dictionary, once, on
//! first use, from `NEWSKG_MORPH_DICT` or from where the build found the
//! `rsmorphy-dict-ru` crate. Without it, callers keep their ending rules.
//! Knows nothing of entities, mentions or RDF.

use rsmorphy::prelude::*;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::thread::LocalKey;

static ANALYZER: OnceLock<Option<MorphAnalyzer>> = OnceLock::new();

/// The dictionary directory: `NEWSKG_MORPH_DICT`, else the crate's data.
fn dictionary_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSKG_MORPH_DICT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(rsmorphy::rsmorphy_dict_ru::DICT_PATH));
    dir.join("words.dawg.gz").is_file().then_some(dir)
}

/// The analyzer, loaded on first use; `None` if the dictionary is missing or
/// unreadable (the loader panics on bad data: that is caught here).
fn analyzer() -> Option<&'static MorphAnalyzer> {
    ANALYZER
        .get_or_init(|| {
            let dir = dictionary_dir()?;
            std::panic::catch_unwind(|| MorphAnalyzer::from_file(dir)).ok()
        })
        .as_ref()
}

/// Whether a dictionary is available.
pub fn available() -> bool {
    analyzer().is_some()
}

/// Whether the dictionary knows `word` as an ordinary word and not as a
/// name ("Республике" yes; "Мануэлем", "Нгуен" no). `false` without a
/// dictionary.
pub fn is_common_word(word: &str) -> bool {
    thread_local! {
        static SEEN: RefCell<FxHashMap<String, bool>> = RefCell::default();
    }
    remembered(&SEEN, word, analyse_common_word)
}

/// The answer for `word` from this thread's memo of earlier answers, else
/// computed and remembered: the same words recur across sentences and
/// articles, and the analyzer is slow. The memo is emptied when it grows
/// large, so memory stays bounded on any corpus.
fn remembered<T: Copy>(
    memo: &'static LocalKey<RefCell<FxHashMap<String, T>>>,
    word: &str,
    compute: fn(&str) -> T,
) -> T {
    const MAX_WORDS: usize = 1 << 16;
    if let Some(known) = memo.with_borrow(|m| m.get(word).copied()) {
        return known;
    }
    let answer = compute(word);
    memo.with_borrow_mut(|m| {
        if m.len() >= MAX_WORDS {
            m.clear();
        }
        m.insert(word.to_string(), answer);
    });
    answer
}

fn analyse_common_word(word: &str) -> bool {
    let Some(m) = analyzer().filter(|_| parseable(word)) else {
        return false;
    };
    let parses = m.parse(word);
    let known: Vec<String> = parses
        .into_iter()
        .filter(|p| p.lex.is_known())
        .map(|p| p.lex.get_tag(m).string.clone())
        .collect();
    !known.is_empty()
        && known
            .iter()
            .all(|t| !has(t, "Name") && !has(t, "Surn") && !has(t, "Patr"))
}

/// The grammatical case a caller infers, in OpenCorpora's names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Nominative,
    Accusative,
    Genitive,
    Dative,
    Instrumental,
    Prepositional,
}

impl Case {
    fn grammeme(self) -> &'static str {
        match self {
            Case::Nominative => "nomn",
            Case::Accusative => "accs",
            Case::Genitive => "gent",
            Case::Dative => "datv",
            Case::Instrumental => "ablt",
            Case::Prepositional => "loct",
        }
    }
}

/// The case of `word` read as a first name the dictionary knows ("Радий",
/// "Марию" -> accusative, "Бахтияром" -> instrumental), the likeliest
/// first; `None` for a word it knows only otherwise or not at all.
pub fn given_name_case(word: &str) -> Option<Case> {
    thread_local! {
        static SEEN: RefCell<FxHashMap<String, Option<Case>>> = RefCell::default();
    }
    remembered(&SEEN, word, analyse_given_name)
}

fn analyse_given_name(word: &str) -> Option<Case> {
    let m = analyzer().filter(|_| parseable(word))?;
    let cases = [
        Case::Nominative,
        Case::Genitive,
        Case::Dative,
        Case::Accusative,
        Case::Instrumental,
        Case::Prepositional,
    ];
    let mut best: Option<(f64, Case)> = None;
    for p in m.parse(word) {
        let t = &p.lex.get_tag(m).string;
        if !p.lex.is_known() || !has(t, "Name") || has(t, "plur") {
            continue;
        }
        let score = p.score.value();
        if let Some(&c) = cases.iter().find(|c| has(t, c.grammeme())) {
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, c));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Words the analyzer takes safely: Cyrillic letters, parts of three or
/// more letters joined by hyphens (it asserts on shorter remainders).
fn parseable(word: &str) -> bool {
    word.split('-').all(|part| {
        part.chars().count() >= 3
            && part
                .chars()
                .all(|c| c.is_alphabetic() && ('\u{0400}'..='\u{04FF}').contains(&c))
    })
}

fn has(tag: &str, grammeme: &str) -> bool {
    tag.split([',', ' ']).any(|g| g == grammeme)
}

/// The nominative of each word of a person's name in `case`, or `None` for
/// a word the dictionary cannot place (an unknown foreign name: the caller's
/// ending rules decide). `None` for all words if no dictionary is loaded.
pub fn name_nominative(words: &[&str], case: Case) -> Vec<Option<String>> {
    let Some(m) = analyzer() else {
        return vec![None; words.len()];
    };
    let g = case.grammeme();
    // The first name fixes the gender: "Марией Захаровой" is feminine.
    let feminine = words.iter().filter(|w| parseable(w)).find_map(|w| {
        m.parse(w).into_iter().find_map(|p| {
            let t = &p.lex.get_tag(m).string;
            (has(t, "Name") && has(t, g)).then(|| has(t, "femn"))
        })
    });
    words
        .iter()
        .map(|w| {
            if !parseable(w) {
                return None;
            }
            let mut best: Option<(f64, String)> = None;
            for p in m.parse(w).into_iter() {
                let t = &p.lex.get_tag(m).string;
                if !has(t, g) || has(t, "plur") {
                    continue;
                }
                let fem = has(t, "femn");
                if feminine.is_some_and(|f| f != fem) && (fem || has(t, "masc")) {
                    continue;
                }
                let person = has(t, "Name") || has(t, "Surn") || has(t, "Patr");
                // Guesses for words outside the dictionary ("Дэвэнем",
                // "Нилакши") are worse than the caller's ending rules, but a
                // guess that the word is a first name ("Мануэлем" ->
                // "мануэль") is not, and a feminine surname after a feminine
                // first name is declined like an adjective ("Тихановской").
                let guessed_feminine_surname =
                    feminine == Some(true) && fem && (has(t, "Surn") || has(t, "ADJF"));
                let lemma = p.lex.get_normal_form(m).to_string();
                // Guessed surnames of the Slavic and Turkic patterns are safe:
                // "Сайдиевым" -> "сайдиев".
                let guessed_surname = has(t, "Surn")
                    && ["ов", "ев", "ёв", "ин", "ын"]
                        .iter()
                        .any(|e| lemma.ends_with(e));
                if !(person && (p.lex.is_known() || w.contains('-') || has(t, "Name"))
                    || guessed_surname
                    || guessed_feminine_surname)
                {
                    continue;
                }
                // Feminine surnames and adjectives have masculine lemmas:
                // "захаров" -> "захарова", "тихановский" -> "тихановская".
                let lemma = if fem && !has(t, "Name") {
                    feminine_form(&lemma)
                } else {
                    lemma
                };
                let score = p.score.value() + if person { 1.0 } else { 0.0 };
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, lemma));
                }
            }
            best.map(|(_, lemma)| capitalised_like(&lemma, w))
        })
        .collect()
}

/// "захаров" -> "захарова", "тихановский" -> "тихановская".
fn feminine_form(lemma: &str) -> String {
    for (masc, fem) in [
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ой", "ая"),
        ("ый", "ая"),
    ] {
        if let Some(stem) = lemma.strip_suffix(masc) {
            return format!("{stem}{fem}");
        }
    }
    if ["ов", "ев", "ёв", "ин", "ын"]
        .iter()
        .any(|e| lemma.ends_with(e))
    {
        return format!("{lemma}а");
    }
    lemma.to_string()
}

/// The lowercase lemma with the capitals of the word it came from, part by
/// part of a hyphenated name ("касым-жомарт" -> "Касым-Жомарт").
fn capitalised_like(lemma: &str, word: &str) -> String {
    let caps: Vec<bool> = word
        .split('-')
        .map(|p| p.chars().next().is_some_and(char::is_uppercase))
        .collect();
    lemma
        .split('-')
        .enumerate()
        .map(|(i, part)| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) if caps.get(i).copied().unwrap_or(false) => {
                    first.to_uppercase().chain(chars).collect()
                }
                _ => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The case forms of a Russian word given in its nominative (lowercase):
/// nouns of the common declensions, adjectives and surnames in -ов/-ин.
/// Over-generation is harmless (forms are only used to recognise names).
pub fn ru_forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n < 3 || !chars.iter().all(|c| ('\u{0400}'..='\u{04FF}').contains(c)) {
        return out;
    }
    let stem = |k: usize| -> String { chars[..n - k].iter().collect() };
    let add = |out: &mut Vec<String>, base: &str, ends: &[&str]| {
        for e in ends {
            out.push(format!("{base}{e}"));
        }
    };
    const ADJ: &[&str] = &[
        "ий", "ый", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ая", "яя", "ую",
        "юю", "ое", "ее", "ие", "ые", "их", "ых", "ими", "ыми", "ей",
    ];
    let last = chars[n - 1];
    let ends2: String = chars[n - 2..].iter().collect();
    match last {
        'а' => add(&mut out, &stem(1), &["ы", "и", "е", "у", "ой", "ою", "ей"]),
        // Feminine adjectives: "Южная Корея" -> "Южной Кореи", "Саудовскую".
        'я' if ends2 == "ая" => add(&mut out, &stem(2), &["ой", "ую", "ою"]),
        'я' if ends2 == "яя" => add(&mut out, &stem(2), &["ей", "юю", "ею"]),
        'я' if ends2 == "ия" => add(&mut out, &stem(2), &["ии", "ию", "ией", "иею"]),
        // Plural adjectives and nouns: "Объединённые Арабские Эмираты" ->
        // "Объединённых Арабских Эмиратов".
        'е' if ends2 == "ые" => add(&mut out, &stem(2), &["ых", "ым", "ыми"]),
        'е' if ends2 == "ие" && n >= 5 => add(&mut out, &stem(2), &["их", "им", "ими"]),
        'ы' if n >= 5 => add(&mut out, &stem(1), &["ов", "ам", "ами", "ах"]),
        'я' => add(&mut out, &stem(1), &["и", "е", "ю", "ей", "ею"]),
        'ь' => add(&mut out, &stem(1), &["и", "ью", "ем", "ю", "я", "е", "ём"]),
        'й' if matches!(ends2.as_str(), "ий" | "ый" | "ой") => {
            add(&mut out, &stem(2), ADJ);
            if ends2 == "ий" {
                add(&mut out, &stem(2), &["ия", "ию", "ием", "ии"]);
            }
        }
        'й' => add(&mut out, &stem(1), &["я", "ю", "ем", "е"]),
        'о' | 'е' | 'у' | 'ю' | 'и' | 'ы' | 'э' => {}
        _ => {
            // Consonant: masculine nouns and surnames (-ов, -ев, -ин).
            add(
                &mut out,
                w,
                &["а", "у", "ом", "ем", "е", "ы", "и", "ым", "ой", "ым"],
            );
            // A fleeting vowel: посол -> посла, Минск stays.
            if n >= 4 && matches!(chars[n - 2], 'о' | 'е') {
                let short: String = chars[..n - 2]
                    .iter()
                    .chain(std::iter::once(&last))
                    .collect();
                add(&mut out, &short, &["а", "у", "ом", "ем", "е", "ы", "и"]);
            }
        }
    }
    // A form that is also a common function word is read as that word:
    // "после" is "after", not the prepositional of "посол".
    out.retain(|f| f == w || !FUNCTION_WORDS.contains(&f.as_str()));
    out.sort();
    out.dedup();
    out
}

/// Russian prepositions, adverbs and pronouns that inflection of a name or
/// a title could produce.
const FUNCTION_WORDS: &[&str] = &["после", "более", "менее", "тоже", "также", "кроме", "вне"];

#[cfg(test)]
mod tests {
    use super::*;

    fn base(name: &str, case: Case) -> String {
        let words: Vec<&str> = name.split(' ').collect();
        name_nominative(&words, case)
            .into_iter()
            .zip(&words)
            .map(|(b, w)| b.unwrap_or_else(|| w.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn names_in_oblique_cases_to_nominative() {
        assert!(available(), "the OpenCorpora dictionary should load");
        assert_eq!(
            base("Бахтияром Сайдиевым", Case::Instrumental),
            "Бахтияр Сайдиев"
        );
        assert_eq!(
            base("Марией Захаровой", Case::Instrumental),
            "Мария Захарова"
        );
        assert_eq!(
            base("Светланы Тихановской", Case::Genitive),
            "Светлана Тихановская"
        );
        assert_eq!(
            base("Касым-Жомартом Токаевым", Case::Instrumental),
            "Касым-Жомарт Токаев"
        );
        assert_eq!(base("Ильи Волынского", Case::Genitive), "Илья Волынский");
        assert_eq!(base("Сергея Рачкова", Case::Genitive), "Сергей Рачков");
        assert_eq!(base("Мустафе Шахину", Case::Dative), "Мустафа Шахин");
        assert_eq!(
            base("Мануэлем Марреро Крусом", Case::Instrumental),
            "Мануэль Марреро Крус"
        );
    }

    /// Every word shape the extractor may hand over: short parts, hyphens,
    /// mixed scripts, letters outside the alphabet, in every case.
    #[test]
    fn odd_words_do_not_panic() {
        let words = [
            "",
            "а",
            "Ли",
            "Ким",
            "Ан-Ли",
            "аль-Асад",
            "Касым-",
            "-Жомарт",
            "Ёж",
            "ёёёё",
            "Абв-гд-еёж",
            "Qwerty",
            "Мир2",
            "Ӛӛӛӛ",
            "Іван",
            "Ўзбекистон",
            "ьььь",
            "ъ-ъ-ъ",
            "Сергеевичем",
            "Нгуен",
            "Зунгом",
            "Шахином",
            "Марреро",
        ];
        for case in [
            Case::Genitive,
            Case::Dative,
            Case::Instrumental,
            Case::Prepositional,
        ] {
            for w in words {
                let _ = name_nominative(&[w], case);
                let _ = name_nominative(&[w, w], case);
            }
        }
    }

    #[test]
    fn common_words_and_names() {
        assert!(is_common_word("Республике"));
        assert!(!is_common_word("Мануэлем"));
        assert!(!is_common_word("Нгуен"));
    }

    #[test]
    fn russian_case_forms() {
        let has = |w: &str, f: &str| ru_forms(w).iter().any(|x| x == f);
        assert!(has("азербайджан", "азербайджаном") && has("азербайджан", "азербайджане"));
        assert!(has("белоруссия", "белоруссии") && has("белоруссия", "белоруссией"));
        assert!(has("беларусь", "беларуси") && has("россия", "россию"));
        assert!(has("ильхам", "ильхамом") && has("алиев", "алиевым"));
        assert!(has("николай", "николаем") && has("алексей", "алексеем"));
        assert!(has("азербайджанский", "азербайджанских") && has("минский", "минского"));
        assert!(has("посол", "посла") && has("президент", "президентом"));
        assert_eq!(ru_forms("лукашенко"), vec!["лукашенко"]);
        assert_eq!(ru_forms("baku"), vec!["baku"]);
    }

    #[test]
    fn feminine_forms() {
        assert_eq!(feminine_form("захаров"), "захарова");
        assert_eq!(feminine_form("тихановский"), "тихановская");
        assert_eq!(feminine_form("мария"), "мария");
    }
}
