// Slow and numerous clients (server/app.js listen): headers that never
// finish and a body that never ends are cut off at their timeouts, and
// connections past the cap are closed at once. Issue 20, item 8. The
// limits are shortened here; the defaults are CONNECTION_LIMITS.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { test } from 'node:test';

import { CONNECTION_LIMITS, listen } from '../../server/app.js';

// Reads the whole body first, as the verification handler does.
const handle = async (request) => {
  await request.text();
  return new Response('{}', { headers: { 'content-type': 'application/json' } });
};

async function start(limits) {
  const server = await listen(handle, { host: '127.0.0.1', port: 0, limits });
  return { server, port: server.address().port };
}

/** A raw socket that sends `text` and resolves with what came back once the server closed it. */
async function rawClient(port, text) {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(text);
  let answer = '';
  socket.on('data', (data) => { answer += data; });
  await once(socket, 'close');
  return answer;
}

test('the defaults bound what Node leaves open', () => {
  assert.ok(CONNECTION_LIMITS.headersTimeoutMillis <= 10_000);
  assert.ok(CONNECTION_LIMITS.requestTimeoutMillis <= 30_000);
  assert.ok(CONNECTION_LIMITS.maxConnections > 0 && Number.isFinite(CONNECTION_LIMITS.maxConnections));
});

// Without the limits these would wait for Node's 60 s and 300 s: the test
// timeout turns that into a failure (it is far above the shortened limits).
const BOUNDED = { timeout: 20_000 };

test('headers that never finish are answered 408 and closed at the headers timeout', BOUNDED, async () => {
  const { server, port } = await start({ headersTimeoutMillis: 300, requestTimeoutMillis: 600, checkIntervalMillis: 50 });
  const answer = await rawClient(port, 'GET /v1/proof?item=a HTTP/1.1\r\nHost: x\r\n');
  assert.match(answer, /^HTTP\/1\.1 408/);
  server.close();
});

test('a body that never ends is answered 408 and closed at the request timeout', BOUNDED, async () => {
  const { server, port } = await start({ headersTimeoutMillis: 300, requestTimeoutMillis: 600, checkIntervalMillis: 50 });
  const answer = await rawClient(port, 'POST /v1/unlock HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
  assert.match(answer, /^HTTP\/1\.1 408/);
  server.close();
});

test('connections past the cap are closed at once, and the ones held still get answers', async () => {
  const { server, port } = await start({ maxConnections: 2 });
  const held = await Promise.all([0, 1].map(async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return socket;
  }));
  // Both are counted by the server before the third arrives.
  while ((await new Promise((resolve) => { server.getConnections((_, n) => resolve(n)); })) < 2) await new Promise((r) => setImmediate(r));
  const extra = await rawClient(port, 'GET /v1/proof?item=a HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.equal(extra, '', 'closed without an answer');
  held[0].write('GET /v1/proof?item=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  let answer = '';
  held[0].on('data', (data) => { answer += data; });
  await once(held[0], 'close');
  assert.match(answer, /^HTTP\/1\.1 200/);
  held[1].destroy();
  server.close();
});
