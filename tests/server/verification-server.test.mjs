// The verification server (server/handler.js) against the mock provider,
// through its Fetch-API handler: a full exchange and every way an unlock
// must be refused, each answered with its status and a JSON error, and no
// unlock recorded where none was earned. Needs the built server wasm
// (npm run build).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { createVerificationApp } from '../../server/app.js';
import { loadServerCore } from '../../server/core.js';
import { createVerificationHandler } from '../../server/handler.js';
import { decideAuthorization, startMockProvider } from '../../server/mock-provider.js';
import { readConfig } from '../../server/config.js';
import { ProviderError } from '../../server/providers/http.js';
import { supportsPkce } from '../../server/providers/mastodon.js';
import { openSqliteStore } from '../../server/store/sqlite.js';

const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const REDIRECT_URI = `${PAGE_ORIGIN}/pay/verified.html`;
const CLIENT = { clientId: 'sharelock-test', clientSecret: 'test-secret', redirectUris: [REDIRECT_URI] };
const ITEM_URL = 'https://shop.example/ebook';
const ITEMS = {
  ebook: { url: ITEM_URL, content: { text: 'Your e-book:', url: 'https://shop.example/files/ebook.pdf', label: 'Download' } },
  coupon: { url: 'https://shop.example/sale', content: { text: 'Your code:', code: 'SPRING20' } },
};
const KEY = { id: 'k2026', secret: randomBytes(32).toString('base64url') };
const DAY = 24 * 60 * 60 * 1000;

let mock;
let directory;
let clock;

before(async () => {
  mock = await startMockProvider({ clients: [CLIENT], now: () => clock });
  directory = await mkdtemp(join(tmpdir(), 'sharelock-server-'));
  await writeFile(join(directory, 'items.json'), JSON.stringify(ITEMS));
});
after(async () => {
  await mock.close();
  await rm(directory, { recursive: true, force: true });
});
beforeEach(() => {
  mock.reset();
  clock = Date.UTC(2026, 10, 25, 12);
});

function configFor(overrides = {}) {
  return {
    allowedOrigins: new Set([PAGE_ORIGIN]),
    keys: [KEY],
    items: ITEMS,
    database: join(directory, `db-${randomBytes(6).toString('hex')}.sqlite`),
    unlockLifetimeMillis: 30 * DAY,
    rateLimits: { ip: { limit: 1000, windowMillis: 60_000 }, item: { limit: 1000, windowMillis: 60_000 } },
    x: { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUri: REDIRECT_URI,
      authorizeUrl: `${mock.url}/i/oauth2/authorize`, apiUrl: mock.url },
    ...overrides,
  };
}

async function startApp(overrides) {
  const config = configFor(overrides);
  const app = await createVerificationApp({ config, now: () => clock });
  return { ...app, config };
}

function call(app, path, { method = 'GET', body, headers = {}, origin = PAGE_ORIGIN, ip = '192.0.2.1' } = {}) {
  const init = { method, headers: { ...(origin ? { origin } : {}), ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['content-type'] ??= 'application/json';
  }
  return app.handle(new Request(`http://127.0.0.1:8081${path}`, init), { ip });
}

/** What the page does: PKCE pair, authorize at the mock, approve or deny, read the callback. */
async function authorize(decision = 'approve') {
  const codeVerifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
  const url = new URL(`${mock.url}/i/oauth2/authorize`);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: CLIENT.clientId, redirect_uri: REDIRECT_URI,
    scope: 'tweet.read tweet.write users.read', state: randomBytes(16).toString('base64url'), code_challenge: challenge,
    code_challenge_method: 'S256' })) url.searchParams.set(name, value);
  const callback = new URL(await decideAuthorization(url.href, decision));
  return { code: callback.searchParams.get('code'), error: callback.searchParams.get('error'), codeVerifier };
}

const POST_TEXT = `Reading the Sharelock e-book ${ITEM_URL}`;

async function unlockBody(overrides = {}) {
  const { code, codeVerifier } = await authorize();
  return { item: 'ebook', network: 'x', code, codeVerifier, text: POST_TEXT, ...overrides };
}

async function errorOf(response) {
  assert.match(response.headers.get('content-type'), /^application\/json/);
  const body = await response.json();
  return { status: response.status, code: body.error?.code };
}

test('a full exchange publishes the post once, records the unlock and returns a token and the content', async () => {
  const app = await startApp();
  const response = await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody() });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const body = await response.json();
  assert.deepEqual(body.content, ITEMS.ebook.content);
  assert.equal(body.expiresAt, clock + 30 * DAY);
  assert.match(body.token, /^v1\.k2026\./);
  assert.deepEqual(mock.posts.map((post) => post.text), [POST_TEXT]);
  assert.equal(body.post.id, mock.posts[0].id);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 1);

  // A later visit presents the token and gets the content again.
  const again = await call(app, '/v1/content?item=ebook', { headers: { authorization: `Bearer ${body.token}` } });
  assert.equal(again.status, 200);
  assert.deepEqual((await again.json()).content, ITEMS.ebook.content);
  await app.close();
});

test('the oauth-client endpoint tells the page how to start, and nothing secret', async () => {
  const app = await startApp();
  const response = await call(app, '/v1/oauth-client?network=x');
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(body, { network: 'x', authorizeEndpoint: `${mock.url}/i/oauth2/authorize`, clientId: CLIENT.clientId,
    redirectUri: REDIRECT_URI, scopes: ['tweet.read', 'tweet.write', 'users.read'] });
  assert.doesNotMatch(JSON.stringify(body), /test-secret/);
  assert.deepEqual(await errorOf(await call(app, '/v1/oauth-client?network=myspace')), { status: 404, code: 'unknown-network' });
  await app.close();
});

test('a replayed code earns nothing more: the same shopper gets the same unlock back, anyone else nothing', async () => {
  const app = await startApp();
  const body = await unlockBody();
  const first = await (await call(app, '/v1/unlock', { method: 'POST', body })).json();
  // Our answer was lost (a timeout, a closed tab): the same code and verifier again.
  const again = await call(app, '/v1/unlock', { method: 'POST', body });
  assert.equal(again.status, 200);
  const repeated = await again.json();
  assert.equal(repeated.token, first.token);
  assert.deepEqual(repeated.content, first.content);
  // Someone who saw the code but not the verifier: the provider refuses it.
  const stolen = { ...body, codeVerifier: randomBytes(32).toString('base64url') };
  assert.deepEqual(await errorOf(await call(app, '/v1/unlock', { method: 'POST', body: stolen })), { status: 400, code: 'code-rejected' });
  assert.equal(mock.posts.length, 1);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 1);
  await app.close();
});

test('a wrong verifier, an expired code or a denied sign-in earn nothing', async () => {
  const app = await startApp();
  const wrongVerifier = await unlockBody({ codeVerifier: randomBytes(32).toString('base64url') });
  assert.deepEqual(await errorOf(await call(app, '/v1/unlock', { method: 'POST', body: wrongVerifier })), { status: 400, code: 'code-rejected' });

  const late = await unlockBody();
  clock += 31_000;  // X's codes live 30 s
  assert.deepEqual(await errorOf(await call(app, '/v1/unlock', { method: 'POST', body: late })), { status: 400, code: 'code-rejected' });

  const denied = await authorize('deny');
  assert.equal(denied.error, 'access_denied');
  assert.equal(denied.code, null);
  assert.equal(mock.posts.length, 0);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 0);
  await app.close();
});

test('someone who saw the shopper\'s code cannot burn it with a wrong verifier: the shopper still unlocks', async () => {
  // The server's own claim, with a provider that refuses a wrong verifier
  // without burning the code (the mock, like X per RFC 6749, burns it on
  // any attempt: then the provider's refusal is what the shopper gets, and
  // our claim adds no 409 of its own).
  const codeVerifier = randomBytes(32).toString('base64url');
  const code = randomBytes(24).toString('base64url');
  const provider = {
    network: 'x',
    async exchangeCode(request) {
      if (request.codeVerifier !== codeVerifier) throw new ProviderError('rejected', 'token', 'invalid_grant', 400);
      return { accessToken: 'access' };
    },
    async publish() { return { id: 'post-1', url: '' }; },
    async revoke() {},
  };
  const store = await openSqliteStore({ path: ':memory:' });
  const handle = createVerificationHandler({ config: configFor(), core: await loadServerCore(), store, providers: { x: provider },
    now: () => clock, randomBytes });
  const unlock = (verifier, ip) => handle(new Request('http://127.0.0.1:8081/v1/unlock', {
    method: 'POST', headers: { origin: PAGE_ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ item: 'ebook', network: 'x', code, codeVerifier: verifier, text: POST_TEXT }),
  }), { ip });
  assert.deepEqual(await errorOf(await unlock(randomBytes(32).toString('base64url'), '203.0.113.66')), { status: 400, code: 'code-rejected' });
  assert.equal((await unlock(codeVerifier, '192.0.2.1')).status, 200);
  assert.equal(await store.countUnlocks({ item: 'ebook' }), 1);
  await store.close();
});

test('bad requests are refused with their status and code: JSON, size, item, text, verifier', async () => {
  const app = await startApp();
  const post = (body, headers) => call(app, '/v1/unlock', { method: 'POST', body, headers });
  assert.deepEqual(await errorOf(await post('{"item":')), { status: 400, code: 'invalid-json' });
  assert.deepEqual(await errorOf(await post('x'.repeat(17 * 1024))), { status: 413, code: 'body-too-large' });
  assert.deepEqual(await errorOf(await post('{}', { 'content-type': 'text/plain' })), { status: 415, code: 'unsupported-media-type' });
  assert.deepEqual(await errorOf(await post(await unlockBody({ item: 'nope' }))), { status: 404, code: 'unknown-item' });
  assert.deepEqual(await errorOf(await post(await unlockBody({ text: 'No link here' }))), { status: 422, code: 'post-missing-link' });
  assert.deepEqual(await errorOf(await post(await unlockBody({ text: `${'é'.repeat(300)} ${ITEM_URL}` }))), { status: 422, code: 'post-too-long' });
  assert.deepEqual(await errorOf(await post(await unlockBody({ codeVerifier: 'short' }))), { status: 400, code: 'invalid-code-verifier' });
  assert.deepEqual(await errorOf(await post(await unlockBody({ network: 'facebook' }))), { status: 400, code: 'invalid-network' });
  assert.equal(mock.posts.length, 0);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 0);
  await app.close();
});

test('a disallowed origin is refused, preflights answer only allowed origins', async () => {
  const app = await startApp();
  const refused = await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody(), origin: 'https://evil.example' });
  assert.deepEqual(await errorOf(refused), { status: 403, code: 'origin-not-allowed' });
  assert.equal(refused.headers.get('access-control-allow-origin'), null);
  assert.equal(mock.posts.length, 0);

  const preflight = await call(app, '/v1/unlock', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), PAGE_ORIGIN);
  assert.match(preflight.headers.get('access-control-allow-headers'), /Authorization/);
  const evilPreflight = await call(app, '/v1/unlock', { method: 'OPTIONS', origin: 'https://evil.example' });
  assert.equal(evilPreflight.status, 403);
  await app.close();
});

test('provider down: a clear 502, nothing posted, nothing recorded', async () => {
  const app = await startApp();
  const body = await unlockBody();
  mock.setDown(true);
  assert.deepEqual(await errorOf(await call(app, '/v1/unlock', { method: 'POST', body })), { status: 502, code: 'provider-unavailable' });
  assert.equal(mock.posts.length, 0);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 0);

  // An unreachable provider (connection refused) is the same answer.
  const gone = await startApp({ x: { ...configFor().x, apiUrl: 'http://127.0.0.1:9' } });
  assert.deepEqual(await errorOf(await call(gone, '/v1/unlock', { method: 'POST', body: { ...body, code: 'another-code' } })),
    { status: 502, code: 'provider-unavailable' });
  assert.equal(await gone.store.countUnlocks({ item: 'ebook' }), 0);
  await app.close();
  await gone.close();
});

test('the provider failing after the code was accepted: "post-unconfirmed", never "nothing was posted", and no unlock', async () => {
  const app = await startApp();
  const body = await unlockBody();
  // The mock answers the token request, then goes down before the post.
  const realFetch = globalThis.fetch;
  const app2 = await createVerificationApp({
    config: configFor(), now: () => clock,
    fetch: async (url, init) => {
      if (String(url).endsWith('/2/tweets')) mock.setDown(true);
      return realFetch(url, init);
    },
  });
  assert.deepEqual(await errorOf(await call(app2, '/v1/unlock', { method: 'POST', body })), { status: 502, code: 'post-unconfirmed' });
  assert.equal(await app2.store.countUnlocks({ item: 'ebook' }), 0);
  await app.close();
  await app2.close();
});

test('bogus codes do not spend an item\'s unlock budget', async () => {
  const app = await startApp({ rateLimits: { ip: { limit: 1000, windowMillis: 60_000 }, item: { limit: 1, windowMillis: 60_000 } } });
  for (let i = 0; i < 3; i += 1) {
    const bogus = { item: 'ebook', network: 'x', code: `bogus-${i}`, codeVerifier: randomBytes(32).toString('base64url'), text: POST_TEXT };
    assert.deepEqual(await errorOf(await call(app, '/v1/unlock', { method: 'POST', body: bogus })), { status: 400, code: 'code-rejected' });
  }
  assert.equal((await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody() })).status, 200);
  await app.close();
});

test('a post the provider refuses (duplicate) earns nothing', async () => {
  const app = await startApp();
  assert.equal((await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody() })).status, 200);
  assert.deepEqual(await errorOf(await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody() })), { status: 422, code: 'post-rejected' });
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 1);
  await app.close();
});

test('expired, forged, wrong-item and unrecorded tokens get no content', async () => {
  const app = await startApp();
  const { token } = await (await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody() })).json();
  const content = (item, bearer) => call(app, `/v1/content?item=${item}`, { headers: { authorization: `Bearer ${bearer}` } });
  assert.equal((await content('ebook', token)).status, 200);
  assert.deepEqual(await errorOf(await content('coupon', token)), { status: 401, code: 'token-wrong-item' });
  const [v, kid, payload, mac] = token.split('.');
  const flipped = `${v}.${kid}.${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
  assert.deepEqual(await errorOf(await content('ebook', flipped)), { status: 401, code: 'token-forged' });
  assert.deepEqual(await errorOf(await content('ebook', 'garbage')), { status: 401, code: 'token-malformed' });

  // Signed with the right key but never recorded (e.g. the record was deleted).
  const other = await startApp();
  const { token: foreign } = await (await call(other, '/v1/unlock', { method: 'POST', body: await unlockBody({ text: `${POST_TEXT}!` }) })).json();
  assert.deepEqual(await errorOf(await content('ebook', foreign)), { status: 401, code: 'token-revoked' });

  clock += 30 * DAY;
  assert.deepEqual(await errorOf(await content('ebook', token)), { status: 401, code: 'token-expired' });
  await app.close();
  await other.close();
});

test('rate limits per IP and per item answer 429 with Retry-After, and record nothing', async () => {
  const app = await startApp({ rateLimits: { ip: { limit: 3, windowMillis: 60_000 }, item: { limit: 1, windowMillis: 60_000 },
    page: { limit: 3, windowMillis: 60_000 } } });
  assert.equal((await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody(), ip: '192.0.2.7' })).status, 200);
  const itemLimited = await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody({ text: `${POST_TEXT} 2` }), ip: '192.0.2.8' });
  assert.deepEqual(await errorOf(itemLimited), { status: 429, code: 'rate-limited' });
  assert.equal(itemLimited.headers.get('retry-after'), '60');

  for (let i = 0; i < 2; i += 1) assert.equal((await call(app, '/v1/proof?item=ebook', { ip: '192.0.2.9' })).status, 200);
  assert.equal((await call(app, '/v1/proof?item=ebook', { ip: '192.0.2.9' })).status, 200);
  assert.deepEqual(await errorOf(await call(app, '/v1/proof?item=ebook', { ip: '192.0.2.9' })), { status: 429, code: 'rate-limited' });
  assert.equal(mock.posts.length, 1);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 1);
  await app.close();
});

test('reading unlocked content spends the page budget, not the one an unlock needs', async () => {
  const app = await startApp({ rateLimits: { ip: { limit: 2, windowMillis: 60_000 }, item: { limit: 1000, windowMillis: 60_000 },
    page: { limit: 100, windowMillis: 60_000 } } });
  for (let i = 0; i < 5; i += 1) {
    assert.equal((await call(app, '/v1/content?item=ebook', { headers: { authorization: 'Bearer x.y.z' }, ip: '192.0.2.20' })).status, 401);
  }
  assert.equal((await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody(), ip: '192.0.2.20' })).status, 200);
  await app.close();
});

test('the proof feed counts real unlocks, per window', async () => {
  const app = await startApp();
  await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody() });
  clock += 2 * DAY;
  await call(app, '/v1/unlock', { method: 'POST', body: await unlockBody({ text: `${POST_TEXT} again` }) });
  const feed = await (await call(app, '/v1/proof?item=ebook')).json();
  assert.equal(feed.version, 1);
  const count = (window) => feed.counters.find((counter) => counter.type === 'unlock' && counter.window === window).count;
  assert.deepEqual([count('all'), count('24h'), count('7d')], [2, 1, 2]);
  assert.equal(feed.counters.find((counter) => counter.window === '24h').at, new Date(clock).toISOString());
  await app.close();
});

test('restarting the server loses no recorded unlock: tokens still open the content', async () => {
  const database = join(directory, 'restart.sqlite');
  const first = await startApp({ database });
  const { token } = await (await call(first, '/v1/unlock', { method: 'POST', body: await unlockBody() })).json();
  await first.close();

  const second = await startApp({ database });
  assert.equal(await second.store.countUnlocks({ item: 'ebook' }), 1);
  const response = await call(second, '/v1/content?item=ebook', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  await second.close();
  const reopened = await openSqliteStore({ path: database });
  assert.equal(await reopened.countUnlocks({ item: 'ebook' }), 1);
  await reopened.close();
});

test('names of Object\'s own properties are no network and no item: 404 and an empty feed, never a 500', async () => {
  const app = await startApp();
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    assert.deepEqual(await errorOf(await call(app, `/v1/oauth-client?network=${name}`)), { status: 404, code: 'unknown-network' }, name);
    const feed = await (await call(app, `/v1/proof?item=${name}`)).json();
    assert.deepEqual(feed.counters.filter((counter) => counter.type === 'unlock'), [], name);
    const content = await call(app, `/v1/content?item=${name}`, { headers: { authorization: 'Bearer x.y.z' } });
    assert.equal(content.status, 401, name);
  }
  await app.close();
});

test('unknown paths and methods are JSON errors', async () => {
  const app = await startApp();
  assert.deepEqual(await errorOf(await call(app, '/v1/nothing')), { status: 404, code: 'not-found' });
  assert.deepEqual(await errorOf(await call(app, '/v1/unlock')), { status: 405, code: 'method-not-allowed' });
  await app.close();
});

// ── Mastodon: one app per shopper's server, registered on first use ─────────

const MASTODON_HOST = 'mastodon.test';

function mastodonConfig(extra = {}) {
  return {
    mastodon: {
      redirectUri: REDIRECT_URI, allowedHosts: new Set([MASTODON_HOST]), instanceUrls: { [MASTODON_HOST]: mock.url },
      clientName: 'Sharelock test shop', ...extra,
    },
  };
}

/** The page's part for Mastodon: the client from the server, then the mock's authorize page. */
async function authorizeMastodon(app, decision = 'approve') {
  const client = await (await call(app, `/v1/oauth-client?network=mastodon&host=${MASTODON_HOST}`)).json();
  const codeVerifier = randomBytes(32).toString('base64url');
  const url = new URL(client.authorizeEndpoint);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: client.clientId, redirect_uri: client.redirectUri,
    scope: client.scopes.join(' '), state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256' })) {
    url.searchParams.set(name, value);
  }
  const callback = new URL(await decideAuthorization(url.href, decision));
  return { client, code: callback.searchParams.get('code'), codeVerifier };
}

test('Mastodon: the app is registered once per server, the status is posted and the unlock recorded', async () => {
  const app = await startApp(mastodonConfig());
  const first = await authorizeMastodon(app);
  assert.equal(first.client.network, 'mastodon');
  assert.equal(first.client.host, MASTODON_HOST);
  assert.equal(first.client.authorizeEndpoint, `${mock.url}/oauth/authorize`);
  assert.deepEqual(first.client.scopes, ['write:statuses']);
  assert.doesNotMatch(JSON.stringify(first.client), /secret/i);
  const text = `Reading the e-book ${ITEM_URL}`;
  const response = await call(app, '/v1/unlock', { method: 'POST',
    body: { item: 'ebook', network: 'mastodon', host: 'Mastodon.TEST', code: first.code, codeVerifier: first.codeVerifier, text } });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.deepEqual(body.content, ITEMS.ebook.content);
  assert.deepEqual(mock.posts.map((post) => [post.provider, post.text]), [['mastodon', text]]);
  assert.equal(body.post.url, `${mock.url}/@mockshopper/${mock.posts[0].id}`);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 1);

  // A second shopper on the same server: the stored app is reused.
  const second = await authorizeMastodon(app);
  assert.equal(second.client.clientId, first.client.clientId);
  await app.close();
});

test('Mastodon: a server outside the allowed list is refused before any request', async () => {
  const app = await startApp(mastodonConfig());
  assert.deepEqual(await errorOf(await call(app, '/v1/oauth-client?network=mastodon&host=evil.example')), { status: 400, code: 'host-not-allowed' });
  assert.deepEqual(await errorOf(await call(app, '/v1/oauth-client?network=mastodon&host=not%20a%20host')), { status: 400, code: 'invalid-host' });
  await app.close();

});

test('Mastodon: a post over 500 characters, a missing host or an instance down earn nothing', async () => {
  const app = await startApp(mastodonConfig());
  const { code, codeVerifier } = await authorizeMastodon(app);
  const post = (body) => call(app, '/v1/unlock', { method: 'POST', body: { item: 'ebook', network: 'mastodon', host: MASTODON_HOST, code, codeVerifier, ...body } });
  assert.deepEqual(await errorOf(await post({ text: `${'a'.repeat(480)} ${ITEM_URL}` })), { status: 422, code: 'post-too-long' });
  assert.deepEqual(await errorOf(await post({ host: '', text: `Hi ${ITEM_URL}` })), { status: 400, code: 'invalid-host' });
  mock.setDown(true);
  assert.deepEqual(await errorOf(await post({ text: `Hi ${ITEM_URL}` })), { status: 502, code: 'provider-unavailable' });
  assert.equal(mock.posts.length, 0);
  assert.equal(await app.store.countUnlocks({ item: 'ebook' }), 0);
  await app.close();
});

test('Mastodon needs an allow-list: "any server" could confirm posts that never happened', () => {
  const base = { SHARELOCK_ALLOWED_ORIGINS: PAGE_ORIGIN, SHARELOCK_HMAC_KEYS: `k:${KEY.secret}`, SHARELOCK_ITEMS: join(directory, 'items.json'),
    X_CLIENT_ID: 'a', X_CLIENT_SECRET: 'b', X_REDIRECT_URI: REDIRECT_URI, MASTODON_REDIRECT_URI: `${PAGE_ORIGIN}/?via=mastodon` };
  assert.throws(() => readConfig(base), /SHARELOCK_MASTODON_HOSTS: list the Mastodon servers you accept/);
  assert.throws(() => readConfig({ ...base, SHARELOCK_MASTODON_HOSTS: '*' }), /SHARELOCK_MASTODON_HOSTS/);
  const config = readConfig({ ...base, SHARELOCK_MASTODON_HOSTS: 'Mastodon.Social, fosstodon.org' });
  assert.deepEqual([...config.mastodon.allowedHosts], ['mastodon.social', 'fosstodon.org']);
  assert.equal(supportsPkce('4.3.0'), true);
  assert.equal(supportsPkce('4.2.10'), false);
  assert.equal(supportsPkce('5.0.0-beta.1'), true);
});
