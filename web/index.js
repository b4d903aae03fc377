// Sharelock's module entry (npm: `import … from 'sharelock'`). Importing it
// does nothing: no element is defined, no global is read or written, so it
// is safe in Node and during server-side rendering. A page starts
// Sharelock with defineElements(); the script-tag builds (web/auto.js) do
// that for the site owner.
export { SharelockError } from './errors.js';
export { configureCore, coreMemoryBytes, loadCore } from './core-client.js';
export { startAnalytics, track } from './analytics.js';

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
  // Two copies of the script on a page must not throw on the second define.
  const define = (name, load) => {
    if (registry.get(name)) return;
    load().then((element) => {
      if (!registry.get(name)) registry.define(name, element);
    });
  };
  define('sharelock-share', () => import('./share-element.js').then((m) => m.SharelockShare));
  define('sharelock-pay', () => import('./pay-element.js').then((m) => m.SharelockPay));
  define('sharelock-countdown', () => import('./countdown-element.js').then((m) => m.SharelockCountdown));
  define('sharelock-proof', () => import('./proof-element.js').then((m) => m.SharelockProof));

  // Back from a provider's sign-in (verified unlocks): finish it even on a
  // page without a <sharelock-pay>, such as a dedicated redirect page. Other
  // pages load nothing for this.
  if (/[?&](code|error)=/.test(globalThis.location?.search ?? '')) {
    import('./verified-callback.js').then((callback) => callback.handleCallback());
  }
}
