// The main wasm module (sharelock-core): pay, countdown and proof (verified
// pay has its own: verified-core.js). Loaded lazily, once per page, over
// Sharelock's C ABI (core-abi.js), and wrapped so widgets pass and receive
// plain objects: each widget's wrapper builds the records its calls take
// (docs/ABI.md; types/core.d.ts). The share bar has its own module
// (share-core.js), whose calls this one serves too.
import { countdownCalls } from './countdown-calls.js';
import { payCalls } from './pay-calls.js';
import { proofCalls } from './proof-calls.js';
import { shareBarCalls } from './share-core.js';
import { loadAbiCalls } from './wasm-loader.js';

export { configureCore, coreMemoryBytes, serverClockSample } from './wasm-loader.js';

/** @param {import('../types/core').CoreModule} raw */
function wrap(raw) {
  return {
    // renderShareBar and checkMastodonHost, wrapped as the share bar's own
    // module's are (share-core.js).
    ...shareBarCalls(raw),
    unicodeVersion: () => raw.unicodeVersion({}).version,
    ...payCalls(raw),
    // planCountdown, stockFromFeed, clockSkew.
    ...countdownCalls(raw),
    /**
     * Every second per visible countdown: plain numbers in, a typed view out.
     * @returns {import('../types/core').CountdownView}
     */
    countdownView: (endsAt, opensAt, now, lang, format) =>
      raw.countdownView({ endsAt, opensAt: opensAt ?? Number.NaN, now, lang, format }),
    // describeProof, proofToastText, proofToastGate.
    ...proofCalls(raw),
  };
}

let wrapped = null;
let exactPay = null;

/**
 * The shared main core. Rejects with a SharelockError (code
 * "wasm-unavailable") when the module cannot be loaded.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadCore(options = {}) {
  wrapped ??= loadAbiCalls('sharelock-core', options).then(wrap);
  return wrapped;
}

/**
 * Pay's calls counting the post's text exactly (sharelock-pay-exact.wasm),
 * for a widget whose text the main module, which counts by bounds, could
 * not settle (`textUndecided`). Loaded once, only then.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadExactPayCore(options = {}) {
  exactPay ??= loadAbiCalls('sharelock-pay-exact', options).then(payCalls);
  return exactPay;
}
