// The main wasm module (sharelock-core): pay, countdown, proof and verified
// pay. Loaded lazily, once per page, and wrapped so widgets pass and receive
// plain objects. Most of its calls still cross as JSON text; the typed ones
// say so (docs/ABI.md). The share bar has its own module (share-core.js).
import { cleanDeep, guarded } from './core-call.js';
import { countdownCalls } from './countdown-calls.js';
import { payCalls } from './pay-calls.js';
import { shareBarCalls } from './share-core.js';
import { verifiedCalls } from './verified-calls.js';
import { loadWasmModule } from './wasm-loader.js';

export { configureCore, coreMemoryBytes, serverClockSample } from './wasm-loader.js';

function wrap(raw) {
  const call = (name) => guarded((request) => JSON.parse(raw[name](JSON.stringify(cleanDeep(request)))));
  return {
    // Typed: renderShareBar, and checkMastodonHost for verified pay; pay.
    ...shareBarCalls(raw),
    unicodeVersion: () => raw.unicodeVersion(),
    ...payCalls(raw),
    // Typed: planCountdown, stockFromFeed, clockSkew.
    ...countdownCalls(raw),
    /**
     * Every second per visible countdown: typed both ways, no JSON.
     * @returns {import('../types/core').CountdownView}
     */
    countdownView: (endsAt, opensAt, now, lang, format) =>
      raw.countdownView(endsAt, opensAt ?? Number.NaN, now, lang, format),
    /** @returns {{fatal: boolean, errors: object[], need?: {fetch: string, credentials: RequestCredentials, attribute: string}, kind?: string, show?: boolean}} */
    describeProof: call('describeProof'),
    /** @returns {{text: string, expired: boolean}} */
    proofToastText: call('proofToastText'),
    /** @returns {{allow: boolean, store: string}} */
    proofToastGate: call('proofToastGate'),
    // <sharelock-pay mode="verified">: typed, its records and the server's
    // answers as JsonDocuments (verified-calls.js).
    ...verifiedCalls(raw),
  };
}

let wrapped = null;

/**
 * The shared main core. Rejects with a SharelockError (code
 * "wasm-unavailable") when the module cannot be loaded.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadCore(options = {}) {
  wrapped ??= loadWasmModule('sharelock-core', options).then(wrap);
  return wrapped;
}
