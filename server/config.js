// The verification server's configuration, from the environment (a
// twelve-factor shape that works the same in a container, a PaaS or a
// serverless function). Every value is checked at start-up: a server with
// a weak key or an unknown setting refuses to start rather than run wrong.
//
//   SHARELOCK_ALLOWED_ORIGINS  comma-separated page origins (https://shop.example)
//   SHARELOCK_HMAC_KEYS        comma-separated <kid>:<base64url secret ≥ 32 bytes>, newest first (it signs)
//   SHARELOCK_ITEMS            path to the items JSON file (see server/README.md)
//   SHARELOCK_DB               SQLite file (default var/sharelock.db), created on first start
//   DATABASE_URL               postgres://… : PostgreSQL instead of the SQLite file (several servers share it)
//   SHARELOCK_UNLOCK_DAYS      how long an unlock token is honoured (default 30)
//   SHARELOCK_RATE_IP          <requests>/<seconds> per client IP (default 60/60)
//   SHARELOCK_RATE_ITEM        <unlocks>/<seconds> per item (default 120/3600)
//   SHARELOCK_RATE_PAGE        <requests>/<seconds> per client IP to /v1/collect, /v1/proof and /v1/content (default 120/60)
//   SHARELOCK_RATE_COLLECT     <batches>/<seconds> to /v1/collect from all clients together (default 100/10)
//   SHARELOCK_TRUST_PROXY      N: N proxies of yours append to X-Forwarded-For; the
//                              client IP is the N-th hop from the end (1: the last)
//   X_CLIENT_ID, X_CLIENT_SECRET, X_REDIRECT_URI   the X app (developer.x.com)
//   X_AUTHORIZE_URL, X_API_URL                     default to X's real endpoints
//   MASTODON_REDIRECT_URI      enables Mastodon: the callback page registered with each server's app
//   SHARELOCK_MASTODON_HOSTS   comma-separated Mastodon servers the shop accepts (required with Mastodon)
//   SHARELOCK_APP_NAME, SHARELOCK_APP_WEBSITE        how the app is named on Mastodon servers
//   MASTODON_INSTANCE_URLS     JSON {host: base URL}: tests and the demo only (the mock provider)
//   SHARELOCK_DASHBOARD_TOKEN  ≥ 32 random characters: enables the site owner's dashboard (/dashboard/, /v1/stats)
//   SHARELOCK_ANALYTICS_DAYS   days of analytics counters kept (default 400, at least the dashboard's 366)
//   SHARELOCK_ANALYTICS_NEW_ITEMS  items analytics starts counting per day (default 1000)
//   SHARELOCK_ANALYTICS_ROWS_PER_DAY  counter rows a day may hold (default 20000)
//   HOST, PORT                 where server/main.js listens (default 127.0.0.1:8081)
import { readFileSync } from 'node:fs';
import { X_DEFAULTS } from './providers/x.js';

const MIN_KEY_BYTES = 32;

export class ConfigError extends Error {
  constructor(name, message) {
    super(`${name}: ${message}`);
    this.name = 'ConfigError';
  }
}

function required(env, name) {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, 'is required');
  return value;
}

function readOrigins(env) {
  const origins = required(env, 'SHARELOCK_ALLOWED_ORIGINS').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let parsed;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError('SHARELOCK_ALLOWED_ORIGINS', `"${origin}" is not an origin`);
    }
    if (parsed.origin !== origin) throw new ConfigError('SHARELOCK_ALLOWED_ORIGINS', `"${origin}" is not an origin (write ${parsed.origin})`);
  }
  return new Set(origins);
}

function readKeys(env) {
  return required(env, 'SHARELOCK_HMAC_KEYS').split(',').map((entry) => {
    const [id, secret = ''] = entry.trim().split(':');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new ConfigError('SHARELOCK_HMAC_KEYS', `key id "${id}" must be 1-32 of [A-Za-z0-9_-]`);
    if (!/^[A-Za-z0-9_-]+$/.test(secret) || Buffer.from(secret, 'base64url').length < MIN_KEY_BYTES) {
      throw new ConfigError('SHARELOCK_HMAC_KEYS', `key "${id}" needs a base64url secret of at least ${MIN_KEY_BYTES} random bytes (openssl rand -base64 32 | tr '+/' '-_' | tr -d =)`);
    }
    return { id, secret };
  });
}

function readRate(env, name, fallback) {
  const match = /^(\d{1,7})\/(\d{1,7})$/.exec(env[name]?.trim() || fallback);
  if (!match || match[1] === '0' || match[2] === '0') throw new ConfigError(name, 'must be <requests>/<seconds>, e.g. 60/60');
  return { limit: Number(match[1]), windowMillis: Number(match[2]) * 1000 };
}

function checkHttpUrl(name, value, { loopbackHttp = true } = {}) {
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `"${value}" is not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(loopbackHttp && loopback && parsed.protocol === 'http:')) {
    throw new ConfigError(name, 'must use https');
  }
  return value;
}

/** Items: { "<id>": { "url": link the post must keep, "content": { text?, code?, url?, label? } } } */
export function readItems(path) {
  let items;
  try {
    items = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('SHARELOCK_ITEMS', `cannot read ${path}: ${error.message}`);
  }
  if (!items || typeof items !== 'object' || Array.isArray(items)) throw new ConfigError('SHARELOCK_ITEMS', 'must be a JSON object of items');
  for (const [id, item] of Object.entries(items)) {
    const where = `item "${id}"`;
    if (!id || Buffer.byteLength(id) > 200) throw new ConfigError('SHARELOCK_ITEMS', `${where}: ids are 1-200 bytes`);
    if (typeof item?.url !== 'string') throw new ConfigError('SHARELOCK_ITEMS', `${where}: "url" (the link a post must keep) is required`);
    checkHttpUrl(`SHARELOCK_ITEMS ${where} url`, item.url, { loopbackHttp: true });
    const { content } = item;
    if (!content || typeof content !== 'object' || !['text', 'code', 'url'].some((k) => typeof content[k] === 'string' && content[k])) {
      throw new ConfigError('SHARELOCK_ITEMS', `${where}: "content" needs a text, a code or a url`);
    }
    if (content.url) checkHttpUrl(`SHARELOCK_ITEMS ${where} content.url`, content.url);
  }
  return items;
}

// How many proxies of the operator's stand before the server (0: none; the
// socket's address is the client's).
function readTrustedHops(env) {
  const value = env.SHARELOCK_TRUST_PROXY ?? '0';
  if (!/^\d{1,2}$/.test(value) || Number(value) > 10) {
    throw new ConfigError('SHARELOCK_TRUST_PROXY', 'must be the number of your proxies in front of the server (0-10), e.g. 1 behind one load balancer');
  }
  return Number(value);
}

function readMastodon(env) {
  const redirectUri = env.MASTODON_REDIRECT_URI?.trim();
  if (!redirectUri) return null;
  const hosts = env.SHARELOCK_MASTODON_HOSTS?.trim() ?? '';
  // A server the shop does not trust could "confirm" posts that never
  // happened, so there is no "any server" setting.
  if (!hosts || hosts.includes('*')) {
    throw new ConfigError('SHARELOCK_MASTODON_HOSTS', 'list the Mastodon servers you accept (e.g. mastodon.social,fosstodon.org); any server could confirm posts that never happened');
  }
  let instanceUrls = {};
  if (env.MASTODON_INSTANCE_URLS?.trim()) {
    try {
      instanceUrls = JSON.parse(env.MASTODON_INSTANCE_URLS);
    } catch {
      throw new ConfigError('MASTODON_INSTANCE_URLS', 'must be a JSON object of host → base URL');
    }
    for (const [host, url] of Object.entries(instanceUrls)) checkHttpUrl(`MASTODON_INSTANCE_URLS ${host}`, url);
  }
  return {
    redirectUri: checkHttpUrl('MASTODON_REDIRECT_URI', redirectUri),
    allowedHosts: new Set(hosts.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
    instanceUrls,
    clientName: env.SHARELOCK_APP_NAME?.trim() || 'Sharelock',
    website: env.SHARELOCK_APP_WEBSITE?.trim() || '',
  };
}

// The site owner's dashboard is off unless a token is set; a short one
// could be guessed through the (rate-limited) stats endpoint.
function readDashboardToken(env) {
  const token = env.SHARELOCK_DASHBOARD_TOKEN?.trim();
  if (!token) return null;
  if (!/^[A-Za-z0-9._~-]{32,512}$/.test(token)) {
    throw new ConfigError('SHARELOCK_DASHBOARD_TOKEN', 'must be 32-512 characters of [A-Za-z0-9._~-] (openssl rand -base64 32 | tr \'+/\' \'-_\' | tr -d =)');
  }
  return token;
}

// How long analytics counters are kept: older days are deleted, so forged
// batches cannot grow the database for ever. At least the longest report
// the dashboard asks for (366 days).
function readAnalyticsDays(env) {
  const days = Number(env.SHARELOCK_ANALYTICS_DAYS?.trim() || 400);
  if (!Number.isInteger(days) || days < 366 || days > 3660) {
    throw new ConfigError('SHARELOCK_ANALYTICS_DAYS', 'must be a whole number of days, 366-3660 (the dashboard reports up to 366)');
  }
  return days;
}

// How many items analytics starts counting a day, and how many counter rows
// a day may hold: anyone can send batches about made-up items or error
// codes, and each new name is new rows.
function readDailyBound(env, name, fallback, what) {
  const count = Number(env[name]?.trim() || fallback);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new ConfigError(name, `must be a whole number of ${what} a day, 1-1000000`);
  }
  return count;
}

// postgres:// (or postgresql://) picks the PostgreSQL store, which several
// servers can share; unset, the embedded SQLite file is used. The URL is
// checked here so a typo stops the server at start, not at the first unlock;
// the message never repeats the URL (it may hold a password).
function readDatabaseUrl(env) {
  const value = env.DATABASE_URL?.trim();
  if (!value) return null;
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a URL (postgres://user:password@host:5432/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must be a postgres:// or postgresql:// URL, not ${parsed.protocol}//`);
  }
  if (!parsed.hostname) throw new ConfigError('DATABASE_URL', 'names no host');
  if (parsed.pathname.length <= 1) throw new ConfigError('DATABASE_URL', 'names no database (…/sharelock)');
  return value;
}

export function readConfig(env = process.env) {
  const days = Number(env.SHARELOCK_UNLOCK_DAYS?.trim() || 30);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new ConfigError('SHARELOCK_UNLOCK_DAYS', 'must be a whole number of days, 1-3650');
  return {
    allowedOrigins: readOrigins(env),
    keys: readKeys(env),
    items: readItems(required(env, 'SHARELOCK_ITEMS')),
    database: env.SHARELOCK_DB?.trim() || 'var/sharelock.db',
    databaseUrl: readDatabaseUrl(env),
    unlockLifetimeMillis: days * 24 * 60 * 60 * 1000,
    rateLimits: {
      ip: readRate(env, 'SHARELOCK_RATE_IP', '60/60'),
      item: readRate(env, 'SHARELOCK_RATE_ITEM', '120/3600'),
      page: readRate(env, 'SHARELOCK_RATE_PAGE', '120/60'),
      collectTotal: readRate(env, 'SHARELOCK_RATE_COLLECT', '100/10'),
    },
    trustProxy: readTrustedHops(env),
    dashboardToken: readDashboardToken(env),
    analyticsDays: readAnalyticsDays(env),
    analyticsNewItemsPerDay: readDailyBound(env, 'SHARELOCK_ANALYTICS_NEW_ITEMS', 1000, 'items'),
    analyticsRowsPerDay: readDailyBound(env, 'SHARELOCK_ANALYTICS_ROWS_PER_DAY', 20_000, 'counter rows'),
    x: {
      clientId: required(env, 'X_CLIENT_ID'),
      clientSecret: required(env, 'X_CLIENT_SECRET'),
      redirectUri: checkHttpUrl('X_REDIRECT_URI', required(env, 'X_REDIRECT_URI')),
      authorizeUrl: checkHttpUrl('X_AUTHORIZE_URL', env.X_AUTHORIZE_URL?.trim() || X_DEFAULTS.authorizeUrl),
      apiUrl: checkHttpUrl('X_API_URL', env.X_API_URL?.trim() || X_DEFAULTS.apiUrl),
    },
    mastodon: readMastodon(env),
    host: env.HOST?.trim() || '127.0.0.1',
    port: Number(env.PORT?.trim() || 8081),
  };
}
