// The verification handler on the PostgreSQL store when the database goes
// away: an honest 503 store-unavailable (retryable, with Retry-After),
// nothing posted and nothing counted; the same request sent again once the
// database is back earns exactly one unlock (the code's claim was rolled
// back, so the code is still good); and a short outage while the unlock is
// being recorded is ridden out by the store's retry of its idempotent write.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import { createVerificationApp } from '../../server/app.js';
import { startMockProvider } from '../../server/mock-provider.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { fakeClock } from './fake-clock.mjs';
import { authorizeAtMock } from './multi-instance-fixture.mjs';
import { startTestPostgres } from './postgres-fixture.mjs';
import { startTcpFaultProxy } from './tcp-fault-proxy.mjs';

const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const REDIRECT_URI = `${PAGE_ORIGIN}/pay/verified.html`;
const CLIENT = { clientId: 'pg-handler-test', clientSecret: 'test-secret', redirectUris: [REDIRECT_URI] };
const ITEM_URL = 'https://shop.example/ebook';
const ITEMS = { ebook: { url: ITEM_URL, content: { text: 'Your code:', code: 'EBOOK' } } };

let postgres;
let mock;
let relay;
let store;
let app;
// The store's retry budget runs on this clock, which moves only while the
// store waits (fake-clock.mjs): "down for longer than the budget" and "a
// short outage" are the same on a fast machine and on a loaded one.
const clock = fakeClock();
// Runs once just before the next recordUnlock: where a test cuts the
// database between the published post and its record, deterministically.
let beforeRecord = null;

before(async () => {
  postgres = await startTestPostgres();
  mock = await startMockProvider({ clients: [CLIENT] });
  const url = new URL(await postgres.createDatabase());
  relay = await startTcpFaultProxy({ targetPort: Number(url.port) });
  url.port = String(relay.port);
  // A short retry budget keeps the "stays down" case quick. No wall-clock
  // limit on opening a connection: a slow machine waits, it does not fail.
  store = await openPostgresStore({ url: url.href, retryMillis: 1500, connectionTimeoutMillis: 0, clock });
  const hooked = {
    ...store,
    async recordUnlock(unlock) {
      const hook = beforeRecord;
      beforeRecord = null;
      hook?.();
      return store.recordUnlock(unlock);
    },
  };
  app = await createVerificationApp({
    store: hooked,
    config: {
      allowedOrigins: new Set([PAGE_ORIGIN]),
      keys: [{ id: 'k1', secret: randomBytes(32).toString('base64url') }],
      items: ITEMS,
      unlockLifetimeMillis: 86_400_000,
      rateLimits: { ip: { limit: 1000, windowMillis: 60_000 }, item: { limit: 1000, windowMillis: 60_000 } },
      x: { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: REDIRECT_URI,
        authorizeUrl: `${mock.url}/i/oauth2/authorize`, apiUrl: mock.url },
    },
  });
});
after(async () => {
  await store.close();
  await relay.close();
  await mock.close();
  await postgres.stop();
});
beforeEach(() => relay.restore());

function call(path, init = {}) {
  return app.handle(new Request(`http://127.0.0.1:8081${path}`, {
    ...init, headers: { origin: PAGE_ORIGIN, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
  }), { ip: '192.0.2.1' });
}

async function unlockRequest() {
  const grant = await authorizeAtMock({ mockUrl: mock.url, clientId: CLIENT.clientId, redirectUri: REDIRECT_URI });
  return JSON.stringify({ item: 'ebook', network: 'x', ...grant, text: `Reading ${ITEM_URL} ${randomBytes(4).toString('hex')}` });
}

const unlocks = () => store.countUnlocks({ item: 'ebook' });

test('database down: 503 store-unavailable with Retry-After, nothing posted; the same request later unlocks once', async () => {
  const body = await unlockRequest();
  const countBefore = await unlocks();
  const postsBefore = mock.posts.length;
  relay.cut();
  const refused = await call('/v1/unlock', { method: 'POST', body });
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get('retry-after'), '2');
  assert.equal(refused.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
  assert.equal((await refused.json()).error.code, 'store-unavailable');
  assert.equal(mock.posts.length, postsBefore, 'nothing was posted');
  const proof = await call('/v1/proof?item=ebook');
  assert.equal(proof.status, 503);
  assert.equal((await proof.json()).error.code, 'store-unavailable');

  relay.restore();
  const retried = await call('/v1/unlock', { method: 'POST', body });
  assert.equal(retried.status, 200);
  const { token } = await retried.json();
  // The retry once more (the page asks again when an answer was lost): same unlock, not another.
  const again = await call('/v1/unlock', { method: 'POST', body });
  assert.equal(again.status, 200);
  assert.equal(mock.posts.length, postsBefore + 1, 'posted once');
  assert.equal(await unlocks(), countBefore + 1, 'counted once');
  const opened = await call('/v1/content?item=ebook', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(opened.status, 200);
});

test('a short outage while the unlock is recorded: the store retries the write, the shopper gets the unlock, counted once', async () => {
  const body = await unlockRequest();
  const countBefore = await unlocks();
  // The post is published; the database goes away just as the unlock is
  // recorded, for 300 ms of the store's 1500 ms retry budget (its clock).
  let restored = false;
  beforeRecord = () => {
    relay.cut();
    clock.at(300, () => {
      restored = true;
      relay.restore();
    });
  };
  const response = await call('/v1/unlock', { method: 'POST', body });
  // Only the store's retries move its clock: it kept trying until the database was back.
  assert.equal(restored, true, 'the answer waited for the database');
  assert.equal(response.status, 200);
  assert.equal(await unlocks(), countBefore + 1);
});

test('database down for longer than the retry budget after the post: record-failed, and nothing counted twice later', async () => {
  const body = await unlockRequest();
  const countBefore = await unlocks();
  beforeRecord = () => relay.cut();
  const response = await call('/v1/unlock', { method: 'POST', body });
  assert.equal(response.status, 500);
  assert.equal((await response.json()).error.code, 'record-failed');
  relay.restore();
  assert.equal(await unlocks(), countBefore);
  // The code was claimed but earned nothing on record: a replay is refused
  // rather than posting a second time.
  const replay = await call('/v1/unlock', { method: 'POST', body });
  assert.equal(replay.status, 409);
  assert.equal(await unlocks(), countBefore);
});
