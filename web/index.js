// Sharelock's module entry (npm: `import … from 'sharelock'`). Importing it
// does nothing: no element is defined, no global is read or written, so it
// is safe in Node and during server-side rendering. A page starts
// Sharelock with defineElements(); the script-tag builds (web/auto.js) do
// that for the site owner.
import { preloadElementCode } from './wasm-loader.js';
import { defineWidgetElements } from './widget-element.js';

export { SharelockError } from './errors.js';
export { configureCore, coreMemoryBytes } from './wasm-loader.js';
export { startAnalytics, track } from './analytics.js';

/**
 * The main core's calls, loaded once (see core-client.js). Its wrapper code
 * is fetched (and, in the script-tag build, checked against its pinned hash)
 * on the first call: a page of share bars never needs it.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options]
 */
export function loadCore(options) {
  return preloadElementCode('core-client', import.meta.url ?? '')
    .then(() => import('./core-client.js'))
    .then((client) => client.loadCore(options));
}

/**
 * Defines <sharelock-share>, <sharelock-pay>, <sharelock-countdown> and
 * <sharelock-proof>, and finishes a verified unlock if this page is the
 * provider's redirect back. Safe to call more than once, and where there is
 * no DOM (it then does nothing). Call configureCore() first if the core's
 * files are not next to this module.
 */
export function defineElements() {
  const registry = globalThis.customElements;
  if (!registry) return;
  // Each element's code arrives on first use (widget-element.js).
  defineWidgetElements(registry);

  // Back from a provider's sign-in (verified unlocks): finish it even on a
  // page without a <sharelock-pay>, such as a dedicated redirect page. Other
  // pages load nothing for this.
  if (/[?&](code|error)=/.test(globalThis.location?.search ?? '')) {
    preloadElementCode('verified-callback', import.meta.url ?? '')
      .then(() => import('./verified-callback.js'))
      .then((callback) => callback.handleCallback());
  }
}
