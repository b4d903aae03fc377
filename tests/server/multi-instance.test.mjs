// Several verification servers (real `node server/main.js` processes) on one
// PostgreSQL database, as in a scaled-out deployment: an unlock earned at one
// instance opens the content at any other, a code redeemed at one is refused
// at the others, the counts agree everywhere, tokens survive key rotation
// across instances, and one address in front keeps working when an instance
// dies.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startMockProvider } from '../../server/mock-provider.js';
import {
  authorizeAtMock, hmacKey, postUnlock, startInstance, startRoundRobinProxy,
} from './multi-instance-fixture.mjs';
import { startTestPostgres } from './postgres-fixture.mjs';

const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const REDIRECT_URI = `${PAGE_ORIGIN}/`;
const CLIENT = { clientId: 'multi-test', clientSecret: 'multi-secret', redirectUris: [REDIRECT_URI] };
const ITEM_URL = 'https://shop.example/guide';
const CONTENT = { text: 'The guide', code: 'GUIDE-1' };

let postgres;
let mock;
let directory;
let baseEnv;
const running = [];
// Three instances with one key on one database, shared by the tests below
// (the last one kills an instance); counts are compared as differences.
const K1 = hmacKey('k1');
let trio;

before(async () => {
  postgres = await startTestPostgres();
  mock = await startMockProvider({ clients: [CLIENT] });
  directory = await mkdtemp(join(tmpdir(), 'sharelock-multi-'));
  const items = join(directory, 'items.json');
  await writeFile(items, JSON.stringify({ guide: { url: ITEM_URL, content: CONTENT } }));
  baseEnv = {
    SHARELOCK_ALLOWED_ORIGINS: PAGE_ORIGIN,
    SHARELOCK_ITEMS: items,
    // Every instance sees the proxy (one IP): per-IP limits would count all shoppers as one.
    SHARELOCK_RATE_IP: '100000/60',
    X_CLIENT_ID: CLIENT.clientId,
    X_CLIENT_SECRET: CLIENT.clientSecret,
    X_REDIRECT_URI: REDIRECT_URI,
    X_AUTHORIZE_URL: `${mock.url}/i/oauth2/authorize`,
    X_API_URL: mock.url,
  };
  trio = await startInstances(3, K1);
});
after(async () => {
  await Promise.all(running.map((instance) => instance.kill()));
  await mock.close();
  await postgres.stop();
  await rm(directory, { recursive: true, force: true });
});

/** `count` instances on a fresh database, all with SHARELOCK_HMAC_KEYS = keys[i] (or keys). */
async function startInstances(count, keys, databaseUrl) {
  const url = databaseUrl ?? await postgres.createDatabase();
  const instances = await Promise.all(Array.from({ length: count }, (_, n) => startInstance(
    { ...baseEnv, DATABASE_URL: url, SHARELOCK_HMAC_KEYS: Array.isArray(keys) ? keys[n] : keys },
    { name: `instance-${String.fromCharCode(65 + n)}` })));
  running.push(...instances);
  return { instances, databaseUrl: url };
}

async function earn(serverUrl) {
  const grant = await authorizeAtMock({ mockUrl: mock.url, clientId: CLIENT.clientId, redirectUri: REDIRECT_URI });
  const text = `Reading the guide ${ITEM_URL} ${randomBytes(4).toString('hex')}`;
  const response = await postUnlock(serverUrl, { origin: PAGE_ORIGIN, item: 'guide', ...grant, text });
  return { response, grant, text };
}

function content(serverUrl, token) {
  return fetch(`${serverUrl}/v1/content?item=guide`, { headers: { authorization: `Bearer ${token}`, origin: PAGE_ORIGIN } });
}

async function unlockCount(serverUrl) {
  const response = await fetch(`${serverUrl}/v1/proof?item=guide`, { headers: { origin: PAGE_ORIGIN } });
  assert.equal(response.status, 200);
  return (await response.json()).counters.find((c) => c.type === 'unlock' && c.window === 'all').count;
}

async function rowsIn(databaseUrl, sql) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test('an unlock earned at one instance opens the content at another; its code is refused elsewhere; counts agree', async () => {
  const { instances: [a, b, c], databaseUrl } = trio;
  const countBefore = await unlockCount(a.url);
  const rowsBefore = (await rowsIn(databaseUrl, 'SELECT count(*)::int AS n FROM unlocks'))[0].n;
  const { response, grant, text } = await earn(a.url);
  assert.equal(response.status, 200);
  const { token } = await response.json();

  for (const instance of [a, b, c]) {
    const opened = await content(instance.url, token);
    assert.equal(opened.status, 200, instance.name);
    assert.deepEqual((await opened.json()).content, CONTENT);
  }
  // The same code with another verifier (an attacker who saw the code) at
  // another instance: the provider refuses it (the code is used), nothing more.
  const stolen = await postUnlock(b.url, { origin: PAGE_ORIGIN, item: 'guide', code: grant.code,
    codeVerifier: randomBytes(32).toString('base64url'), text });
  assert.equal(stolen.status, 400);
  assert.equal((await stolen.json()).error.code, 'code-rejected');
  // The same shopper retrying (same code and verifier, their answer was lost) at a third instance:
  // the unlock they earned, not a second one.
  const retried = await postUnlock(c.url, { origin: PAGE_ORIGIN, item: 'guide', ...grant, text });
  assert.equal(retried.status, 200);
  const again = await retried.json();
  assert.equal((await content(a.url, again.token)).status, 200);

  assert.equal(mock.posts.filter((post) => post.text === text).length, 1, 'posted once');
  for (const instance of [a, b, c]) assert.equal(await unlockCount(instance.url), countBefore + 1, instance.name);
  assert.deepEqual(await rowsIn(databaseUrl, 'SELECT count(*)::int AS n FROM unlocks'), [{ n: rowsBefore + 1 }]);
});

test('behind one address, unlocks spread over the instances and every token opens the content at every instance', async () => {
  const { instances, databaseUrl } = trio;
  const proxy = await startRoundRobinProxy(instances.map((i) => i.url));
  const countBefore = await unlockCount(instances[0].url);
  try {
    const results = await Promise.all(Array.from({ length: 12 }, () => earn(proxy.url)));
    const tokens = [];
    for (const { response } of results) {
      assert.equal(response.status, 200);
      tokens.push((await response.json()).token);
    }
    for (const instance of instances) assert.ok(proxy.counts.get(instance.url) >= 4, `${instance.name} served its share`);
    for (const token of tokens) {
      for (const instance of instances) assert.equal((await content(instance.url, token)).status, 200);
    }
    for (const instance of instances) assert.equal(await unlockCount(instance.url), countBefore + 12);
    const [{ n }] = await rowsIn(databaseUrl, 'SELECT count(*)::int AS n FROM unlocks');
    assert.equal(n, countBefore + 12);
  } finally {
    await proxy.close();
  }
});

test('key rotation across instances: old tokens verify where the old key is still listed, not where it was dropped', async () => {
  const k2 = hmacKey('k2');
  // Mid-rotation: A (of the trio) still signs with k1; B signs with the new
  // k2 and still accepts k1; C has dropped k1.
  const a = trio.instances[0];
  const { instances: [b, c] } = await startInstances(2, [`${k2},${K1}`, k2], trio.databaseUrl);

  const fromA = (await (await earn(a.url)).response.json()).token;
  const fromB = (await (await earn(b.url)).response.json()).token;
  assert.match(fromA, /^v1\.k1\./);
  assert.match(fromB, /^v1\.k2\./);

  assert.equal((await content(b.url, fromA)).status, 200, 'the new instance still honours the old key');
  assert.equal((await content(c.url, fromB)).status, 200);
  assert.equal((await content(b.url, fromB)).status, 200);
  const dropped = await content(c.url, fromA);
  assert.equal(dropped.status, 401);
  assert.equal((await dropped.json()).error.code, 'token-unknown-key');
  const notYet = await content(a.url, fromB);
  assert.equal(notYet.status, 401);
  assert.equal((await notYet.json()).error.code, 'token-unknown-key');

  // A secret that differs under the same key id is a forgery, not a rotation.
  const { instances: [impostor] } = await startInstances(1, hmacKey('k1'), trio.databaseUrl);
  const forged = await content(impostor.url, fromA);
  assert.equal(forged.status, 401);
  assert.equal((await forged.json()).error.code, 'token-forged');
});

test('an instance killed mid-traffic: the address keeps answering, its unlocks stay valid, nothing is counted twice', async () => {
  const { instances, databaseUrl } = trio;
  const proxy = await startRoundRobinProxy(instances.map((i) => i.url));
  const countBefore = await unlockCount(proxy.url);
  try {
    const before = await Promise.all(Array.from({ length: 6 }, () => earn(proxy.url)));
    const tokens = await Promise.all(before.map(async ({ response }) => {
      assert.equal(response.status, 200);
      return (await response.json()).token;
    }));
    const killed = await instances[0].kill();
    assert.equal(killed.signal, 'SIGKILL');
    const afterKill = await Promise.all(Array.from({ length: 6 }, () => earn(proxy.url)));
    for (const { response } of afterKill) {
      assert.equal(response.status, 200);
      tokens.push((await response.json()).token);
    }
    for (const token of tokens) assert.equal((await content(proxy.url, token)).status, 200);
    assert.equal(await unlockCount(proxy.url), countBefore + 12);
    assert.deepEqual(await rowsIn(databaseUrl, 'SELECT count(*)::int AS n FROM unlocks'), [{ n: countBefore + 12 }]);
  } finally {
    await proxy.close();
  }
});

test('a DATABASE_URL that is not PostgreSQL, or a database that cannot be reached, stops the server at start', async () => {
  await assert.rejects(startInstance({ ...baseEnv, SHARELOCK_HMAC_KEYS: hmacKey('k1'), DATABASE_URL: 'mysql://db/sharelock' }),
    /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
  await assert.rejects(startInstance({ ...baseEnv, SHARELOCK_HMAC_KEYS: hmacKey('k1'), DATABASE_URL: 'postgres://127.0.0.1:9' }),
    /DATABASE_URL: names no database/);
  const unreachable = startInstance({ ...baseEnv, SHARELOCK_HMAC_KEYS: hmacKey('k1'), DATABASE_URL: 'postgres://nobody:secret-password@127.0.0.1:9/sharelock' });
  await assert.rejects(unreachable, (error) => /cannot open the PostgreSQL database \(DATABASE_URL\)/.test(error.message)
    && !error.message.includes('secret-password'));
});
