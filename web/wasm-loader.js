// Loads Sharelock's wasm modules, each once per page and only when a widget
// needs it: sharelock-share.wasm for the share bar
// (sharelock-share-exact.wasm too when a bar's text needs it),
// sharelock-verified.wasm for verified pay, sharelock-core.wasm for the
// other widgets. All are standalone modules with Sharelock's C ABI and no
// JS glue. They sit side by side, where configureCore() says.
//
// (configureCore's moduleUrl names a file of that folder: earlier versions
// had a glue file, sharelock-core.mjs, and pages that name it still work.)
import { abiCalls } from './core-abi.js';
import { SharelockError } from './errors.js';

// Next to this file by default. The IIFE build has no import.meta (esbuild
// leaves it empty), so there the script-tag entry (web/auto.js) sets it from
// document.currentScript before any widget asks.
let coreUrl = import.meta.url ? new URL('./sharelock-core.wasm', import.meta.url) : null;
// Each wasm's sha256, fixed when the shim is built (scripts/build-shim.mjs),
// so the bytes are checked even where no <script integrity> can reach them.
// Empty in an unbundled web/ (tests in Node).
let integrity = typeof __SHARELOCK_WASM_INTEGRITY__ === 'object' ? { ...__SHARELOCK_WASM_INTEGRITY__ } : {};
// The script-tag build's pins (scripts/build-shim.mjs): every chunk by name
// with its sha256, and each element's chunks. Empty in the npm
// build, whose bundler decides where the files go.
let pins = { files: {}, widgets: {} };
const preloads = new Map(); // URL → Promise of its verified preload
const loading = new Map();  // module name → Promise of its loaded module
const memories = new Map(); // module name → WebAssembly.Memory
const calls = new Map();    // module name → Promise of its C ABI calls
// The server's clock as seen on the first wasm response, for countdowns to
// correct a wrong device clock: {sentAt, receivedAt, date, age, url}.
let serverClock = null;

/**
 * The HTTP Date (and Age) of the first wasm response, with when it was
 * asked for and arrived; null when it came from the browser's cache, whose
 * Date is that of the first download (Resource Timing: no bytes transferred).
 */
export function serverClockSample() {
  if (!serverClock) return null;
  const timing = globalThis.performance?.getEntriesByName?.(serverClock.url).at(-1);
  if (timing && timing.transferSize === 0 && timing.decodedBodySize > 0) return null;
  return serverClock;
}

/**
 * Bytes of linear memory the loaded wasm modules hold (memory only grows),
 * or 0 before any is loaded. For benchmarks and leak checks.
 */
export function coreMemoryBytes() {
  let bytes = 0;
  for (const memory of memories.values()) bytes += memory.buffer.byteLength;
  return bytes;
}

/**
 * Where the wasm files are (the URL of one of them, e.g. sharelock-core.wasm,
 * or of their folder with a trailing slash; every module is looked up
 * there), and the wasm files' expected SRI hashes:
 * {"sharelock-core.wasm": "sha256-…", "sharelock-share.wasm": "sha256-…"}
 * for a build of your own, or '' to check nothing (only for files served
 * from a place you trust). A single hash string is sharelock-core.wasm's.
 * Only useful before the first widget asks for a module.
 * @param {{moduleUrl?: string | URL, wasmIntegrity?: string | Record<string, string>}} options
 */
export function configureCore(options = {}) {
  if (options.moduleUrl) coreUrl = new URL(String(options.moduleUrl), globalThis.location?.href);
  const wanted = options.wasmIntegrity;
  if (wanted === '') integrity = {};
  else if (typeof wanted === 'string') integrity = { ...integrity, 'sharelock-core.wasm': wanted };
  else if (wanted && typeof wanted === 'object') integrity = { ...wanted };
}

/**
 * Pins the files a page imports later (set by the script-tag entry).
 * @param {{files: Record<string, string>, widgets: Record<string, string[]>}} table
 */
export function pinFiles(table) {
  pins = table;
}

/**
 * Fetches a pinned module ahead of its import(), with its hash: the browser
 * keeps the checked module and hands it to the later import() of the same
 * URL (the way a modulepreload link in the page's head works), or refuses
 * it. A file without a pin resolves at once; a refused one rejects.
 * @param {URL} url
 */
function preloadPinned(url) {
  const hash = pins.files[url.pathname.split('/').at(-1)];
  if (!hash || !globalThis.document) return Promise.resolve();
  if (!preloads.has(url.href)) {
    preloads.set(url.href, new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement('link'), { rel: 'modulepreload', href: url.href, integrity: hash });
      link.crossOrigin = 'anonymous';
      link.onload = resolve;
      link.onerror = () => reject(new Error(`${url.href} does not match its integrity hash, or could not be fetched`));
      document.head.append(link);
    }));
  }
  return preloads.get(url.href);
}

/**
 * Before an element's code is imported: its chunks, each checked against
 * its pin (all at once, not one after another). Nothing to do without pins.
 * @param {string} element "sharelock-share", …, or "verified-callback"
 * @param {string | URL} base the URL the chunks are relative to
 */
export function preloadElementCode(element, base) {
  return Promise.all((pins.widgets[element] ?? []).map((file) => preloadPinned(new URL(file, base))));
}

// Fetches the wasm, reading the response's Date header on the way (the
// countdown's clock check).
function fetchWasm(wasmUrl, hash) {
  const sentAt = Date.now();
  // With an integrity the browser refuses bytes of any other build.
  const init = { credentials: 'same-origin', ...(hash ? { integrity: hash } : {}) };
  return fetch(wasmUrl, init).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${wasmUrl.href}`);
    serverClock ??= {
      sentAt,
      receivedAt: Date.now(),
      date: response.headers.get('Date') ?? '',
      age: Number(response.headers.get('Age') ?? 0) || 0,
      url: response.url,
    };
    return response;
  });
}

// `source`: the wasm's Response, or its bytes (Node cannot fetch files).
function instantiate(name, source, imports) {
  return Promise.resolve(source)
    .then((response) => (!(response instanceof Response) ? WebAssembly.instantiate(response, imports)
      // Streaming compiles while downloading, but needs application/wasm.
      : response.headers.get('Content-Type')?.startsWith('application/wasm')
        ? WebAssembly.instantiateStreaming(response, imports)
        : response.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports))))
    .then((result) => {
      memories.set(name, result.instance.exports.memory);
      return result;
    });
}

// What a standalone module (built with -sSTANDALONE_WASM: all of ours)
// imports. Views of its memory are made anew after every allocation
// (core-abi.js), so growth needs no notice; proc_exit only comes from an
// abort, which must stop the call.
const STANDALONE_IMPORTS = {
  env: { emscripten_notify_memory_growth() {} },
  wasi_snapshot_preview1: {
    proc_exit(code) { throw new WebAssembly.RuntimeError(`the core aborted (${code})`); },
  },
};

/**
 * A module's C ABI (wasm/abi/calls.hpp): its four exports and its memory.
 * @param {string} name "sharelock-share", "sharelock-share-exact", "sharelock-verified" or "sharelock-core"
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadAbi(name, options = {}) {
  return loadWasmModule(name, options).then((instance) => ({ exports: instance.exports, memory: memories.get(name) }));
}

/**
 * The calls a module serves through its C ABI as plain-object functions,
 * made once per module (its schema read once) for every wrapper.
 * @param {string} name
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options]
 */
export function loadAbiCalls(name, options = {}) {
  if (!calls.has(name)) calls.set(name, loadAbi(name, options).then(({ exports, memory }) => abiCalls(exports, memory)));
  return calls.get(name);
}

let shareBarModuleName = null;

/**
 * Which module serves this page's share bars, decided once: the share bar's
 * own small one, unless the page also has a widget that needs the main
 * module, which renders share bars too — one download instead of two.
 * (Widgets inside other shadow roots are not seen; such a page may fetch
 * both, and still works.)
 */
export function shareBarModule() {
  // Verified pay has a module of its own (sharelock-verified).
  shareBarModuleName ??= globalThis.document?.querySelector(
    'sharelock-pay:not([mode=verified i]),sharelock-countdown,sharelock-proof')
    ? 'sharelock-core' : 'sharelock-share';
  return shareBarModuleName;
}

/**
 * The module `name`, loaded once: its WebAssembly.Instance, initialised.
 * Rejects with a SharelockError (code "wasm-unavailable") when it cannot be
 * loaded: missing file, a CSP without 'wasm-unsafe-eval', an old browser.
 * Calling it early (before the widget's own code has arrived) starts the
 * download sooner; later calls share it.
 * @param {string} name
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadWasmModule(name, options = {}) {
  if (!loading.has(name)) loading.set(name, load(name, options));
  return loading.get(name);
}

async function load(name, options) {
  const wasmUrl = coreUrl && new URL(`${name}.wasm`, coreUrl);
  try {
    if (!options.wasmBinary && !coreUrl) throw new Error('its address is unknown: call configureCore({ moduleUrl })');
    const wasm = options.wasmBinary ?? fetchWasm(wasmUrl, integrity[`${name}.wasm`] ?? '');
    const { instance } = await instantiate(name, wasm, STANDALONE_IMPORTS);
    instance.exports._initialize();
    return instance;
  } catch (cause) {
    const error = new SharelockError('wasm-unavailable',
      `the Sharelock core (${wasmUrl?.href ?? `${name}.wasm`}) could not be loaded, so widgets show their fallback content: ${cause?.message ?? cause}`
      + ' (its files belong next to the script, or where data-core on the script tag or configureCore({ moduleUrl }) says)');
    // Said once for the page; each widget still fires its own event.
    console.error(`[sharelock] ${error.message}`);
    throw error;
  }
}
