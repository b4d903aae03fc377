// When the wasm cannot be loaded, the client says so once, with a typed
// error, instead of throwing something untyped at the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { configureCore, loadCore } from '../../web/core-client.js';
import { loadShareCore } from '../../web/share-core.js';

test('a missing module rejects with code "wasm-unavailable" and logs one line', async (t) => {
  const logged = [];
  t.mock.method(console, 'error', (...args) => logged.push(args.join(' ')));
  configureCore({ moduleUrl: new URL('../../dist/nowhere/', import.meta.url) });
  await assert.rejects(loadCore(), (error) => error.name === 'SharelockError' && error.code === 'wasm-unavailable');
  // Every widget awaits the same promise: still one line.
  await assert.rejects(loadCore());
  assert.equal(logged.length, 1);
  assert.match(logged[0], /^\[sharelock\] .*nowhere\/sharelock-core\.wasm/);
});

// A moduleUrl naming sharelock-core.mjs (the glue file of earlier versions) still says where the files are.
test('the share bar\'s module is looked up next to the configured core, and its absence is the same typed error', async (t) => {
  const logged = [];
  t.mock.method(console, 'error', (...args) => logged.push(args.join(' ')));
  configureCore({ moduleUrl: new URL('../../dist/elsewhere/sharelock-core.mjs', import.meta.url) });
  await assert.rejects(loadShareCore(), (error) => error.code === 'wasm-unavailable' && /elsewhere\/sharelock-share\.wasm/.test(error.message));
  assert.equal(logged.length, 1);
});

test('importing the entry point in Node touches no DOM', async () => {
  const entry = await import('../../dist/sharelock.js');
  assert.equal(typeof entry.defineElements, 'function');
  assert.equal(typeof entry.SharelockError, 'function');
});
