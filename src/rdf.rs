//! RDF for one article: the article node, its entities, relations (each
//! also reified as an `nkg:Statement` with its evidence sentence) and
//! observations, all as quads in the article's own named graph.
//!
//! Knows nothing about stores or files; the same quads go to `extract`'s
//! stdout, the embedded store or a remote server.

use crate::extract::{Extraction, Object};
use crate::ingest::Article;
use crate::vocab::{self, *};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// Builds the quads of one article.
pub fn article_quads(article: &Article, ex: &Extraction) -> Vec<Quad> {
    let key = article.key_hash();
    let art = vocab::article(&key);
    let graph = GraphName::NamedNode(art.clone());
    let mut q = Quads {
        graph,
        out: Vec::new(),
    };

    q.add(&art, RDF_TYPE.into_owned(), NKG_ARTICLE.into_owned());
    q.add(
        &art,
        RDF_TYPE.into_owned(),
        SCHEMA_NEWS_ARTICLE.into_owned(),
    );
    q.add(
        &art,
        NKG_SOURCE.into_owned(),
        Literal::new_simple_literal(&article.source),
    );
    q.add(
        &art,
        NKG_CONTENT_HASH.into_owned(),
        Literal::new_simple_literal(article.content_hash()),
    );
    q.add(
        &art,
        NKG_LANGUAGE.into_owned(),
        Literal::new_simple_literal(article.lang.code()),
    );
    q.add(
        &art,
        DC_LANGUAGE.into_owned(),
        Literal::new_simple_literal(article.lang.code()),
    );
    if let Some(d) = &article.date {
        q.add(
            &art,
            DC_DATE.into_owned(),
            Literal::new_typed_literal(d, XSD_DATE),
        );
    }
    if let Some(t) = &article.title {
        q.add(
            &art,
            DC_TITLE.into_owned(),
            Literal::new_language_tagged_literal_unchecked(t, article.lang.code()),
        );
    }
    if let Some(p) = &article.publisher {
        q.add(
            &art,
            DC_PUBLISHER.into_owned(),
            Literal::new_simple_literal(p),
        );
    }
    if let Some(a) = &article.author {
        q.add(
            &art,
            DC_CREATOR.into_owned(),
            Literal::new_simple_literal(a),
        );
    }
    if let Some(u) = &article.url {
        q.add(
            &art,
            SCHEMA_URL.into_owned(),
            Literal::new_simple_literal(u),
        );
    }

    let entity_iris: Vec<NamedNode> = ex.entities.iter().map(|e| vocab::entity(&e.slug)).collect();
    for (e, iri) in ex.entities.iter().zip(&entity_iris) {
        q.add(iri, RDF_TYPE.into_owned(), nkg(e.class.local()));
        for broader in e.class.broader() {
            q.add(iri, RDF_TYPE.into_owned(), nkg(broader.local()));
        }
        for (label, lang) in &e.labels {
            q.add(
                iri,
                RDFS_LABEL.into_owned(),
                Literal::new_language_tagged_literal_unchecked(label, lang.code()),
            );
        }
        for (label, lang) in &e.alt_labels {
            q.add(
                iri,
                SKOS_ALT_LABEL.into_owned(),
                Literal::new_language_tagged_literal_unchecked(label, lang.code()),
            );
        }
        if let Some(qid) = &e.wikidata {
            q.add(iri, OWL_SAME_AS.into_owned(), vocab::wikidata(qid));
        }
    }

    let mut used_sentences = std::collections::BTreeSet::new();
    let sentence_iri = |i: usize| vocab::article_part(&key, &format!("s{i}"));
    for (n, f) in ex.facts.iter().enumerate() {
        let s = &entity_iris[f.subject];
        let p = nkg(f.predicate.local());
        let o: Term = match f.object {
            Object::Entity(o) => entity_iris[o].clone().into(),
            Object::Role(r) => nkg(r.local()).into(),
        };
        q.add(s, p.clone(), o.clone());
        let st = vocab::article_part(&key, &format!("fact{n}"));
        q.add(&st, RDF_TYPE.into_owned(), NKG_STATEMENT.into_owned());
        q.add(&st, RDF_SUBJECT.into_owned(), s.clone());
        q.add(&st, RDF_PREDICATE.into_owned(), p);
        q.add(&st, RDF_OBJECT.into_owned(), o);
        q.add(&st, NKG_EVIDENCE.into_owned(), sentence_iri(f.sentence));
        q.add(&st, PROV_WAS_DERIVED_FROM.into_owned(), art.clone());
        used_sentences.insert(f.sentence);
    }
    for (n, o) in ex.observations.iter().enumerate() {
        let node = vocab::article_part(&key, &format!("obs{n}"));
        q.add(&node, RDF_TYPE.into_owned(), nkg(o.kind.local()));
        for (role, e) in &o.parties {
            q.add(&node, nkg(role.property()), entity_iris[*e].clone());
        }
        q.add(
            &node,
            NKG_AMOUNT.into_owned(),
            Literal::new_typed_literal(&o.amount, XSD_DECIMAL),
        );
        q.add(
            &node,
            NKG_CURRENCY.into_owned(),
            Literal::new_simple_literal(&o.currency),
        );
        q.add(
            &node,
            NKG_AMOUNT_TEXT.into_owned(),
            Literal::new_simple_literal(&o.text),
        );
        if let Some(p) = &o.period {
            q.add(
                &node,
                NKG_PERIOD.into_owned(),
                Literal::new_simple_literal(p),
            );
        }
        if let Some(c) = &o.change_percent {
            q.add(
                &node,
                NKG_CHANGE_PERCENT.into_owned(),
                Literal::new_typed_literal(c, XSD_DECIMAL),
            );
        }
        if let Some(h) = &o.hedge {
            q.add(
                &node,
                NKG_HEDGE.into_owned(),
                Literal::new_simple_literal(h),
            );
        }
        q.add(&node, NKG_EVIDENCE.into_owned(), sentence_iri(o.sentence));
        q.add(&node, PROV_WAS_DERIVED_FROM.into_owned(), art.clone());
        used_sentences.insert(o.sentence);
    }
    for i in used_sentences {
        let Some(s) = ex.sentences.get(i) else {
            continue;
        };
        let node = sentence_iri(i);
        q.add(&node, RDF_TYPE.into_owned(), NKG_SENTENCE.into_owned());
        q.add(&node, DC_IS_PART_OF.into_owned(), art.clone());
        q.add(&node, NKG_INDEX.into_owned(), Literal::from(i as i64));
        q.add(&node, NKG_START.into_owned(), Literal::from(s.start as i64));
        q.add(&node, NKG_END.into_owned(), Literal::from(s.end as i64));
        q.add(
            &node,
            NKG_TEXT.into_owned(),
            Literal::new_simple_literal(&s.text),
        );
    }
    q.out
}

struct Quads {
    graph: GraphName,
    out: Vec<Quad>,
}

impl Quads {
    fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.out.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            p,
            o.into(),
            self.graph.clone(),
        ));
    }
}
