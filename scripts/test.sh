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

echo "== JS against the built wasm module (node --test)"
node --test tests/js/

echo "== verification server, its store and the mock provider (node --test)"
node --test tests/server/

echo "== browser (Playwright + Chromium)"
npx playwright test
