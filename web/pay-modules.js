// The wasm modules a <sharelock-pay> uses besides the main one
// (core-client.js), each loaded once per page and only when a widget needs
// it: pay's calls counting the post's text exactly, and verified pay's
// panel code with its module's calls.
import { payCalls } from './pay-calls.js';
import { loadAbiCalls, preloadElementCode } from './wasm-loader.js';

let exactPay = null;
let verifiedParts = null;

/**
 * Pay's calls counting the post's text exactly (sharelock-pay-exact.wasm),
 * for a widget whose text the main module, which counts by bounds, could
 * not settle (`textUndecided`).
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadExactPayCore(options = {}) {
  exactPay ??= loadAbiCalls('sharelock-pay-exact', options).then(payCalls);
  return exactPay;
}

/**
 * Verified pay's panel code and its module's calls, for mode="verified". In
 * the script-tag build the code is checked against its pinned hash first.
 * @returns {Promise<{VerifiedPanel: Function, calls: object}>}
 */
export function loadVerifiedParts() {
  verifiedParts ??= preloadElementCode('verified-pay', import.meta.url ?? '')
    .then(() => import('./verified-pay.js'))
    .then(async ({ VerifiedPanel, loadVerifiedCore }) => ({ VerifiedPanel, calls: await loadVerifiedCore() }));
  return verifiedParts;
}
