#!/usr/bin/env python3
"""spaCy on the corpus of `cargo bench --bench extract`, for the same-run baseline.

The sample corpus and tests/devset/corpus, repeated to ~4 MB as separate
documents, through spaCy's rule-based English pipeline (tokenizer and
sentencizer: a blank pipeline, no statistical model) on one process. Prints
words per second, counted as the Rust benchmark counts them (whitespace).
Run by benches/extract_vs_spacy.sh; needs `pip install spacy`.
"""
import pathlib
import sys
import time

import spacy

root = pathlib.Path(__file__).resolve().parent.parent
texts = []
for d in ["corpus", "tests/devset/corpus"]:
    for f in sorted((root / d).iterdir()):
        texts.append(f.read_text(encoding="utf-8"))
docs, size = [], 0
while size < (4 << 20):
    for t in texts:
        docs.append(t)
        size += len(t.encode("utf-8"))
words = sum(len(t.split()) for t in docs)
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
nlp.max_length = 10**8
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    n = 0
    for doc in nlp.pipe(docs, batch_size=64):
        n += len(doc)
    best = min(best, time.perf_counter() - t0)
print(f"spaCy {spacy.__version__} blank('en')+sentencizer: {words / best:>10.0f} words/s ({best:.3f} s, {len(docs)} docs, {words} words)")
sys.stdout.flush()
