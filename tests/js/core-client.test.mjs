// The shim's core client (web/core-client.js) against the built module: the
// object API the widgets use, and the text clean-up it does on the way in.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { configureCore, loadCore } from '../../web/core-client.js';

const dist = new URL('../../dist/', import.meta.url);
configureCore({ moduleUrl: new URL('sharelock-core.mjs', dist) });
const core = await loadCore({ wasmBinary: await readFile(new URL('sharelock-core.wasm', dist)) });
const page = { url: 'https://shop.example/', lang: 'en' };

test('shares one instance: a second load returns the same core', async () => {
  assert.equal(await loadCore(), core);
});

test('hands the core NFC text, so a decomposed é is shared composed', () => {
  const view = core.renderShareBar({ attributes: { networks: 'x', text: 'Cafe\u0301' }, page });
  assert.equal(view.buttons[0].text, 'Caf\u00e9');
  assert.match(view.buttons[0].href, /text=Caf%C3%A9&/);
});

test('turns a lone surrogate into U+FFFD instead of failing the request', () => {
  const view = core.renderShareBar({ attributes: { networks: 'x', text: 'a\ud800b' }, page });
  assert.equal(view.fatal, false);
  assert.match(view.buttons[0].href, /text=a%EF%BF%BDb&/);
});

test('counts decomposed text the way X does after NFC', () => {
  // 276 × "é" written as e + U+0301: 552 code points before NFC, 276 after.
  // With the URL (23 + 1 space) that is 300 > 280, leaving 256 for the text:
  // 254 characters plus the ellipsis, which X weighs 2 (U+2026 lies outside
  // its weight-1 range U+2010–U+201F).
  const view = core.renderShareBar({ attributes: { networks: 'x', text: 'e\u0301'.repeat(276) }, page });
  assert.equal(view.buttons[0].text, '\u00e9'.repeat(254) + '\u2026');
});
