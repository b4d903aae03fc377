// Sharelock's public entry. Importing it defines the custom elements when a
// DOM is present; in Node or during server-side rendering it touches
// nothing.
export { SharelockError } from './errors.js';
export { configureCore, coreMemoryBytes, loadCore } from './core-client.js';

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
}

defineElements();

// Back from a provider's sign-in (verified unlocks): finish it even on a
// page without a <sharelock-pay>, such as a dedicated redirect page. Other
// pages load nothing for this.
if (/[?&](code|error)=/.test(globalThis.location?.search ?? '')) {
  import('./verified-callback.js').then((callback) => callback.handleCallback());
}
