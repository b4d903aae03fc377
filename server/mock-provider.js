// MOCK OAuth 2.0 + posting provider — TEST INFRASTRUCTURE, used by the server
// tests and the demo. It is not X and not Mastodon: it only copies the request
// and response shapes of their APIs (paths, parameters, status codes, error
// bodies) so the verification server, written against the real APIs, runs
// against it unchanged once its base URLs point here. One origin plays both
// providers: X under /i/oauth2 and /2, Mastodon under /oauth and /api/v1.
// node:http only, bound to 127.0.0.1; nothing is persisted.
import http from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const NOTICE = 'Mock provider for tests and the demo — not X, not Mastodon';
const MAX_BODY_BYTES = 64 * 1024;
const X_TOKEN_SECONDS = 7200;
const DEFAULT_USER = 'mockshopper';
const USERNAME_RE = /^[A-Za-z0-9_]{1,30}$/;
// A S256 challenge is base64url(sha256) without padding: always 43 characters.
// Rejecting anything else catches servers that send hex or padded challenges.
const S256_CHALLENGE_RE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER_RE = /^[A-Za-z0-9._~-]{43,128}$/; // RFC 7636 4.1

// What differs between the two providers, so the OAuth handlers stay shared.
// X requires state and PKCE; Mastodon (4.3) accepts PKCE but does not demand it.
const PROVIDERS = {
  x: { label: 'X', requiredScope: 'tweet.write', stateRequired: true, pkceRequired: true,
    decisionPath: '/i/oauth2/authorize/decision' },
  mastodon: { label: 'Mastodon', requiredScope: 'write:statuses', stateRequired: false, pkceRequired: false,
    decisionPath: '/oauth/authorize/decision' },
};

// Error bodies in the shape the real APIs answer with (the fields a client reads are the same; wording may differ).
const X_BAD_CODE = { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' };
const X_BAD_CLIENT = { error: 'unauthorized_client', error_description: 'Missing valid authorization header' };
const xProblem = (status, title, detail = title) => ({ title, type: 'about:blank', status, detail });
const X_INVALID = (message) => ({ errors: [{ message }], title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' });
const M_BAD_GRANT = { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.' };
const M_BAD_CLIENT = { error: 'invalid_client', error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.' };
const M_BAD_REQUEST = { error: 'invalid_request', error_description: 'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.' };

const randomToken = () => randomBytes(32).toString('base64url');
const s256 = (/** @type {string} */ v) => createHash('sha256').update(v).digest('base64url');
const codePoints = (/** @type {string} */ s) => [...s].length;
const splitScopes = (/** @type {unknown} */ s) => (Array.isArray(s) ? s.map(String)
  : typeof s === 'string' ? s.split(/\s+/).filter(Boolean) : []);
const escapeHtml = (/** @type {string} */ s) => String(s).replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const unescapeHtml = (/** @type {string} */ s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Constant-time string comparison, so the mock does not model a timing leak. */
function safeEqual(/** @type {string} */ a, /** @type {string} */ b) {
  const x = Buffer.from(String(a)), y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Stable numeric-string user id per username (X and Mastodon ids are numeric strings). */
function userFor(/** @type {string} */ username) {
  const id = (BigInt('0x' + createHash('sha256').update(username).digest('hex').slice(0, 15)) + 10n ** 17n).toString();
  return { id, username, name: username === DEFAULT_USER ? 'Mock Shopper' : `Mock ${username}` };
}

class HttpError extends Error {
  constructor(/** @type {number} */ status, /** @type {unknown} */ body) { super(`HTTP ${status}`); this.status = status; this.body = body; }
}

/**
 * Reads a form or JSON body (at most MAX_BODY_BYTES) into an object; `redirect_uris[]` form keys become arrays.
 * @returns {Promise<{ params: Record<string, any>, type: 'form'|'json'|'other' }>}
 */
async function readParams(/** @type {http.IncomingMessage} */ req) {
  /** @type {Buffer[]} */ const chunks = [];
  let size = 0;
  // Past the limit keep draining, so the client reads the 413 instead of a reset — up to a point.
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    else if (size > 16 * MAX_BODY_BYTES) { req.destroy(); break; }
  }
  if (size > MAX_BODY_BYTES) throw new HttpError(413, { error: 'Payload Too Large' });
  const text = Buffer.concat(chunks).toString('utf8');
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType === 'application/json') {
    let value;
    try { value = JSON.parse(text); } catch { /* answered below */ }
    if (value && typeof value === 'object' && !Array.isArray(value)) return { params: value, type: 'json' };
    throw new HttpError(400, { error: 'Malformed JSON body' });
  }
  if (contentType !== 'application/x-www-form-urlencoded') return { params: {}, type: 'other' };
  const form = new URLSearchParams(text);
  /** @type {Record<string, any>} */ const params = {};
  for (const key of new Set(form.keys())) params[key] = key.endsWith('[]') ? form.getAll(key) : form.get(key);
  return { params, type: 'form' };
}

function page(/** @type {string} */ title, /** @type {string} */ body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — mock provider</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#111}
.notice{background:#fff3c4;border:2px solid #8a6d00;padding:.5rem .75rem}input,button{font:inherit}button{padding:.5rem 1rem;margin-right:.5rem}</style>
</head><body><main>
<p class="notice" role="note"><strong>${NOTICE}.</strong></p>
${body}
</main></body></html>`;
}

const errorPage = (/** @type {string} */ message) => ({ status: 400, html: page('Authorization error',
  `<h1>Authorization error</h1>\n<p>${escapeHtml(message)}</p>\n<p>The app that sent you here is misconfigured; you were not redirected back to it.</p>`) });

/** Appends parameters to a registered redirect URI, keeping its own query. */
function redirectTo(/** @type {string} */ uri, /** @type {Record<string, string|undefined>} */ extra) {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  return { status: 302, location: url.href };
}

/**
 * @typedef {{ clientId: string, clientSecret?: string, redirectUris: string[], name?: string,
 *   provider?: 'x'|'mastodon', scopes?: string[], registered?: boolean }} Client
 * @typedef {{ port?: number, clients?: Client[], codeLifetimeMillis?: number, now?: () => number }} Options
 * @typedef {{ provider: 'x'|'mastodon', id: string, text: string, userId: string, at: number }} Post
 */

/** @param {Options} [options] */
export async function startMockProvider({ port = 0, clients = [], codeLifetimeMillis = 30_000, now = () => Date.now() } = {}) {
  /** @type {Map<string, Client>} */ const clientsById = new Map();
  /** @type {Map<string, any>} */ const codes = new Map();
  /** @type {Map<string, any>} */ const tokens = new Map();
  /** @type {Post[]} */ const posts = [];
  let down = false;
  let nextAppId = 1;
  // Snowflake-like ids: numeric strings, increasing, larger than 2^53 as the real ones are.
  let nextPostId = 1_900_000_000_000_000_000n;
  let baseUrl = '';

  const addClient = (/** @type {Client} */ c) => {
    if (!c?.clientId || !Array.isArray(c.redirectUris)) throw new TypeError('client needs clientId and redirectUris');
    clientsById.set(c.clientId, { ...c, redirectUris: [...c.redirectUris] });
  };
  clients.forEach(addClient);

  /** Shared validation of an authorization request (GET page and POST decision alike: hidden inputs are not trusted). */
  function checkAuthorization(/** @type {'x'|'mastodon'} */ provider, /** @type {Record<string, any>} */ p) {
    const client = clientsById.get(p.client_id);
    // RFC 6749 4.1.2.1: without a trusted redirect URI, show the error instead of redirecting.
    if (!client || (client.provider && client.provider !== provider)) return { fatal: 'Unknown client_id.' };
    if (typeof p.redirect_uri !== 'string' || !client.redirectUris.includes(p.redirect_uri)) {
      return { fatal: 'The redirect_uri does not exactly match one registered for this app.' };
    }
    const cfg = PROVIDERS[provider];
    const scopes = splitScopes(p.scope);
    let error = '';
    if (p.response_type !== 'code') error = 'response_type must be code';
    else if (cfg.stateRequired && !p.state) error = 'state is required';
    else if (cfg.pkceRequired && !p.code_challenge) error = 'code_challenge is required';
    else if (p.code_challenge && (p.code_challenge_method !== 'S256' || !S256_CHALLENGE_RE.test(p.code_challenge))) {
      error = 'code_challenge_method must be S256 with a 43-character base64url challenge';
    } else if (!scopes.includes(cfg.requiredScope)) error = `scope must include ${cfg.requiredScope}`;
    else if (client.scopes && scopes.some((s) => !client.scopes?.includes(s))) error = 'scope exceeds the scopes registered for this app';
    return { client, scopes, error };
  }

  function authorizePage(/** @type {'x'|'mastodon'} */ provider, /** @type {URL} */ url) {
    const p = Object.fromEntries(url.searchParams);
    const check = checkAuthorization(provider, p);
    if (check.fatal) return errorPage(check.fatal);
    if (check.error) return redirectTo(p.redirect_uri, { error: 'invalid_request', error_description: check.error, state: p.state });
    const app = escapeHtml(check.client?.name || p.client_id);
    const hidden = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']
      .filter((k) => p[k] !== undefined)
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(p[k])}">`).join('\n');
    const back = new URL(p.redirect_uri);
    const backOrigin = back.origin === 'null' ? back.protocol : back.origin;
    const html = page(`Authorize ${check.client?.name || p.client_id}`, `<h1>Allow “${app}” to post for you?</h1>
<p><strong>${app}</strong> wants to use your mock ${PROVIDERS[provider].label} account to publish a post on your behalf.</p>
<p>It asks for these permissions (scopes):</p>
<ul>${check.scopes?.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
<p>Either way you will be sent back to <strong>${escapeHtml(backOrigin)}</strong>.</p>
<form method="post" action="${PROVIDERS[provider].decisionPath}">
${hidden}
<p><label for="username">Mock account to sign in as</label><br>
<input id="username" name="username" value="${DEFAULT_USER}" autocomplete="off" pattern="[A-Za-z0-9_]{1,30}" required></p>
<button type="submit" name="decision" value="approve">Authorize app</button>
<button type="submit" name="decision" value="deny" formnovalidate>Cancel</button>
</form>`);
    // form-action must list the redirect origin: Chromium applies it to the redirect that follows the submit.
    const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${backOrigin}; frame-ancestors 'none'; base-uri 'none'`;
    return { status: 200, html, headers: { 'content-security-policy': csp } };
  }

  async function decide(/** @type {'x'|'mastodon'} */ provider, /** @type {http.IncomingMessage} */ req) {
    const { params: p } = await readParams(req);
    const check = checkAuthorization(provider, p);
    if (check.fatal) return errorPage(check.fatal);
    if (p.decision === 'deny') return redirectTo(p.redirect_uri, { error: 'access_denied', state: p.state });
    if (p.decision !== 'approve') return errorPage('decision must be approve or deny.');
    if (check.error) return redirectTo(p.redirect_uri, { error: 'invalid_request', error_description: check.error, state: p.state });
    const username = p.username || DEFAULT_USER;
    if (!USERNAME_RE.test(username)) return errorPage('The mock account name may only use letters, digits and _.');
    const issuedAt = now();
    // Forget codes long past use; used ones are kept a while so a replay can revoke its token.
    for (const [c, rec] of codes) if (issuedAt - rec.issuedAt > codeLifetimeMillis + 3_600_000) codes.delete(c);
    const code = randomToken();
    codes.set(code, { provider, clientId: p.client_id, redirectUri: p.redirect_uri, challenge: p.code_challenge,
      scopes: check.scopes, user: userFor(username), issuedAt, used: false, token: null });
    return redirectTo(p.redirect_uri, { code, state: p.state });
  }

  /** Redeems a code once. Returns the new access token record, or null for any invalid grant. */
  function redeem(/** @type {'x'|'mastodon'} */ provider, /** @type {Client} */ client, /** @type {Record<string, any>} */ p) {
    const rec = typeof p.code === 'string' ? codes.get(p.code) : undefined;
    if (!rec || rec.provider !== provider || rec.clientId !== client.clientId) return null;
    // RFC 6749 4.1.2: a replayed code is a sign of theft — fail, and revoke what it already bought.
    if (rec.used) { if (rec.token) tokens.delete(rec.token); return null; }
    rec.used = true; // burnt by any attempt, successful or not
    if (now() - rec.issuedAt > codeLifetimeMillis || p.redirect_uri !== rec.redirectUri) return null;
    if (rec.challenge) {
      if (typeof p.code_verifier !== 'string' || !VERIFIER_RE.test(p.code_verifier)) return null;
      if (!safeEqual(s256(p.code_verifier), rec.challenge)) return null;
    }
    const accessToken = randomToken();
    const expiresAt = provider === 'x' ? now() + X_TOKEN_SECONDS * 1000 : Infinity;
    const token = { accessToken, provider, clientId: client.clientId, scopes: rec.scopes, user: rec.user, expiresAt };
    tokens.set(accessToken, token);
    rec.token = accessToken;
    return token;
  }

  /** HTTP Basic client authentication (X confidential clients, also accepted by Mastodon). */
  function basicClient(/** @type {http.IncomingMessage} */ req) {
    const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    // RFC 6749 2.3.1: id and secret are form-encoded before base64.
    const decode = (/** @type {string} */ v) => { try { return decodeURIComponent(v.replace(/\+/g, ' ')); } catch { return null; } };
    const id = decode(decoded.slice(0, colon)), secret = decode(decoded.slice(colon + 1));
    const client = id === null ? undefined : clientsById.get(id);
    return client?.clientSecret && secret !== null && safeEqual(secret, client.clientSecret) ? client : null;
  }

  /** X: confidential clients must use Basic; public clients (no secret) name themselves with client_id. */
  function xClient(/** @type {http.IncomingMessage} */ req, /** @type {Record<string, any>} */ p) {
    const basic = basicClient(req);
    const client = basic === undefined ? clientsById.get(p.client_id) : basic;
    if (!client || (client.provider && client.provider !== 'x')) return null;
    if (basic === undefined) return client.clientSecret ? null : client;
    return !p.client_id || p.client_id === client.clientId ? client : null;
  }

  /** Mastodon apps are always confidential: client_id + client_secret in the body, or Basic. */
  function mastodonClient(/** @type {http.IncomingMessage} */ req, /** @type {Record<string, any>} */ p) {
    const basic = basicClient(req);
    const client = basic === undefined ? clientsById.get(p.client_id) : basic;
    if (!client?.clientSecret || (client.provider && client.provider !== 'mastodon')) return null;
    return basic || (typeof p.client_secret === 'string' && safeEqual(p.client_secret, client.clientSecret)) ? client : null;
  }

  function bearer(/** @type {http.IncomingMessage} */ req, /** @type {'x'|'mastodon'} */ provider) {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = m ? tokens.get(m[1]) : undefined;
    return token && token.provider === provider && now() < token.expiresAt ? token : null;
  }

  const unavailable = (/** @type {'x'|'mastodon'} */ provider) => ({ status: 503, headers: { 'retry-after': '30' },
    json: provider === 'x' ? xProblem(503, 'Service Unavailable') : { error: 'Service Unavailable' } });

  /** Each route answers { status, json | html | location, headers? }. Keys are "METHOD /path". */
  /** @type {Record<string, (req: http.IncomingMessage, url: URL) => any>} */
  const routes = {
    'GET /i/oauth2/authorize': (req, url) => authorizePage('x', url),
    'POST /i/oauth2/authorize/decision': (req) => decide('x', req),
    'POST /2/oauth2/token': async (req) => {
      if (down) return unavailable('x');
      const { params: p, type } = await readParams(req);
      const client = xClient(req, p);
      if (!client) return { status: 401, json: X_BAD_CLIENT };
      if (type !== 'form') return { status: 400, json: { error: 'invalid_request', error_description: 'Missing required parameter [grant_type].' } };
      for (const key of ['grant_type', 'code', 'redirect_uri', 'code_verifier']) {
        if (!p[key]) return { status: 400, json: { error: 'invalid_request', error_description: `Missing required parameter [${key}].` } };
      }
      if (p.grant_type !== 'authorization_code') return { status: 400, json: { error: 'unsupported_grant_type', error_description: 'Only authorization_code is mocked.' } };
      const token = redeem('x', client, p);
      if (!token) return { status: 400, json: X_BAD_CODE };
      return { status: 200, json: { token_type: 'bearer', expires_in: X_TOKEN_SECONDS, access_token: token.accessToken, scope: token.scopes.join(' ') } };
    },
    'POST /2/oauth2/revoke': async (req) => {
      const { params: p } = await readParams(req);
      const client = xClient(req, p);
      if (!client) return { status: 401, json: X_BAD_CLIENT };
      const token = tokens.get(p.token);
      if (token?.clientId === client.clientId) tokens.delete(p.token);
      return { status: 200, json: { revoked: true } }; // RFC 7009: unknown tokens are not an error
    },
    'GET /2/users/me': (req) => {
      const token = bearer(req, 'x');
      if (!token) return { status: 401, json: xProblem(401, 'Unauthorized') };
      if (!token.scopes.includes('users.read')) return { status: 403, json: xProblem(403, 'Forbidden') };
      return { status: 200, json: { data: token.user } };
    },
    'POST /2/tweets': async (req) => {
      if (down) return unavailable('x');
      const token = bearer(req, 'x');
      if (!token) return { status: 401, json: xProblem(401, 'Unauthorized') };
      const { params: p, type } = await readParams(req);
      if (type !== 'json') return { status: 400, json: X_INVALID('The request body must be JSON.') };
      if (typeof p.text !== 'string' || p.text.length === 0) return { status: 400, json: X_INVALID('The text field must be a non-empty string.') };
      if (codePoints(p.text) > 280) return { status: 400, json: X_INVALID('The text field is longer than 280 characters.') };
      const userId = token.user.id;
      if (posts.some((post) => post.provider === 'x' && post.userId === userId && post.text === p.text)) {
        return { status: 403, json: { detail: 'You are not allowed to create a Tweet with duplicate content.', status: 403, title: 'Forbidden', type: 'about:blank' } };
      }
      const id = String(nextPostId++);
      posts.push({ provider: 'x', id, text: p.text, userId, at: now() });
      return { status: 201, json: { data: { id, text: p.text, edit_history_tweet_ids: [id] } } };
    },

    'GET /api/v1/instance': () => ({ status: 200, json: { uri: new URL(baseUrl).host, title: 'Mock Mastodon (test infrastructure)',
      version: '4.3.0', description: NOTICE } }),
    'POST /api/v1/apps': async (req) => {
      const { params: p } = await readParams(req);
      const raw = p.redirect_uris ?? p['redirect_uris[]'];
      const uris = (Array.isArray(raw) ? raw : String(raw ?? '').split(/\s+/)).map(String).filter(Boolean);
      if (!p.client_name) return { status: 422, json: { error: "Validation failed: Application name can't be blank" } };
      const absolute = (/** @type {string} */ u) => { try { return !new URL(u).hash && !u.includes('#'); } catch { return false; } };
      if (!uris.length || !uris.every(absolute)) return { status: 422, json: { error: 'Validation failed: Redirect URI must be an absolute URI.' } };
      const scopes = splitScopes(p.scopes).length ? splitScopes(p.scopes) : ['read'];
      const app = { clientId: randomToken(), clientSecret: randomToken(), redirectUris: uris, name: String(p.client_name),
        provider: /** @type {const} */ ('mastodon'), scopes, registered: true };
      addClient(app);
      return { status: 200, json: { id: String(nextAppId++), name: app.name, website: p.website ?? null, scopes,
        redirect_uri: uris.join('\n'), redirect_uris: uris, client_id: app.clientId, client_secret: app.clientSecret, vapid_key: '' } };
    },
    'GET /oauth/authorize': (req, url) => authorizePage('mastodon', url),
    'POST /oauth/authorize/decision': (req) => decide('mastodon', req),
    'POST /oauth/token': async (req) => {
      if (down) return unavailable('mastodon');
      const { params: p } = await readParams(req);
      const client = mastodonClient(req, p);
      if (!client) return { status: 401, json: M_BAD_CLIENT };
      if (p.grant_type !== 'authorization_code') {
        return { status: 400, json: p.grant_type ? { error: 'unsupported_grant_type', error_description: 'Only authorization_code is mocked.' } : M_BAD_REQUEST };
      }
      if (!p.code || !p.redirect_uri) return { status: 400, json: M_BAD_REQUEST };
      const token = redeem('mastodon', client, p);
      if (!token) return { status: 400, json: M_BAD_GRANT };
      return { status: 200, json: { access_token: token.accessToken, token_type: 'Bearer', scope: token.scopes.join(' '),
        created_at: Math.floor(now() / 1000) } };
    },
    'POST /oauth/revoke': async (req) => {
      const { params: p } = await readParams(req);
      const client = mastodonClient(req, p);
      if (!client) return { status: 403, json: { error: 'unauthorized_client', error_description: 'You are not authorized to revoke this token' } };
      if (tokens.get(p.token)?.clientId === client.clientId) tokens.delete(p.token);
      return { status: 200, json: {} };
    },
    'GET /api/v1/accounts/verify_credentials': (req) => {
      const token = bearer(req, 'mastodon');
      if (!token) return { status: 401, json: { error: 'The access token is invalid' } };
      // Real instances refuse this with only write:statuses; the mock does too so the server asks for what it uses.
      if (!token.scopes.some((/** @type {string} */ s) => ['read', 'read:accounts', 'profile'].includes(s))) {
        return { status: 403, json: { error: 'This action is outside the authorized scopes' } };
      }
      const { id, username, name } = token.user;
      return { status: 200, json: { id, username, acct: username, display_name: name, url: `${baseUrl}/@${username}` } };
    },
    'POST /api/v1/statuses': async (req) => {
      if (down) return unavailable('mastodon');
      const token = bearer(req, 'mastodon');
      if (!token) return { status: 401, json: { error: 'The access token is invalid' } };
      if (!token.scopes.some((/** @type {string} */ s) => s === 'write' || s === 'write:statuses')) {
        return { status: 403, json: { error: 'This action is outside the authorized scopes' } };
      }
      const { params: p } = await readParams(req);
      const text = typeof p.status === 'string' ? p.status : '';
      if (!text.trim()) return { status: 422, json: { error: "Validation failed: Text can't be blank" } };
      if (codePoints(text) > 500) return { status: 422, json: { error: 'Validation failed: Text character limit of 500 exceeded' } };
      const visibility = p.visibility ?? 'public';
      if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) {
        return { status: 422, json: { error: 'Validation failed: Visibility is not included in the list' } };
      }
      const id = String(nextPostId++);
      const at = now();
      posts.push({ provider: 'mastodon', id, text, userId: token.user.id, at });
      return { status: 200, json: { id, url: `${baseUrl}/@${token.user.username}/${id}`,
        content: `<p>${escapeHtml(text).replace(/\n/g, '<br />')}</p>`, visibility, created_at: new Date(at).toISOString(),
        account: { id: token.user.id, username: token.user.username, acct: token.user.username } } };
    },
  };

  const server = http.createServer(async (req, res) => {
    /** @type {any} */ let answer;
    try {
      const url = new URL(req.url ?? '/', baseUrl);
      const handler = routes[`${req.method} ${url.pathname}`];
      const allowed = Object.keys(routes).filter((k) => k.endsWith(` ${url.pathname}`)).map((k) => k.split(' ')[0]);
      if (handler) answer = await handler(req, url);
      else if (allowed.length) answer = { status: 405, json: { error: 'Method Not Allowed' }, headers: { allow: allowed.join(', ') } };
      else answer = { status: 404, json: { error: 'Not Found' } };
    } catch (err) {
      answer = err instanceof HttpError ? { status: err.status, json: err.body } : { status: 500, json: { error: String(err) } };
    }
    /** @type {Record<string, string>} */
    const headers = { 'x-mock-provider': 'test infrastructure; not X, not Mastodon', 'cache-control': 'no-store', ...answer.headers };
    if (answer.location) headers.location = answer.location;
    if (answer.html !== undefined) {
      headers['content-type'] = 'text/html; charset=utf-8';
      headers['content-security-policy'] ??= "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'";
      headers['referrer-policy'] = 'no-referrer';
    } else if (answer.json !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(answer.status, headers).end(answer.html ?? (answer.json === undefined ? '' : JSON.stringify(answer.json)));
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(undefined); });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: baseUrl,
    posts,
    addClient,
    setDown(/** @type {boolean} */ value) { down = Boolean(value); },
    reset() {
      codes.clear();
      tokens.clear();
      posts.length = 0; // in place: callers may hold mock.posts
      for (const [id, c] of clientsById) if (c.registered) clientsById.delete(id);
      down = false;
    },
    close() {
      server.closeAllConnections(); // keep-alive sockets from fetch would otherwise hold close() open
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * For server tests that cannot click: loads the authorize page, submits its form with the decision,
 * and returns the absolute URL the provider redirects to, without following it.
 * If the provider rejects the request with a redirect (error=…), that Location is returned as is.
 * @param {string} authorizeUrl
 * @param {'approve'|'deny'} decision
 * @param {{ username?: string }} [options] mock account to sign in as (default mockshopper)
 */
export async function decideAuthorization(authorizeUrl, decision, { username } = {}) {
  const shown = await fetch(authorizeUrl, { redirect: 'manual' });
  const html = await shown.text();
  const location = shown.headers.get('location');
  if (location) return new URL(location, authorizeUrl).href;
  if (shown.status !== 200) throw new Error(`authorize page answered ${shown.status}: ${html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('authorize page has no form');
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g)) form.set(m[1], unescapeHtml(m[2]));
  if (username) form.set('username', username);
  form.set('decision', decision);
  const res = await fetch(new URL(action, authorizeUrl), { method: 'POST', body: form, redirect: 'manual' });
  const text = await res.text();
  const next = res.headers.get('location');
  if (res.status !== 302 || !next) throw new Error(`decision answered ${res.status}: ${text.slice(0, 200)}`);
  return new URL(next, authorizeUrl).href;
}
