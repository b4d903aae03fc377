#!/usr/bin/env bash
# Builds build/sanitize: the core, its GoogleTest suite and the libFuzzer
# targets in fuzz/, all with Clang 14 under AddressSanitizer +
# UndefinedBehaviorSanitizer (-fno-sanitize-recover=all: the first finding
# aborts). Clang because libFuzzer comes with it, and because it is the
# compiler of the wasm build too (Emscripten), so the suite also runs once
# with that front end. Debug: assertions on (nlohmann/json's included), -O0
# for the tests (the core and the fuzzers get -O1, see CMakeLists.txt), -g1
# for line numbers in sanitizer reports. Runs the tests when given "test".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/build-dir.sh
# Function names and lines in sanitizer reports (llvm-14, scripts/setup.sh).
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}

forget_moved_build build/sanitize
cmake -S . -B build/sanitize -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DSHARELOCK_FUZZ=ON >/dev/null
cmake --build build/sanitize -j "$(nproc)"

if [ "${1:-}" = test ]; then
  # One process for the whole suite (a sanitizer report aborts it and names
  # the test that was running); halt_on_error is implied by the flags.
  ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
  UBSAN_OPTIONS=print_stacktrace=1 \
    build/sanitize/tests/sharelock_core_tests --gtest_brief=1
fi
