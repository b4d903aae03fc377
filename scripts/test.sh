#!/usr/bin/env bash
# npm test: the whole suite, in the order a failure is cheapest to read.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh

echo "== native core (GoogleTest via CTest)"
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

echo "== native core under AddressSanitizer + UndefinedBehaviorSanitizer (Clang, build/sanitize)"
bash scripts/sanitize.sh test

# A fixed number of inputs from a fixed seed: the same inputs on every
# machine, so this step cannot pass here and fail in CI by chance. Longer,
# random runs: FUZZ_SECONDS=600 scripts/fuzz.sh (fuzz/README.md).
echo "== fuzzing every parser of the core: 10,000 fixed inputs per target (scripts/fuzz.sh)"
FUZZ_RUNS=10000 FUZZ_BUILD=0 bash scripts/fuzz.sh

echo "== JS against the built wasm module (node --test)"
node --test tests/js/

# One throw-away PostgreSQL cluster on 127.0.0.1 for the server tests: each
# PostgreSQL test file makes databases of its own in it (without this
# variable each file would start a cluster of its own). Stopped and removed
# when this script ends, however it ends.
echo "== verification server, its stores (SQLite and PostgreSQL) and the mock provider (node --test)"
pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/sharelock-pg-XXXXXX")
trap 'bash scripts/postgres.sh stop "$pg_dir"' EXIT
SHARELOCK_TEST_DATABASE_URL=$(PG_FSYNC=off bash scripts/postgres.sh start "$pg_dir")
export SHARELOCK_TEST_DATABASE_URL
node --test tests/server/
bash scripts/postgres.sh stop "$pg_dir"
trap - EXIT
unset SHARELOCK_TEST_DATABASE_URL

echo "== the npm package: entries, SRI snippet, npm pack -> offline install -> Node, tsc, esbuild, Chromium (node --test)"
node --test tests/package/

echo "== browser (Playwright + Chromium)"
npx playwright test
