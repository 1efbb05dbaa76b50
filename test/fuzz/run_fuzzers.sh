#!/usr/bin/env bash
# Runs the libFuzzer targets built by `make fuzz`, each for a while, on seeds
# generated from ../shared/corpus (nothing from the corpus is copied into the
# repository). See test/fuzz/README.md.
#
#   test/fuzz/run_fuzzers.sh [--seconds S] [--build DIR] [--parallel P]
#                            [--keep-going] [TARGET...]
#
#   --seconds S     per target (default 60)
#   --build DIR     the FLOE_FUZZ build tree (default build/fuzz)
#   --parallel P    targets run at once (default 1)
#   --keep-going    do not stop a target at its first crash (libFuzzer -fork=1
#                   -ignore_crashes/-ignore_ooms/-ignore_timeouts)
#   TARGET...       default: every floe_fuzz_* in the build tree
#
# Layout under DIR: seeds/<target>/ (regenerated when absent), corpus/<target>/
# (what libFuzzer found; kept between runs), artifacts/<target>/ (crash-*,
# leak-*, timeout-*, oom-*), logs/<target>.log.
set -euo pipefail

seconds=60
build=build/fuzz
parallel=1
keep_going=0
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --keep-going) keep_going=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "run_fuzzers.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

cd "$(dirname "$0")/../.."
if [[ ! -x "$build/test/fuzz/floe_fuzz_replay" ]]; then
  echo "run_fuzzers.sh: $build has no fuzz build; run 'make fuzz' first" >&2
  exit 1
fi
if [[ ${#targets[@]} -eq 0 ]]; then
  for f in "$build"/floe_fuzz_*; do targets+=("$(basename "$f" | sed 's/^floe_fuzz_//')"); done
fi

# Seeds: real pages, footers and chunks of every small corpus file, in each
# target's input layout. Without the corpus libFuzzer starts from nothing.
if [[ ! -d "$build/seeds" ]]; then
  if "$build/test/fuzz/floe_fuzz_replay" --write-seeds "$build/seeds.tmp"; then
    mv "$build/seeds.tmp" "$build/seeds"
  else
    echo "run_fuzzers.sh: no corpus: starting without seeds" >&2
    mkdir -p "$build/seeds"
  fi
fi

flags=(-max_len=65536 -rss_limit_mb=2048 -timeout=10 -max_total_time="$seconds"
       -print_final_stats=1)
if [[ $keep_going -eq 1 ]]; then
  flags+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
fi

run_one() {
  local t="$1"
  mkdir -p "$build/corpus/$t" "$build/seeds/$t" "$build/artifacts/$t" "$build/logs"
  echo "== $t: ${seconds}s"
  # The first folder receives new inputs; the seeds are only read.
  "$build/floe_fuzz_$t" "${flags[@]}" -artifact_prefix="$build/artifacts/$t/" \
      "$build/corpus/$t" "$build/seeds/$t" > "$build/logs/$t.log" 2>&1 || true
  local last
  last=$(grep -E "^#[0-9]+" "$build/logs/$t.log" | tail -1 || true)
  echo "== $t: done: ${last:-no progress line, see $build/logs/$t.log}"
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [[ $running -ge $parallel ]]; then
    wait -n || true
    running=$((running - 1))
  fi
done
wait

echo
echo "Findings (reproduce with $build/floe_fuzz_<target> FILE, or floe_fuzz_replay --target <target> FILE):"
found=0
for t in "${targets[@]}"; do
  artifacts=("$build/artifacts/$t"/*)
  [[ -e "${artifacts[0]}" ]] || continue
  found=1
  for f in "${artifacts[@]}"; do echo "  $t: $f"; done
  # The one-line summaries of the reports, counted.
  grep -h -E "^SUMMARY: |^==[0-9]+== ERROR: libFuzzer|floe fuzz: check failed|floe: fatal" \
      "$build/logs/$t.log" 2>/dev/null | sort | uniq -c | sed 's/^/      /' || true
done
[[ $found -eq 1 ]] || echo "  none"
exit "$found"
