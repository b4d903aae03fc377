// What the JS tests share: the built main and verified modules, a seeded random
// sequence for generated texts, and text written out as code points for a
// failure message.
import { readFile } from 'node:fs/promises';

import { configureCore, loadCore } from '../../web/core-client.js';
import { loadVerifiedCore } from '../../web/verified-core.js';

const dist = new URL('../../dist/', import.meta.url);

/** The main wasm module as built into dist/, through core-client.js's wrapper (Node cannot fetch file URLs). */
export async function loadBuiltCore() {
  configureCore({ moduleUrl: dist });
  return loadCore({ wasmBinary: await readFile(new URL('sharelock-core.wasm', dist)) });
}

/** Verified pay's wasm module as built into dist/, through verified-core.js's wrapper. */
export async function loadBuiltVerifiedCore() {
  return loadVerifiedCore({ wasmBinary: await readFile(new URL('sharelock-verified.wasm', dist)) });
}

// mulberry32: a small, fixed pseudo-random sequence, the same on every
// machine, so a generated test's texts are too. Numbers in [0, 1).
export function randomFrom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6D2B79F5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "U+0041 U+1F600": a text as its code points, for a failure message. */
export const codePoints = (text) => [...text]
  .map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
