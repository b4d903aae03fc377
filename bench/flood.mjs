// npm run load -- --flood: what a flood of forged analytics does to the
// reference server (SQLite, as issue 20's attack found it). Everything on
// 127.0.0.1, bounded in time:
//
//   node bench/load.mjs --flood [--seconds 60] [--connections 32] [--unlocks 150] [--concurrency 4]
//
// 1. the mock provider and one `node server/main.js` on a fresh SQLite file,
//    behind "one proxy" (SHARELOCK_TRUST_PROXY=1): each request names its
//    client in X-Forwarded-For, so the flood comes from many addresses, as
//    a botnet's would, and meets the collector's ceiling rather than one
//    address's budget;
// 2. `--unlocks` verified unlocks, `--concurrency` at a time, without a
//    flood: their latency;
// 3. for `--seconds`, forged batches (random ids; every other one with 20
//    made-up items, the rest with 100 made-up error codes for a real item) on
//    `--connections` connections as fast as this machine sends them, while
//    shoppers keep unlocking: the unlocks' latency during the flood;
// 4. the rows the database holds afterwards, and the time of the owner's
//    GET /v1/stats?days=30.
// It exits non-zero when the flood's unlock p99 is over twice the un-flooded
// one (issue 20's bound) or an unlock failed.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startMockProvider } from '../server/mock-provider.js';
import { percentile } from './common.mjs';
import { authorizeAtMock, hmacKey, startInstance } from '../tests/server/multi-instance-fixture.mjs';

const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const REDIRECT_URI = `${PAGE_ORIGIN}/`;
const CLIENT = { clientId: 'flood-test', clientSecret: 'flood-secret', redirectUris: [REDIRECT_URI] };
const ITEM = 'launch';
const ITEM_URL = 'https://shop.example/launch';
const TOKEN = randomBytes(32).toString('base64url');

const step = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const randomAddress = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;  // RFC 2544 test range

let forgedCount = 0;

/**
 * One forged page view with a fresh batch id: 20 made-up items seen and
 * shared, or (every other one) 100 made-up error codes for the real item,
 * which meet the day's bound on counter rows rather than on new items.
 */
function forgedBatch() {
  const events = [];
  forgedCount += 1;
  if (forgedCount % 2 === 0) {
    for (let i = 0; i < 100; i += 1) events.push({ type: 'error', item: ITEM, code: `forged-${randomBytes(6).toString('hex')}` });
  } else {
    for (let i = 0; i < 20; i += 1) {
      const item = `forged-${randomBytes(6).toString('base64url')}`;
      events.push({ type: 'impression', item }, { type: 'share', item, network: 'x' }, { type: 'share', item, network: 'bluesky' });
    }
  }
  return JSON.stringify({ v: 1, id: randomBytes(18).toString('base64url'), events });
}

/** One shopper's verified unlock, as a page sends it; its latency in ms, or null when it failed. */
async function unlockOnce(server, mockUrl) {
  const { code, codeVerifier } = await authorizeAtMock({ mockUrl, clientId: CLIENT.clientId, redirectUri: REDIRECT_URI });
  const started = performance.now();
  const response = await fetch(`${server}/v1/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN, 'x-forwarded-for': randomAddress() },
    body: JSON.stringify({ item: ITEM, network: 'x', code, codeVerifier, text: `Launch day! ${ITEM_URL} ${randomBytes(4).toString('hex')}` }),
  });
  await response.arrayBuffer();
  return response.status === 200 ? performance.now() - started : null;
}

/** Unlocks, `concurrency` at a time, until `count` are done or `until()` says stop. */
async function unlockMany(server, mockUrl, { count = Infinity, concurrency, until = () => false }) {
  const latencies = [];
  let failed = 0;
  let started = 0;
  const worker = async () => {
    while (started < count && !until()) {
      started += 1;
      const latency = await unlockOnce(server, mockUrl);
      if (latency === null) failed += 1;
      else latencies.push(latency);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), failed };
}

const summary = ({ latencies, failed }) => ({
  unlocks: latencies.length, failed, p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)),
});

export async function runFlood(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      flood: { type: 'boolean' },
      seconds: { type: 'string', default: '60' },
      connections: { type: 'string', default: '32' },
      unlocks: { type: 'string', default: '150' },
      concurrency: { type: 'string', default: '4' },
    },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  if (!(seconds >= 1 && seconds <= 600 && concurrency >= 1)) throw new Error('--seconds 1-600, --concurrency ≥ 1');
  const scratch = await mkdtemp(join(os.tmpdir(), 'sharelock-flood-'));
  const mock = await startMockProvider({ clients: [CLIENT], codeLifetimeMillis: 120_000 });
  const database = join(scratch, 'sharelock.db');
  const items = join(scratch, 'items.json');
  await writeFile(items, JSON.stringify({ [ITEM]: { url: ITEM_URL, content: { text: 'Launch code:', code: 'LAUNCH' } } }));
  const server = await startInstance({
    SHARELOCK_DB: database,
    SHARELOCK_HMAC_KEYS: hmacKey('flood'),
    SHARELOCK_ALLOWED_ORIGINS: PAGE_ORIGIN,
    SHARELOCK_ITEMS: items,
    SHARELOCK_TRUST_PROXY: '1',
    SHARELOCK_DASHBOARD_TOKEN: TOKEN,
    // The shop's own unlock budget is not what is measured.
    SHARELOCK_RATE_ITEM: '9999999/60',
    X_CLIENT_ID: CLIENT.clientId,
    X_CLIENT_SECRET: CLIENT.clientSecret,
    X_REDIRECT_URI: REDIRECT_URI,
    X_AUTHORIZE_URL: `${mock.url}/i/oauth2/authorize`,
    X_API_URL: mock.url,
  }, { name: 'server' });
  try {
    step(`server on ${server.url} (SQLite ${database}); ${values.unlocks} unlocks without a flood, ${concurrency} at a time`);
    const calm = summary(await unlockMany(server.url, mock.url, { count: Number(values.unlocks), concurrency }));
    step(`without a flood: ${JSON.stringify(calm)}`);

    step(`flood: forged batches on ${values.connections} connections for ${seconds} s, shoppers unlocking meanwhile`);
    let flooding = true;
    const flood = autocannon({
      url: `${server.url}/v1/collect`,
      connections: Number(values.connections),
      duration: seconds,
      requests: [{
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          headers: { origin: PAGE_ORIGIN, 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': randomAddress() },
          body: forgedBatch(),
        }),
      }],
    });
    const during = unlockMany(server.url, mock.url, { concurrency, until: () => !flooding });
    const sent = await flood;
    flooding = false;
    const flooded = summary(await during);
    const statuses = Object.entries(sent.statusCodeStats ?? {}).map(([status, { count }]) => `${count}× ${status}`).join(', ');
    step(`during the flood: ${JSON.stringify(flooded)}; batches sent ${sent.requests.total} (${statuses})`);

    const started = performance.now();
    const stats = await fetch(`${server.url}/v1/stats?days=30`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const statsBytes = (await stats.arrayBuffer()).byteLength;
    const statsMillis = Math.round(performance.now() - started);
    const db = new Database(database, { readonly: true });
    const rows = Object.fromEntries(['analytics_counters', 'analytics_items', 'analytics_batches', 'analytics_refs', 'unlocks']
      .map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()]));
    db.close();
    step(`afterwards: ${JSON.stringify(rows)}; GET /v1/stats?days=30 ${stats.status} in ${statsMillis} ms (${statsBytes} bytes)`);

    console.log(`
| | unlocks | failed | p50 ms | p99 ms |
|---|---:|---:|---:|---:|
| without a flood | ${calm.unlocks} | ${calm.failed} | ${calm.p50} | ${calm.p99} |
| during the flood (${sent.requests.total} batches in ${seconds} s: ${statuses}) | ${flooded.unlocks} | ${flooded.failed} | ${flooded.p50} | ${flooded.p99} |

Rows afterwards: ${Object.entries(rows).map(([table, n]) => `${table} ${n}`).join(', ')}. GET /v1/stats?days=30: ${statsMillis} ms, ${statsBytes} bytes.`);
    const ok = calm.failed === 0 && flooded.failed === 0 && flooded.p99 <= 2 * calm.p99;
    if (!ok) console.error(`flood: FAILED (an unlock failed, or the flood's p99 ${flooded.p99} ms is over twice ${calm.p99} ms)`);
    return ok;
  } finally {
    await server.stop();
    await mock.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
