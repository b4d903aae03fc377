#!/usr/bin/env bash
# Builds the native core and its tests, the wasm modules and the JS shim.
#   build/native  — g++ build of core/ and the GoogleTest suite
#   build/wasm    — Emscripten build: the browser's four standalone .wasm
#                   modules and the verification server's Embind module
#   dist/         — what a page loads: sharelock.js, its chunks, the .wasm files
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/build-dir.sh
jobs=$(nproc)

forget_moved_build build/native
forget_moved_build build/wasm

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$jobs"

# emcc runs acorn from Debian's node modules (TOOLCHAIN.md).
export NODE_PATH=/usr/share/nodejs
if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
fi
cmake --build build/wasm -j "$jobs"

node scripts/build-shim.mjs
