// First-party analytics on the verification server, through its Fetch-API
// handler: the collector accepts a page's batch and counts it once, refuses
// malformed, oversized and foreign ones, attributes visits to the share
// they came from, keeps its counts across a restart, and shows them only
// to the site owner's token; the proof feed gains real share counts.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { createVerificationApp } from '../../server/app.js';
import { readConfig } from '../../server/config.js';

const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'owner-token-0123456789-abcdefghijklmnop';
const ITEMS = { ebook: { url: 'https://shop.example/ebook', content: { text: 'Your e-book:', code: 'X' } } };
const DAY = 24 * 60 * 60 * 1000;
const REF = 'AbCdEfGh-_0';

let directory;
let clock;

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'sharelock-analytics-'));
  await writeFile(join(directory, 'items.json'), JSON.stringify(ITEMS));
});
after(() => rm(directory, { recursive: true, force: true }));
beforeEach(() => {
  clock = Date.UTC(2026, 10, 25, 12);
});

async function startApp(overrides = {}) {
  const config = {
    allowedOrigins: new Set([PAGE_ORIGIN]),
    keys: [{ id: 'k1', secret: randomBytes(32).toString('base64url') }],
    items: ITEMS,
    database: join(directory, `db-${randomBytes(6).toString('hex')}.sqlite`),
    unlockLifetimeMillis: 30 * DAY,
    rateLimits: { ip: { limit: 1000, windowMillis: 60_000 }, item: { limit: 1000, windowMillis: 60_000 } },
    x: { clientId: 'c', clientSecret: 's', redirectUri: `${PAGE_ORIGIN}/`, authorizeUrl: 'http://127.0.0.1:9/authorize', apiUrl: 'http://127.0.0.1:9' },
    dashboardToken: TOKEN,
    ...overrides,
  };
  return createVerificationApp({ config, now: () => clock });
}

let batchNumber = 0;
const batchId = () => `batch-${String(++batchNumber).padStart(12, '0')}`;

function send(app, body, { origin = PAGE_ORIGIN, type = 'text/plain;charset=UTF-8' } = {}) {
  const headers = { 'content-type': type, ...(origin ? { origin } : {}) };
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return app.handle(new Request('http://127.0.0.1:8081/v1/collect', { method: 'POST', headers, body: text }), { ip: '192.0.2.1' });
}

const stats = (app, path = '/v1/stats?days=7', token = TOKEN) => app.handle(
  new Request(`http://127.0.0.1:8081${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { ip: '192.0.2.1' });

const shopperBatch = (id = batchId()) => ({
  v: 1,
  id,
  events: [
    { type: 'impression', item: 'boots' },
    { type: 'impression', item: 'boots' },
    { type: 'share', item: 'boots', network: 'x', ref: REF },
    { type: 'share', item: 'boots', network: 'whatsapp' },
    { type: 'unlock', item: 'ebook', network: 'x', mode: 'intent' },
    { type: 'error', item: '/p', code: 'invalid-url' },
  ],
});

test('a batch is accepted, counted, and a retried beacon with the same id counts once', async () => {
  const app = await startApp();
  const batch = shopperBatch();
  const first = await send(app, batch);
  assert.equal(first.status, 200);
  // 6 events, and one "sharer" for boots (shared on two networks by one page view).
  assert.deepEqual(await first.json(), { recorded: true, counted: 7, dropped: 0, problem: '', unattributed: 0, repeats: 0, newItemsRefused: 0, newRowsRefused: 0 });
  const retried = await (await send(app, batch)).json();
  assert.equal(retried.recorded, false);
  assert.equal(retried.counted, 0);
  const report = await (await stats(app)).json();
  assert.equal(report.totals.impression, 2);
  assert.equal(report.totals.share, 2);
  assert.equal(report.totals.unlock, 1);
  assert.equal(report.totals.error, 1);
  assert.deepEqual(report.networks.map((n) => [n.network, n.share]), [['whatsapp', 1], ['x', 1]]);
  await app.close();
});

test('a visit is attributed to the share it came from, in a later batch; a made-up reference counts nothing', async () => {
  const app = await startApp();
  await send(app, shopperBatch());
  const visit = await (await send(app, { v: 1, id: batchId(), events: [
    { type: 'visit', ref: REF },
    { type: 'visit', ref: 'ZZZZZZZZZZZ' },
    { type: 'conversion', item: 'boots', value: 59.5, ref: REF },
  ] })).json();
  assert.equal(visit.counted, 2);
  assert.equal(visit.unattributed, 1);
  const report = await (await stats(app)).json();
  const boots = report.funnel.find((row) => row.item === 'boots');
  assert.deepEqual([boots.share, boots.visit, boots.conversion, boots.value], [2, 1, 1, 59.5]);
  assert.equal(report.networks.find((n) => n.network === 'x').visit, 1);
  await app.close();
});

test('a batch whose counters would be more rows than a store takes is counted up to that, not refused with a 500', async () => {
  const app = await startApp();
  // 20 items, each seen and shared on 4 networks: 120 counter rows unbounded.
  const events = Array.from({ length: 20 }, (_, i) => [{ type: 'impression', item: `item-${i}` },
    ...['x', 'bluesky', 'mastodon', 'email'].map((network) => ({ type: 'share', item: `item-${i}`, network }))]).flat();
  const response = await send(app, { v: 1, id: batchId(), events });
  assert.equal(response.status, 200);
  const answer = await response.json();
  assert.equal(answer.recorded, true);
  assert.ok(answer.repeats > 0, JSON.stringify(answer));
  assert.ok(answer.counted <= 100, JSON.stringify(answer));
  await app.close();
});

test('the collector starts counting at most SHARELOCK_ANALYTICS_NEW_ITEMS new items a day; known ones always count', async () => {
  const app = await startApp({ analyticsNewItemsPerDay: 3 });
  const impressions = (items) => ({ v: 1, id: batchId(), events: items.map((item) => ({ type: 'impression', item })) });
  const first = await (await send(app, impressions(['a', 'b']))).json();
  assert.deepEqual([first.counted, first.newItemsRefused], [2, 0]);
  // One more new item fits today; the others of this batch are not counted.
  const second = await (await send(app, impressions(['a', 'c', 'd', 'e']))).json();
  assert.deepEqual([second.counted, second.newItemsRefused], [2, 2]);
  const day = Math.floor(clock / DAY);
  const items = async () => [...new Set((await app.store.readCounters({ fromDay: day, toDay: day + 1 })).map((row) => row.item))];
  assert.deepEqual(await items(), ['a', 'b', 'c']);
  // The next day there is room again.
  clock += DAY;
  const third = await (await send(app, impressions(['d']))).json();
  assert.deepEqual([third.counted, third.newItemsRefused], [1, 0]);
  assert.deepEqual(await items(), ['a', 'b', 'c', 'd']);
  await app.close();
});

test('made-up error codes cannot grow the table past SHARELOCK_ANALYTICS_ROWS_PER_DAY; made-up networks count nothing', async () => {
  const app = await startApp({ analyticsRowsPerDay: 4 });
  const errors = (codes) => ({ v: 1, id: batchId(), events: codes.map((code) => ({ type: 'error', item: 'boots', code })) });
  const first = await (await send(app, errors(['made-up-1', 'made-up-2', 'made-up-3']))).json();
  assert.deepEqual([first.counted, first.newRowsRefused], [3, 0]);
  const second = await (await send(app, errors(['made-up-1', 'made-up-4', 'made-up-5', 'made-up-6']))).json();
  assert.deepEqual([second.counted, second.newRowsRefused], [2, 2]);
  const day = Math.floor(clock / DAY);
  assert.equal((await app.store.readCounters({ fromDay: day, toDay: day })).length, 4);
  const forged = await (await send(app, { v: 1, id: batchId(), events: [{ type: 'share', item: 'boots', network: 'made-up' }] })).json();
  assert.deepEqual([forged.counted, forged.dropped], [0, 1]);
  await app.close();
});

test('the report lists the 100 most shared items and 100 most frequent codes, and says how many there are', async () => {
  const app = await startApp();
  for (let start = 0; start < 105; start += 15) {
    const items = Array.from({ length: 15 }, (_, i) => `item-${String(start + i).padStart(3, '0')}`);
    const events = items.flatMap((item) => [{ type: 'share', item, network: 'x' }, { type: 'error', item, code: `code-${item}` }]);
    // item-104 shared twice: first in the funnel.
    if (start === 90) events.push({ type: 'share', item: 'item-104', network: 'facebook' });
    assert.equal((await send(app, { v: 1, id: batchId(), events })).status, 200);
  }
  const report = await (await stats(app)).json();
  assert.equal(report.funnel.length, 100);
  assert.equal(report.funnelItems, 105);
  assert.deepEqual(report.funnel.slice(0, 2).map((entry) => [entry.item, entry.share]), [['item-104', 2], ['item-000', 1]]);
  assert.equal(report.errors.length, 100);
  assert.equal(report.errorCodes, 105);
  assert.equal(report.totals.share, 106);
  await app.close();
});

test('counters older than the kept days are deleted as batches arrive', async () => {
  const app = await startApp({ analyticsDays: 366 });
  assert.equal((await send(app, shopperBatch())).status, 200);
  const dayOf = (millis) => Math.floor(millis / DAY);
  const first = dayOf(clock);
  assert.ok((await app.store.readCounters({ fromDay: first, toDay: first })).length > 0);
  // A day before the cut: still kept.
  clock += 365 * DAY;
  await send(app, shopperBatch());
  assert.ok((await app.store.readCounters({ fromDay: first, toDay: first })).length > 0);
  // 366 days later the first day is out of the kept window.
  clock += DAY;
  await send(app, shopperBatch());
  assert.deepEqual(await app.store.readCounters({ fromDay: first, toDay: first }), []);
  assert.ok((await app.store.readCounters({ fromDay: dayOf(clock), toDay: dayOf(clock) })).length > 0);
  await app.close();
});

test('the collector takes no more batches from all addresses together than its ceiling', async () => {
  const app = await startApp({ rateLimits: { ip: { limit: 1000, windowMillis: 60_000 }, item: { limit: 1000, windowMillis: 60_000 },
    collectTotal: { limit: 3, windowMillis: 60_000 } } });
  const from = (ip) => app.handle(new Request('http://127.0.0.1:8081/v1/collect', {
    method: 'POST', headers: { origin: PAGE_ORIGIN, 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify(shopperBatch()),
  }), { ip });
  const statuses = [];
  for (const ip of ['192.0.2.31', '192.0.2.32', '2001:db8:9::1', '198.51.100.4']) statuses.push((await from(ip)).status);
  assert.deepEqual(statuses, [200, 200, 200, 429]);
  // The feed and the unlock path are not behind the collector's ceiling.
  assert.equal((await app.handle(new Request('http://127.0.0.1:8081/v1/proof?item=boots'), { ip: '198.51.100.4' })).status, 200);
  await app.close();
});

test('malformed, oversized, foreign-origin and wrong-version batches are refused and count nothing', async () => {
  const app = await startApp();
  const refusals = [
    [await send(app, 'not json'), 400, 'invalid-batch'],
    [await send(app, { v: 2, id: batchId(), events: [] }), 400, 'unsupported-batch-version'],
    [await send(app, { v: 1, id: 'short', events: [] }), 400, 'invalid-batch'],
    [await send(app, { v: 1, id: batchId(), events: Array.from({ length: 101 }, () => ({ type: 'impression', item: 'a' })) }), 413, 'batch-too-large'],
    [await send(app, 'x'.repeat(16 * 1024 + 1)), 413, 'batch-too-large'],
    [await send(app, shopperBatch(), { origin: 'https://evil.example' }), 403, 'origin-not-allowed'],
    [await send(app, shopperBatch(), { origin: null }), 403, 'origin-not-allowed'],
  ];
  for (const [response, status, code] of refusals) {
    assert.equal(response.status, status, code);
    assert.equal((await response.json()).error.code, code);
  }
  const report = await (await stats(app)).json();
  assert.equal(Object.entries(report.totals).reduce((sum, [, n]) => sum + n, 0), 0);
  await app.close();
});

test('a forged batch counts no more than one page view could', async () => {
  const app = await startApp();
  const events = Array.from({ length: 100 }, () => ({ type: 'share', item: 'boots', network: 'x' }));
  const answer = await (await send(app, { v: 1, id: batchId(), events })).json();
  assert.deepEqual([answer.counted, answer.repeats], [2, 99]); // one share and one sharer
  const report = await (await stats(app)).json();
  assert.equal(report.totals.share, 1);
  await app.close();
});

test('batches and counts have their own per-IP budget: spending it leaves unlocks untouched', async () => {
  const app = await startApp({ rateLimits: { ip: { limit: 2, windowMillis: 60_000 }, item: { limit: 10, windowMillis: 60_000 },
    page: { limit: 3, windowMillis: 60_000 } } });
  for (let i = 0; i < 3; i += 1) assert.equal((await send(app, shopperBatch())).status, 200);
  const limited = await send(app, shopperBatch());
  assert.equal(limited.status, 429);
  assert.equal((await limited.json()).error.code, 'rate-limited');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  // The unlock budget of the same IP is whole: its endpoint still answers (here: its own 4xx, not 429).
  const unlock = await app.handle(new Request('http://127.0.0.1:8081/v1/unlock', {
    method: 'POST', headers: { origin: PAGE_ORIGIN, 'content-type': 'application/json' }, body: '{}' }), { ip: '192.0.2.1' });
  assert.notEqual(unlock.status, 429);
  await app.close();
});

test('bad events inside a good batch are dropped one by one and said so', async () => {
  const app = await startApp();
  const answer = await (await send(app, { v: 1, id: batchId(), events: [
    { type: 'impression', item: 'boots' }, { type: 'purchase', item: 'boots' }, { type: 'share', item: 'boots' },
  ] })).json();
  assert.deepEqual([answer.counted, answer.dropped, answer.problem], [1, 2, 'unknown event type']);
  await app.close();
});

test('the stats need the owner token: none, a wrong one or no token configured get nothing', async () => {
  const app = await startApp();
  await send(app, shopperBatch());
  for (const token of ['', 'wrong-token-0123456789-abcdefghijklmno', `${TOKEN}x`]) {
    for (const path of ['/v1/stats', '/v1/stats.csv']) {
      const response = await stats(app, path, token);
      assert.equal(response.status, 401, `${path} with "${token}"`);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.doesNotMatch(await response.text(), /boots/);
    }
  }
  await app.close();
  const closed = await startApp({ dashboardToken: null });
  const response = await stats(closed, '/v1/stats', TOKEN);
  assert.equal(response.status, 404);
  assert.equal((await response.json()).error.code, 'dashboard-disabled');
  await closed.close();
});

test('the CSV export has one row per counter and defuses formulas', async () => {
  const app = await startApp();
  await send(app, { v: 1, id: batchId(), events: [{ type: 'impression', item: '=cmd|calc' }, { type: 'share', item: 'boots', network: 'x' }] });
  const response = await stats(app, '/v1/stats.csv?days=7');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /^text\/csv/);
  assert.match(response.headers.get('content-disposition'), /attachment; filename="sharelock-7-days\.csv"/);
  assert.equal(await response.text(),
    'date,item,network,event,detail,count,value\r\n2026-11-25,\'=cmd|calc,,impression,,1,0\r\n'
    + '2026-11-25,boots,,sharer,,1,0\r\n2026-11-25,boots,x,share,,1,0\r\n');
  await app.close();
});

test('the CSV export is written a day at a time: one header, every day in order', async () => {
  const app = await startApp();
  for (const daysAgo of [2, 0, 1]) {
    clock = Date.UTC(2026, 10, 25, 12) - daysAgo * DAY;
    await send(app, { v: 1, id: batchId(), events: [{ type: 'impression', item: `seen-${daysAgo}-days-ago` }] });
  }
  clock = Date.UTC(2026, 10, 25, 12);
  const response = await stats(app, '/v1/stats.csv?days=3');
  assert.equal(await response.text(), 'date,item,network,event,detail,count,value\r\n'
    + '2026-11-23,seen-2-days-ago,,impression,,1,0\r\n2026-11-24,seen-1-days-ago,,impression,,1,0\r\n'
    + '2026-11-25,seen-0-days-ago,,impression,,1,0\r\n');
  await app.close();
});

test('counts are correct after a restart, and the report covers the days asked', async () => {
  const database = join(directory, 'restart.sqlite');
  const first = await startApp({ database });
  const batch = shopperBatch();
  await send(first, batch);
  await first.close();
  clock += DAY;
  const second = await startApp({ database });
  assert.equal((await (await send(second, batch)).json()).recorded, false); // the retry after the restart
  await send(second, { v: 1, id: batchId(), events: [{ type: 'share', item: 'boots', network: 'x' }] });
  const report = await (await stats(second, '/v1/stats?days=2')).json();
  assert.deepEqual(report.days.map((d) => [d.date, d.share]), [['2026-11-25', 2], ['2026-11-26', 1]]);
  assert.equal((await (await stats(second, '/v1/stats?days=1')).json()).totals.share, 1);
  assert.equal((await stats(second, '/v1/stats?days=0')).status, 400);
  assert.equal((await stats(second, '/v1/stats?days=abc')).status, 400);
  await second.close();
});

test('the proof feed shows real share counts for the last 7 days and all time, zero for an uncounted item', async () => {
  const app = await startApp();
  await send(app, shopperBatch());
  clock += 8 * DAY;
  await send(app, { v: 1, id: batchId(), events: [{ type: 'share', item: 'boots', network: 'x' }] });
  const feed = await (await app.handle(new Request('http://127.0.0.1:8081/v1/proof?item=boots'), { ip: '192.0.2.1' })).json();
  const share = (window) => feed.counters.find((c) => c.type === 'share' && c.window === window);
  // Sharers: the first page view shared boots on two networks (one person).
  assert.equal(share('all').count, 2);
  assert.equal(share('7d').count, 1);
  assert.equal(share('7d').at, new Date(clock).toISOString());
  assert.equal(feed.counters.some((c) => c.type === 'unlock'), false); // boots is no verified item
  const uncounted = await (await app.handle(new Request('http://127.0.0.1:8081/v1/proof?item=hat'), { ip: '192.0.2.1' })).json();
  assert.deepEqual(uncounted.counters.map((c) => c.count), [0, 0]);
  const ebook = await (await app.handle(new Request('http://127.0.0.1:8081/v1/proof?item=ebook'), { ip: '192.0.2.1' })).json();
  assert.deepEqual(ebook.counters.map((c) => `${c.type}/${c.window}`), ['share/all', 'share/7d', 'unlock/all', 'unlock/24h', 'unlock/7d']);
  const empty = await app.handle(new Request('http://127.0.0.1:8081/v1/proof?item='), { ip: '192.0.2.1' });
  assert.equal(empty.status, 400);
  await app.close();
});

test('the dashboard page is served with a strict CSP; the bare path redirects to the folder', async () => {
  const app = await startApp();
  const get = (path) => app.handle(new Request(`http://127.0.0.1:8081${path}`), { ip: '192.0.2.1' });
  const page = await get('/dashboard/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy'), /script-src 'self'.*require-trusted-types-for 'script'/);
  assert.match(await page.text(), /<script type="module" src="dashboard.js">/);
  assert.equal((await get('/dashboard/dashboard.js')).status, 200);
  const bare = await get('/dashboard?lang=es');
  assert.equal(bare.status, 308);
  assert.equal(bare.headers.get('location'), 'dashboard/?lang=es');
  assert.equal((await get('/dashboard/../config.js')).status, 404);
  await app.close();
});

test('SHARELOCK_DASHBOARD_TOKEN: off when unset, refused when short or odd, kept when strong', () => {
  const base = { SHARELOCK_ALLOWED_ORIGINS: PAGE_ORIGIN, SHARELOCK_HMAC_KEYS: `k:${randomBytes(32).toString('base64url')}`,
    SHARELOCK_ITEMS: join(directory, 'items.json'), X_CLIENT_ID: 'a', X_CLIENT_SECRET: 'b', X_REDIRECT_URI: `${PAGE_ORIGIN}/` };
  assert.equal(readConfig(base).dashboardToken, null);
  assert.throws(() => readConfig({ ...base, SHARELOCK_DASHBOARD_TOKEN: 'short-token' }), /SHARELOCK_DASHBOARD_TOKEN: must be 32-512/);
  assert.throws(() => readConfig({ ...base, SHARELOCK_DASHBOARD_TOKEN: `${'a'.repeat(40)} b` }), /SHARELOCK_DASHBOARD_TOKEN/);
  assert.equal(readConfig({ ...base, SHARELOCK_DASHBOARD_TOKEN: TOKEN }).dashboardToken, TOKEN);
});
