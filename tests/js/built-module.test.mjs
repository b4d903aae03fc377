// The built wasm modules (dist/sharelock-share.wasm and dist/
// sharelock-core.wasm), called without the shim's wrappers: every call over
// the C ABI (web/core-abi.js). Every call takes and returns typed values
// (JSON the core reads or writes crosses as a JsonDocument), none JSON text.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { abiCalls } from '../../web/core-abi.js';
import { jsonText } from '../../web/json-document.js';
import { payCalls } from '../../web/pay-calls.js';
import { proofRequest } from '../../web/proof-calls.js';
import { configureCore, loadAbiCalls } from '../../web/wasm-loader.js';

const dist = new URL('../../dist/', import.meta.url);
configureCore({ moduleUrl: dist });
const binary = async (name) => ({ wasmBinary: await readFile(new URL(`${name}.wasm`, dist)) });
const shareModule = await loadAbiCalls('sharelock-share', await binary('sharelock-share'));
// The main module's calls, its share-bar calls among them.
const core = await loadAbiCalls('sharelock-core', await binary('sharelock-core'));
const coreShare = core;

// The value objects the modules register, every field present.
const attribute = (value) => (typeof value === 'string' ? { present: true, value } : { present: false, value: '' });
const request = ({ attributes = {}, page = {}, nativeShare = false, mastodonHost = '' }) => ({
  attributes: Object.fromEntries([['url', 'url'], ['text', 'text'], ['hashtags', 'hashtags'], ['via', 'via'], ['image', 'image'],
    ['utmCampaign', 'utm-campaign'], ['lang', 'lang']].map(([field, name]) => [field, attribute(attributes[name])])),
  networks: attribute(attributes.networks),
  page: { url: '', canonical: '', title: '', ogTitle: '', ogImage: '', lang: '', refSeed: '', ...page },
  nativeShare,
  mastodonHost,
});
const render = (r) => shareModule.renderShareBar(request(r));
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

test('reads a request of the wrong shape as empty fields: a typed error, never other memory', () => {
  for (const wrong of [{ attributes: {} }, '{"attributes":{}}', null, { attributes: { url: 42 }, nativeShare: 'yes' }]) {
    const view = shareModule.renderShareBar(wrong);
    assert.equal(view.fatal, true, JSON.stringify(wrong));
    assert.deepEqual(view.errors.map((error) => error.code), ['invalid-url'], JSON.stringify(wrong));
  }
  // …and the module still answers afterwards.
  assert.equal(render({ attributes: { networks: 'x' }, page }).fatal, false);
});

test('the main module renders the same bar, so a page that loads it for another widget needs no second module', () => {
  const r = { attributes: { networks: 'x,bluesky,mastodon', text: 'Sale', hashtags: 'books' }, page, mastodonHost: 'mastodon.social' };
  assert.deepEqual(coreShare.renderShareBar(request(r)), render(r));
});

test('speaks Spanish when the page does', () => {
  const view = render({ attributes: { networks: 'email,copy' }, page: { ...page, lang: 'es-ES' } });
  assert.equal(view.lang, 'es');
  assert.deepEqual(view.buttons.map((b) => b.label), ['Correo', 'Copiar enlace']);
  assert.equal(view.messages.copied, 'Enlace copiado');
});

test('checks a Mastodon server typed by a shopper, in both modules', () => {
  for (const module of [shareModule, coreShare]) {
    assert.deepEqual(module.checkMastodonHost({ input: '@ana@Mastodon.Social', lang: 'en' }), { ok: true, host: 'mastodon.social', message: '' });
    const bad = module.checkMastodonHost({ input: 'not a host', lang: 'es' });
    assert.equal(bad.ok, false);
    assert.match(bad.message, /servidor/);
  }
});

test('reports the Unicode version its tables come from', () => {
  assert.equal(core.unicodeVersion({}).version, '17.0.0');
});

test('hostile nesting and a full-size feed fit the small initial memory and stack (it grows, never traps)', () => {
  // The feed crosses as the JsonDocument the shim makes of it (proof-calls.js).
  const describe = (body) => core.describeProof(proofRequest({
    attributes: { src: '/proof.json', kind: 'recent' }, page: { url: 'https://shop.example/' }, now: Date.parse('2026-11-25T11:00:00Z'), body,
  }));
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

  // A stored record nested 100,000 deep reaches the core as 100,000 nodes.
  const pay = payCalls(core);
  const deepRecord = '['.repeat(100_000) + ']'.repeat(100_000);
  const step = pay.stepPay({ attributes: { item: 'ebook' }, page, now: 1, event: 'init', stored: { unlockLocal: deepRecord } });
  assert.equal(step.fatal, false);
  assert.equal(step.view.phase, 'locked');
});

test('pay steps through typed values, and its stored records are the text earlier versions wrote', () => {
  const pay = payCalls(core);
  const widget = { attributes: { item: 'ebook', network: 'x', url: 'https://shop.example/ebook', wait: '8' }, page };
  assert.deepEqual(pay.describePay(widget).keys,
    { unlock: 'sharelock:unlock:ebook', snooze: 'sharelock:snooze:ebook', pending: 'sharelock:pending:ebook' });
  const t0 = Date.parse('2026-12-01T10:00:00Z');
  const init = pay.stepPay({ ...widget, now: t0, event: 'init', stored: {} });
  const clicked = pay.stepPay({ ...widget, now: t0, event: 'click', state: init.state, stored: {} });
  assert.deepEqual(clicked.effects.map((e) => [e.type, e.url]), [['open-window', clicked.view.href]]);
  const opened = pay.stepPay({ ...widget, now: t0, event: 'popup-opened', state: clicked.state, stored: {} });
  const done = pay.stepPay({ ...widget, now: t0 + 8000, event: 'window-closed', state: opened.state, stored: {} });
  assert.equal(done.view.phase, 'unlocked');
  const store = done.effects.find((e) => e.type === 'store');
  assert.equal(jsonText(store.record), `{"v":1,"until":${t0 + 8000 + 30 * 86_400_000}}`);
  const again = pay.stepPay({ ...widget, now: t0 + 9000, event: 'init', stored: { unlockLocal: jsonText(store.record) } });
  assert.equal(again.view.phase, 'unlocked');
});

for (const name of ['sharelock-share', 'sharelock-core', 'sharelock-verified']) {
  test(`${name}.wasm is standalone: two imports, no glue, 1 MiB of memory that one widget does not grow`, async () => {
    const { wasmBinary } = await binary(name);
    const module = new WebAssembly.Module(wasmBinary);
    assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`).sort(),
      ['env.emscripten_notify_memory_growth', 'wasi_snapshot_preview1.proc_exit']);
    let grown = 0;
    const instance = new WebAssembly.Instance(module, {
      env: { emscripten_notify_memory_growth: () => { grown += 1; } },
      wasi_snapshot_preview1: { proc_exit: () => { throw new Error('exit'); } },
    });
    instance.exports._initialize();
    assert.equal(instance.exports.memory.buffer.byteLength, 1 << 20);
    const calls = abiCalls(instance.exports, instance.exports.memory);
    if (calls.renderShareBar) assert.equal(calls.renderShareBar(request({ attributes: { networks: 'x,email' }, page })).fatal, false);
    if (calls.describePay) assert.equal(payCalls(calls).describePay({ attributes: { item: 'ebook' }, page }).fatal, false);
    if (calls.describeVerified) {
      const described = calls.describeVerified({ attributes: [{ name: 'item', value: 'ebook' }, { name: 'server', value: 'https://v.example' },
        { name: 'url', value: 'https://shop.example/ebook' }], page: request({ page }).page, mastodonHost: '', now: 1, storedToken: { valid: false, nodes: [] } });
      assert.equal(described.item, 'ebook');
    }
    assert.equal(instance.exports.memory.buffer.byteLength, 1 << 20);
    assert.equal(grown, 0);
  });
}

test('the countdown\'s view is a typed value: plain numbers in, no JSON either way', () => {
  const now = Date.parse('2026-12-01T10:00:00Z');
  const view = core.countdownView({ endsAt: now + ((26 * 60 + 4) * 60 + 5) * 1000, opensAt: Number.NaN, now, lang: 'es', format: 'compact' });
  assert.deepEqual(view.parts.map((part) => [part.unit, part.value]), [['days', '1'], ['hours', '02'], ['minutes', '04'], ['seconds', '05']]);
  assert.equal(view.phase, 'running');
  assert.equal(view.parts[0].label, 'día');
  assert.equal(view.text, '1 d 02:04:05');
  assert.deepEqual(core.countdownView(now, Number.NaN, now + 1, 'en', 'full'), { phase: 'ended', parts: [], text: '', spoken: '' });
});
