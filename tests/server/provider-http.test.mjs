// The providers' one HTTP shape (server/providers/http.js): an answer is
// read only up to 64 KiB, whatever its size, and a slow one ends at the
// timeout. Issue 20, item 9.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { getJson, ProviderError } from '../../server/providers/http.js';

const CHUNK = 16 * 1024;

/** A fetch whose answer is `chunks` chunks of JSON-ish bytes, counting what is pulled. */
function streamingFetch(chunks, headers = {}) {
  const seen = { pulled: 0, cancelled: false };
  const fetch = async () => new Response(new ReadableStream({
    pull(controller) {
      if (seen.pulled >= chunks * CHUNK) {
        controller.close();
        return;
      }
      seen.pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
    cancel() { seen.cancelled = true; },
  }), { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  return { fetch, seen };
}

test('an 8 MiB answer is read no further than 64 KiB and then cancelled', async () => {
  const { fetch, seen } = streamingFetch(512);
  const answer = await getJson('https://provider.test/v1', { fetch, timeoutMillis: 5000, step: 'post' });
  assert.equal(answer.body, null);
  assert.ok(seen.pulled <= 64 * 1024 + 2 * CHUNK, `pulled ${seen.pulled} bytes`);
  assert.equal(seen.cancelled, true);
});

test('a declared Content-Length over 64 KiB is refused before any of the body is read', async () => {
  const { fetch, seen } = streamingFetch(512, { 'content-length': String(512 * CHUNK) });
  const answer = await getJson('https://provider.test/v1', { fetch, timeoutMillis: 5000, step: 'post' });
  assert.equal(answer.body, null);
  assert.ok(seen.pulled <= CHUNK, `pulled ${seen.pulled} bytes`);
});

test('an answer within 64 KiB is parsed as before', async () => {
  const fetch = async () => Response.json({ data: { id: '42' } });
  assert.deepEqual((await getJson('https://provider.test/v1', { fetch, timeoutMillis: 5000, step: 'post' })).body, { data: { id: '42' } });
});

test('a body that stops arriving ends at the timeout as "unavailable"', async () => {
  const fetch = async (url, { signal }) => new Response(new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"data":'));
      signal.addEventListener('abort', () => controller.error(signal.reason));
    },
  }), { status: 200 });
  // AbortSignal.timeout does not keep Node's event loop alive (a server's
  // open socket does): this timer stands in for it.
  const alive = setTimeout(() => {}, 10_000);
  await assert.rejects(getJson('https://provider.test/v1', { fetch, timeoutMillis: 50, step: 'post' }),
    (error) => error instanceof ProviderError && error.kind === 'unavailable' && /timed out/.test(error.message));
  clearTimeout(alive);
});
