// scripts/serve.mjs: the browser tests' generated big feeds exist only on a
// server started with --test-routes, never on `npm start`'s demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

const FEED_PATH = '/__test__/generated-feed/4096.json';

async function withServer(t, options, body) {
  const state = await mkdtemp(join(tmpdir(), 'sharelock-serve-test-'));
  // Port 0: a free port from the kernel, so two suites on one machine never collide.
  const server = await startServer({ port: 0, stateDirectory: state, ...options });
  t.after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(state, { recursive: true, force: true });
  });
  await body(`http://127.0.0.1:${server.address().port}${FEED_PATH}`);
}

test('the demo (no --test-routes) has no generated feed', async (t) => {
  await withServer(t, {}, async (feed) => {
    const response = await fetch(feed);
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });
});

test('with testRoutes: a valid feed of exactly the asked size', async (t) => {
  await withServer(t, { testRoutes: true }, async (feed) => {
    const response = await fetch(feed);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), '4096');
    const text = await response.text();
    assert.equal(Buffer.byteLength(text), 4096);
    assert.equal(JSON.parse(text).version, 1);
  });
});
