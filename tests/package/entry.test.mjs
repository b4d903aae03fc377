// The package's module entries in Node (as during server-side rendering):
// importing them must not throw or touch browser globals, and the ESM entry
// must define nothing until defineElements() is called.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const BROWSER_GLOBALS = ['window', 'document', 'customElements', 'location', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement'];

/** Imports `specifier` with every browser global replaced by a getter that records its reads. */
async function importWatched(specifier) {
  const touched = [];
  const saved = new Map();
  for (const name of BROWSER_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() { touched.push(name); return undefined; },
      set() { touched.push(`${name}=`); },
    });
  }
  const keysBefore = new Set(Reflect.ownKeys(globalThis));
  try {
    const module = await import(specifier);
    const added = Reflect.ownKeys(globalThis).filter((key) => !keysBefore.has(key));
    return { module, touched, added };
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete globalThis[name];
    }
  }
}

test('importing dist/index.js (the npm entry) reads and writes no global', async () => {
  const { module, touched, added } = await importWatched('../../dist/index.js');
  assert.deepEqual(touched, []);
  assert.deepEqual(added, []);
  assert.deepEqual(Object.keys(module).sort(),
    ['SharelockError', 'configureCore', 'coreMemoryBytes', 'defineElements', 'loadCore', 'startAnalytics', 'track']);
});

test('defineElements() without a DOM does nothing and does not throw', async () => {
  const { defineElements } = await import('../../dist/index.js');
  assert.equal(globalThis.customElements, undefined);
  assert.doesNotThrow(() => defineElements());
});

test('the module script-tag build imports in Node without throwing and exports the same API', async () => {
  const { module, added } = await importWatched('../../dist/sharelock.js');
  assert.deepEqual(added, []);
  assert.equal(typeof module.defineElements, 'function');
  assert.equal(typeof module.configureCore, 'function');
  // web/auto.js names the public API (its base file exports more): the
  // same names as the npm entry, no fewer and no internals.
  const npm = await import('../../dist/index.js');
  assert.deepEqual(Object.keys(module).sort(), Object.keys(npm).sort());
});

test('the entries do not share an instance by accident: no chunk is common to two builds, the classic script has none', async () => {
  const { readFile } = await import('node:fs/promises');
  const read = (file) => readFile(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
  // Every file a build may import, following static and dynamic imports.
  const closure = async (file, seen = new Set()) => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const [, sibling] of (await read(file)).matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']\.\/([\w.-]+\.js)["']/g)) {
      await closure(sibling, seen);
    }
    return seen;
  };
  const npm = await closure('index.js');
  const script = await closure('sharelock.js');
  assert.ok(npm.size > 3 && script.size > 3, 'both builds are split into chunks');
  assert.deepEqual([...npm].filter((file) => script.has(file)), []);
  // The classic script loads no other script: only the wasm files.
  assert.doesNotMatch(await read('sharelock.iife.js'), /\bfrom\s*["']\.\/|\bimport\s*\(\s*["']\.\//);
});
