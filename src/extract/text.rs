//! Sentence splitting and tokenization for English and Russian news text.
//!
//! Pure functions over `&str`; linear in the input. Sentence boundaries
//! survive the genre's abbreviations ("Aug. 20", "St. Petersburg", "корр.",
//! "млн", "г."), initials and quotes. Tokens carry a normalized key: Latin
//! words lowercased, Cyrillic words lowercased and stemmed (Snowball), so
//! "Азербайджана" and "Азербайджаном" share the key of "Азербайджан".

use std::ops::Range;

/// A sentence: byte range in the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub bytes: Range<usize>,
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd",
    "co", "corp", "no", "nos", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "approx", "est",
    "jr", "sr", "mt", "ft", "vol", "fig", "dept", "univ", "assn", "bros", "messrs", "корр", "тыс",
    "ул", "им", "т.е", "т.д", "т.п", "т.к", "пр", "проф", "акад", "ст", "рис", "см", "напр", "зам",
    "пред", "ген", "гос", "обл", "р", "ж.д", "пос", "дер", "кв", "стр", "пров", "респ",
];
/// Unit abbreviations that end a sentence only when a capitalised word follows
/// (and, for "г.", only after a number: "2013 г. Президент" vs "г. Баку").
const UNIT_ABBREVIATIONS: &[&str] = &[
    "млн", "млрд", "трлн", "долл", "руб", "г", "гг", "bn", "mln", "m", "проц",
];

/// Words a line cannot end a sentence with.
const RUN_ON_WORDS: &[&str] = &[
    "of", "the", "and", "in", "on", "at", "to", "with", "for", "by", "a", "an", "from", "и", "в",
    "во", "с", "со", "на", "по", "о", "об", "для", "из", "к",
];

/// Splits text into sentences. Paragraph breaks always end a sentence; a
/// single line break ends one after final punctuation or a short heading line.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize| {
        let slice = &text[s..e];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        if s + lead < e - trail {
            out.push(Sentence {
                bytes: s + lead..e - trail,
            });
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            let line_start = text[..i].rfind('\n').map_or(start, |p| (p + 1).max(start));
            let line = text[line_start..i].trim();
            let next_blank = text[i + 1..]
                .split('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            // A short line is a heading unless the text runs on: it ends in
            // a comma or a function word, or the next line starts lowercase
            // (text hard-wrapped at a narrow width).
            let next_line = text[i + 1..].split('\n').next().unwrap_or("").trim_start();
            let runs_on = line.ends_with([',', '-', '–'])
                || line
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| RUN_ON_WORDS.contains(&w.to_lowercase().as_str()))
                || next_line.chars().next().is_some_and(|c| c.is_lowercase());
            let ends = line.ends_with(['.', '!', '?', ':', '"', '»', '”', '…', ';'])
                || line.split_whitespace().count() < 8 && !runs_on
                || next_blank;
            if ends {
                push(&mut out, start, i);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') || bytes[i..].starts_with("…".as_bytes()) {
            let mut j = i + if b < 128 { 1 } else { '…'.len_utf8() };
            // Runs of punctuation and closing quotes/brackets stay with the sentence.
            while j < bytes.len() {
                let c = text[j..].chars().next().unwrap();
                if matches!(
                    c,
                    '.' | '!' | '?' | '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '…'
                ) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            if b == b'.' && !ends_sentence_at(text, start, i, j) {
                i = j;
                continue;
            }
            // Must be followed by whitespace then a sentence start.
            let rest = &text[j..];
            let ws = rest.len() - rest.trim_start_matches([' ', '\t', '\u{a0}']).len();
            if j >= bytes.len() {
                i = j;
                continue;
            }
            if ws == 0 && !rest.starts_with('\n') {
                i = j;
                continue;
            }
            let next = rest.trim_start().chars().next();
            let starts = next.is_some_and(|c| {
                c.is_uppercase()
                    || c.is_numeric()
                    || matches!(c, '"' | '«' | '“' | '„' | '—' | '–' | '-' | '(' | '\'')
            });
            if starts {
                push(&mut out, start, j);
                start = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, text.len());
    cap_length(text, out)
}

/// Longest sentence, in bytes: longer runs (text without punctuation) are cut
/// at a space, so every later stage stays linear in the input.
pub const MAX_SENTENCE_BYTES: usize = 2000;

fn cap_length(text: &str, sentences: Vec<Sentence>) -> Vec<Sentence> {
    if sentences
        .iter()
        .all(|s| s.bytes.len() <= MAX_SENTENCE_BYTES)
    {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut start = s.bytes.start;
        while s.bytes.end - start > MAX_SENTENCE_BYTES {
            let mut cut = start + MAX_SENTENCE_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let cut = text[start..cut]
                .rfind(char::is_whitespace)
                .filter(|&p| p > MAX_SENTENCE_BYTES / 2)
                .map_or(cut, |p| start + p);
            out.push(Sentence { bytes: start..cut });
            start = cut;
            while start < s.bytes.end && text[start..].starts_with(char::is_whitespace) {
                start += text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if start < s.bytes.end {
            out.push(Sentence {
                bytes: start..s.bytes.end,
            });
        }
    }
    out
}

/// Decides whether the full stop at `dot` (followed by the punctuation run up
/// to `after`) ends a sentence, looking at the word before it.
fn ends_sentence_at(text: &str, start: usize, dot: usize, after: usize) -> bool {
    let before = &text[start..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| p + before[p..].chars().next().unwrap().len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_upper = text[after..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    // Initials: "A. Lukashenko", "U.S."
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if word.chars().next().is_some_and(char::is_uppercase) && letters == 1 {
        return false;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') && letters <= 4 {
        return next_upper && lower.len() > 4;
    }
    // A number: "in 2018. Next" ends, "1." in a list does too.
    if word.chars().all(|c| c.is_numeric()) {
        return true;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    if UNIT_ABBREVIATIONS.contains(&lower.as_str()) {
        if !next_upper {
            return false;
        }
        if lower == "г" || lower == "гг" {
            let prev = before[..word_start].trim_end();
            return prev.chars().last().is_some_and(char::is_numeric);
        }
        // "16,88 млрд долл. США": the currency's country goes on.
        if lower == "долл" && text[after..].trim_start().starts_with("США") {
            return false;
        }
        return true;
    }
    true
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A token of a sentence: byte range (relative to the sentence), kind, key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// Normalized key: lowercase; Cyrillic stemmed; possessive "’s" becomes `'s`.
    pub key: String,
    /// First letter uppercase.
    pub cap: bool,
    /// All letters uppercase (acronyms), at least two letters.
    pub upper: bool,
    pub cyrillic: bool,
    /// Letters only (no digits).
    pub alpha: bool,
}

/// English month names, in order.
pub const MONTHS_EN: &[&str] = &[
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
];

/// Russian month names in the genitive, as dates write them ("25 июня").
const MONTHS_RU_GENITIVE: &[&str] = &[
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Whether a word key names a month: an English name or its short form
/// ("jan", "sept"), or a Russian one in a date's genitive.
pub fn is_month_word(key: &str) -> bool {
    MONTHS_EN.contains(&key)
        || key == "sept"
        || key.len() == 3 && MONTHS_EN.iter().any(|m| m.starts_with(key))
        || MONTHS_RU_GENITIVE.contains(&key)
}

/// The normalized key of one word (see [`Token::key`]): lowercase, "ё" as "е".
pub fn word_key(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let lower = word.to_lowercase();
    if lower.contains('ё') {
        lower.replace('ё', "е")
    } else {
        lower
    }
}

fn is_word_char(c: char) -> bool {
    // Fast paths for the two scripts of the genre before the Unicode tables.
    c.is_ascii_alphanumeric()
        || ('\u{0400}'..='\u{04FF}').contains(&c)
        || (!c.is_ascii() && c.is_alphanumeric() && c != MODIFIER_APOSTROPHE)
}

/// "ʼ" (U+02BC), written for an apostrophe by some publishers ("Serbiaʼs"):
/// a letter to Unicode, an apostrophe here.
const MODIFIER_APOSTROPHE: char = '\u{02BC}';

/// Tokenizes a sentence. Words are letter/digit runs; numbers keep inner
/// `.`/`,` ("2.5", "223,3", "8,000"); hyphens and other punctuation are
/// tokens of their own; "’s" after a word is the token `'s`.
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_numeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_numeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else if matches!(d, '.' | ',') || d == '\u{a0}' || d == ' ' {
                    // A separator inside a number: "2.5", "8,000", "1 500" (thin groups).
                    let after = s[j + d.len_utf8()..].chars().next();
                    let group_ok = if d == ' ' || d == '\u{a0}' {
                        s[j + d.len_utf8()..]
                            .chars()
                            .take(3)
                            .all(|x| x.is_ascii_digit())
                            && s[j + d.len_utf8()..]
                                .chars()
                                .nth(3)
                                .is_none_or(|x| !x.is_alphanumeric())
                            && s[i..j].chars().all(|x| x.is_ascii_digit())
                            && s[i..j].len() <= 3
                    } else {
                        after.is_some_and(|x| x.is_ascii_digit())
                    };
                    if group_ok {
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            // Ordinals and glued suffixes: "23rd", "20th", "2022-м" stay words.
            let mut tok_end = end;
            let mut kind = TokenKind::Number;
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    tok_end = j + d.len_utf8();
                    kind = TokenKind::Word;
                    it.next();
                } else {
                    break;
                }
            }
            let text = &s[i..tok_end];
            out.push(Token {
                range: i..tok_end,
                kind,
                key: text.to_lowercase(),
                cap: false,
                upper: false,
                cyrillic: false,
                alpha: false,
            });
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if d == '.' && end - i <= 3 {
                    // "U.S.", "e.g." stay one token when letters follow.
                    let after = s[j + 1..].chars().next();
                    if after.is_some_and(|x| x.is_alphabetic())
                        && s[j + 1..].chars().nth(1) == Some('.')
                    {
                        end = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let text = &s[i..end];
            let (mut letters, mut uppers, mut cyrillic, mut digits) =
                (0usize, 0usize, false, false);
            let mut first_upper = None;
            for c in text.chars() {
                if c.is_ascii_digit() {
                    digits = true;
                    continue;
                }
                let cyr = ('\u{0400}'..='\u{04FF}').contains(&c);
                if cyr || c.is_ascii_alphabetic() || c.is_alphabetic() {
                    cyrillic |= cyr;
                    let up = if c.is_ascii() {
                        c.is_ascii_uppercase()
                    } else {
                        c.is_uppercase()
                    };
                    first_upper.get_or_insert(up);
                    letters += 1;
                    uppers += usize::from(up);
                } else {
                    digits = true;
                }
            }
            out.push(Token {
                range: i..end,
                kind: TokenKind::Word,
                key: word_key(text),
                cap: first_upper == Some(true),
                upper: letters >= 2 && uppers == letters,
                cyrillic,
                alpha: !digits,
            });
            continue;
        }
        // Possessive: ’s / 's after a word, or a bare ’ after a word ending in s.
        if matches!(c, '\'' | '’' | '`' | MODIFIER_APOSTROPHE) {
            if let Some(prev) = out.last() {
                if prev.kind == TokenKind::Word && prev.range.end == i {
                    let next = s[i + c.len_utf8()..].chars().next();
                    if next.is_some_and(|n| n == 's' || n == 'S')
                        && s[i + c.len_utf8() + 1..]
                            .chars()
                            .next()
                            .is_none_or(|x| !x.is_alphanumeric())
                    {
                        it.next();
                        out.push(Token {
                            range: i..i + c.len_utf8() + 1,
                            kind: TokenKind::Punct,
                            key: "'s".into(),
                            cap: false,
                            upper: false,
                            cyrillic: false,
                            alpha: false,
                        });
                        continue;
                    }
                    if prev.key.ends_with('s') && next.is_none_or(|n| !n.is_alphanumeric()) {
                        out.push(Token {
                            range: i..i + c.len_utf8(),
                            kind: TokenKind::Punct,
                            key: "'s".into(),
                            cap: false,
                            upper: false,
                            cyrillic: false,
                            alpha: false,
                        });
                        continue;
                    }
                }
            }
        }
        let key = match c {
            '“' | '”' | '„' | '«' | '»' | '"' | '\'' | '‘' | '’' => "\"".to_string(),
            '–' | '—' | '‑' | '−' => "-".to_string(),
            other => other.to_string(),
        };
        out.push(Token {
            range: i..i + c.len_utf8(),
            kind: TokenKind::Punct,
            key,
            cap: false,
            upper: false,
            cyrillic: false,
            alpha: false,
        });
    }
    out
}

/// Converts a byte offset in `text` to a character offset.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        split_sentences(t)
            .into_iter()
            .map(|s| &t[s.bytes])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "Baku, Azerbaijan, Aug. 20. The forum in St. Petersburg opened. Mr. Smith spoke.";
        assert_eq!(
            sentences(t),
            vec![
                "Baku, Azerbaijan, Aug. 20.",
                "The forum in St. Petersburg opened.",
                "Mr. Smith spoke."
            ]
        );
    }

    #[test]
    fn russian_abbreviations() {
        let t = "Об этом сообщили корр. ИТАР-ТАСС в пресс-службе. Объем составил 13,8 млн. долл. в 2012 г. В январе рост продолжился.";
        assert_eq!(
            sentences(t),
            vec![
                "Об этом сообщили корр. ИТАР-ТАСС в пресс-службе.",
                "Объем составил 13,8 млн. долл. в 2012 г.",
                "В январе рост продолжился."
            ]
        );
    }

    #[test]
    fn russian_province_percent_and_dollar_abbreviations() {
        let t = "Рост составил 19,8 проц. до 16,88 млрд долл. США за год. Товарооборот между пров. Хэйлунцзян и Россией вырос.";
        assert_eq!(
            sentences(t),
            vec![
                "Рост составил 19,8 проц. до 16,88 млрд долл. США за год.",
                "Товарооборот между пров. Хэйлунцзян и Россией вырос."
            ]
        );
    }

    #[test]
    fn quotes_and_lines() {
        let t = "\"It is good,\" he said. \"We agree.\" The end\n\nHelicopter plant\n\nSpeaking at the meeting, he said so.";
        assert_eq!(
            sentences(t),
            vec![
                "\"It is good,\" he said.",
                "\"We agree.\"",
                "The end",
                "Helicopter plant",
                "Speaking at the meeting, he said so."
            ]
        );
    }

    #[test]
    fn no_punctuation_is_one_sentence() {
        assert_eq!(sentences("a b c d"), vec!["a b c d"]);
        assert!(sentences("").is_empty());
    }

    #[test]
    fn long_runs_are_cut() {
        let t = "word ".repeat(2000);
        let s = split_sentences(&t);
        assert!(s.len() >= 5);
        assert!(s.iter().all(|x| x.bytes.len() <= MAX_SENTENCE_BYTES));
        let joined: usize = s
            .iter()
            .map(|x| t[x.bytes.clone()].split_whitespace().count())
            .sum();
        assert_eq!(joined, 2000);
    }

    #[test]
    fn tokens_and_keys() {
        assert!(is_month_word("march") && is_month_word("sept") && is_month_word("июня"));
        assert!(!is_month_word("mar1") && !is_month_word("ма"));
        let toks = tokenize("Serbiaʼs MOLʼs");
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["serbia", "'s", "mol", "'s"]);
        let toks = tokenize("Azerbaijan’s GDP rose 2.5% to $1,200.5 bn in Belarus’ 23rd year");
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                "azerbaijan",
                "'s",
                "gdp",
                "rose",
                "2.5",
                "%",
                "to",
                "$",
                "1,200.5",
                "bn",
                "in",
                "belarus",
                "'s",
                "23rd",
                "year"
            ]
        );
        assert!(toks[2].upper && toks[0].cap);
        let ru = tokenize("Азербайджана Ёлка");
        assert_eq!(ru[0].key, "азербайджана");
        assert_eq!(ru[1].key, "елка");
    }

    #[test]
    fn tricky_numbers_do_not_panic() {
        for s in ["1.2.3", "$$", "12,", "1 000 000 рублей", ".5", "’s", "'"] {
            let _ = tokenize(s);
            let _ = split_sentences(s);
        }
        let t = tokenize("1 500 млн");
        assert_eq!(t[0].key, "1 500");
    }
}
