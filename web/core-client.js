// Loads the wasm core once per page, lazily, and wraps its raw string
// bindings in functions that take and return plain objects. Every widget
// shares the one instance.
import { SharelockError } from './errors.js';

// Next to this file by default. The IIFE build has no import.meta (esbuild
// leaves it empty), so there the script-tag entry (web/auto.js) sets it from
// document.currentScript before any widget asks.
let moduleUrl = import.meta.url ? new URL('./sharelock-core.mjs', import.meta.url) : null;
// The wasm's sha384, fixed when the shim is built (scripts/build-shim.mjs),
// so the bytes are checked even where no <script integrity> can reach them.
// Empty in an unbundled web/ (tests in Node).
let wasmIntegrity = typeof __SHARELOCK_WASM_INTEGRITY__ === 'string' ? __SHARELOCK_WASM_INTEGRITY__ : '';
let corePromise = null;
// The server's clock as seen on the wasm response, for countdowns to correct
// a wrong device clock: {sentAt, receivedAt, date}.
let serverClock = null;
// The instance's linear memory, for diagnostics (benchmarks, leak tests).
let coreMemory = null;

/**
 * The HTTP Date (and Age) of the wasm response, with when it was asked for
 * and arrived; null when it came from the browser's cache, whose Date is
 * that of the first download (Resource Timing: no bytes transferred).
 */
export function serverClockSample() {
  if (!serverClock) return null;
  const timing = globalThis.performance?.getEntriesByName?.(serverClock.url).at(-1);
  if (timing && timing.transferSize === 0 && timing.decodedBodySize > 0) return null;
  return serverClock;
}

/**
 * Bytes of linear memory the wasm core holds (it only grows), or 0 before
 * the core is loaded. For benchmarks and leak checks.
 */
export function coreMemoryBytes() {
  return coreMemory?.buffer.byteLength ?? 0;
}

/**
 * Where the wasm glue lives (its .wasm is looked up next to it), and the
 * wasm's expected SRI hash ('' checks nothing: only for a core of another
 * build, served from a place you trust). Only useful before the first
 * widget asks for the core.
 * @param {{moduleUrl?: string | URL, wasmIntegrity?: string}} options
 */
export function configureCore(options = {}) {
  if (options.moduleUrl) moduleUrl = new URL(String(options.moduleUrl), globalThis.location?.href);
  if (typeof options.wasmIntegrity === 'string') wasmIntegrity = options.wasmIntegrity;
}

// Strings go to the core well-formed and in NFC, which the post-length
// rules assume (see core/include/sharelock/post_length.hpp).
function clean(value) {
  if (typeof value !== 'string') return value;
  return (value.toWellFormed?.() ?? value).normalize('NFC');
}

function cleanDeep(value) {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)]));
  }
  return value;
}

function wrap(raw) {
  // The core answers errors as values; only a trap (out of memory, a bug)
  // could throw, and that too becomes a value instead of an exception.
  const call = (name, request) => {
    try {
      return JSON.parse(raw[name](JSON.stringify(cleanDeep(request))));
    } catch (error) {
      return {
        fatal: true,
        errors: [{ code: 'internal-error', attribute: '', message: `the core failed: ${error?.message ?? error}` }],
      };
    }
  };
  return {
    unicodeVersion: () => raw.unicodeVersion(),
    /** @returns {{lang: string, label: string, buttons: object[], messages: object, errors: object[], fatal: boolean}} */
    renderShareBar: (request) => call('renderShareBar', request),
    /** @returns {{ok: true, host: string} | {ok: false, message: string}} */
    checkMastodonHost: (request) => call('checkMastodonHost', request),
    /** @returns {{fatal: boolean, errors: object[], item?: string, lang?: string, keys?: {unlock: string, snooze: string, pending: string}}} */
    describePay: (request) => call('describePay', request),
    /** @returns {{fatal: boolean, errors: object[], state?: object, effects?: object[], view?: object}} */
    stepPay: (request) => call('stepPay', request),
    planCountdown: (request) => call('planCountdown', request),
    /** Every second per visible countdown: plain numbers in, so no JSON on the way in. */
    countdownView: (endsAt, opensAt, now, lang, format) =>
      JSON.parse(raw.countdownView(endsAt, opensAt ?? Number.NaN, now, lang, format)),
    stockFromFeed: (request) => call('stockFromFeed', request),
    clockSkew: (request) => call('clockSkew', request),
    /** @returns {{fatal: boolean, errors: object[], need?: {fetch: string, credentials: RequestCredentials, attribute: string}, kind?: string, show?: boolean}} */
    describeProof: (request) => call('describeProof', request),
    /** @returns {{text: string, expired: boolean}} */
    proofToastText: (request) => call('proofToastText', request),
    /** @returns {{allow: boolean, store: string}} */
    proofToastGate: (request) => call('proofToastGate', request),
    // <sharelock-pay mode="verified"> (schemas in core/include/sharelock/verified_pay.hpp)
    describeVerified: (request) => call('describeVerified', request),
    checkVerifiedPost: (request) => call('checkVerifiedPost', request),
    beginVerified: (request) => call('beginVerified', request),
    acceptVerifiedCallback: (request) => call('acceptVerifiedCallback', request),
    readUnlockResponse: (request) => call('readUnlockResponse', request),
  };
}

// Fetches the wasm ourselves, to read the response's Date header on the way
// (Emscripten's own loader does not expose it). Started together with the
// glue's import, not after it: on a slow connection the two downloads
// overlap instead of queueing.
function fetchWasm() {
  const wasmUrl = new URL('sharelock-core.wasm', moduleUrl);
  const sentAt = Date.now();
  // With an integrity the browser refuses bytes of any other build.
  const init = { credentials: 'same-origin', ...(wasmIntegrity ? { integrity: wasmIntegrity } : {}) };
  return fetch(wasmUrl, init).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${wasmUrl.href}`);
    serverClock = {
      sentAt,
      receivedAt: Date.now(),
      date: response.headers.get('Date') ?? '',
      age: Number(response.headers.get('Age') ?? 0) || 0,
      url: response.url,
    };
    return response;
  });
}

function instantiate(wasmResponse, imports, receive, failed) {
  wasmResponse
    .then((response) => (response.headers.get('Content-Type')?.startsWith('application/wasm')
      // Streaming compiles while downloading, but needs application/wasm.
      ? WebAssembly.instantiateStreaming(response, imports)
      : response.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports))))
    .then(({ instance, module }) => {
      // Export names are minified: find the memory by its type.
      coreMemory = Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory) ?? null;
      receive(instance, module);
    }, failed);
  return {};
}

/**
 * The shared core. Rejects with a SharelockError (code "wasm-unavailable")
 * when the module cannot be loaded: missing file, a CSP without
 * 'wasm-unsafe-eval', an old browser.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] for Node, which cannot fetch file URLs
 */
export function loadCore(options = {}) {
  corePromise ??= (async () => {
    // Emscripten reports through print/printErr; collect them into the one
    // error we raise instead of letting them spill onto the console.
    const notes = [];
    const wasmResponse = options.wasmBinary || !moduleUrl ? null : fetchWasm();
    // If the glue fails first, its error is the one reported.
    wasmResponse?.catch(() => {});
    try {
      if (!moduleUrl) throw new Error('its address is unknown: call configureCore({ moduleUrl })');
      const { default: createSharelockCore } = await import(/* @vite-ignore */ moduleUrl.href);
      let failed;
      const failure = new Promise((_, reject) => { failed = reject; });
      const raw = await Promise.race([createSharelockCore({
        locateFile: (file) => new URL(file, moduleUrl).href,
        print: () => {},
        printErr: (text) => notes.push(text),
        ...(options.wasmBinary
          ? { wasmBinary: options.wasmBinary }
          : { instantiateWasm: (imports, receive) => instantiate(wasmResponse, imports, receive, failed) }),
      }), failure]);
      return wrap(raw);
    } catch (cause) {
      const detail = [String(cause?.message ?? cause), ...notes].filter(Boolean).join(' — ');
      const error = new SharelockError('wasm-unavailable',
        `the Sharelock core (${moduleUrl?.href ?? 'sharelock-core.mjs'}) could not be loaded, so widgets show their fallback content: ${detail}`
        + ' (its two files belong next to the script, or where data-core on the script tag or configureCore({ moduleUrl }) says)');
      // Said once for the page; each widget still fires its own event.
      console.error(`[sharelock] ${error.message}`);
      throw error;
    }
  })();
  return corePromise;
}
