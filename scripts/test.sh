#!/usr/bin/env bash
# npm test: the whole suite, in the order a failure is cheapest to read.
set -euo pipefail
cd "$(dirname "$0")/.."

# Where the time goes: each step's wall time, printed as a table at the end
# (also when a step fails), so the next slow addition is seen.
step_names=()
step_seconds=()
step_started=$SECONDS
step() {
  close_step
  step_names+=("$1")
  step_started=$SECONDS
  echo "== $1"
}
close_step() {
  [ ${#step_names[@]} -gt ${#step_seconds[@]} ] && step_seconds+=($((SECONDS - step_started)))
  return 0
}
print_steps() {
  close_step
  echo "== time per step (s)"
  for i in "${!step_names[@]}"; do printf '%6d  %s\n' "${step_seconds[$i]}" "${step_names[$i]}"; done
  printf '%6d  total\n' "$SECONDS"
}
trap print_steps EXIT

step "set-up: Debian and npm packages (scripts/setup.sh)"
bash scripts/setup.sh
step "build: native, wasm, shim (scripts/build.sh)"
bash scripts/build.sh

step "generated Unicode tables match the pinned Unicode data (tools/gen_unicode_tables.py --check)"
python3 tools/gen_unicode_tables.py --check

step "native core (GoogleTest via CTest)"
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

step "native core under AddressSanitizer + UndefinedBehaviorSanitizer (Clang, build/sanitize)"
bash scripts/sanitize.sh test

# A fixed number of inputs from a fixed seed: the same inputs on every
# machine, so this step cannot pass here and fail in CI by chance. Longer,
# random runs: FUZZ_SECONDS=600 scripts/fuzz.sh (fuzz/README.md).
step "fuzzing every parser of the core: 10,000 fixed inputs per target (scripts/fuzz.sh)"
FUZZ_RUNS=10000 FUZZ_BUILD=0 bash scripts/fuzz.sh

step "JS against the built wasm module (node --test)"
node --test tests/js/

step "the project scripts: copied checkouts, the test server, README numbers (node --test)"
node --test tests/scripts/

# One throw-away PostgreSQL cluster on 127.0.0.1 for the server tests: each
# PostgreSQL test file makes databases of its own in it (without this
# variable each file would start a cluster of its own). Stopped and removed
# when this script ends, however it ends.
step "verification server, its stores (SQLite and PostgreSQL) and the mock provider (node --test)"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/sharelock-pg-XXXXXX")
trap 'bash scripts/postgres.sh stop "$pg_dir"; print_steps' EXIT
SHARELOCK_TEST_DATABASE_URL=$(PG_FSYNC=off bash scripts/postgres.sh start "$pg_dir")
export SHARELOCK_TEST_DATABASE_URL
node --test tests/server/
bash scripts/postgres.sh stop "$pg_dir"
trap print_steps EXIT
unset SHARELOCK_TEST_DATABASE_URL

step "the npm package: entries, SRI snippet, npm pack -> offline install -> Node, tsc, esbuild, Chromium (node --test)"
node --test tests/package/

step "browser (Playwright + Chromium)"
npx playwright test
