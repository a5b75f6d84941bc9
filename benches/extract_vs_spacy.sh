#!/usr/bin/env bash
# Extraction throughput with spaCy as the baseline, both in one run:
#   benches/extract_vs_spacy.sh        (needs `pip install spacy`)
# The ratio of words per second is the figure to compare across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
rust="$(cargo bench --quiet --bench extract 2>/dev/null)"
echo "$rust"
py="$(python3 benches/spacy_baseline.py)"
echo "$py"
full=$(echo "$rust" | awk '/^full extraction:/{print $3}')
spacy=$(echo "$py" | awk '{for (i=1;i<=NF;i++) if ($i=="words/s") print $(i-1)}')
python3 -c "print(f'newskg full extraction / spaCy tokenizer+sentencizer: {$full/$spacy:.2f}x the words per second')"
