// Verified pay through the built main module and its wrapper
// (web/verified-calls.js), as the widget calls it: records in and out as
// the text storage holds — the very texts the JSON-era module wrote, so a
// shopper with a stored token, or in the middle of the OAuth redirect when
// the site updates, carries on — and the server's answers as their text.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadBuiltVerifiedCore } from './support.mjs';

const core = await loadBuiltVerifiedCore();

const T0 = 1764000000000;
const attributes = {
  mode: 'verified', item: 'ebook-1', network: 'x', server: 'https://verify.example/api/',
  text: 'Free ebook "quoted"\\', url: 'https://shop.example/ebook', hashtags: 'SeedSale',
};
const page = { url: 'https://shop.example/ebook?edition=2#reviews', lang: 'en' };
const client = JSON.stringify({
  authorizeEndpoint: 'https://x.com/i/oauth2/authorize', clientId: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ',
  redirectUri: 'https://shop.example/sharelock/callback', scopes: ['tweet.read', 'tweet.write', 'users.read'],
});
const post = 'Free ebook "quoted"\\ \u00e9\u{1F600}\t\u0001 https://shop.example/ebook #SeedSale';
const random = Buffer.from(Array.from({ length: 48 }, (_, i) => i)).toString('base64url');

// Written by the JSON-era sharelock-core.wasm (8d97a03) for the same requests.
const OLD_STATE_RECORD = '{"codeVerifier":"EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8","consumed":false,"context":"{\\"host\\":\\"\\",\\"issuer\\":\\"https://x.com\\",\\"network\\":\\"x\\",\\"redirectUri\\":\\"https://shop.example/sharelock/callback\\",\\"server\\":\\"https://verify.example/api\\",\\"text\\":\\"Free ebook \\\\\\"quoted\\\\\\"\\\\\\\\ é😀\\\\t\\\\u0001 https://shop.example/ebook #SeedSale\\"}","expiresAt":1764000600000,"item":"ebook-1","returnPath":"/ebook?edition=2","state":"AAECAwQFBgcICQoLDA0ODw","v":1}';
const OLD_CONSUMED_RECORD = '{"codeVerifier":"","consumed":true,"context":"","expiresAt":1764000600000,"item":"ebook-1","returnPath":"/ebook?edition=2","state":"AAECAwQFBgcICQoLDA0ODw","v":1}';
const OLD_TOKEN_RECORD = '{"expiresAt":1764086400000,"token":"abc.def","v":1}';

test('describes the widget, its token key and its words', () => {
  const view = core.describeVerified({ attributes, page, now: T0, storedToken: null });
  assert.equal(view.fatal, false);
  assert.deepEqual(view.errors, []);
  assert.equal(view.item, 'ebook-1');
  assert.equal(view.server, 'https://verify.example/api');
  assert.equal(view.tokenKey, 'sharelock:verified:ebook-1');
  assert.equal(view.token, '');
  assert.equal(view.messages.button, 'Post on X and unlock');
  const fatal = core.describeVerified({ attributes: { mode: 'verified', network: 'facebook' }, page, now: T0 });
  assert.equal(fatal.fatal, true);
  assert.equal(fatal.errors[0].code, 'network-not-verifiable');
});

test('begins a flow with the state record written exactly as before', () => {
  const begun = core.beginVerified({ attributes, page, now: T0, random, text: post, clientStatus: 200, client });
  assert.equal(begun.fatal, false, JSON.stringify(begun.errors));
  assert.equal(begun.storageKey, 'sharelock:oauth');
  assert.equal(begun.record, OLD_STATE_RECORD);
  assert.match(begun.authorizeUrl, /^https:\/\/x\.com\/i\/oauth2\/authorize\?response_type=code&.*&state=AAECAwQFBgcICQoLDA0ODw&code_challenge=/);
  // A client that is not JSON is no client.
  const broken = core.beginVerified({ attributes, page, now: T0, random, text: post, clientStatus: 200, client: '<html>' });
  assert.equal(broken.fatal, true);
  // The server's refusal, or no answer: the core says which, by code.
  const refused = core.beginVerified({
    attributes, page, now: T0, random, text: post, clientStatus: 403, client: '{"error":{"code":"host-not-allowed"}}',
  });
  assert.deepEqual([refused.fatal, refused.errors[0].code], [true, 'host-not-allowed']);
  const away = core.beginVerified({ attributes, page, now: T0, random, text: post, clientStatus: 0, client: '' });
  assert.deepEqual([away.fatal, away.errors[0].code], [true, 'server-unreachable']);
});

test('finishes a flow a JSON-era page began, and consumes it as before', () => {
  const query = '?code=abc&state=AAECAwQFBgcICQoLDA0ODw';
  const callback = (stored) => core.acceptVerifiedCallback({
    query, page: `https://shop.example/sharelock/callback${query}`, stored, now: T0 + 1000,
  });
  const accepted = callback(OLD_STATE_RECORD);
  assert.equal(accepted.outcome, 'exchange');
  assert.equal(accepted.error, null);
  assert.equal(accepted.code, 'abc');
  assert.equal(accepted.codeVerifier, 'EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8');
  assert.equal(accepted.text, post);
  assert.equal(accepted.server, 'https://verify.example/api');
  assert.equal(accepted.consumedRecord, OLD_CONSUMED_RECORD);
  const replayed = callback(accepted.consumedRecord);
  assert.equal(replayed.outcome, 'failed');
  assert.equal(replayed.error.code, 'state-reused');
  assert.equal(replayed.codeVerifier, '');
  assert.equal(callback(null).outcome, 'none');
  // A damaged record fails the sign-in, as the JSON-era module did.
  assert.deepEqual([callback('{not json').outcome, callback('{not json').error?.code], ['failed', 'state-missing']);
});

test('reads the server\'s answers, and a stored token as before', () => {
  const body = JSON.stringify({ token: 'abc.def', expiresAt: 1764086400000, content: { text: 'Thanks', code: 'SAVE10', url: 'javascript:alert(1)' } });
  assert.equal(core.readUnlockResponse({ item: 'ebook-1', now: T0, status: 200, body }).error.code, 'server-response-invalid');
  const good = body.replace('javascript:alert(1)', 'https://shop.example/d');
  const read = core.readUnlockResponse({ item: 'ebook-1', now: T0, status: 200, body: good });
  assert.equal(read.ok, true);
  assert.equal(read.tokenKey, 'sharelock:verified:ebook-1');
  assert.equal(read.tokenRecord, OLD_TOKEN_RECORD);
  assert.deepEqual(read.content, { text: 'Thanks', code: 'SAVE10', url: 'https://shop.example/d', label: '' });
  assert.equal(core.describeVerified({ attributes, page, now: T0, storedToken: OLD_TOKEN_RECORD }).token, 'abc.def');

  const gone = core.readUnlockResponse({ item: 'ebook-1', now: T0, status: 401, body: '{"error":{"code":"token-expired"}}' });
  assert.deepEqual([gone.ok, gone.forgetToken, gone.error.code, gone.tokenRecord], [false, true, 'token-expired', '']);
  const away = core.readUnlockResponse({ item: 'ebook-1', now: T0, status: 0, body: '' });
  assert.deepEqual([away.forgetToken, away.error.code], [false, 'server-unreachable']);
});

test('checks the post as the shopper types', () => {
  const check = core.checkVerifiedPost({ attributes, page, text: 'no link here' });
  assert.deepEqual([check.fatal, check.fits, check.problem], [false, false, 'missing-link']);
  assert.ok(check.limit === 280 && check.length === 12);
});
