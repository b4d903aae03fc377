// Type-checked with `tsc --noEmit` against the installed package's types.
import { SharelockError, configureCore, defineElements, loadCore, startAnalytics, track } from 'sharelock';
import type { ShareEventDetail } from 'sharelock';

configureCore({ moduleUrl: new URL('https://cdn.example/sharelock-core.wasm'), wasmIntegrity: '' });
defineElements();

// The tag maps: createElement and querySelector know the elements.
const bar = document.createElement('sharelock-share');
bar.setAttribute('networks', 'x,copy');
const pay: HTMLElement | null = document.querySelector('sharelock-pay');

// The event maps: details are typed on the element, document and window.
bar.addEventListener('sharelock:share', (event) => {
  const detail: ShareEventDetail = event.detail;
  const network: string = detail.network;
  // @ts-expect-error a share event has no `item`
  console.log(network, detail.item);
});
document.addEventListener('sharelock:unlock', (event) => {
  const mode: 'intent' | 'verified' = event.detail.mode;
  console.log(mode, event.detail.item);
});
window.addEventListener('sharelock:expire', (event) => console.log(event.detail.endsAt.toFixed(0), event.detail.action));
pay?.addEventListener('sharelock:error', (event) => {
  const error: SharelockError = event.detail.error;
  console.log(error.code, error.attribute, event.detail.code);
});
document.addEventListener('sharelock:proof', (event) => console.log(event.detail.kind, event.detail.text));
document.addEventListener('sharelock:cancel', (event) => console.log(event.detail.reason));

const collecting: boolean = startAnalytics({ collect: '/verify/v1/collect' });
track('conversion', { item: 'playbook', value: 9 });
// @ts-expect-error only 'conversion' is a known event name
track('purchase', { item: 'playbook' });
document.addEventListener('sharelock:conversion', (event) => console.log(collecting, event.detail.item, event.detail.value.toFixed(2)));

loadCore().catch((error: unknown) => {
  if (error instanceof SharelockError) console.log(error.code);
});
// @ts-expect-error configureCore takes an options object
configureCore('sharelock-core.mjs');
