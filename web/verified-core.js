// Verified pay's module (sharelock-verified.wasm, wasm/verified_abi.cpp):
// loaded only by a <sharelock-pay mode="verified"> or on the way back from
// the network's sign-in, and wrapped as verified-calls.js wraps its calls,
// with the Mastodon server check the panel asks too (share-core.js).
import { shareBarCalls } from './share-core.js';
import { verifiedCalls } from './verified-calls.js';
import { loadAbiCalls } from './wasm-loader.js';

let loaded = null;

/**
 * Verified pay's calls, loaded once. Rejects with a SharelockError (code
 * "wasm-unavailable") when the module cannot be loaded.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadVerifiedCore(options = {}) {
  loaded ??= loadAbiCalls('sharelock-verified', options).then((raw) => ({
    ...verifiedCalls(raw),
    checkMastodonHost: shareBarCalls(raw).checkMastodonHost,
  }));
  return loaded;
}
