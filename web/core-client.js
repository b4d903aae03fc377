// The main wasm module (sharelock-core): pay, countdown and proof (verified
// pay has its own: verified-core.js). Loaded lazily, once per page, over
// Sharelock's C ABI (core-abi.js), and wrapped so widgets pass and receive
// plain objects: each widget's wrapper builds the records its calls take
// (docs/ABI.md; types/core.d.ts). The share bar has its own module
// (share-core.js), whose calls this one serves too.
import { countdownCalls } from './countdown-calls.js';
import { payCalls } from './pay-calls.js';
import { proofCalls } from './proof-calls.js';
import { loadShareCalls } from './share-core.js';
import { loadAbiCalls } from './wasm-loader.js';

export { configureCore, coreMemoryBytes, serverClockSample } from './wasm-loader.js';

/**
 * @param {[import('../types/core').CoreModule, ReturnType<typeof import('./share-core.js').shareBarCalls>]} loaded
 *   the module's calls, and its share-bar calls as share-core.js wraps them
 */
function wrap([raw, shareCalls]) {
  return {
    // renderShareBar and checkMastodonHost: the share bar's wrapper of this
    // module, the one its bars use too (share-core.js).
    ...shareCalls,
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

/**
 * The shared main core. Rejects with a SharelockError (code
 * "wasm-unavailable") when the module cannot be loaded.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadCore(options = {}) {
  wrapped ??= Promise.all([loadAbiCalls('sharelock-core', options), loadShareCalls('sharelock-core', options)]).then(wrap);
  return wrapped;
}
