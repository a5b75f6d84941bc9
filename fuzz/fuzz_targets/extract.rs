//! The extractor on arbitrary text, and the article's quads: every fact
//! must point at a sentence and entities of its own extraction.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newskg::extract::{Extractor, Object};
use newskg::ingest::{Article, Meta};
use std::sync::OnceLock;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

/// The extractor, with the Russian dictionary loaded (it is read once, on
/// first use, which takes longer than any one input may).
fn extractor() -> &'static Extractor {
    EXTRACTOR.get_or_init(|| {
        newskg::extract::morphology::available();
        Extractor::new().expect("shipped data loads")
    })
}

fuzz_target!(init: {
    extractor();
}, |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ex = extractor();
    let article = Article::from_text("fuzz".into(), "fuzz.txt".into(), text, Meta::default());
    let x = ex.extract(&article);
    for f in &x.facts {
        assert!(f.subject < x.entities.len());
        assert!(f.sentence < x.sentences.len());
        if let Object::Entity(o) = f.object {
            assert!(o < x.entities.len());
        }
    }
    for o in &x.observations {
        assert!(o.sentence < x.sentences.len());
        assert!(o.parties.iter().all(|(_, e)| *e < x.entities.len()));
    }
    let _ = newskg::rdf::article_quads(&article, &x);
});
