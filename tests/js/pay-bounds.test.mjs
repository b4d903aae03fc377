// The main module (sharelock-core.wasm) counts a pay widget's post by upper
// bounds, as the share bar's small module does, without the Unicode and
// top-level-domain tables (core/include/sharelock/text_fit.hpp). Whatever
// it decides must be exactly what sharelock-pay-exact.wasm answers, step
// for step; what it cannot decide it must say so (textUndecided), with
// nothing else in the answer. Seeded generated widgets, both built modules.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { loadExactPayCore } from '../../web/pay-modules.js';
import { loadBuiltCore, randomFrom } from './support.mjs';

const main = await loadBuiltCore();
const exact = await loadExactPayCore({ wasmBinary: await readFile(new URL('../../dist/sharelock-pay-exact.wasm', import.meta.url)) });

const page = { url: 'https://shop.example.com/ebook?fbclid=1', title: 'The ebook', lang: 'en' };
const PIECES = ['Free', 'ebook', 'Café', '本日限定', '🎉', '👩🏽‍💻', 'shop.example.com', 'mitienda.es/oferta', 'a.b', '12:30',
  'x'.repeat(40), ' ', ' ', '.', '…', '#tag', '\n'];
const TAGS = ['ebook', 'Libros_2026', 'año', '本', 'bad tag'];

function generated(random, n) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const attributes = { item: 'ebook', network: pick(['x', 'bluesky', 'mastodon', 'threads', 'facebook']) };
  if (random() < 0.8) attributes.text = Array.from({ length: Math.floor(random() * n) }, () => pick(PIECES)).join('');
  if (random() < 0.4) attributes.hashtags = pick(TAGS);
  if (random() < 0.3) attributes.via = pick(['shop', 'bad handle']);
  if (random() < 0.5) attributes.url = pick(['https://shop.example/p', 'https://例え.jp/本']);
  return { attributes, page };
}

// describePay, then a click's step from "init": the link the shopper's
// share window opens is in the view and the effects.
function answers(core, widget) {
  const described = core.describePay(widget);
  if (described.textUndecided) return null;
  const init = core.stepPay({ ...widget, now: 1_764_000_000_000, event: 'init', stored: {} });
  const click = core.stepPay({ ...widget, now: 1_764_000_000_000, event: 'click', state: init.state, stored: {} });
  return { described, init, click };
}

const same = (widget) => {
  const fromMain = answers(main, widget);
  if (fromMain === null) {
    // Undecided says nothing else: no item, no keys to read storage with.
    assert.deepEqual(main.describePay(widget), { fatal: false, errors: [], item: '', lang: '', keys: { unlock: '', snooze: '', pending: '' }, textUndecided: true });
    assert.equal(main.stepPay({ ...widget, now: 1, event: 'click', stored: {} }).effects.length, 0);
    return 'undecided';
  }
  assert.deepEqual(fromMain, answers(exact, widget), JSON.stringify(widget));
  return 'decided';
};

test('whatever the main module decides for pay, it decides as the exact module does', () => {
  const random = randomFrom(31);
  const counts = { decided: 0, undecided: 0 };
  for (let i = 0; i < 600; i += 1) counts[same(generated(random, i % 2 ? 10 : 70))] += 1;
  assert.ok(counts.decided > 200 && counts.undecided > 60, JSON.stringify(counts));
});

test('settles the pay widgets shops write, and leaves a text near X\'s limit to the exact module', () => {
  const shop = { attributes: { item: 'ebook', network: 'x', text: 'Share to get the spring ebook free! 🎉', hashtags: 'ShopSmall' }, page };
  assert.equal(same(shop), 'decided');
  const long = { attributes: { item: 'ebook', network: 'x', text: 'é'.repeat(270) }, page };
  assert.equal(main.describePay(long).textUndecided, true);
  const settled = exact.describePay(long);
  assert.equal(settled.textUndecided, false);
  assert.equal(settled.item, 'ebook');
});
