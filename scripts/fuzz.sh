#!/usr/bin/env bash
# Fuzzes newskg's parsers of outside input with cargo fuzz (libFuzzer).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target for SECONDS (default 600)
#   scripts/fuzz.sh --smoke                 each target for 20 s (CI; an input
#                                           counts as a hang after 5 s, not 1 s)
#   scripts/fuzz.sh --list                  the targets
#
# Targets (fuzz/fuzz_targets/): ingest (text, HTML, JSON Lines, feeds, WARC),
# extract (the extractor and the article's quads on any text), script_header
# (saved query scripts' headers), repl_input (the REPL's statement splitter
# and meta-command parser), entity_lookup (names, IRIs and prefixed names
# against an entity graph). Seeds come from the project's own files
# (tests/fixtures, corpus/, queries/); what libFuzzer learns is kept in
# fuzz/corpus/TARGET (git-ignored). An input that panics, runs over 1 s or
# takes over 2 GB stops the run, is saved in fuzz/artifacts/TARGET/ and
# makes this script exit 1; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none TARGET fuzz/artifacts/TARGET/FILE
#
# Needs cargo-fuzz (installed here if missing) and a C++ compiler; the
# stable toolchain is enough (RUSTC_BOOTSTRAP=1 allows the flags it needs).
# The fuzz build leaves RocksDB out, so it does not compile it again.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(ingest extract script_header repl_input entity_lookup)
seconds=600
smoke=0
case "${1:-}" in
  --list) printf '%s\n' "${targets[@]}"; exit 0 ;;
  --smoke) seconds=20; smoke=1; shift ;;
  ''|-*) ;;
  *) seconds="$1"; shift ;;
esac
[ "$#" -gt 0 ] && targets=("$@")
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a whole number, not $seconds" >&2; exit 2; }

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/newskg-target}"
# cargo fuzz builds for the explicit host target, so its artifacts sit
# apart from the project's own in a shared target directory.
fuzz=(cargo fuzz run --sanitizer none --release --fuzz-dir fuzz)

seeds() {
  local d="fuzz/seeds/$1"
  rm -rf "$d"; mkdir -p "$d"
  case "$1" in
    ingest) cp tests/fixtures/* corpus/* "$d"/ ;;
    extract) cp corpus/* tests/devset/corpus/* "$d"/ ;;
    script_header|repl_input) find queries -name '*.rq' -exec cp {} "$d"/ \; ;;
    entity_lookup) printf 'Belarus' > "$d/label"; printf 'id:belarus' > "$d/prefixed"
                   printf '<https://example.org/x>' > "$d/iri" ;;
  esac
  echo "$d"
}

failed=()
for t in "${targets[@]}"; do
  [ -f "fuzz/fuzz_targets/$t.rs" ] || { echo "fuzz.sh: no target $t (see --list)" >&2; exit 2; }
  mkdir -p "fuzz/corpus/$t"
  s="$(seeds "$t")"
  echo "== $t: ${seconds}s"
  log="$(mktemp)"
  # Whole articles are long; the extractor is fuzzed on pieces of them.
  max_len=65536
  [ "$t" = extract ] && max_len=8192
  # A smoke run shares a busy machine: only a real hang should stop it.
  timeout=1
  [ "$smoke" = 1 ] && timeout=5
  if "${fuzz[@]}" "$t" "fuzz/corpus/$t" "$s" -- \
      -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$max_len" \
      -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^Done ' "$log" || tail -3 "$log"
  else
    # libFuzzer's report, without the input's bytes and the backtrace.
    sed -n '/^==[0-9]*== ERROR\|panicked at\|^SUMMARY\|deadly signal\|Failing input/,+2p' "$log" | head -30
    failed+=("$t")
  fi
  rm -f "$log"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz.sh: failed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
