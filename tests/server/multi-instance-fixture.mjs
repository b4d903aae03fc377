// Several verification servers behind one address, for the multi-instance
// tests and the load test (bench/load.mjs): real `node server/main.js`
// processes sharing one PostgreSQL database, a tiny round-robin HTTP proxy
// in front of them, and the shopper's side of an unlock against the mock
// provider (server/mock-provider.js).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { decideAuthorization } from '../../server/mock-provider.js';

const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));

export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A fresh HMAC key entry for SHARELOCK_HMAC_KEYS. */
export const hmacKey = (id) => `${id}:${randomBytes(32).toString('base64url')}`;

/**
 * Starts `node server/main.js` with `env` on a free port; resolves once it
 * listens. stop() sends SIGTERM (graceful), kill() SIGKILL (a crash).
 */
export async function startInstance(env, { name = 'instance' } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => { output += chunk; };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => { child.once('exit', (code, signal) => resolve({ code, signal })); });
  await new Promise((resolve, reject) => {
    const check = () => { if (output.includes('verification server on')) resolve(); };
    child.stdout.on('data', check);
    exited.then(({ code }) => reject(new Error(`${name} exited (${code}) before listening: ${output.slice(-2000)}`)));
  });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
  };
}

/**
 * One address for several instances, round robin. A request whose instance
 * refuses the connection (it is down) goes to the next one — nothing was
 * sent, so that is safe even for POST. So does a request written to a
 * kept-alive connection that turns out to be closed before any answer
 * (ECONNRESET or EPIPE on a reused socket): the instance died while the
 * connection sat idle, and whether the proxy noticed that before picking
 * the connection is a race between the kernel's and the event loop's timing,
 * not something a test may depend on (Node's documentation gives the same
 * advice for keep-alive clients). An instance that fails after it answered
 * anything, or on a fresh connection, gives the client a 502 (it may have
 * acted), as a real load balancer does; the client then retries with the
 * same code and verifier.
 */
export async function startRoundRobinProxy(upstreams) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const counts = new Map(upstreams.map((u) => [u, 0]));

  function forward(upstream, incoming, body) {
    return new Promise((resolve, reject) => {
      const target = new URL(incoming.url, upstream);
      const outgoing = http.request(target, { method: incoming.method, headers: incoming.headers, agent }, resolve);
      outgoing.once('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
      outgoing.end(body);
    });
  }

  const server = http.createServer(async (incoming, response) => {
    const chunks = [];
    for await (const chunk of incoming) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    for (let tries = 0; tries < upstreams.length; tries += 1) {
      const upstream = upstreams[next++ % upstreams.length];
      try {
        const answer = await forward(upstream, incoming, body);
        counts.set(upstream, counts.get(upstream) + 1);
        response.writeHead(answer.statusCode, answer.headers);
        answer.pipe(response);
        answer.once('error', () => response.destroy());
        return;
      } catch (error) {
        if (error.code === 'ECONNREFUSED' || (error.reusedSocket && ['ECONNRESET', 'EPIPE'].includes(error.code))) continue;
        break;
      }
    }
    response.writeHead(502, { 'content-type': 'application/json' });
    response.end('{"error":{"code":"bad-gateway","message":"no verification server answered"}}');
  });
  const port = await freePort();
  await new Promise((resolve) => { server.listen(port, '127.0.0.1', resolve); });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests answered per upstream. */
    counts,
    close() {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => { server.close(resolve); });
    },
  };
}

/** The shopper approving at the mock provider: a fresh authorization code and its PKCE verifier. */
export async function authorizeAtMock({ mockUrl, clientId, redirectUri }) {
  const codeVerifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${mockUrl}/i/oauth2/authorize`);
  const query = { response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'tweet.read tweet.write users.read',
    state: randomBytes(16).toString('base64url'), code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256' };
  for (const [name, value] of Object.entries(query)) authorize.searchParams.set(name, value);
  const code = new URL(await decideAuthorization(authorize.href, 'approve')).searchParams.get('code');
  return { code, codeVerifier };
}

/** POST /v1/unlock as the page sends it. */
export function postUnlock(serverUrl, { origin, item, code, codeVerifier, text }) {
  return fetch(`${serverUrl}/v1/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ item, network: 'x', code, codeVerifier, text }),
  });
}
