// The built wasm module (dist/sharelock-core.mjs + .wasm), called the way the
// shim calls it: one JSON string in, one out.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const dist = new URL('../../dist/', import.meta.url);
const { default: createSharelockCore } = await import(new URL('sharelock-core.mjs', dist));
const core = await createSharelockCore({ wasmBinary: await readFile(new URL('sharelock-core.wasm', dist)) });

const render = (request) => JSON.parse(core.renderShareBar(JSON.stringify(request)));
const page = { url: 'https://shop.example/products/ebook?utm_source=news&fbclid=abc&size=m', title: 'Ebook', lang: 'en' };

test('builds the X intent with text, url, hashtags and via', () => {
  const view = render({
    attributes: { networks: 'x', url: 'https://shop.example/ebook', text: 'Free ebook & more', hashtags: 'SeedSale,Libros', via: '@shop' },
    page,
  });
  assert.equal(view.fatal, false);
  assert.deepEqual(view.errors, []);
  assert.equal(view.buttons.length, 1);
  assert.equal(view.buttons[0].href,
    'https://x.com/intent/tweet?text=Free%20ebook%20%26%20more&url=https%3A%2F%2Fshop.example%2Febook' +
    '&hashtags=SeedSale%2CLibros&via=shop');
  assert.equal(view.buttons[0].name, 'Share on X');
});

test('defaults to the page URL without tracking parameters, and the title as text', () => {
  const view = render({ attributes: { networks: 'bluesky' }, page });
  assert.equal(view.buttons[0].sharedUrl, 'https://shop.example/products/ebook?size=m');
  assert.equal(view.buttons[0].href,
    'https://bsky.app/intent/compose?text=Ebook%20https%3A%2F%2Fshop.example%2Fproducts%2Febook%3Fsize%3Dm');
});

test('refuses a javascript: URL with a typed error naming the attribute', () => {
  const view = render({ attributes: { url: 'javascript:alert(1)' }, page });
  assert.equal(view.fatal, true);
  assert.deepEqual(view.buttons, []);
  assert.equal(view.errors[0].code, 'unsafe-url');
  assert.equal(view.errors[0].attribute, 'url');
});

test('answers malformed requests with an error value, not an exception', () => {
  const view = JSON.parse(core.renderShareBar('{not json'));
  assert.equal(view.fatal, true);
  assert.equal(view.errors[0].code, 'invalid-request');
});

test('speaks Spanish when the page does', () => {
  const view = render({ attributes: { networks: 'email,copy' }, page: { ...page, lang: 'es-ES' } });
  assert.equal(view.lang, 'es');
  assert.deepEqual(view.buttons.map((b) => b.label), ['Correo', 'Copiar enlace']);
  assert.equal(view.messages.copied, 'Enlace copiado');
});

test('checks a Mastodon server typed by a shopper', () => {
  assert.deepEqual(JSON.parse(core.checkMastodonHost(JSON.stringify({ input: '@ana@Mastodon.Social', lang: 'en' }))),
    { ok: true, host: 'mastodon.social' });
  const bad = JSON.parse(core.checkMastodonHost(JSON.stringify({ input: 'not a host', lang: 'es' })));
  assert.equal(bad.ok, false);
  assert.match(bad.message, /servidor/);
});

test('reports the Unicode version its tables come from', () => {
  assert.equal(core.unicodeVersion(), '15.0.0');
});

test('hostile nesting and a full-size feed fit the small initial memory and stack (it grows, never traps)', () => {
  const describe = (body) => JSON.parse(core.describeProof(JSON.stringify({
    attributes: { src: '/proof.json', kind: 'recent' }, page: { url: 'https://shop.example/' }, now: Date.parse('2026-11-25T11:00:00Z'), body,
  })));
  const depth = 200_000;
  const nested = describe(`{"version":1,"events":[${'['.repeat(depth)}${']'.repeat(depth)}]}`);
  assert.equal(nested.fatal, false);
  assert.deepEqual(nested.errors.map((e) => e.code), ['invalid-feed-rows']);

  const events = Array.from({ length: 7000 }, (_, i) => ({ type: 'purchase', at: '2026-11-25T10:00:00Z', id: String(i), name: `Ana${'a'.repeat(i % 20)}`, place: 'Madrid' }));
  const body = JSON.stringify({ version: 1, events });
  assert.ok(body.length > 500_000 && body.length < 1 << 20);
  const full = describe(body);
  assert.equal(full.fatal, false);
  assert.equal(full.toasts.length, 20);
  assert.match(full.errors[0].message, /^6000 row\(s\) of the feed were skipped/);

  const deepRequest = `{"attributes":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
  assert.equal(JSON.parse(core.renderShareBar(deepRequest)).fatal, true);
});

test('a fresh core starts with 1 MiB of linear memory, not Emscripten\'s default 16 MiB', async () => {
  const fresh = await createSharelockCore({ wasmBinary: await readFile(new URL('sharelock-core.wasm', dist)) });
  assert.equal(fresh.HEAP8.length, 1 << 20);
  JSON.parse(fresh.renderShareBar(JSON.stringify({ attributes: { networks: 'x,email' }, page })));
  assert.equal(fresh.HEAP8.length, 1 << 20, 'one share bar needs no growth');
});
