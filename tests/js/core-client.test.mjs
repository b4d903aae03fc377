// The shim's core clients against the built modules: web/share-core.js
// (typed share-bar calls) and web/core-client.js (the main module), the
// object API the widgets use, the text clean-up both do on the way in
// (web/core-call.js), and traps turned into error values.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { configureCore, loadCore } from '../../web/core-client.js';
import { guarded } from '../../web/core-call.js';
import { loadExactShareCore, loadShareCore } from '../../web/share-core.js';

const dist = new URL('../../dist/', import.meta.url);
configureCore({ moduleUrl: dist });
const wasm = (name) => readFile(new URL(`${name}.wasm`, dist));
const share = await loadShareCore({ wasmBinary: await wasm('sharelock-share') });
const exact = await loadExactShareCore({ wasmBinary: await wasm('sharelock-share-exact') });
const core = await loadCore({ wasmBinary: await wasm('sharelock-core') });
const page = { url: 'https://shop.example/', lang: 'en' };

test('shares one instance: a second load returns the same client', async () => {
  assert.equal(await loadCore(), core);
  assert.equal(await loadShareCore(), share);
});

test('hands the core NFC text, so a decomposed é is shared composed', () => {
  const view = share.renderShareBar({ attributes: { networks: 'x', text: 'Cafe\u0301' }, page });
  assert.equal(view.buttons[0].text, 'Caf\u00e9');
  assert.match(view.buttons[0].href, /text=Caf%C3%A9&/);
});

test('turns a lone surrogate into U+FFFD instead of failing the request', () => {
  const view = share.renderShareBar({ attributes: { networks: 'x', text: 'a\ud800b' }, page });
  assert.equal(view.fatal, false);
  assert.match(view.buttons[0].href, /text=a%EF%BF%BDb&/);
});

test('counts decomposed text the way X does after NFC', () => {
  // 276 × "é" written as e + U+0301: 552 code points before NFC, 276 after.
  // With the URL that is over 280: X links no host without a real
  // top-level domain, so https://shop.example/ counts its 21 characters,
  // leaving 280 - 1 - 21 = 258 for the text: 256 characters plus the
  // ellipsis, which X weighs 2 (U+2026 lies outside its weight-1 range
  // U+2010–U+201F).
  const request = { attributes: { networks: 'x', text: 'e\u0301'.repeat(276) }, page };
  // The share bar's small module cannot settle a text this long by its
  // bounds: the exact module does.
  assert.equal(share.renderShareBar(request).textUndecided, true);
  const view = exact.renderShareBar(request);
  assert.equal(view.textUndecided, false);
  assert.equal(view.buttons[0].text, '\u00e9'.repeat(256) + '\u2026');
});

test('an attribute that is not a string is absent, a missing page fact empty: never a trap', () => {
  const view = share.renderShareBar({ attributes: { networks: 42, url: ['javascript:alert(1)'] }, page: { url: page.url } });
  assert.equal(view.fatal, false);
  assert.deepEqual(view.errors, []);
  assert.ok(view.buttons.length > 3, 'the default networks');
  assert.ok(view.buttons.every((button) => button.sharedUrl === 'https://shop.example/'));
  assert.equal(share.renderShareBar({}).fatal, true, 'no page: nothing to share');
});

test('the main module\'s Mastodon check is cleaned and typed too', () => {
  assert.deepEqual(core.checkMastodonHost({ input: '@ana@Mastodon.Social', lang: 'en' }), { ok: true, host: 'mastodon.social', message: '' });
  assert.deepEqual(share.checkMastodonHost({ input: 'MASTODON.social', lang: 'es' }), { ok: true, host: 'mastodon.social', message: '' });
});

test('a trap inside a call comes back as the one error shape', () => {
  const failing = guarded(() => { throw new RangeError('memory access out of bounds'); });
  assert.deepEqual(failing(), {
    fatal: true,
    errors: [{ code: 'internal-error', attribute: '', message: 'the core failed: memory access out of bounds' }],
  });
  const serverStyle = guarded(() => { throw new Error('boom'); }, (error) => ({ ok: false, status: 500, error }));
  assert.deepEqual(serverStyle(), { ok: false, status: 500, error: { code: 'internal-error', attribute: '', message: 'the core failed: boom' } });
});
