// <sharelock-proof>'s typed calls (web/proof-calls.js) against the built
// main module, as the widget makes them: the two-step feed read with the
// body handed over as a JsonDocument and its size in bytes, the toast's
// sentence, and the cap record kept in storage as the same text as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadBuiltCore } from './support.mjs';

const core = await loadBuiltCore();
const page = { url: 'https://shop.example/products/ebook', lang: 'en' };
const now = Date.parse('2026-11-25T14:30:00Z');
const DAY = 24 * 60 * 60 * 1000;

test('asks for the feed first, then describes the badge from the body it was given', () => {
  const request = { attributes: { src: '/proof.json', window: '24h' }, page, now };
  const first = core.describeProof(request);
  assert.equal(first.fatal, false);
  assert.deepEqual(first.need, {
    fetch: 'https://shop.example/proof.json', credentials: 'same-origin',
    referrerPolicy: 'strict-origin-when-cross-origin', attribute: 'src', refreshAfter: 0,
  });
  assert.equal(first.show, false);
  const body = JSON.stringify({ version: 1, counters: [{ type: 'purchase', count: 1284, window: '24h', at: '2026-11-25T14:00:00Z' }] });
  const view = core.describeProof({ ...request, body });
  assert.equal(view.need.fetch, '');
  assert.equal(view.show, true);
  assert.equal(view.kind, 'count');
  assert.equal(view.count, 1284);
  assert.equal(view.text, '1,284 people bought this in the last 24 hours');
  assert.equal(view.expiresAt, Date.parse('2026-11-25T15:00:00Z'));
  assert.equal(view.refreshAfter, 0);
});

test('a live count is read again every 30 s, even when its first read fails', () => {
  const view = core.describeProof({ attributes: { src: '/live.json', type: 'viewing' }, page, now });
  assert.equal(view.need.refreshAfter, 30_000);
});

test('the feed\'s limits are the core\'s: what is not JSON, and what is over 1 MiB in UTF-8 bytes', () => {
  const describe = (body) => core.describeProof({ attributes: { src: '/proof.json' }, page, now, body });
  assert.deepEqual(describe('<html>Not found</html>').errors.map((e) => [e.code, e.attribute]), [['invalid-feed', 'src']]);
  assert.deepEqual(describe(null).errors.map((e) => e.code), ['invalid-feed']);
  // Exactly 1 MiB of UTF-8 is read; one byte more is refused. "é" is two
  // bytes but one UTF-16 unit: the limit counts bytes, as before.
  const feed = '{"version":1,"counters":[{"type":"purchase","count":3,"item":""}]}';
  const padded = (bytes) => feed.slice(0, 1) + ' '.repeat(bytes - feed.length) + feed.slice(1);
  assert.equal(describe(padded(1 << 20)).count, 3);
  assert.deepEqual(describe(padded((1 << 20) + 1)).errors.map((e) => e.code), ['feed-too-large']);
  const accented = feed.replace('"item":""', `"item":"${'é'.repeat(100)}"`);
  const bytes = new TextEncoder().encode(accented).length;
  const nearLimit = accented.slice(0, 1) + ' '.repeat((1 << 20) - bytes + 1) + accented.slice(1);
  assert.ok(nearLimit.length < 1 << 20, 'under 1 Mi UTF-16 units');
  assert.deepEqual(describe(nearLimit).errors.map((e) => e.code), ['feed-too-large']);
});

test('recent activity: toasts, their settings, and each sentence written when shown', () => {
  const body = JSON.stringify({ version: 1, events: [{ type: 'purchase', at: '2026-11-25T14:25:00Z', name: 'Ana López', place: 'Madrid' }] });
  const view = core.describeProof({ attributes: { kind: 'recent', src: '/proof.json' }, page, now, body });
  assert.equal(view.show, true);
  assert.deepEqual(view.toasts, [{ type: 'purchase', name: 'Ana', place: 'Madrid', at: now - 5 * 60_000 }]);
  assert.deepEqual(view.toast, {
    position: 'bottom-left', avoid: '[data-sharelock-avoid], sharelock-pay, sharelock-share', duration: 6000,
    interval: 20000, window: DAY, gateKey: 'sharelock:proof-toasts', limit: 5, snooze: 7 * DAY,
  });
  assert.deepEqual(view.messages, { region: 'Recent activity', dismiss: 'Dismiss activity notices' });
  const toast = { ...view.toasts[0], lang: view.lang, window: view.toast.window };
  assert.deepEqual(core.proofToastText({ ...toast, now }), { text: 'Ana from Madrid bought this 5 min ago', expired: false });
  assert.deepEqual(core.proofToastText({ ...toast, now: toast.at + DAY + 1 }), { text: '', expired: true });
  // Text is cleaned on the way in: a decomposed name is written composed.
  assert.equal(core.proofToastText({ ...toast, name: 'Jose\u0301', now }).text, 'Jos\u00e9 from Madrid bought this 5 min ago');
  assert.deepEqual(core.proofToastText({}), { text: '', expired: true });
});

test('the cap record is stored as the same text as before, and records already stored read the same', () => {
  const gate = (stored, at, action = 'show') => core.proofToastGate({ stored, now: at, limit: 2, snooze: DAY, action });
  const first = gate(null, now);
  assert.deepEqual(first, { allow: true, store: `{"shown":1,"since":${now},"v":1}` });
  const second = gate(first.store, now + 1000);
  assert.deepEqual(second, { allow: true, store: `{"shown":2,"since":${now},"v":1}` });
  assert.equal(gate(second.store, now + 2000).allow, false);
  const dismissed = gate(first.store, now + 1000, 'dismiss');
  assert.deepEqual(dismissed, { allow: false, store: `{"shown":1,"since":${now},"until":${now + 1000 + DAY},"v":1}` });
  // A record written by the JSON core (nlohmann's members by name) is read as it was.
  assert.equal(gate(`{"shown":1,"since":${now},"until":${now + DAY},"v":1}`, now + 1000).allow, false);
  assert.equal(gate('not json', now).allow, true);
});
