// The badge's numbers against an independent oracle: Intl.NumberFormat
// (ICU's CLDR data) with roundingMode "trunc", for a spread of counts in
// both languages. The core writes them itself, so this pins it to CLDR.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { proofRequest } from '../../web/proof-calls.js';
import { loadAbiCalls } from '../../web/wasm-loader.js';

const dist = new URL('../../dist/', import.meta.url);
const core = await loadAbiCalls('sharelock-core', { wasmBinary: await readFile(new URL('sharelock-core.wasm', dist)) });

function badgeNumber(count, lang, notation) {
  const view = core.describeProof(proofRequest({
    attributes: { count: String(count), notation, lang, min: '0' },
    page: { url: 'https://shop.example/p' },
    now: 0,
  }));
  assert.equal(view.fatal, false, JSON.stringify(view.errors));
  // "1.2K people bought this" / "1,2 mil personas lo han comprado"
  return view.text.replace(/ (people|person|personas|persona) .*$/u, '');
}

// Every magnitude, its edges, and numbers whose next digit would round up.
const counts = [0, 1, 7, 999, 1000, 1049, 1050, 1099, 1284, 1999, 9999, 10000, 12345, 99999, 100000, 999999,
  1000000, 1049999, 1999999, 12345678, 123456789, 999999999, 1000000000, 1234567890, 9999999999, 12345678901,
  123456789012, 999999999999];
for (let i = 0; i < 200; i += 1) counts.push(Math.floor(10 ** (i / 17)));

for (const lang of ['en', 'es']) {
  for (const notation of ['full', 'compact']) {
    test(`${lang} ${notation} numbers match Intl.NumberFormat with truncation`, () => {
      const oracle = new Intl.NumberFormat(lang, {
        notation: notation === 'compact' ? 'compact' : 'standard',
        roundingMode: 'trunc',
      });
      for (const count of counts) assert.equal(badgeNumber(count, lang, notation), oracle.format(count), `count ${count}`);
    });
  }
}

test('auto notation is exact below 10,000 and compact from there', () => {
  assert.equal(badgeNumber(9999, 'en', 'auto'), '9,999');
  assert.equal(badgeNumber(10000, 'en', 'auto'), '10K');
  assert.equal(badgeNumber(9999, 'es', 'auto'), '9999');
  assert.equal(badgeNumber(10000, 'es', 'auto'), '10\u00A0mil');
});
