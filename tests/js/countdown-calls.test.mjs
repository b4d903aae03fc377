// The countdown's typed calls through the shim's wrapper (web/countdown-
// calls.js, spread by core-client.js) against the built main module: the
// plan's round trips with numbers and JsonDocuments instead of JSON text,
// the evergreen record written byte for byte as before, the stock feed's
// body parsed by JSON.parse, the clock sample, and nothing thrown on
// requests of the wrong shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadBuiltCore } from './support.mjs';

const core = await loadBuiltCore();
const page = { url: 'https://shop.example/drop?utm_source=news', lang: 'en' };
const now = Date.parse('2026-11-25T14:30:00Z');
const hour = 3600 * 1000;

test('a fixed deadline is planned in one call, as plain values', () => {
  const plan = core.planCountdown({ attributes: { ends: '2026-12-01T00:00:00+01:00', stock: '12' }, page, now });
  assert.equal(plan.fatal, false);
  assert.equal(plan.needsMore, false);
  assert.deepEqual(plan.errors, []);
  assert.equal(plan.kind, 'fixed');
  assert.equal(plan.endsAt, Date.parse('2026-12-01T00:00:00+01:00'));
  assert.ok(Number.isNaN(plan.opensAt), 'no start');
  assert.equal(plan.stock, 'Only 12 left');
  assert.equal(plan.stockSrc, '');
  assert.deepEqual(plan.messages, { endsIn: 'Ends in', opensIn: 'Opens in', ended: 'This offer has ended' });
  assert.deepEqual(plan.effects, []);
});

test('an evergreen window asks for its record, then stores its start as the same text as before', () => {
  const request = { attributes: { evergreen: '48h', offer: 'drop-1' }, page, now, offsets: [], stored: [] };
  const asking = core.planCountdown(request);
  assert.equal(asking.needsMore, true);
  assert.deepEqual(asking.need, { offsets: [], stored: ['sharelock:evergreen:drop-1'] });
  const first = core.planCountdown({ ...request, stored: [{ key: 'sharelock:evergreen:drop-1', value: null }] });
  assert.equal(first.endsAt, now + 48 * hour);
  assert.deepEqual(first.effects, [{ type: 'store', key: 'sharelock:evergreen:drop-1', value: `{"v":1,"start":${now}}` }]);
  // A record already on a shopper's device, as the old core wrote it.
  const kept = core.planCountdown({ ...request, stored: [{ key: 'sharelock:evergreen:drop-1', value: `{"v":1,"start":${now - 5 * hour}}` }] });
  assert.equal(kept.endsAt, now - 5 * hour + 48 * hour);
  assert.deepEqual(kept.effects, []);
  const garbage = core.planCountdown({ ...request, stored: [{ key: 'sharelock:evergreen:drop-1', value: '{"v":1,' }] });
  assert.equal(garbage.effects[0].value, `{"v":1,"start":${now}}`);
});

test('a daily deadline asks for zone offsets by instant, as numbers', () => {
  const request = { attributes: { daily: '20:00', tz: 'Europe/Madrid' }, page, now, zoneKnown: true, offsets: [], stored: [] };
  let plan;
  for (let round = 0; round < 8; round += 1) {
    plan = core.planCountdown(request);
    if (!plan.needsMore) break;
    for (const at of plan.need.offsets) {
      assert.equal(typeof at, 'number');
      request.offsets.push({ at, name: 'GMT+01:00' });
    }
  }
  assert.equal(plan.needsMore, false);
  assert.equal(plan.endsAt, Date.parse('2026-11-25T19:00:00Z'));
  assert.equal(plan.rolls, true);
  const unknown = core.planCountdown({ ...request, zoneKnown: false });
  assert.equal(unknown.fatal, true);
  assert.equal(unknown.errors[0].code, 'invalid-time-zone');
});

test('requests of the wrong shape are answered, never thrown', () => {
  const empty = core.planCountdown({});
  assert.equal(empty.fatal, true);
  assert.equal(empty.errors[0].code, 'missing-deadline');
  const odd = core.planCountdown({ attributes: { ends: 42, evergreen: '48h' }, page: null, now: 'soon', offsets: [null], stored: [{}] });
  assert.equal(odd.fatal, false);
  assert.equal(core.planCountdown(undefined).errors[0].code, 'missing-deadline');
  assert.equal(core.stockFromFeed(undefined).error.code, 'invalid-feed');
});

test('the stock feed\'s body is parsed by JSON.parse and read by the core', () => {
  assert.deepEqual(core.stockFromFeed({ body: '{"stock": 12}', lang: 'es' }), {
    ok: true, text: 'Solo quedan 12', error: { code: '', attribute: '', message: '' },
  });
  for (const body of ['{"stock": -1}', '{"stock": "12"}', '[12]', 'not json', '', null]) {
    const stock = core.stockFromFeed({ body, lang: 'en' });
    assert.equal(stock.ok, false, String(body));
    assert.equal(stock.error.code, 'invalid-feed');
    assert.equal(stock.error.attribute, 'stock-src');
  }
});

test('the clock sample is plain numbers and the Date header', () => {
  const date = 'Wed, 25 Nov 2026 14:30:00 GMT';
  assert.deepEqual(core.clockSkew({ sentAt: now - 120_000, receivedAt: now - 119_000, date, age: 0 }), { skew: 120_000 });
  assert.deepEqual(core.clockSkew({ sentAt: now, receivedAt: now + 200, date, age: 0 }), { skew: 0 });
  assert.deepEqual(core.clockSkew({ date }), { skew: 0 });
  assert.deepEqual(core.clockSkew(null), { skew: 0 });
});
