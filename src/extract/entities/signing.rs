//! How a sentence says documents were signed: by whom ("the two countries
//! signed", "стороны подписали"), in the passive ("were signed",
//! "подписано"), counted ("34 intergovernmental agreements") or witnessed
//! ("witnessed the signing of"); the words of signing, of documents and of
//! the pair.
//!
//! Word tests over one sentence's lowercase words: no entities, no facts.

/// Word beginnings of signing, of signed documents, of a pair's documents,
/// and of plans (a sentence with one of these states no signing).
pub(super) const SIGNING: &[&str] = &["signed", "inked", "подписан", "подписал", "заключил"];

pub(super) const DOCUMENTS: &[&str] = &[
    "agreement",
    "memorand",
    "document",
    "treat",
    "accord",
    "protocol",
    "contract",
    "deal",
    "соглашени",
    "документ",
    "меморандум",
    "договор",
    "протокол",
    "контракт",
];

pub(super) const OF_THE_PAIR: &[&str] = &[
    "bilateral",
    "intergovernmental",
    "interstate",
    "inter-governmental",
    "двусторонн",
    "межправительствен",
    "межгосударствен",
];

/// The two parties named together: "the two countries", "both sides".
pub(super) const TWO_PARTIES: &[&str] = &[
    "two countries",
    "both countries",
    "our countries",
    "two states",
    "both states",
    "two nations",
    "both sides",
    "two sides",
    "the sides",
    "the parties",
    "both parties",
    "двух стран",
    "двумя странами",
    "обеих стран",
    "наших стран",
    "двух государств",
    "двумя государствами",
    "сторон",
];

/// Whether the pair is the subject of signing: "the two countries signed",
/// "both sides have signed", "we signed", "стороны подписали", "мы подписали".
pub(super) fn pair_is_signer(words: &[&str]) -> bool {
    let signs_after = |k: usize| {
        words
            .iter()
            .skip(k)
            .take(3)
            .any(|w| SIGNING.iter().any(|p| w.starts_with(p)))
    };
    (0..words.len()).any(|k| {
        let pair_end = TWO_PARTIES.iter().find_map(|phrase| {
            let parts: Vec<&str> = phrase.split(' ').collect();
            let fits = parts.iter().enumerate().all(|(j, p)| {
                words.get(k + j).is_some_and(|w| {
                    if j + 1 == parts.len() {
                        w.starts_with(p) && w.len() <= p.len() + 4
                    } else {
                        w == p
                    }
                })
            });
            fits.then_some(k + parts.len())
        });
        let we = matches!(words[k], "we" | "мы").then_some(k + 1);
        pair_end.or(we).is_some_and(signs_after)
    })
}

/// A signing in the passive voice: "were signed", "has been signed",
/// "подписано", "были подписаны" (not "подписание", a noun).
pub(super) fn passive_signing(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        matches!(w[0], "was" | "were" | "been" | "be") && matches!(w[1], "signed" | "inked")
    }) || words
        .iter()
        .any(|w| participle(w, "подписан") || participle(w, "заключен"))
        || (0..words.len()).any(|k| reduced_relative(words, k))
}

/// A Russian short or long passive participle of this stem: "подписано",
/// "заключен", "подписанные" (not the noun "подписание", "заключение").
pub(super) fn participle(w: &str, stem: &str) -> bool {
    w.strip_prefix(stem).is_some_and(|end| {
        matches!(
            end,
            "" | "о"
                | "ы"
                | "а"
                | "ный"
                | "ная"
                | "ное"
                | "ные"
                | "ных"
                | "ного"
                | "ной"
                | "ным"
        )
    })
}

/// "A memorandum on ICT signed yesterday", "the agreements signed during
/// the visit": a document noun shortly before "signed", which is followed
/// by a time or place, not by an object.
pub(super) fn reduced_relative(words: &[&str], k: usize) -> bool {
    matches!(words[k], "signed" | "inked")
        && k >= 1
        && !matches!(
            words[k - 1],
            "have" | "has" | "had" | "we" | "they" | "who" | "which" | "that" | "and" | "also"
        )
        && words[k.saturating_sub(8)..k]
            .iter()
            .any(|w| DOCUMENTS.iter().any(|p| w.starts_with(p)))
        && words.get(k + 1).is_some_and(|w| {
            matches!(
                *w,
                "yesterday"
                    | "today"
                    | "on"
                    | "in"
                    | "at"
                    | "during"
                    | "last"
                    | "earlier"
                    | "between"
                    | "following"
                    | "after"
                    | ","
                    | "."
                    | ")"
            )
        })
}

/// "Over 40 interstate and intergovernmental agreements", "более чем 50
/// двусторонними договорами": a number of the pair's documents. Returns
/// where the count stands.
pub(super) fn counted_agreements(words: &[&str]) -> Option<usize> {
    (0..words.len()).find(|&k| {
        words[k].chars().all(|c| c.is_ascii_digit())
            && words[k + 1..]
                .iter()
                .take(5)
                .take_while(|w| {
                    OF_THE_PAIR.iter().any(|p| w.starts_with(p))
                        || matches!(**w, "and" | "и" | ",")
                        || DOCUMENTS.iter().any(|p| w.starts_with(p))
                })
                .any(|w| DOCUMENTS.iter().any(|p| w.starts_with(p)))
            && words[k + 1..]
                .iter()
                .take(4)
                .any(|w| OF_THE_PAIR.iter().any(|p| w.starts_with(p)))
    })
}

/// Where a signing attended or witnessed is named: "witnessed the signing
/// of", "attended the signing ceremony", "присутствовали при подписании".
pub(super) fn witnessed_signing(words: &[&str]) -> Option<usize> {
    (0..words.len()).find(|&k| {
        (words[k] == "signing" || words[k].starts_with("подписани"))
            && words[k.saturating_sub(3)..k].iter().any(|w| {
                ["witness", "attend", "присутств", "наблюдал"]
                    .iter()
                    .any(|p| w.starts_with(p))
            })
    })
}
