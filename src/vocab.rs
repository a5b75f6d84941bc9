//! The only place IRIs and namespaces are spelled.
//!
//! Everything that writes RDF asks this module for names; nothing else
//! concatenates IRI strings. Entity IRIs are derived from a canonical slug so
//! that the same canonical name gives the same IRI in every run and article.

use oxigraph::model::{NamedNode, NamedNodeRef};

/// Ontology namespace (classes, properties, role individuals).
pub const NKG: &str = "http://newskg.org/ontology#";
/// Entity namespace: `ENTITY` + slug.
pub const ENTITY: &str = "http://newskg.org/id/";
/// Article namespace: `ARTICLE` + key hash. Each article's named graph has the article's IRI.
pub const ARTICLE: &str = "http://newskg.org/article/";
/// Named graph holding the ontology.
pub const ONTOLOGY_GRAPH: &str = "http://newskg.org/graph/ontology";
/// Ontology document IRI.
pub const ONTOLOGY: &str = "http://newskg.org/ontology";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const SCHEMA: &str = "http://schema.org/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// Prefixes declared in exports, the REPL and queries, in a fixed order.
pub const PREFIXES: &[(&str, &str)] = &[
    ("", NKG),
    ("nkg", NKG),
    ("id", ENTITY),
    ("article", ARTICLE),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("dcterms", DCTERMS),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("skos", SKOS),
    ("org", ORG),
    ("wd", WIKIDATA),
];

/// A term of the ontology namespace, e.g. `nkg("partnersWith")`.
pub fn nkg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NKG}{local}"))
}

/// The IRI of an entity with the given slug.
pub fn entity(slug: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ENTITY}{slug}"))
}

/// The IRI (and named graph) of an article with the given key hash.
pub fn article(key: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ARTICLE}{key}"))
}

/// A node inside an article's namespace (sentences, observations, statements).
pub fn article_part(key: &str, part: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ARTICLE}{key}/{part}"))
}

pub fn wikidata(qid: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{WIKIDATA}{qid}"))
}

pub fn ontology_graph() -> NamedNode {
    NamedNode::new_unchecked(ONTOLOGY_GRAPH)
}

macro_rules! terms {
    ($($name:ident = $iri:expr;)*) => {
        $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked($iri);)*
    };
}

terms! {
    RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
    RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
    RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
    RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
    RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
    SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel";
    OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs";
    XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal";
    XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer";
    XSD_DATE = "http://www.w3.org/2001/XMLSchema#date";
    DC_DATE = "http://purl.org/dc/terms/date";
    DC_TITLE = "http://purl.org/dc/terms/title";
    DC_PUBLISHER = "http://purl.org/dc/terms/publisher";
    DC_CREATOR = "http://purl.org/dc/terms/creator";
    DC_LANGUAGE = "http://purl.org/dc/terms/language";
    DC_IS_PART_OF = "http://purl.org/dc/terms/isPartOf";
    SCHEMA_URL = "http://schema.org/url";
    SCHEMA_NEWS_ARTICLE = "http://schema.org/NewsArticle";
    PROV_WAS_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom";
    NKG_ARTICLE = "http://newskg.org/ontology#Article";
    NKG_SENTENCE = "http://newskg.org/ontology#Sentence";
    NKG_STATEMENT = "http://newskg.org/ontology#Statement";
    NKG_CONTENT_HASH = "http://newskg.org/ontology#contentHash";
    NKG_SOURCE = "http://newskg.org/ontology#source";
    NKG_LANGUAGE = "http://newskg.org/ontology#language";
    NKG_TEXT = "http://newskg.org/ontology#text";
    NKG_START = "http://newskg.org/ontology#start";
    NKG_END = "http://newskg.org/ontology#end";
    NKG_INDEX = "http://newskg.org/ontology#index";
    NKG_EVIDENCE = "http://newskg.org/ontology#evidence";
    NKG_MENTION = "http://newskg.org/ontology#mention";
    NKG_AMOUNT = "http://newskg.org/ontology#amount";
    NKG_AMOUNT_TEXT = "http://newskg.org/ontology#amountText";
    NKG_CURRENCY = "http://newskg.org/ontology#currency";
    NKG_PERIOD = "http://newskg.org/ontology#period";
    NKG_CHANGE_PERCENT = "http://newskg.org/ontology#changePercent";
    NKG_HEDGE = "http://newskg.org/ontology#hedge";
    NKG_HOP_COUNT = "http://newskg.org/ontology#hopCount";
    NKG_DIRECTED_HOP_COUNT = "http://newskg.org/ontology#directedHopCount";
}

/// Whether an IRI names an entity (as opposed to an article, a sentence, an
/// observation, a statement or an ontology term).
pub fn is_entity(iri: &str) -> bool {
    iri.len() > ENTITY.len() && iri.starts_with(ENTITY)
}

/// Expands a prefixed name (`id:belarus`) with the declared prefixes; `None`
/// when the prefix is not one of them.
pub fn expand(prefixed: &str) -> Option<String> {
    let (prefix, local) = prefixed.split_once(':')?;
    if local.starts_with("//") {
        return None;
    }
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, ns)| format!("{ns}{local}"))
}

/// Shortens an IRI with the declared prefixes (`nkg:` preferred over `:`), or
/// returns it in angle brackets.
pub fn compact(iri: &str) -> String {
    for (prefix, ns) in PREFIXES.iter().filter(|(p, _)| !p.is_empty()) {
        if let Some(local) = iri.strip_prefix(ns) {
            if !local.is_empty()
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return format!("{prefix}:{local}");
            }
        }
    }
    format!("<{iri}>")
}

/// Turns a name into an IRI-safe ASCII slug: lowercase, Cyrillic
/// transliterated, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let lower: String = c.to_lowercase().collect();
        let piece: &str = match lower.as_str() {
            "а" => "a",
            "б" => "b",
            "в" => "v",
            "г" => "g",
            "д" => "d",
            "е" | "э" => "e",
            "ё" => "yo",
            "ж" => "zh",
            "з" => "z",
            "и" => "i",
            "й" => "y",
            "к" => "k",
            "л" => "l",
            "м" => "m",
            "н" => "n",
            "о" => "o",
            "п" => "p",
            "р" => "r",
            "с" => "s",
            "т" => "t",
            "у" => "u",
            "ф" => "f",
            "х" => "kh",
            "ц" => "ts",
            "ч" => "ch",
            "ш" => "sh",
            "щ" => "shch",
            "ъ" | "ь" => "",
            "ы" => "y",
            "ю" => "yu",
            "я" => "ya",
            s => s,
        };
        for pc in piece.chars() {
            if pc.is_ascii_alphanumeric() {
                out.push(pc);
                dash = false;
            } else if !dash && !out.is_empty() {
                out.push('-');
                dash = true;
            }
        }
        if piece.is_empty() {
            continue;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("unnamed");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Minsk Tractor Works"), "minsk-tractor-works");
        assert_eq!(slug("Николай Пацкевич"), "nikolay-patskevich");
        assert_eq!(slug("St. Petersburg  Forum!"), "st-petersburg-forum");
        assert_eq!(slug("«»"), "unnamed");
    }

    #[test]
    fn compacts_known_namespaces() {
        assert_eq!(compact("http://newskg.org/ontology#Country"), "nkg:Country");
        assert_eq!(compact("http://newskg.org/id/belarus"), "id:belarus");
        assert_eq!(compact("http://example.org/x"), "<http://example.org/x>");
    }

    #[test]
    fn expands_declared_prefixes_only() {
        assert_eq!(
            expand("id:belarus").as_deref(),
            Some("http://newskg.org/id/belarus")
        );
        assert_eq!(
            expand(":Country").as_deref(),
            Some("http://newskg.org/ontology#Country")
        );
        assert_eq!(expand("foo:bar"), None);
        assert_eq!(expand("http://newskg.org/id/x"), None);
        assert!(is_entity("http://newskg.org/id/belarus"));
        assert!(!is_entity("http://newskg.org/id/"));
        assert!(!is_entity("http://newskg.org/article/abc"));
    }
}
