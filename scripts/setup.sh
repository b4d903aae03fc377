#!/usr/bin/env bash
# Installs what the build and the tests need and is not there yet: Debian
# packages (as root, on Debian 12) and the npm devDependencies. Safe to run
# again: it does nothing when everything is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node.js 20+ comes with the machine (Debian 12's own nodejs is 18, too old
# for Playwright and esbuild here); say so clearly instead of failing later.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# clang-14 + libclang-rt-14-dev (libFuzzer, ASan and UBSan runtimes) and
# llvm-14 (llvm-symbolizer, for readable reports) build and run
# build/sanitize: the sanitizer run of the tests and the fuzzers.
# openjdk-17-jre-headless runs the Closure Compiler (npm
# google-closure-compiler), which emcc uses to shrink the wasm modules' JS
# glue (TOOLCHAIN.md).
# make + python3 build better-sqlite3 (the verification server's embedded
# store) from source when npm has no prebuilt binary for this Node.
# postgresql: the PostgreSQL store's tests and the load test start a
# throw-away server of their own (scripts/postgres.sh); the package's own
# cluster service is not used.
# publicsuffix: the Public Suffix List, whose ICANN section the build makes
# the core's table of top-level domains from (tools/gen_top_level_domains.py).
apt_packages=(cmake g++ make python3 libgtest-dev emscripten nlohmann-json3-dev libfmt-dev chromium brotli publicsuffix
  clang-14 libclang-rt-14-dev llvm-14 postgresql openjdk-17-jre-headless)

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or install them yourself): apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when the lock file is newer than what is installed.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
