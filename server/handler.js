// The reference verification server as one Fetch-API function,
// `(Request, { ip }) => Promise<Response>`, so it can be mounted in
// node:http (server/main.js), Express, a serverless function or an edge
// runtime. It earns an unlock only after the provider has published the
// shopper's post; the core (the same wasm the browser runs) validates
// requests and mints and checks the tokens.
//
//   GET  /v1/oauth-client?network=x   what the page needs to start the redirect
//        (network=mastodon&host=…: registers this server's app there first)
//   POST /v1/unlock                   {item, network, host, code, codeVerifier, text}
//   GET  /v1/content?item=…           Authorization: Bearer <unlock token>
//   GET  /v1/proof?item=…             unlock and share counts as a social-proof feed
//   POST /v1/collect                  a page's batch of widget events (server/analytics.js)
//   GET  /v1/stats, /v1/stats.csv     the site owner's numbers (Authorization: Bearer <dashboard token>)
//   GET  /dashboard/                  the site owner's dashboard page (server/dashboard/)
import { createAnalytics } from './analytics.js';
import { ConfigError } from './config.js';
import { serveDashboard } from './dashboard.js';
import { ProviderError } from './providers/http.js';
import { HostError } from './providers/mastodon.js';
import { addressKey, createRateLimiter } from './rate-limit.js';
import { failure, json, preflight, readBodyText } from './responses.js';

const MAX_BODY_BYTES = 16 * 1024;
const NONCE_BYTES = 16;
// X's authorization codes live 30 s; a claimed code is remembered longer
// than any provider would still honour it.
const CODE_MEMORY_MILLIS = 10 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_RATE = { limit: 120, windowMillis: 60_000 };
// 10 batches a second, a burst of 100: under a flood at this ceiling the
// unlock path keeps its latency (bench/README.md, the flood test); a shop
// with more page views than that raises SHARELOCK_RATE_COLLECT.
const DEFAULT_COLLECT_TOTAL_RATE = { limit: 100, windowMillis: 10_000 };
// What every page view sends (a batch; a badge's counts; a stored unlock's
// content): not the budget a shopper's unlock needs.
const PAGE_TRAFFIC = new Set(['/v1/collect', '/v1/proof', '/v1/content']);

// `table[key]` only for a key of its own: a name from a request such as
// "__proto__", "constructor" or "toString" is no item and no provider.
const own = (table, key) => (Object.hasOwn(table, key) ? table[key] : undefined);

/**
 * @param {object} options
 * @param {ReturnType<import('./config.js').readConfig>} options.config
 * @param {Awaited<ReturnType<import('./core.js').loadServerCore>>} options.core
 * @param {object} options.store see server/store/README.md
 * @param {Record<string, object>} options.providers by network, see server/providers/x.js
 * @param {() => number} [options.now]
 * @param {(size: number) => Buffer} options.randomBytes
 * @param {(event: object) => void} [options.log]
 */
export function createVerificationHandler({ config, core, store, providers, now = Date.now, randomBytes, log = () => {} }) {
  // Each key must sign as the core signs: Node's base64url decoder, which
  // config.js checks the length with, takes secrets the core refuses. Found
  // here, at start, rather than after a shopper's code was claimed.
  for (const key of config.keys) {
    const probe = core.issueUnlockToken({ keys: [key], item: 'start-up-check', now: now(), lifetimeMillis: 60_000, nonce: Buffer.alloc(NONCE_BYTES).toString('base64url') });
    if (!probe.ok) throw new ConfigError('SHARELOCK_HMAC_KEYS', `key "${key.id}" cannot sign: ${probe.error.message}`);
  }
  const perIp = createRateLimiter({ ...config.rateLimits.ip, maxKeys: 100_000 });
  // Every page view sends a batch and a badge may ask for counts: their own
  // budget, so a busy office or carrier-grade NAT cannot spend the one a
  // shopper's unlock needs right after the provider's redirect.
  const perIpPage = createRateLimiter({ ...(config.rateLimits.page ?? DEFAULT_PAGE_RATE), maxKeys: 100_000 });
  const perItem = createRateLimiter({ ...config.rateLimits.item, maxKeys: 10_000 });
  // All pages together: however many addresses send batches, the collector
  // takes no more than this (a flood from many addresses meets it; the
  // unlock path has its own budgets and is not touched).
  const collectTotal = createRateLimiter({ ...(config.rateLimits.collectTotal ?? DEFAULT_COLLECT_TOTAL_RATE), maxKeys: 1 });
  const analytics = createAnalytics({ config, core, store, log });
  const links = Object.fromEntries(Object.entries(config.items).map(([id, item]) => [id, { url: item.url }]));

  async function unlock(request, origin, at) {
    if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
      return failure(415, 'unsupported-media-type', 'send the request as application/json', { origin });
    }
    const body = await readBodyText(request, MAX_BODY_BYTES);
    if (body === null) return failure(413, 'body-too-large', `the request body is over ${MAX_BODY_BYTES} bytes`, { origin });
    const checked = core.checkUnlockRequest({ body, items: links });
    if (!checked.ok) return failure(checked.status, checked.error.code, checked.error.message, { origin });
    const { item, network, host, code, codeVerifier, text } = checked;
    const provider = own(providers, network);
    if (!provider) return failure(400, 'invalid-network', `this server does not publish to ${network}`, { origin });

    // The provider refuses a second use of a code too; remembering its hash
    // here stops a replay before it costs a provider call, and gives the
    // same shopper (same verifier) their unlock back if our answer was lost.
    // Claimed per (code, verifier): someone who saw the code but not the
    // verifier only spends a call the provider refuses, not the shopper's
    // claim.
    const codeHash = core.codeHash(code);
    const verifierHash = core.codeHash(codeVerifier);
    const fresh = await store.claimCode({ codeHash, verifierHash, expiresAt: at + CODE_MEMORY_MILLIS, now: at });
    if (!fresh) {
      const earlier = await store.findCodeUnlock({ codeHash, verifierHash });
      if (!earlier || earlier.item !== item) return failure(409, 'code-reused', 'this authorization code was already used', { origin });
      const again = core.issueUnlockToken({ keys: config.keys, item, now: earlier.at, lifetimeMillis: earlier.expiresAt - earlier.at, nonce: earlier.nonce });
      if (!again.ok) throw new Error(`cannot sign unlock tokens: ${again.error.message}`);
      return json(200, { token: again.token, expiresAt: again.expiresAt, content: config.items[item].content,
        post: { id: earlier.postId, url: '' } }, { origin });
    }
    // Signed before anything is posted: once the post is up, nothing but
    // the record may stand between the shopper and the unlock.
    const nonce = randomBytes(NONCE_BYTES).toString('base64url');
    const issued = core.issueUnlockToken({ keys: config.keys, item, now: at, lifetimeMillis: config.unlockLifetimeMillis, nonce });
    if (!issued.ok) throw new Error(`cannot sign unlock tokens: ${issued.error.message}`);

    let accessToken;
    try {
      ({ accessToken } = await provider.exchangeCode({ host, code, codeVerifier }));
    } catch (error) {
      if (error instanceof HostError) return failure(400, error.code, error.message, { origin });
      if (!(error instanceof ProviderError)) throw error;
      log({ event: 'provider-error', network, step: error.step, kind: error.kind, status: error.status, message: error.message });
      return error.kind === 'unavailable'
        ? failure(502, 'provider-unavailable', `${network} could not be reached; nothing was posted or unlocked`, { origin })
        : failure(400, 'code-rejected', `${network} did not accept the authorization code (expired, used or not for this server)`, { origin });
    }

    let post;
    try {
      // Each unlock costs the shop a post (X charges for them): the item's
      // budget is spent only by codes the provider accepted.
      const itemLimit = perItem.take(item, at);
      if (!itemLimit.allowed) return tooMany(itemLimit, origin);
      post = await provider.publish({ host, accessToken, text });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      log({ event: 'provider-error', network, step: error.step, kind: error.kind, status: error.status, message: error.message });
      return error.kind === 'unavailable'
        // A timeout or a 5xx after the request was sent: the post may be up.
        ? failure(502, 'post-unconfirmed', `${network} did not confirm the post (it may have been published); nothing was unlocked`, { origin })
        : failure(422, 'post-rejected', `${network} refused the post: ${error.message}`, { origin });
    } finally {
      // The access token is never stored; revoking it ends our access to
      // the shopper's account now rather than when it expires.
      provider.revoke({ host, accessToken }).catch((error) => log({ event: 'revoke-failed', network, message: error.message }));
    }

    try {
      await store.recordUnlock({ nonce: issued.nonce, item, network, postId: post.id, at, expiresAt: issued.expiresAt, codeHash, verifierHash });
    } catch (error) {
      log({ event: 'record-failed', item, network, postId: post.id, message: error.message });
      return failure(500, 'record-failed', 'the post was published but the unlock could not be recorded', { origin });
    }
    log({ event: 'unlock', item, network, postId: post.id });
    return json(200, { token: issued.token, expiresAt: issued.expiresAt, content: config.items[item].content, post }, { origin });
  }

  async function content(request, url, origin, at) {
    const item = url.searchParams.get('item') ?? '';
    const token = /^Bearer ([A-Za-z0-9._-]{1,4096})$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    const checked = core.checkUnlockToken({ keys: config.keys, token, item, now: at });
    if (!checked.ok) return failure(401, checked.error.code, checked.error.message, { origin });
    // A token is honoured only for an unlock this server recorded, so
    // deleting the record revokes it.
    const recorded = await store.findUnlock(checked.claims.nonce);
    if (!recorded || recorded.item !== item) return failure(401, 'token-revoked', 'this unlock is no longer on record', { origin });
    const entry = own(config.items, item);
    if (!entry) return failure(404, 'unknown-item', 'this server has no content for that item', { origin });
    return json(200, { token, expiresAt: checked.claims.expiresAt, content: entry.content }, { origin });
  }

  async function oauthClient(url, origin) {
    const provider = own(providers, url.searchParams.get('network') ?? 'x');
    if (!provider) return failure(404, 'unknown-network', 'this server does not publish there', { origin });
    try {
      return json(200, await provider.client({ host: url.searchParams.get('host') ?? '' }), { origin });
    } catch (error) {
      if (error instanceof HostError) return failure(400, error.code, error.message, { origin });
      if (!(error instanceof ProviderError)) throw error;
      log({ event: 'provider-error', network: provider.network, step: error.step, kind: error.kind, message: error.message });
      return error.kind === 'unavailable'
        ? failure(502, 'provider-unavailable', `${provider.network} could not be reached`, { origin })
        : failure(422, 'provider-refused', error.message, { origin });
    }
  }

  async function proof(url, origin, at) {
    const item = url.searchParams.get('item') ?? '';
    if (item.length === 0 || Buffer.byteLength(item) > 200) return failure(400, 'invalid-item', 'item must be 1-200 bytes', { origin });
    // Every item has share counts (zero until the collector counts one: a
    // badge then shows nothing); only the server's own items have unlocks.
    const counters = await analytics.shareCounters(item, at);
    if (own(config.items, item)) {
      const counted = new Date(at).toISOString();
      counters.push({ item, type: 'unlock', window: 'all', count: await store.countUnlocks({ item }) });
      for (const [window, span] of [['24h', DAY], ['7d', 7 * DAY]]) {
        counters.push({ item, type: 'unlock', window, at: counted, count: await store.countUnlocks({ item, since: at - span }) });
      }
    }
    return json(200, { version: 1, counters }, { origin });
  }

  function tooMany(limit, origin) {
    return failure(429, 'rate-limited', 'too many requests; try again later', {
      origin, headers: { 'retry-after': String(Math.max(1, Math.ceil(limit.retryAfterMillis / 1000))) },
    });
  }

  return async function handle(request, { ip = '' } = {}) {
    const url = new URL(request.url);
    const requestOrigin = request.headers.get('origin');
    // Browsers send Origin on every cross-origin request and every POST; a
    // request without one is not a page's and needs no CORS answer.
    if (requestOrigin !== null && !config.allowedOrigins.has(requestOrigin)) {
      return failure(403, 'origin-not-allowed', 'this page is not allowed to use this server');
    }
    const origin = requestOrigin;
    if (request.method === 'OPTIONS') return preflight(origin);
    const at = now();
    const ipLimit = (PAGE_TRAFFIC.has(url.pathname) ? perIpPage : perIp).take(addressKey(ip), at);
    if (!ipLimit.allowed) return tooMany(ipLimit, origin);
    if (url.pathname === '/v1/collect') {
      const total = collectTotal.take('all', at);
      if (!total.allowed) return tooMany(total, origin);
    }
    try {
      const route = `${request.method} ${url.pathname}`;
      switch (route) {
        case 'GET /v1/oauth-client':
          return await oauthClient(url, origin);
        case 'POST /v1/unlock':
          return await unlock(request, origin, at);
        case 'GET /v1/content':
          return await content(request, url, origin, at);
        case 'GET /v1/proof':
          return await proof(url, origin, at);
        case 'POST /v1/collect':
          return await analytics.collect(request, origin, at);
        case 'GET /v1/stats':
          return await analytics.stats(request, url, origin, at, 'json');
        case 'GET /v1/stats.csv':
          return await analytics.stats(request, url, origin, at, 'csv');
        default:
          if (request.method === 'GET' && url.pathname.startsWith('/dashboard')) return await serveDashboard(url);
          return ['/v1/oauth-client', '/v1/unlock', '/v1/content', '/v1/proof', '/v1/collect', '/v1/stats', '/v1/stats.csv'].includes(url.pathname)
            ? failure(405, 'method-not-allowed', `${request.method} is not allowed here`, { origin })
            : failure(404, 'not-found', 'no such endpoint', { origin });
      }
    } catch (error) {
      // The database stayed unreachable through the store's own retries
      // (server/store/postgres.js). Nothing was posted or counted: a
      // failed code claim rolled back, so the same request may be sent again.
      if (error?.code === 'store-unavailable') {
        log({ event: 'store-unavailable', message: error.message });
        return failure(503, 'store-unavailable', 'the verification server cannot reach its database; nothing was unlocked or counted; try again shortly',
          { origin, headers: { 'retry-after': '2' } });
      }
      log({ event: 'internal-error', message: error.message });
      return failure(500, 'internal-error', 'the verification server failed; nothing was unlocked', { origin });
    }
  };
}
