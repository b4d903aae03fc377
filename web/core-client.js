// The main wasm module (sharelock-core): pay, countdown, proof and verified
// pay. Loaded lazily, once per page, and wrapped so widgets pass and receive
// plain objects. Most of its calls still cross as JSON text; the typed ones
// say so (docs/ABI.md). The share bar has its own module (share-core.js).
import { cleanDeep, guarded } from './core-call.js';
import { proofCalls } from './proof-calls.js';
import { shareBarCalls } from './share-core.js';
import { loadWasmModule } from './wasm-loader.js';

export { configureCore, coreMemoryBytes, serverClockSample } from './wasm-loader.js';

function wrap(raw) {
  const call = (name) => guarded((request) => JSON.parse(raw[name](JSON.stringify(cleanDeep(request)))));
  return {
    // Typed: renderShareBar, and checkMastodonHost for verified pay.
    ...shareBarCalls(raw),
    unicodeVersion: () => raw.unicodeVersion(),
    /** @returns {{fatal: boolean, errors: object[], item?: string, lang?: string, keys?: {unlock: string, snooze: string, pending: string}}} */
    describePay: call('describePay'),
    /** @returns {{fatal: boolean, errors: object[], state?: object, effects?: object[], view?: object}} */
    stepPay: call('stepPay'),
    planCountdown: call('planCountdown'),
    /**
     * Every second per visible countdown: typed both ways, no JSON.
     * @returns {import('../types/core').CountdownView}
     */
    countdownView: (endsAt, opensAt, now, lang, format) =>
      raw.countdownView(endsAt, opensAt ?? Number.NaN, now, lang, format),
    stockFromFeed: call('stockFromFeed'),
    clockSkew: call('clockSkew'),
    // Typed: describeProof, proofToastText, proofToastGate.
    ...proofCalls(raw),
    // <sharelock-pay mode="verified"> (schemas in core/include/sharelock/verified_pay.hpp)
    describeVerified: call('describeVerified'),
    checkVerifiedPost: call('checkVerifiedPost'),
    beginVerified: call('beginVerified'),
    acceptVerifiedCallback: call('acceptVerifiedCallback'),
    readUnlockResponse: call('readUnlockResponse'),
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
