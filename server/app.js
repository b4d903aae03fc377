// Puts the pieces together: configuration, the core, the store and the
// providers, into one Fetch-API handler (see handler.js), and mounts it on
// node:http. The demo server and the tests use this too.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { loadServerCore } from './core.js';
import { createVerificationHandler } from './handler.js';
import { createMastodonProvider } from './providers/mastodon.js';
import { createXProvider } from './providers/x.js';
import { openSqliteStore } from './store/sqlite.js';

export async function createVerificationApp({ config, store, now, log, fetch = globalThis.fetch }) {
  const core = await loadServerCore();
  const ownStore = store ?? await openSqliteStore({ path: config.database });
  const providers = { x: createXProvider({ ...config.x, fetch }) };
  if (config.mastodon) {
    providers.mastodon = createMastodonProvider({ ...config.mastodon, store: ownStore, normalizeHost: core.normalizeHost, fetch, now });
  }
  const handle = createVerificationHandler({ config, core, store: ownStore, providers, now, randomBytes, log });
  return { handle, core, store: ownStore, close: () => (store ? undefined : ownStore.close()) };
}

// Behind `trustedHops` proxies of the operator's, each appending the
// address it saw to X-Forwarded-For, the client's is the trustedHops-th
// from the end (what is before it the client may have written itself). A
// shorter header did not come through them all: the socket's peer then.
export function clientIp(request, trustedHops) {
  const hops = String(request.headers['x-forwarded-for'] ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  if (trustedHops > 0 && hops.length >= trustedHops) return hops.at(-trustedHops);
  return request.socket.remoteAddress ?? '';
}

/** A node:http request as a Fetch-API Request (the body streamed, not buffered). */
export function toFetchRequest(incoming, base) {
  const method = incoming.method ?? 'GET';
  return new Request(new URL(incoming.url ?? '/', base), {
    method,
    headers: Object.entries(incoming.headers).flatMap(([name, value]) =>
      (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, value]])),
    body: method === 'GET' || method === 'HEAD' ? undefined : Readable.toWeb(incoming),
    duplex: 'half',
  });
}

/** Writes a Fetch-API Response to a node:http response. */
export async function sendFetchResponse(response, outgoing) {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/** Answers a node:http request with a Fetch-API handler; never throws. */
export async function serveWithHandler(handle, incoming, outgoing, { base, trustProxy = 0 }) {
  try {
    const response = await handle(toFetchRequest(incoming, base), { ip: clientIp(incoming, trustProxy) });
    await sendFetchResponse(response, outgoing);
  } catch {
    if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'application/json' });
    outgoing.end('{"error":{"code":"internal-error","message":"the verification server failed"}}');
  }
}

// How long a client may take, and how many may be connected at once: Node's
// defaults (300 s for a request, 60 s for its headers, checked every 30 s,
// no cap) let a few slow clients hold the server's sockets for minutes.
// Every request this server takes is small (16 KiB at most).
export const CONNECTION_LIMITS = Object.freeze({
  headersTimeoutMillis: 10_000,
  requestTimeoutMillis: 30_000,
  keepAliveTimeoutMillis: 5_000,
  checkIntervalMillis: 1_000,
  maxConnections: 1_000,
});

/** A node:http server around a Fetch-API handler. */
export function listen(handle, { host, port, trustProxy = 0, limits = {} }) {
  const { headersTimeoutMillis, requestTimeoutMillis, keepAliveTimeoutMillis, checkIntervalMillis, maxConnections } =
    { ...CONNECTION_LIMITS, ...limits };
  const server = createServer({
    headersTimeout: headersTimeoutMillis,
    requestTimeout: requestTimeoutMillis,
    keepAliveTimeout: keepAliveTimeoutMillis,
    connectionsCheckingInterval: checkIntervalMillis,
  }, (incoming, outgoing) =>
    serveWithHandler(handle, incoming, outgoing, { base: `http://${host}:${port}`, trustProxy }));
  // Past this, new connections are closed at once.
  server.maxConnections = maxConnections;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
