#!/usr/bin/env bash
# The suite on a busy machine, as CI runs it: a fresh clone of this
# checkout's HEAD (committed work only), `npm test` RUNS times in a row in
# it (CI=true, as CI sets), while stress-ng keeps every core busy with a
# CPU-bound load. Stops at the first failure and shows the end of its log.
#
#   scripts/test-under-load.sh        3 runs
#   scripts/test-under-load.sh 1      one run
#   LOAD_WORKERS=4 scripts/...        heavier load (default: one per core)
#
# Logs (each run's output, its time-per-step table) stay in the folder it
# prints; the clone is removed when every run passed (kept after a failure,
# to look into). Installs stress-ng from Debian when it is missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
workers=${LOAD_WORKERS:-$(nproc)}
for number in "$runs" "$workers"; do
  if ! [[ $number =~ ^[1-9][0-9]*$ ]]; then
    echo "test-under-load: runs and LOAD_WORKERS must be whole numbers ≥ 1 (got '$number')" >&2
    exit 2
  fi
done

if ! command -v stress-ng >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-under-load: stress-ng is missing: apt-get install stress-ng" >&2
    exit 1
  fi
  echo "test-under-load: installing stress-ng"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends stress-ng >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends stress-ng >/dev/null; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sharelock-under-load-XXXXXX")
clone=$work/clone
git clone --quiet --no-hardlinks "$PWD" "$clone"
echo "test-under-load: $(git -C "$clone" log -1 --format='%h %s' | cut -c1-100)"
echo "test-under-load: $runs run(s) of npm test in $clone, $workers stress-ng CPU workers; logs in $work"

# Bounded on its own too (4 h), so an interrupted run never leaves it behind.
stress-ng --cpu "$workers" --timeout 4h --quiet &
stress=$!
trap 'kill "$stress" 2>/dev/null || true; wait "$stress" 2>/dev/null || true' EXIT

for run in $(seq 1 "$runs"); do
  log=$work/run-$run.log
  started=$SECONDS
  status=0
  (cd "$clone" && CI=true npm test) >"$log" 2>&1 </dev/null || status=$?
  took=$((SECONDS - started))
  # A verdict "under load" only if the load really lasted the whole run.
  if ! kill -0 "$stress" 2>/dev/null; then
    echo "run $run: stress-ng stopped during the run, so it did not run under load" >&2
    exit 1
  fi
  if [ "$status" -ne 0 ]; then
    echo "run $run: FAILED (exit $status) after ${took} s; the end of $log:"
    tail -n 60 "$log"
    exit 1
  fi
  echo "run $run: passed in ${took} s"
  sed -n '/^== time per step/,$p' "$log" | sed 's/^/    /'
done
echo "test-under-load: $runs of $runs runs passed under load"
rm -rf "$clone"
