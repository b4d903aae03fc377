// The shopper's Mastodon server, shared by every widget on the page (share
// bars, intent and verified pay): read from storage once per page rather
// than once per render, read again when another tab changes it, and kept in
// memory for the page view where storage is blocked.
import { readStored, writeStored } from './storage.js';

export const MASTODON_KEY = 'sharelock:mastodon-host';
// Tells every widget on the page that the shopper picked a server.
export const HOST_CHANGED = 'sharelock:mastodon-host-changed';

let memoryHost = '';
let storedHost;  // undefined until read, and again after another tab changes it

export function mastodonHost() {
  if (storedHost === undefined) storedHost = readStored(MASTODON_KEY);
  return storedHost ?? memoryHost;
}

/** Remembers a server the core has checked, and tells the page's widgets. */
export function rememberMastodonHost(host) {
  memoryHost = host;
  storedHost = writeStored(MASTODON_KEY, host) ? host : null;
  window.dispatchEvent(new Event(HOST_CHANGED));
}

globalThis.addEventListener?.('storage', (event) => {
  if (event.key === MASTODON_KEY || event.key === null) storedHost = undefined;
});
