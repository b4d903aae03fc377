#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (fuzz/README.md): each for
# FUZZ_SECONDS, FUZZ_JOBS at a time, starting from its seeds in
# fuzz/corpus/<target>/. Fails, naming the input that did it, on any crash,
# leak, sanitizer report, broken invariant, timeout or out-of-memory.
#
#   scripts/fuzz.sh                 every target, 20 s each, 2 at a time on 2 cores
#   scripts/fuzz.sh url base64url   only these
#   FUZZ_SECONDS=600 scripts/fuzz.sh    a longer run
#   FUZZ_SECONDS=0 scripts/fuzz.sh      only replays the seeds (a few seconds)
#   FUZZ_RUNS=30000 scripts/fuzz.sh     a fixed number of inputs per target from a fixed
#                                       seed (FUZZ_SEED, default 1) and the committed seeds
#                                       only: the same inputs on every machine, so a pass here
#                                       is a pass in CI (npm test runs this)
#
# Environment: FUZZ_SECONDS (default 20), FUZZ_JOBS (default nproc),
# FUZZ_BUILD=0 to skip building build/sanitize (scripts/sanitize.sh).
# Inputs that reach new code are kept in build/fuzz/corpus/<target>/ (the
# committed seeds stay small; copy good ones over by hand), findings go to
# build/fuzz/artifacts/<target>/, full logs to build/fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
# Function names and lines in sanitizer reports (llvm-14, scripts/setup.sh).
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

seconds=${FUZZ_SECONDS:-20}
runs=${FUZZ_RUNS:-}
seed=${FUZZ_SEED:-1}
jobs=${FUZZ_JOBS:-$(nproc)}
[ "${FUZZ_BUILD:-1}" = 0 ] || bash scripts/sanitize.sh

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for source in fuzz/*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

out=build/fuzz
mkdir -p "$out/logs" "$out/status"

run_target() {
  local target=$1
  local binary=build/sanitize/fuzz/fuzz_$target
  local log=$out/logs/$target.log
  local artifacts=$out/artifacts/$target/
  rm -rf "$artifacts" "$out/status/$target"
  mkdir -p "$artifacts" "$out/corpus/$target"
  local options=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "-artifact_prefix=$artifacts")
  [ -f "fuzz/dict/$target.dict" ] && options+=("-dict=fuzz/dict/$target.dict")
  # The first corpus folder receives new inputs; the seeds are only read.
  local corpus=$out/corpus/$target
  if [ -n "$runs" ]; then
    # Deterministic: a fresh, empty folder in front of the committed seeds.
    corpus=$out/fixed/$target
    rm -rf "$corpus"
    mkdir -p "$corpus"
    options+=("-runs=$runs" "-seed=$seed")
  elif [ "$seconds" -gt 0 ]; then
    options+=("-max_total_time=$seconds")
  else
    options+=(-runs=0)
  fi
  local status=0
  "$binary" "${options[@]}" "$corpus" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  echo "$status" >"$out/status/$target"
  local runs coverage
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  if [ "$status" -eq 0 ]; then
    printf '  %-18s ok      %10s runs, %s\n' "$target" "${runs:-?}" "${coverage:-cov: ?}"
  else
    printf '  %-18s FAILED  (exit %s) log: %s\n' "$target" "$status" "$log"
  fi
}

if [ -n "$runs" ]; then
  echo "fuzz: ${#targets[@]} targets, ${runs} inputs each from seed ${seed}, ${jobs} at a time"
else
  echo "fuzz: ${#targets[@]} targets, ${seconds} s each, ${jobs} at a time"
fi
for target in "${targets[@]}"; do
  if [ ! -x "build/sanitize/fuzz/fuzz_$target" ] || [ ! -d "fuzz/corpus/$target" ]; then
    echo "fuzz: unknown target $target (no build/sanitize/fuzz/fuzz_$target or fuzz/corpus/$target)" >&2
    exit 2
  fi
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$target" &
done
wait

passed=0
failed=0
for target in "${targets[@]}"; do
  if [ "$(cat "$out/status/$target" 2>/dev/null || echo 1)" = 0 ]; then
    passed=$((passed + 1))
    continue
  fi
  failed=$((failed + 1))
  log=$out/logs/$target.log
  echo
  echo "== fuzz_$target failed; the report:"
  grep -E -A60 '^==[0-9]+==|runtime error|fuzz invariant failed|ERROR: libFuzzer' "$log" | head -80 || tail -40 "$log"
  for input in "$out/artifacts/$target"/*; do
    [ -f "$input" ] || continue
    echo "-- input: $input"
    echo "   replay: build/sanitize/fuzz/fuzz_$target $input"
  done
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
