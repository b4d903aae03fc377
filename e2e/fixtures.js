// Shared helpers for the browser tests.
//
// Test pages are never written to demo/: each test builds its own small
// page and serves it from http://127.0.0.1:<port>/__test__/<name>.html with
// page.route, under the same strict Content-Security-Policy the demo server
// sends (unless a test changes it on purpose). The pages load the real,
// built shim from /dist/, served by scripts/serve.mjs.
//
// Nothing leaves the machine: every request to a host other than 127.0.0.1
// (a share popup to x.com, an image on a CDN, …) is answered here with a
// stub page and recorded, so tests can assert the exact URL of a popup and
// that nothing was requested before a click.
import { test as base, expect } from '@playwright/test';
import { STRICT_CSP } from '../scripts/serve.mjs';

export { expect, STRICT_CSP };

export const PORT = Number(process.env.E2E_PORT ?? 8765);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

const STUB_PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>stub</title></head><body>stub</body></html>';

// Runs in every page before its own scripts: records what the widgets
// report, so tests can read it with page.evaluate.
function instrument() {
  const log = { shares: [], errors: [], opened: [], violations: [] };
  Object.defineProperty(window, '__e2e', { value: log });
  const describe = (node) => (node && node.id) || (node && node.localName) || '';
  window.addEventListener('sharelock:share', (event) => {
    log.shares.push({ network: event.detail?.network, url: event.detail?.url, target: describe(event.target) });
  });
  window.addEventListener('sharelock:error', (event) => {
    log.errors.push({ code: event.detail?.code, attribute: event.detail?.attribute, target: describe(event.target) });
  });
  document.addEventListener('securitypolicyviolation', (event) => {
    log.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
  });
  // A spy only: every call still reaches the real window.open.
  const realOpen = window.open;
  window.open = function open(...args) {
    log.opened.push(String(args[0]));
    return realOpen.apply(this, args);
  };
}

export const test = base.extend({
  // Every request to another host, in order, as full URLs.
  external: [async ({ context }, use) => {
    const requests = [];
    context.on('request', (request) => {
      const { protocol, hostname } = new URL(request.url());
      if ((protocol === 'http:' || protocol === 'https:') && hostname !== '127.0.0.1') requests.push(request.url());
    });
    await context.route((url) => url.hostname !== '127.0.0.1', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: STUB_PAGE }));
    await use(requests);
  }, { auto: true }],

  // console.error texts of the test's page, in order.
  consoleErrors: [async ({ page }, use) => {
    const errors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript(instrument);
    await use(errors);
  }, { auto: true }],
});

/**
 * A test page. `body` goes into <body>; the shim is loaded from /dist/.
 * @param {{lang?: string, title?: string, head?: string, body: string, script?: boolean}} options
 */
export function testPage({ lang = 'en', title = 'Sharelock test page', head = '', body, script = true }) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
${script ? '<script type="module" src="/dist/sharelock.js"></script>' : ''}
</head>
<body>
${body}
</body>
</html>`;
}

/**
 * Serves `html` at /__test__/<name>.html (any query string) and opens it.
 * `files` serves more same-origin files under /__test__/, e.g. a page's own
 * script (inline scripts are forbidden by the CSP).
 * @param {import('@playwright/test').Page} page
 * @param {{name: string, html: string, csp?: string, query?: string, files?: Record<string, {body: string, contentType: string}>}} options
 */
export async function openTestPage(page, { name, html, csp = STRICT_CSP, query = '', files = {} }) {
  const path = `/__test__/${name}.html`;
  await page.route((url) => url.origin === ORIGIN && url.pathname === path, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: { 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' },
      body: html,
    }));
  for (const [file, { body, contentType }] of Object.entries(files)) {
    await page.route((url) => url.origin === ORIGIN && url.pathname === `/__test__/${file}`, (route) =>
      route.fulfill({ status: 200, contentType, headers: { 'Content-Security-Policy': csp }, body }));
  }
  await page.goto(`${ORIGIN}${path}${query}`);
}

/** What the page recorded: share events, error events, window.open calls, CSP violations. */
export function recorded(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__e2e)));
}

/** The button (or link) for `network`, inside the share bar matched by `host`. */
export function shareButton(page, network, host = 'sharelock-share') {
  return page.locator(`${host} [data-network="${network}"]`);
}

/**
 * Clicks `target` with the mouse (or runs `action`) and returns the popup
 * it opened, once the popup has loaded.
 */
export async function clickForPopup(page, target) {
  const popupPromise = page.waitForEvent('popup');
  if (typeof target === 'function') await target();
  else await target.click();
  const popup = await popupPromise;
  await popup.waitForLoadState('domcontentloaded');
  return popup;
}

/** Attribute values go into test pages literally; escape what HTML would read. */
export function attr(value) {
  return String(value).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Pauses the page's clock (Playwright's) at `now`, before the page opens:
 * its Date, timers and animation frames then move only with runFor and
 * fastForward (also across reloads), so however slow the machine is between
 * two steps of a test, none of it counts as time on the page. install()
 * lets the fake clock run with real time until pauseAt() stops it, hence
 * the minute before.
 * @param {import('@playwright/test').Page} page
 * @param {number} [now] ms since the epoch
 */
export async function pauseClockAt(page, now = Date.now()) {
  await page.clock.install({ time: now - 60_000 });
  await page.clock.pauseAt(now);
}

// ── <sharelock-pay> helpers ────────────────────────────────────────────────

/**
 * The markup of one <sharelock-pay>: `attributes` (escaped), the locked
 * `template` content (omit with template: null) and the `fallback` shown
 * when the widget cannot run.
 * @param {Record<string, string>} attributes
 * @param {{template?: string | null, fallback?: string}} [options]
 */
export function payMarkup(attributes, { template = '<p>Secret content</p>', fallback = '' } = {}) {
  const list = Object.entries(attributes).map(([k, v]) => `${k}="${attr(v)}"`).join(' ');
  const locked = template === null ? '' : `<template>${template}</template>`;
  return `<sharelock-pay ${list}>${locked}${fallback}</sharelock-pay>`;
}

/** A part of a pay widget's shadow tree: "button", "dismiss", "cancel", "expand", "notice", "hint", "status"… */
export function payPart(page, part, host = 'sharelock-pay') {
  return page.locator(`${host} [part="${part}"]`);
}

/**
 * Records sharelock:unlock and sharelock:cancel (details and the target's
 * id) in every document of `page`; read them with payEvents(page).
 * @param {import('@playwright/test').Page} page
 */
export async function recordPayEvents(page) {
  await page.addInitScript(() => {
    const log = { unlocks: [], cancels: [] };
    Object.defineProperty(window, '__e2ePay', { value: log });
    const keep = (list) => (event) => {
      const { error, ...detail } = event.detail ?? {};
      list.push({ ...detail, target: event.target?.id ?? '' });
    };
    window.addEventListener('sharelock:unlock', keep(log.unlocks));
    window.addEventListener('sharelock:cancel', keep(log.cancels));
  });
}

/** What recordPayEvents() saw in the current document. */
export function payEvents(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__e2ePay)));
}

// ── <sharelock-countdown> helpers ──────────────────────────────────────────

/**
 * The markup of one <sharelock-countdown>: `attributes` (escaped) and the
 * `fallback` shown when the widget cannot run.
 * @param {Record<string, string>} attributes
 * @param {{fallback?: string}} [options]
 */
export function countdownMarkup(attributes, { fallback = '' } = {}) {
  const list = Object.entries(attributes).map(([k, v]) => (v === '' ? k : `${k}="${attr(v)}"`)).join(' ');
  return `<sharelock-countdown ${list}>${fallback}</sharelock-countdown>`;
}

/** A part of a countdown's shadow tree: "timer", "prefix", "stock", "ended", "status"… */
export function countdownPart(page, part, host = 'sharelock-countdown') {
  return page.locator(`${host} [part="${part}"]`);
}

/** The box of one unit ("days", "hours", "minutes", "seconds"), holding its value and label. */
export function countdownUnit(page, unit, host = 'sharelock-countdown') {
  return page.locator(`${host} [part="unit"][data-unit="${unit}"]`);
}

/**
 * Serves the wasm modules with an HTTP Date header of our choosing, so the
 * countdowns' clock-skew rule sees a server clock that matches (or, on
 * purpose, does not match) the page's fake clock. `date` in ms since the
 * epoch, or a function giving it at each request; null leaves the header
 * out (no correction possible). Without this the real server's Date (the
 * machine's clock) would be compared with the test's fake one. `extra`
 * headers are added (e.g. an Age from a shared cache). Returns the Date
 * headers sent, in order.
 * @param {import('@playwright/test').Page} page
 * @param {number | null | (() => number | null)} date
 * @param {Record<string, string>} [extra]
 */
export async function serveWasmWithDate(page, date, extra = {}) {
  const served = [];
  // Every module's: a countdown reads the first wasm response's Date, and on
  // a page with verified pay that may be sharelock-verified.wasm's.
  await page.route((url) => url.origin === ORIGIN && /^\/dist\/sharelock-[a-z-]+\.wasm$/.test(url.pathname), async (route) => {
    const response = await route.fetch();
    const headers = Object.fromEntries(Object.entries(response.headers()).filter(([name]) => name.toLowerCase() !== 'date'));
    const value = typeof date === 'function' ? date() : date;
    if (value !== null) headers.date = new Date(value).toUTCString();
    Object.assign(headers, extra);
    served.push(headers.date ?? null);
    await route.fulfill({ response, headers, body: await response.body() });
  });
  return served;
}

/**
 * Records sharelock:expire (details and the target's id) in every document
 * of `page`; read them with countdownEvents(page).
 * @param {import('@playwright/test').Page} page
 */
export async function recordCountdownEvents(page) {
  await page.addInitScript(() => {
    const log = { expires: [] };
    Object.defineProperty(window, '__e2eCountdown', { value: log });
    window.addEventListener('sharelock:expire', (event) => {
      log.expires.push({ ...event.detail, target: event.target?.id ?? '' });
    });
  });
}

/** What recordCountdownEvents() saw in the current document. */
export function countdownEvents(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__e2eCountdown)));
}

/**
 * Opens a test page of countdowns at a fixed, paused "now" (Playwright's
 * clock; time moves only with runFor/fastForward and survives reloads),
 * with sharelock:expire recorded and the wasm served without a Date header
 * (so the device clock is used as it is), or with `serverDate` and
 * `wasmHeaders` (see serveWasmWithDate).
 * @param {import('@playwright/test').Page} page
 * @param {{name: string, now: number, body: string, lang?: string, head?: string,
 *   files?: Record<string, {body: string, contentType: string}>,
 *   serverDate?: number | null | (() => number | null), wasmHeaders?: Record<string, string>}} options
 */
export async function openCountdownPage(page, {
  name, now, body, lang = 'en', head = '', files = {}, serverDate = null, wasmHeaders = {},
}) {
  await pauseClockAt(page, now);
  await recordCountdownEvents(page);
  const served = await serveWasmWithDate(page, serverDate, wasmHeaders);
  await openTestPage(page, { name, html: testPage({ lang, head, body }), files });
  return served;
}

/**
 * What a countdown shows, as one line: the prefix, then each unit's value
 * and label ("Ends in 1 day 02 hours 03 minutes 04 seconds"), or the compact
 * timer's text ("Ends in 2d 03:04:05"); its ended message once ended; ''
 * before it has drawn.
 */
export function countdownReading(page, host = 'sharelock-countdown') {
  return page.locator(host).evaluate((element) => {
    const root = element.shadowRoot;
    const ended = root.querySelector('[part="ended"]');
    if (ended) return `[ended] ${ended.textContent}`;
    const timer = root.querySelector('[part="timer"]');
    if (!timer) return '';
    const units = [...timer.querySelectorAll('[part="unit"]')].map((unit) => {
      const value = unit.querySelector('[part="value"]').textContent;
      const label = unit.querySelector('[part="label"]').textContent;
      return `${value} ${label}`;
    });
    const prefix = root.querySelector('[part="prefix"]')?.textContent ?? '';
    return `${prefix} ${units.length ? units.join(' ') : timer.textContent}`;
  });
}

/**
 * Starts recording the DOM writes (characterData and childList mutations)
 * in each listed countdown's shadow tree, each with the `part` it landed in
 * ("value", "label", "status"…); read and reset them with
 * takeShadowWrites(page).
 * @param {import('@playwright/test').Page} page
 * @param {string[]} selectors
 */
export async function watchShadowWrites(page, selectors) {
  await page.evaluate((list) => {
    const writes = {};
    window.__e2eWrites = writes;
    for (const selector of list) {
      writes[selector] = [];
      const element = document.querySelector(selector);
      new MutationObserver((records) => {
        for (const record of records) {
          const target = record.type === 'characterData' ? record.target.parentElement : record.target;
          const part = target?.closest?.('[part]')?.getAttribute('part') ?? '';
          writes[selector].push(record.type === 'characterData'
            ? { type: 'characterData', part, text: record.target.data }
            : { type: 'childList', part, added: [...record.addedNodes].map((node) => node.textContent) });
        }
      }).observe(element.shadowRoot, { subtree: true, characterData: true, childList: true });
    }
  }, selectors);
}

/** The writes seen since watchShadowWrites (or the last call), by selector; clears them. */
export function takeShadowWrites(page) {
  return page.evaluate(() => {
    const taken = JSON.parse(JSON.stringify(window.__e2eWrites));
    for (const key of Object.keys(window.__e2eWrites)) window.__e2eWrites[key].length = 0;
    return taken;
  });
}

/** Resolves once the page has rendered and delivered intersection observations. */
export function settleIntersections(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body);
  }));
}

// ── <sharelock-proof> helpers ──────────────────────────────────────────────

/**
 * The markup of one <sharelock-proof>: `attributes` (escaped; '' gives a
 * bare attribute).
 * @param {Record<string, string>} attributes
 */
export function proofMarkup(attributes) {
  const list = Object.entries(attributes).map(([k, v]) => (v === '' ? k : `${k}="${attr(v)}"`)).join(' ');
  return `<sharelock-proof ${list}></sharelock-proof>`;
}

/** A part of a proof widget's shadow tree: "badge", "text", "toast", "toast-text", "dismiss", "status". */
export function proofPart(page, part, host = 'sharelock-proof') {
  return page.locator(`${host} [part="${part}"]`);
}

/** A feed document served as a file of openTestPage's `files`. */
export function jsonFile(value) {
  return { body: typeof value === 'string' ? value : JSON.stringify(value), contentType: 'application/json' };
}

/**
 * Records sharelock:proof (details and the target's id) in every document
 * of `page`; read them with proofEvents(page).
 * @param {import('@playwright/test').Page} page
 */
export async function recordProofEvents(page) {
  await page.addInitScript(() => {
    const log = [];
    Object.defineProperty(window, '__e2eProof', { value: log });
    window.addEventListener('sharelock:proof', (event) => {
      log.push({ ...event.detail, target: event.target?.id ?? '' });
    });
  });
}

/** The sharelock:proof events recordProofEvents() saw in the current document. */
export function proofEvents(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__e2eProof)));
}

/**
 * The number of nodes in a proof widget's shadow root (0: it shows nothing)
 * and the height of its box.
 */
export function proofFootprint(page, host = 'sharelock-proof') {
  return page.locator(host).evaluate((element) => ({
    nodes: element.shadowRoot.childNodes.length,
    height: element.getBoundingClientRect().height,
  }));
}

/**
 * Opens a test page of proof widgets at a fixed, paused "now" (Playwright's
 * clock; time moves only with runFor/fastForward and survives reloads),
 * with sharelock:proof recorded and the wasm served without a Date header
 * (so the device clock, the fake one, is used as it is).
 * @param {import('@playwright/test').Page} page
 * @param {{name: string, now: number, body: string, lang?: string, head?: string, csp?: string,
 *   files?: Record<string, {body: string, contentType: string}>}} options
 */
export async function openProofPage(page, { name, now, body, lang = 'en', head = '', csp = STRICT_CSP, files = {} }) {
  await pauseClockAt(page, now);
  await recordProofEvents(page);
  await serveWasmWithDate(page, null);
  await openTestPage(page, { name, html: testPage({ lang, head, body }), csp, files });
}

/** Pretends the tab was hidden or shown, as the browser would say it. */
export function setTabHidden(page, hidden) {
  return page.evaluate((isHidden) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (isHidden ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
