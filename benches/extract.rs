//! Extraction throughput on one core: `cargo bench --bench extract`.
//!
//! The corpus is the sample corpus and the development set, repeated to a
//! few MB, each copy a separate article (as a build sees them). Reported:
//! words per second for the whole extraction (sentences, gazetteer, names,
//! rules, figures), and, measured in the same run as a baseline, words per
//! second for tokenization alone; the ratio is the figure to compare across
//! machines.

use newskg::extract::{text, Extractor};
use newskg::ingest::{Article, Meta};
use std::path::Path;
use std::time::Instant;

fn load_articles(target_bytes: usize) -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["corpus", "tests/devset/corpus"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            texts.push(std::fs::read_to_string(&f).unwrap());
        }
    }
    let mut out = Vec::new();
    let mut bytes = 0;
    let mut n = 0;
    while bytes < target_bytes {
        for t in &texts {
            let key = format!("bench-{n}");
            n += 1;
            bytes += t.len();
            out.push(Article::from_text(key.clone(), key, t, Meta::default()));
        }
    }
    out
}

fn main() {
    let t0 = Instant::now();
    let extractor = Extractor::new().expect("shipped data loads");
    let load = t0.elapsed();
    let articles = load_articles(4 << 20);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let words: usize = articles
        .iter()
        .map(|a| a.text.split_whitespace().count())
        .sum();

    // Baseline: sentence splitting and tokenization only.
    let mut best_base = f64::MAX;
    let mut best_full = f64::MAX;
    let mut facts = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let mut tokens = 0;
        for a in &articles {
            for s in text::split_sentences(&a.text) {
                tokens += text::tokenize(&a.text[s.bytes]).len();
            }
        }
        std::hint::black_box(tokens);
        best_base = best_base.min(t.elapsed().as_secs_f64());

        let t = Instant::now();
        facts = 0;
        for a in &articles {
            let ex = extractor.extract(a);
            facts += ex.facts.len() + ex.observations.len();
        }
        best_full = best_full.min(t.elapsed().as_secs_f64());
    }
    // Where the time goes, stage by stage (one pass).
    let (mut t_doc, mut t_rules, mut t_fig) = (0f64, 0f64, 0f64);
    for a in &articles {
        let t = Instant::now();
        let spans = text::split_sentences(&a.text);
        let mut doc = newskg::extract::entities::Document::new(&extractor, a);
        for (i, s) in spans.iter().enumerate() {
            doc.add_sentence(i, &a.text[s.bytes.clone()]);
        }
        t_doc += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut ex = newskg::extract::Extraction::default();
        for (i, sent) in doc.sentences.iter().enumerate() {
            extractor.rules.apply(sent, i, &mut ex.facts);
        }
        t_rules += t.elapsed().as_secs_f64();
        let t = Instant::now();
        newskg::extract::figures::extract(&doc, a, &mut ex);
        t_fig += t.elapsed().as_secs_f64();
    }
    println!(
        "stages: sentences+names {t_doc:.3} s, relation rules {t_rules:.3} s, figures {t_fig:.3} s"
    );
    let full_wps = words as f64 / best_full;
    let base_wps = words as f64 / best_base;
    println!(
        "corpus: {} articles, {:.1} MB, {} words; data load {:.0} ms",
        articles.len(),
        bytes as f64 / 1e6,
        words,
        load.as_secs_f64() * 1e3
    );
    println!(
        "tokenization only (baseline): {:>10.0} words/s ({:.3} s)",
        base_wps, best_base
    );
    println!(
        "full extraction:              {:>10.0} words/s ({:.3} s, {} facts and figures)",
        full_wps, best_full, facts
    );
    println!(
        "extraction / baseline time:   {:>10.2}x",
        best_full / best_base
    );
}
