// The share bar's small module (sharelock-share.wasm) counts text by upper
// bounds only, without the Unicode and top-level-domain tables (core/
// include/sharelock/text_fit.hpp). Whatever it decides must be exactly what
// the exact module (sharelock-share-exact.wasm) answers; what it cannot
// decide it must say so (textUndecided). Seeded generated requests, both
// built modules, view for view.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { loadExactShareCore, loadShareCore } from '../../web/share-core.js';
import { codePoints, randomFrom } from './support.mjs';

const dist = new URL('../../dist/', import.meta.url);
const wasm = (name) => readFile(new URL(`${name}.wasm`, dist));
const small = await loadShareCore({ wasmBinary: await wasm('sharelock-share') });
const exact = await loadExactShareCore({ wasmBinary: await wasm('sharelock-share-exact') });

const NETWORKS = 'x,bluesky,mastodon,threads,facebook,whatsapp,email,copy';
const page = { url: 'https://shop.example.com/products/ebook?fbclid=1', title: 'The ebook', lang: 'en' };

// Pieces texts are made of: plain and accented words, CJK, emoji (with
// ZWJ and skin tones), links with and without a scheme, dots and colons
// that are no link, white space, a refused character now and then.
const PIECES = ['sale', 'Café', 'ñandú', '本日限定', 'المتجر', '🎉', '👩🏽‍💻', '🇪🇸', '1️⃣', '©', 'e\u0301',
  'https://shop.example.com/x', 'shop.example.com', 'mitienda.es/oferta', 't.co/abc', 'a.b', '12:30', 'http://',
  'x'.repeat(30), ' ', ' ', ' ', '\n', '.', '…', '#tag', '@ana', '\u200d'];
const TAGS = ['books', 'Libros_2026', 'año', '本', 'a‿b', '12345', '_', 'ok·ok', '#x', 'bad tag', 'é\u0301'];

function generated(random, n) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const text = () => Array.from({ length: Math.floor(random() * n) }, () => pick(PIECES)).join('');
  const attributes = { networks: NETWORKS };
  if (random() < 0.8) attributes.text = text();
  if (random() < 0.4) attributes.hashtags = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(TAGS)).join(',');
  if (random() < 0.3) attributes.via = pick(['shop', '@tienda', 'bad handle']);
  if (random() < 0.3) attributes.url = pick(['https://shop.example/p', 'https://tienda.example.es/ofertas/2026?x=1', 'https://例え.jp/本']);
  return { attributes, page: { ...page, title: random() < 0.2 ? text() : page.title } };
}

const same = (request) => {
  const fromSmall = small.renderShareBar(request);
  if (fromSmall.textUndecided) return 'undecided';
  const fromExact = exact.renderShareBar(request);
  assert.equal(fromExact.textUndecided, false);
  assert.deepEqual(fromSmall, fromExact, `${JSON.stringify(request)}\n${codePoints(request.attributes.text ?? '')}`);
  return 'decided';
};

test('whatever the small module decides, it decides as the exact module does', () => {
  const random = randomFrom(18);
  const counts = { decided: 0, undecided: 0 };
  // Short texts (most are settled) and long ones (most are not).
  for (let i = 0; i < 1500; i += 1) counts[same(generated(random, i % 2 ? 12 : 60))] += 1;
  assert.ok(counts.decided > 500 && counts.undecided > 200, JSON.stringify(counts));
});

test('near each network\'s limit, short links weigh 23 where the network links them: still the same answers', () => {
  const random = randomFrom(23);
  const counts = { decided: 0, undecided: 0 };
  for (const [network, limit] of [['x', 280], ['mastodon', 500], ['bluesky', 300], ['threads', 500]]) {
    for (let i = 0; i < 150; i += 1) {
      const links = Array.from({ length: Math.floor(random() * 4) }, () => ['a.co', 't.co/x', 'https://a.co', 'é.es'][Math.floor(random() * 4)]);
      const filler = 'word '.repeat(Math.floor((limit - 120 + random() * 140) / 5));
      const request = { attributes: { networks: network, url: 'https://s.co/', text: `${filler}${links.join(' ')}` }, page };
      counts[same(request)] += 1;
    }
  }
  assert.ok(counts.decided > 100 && counts.undecided > 100, JSON.stringify(counts));
});

test('settles the share bars shops write: a sentence, a link, ASCII hashtags, a page title', () => {
  const requests = [
    { attributes: { networks: NETWORKS, text: 'Our spring ebook is free this week — grab it before Sunday! 🎉' }, page },
    { attributes: { networks: NETWORKS, text: '¡Oferta de primavera en mitienda.es! Envío gratis 🚚', hashtags: 'Oferta,Primavera2026' }, page },
    { attributes: { networks: NETWORKS, hashtags: 'ShopSmall', via: 'shop' }, page },
    { attributes: { networks: NETWORKS }, page: { ...page, title: 'Ebook de recetas · Tienda de Ana' } },
  ];
  for (const request of requests) assert.equal(same(request), 'decided', JSON.stringify(request));
});

test('leaves a non-ASCII hashtag and a text near a limit undecided, and the exact module answers them', () => {
  const nonAscii = { attributes: { networks: 'x', hashtags: 'año' }, page };
  assert.equal(small.renderShareBar(nonAscii).textUndecided, true);
  assert.deepEqual(exact.renderShareBar(nonAscii).errors, []);
  const long = { attributes: { networks: 'bluesky', text: 'é'.repeat(299) }, page };
  assert.equal(small.renderShareBar(long).textUndecided, true);
  const view = exact.renderShareBar(long);
  assert.equal(view.textUndecided, false);
  assert.ok(view.buttons[0].text.endsWith('…'));
});
