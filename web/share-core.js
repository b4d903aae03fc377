// The share bar's calls into wasm: typed, no JSON, over Sharelock's C ABI
// (core-abi.js). Served by its own small module (sharelock-share), or by the
// main one when the page loads that anyway (wasm-loader.js's
// shareBarModule), whose client (core-client.js) uses the same wrapper. It
// turns the element's attributes and the page's facts into the records
// wasm/share_abi.cpp declares (text cleaned), so a widget passes and
// receives plain objects. types/core.d.ts declares both sides.
import { guarded } from './core-call.js';
import { attribute, text, typedPageFacts } from './core-values.js';
import { loadAbiCalls, shareBarModule } from './wasm-loader.js';

/** @returns {import('../types/core').ShareAttributes} */
export function shareAttributes(attributes) {
  return {
    url: attribute(attributes, 'url'),
    text: attribute(attributes, 'text'),
    hashtags: attribute(attributes, 'hashtags'),
    via: attribute(attributes, 'via'),
    image: attribute(attributes, 'image'),
    utmCampaign: attribute(attributes, 'utm-campaign'),
    lang: attribute(attributes, 'lang'),
  };
}

/**
 * The share bar's calls of a module that serves them (either module's
 * C ABI calls, as loadAbiCalls gives them), with plain objects in and out.
 * @param {import('../types/core').ShareModule} raw
 */
export function shareBarCalls(raw) {
  return {
    /**
     * @param {{attributes: Record<string, string>, page: object, nativeShare?: boolean, mastodonHost?: string}} request
     * @returns {import('../types/core').ShareBarView}
     */
    renderShareBar: guarded(({ attributes, page, nativeShare, mastodonHost }) => raw.renderShareBar({
      attributes: shareAttributes(attributes),
      networks: attribute(attributes, 'networks'),
      page: typedPageFacts(page),
      nativeShare: nativeShare === true,
      mastodonHost: text(mastodonHost),
    })),
    /**
     * The share bar's picker, and verified pay's.
     * @returns {import('../types/core').MastodonHostCheck}
     */
    checkMastodonHost: guarded(({ input, lang }) => raw.checkMastodonHost({ input: text(input), lang: text(lang) }),
      (error) => ({ ok: false, host: '', message: error.message })),
  };
}

const clients = new Map(); // module name → Promise of its share-bar calls

/**
 * The share-bar calls of module `name`, loaded and wrapped once per module
 * (core-client.js takes the main module's from here too).
 * @param {string} name
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options]
 */
export function loadShareCalls(name, options = {}) {
  if (!clients.has(name)) clients.set(name, loadAbiCalls(name, options).then(shareBarCalls));
  return clients.get(name);
}

/**
 * The share bar's core, loaded once. Rejects with a SharelockError (code
 * "wasm-unavailable") when it cannot be loaded. The share bar's own small
 * module counts text by bounds: a view with `textUndecided` is to be
 * rendered again with loadExactShareCore().
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadShareCore(options = {}) {
  return loadShareCalls(options.wasmBinary ? 'sharelock-share' : shareBarModule(), options);
}

/**
 * The share bar's calls counting text exactly (sharelock-share-exact; the
 * main module counts by bounds too). Fetched only for a bar the module it
 * used could not settle.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadExactShareCore(options = {}) {
  return loadShareCalls('sharelock-share-exact', options);
}
