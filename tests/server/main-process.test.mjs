// The verification server as it is deployed: `node server/main.js`,
// configured by environment variables, over real HTTP. An unlock earned
// before a restart (SIGTERM, then SIGKILL) is still honoured after it; a
// bad configuration stops the process at start with a message naming the
// variable.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decideAuthorization, startMockProvider } from '../../server/mock-provider.js';

const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));
const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const REDIRECT_URI = `${PAGE_ORIGIN}/`;
const CLIENT = { clientId: 'main-test', clientSecret: 'main-secret', redirectUris: [REDIRECT_URI] };
const ITEM_URL = 'https://shop.example/guide';

let mock;
let directory;
let env;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

before(async () => {
  mock = await startMockProvider({ clients: [CLIENT] });
  directory = await mkdtemp(join(tmpdir(), 'sharelock-main-'));
  const items = join(directory, 'items.json');
  await writeFile(items, JSON.stringify({ guide: { url: ITEM_URL, content: { text: 'The guide', code: 'GUIDE-1' } } }));
  env = {
    PATH: process.env.PATH,
    SHARELOCK_ALLOWED_ORIGINS: PAGE_ORIGIN,
    SHARELOCK_HMAC_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    SHARELOCK_ITEMS: items,
    SHARELOCK_DB: join(directory, 'data', 'unlocks.db'),
    X_CLIENT_ID: CLIENT.clientId,
    X_CLIENT_SECRET: CLIENT.clientSecret,
    X_REDIRECT_URI: REDIRECT_URI,
    X_AUTHORIZE_URL: `${mock.url}/i/oauth2/authorize`,
    X_API_URL: mock.url,
    HOST: '127.0.0.1',
  };
});
after(async () => {
  await mock.close();
  await rm(directory, { recursive: true, force: true });
});

/** Starts main.js; resolves once it prints its address. */
async function startMain(extraEnv = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(port), ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  await new Promise((resolve, reject) => {
    child.stdout.on('data', () => { if (output.includes('verification server on')) resolve(); });
    child.once('exit', (code) => reject(new Error(`main.js exited (${code}): ${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

async function earnUnlock(server) {
  const codeVerifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${mock.url}/i/oauth2/authorize`);
  const query = { response_type: 'code', client_id: CLIENT.clientId, redirect_uri: REDIRECT_URI, scope: 'tweet.read tweet.write users.read',
    state: 'main-test-state-123', code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256' };
  for (const [name, value] of Object.entries(query)) authorize.searchParams.set(name, value);
  const code = new URL(await decideAuthorization(authorize.href, 'approve')).searchParams.get('code');
  const response = await fetch(`${server.url}/v1/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: PAGE_ORIGIN },
    body: JSON.stringify({ item: 'guide', network: 'x', code, codeVerifier, text: `Reading the guide ${ITEM_URL} ${randomBytes(4).toString('hex')}` }),
  });
  assert.equal(response.status, 200);
  return (await response.json()).token;
}

function fetchContent(server, token) {
  return fetch(`${server.url}/v1/content?item=guide`, { headers: { authorization: `Bearer ${token}`, origin: PAGE_ORIGIN } });
}

test('an unlock survives a graceful restart and a kill: the token still opens the content', async () => {
  const first = await startMain();
  const graceful = await earnUnlock(first);
  first.child.kill('SIGTERM');
  assert.equal((await once(first.child, 'exit'))[0], 0);

  const second = await startMain();
  assert.equal((await fetchContent(second, graceful)).status, 200);
  const killed = await earnUnlock(second);
  second.child.kill('SIGKILL');  // no chance to flush anything: the write was already durable
  await once(second.child, 'exit');

  const third = await startMain();
  for (const token of [graceful, killed]) {
    const response = await fetchContent(third, token);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
    assert.deepEqual((await response.json()).content, { text: 'The guide', code: 'GUIDE-1' });
  }
  third.child.kill('SIGTERM');
  await once(third.child, 'exit');
});

test('a weak signing key, a missing setting or an http provider stop the server at start, naming the variable', async () => {
  const cases = [
    [{ SHARELOCK_HMAC_KEYS: 'k1:c2hvcnQ' }, /SHARELOCK_HMAC_KEYS: key "k1" needs a base64url secret of at least 32/],
    // 45 characters: Node's lenient decoder reads 33 bytes, the core none.
    [{ SHARELOCK_HMAC_KEYS: `k1:${'A'.repeat(45)}` }, /SHARELOCK_HMAC_KEYS: key "k1" cannot sign/],
    [{ X_CLIENT_ID: '' }, /X_CLIENT_ID: is required/],
    [{ X_API_URL: 'http://api.example.com' }, /X_API_URL: must use https/],
    [{ SHARELOCK_ALLOWED_ORIGINS: 'https://shop.example/' }, /not an origin \(write https:\/\/shop\.example\)/],
    [{ SHARELOCK_RATE_IP: 'lots' }, /SHARELOCK_RATE_IP: must be <requests>\/<seconds>/],
    [{ SHARELOCK_TRUST_PROXY: 'yes' }, /SHARELOCK_TRUST_PROXY: must be the number of your proxies/],
    [{ SHARELOCK_ANALYTICS_DAYS: '30' }, /SHARELOCK_ANALYTICS_DAYS: must be a whole number of days, 366-3660/],
    [{ SHARELOCK_ANALYTICS_NEW_ITEMS: '0' }, /SHARELOCK_ANALYTICS_NEW_ITEMS: must be a whole number of items a day/],
  ];
  for (const [extra, message] of cases) {
    await assert.rejects(startMain(extra), message);
  }
});
