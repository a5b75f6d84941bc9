#!/usr/bin/env bash
# Scores an extractor on one part of the real-article set, per language and
# in all: tests/realset/score.sh [BINARY] [dev|test]   (from the repository root)
set -euo pipefail
bin="${1:-target/release/newskg}"
part="${2:-dev}"
here="$(cd "$(dirname "$0")" && pwd)"
score="$here/../../../shared/eval/score.py"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for lang in en ru; do
  mkdir -p "$tmp/$lang/gold" "$tmp/$lang/corpus" "$tmp/all/gold" "$tmp/all/corpus"
  grep -v '^#' "$here/SOURCES.tsv" | awk -F'\t' -v p="$part" -v l="$lang" '$2==p && $6==l {print $1}' |
    while read -r stem; do
      [ -f "$here/$part/corpus/$stem.txt" ] || { echo "missing text: $part/corpus/$stem.txt" >&2; continue; }
      ln -s "$here/$part/gold/$stem.tsv" "$tmp/$lang/gold/"
      ln -s "$here/$part/corpus/$stem.txt" "$tmp/$lang/corpus/"
      ln -s "$here/$part/gold/$stem.tsv" "$tmp/all/gold/"
      ln -s "$here/$part/corpus/$stem.txt" "$tmp/all/corpus/"
    done
done
for lang in en ru; do
  echo "== $part, $lang ($(ls "$tmp/$lang/gold" | wc -l) articles)"
  python3 "$score" --cmd "$bin extract {file} --format nt" --gold "$tmp/$lang/gold" \
    --corpus "$tmp/$lang/corpus" --entities "$here/entities.tsv" | tail -4
done
echo "== $part, all ($(ls "$tmp/all/gold" | wc -l) articles with their texts)"
python3 "$score" --cmd "$bin extract {file} --format nt" --gold "$tmp/all/gold" \
  --corpus "$tmp/all/corpus" --entities "$here/entities.tsv" | tail -4
