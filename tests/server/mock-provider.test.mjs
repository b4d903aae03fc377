// The mock OAuth + posting provider (test infrastructure, not X, not Mastodon):
// each test drives it the way the verification server drives the real APIs,
// and pins the status codes and bodies that server will depend on.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, beforeEach, test } from 'node:test';
import { decideAuthorization, startMockProvider } from '../../server/mock-provider.js';

const CLIENT = { clientId: 'sharelock-test', clientSecret: 'test-secret', redirectUris: ['http://127.0.0.1:8080/oauth/callback?provider=x'], name: 'Sharelock Shop' };
const PUBLIC_CLIENT = { clientId: 'sharelock-public', redirectUris: ['http://127.0.0.1:8080/public'] };
const REDIRECT = CLIENT.redirectUris[0];
const X_SCOPE = 'tweet.read tweet.write users.read';

let clock = 1_800_000_000_000;
const mock = await startMockProvider({ port: 0, clients: [CLIENT, PUBLIC_CLIENT], codeLifetimeMillis: 30_000, now: () => clock });
after(() => mock.close());
beforeEach(() => mock.reset());

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
const basic = (id, secret) => 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
const form = (fields) => new URLSearchParams(fields);

function xAuthorizeUrl({ challenge, state = 'st-123', ...overrides }) {
  const url = new URL('/i/oauth2/authorize', mock.url);
  const params = { response_type: 'code', client_id: CLIENT.clientId, redirect_uri: REDIRECT, scope: X_SCOPE, state,
    code_challenge: challenge, code_challenge_method: 'S256', ...overrides };
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.href;
}

/** Approves an X authorization and returns { code, verifier }. */
async function xCode(options = {}) {
  const { verifier, challenge } = pkce();
  const back = new URL(await decideAuthorization(xAuthorizeUrl({ challenge }), 'approve', options));
  return { code: back.searchParams.get('code'), verifier };
}

function xToken({ code, verifier, redirectUri = REDIRECT, auth = basic(CLIENT.clientId, CLIENT.clientSecret) }) {
  return fetch(`${mock.url}/2/oauth2/token`, {
    method: 'POST',
    headers: auth ? { authorization: auth } : {},
    body: form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, client_id: CLIENT.clientId }),
  });
}

async function xAccessToken(options) {
  const res = await xToken(await xCode(options));
  assert.equal(res.status, 200);
  return (await res.json()).access_token;
}

const tweet = (token, text) => fetch(`${mock.url}/2/tweets`, {
  method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text }),
});

const BAD_CODE = { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' };
const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };

test('X: full flow — consent page, code, token, who am I, tweet', async () => {
  const { verifier, challenge } = pkce();
  const authorizeUrl = xAuthorizeUrl({ challenge });

  const pageRes = await fetch(authorizeUrl);
  assert.equal(pageRes.status, 200);
  assert.equal(pageRes.headers.get('content-security-policy'),
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:8080; frame-ancestors 'none'; base-uri 'none'");
  const html = await pageRes.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<h1>[^<]*Sharelock Shop[^<]*<\/h1>/);
  assert.match(html, /Mock provider for tests and the demo — not X, not Mastodon/);
  assert.match(html, /<form method="post" action="\/i\/oauth2\/authorize\/decision">/);
  assert.match(html, /<button type="submit" name="decision" value="approve">/);
  assert.match(html, /<button type="submit" name="decision" value="deny"[^>]*>/);
  for (const scope of X_SCOPE.split(' ')) assert.match(html, new RegExp(`<li><code>${scope}</code></li>`));
  assert.doesNotMatch(html, /<script|src=|href=/);

  const back = new URL(await decideAuthorization(authorizeUrl, 'approve'));
  assert.equal(back.origin + back.pathname, 'http://127.0.0.1:8080/oauth/callback');
  assert.equal(back.searchParams.get('provider'), 'x', 'the redirect_uri query is kept');
  assert.equal(back.searchParams.get('state'), 'st-123');
  assert.match(back.searchParams.get('code'), /^[A-Za-z0-9_-]{43}$/);

  const tokenRes = await xToken({ code: back.searchParams.get('code'), verifier });
  assert.equal(tokenRes.status, 200);
  const token = await tokenRes.json();
  assert.deepEqual(Object.keys(token).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
  assert.equal(token.token_type, 'bearer');
  assert.equal(token.expires_in, 7200);
  assert.equal(token.scope, X_SCOPE);

  const me = await fetch(`${mock.url}/2/users/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
  const { data: user } = await me.json();
  assert.deepEqual({ name: user.name, username: user.username }, { name: 'Mock Shopper', username: 'mockshopper' });
  assert.match(user.id, /^\d+$/);

  const posted = await tweet(token.access_token, 'I got the ebook 📚');
  assert.equal(posted.status, 201);
  const { data } = await posted.json();
  assert.match(data.id, /^\d+$/);
  assert.deepEqual(data, { id: data.id, text: 'I got the ebook 📚', edit_history_tweet_ids: [data.id] });
  assert.deepEqual(mock.posts, [{ provider: 'x', id: data.id, text: 'I got the ebook 📚', userId: user.id, at: clock }]);
});

test('X: public client authenticates with client_id alone', async () => {
  const { verifier, challenge } = pkce();
  const back = new URL(await decideAuthorization(xAuthorizeUrl({ challenge, client_id: PUBLIC_CLIENT.clientId, redirect_uri: PUBLIC_CLIENT.redirectUris[0] }), 'approve'));
  const res = await fetch(`${mock.url}/2/oauth2/token`, { method: 'POST', body: form({ grant_type: 'authorization_code',
    code: back.searchParams.get('code'), redirect_uri: PUBLIC_CLIENT.redirectUris[0], code_verifier: verifier, client_id: PUBLIC_CLIENT.clientId }) });
  assert.equal(res.status, 200);
});

test('X: deny redirects with access_denied and the state, no code', async () => {
  const back = new URL(await decideAuthorization(xAuthorizeUrl({ challenge: pkce().challenge }), 'deny'));
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('state'), 'st-123');
  assert.equal(back.searchParams.get('code'), null);
});

test('X: unknown client or unregistered redirect_uri shows a 400 page and never redirects', async () => {
  const { challenge } = pkce();
  for (const overrides of [{ client_id: 'nobody' }, { redirect_uri: 'http://127.0.0.1:8080/oauth/callback' }, { redirect_uri: 'https://evil.example/cb' }]) {
    const res = await fetch(xAuthorizeUrl({ challenge, ...overrides }), { redirect: 'manual' });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('location'), null);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.match(await res.text(), /not X, not Mastodon/);
  }
  // Tampering with the hidden inputs is caught on the decision too.
  const decision = await fetch(`${mock.url}/i/oauth2/authorize/decision`, { method: 'POST', redirect: 'manual', body: form({
    response_type: 'code', client_id: CLIENT.clientId, redirect_uri: 'https://evil.example/cb', scope: X_SCOPE, state: 's',
    code_challenge: challenge, code_challenge_method: 'S256', decision: 'approve' }) });
  assert.equal(decision.status, 400);
  assert.equal(decision.headers.get('location'), null);
});

test('X: other bad requests redirect back with invalid_request and the state', async () => {
  const { challenge } = pkce();
  for (const overrides of [{ response_type: 'token' }, { code_challenge: undefined }, { code_challenge_method: 'plain' },
    { code_challenge_method: undefined }, { scope: 'tweet.read users.read' }, { state: '' }]) {
    const res = await fetch(xAuthorizeUrl({ challenge, ...overrides }), { redirect: 'manual' });
    assert.equal(res.status, 302, JSON.stringify(overrides));
    const back = new URL(res.headers.get('location'));
    assert.equal(back.origin + back.pathname, 'http://127.0.0.1:8080/oauth/callback');
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.equal(back.searchParams.get('state'), overrides.state === '' ? null : 'st-123');
  }
});

test('X: a code is single-use, and replaying it revokes the token it bought', async () => {
  const grant = await xCode();
  const first = await xToken(grant);
  assert.equal(first.status, 200);
  const { access_token: token } = await first.json();
  const second = await xToken(grant);
  assert.equal(second.status, 400);
  assert.deepEqual(await second.json(), BAD_CODE);
  assert.equal((await tweet(token, 'after replay')).status, 401);
});

test('X: wrong code_verifier fails, and burns the code', async () => {
  const grant = await xCode();
  const wrong = await xToken({ ...grant, verifier: pkce().verifier });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await wrong.json(), BAD_CODE);
  assert.equal((await xToken(grant)).status, 400);
});

test('X: the code expires after codeLifetimeMillis', async () => {
  const fresh = await xCode();
  clock += 30_000;
  assert.equal((await xToken(fresh)).status, 200, 'still valid at exactly the lifetime');
  const stale = await xCode();
  clock += 30_001;
  const res = await xToken(stale);
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), BAD_CODE);
});

test('X: redirect_uri at the token endpoint must match the authorize one', async () => {
  const res = await xToken({ ...(await xCode()), redirectUri: 'http://127.0.0.1:8080/oauth/callback' });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), BAD_CODE);
});

test('X: bad or missing Basic auth is 401 unauthorized_client', async () => {
  const grant = await xCode();
  for (const auth of [basic(CLIENT.clientId, 'wrong'), basic('nobody', CLIENT.clientSecret), null]) {
    const res = await xToken({ ...grant, auth });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'unauthorized_client', error_description: 'Missing valid authorization header' });
  }
  assert.equal((await xToken(grant)).status, 200, 'failed client auth does not burn the code');
});

test('X: the same text twice from one user is 403, another user may post it', async () => {
  const token = await xAccessToken();
  assert.equal((await tweet(token, 'Same words')).status, 201);
  const again = await tweet(token, 'Same words');
  assert.equal(again.status, 403);
  assert.deepEqual(await again.json(), { detail: 'You are not allowed to create a Tweet with duplicate content.', status: 403, title: 'Forbidden', type: 'about:blank' });
  const other = await xAccessToken({ username: 'otherbuyer' });
  assert.equal((await tweet(other, 'Same words')).status, 201);
  assert.notEqual(mock.posts[0].userId, mock.posts[1].userId);
});

test('X: text must be 1–280 code points', async () => {
  const token = await xAccessToken();
  assert.equal((await tweet(token, '😀'.repeat(280))).status, 201, '280 emoji are 280 code points');
  for (const text of ['', 'a'.repeat(281), 42]) {
    const res = await tweet(token, text);
    assert.equal(res.status, 400);
    assert.equal((await res.json()).title, 'Invalid Request');
  }
  assert.equal(mock.posts.length, 1);
});

test('X: a revoked, unknown or missing token is 401', async () => {
  const token = await xAccessToken();
  const revoke = await fetch(`${mock.url}/2/oauth2/revoke`, { method: 'POST',
    headers: { authorization: basic(CLIENT.clientId, CLIENT.clientSecret) }, body: form({ token }) });
  assert.equal(revoke.status, 200);
  assert.deepEqual(await revoke.json(), { revoked: true });
  for (const bearer of [token, 'made-up']) {
    const res = await tweet(bearer, 'hello');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), UNAUTHORIZED);
  }
  const none = await fetch(`${mock.url}/2/tweets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
  assert.equal(none.status, 401);
  assert.equal(mock.posts.length, 0);
});

test('X: the access token expires after 7200 s', async () => {
  const token = await xAccessToken();
  clock += 7_200_000;
  assert.equal((await tweet(token, 'too late')).status, 401);
});

test('setDown: token and post endpoints answer 503 until back up', async () => {
  const grant = await xCode();
  const token = await xAccessToken();
  mock.setDown(true);
  assert.equal((await xToken(grant)).status, 503);
  assert.equal((await tweet(token, 'during outage')).status, 503);
  assert.equal((await fetch(`${mock.url}/api/v1/statuses`, { method: 'POST' })).status, 503);
  assert.equal((await fetch(`${mock.url}/oauth/token`, { method: 'POST' })).status, 503);
  mock.setDown(false);
  assert.equal((await xToken(grant)).status, 200, 'the outage did not burn the code');
  assert.equal((await tweet(token, 'after outage')).status, 201);
  assert.deepEqual(mock.posts.map((p) => p.text), ['after outage']);
});

async function registerMastodonApp(body, json = false) {
  return fetch(`${mock.url}/api/v1/apps`, { method: 'POST',
    headers: json ? { 'content-type': 'application/json' } : {}, body: json ? JSON.stringify(body) : form(body) });
}

test('Mastodon: register app → authorize → token → status', async () => {
  const instance = await (await fetch(`${mock.url}/api/v1/instance`)).json();
  assert.equal(instance.uri, new URL(mock.url).host);
  assert.equal(instance.version, '4.3.0');
  assert.equal(instance.title, 'Mock Mastodon (test infrastructure)');

  const redirect = 'http://127.0.0.1:8080/oauth/callback?provider=mastodon';
  const reg = await registerMastodonApp({ client_name: 'Sharelock', redirect_uris: `${redirect}\nhttp://127.0.0.1:8080/other`, scopes: 'write:statuses', website: 'https://shop.example' });
  assert.equal(reg.status, 200);
  const app = await reg.json();
  assert.deepEqual(app.redirect_uris, [redirect, 'http://127.0.0.1:8080/other']);
  assert.equal(app.redirect_uri, `${redirect}\nhttp://127.0.0.1:8080/other`);
  assert.equal(app.vapid_key, '');
  assert.ok(app.client_id && app.client_secret && app.id);

  const { verifier, challenge } = pkce();
  const authorizeUrl = new URL('/oauth/authorize', mock.url);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: app.client_id, redirect_uri: redirect,
    scope: 'write:statuses', state: 'm-1', code_challenge: challenge, code_challenge_method: 'S256' })) authorizeUrl.searchParams.set(k, v);
  const html = await (await fetch(authorizeUrl)).text();
  assert.match(html, /action="\/oauth\/authorize\/decision"/);
  assert.match(html, /not X, not Mastodon/);
  const back = new URL(await decideAuthorization(authorizeUrl.href, 'approve'));
  assert.equal(back.searchParams.get('state'), 'm-1');
  assert.equal(back.searchParams.get('provider'), 'mastodon');

  const exchange = (code, secret = app.client_secret) => fetch(`${mock.url}/oauth/token`, { method: 'POST', body: form({
    grant_type: 'authorization_code', code, client_id: app.client_id, client_secret: secret, redirect_uri: redirect, code_verifier: verifier }) });
  const badClient = await exchange(back.searchParams.get('code'), 'wrong');
  assert.equal(badClient.status, 401);
  assert.equal((await badClient.json()).error, 'invalid_client');
  const tokenRes = await exchange(back.searchParams.get('code'));
  assert.equal(tokenRes.status, 200);
  const token = await tokenRes.json();
  assert.deepEqual(token, { access_token: token.access_token, token_type: 'Bearer', scope: 'write:statuses', created_at: Math.floor(clock / 1000) });
  const replay = await exchange(back.searchParams.get('code'));
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).error, 'invalid_grant');
  const newToken = await xAccessToken();
  assert.equal((await tweet(token.access_token, 'wrong provider')).status, 401, 'a Mastodon token is not an X token');

  // The replay above revoked the token (RFC 6749 4.1.2): authorize again.
  const back2 = new URL(await decideAuthorization(authorizeUrl.href, 'approve'));
  const { access_token: accessToken } = await (await exchange(back2.searchParams.get('code'))).json();
  const status = (body) => fetch(`${mock.url}/api/v1/statuses`, { method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const posted = await status({ status: 'Got it <3 & more\nline 2' });
  assert.equal(posted.status, 200);
  const s = await posted.json();
  assert.match(s.id, /^\d+$/);
  assert.equal(s.url, `${mock.url}/@mockshopper/${s.id}`);
  assert.equal(s.content, '<p>Got it &lt;3 &amp; more<br />line 2</p>');
  assert.equal(s.visibility, 'public');
  assert.equal(s.created_at, new Date(clock).toISOString());
  assert.equal(mock.posts.at(-1).provider, 'mastodon');
  assert.equal(mock.posts.at(-1).text, 'Got it <3 & more\nline 2');

  assert.deepEqual(await (await status({ status: 'a'.repeat(501) })).json(), { error: 'Validation failed: Text character limit of 500 exceeded' });
  assert.equal((await status({ status: '' })).status, 422);
  assert.equal((await status({ status: 'x', visibility: 'everyone' })).status, 422);
  assert.equal((await tweet(newToken, 'X token still fine')).status, 201);

  const revoke = await fetch(`${mock.url}/oauth/revoke`, { method: 'POST', body: form({ token: accessToken, client_id: app.client_id, client_secret: app.client_secret }) });
  assert.deepEqual(await revoke.json(), {});
  const afterRevoke = await status({ status: 'after revoke' });
  assert.equal(afterRevoke.status, 401);
  assert.deepEqual(await afterRevoke.json(), { error: 'The access token is invalid' });
});

test('Mastodon: authorize requires write:statuses within the registered scopes', async () => {
  const redirect = 'http://127.0.0.1:8080/cb';
  const app = await (await registerMastodonApp({ client_name: 'S', redirect_uris: [redirect], scopes: 'read write:statuses' }, true)).json();
  const url = (scope) => `${mock.url}/oauth/authorize?` + form({ response_type: 'code', client_id: app.client_id, redirect_uri: redirect, scope });
  for (const [scope, error] of [['read', 'invalid_request'], ['write:statuses admin:write', 'invalid_request']]) {
    const back = new URL(await decideAuthorization(url(scope), 'approve'));
    assert.equal(back.searchParams.get('error'), error, scope);
  }
  assert.ok(new URL(await decideAuthorization(url('read write:statuses'), 'approve')).searchParams.get('code'));
  assert.equal((await registerMastodonApp({ client_name: 'S', redirect_uris: 'not a uri' })).status, 422);
  assert.equal((await registerMastodonApp({ redirect_uris: redirect })).status, 422);
});

test('reset forgets registered apps, codes, tokens and posts', async () => {
  const token = await xAccessToken();
  await tweet(token, 'before reset');
  const posts = mock.posts;
  const app = await (await registerMastodonApp({ client_name: 'S', redirect_uris: 'http://127.0.0.1:8080/cb', scopes: 'write:statuses' })).json();
  mock.setDown(true);
  mock.reset();
  assert.equal(posts.length, 0, 'mock.posts is cleared in place');
  assert.equal((await tweet(token, 'after reset')).status, 401);
  const res = await fetch(`${mock.url}/oauth/authorize?` + form({ response_type: 'code', client_id: app.client_id, redirect_uri: 'http://127.0.0.1:8080/cb', scope: 'write:statuses' }));
  assert.equal(res.status, 400);
  assert.equal((await xToken(await xCode())).status, 200, 'configured clients survive and setDown is cleared');
});

test('limits: 413 for big bodies, 404 JSON for unknown paths, 405 for wrong methods', async () => {
  const big = await fetch(`${mock.url}/api/v1/apps`, { method: 'POST', body: form({ client_name: 'x'.repeat(70 * 1024) }) });
  assert.equal(big.status, 413);
  const missing = await fetch(`${mock.url}/2/nothing`);
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type'), /^application\/json/);
  const wrongMethod = await fetch(`${mock.url}/2/tweets`);
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.get('allow'), 'POST');
});
