// Size budgets of the script-tag build (dist/, brotli -q 11, source maps
// excluded), in bytes. Not a timing: bytes are exact, so this cannot flake.
// Set from the measurement and lowered as the build gets smaller; raising
// one needs a reason in the commit that does it. `node scripts/sizes.mjs`
// prints the current numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scriptTagSizes } from '../../scripts/sizes.mjs';

// DESIGN.md's aims are far below these (a shim of at most 6 KB, a kit under
// 32 KB); bench/README.md says where the bytes go.
// Brotli's output moves by about 1 KB with code layout alone (a refactor
// that shrank the wasm's code by 285 bytes grew its brotli size by 1,160),
// so each budget keeps about 1.5 KB of headroom over the measurement.
// Raised for the verified unlock (issue 7, X and Mastodon): its OAuth
// state, PKCE, SHA-256, callback checks and five JSON entry points cost the
// wasm 11 KB brotli, its panel, callback and retries the shim 2.8 KB
// (measured 82,516 / 14,130, total 104,138).
const BUDGET = {
  total: 105_700,  // everything a page with all four widgets loads
  wasm: 84_000,    // sharelock-core.wasm
  js: 23_000,      // the shim and the wasm's glue together
  shim: 15_600,    // the shim alone (sharelock.js and any chunks), so it cannot grow unseen behind the glue
};

const { files, total } = scriptTagSizes();
const table = files.map((f) => `${f.file}: ${f.raw} raw, ${f.gzip} gzip, ${f.brotli} brotli`).join('\n');
const brotliOf = (predicate) => files.filter((f) => predicate(f.file)).reduce((sum, f) => sum + f.brotli, 0);

test('the whole script-tag build fits its brotli budget', () => {
  assert.ok(files.some((f) => f.file.endsWith('.wasm')), `no wasm in dist/:\n${table}`);
  assert.ok(total.brotli <= BUDGET.total, `${total.brotli} B brotli > budget ${BUDGET.total} B\n${table}`);
});

test('the wasm core fits its brotli budget', () => {
  const wasm = brotliOf((file) => file.endsWith('.wasm'));
  assert.ok(wasm <= BUDGET.wasm, `${wasm} B brotli > budget ${BUDGET.wasm} B\n${table}`);
});

test('the JavaScript (shim and glue) fits its brotli budget', () => {
  const js = brotliOf((file) => /\.m?js$/.test(file));
  assert.ok(js > 0 && js <= BUDGET.js, `${js} B brotli > budget ${BUDGET.js} B\n${table}`);
});

test('the shim alone fits its brotli budget', () => {
  const shim = brotliOf((file) => /\.m?js$/.test(file) && !file.startsWith('sharelock-core'));
  assert.ok(shim > 0 && shim <= BUDGET.shim, `${shim} B brotli > budget ${BUDGET.shim} B\n${table}`);
});
