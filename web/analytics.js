// First-party analytics, off by default (issue 8). Once a site owner names
// a collector (`<script … data-collect="/path">` or startAnalytics()), the
// widgets' own DOM events — which fire either way — are counted, batched
// and sent (fetch with keepalive) when the page is hidden. No cookie, no
// identifier that outlives the tab, no personal data: a batch says "on
// this page view, boots was seen twice and shared once on X". The verification
// server validates and aggregates (server/analytics.js, the core's
// analytics.hpp); this file only gathers and sends.
//
// Attribution: while collecting, every shared link carries an unguessable
// `sl_ref` made by the core from this page view's random seed. A visit that
// arrives with one reports it once, and a later track('conversion') in the
// same tab is attributed to that share.

const WIDGETS = 'sharelock-share, sharelock-pay, sharelock-countdown, sharelock-proof';
const MAX_QUEUE = 100; // the server's batch limit
const MAX_BATCH_BYTES = 15_000; // under the server's 16 KiB
const MAX_ITEM_BYTES = 200; // the server drops longer items
const utf8Length = (text) => new TextEncoder().encode(text).length;
const ARRIVED_REF_KEY = 'sharelock:arrived-ref'; // sessionStorage: this tab only
const REF_PATTERN = /^[A-Za-z0-9_-]{11}$/;

let collector = null;

const randomId = (bytes) => {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...buffer)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

/** This page view's seed for share references, or '' while not collecting (page-facts.js passes it to the core). */
export function analyticsSeed() {
  return collector?.seed ?? '';
}

/**
 * Starts sending the widgets' events to `collect`, a URL on the shop's own
 * verification server (`…/v1/collect`). Call it before defineElements() so
 * the first share links already carry their reference. Does nothing without
 * a DOM, when already started, or when the shopper's browser sends Global
 * Privacy Control.
 * @param {{ collect: string | URL }} options
 * @returns {boolean} whether events are now collected
 */
export function startAnalytics({ collect } = {}) {
  const document = globalThis.document;
  if (!document || collector) return Boolean(collector);
  let endpoint = null;
  // new URL(undefined) would quietly become ".../undefined", and "" the page itself.
  if ((typeof collect === 'string' && collect.trim() !== '') || collect instanceof URL) {
    try {
      endpoint = new URL(collect, document.baseURI);
    } catch {
      endpoint = null;
    }
  }
  if (!endpoint || !/^https?:$/.test(endpoint.protocol)) {
    reportCollectorError(document, `"${String(collect)}" is not an http(s) URL; no events are sent`);
    return false;
  }
  if (navigator.globalPrivacyControl === true) return false;
  collector = createCollector(document, endpoint);
  return true;
}

/**
 * The page's own events. Today: track('conversion', { item, value }) when a
 * purchase completes, so the dashboard's funnel can close the loop. Fires
 * `sharelock:conversion` on the document whether or not a collector is set.
 * @returns {boolean} whether the event was accepted
 */
export function track(name, detail = {}) {
  const document = globalThis.document;
  if (!document) return false;
  const item = typeof detail?.item === 'string' ? detail.item : '';
  const value = detail?.value === undefined ? 0 : detail.value;
  if (name !== 'conversion' || item === '' || typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    console.error(`[sharelock] track(${JSON.stringify(String(name))}, …): only track('conversion', { item: 'id', value: 12.5 }) is known; nothing was counted`);
    return false;
  }
  document.dispatchEvent(new CustomEvent('sharelock:conversion', { detail: { item, value } }));
  const ref = arrivedRef();
  collector?.add({ type: 'conversion', item, value, ...(ref ? { ref } : {}) });
  return true;
}

function reportCollectorError(document, message) {
  console.error(`[sharelock] <script> attribute "data-collect": ${message} (invalid-collect-url)`);
  document.dispatchEvent(new CustomEvent('sharelock:error', {
    detail: { code: 'invalid-collect-url', attribute: 'data-collect', message },
  }));
}

function arrivedRef() {
  try {
    return sessionStorage.getItem(ARRIVED_REF_KEY) ?? '';
  } catch {
    return '';
  }
}

// What the dashboard counts a widget's events against: its `item`, else
// the path of the http(s) page it shares (its url, else the page's
// canonical link — what a share bar shares), else of this page. Never a
// query: it may hold personal data.
function itemOf(element, sharedUrl) {
  const own = element.getAttribute?.('item');
  if (own) return own;
  const canonical = document.querySelector('link[rel~="canonical"]')?.href;
  for (const candidate of [sharedUrl, element.getAttribute?.('url'), canonical]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate, document.baseURI);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.pathname;
    } catch {
      // not a URL: fall through to the page
    }
  }
  return location.pathname;
}

function createCollector(document, endpoint) {
  const seed = randomId(16);
  let queue = [];
  let batchId = randomId(16);
  const sharedOnce = new Set(); // "boots x": a shopper sharing twice is one share
  const proofShown = new WeakSet(); // a toast widget shows many; it counts once
  const seen = new WeakSet(); // widgets watched for an impression

  let queuedBytes = 0;
  let unsent = []; // bodies whose request failed: sent again, same batch id

  const add = (event) => {
    if (event.item !== undefined && utf8Length(event.item) > MAX_ITEM_BYTES) return; // the server would drop it
    const bytes = utf8Length(JSON.stringify(event)) + 1;
    if (queue.length >= MAX_QUEUE || queuedBytes + bytes > MAX_BATCH_BYTES) flush();
    queue.push(event);
    queuedBytes += bytes;
  };

  // fetch with keepalive outlives the page like sendBeacon, but can leave
  // the cookies and the page address behind, and always carries an Origin
  // (a no-cors beacon under a strict Referrer-Policy sends "null", which
  // the server must refuse). text/plain: no CORS preflight.
  const send = (body) => fetch(endpoint, {
    method: 'POST', body, keepalive: true, mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
  }).catch(() => {
    // Not sent (offline, or the browser's keepalive budget is spent): send
    // it again with the next batch, same id, so it can never count twice.
    unsent.push(body);
  });

  function flush() {
    const retries = unsent;
    unsent = [];
    for (const body of retries) send(body);
    if (queue.length === 0) return;
    send(JSON.stringify({ v: 1, id: batchId, events: queue }));
    queue = [];
    queuedBytes = 0;
    batchId = randomId(16);
  }

  const counters = {
    'sharelock:share': (element, detail) => {
      const item = itemOf(element, detail?.url);
      const network = String(detail?.network ?? '');
      const key = `${item} ${network}`;
      if (sharedOnce.has(key)) return;
      sharedOnce.add(key);
      let ref = '';
      try {
        ref = new URL(detail.url).searchParams.get('sl_ref') ?? '';
      } catch {
        // no URL: no reference
      }
      add({ type: 'share', item, network, ...(REF_PATTERN.test(ref) ? { ref } : {}) });
    },
    'sharelock:unlock': (element, detail) => add({
      type: 'unlock', item: itemOf(element), mode: String(detail?.mode ?? ''), ...(detail?.network ? { network: String(detail.network) } : {}),
    }),
    // Only a deadline that passed while the page was open is an ending; a
    // page opened after it is not.
    'sharelock:expire': (element, detail) => {
      if (detail?.whileOpen === true) add({ type: 'countdown-ended', item: itemOf(element) });
    },
    'sharelock:proof': (element) => {
      if (proofShown.has(element)) return;
      proofShown.add(element);
      add({ type: 'proof-shown', item: itemOf(element) });
    },
    'sharelock:error': (element, detail) => {
      if (!element.localName?.startsWith('sharelock-')) return; // the page's own, or ours about data-collect
      add({ type: 'error', item: itemOf(element), code: String(detail?.code ?? '') });
    },
  };
  for (const [type, count] of Object.entries(counters)) {
    document.addEventListener(type, (event) => count(event.target, event.detail), { capture: true });
  }

  // Impressions: a widget at least half on screen, once per element. The
  // observer also reports the first sight of any pixel, hence the ratio.
  const visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < 0.5) continue;
      visibility.unobserve(entry.target);
      add({ type: 'impression', item: itemOf(entry.target) });
    }
  }, { threshold: 0.5 });
  const watch = (root) => {
    for (const element of root.querySelectorAll?.(WIDGETS) ?? []) {
      if (seen.has(element)) continue;
      seen.add(element);
      visibility.observe(element);
    }
  };
  watch(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.matches(WIDGETS) && !seen.has(node)) {
          seen.add(node);
          visibility.observe(node);
        }
        watch(node);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  recordArrival(add);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  globalThis.addEventListener('pagehide', flush);
  return { seed, add, flush };
}

// A visit from a shared link: counted once, its reference kept for this
// tab's conversions, and taken out of the address bar so a reload or a
// copied address does not count it again.
function recordArrival(add) {
  const url = new URL(location.href);
  const ref = url.searchParams.get('sl_ref');
  if (ref === null) return;
  url.searchParams.delete('sl_ref');
  history.replaceState(history.state, '', url.href);
  if (!REF_PATTERN.test(ref)) return;
  add({ type: 'visit', ref });
  try {
    sessionStorage.setItem(ARRIVED_REF_KEY, ref);
  } catch {
    // Storage blocked: the visit counts, a later conversion is not attributed.
  }
}
