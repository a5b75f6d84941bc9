//! Entities named on the command line or in a query: by IRI (`<...>` or
//! bare), by prefixed name (`id:belarus`), or by label in any language,
//! case-insensitively. An ambiguous label lists its entities; an unknown
//! name comes with the closest labels (or IRIs) by edit distance.

use super::graph::{EntityGraph, NodeId};
use crate::vocab;

/// Why a name did not give one entity. `arg` names the argument at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("{arg}: no entity is called {given:?}{}", suggest(.suggestions))]
    Unknown {
        arg: String,
        given: String,
        suggestions: Vec<String>,
    },
    #[error("{arg}: {given:?} names {} entities: {}; give the IRI or prefixed name of the one you mean", .candidates.len(), .candidates.join(", "))]
    Ambiguous {
        arg: String,
        given: String,
        candidates: Vec<String>,
    },
    #[error("{arg}: {given} is not an entity (entities are IRIs under {}); {}", vocab::ENTITY, if .suggestions.is_empty() { "nothing like it is in the graph".to_string() } else { format!("did you mean {}?", .suggestions.join(" or ")) })]
    NotEntity {
        arg: String,
        given: String,
        suggestions: Vec<String>,
    },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        " (and no label is close to it)".to_string()
    } else {
        format!("; did you mean {}?", s.join(" or "))
    }
}

/// How many suggestions an unknown name gets, and how close they must be
/// (normalised Levenshtein similarity, 1 = equal).
const SUGGESTIONS: usize = 3;
const MIN_SIMILARITY: f64 = 0.5;

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `normalise(label) == wanted`, without building the normalised
/// label (a lookup compares every label of the graph).
fn same_normalised(label: &str, wanted: &str) -> bool {
    label
        .split_whitespace()
        .enumerate()
        .flat_map(|(i, w)| (i > 0).then_some(' ').into_iter().chain(w.chars()))
        .flat_map(char::to_lowercase)
        .eq(wanted.chars())
}

/// "Belarus (id:belarus)".
pub fn describe(g: &EntityGraph, n: NodeId) -> String {
    format!("{} ({})", g.name(n), vocab::compact(g.iri(n)))
}

/// Finds the entity `given` names; `arg` is how errors refer to it (FROM,
/// ENTITY...).
pub fn resolve(g: &EntityGraph, arg: &str, given: &str) -> Result<NodeId, LookupError> {
    let text = given.trim();
    let iri = if let Some(inner) = text.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
        Some(inner.to_string())
    } else if text.contains("://") {
        Some(text.to_string())
    } else if !text.contains(char::is_whitespace) {
        vocab::expand(text)
    } else {
        None
    };
    if let Some(iri) = iri {
        if let Some(n) = g.node(&iri) {
            return Ok(n);
        }
        let shown = vocab::compact(&iri);
        let suggestions = closest(
            g,
            &shown,
            |n| vec![vocab::compact(g.iri(n))],
            |n| describe(g, n),
        );
        return Err(if vocab::is_entity(&iri) {
            LookupError::Unknown {
                arg: arg.to_string(),
                given: text.to_string(),
                suggestions,
            }
        } else {
            LookupError::NotEntity {
                arg: arg.to_string(),
                given: text.to_string(),
                suggestions,
            }
        });
    }

    let wanted = normalise(text);
    let matches: Vec<NodeId> = g
        .nodes()
        .filter(|n| {
            g.labels(*n)
                .iter()
                .any(|l| same_normalised(&l.text, &wanted))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(LookupError::Unknown {
            arg: arg.to_string(),
            given: text.to_string(),
            suggestions: closest(
                g,
                &wanted,
                |n| g.labels(n).iter().map(|l| normalise(&l.text)).collect(),
                |n| describe(g, n),
            ),
        }),
        many => Err(LookupError::Ambiguous {
            arg: arg.to_string(),
            given: text.to_string(),
            candidates: many.iter().map(|n| describe(g, *n)).collect(),
        }),
    }
}

/// The entities whose keys are most like `wanted`, best first.
fn closest(
    g: &EntityGraph,
    wanted: &str,
    keys: impl Fn(NodeId) -> Vec<String>,
    show: impl Fn(NodeId) -> String,
) -> Vec<String> {
    let mut scored: Vec<(f64, NodeId)> = g
        .nodes()
        .filter_map(|n| {
            keys(n)
                .iter()
                .map(|k| strsim::normalized_levenshtein(wanted, k))
                .fold(None, |best: Option<f64>, s| {
                    Some(best.map_or(s, |b| b.max(s)))
                })
                .filter(|s| *s >= MIN_SIMILARITY)
                .map(|s| (s, n))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, n)| show(n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::graph::GraphBuilder;
    use super::*;
    use crate::extract::Predicate;

    #[test]
    fn labels_compare_as_normalised() {
        for label in [
            "Minsk  Tractor\tWorks",
            "Минский тракторный завод",
            "MAZ",
            "",
        ] {
            for given in [
                "minsk tractor works",
                "минский Тракторный ЗАВОД",
                "maz",
                "ma",
                "",
            ] {
                assert_eq!(
                    same_normalised(label, &normalise(given)),
                    normalise(label) == normalise(given),
                    "{label:?} vs {given:?}"
                );
            }
        }
    }

    fn sample() -> EntityGraph {
        let mut b = GraphBuilder::default();
        let by = b.node("http://newskg.org/id/belarus");
        let mtw = b.node("http://newskg.org/id/minsk-tractor-works");
        let fc = b.node("http://newskg.org/id/fc-belarus");
        b.label(by, "Belarus", "en");
        b.label(by, "Беларусь", "ru");
        b.label(mtw, "Minsk Tractor Works", "en");
        b.label(mtw, "Минский тракторный завод", "ru");
        b.label(fc, "belarus", "en");
        b.relation(mtw, Predicate::Country, by, 1);
        b.build()
    }

    #[test]
    fn by_iri_prefixed_name_and_label_in_either_language() {
        let g = sample();
        let mtw = g.node("http://newskg.org/id/minsk-tractor-works").unwrap();
        for given in [
            "http://newskg.org/id/minsk-tractor-works",
            "<http://newskg.org/id/minsk-tractor-works>",
            "id:minsk-tractor-works",
            "Minsk Tractor Works",
            "  minsk   TRACTOR works ",
            "МИНСКИЙ ТРАКТОРНЫЙ ЗАВОД",
        ] {
            assert_eq!(resolve(&g, "FROM", given), Ok(mtw), "{given}");
        }
        let by = g.node("http://newskg.org/id/belarus").unwrap();
        assert_eq!(resolve(&g, "TO", "беларусь"), Ok(by));
    }

    #[test]
    fn ambiguous_unknown_and_non_entities() {
        let g = sample();
        let e = resolve(&g, "TO", "Belarus").unwrap_err();
        assert_eq!(
            e.to_string(),
            "TO: \"Belarus\" names 2 entities: Belarus (id:belarus), belarus (id:fc-belarus); give the IRI or prefixed name of the one you mean"
        );
        let e = resolve(&g, "FROM", "Minsk Tractor Work").unwrap_err();
        assert_eq!(
            e.to_string(),
            "FROM: no entity is called \"Minsk Tractor Work\"; did you mean Minsk Tractor Works (id:minsk-tractor-works)?"
        );
        let e = resolve(&g, "FROM", "Atlantis").unwrap_err();
        assert!(matches!(&e, LookupError::Unknown { suggestions, .. } if suggestions.is_empty()));
        assert!(e.to_string().contains("no label is close"), "{e}");
        let e = resolve(&g, "ENTITY", "id:belaruss").unwrap_err();
        assert!(
            e.to_string().contains("did you mean Belarus (id:belarus)"),
            "{e}"
        );
        let e = resolve(&g, "ENTITY", "nkg:Country").unwrap_err();
        assert!(matches!(e, LookupError::NotEntity { .. }));
        assert!(e
            .to_string()
            .starts_with("ENTITY: nkg:Country is not an entity"));
    }
}
