// The provider's redirect back to the shop (?code=…&state=… or
// ?error=access_denied&state=…), handled once per page load by whichever
// page it lands on: the core checks the state against the record this tab
// kept in sessionStorage, the code goes to the verification server, and
// the outcome waits for the item's widget (on this page, or on the page
// the shopper started from, where the tab then returns).
import { loadVerifiedCore } from './verified-core.js';
import { reportError } from './errors.js';
import { readStored, removeStored, writeStored } from './storage.js';
import { OUTCOME_KEY, requestUnlock } from './verified-server.js';

const STATE_KEY = 'sharelock:oauth';
const OAUTH_PARAMETERS = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss'];

let handling = null;
let settled = false;
// Fresh unlocks of this page view, by item: the content arrives with the
// unlock, so the widget need not ask for it again.
const freshUnlocks = new Map();

/** True when this page's address looks like an OAuth callback for a flow of this tab (the core decides). */
export function looksLikeCallback() {
  const query = globalThis.location?.search ?? '';
  return /[?&](code|error)=/.test(query) && /[?&]state=/.test(query) && readStored(STATE_KEY, 'session') !== null;
}

/** Settles once the callback (if any) has been handled; never rejects. */
export function handleCallback() {
  handling ??= (looksLikeCallback() ? run().catch(() => {}) : Promise.resolve()).finally(() => { settled = true; });
  return handling;
}

/** True while a callback is being handled (the server is posting). */
export function isHandlingCallback() {
  return handling !== null && !settled;
}

export function takeFreshUnlock(item) {
  const fresh = freshUnlocks.get(item);
  freshUnlocks.delete(item);
  return fresh ?? null;
}

// The outcome record keeps of an error what the widget reads back
// (verified-pay.js #takeOutcome): its code and message, as it always has.
function keptError(error) {
  return error ? { code: error.code, message: error.message } : null;
}

async function run() {
  // The code must not stay in the address bar, the history or a shared
  // link, even if the core then fails to load: taken out first.
  const page = location.href;
  const query = location.search;
  const clean = new URL(page);
  for (const name of OAUTH_PARAMETERS) clean.searchParams.delete(name);
  history.replaceState(history.state, '', clean.href);

  const core = await loadVerifiedCore();
  const result = core.acceptVerifiedCallback({ query, page, stored: readStored(STATE_KEY, 'session') ?? '', now: Date.now() });
  if (result.outcome === 'none') {
    history.replaceState(history.state, '', page);  // not ours after all: the shop's own parameters
    return;
  }
  // Consumed before anything else: a second load of the callback is refused.
  if (result.consumedRecord) writeStored(STATE_KEY, result.consumedRecord, 'session');
  else removeStored(STATE_KEY, 'session');

  // A callback this tab cannot tie to an item (its record lost) is said on
  // the document: no widget can claim it.
  if (result.error && !result.item) reportError(document.documentElement, result.error);
  let outcome = { item: result.item ?? '', notice: result.outcome === 'denied' ? 'denied' : 'failed', error: keptError(result.error) };
  if (result.outcome === 'exchange') {
    const answer = await requestUnlock(result.server, result);
    const read = core.readUnlockResponse({ item: result.item, now: Date.now(), ...answer });
    if (read.ok) {
      // Where storage is blocked the unlock still holds for this page view
      // (the content is handed to the widget below), not for later visits.
      writeStored(read.tokenKey, read.tokenRecord);
      freshUnlocks.set(result.item, { content: read.content, network: result.network });
      outcome = { item: result.item, notice: 'unlocked', error: null };
    } else {
      const notice = { 'server-unreachable': 'unreachable', 'post-rejected': 'rejected' }[read.error.code] ?? 'failed';
      outcome = { item: result.item, notice, error: keptError(read.error) };
    }
  }
  writeStored(OUTCOME_KEY, JSON.stringify(outcome), 'session');
  if (result.returnPath && result.returnPath !== `${clean.pathname}${clean.search}`) {
    location.replace(result.returnPath);
    // The outcome is for the page the shopper started from: widgets here
    // keep saying "publishing" until the tab gets there.
    await new Promise(() => {});
  }
}
