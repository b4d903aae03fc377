// Small helpers every metric shares: Chromium's launch options, a fresh
// browser per use, timeouts, medians, rounding, debug output.
import { chromium } from '@playwright/test';

// As in shared/TOOLCHAIN.md and playwright.config.js: Debian's Chromium,
// never a downloaded one. The host-resolver rule makes every host name
// other than 127.0.0.1 unresolvable, so no page can reach the internet
// (each metric also records any request that leaves 127.0.0.1).
export const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
};
export const VIEWPORT = { width: 1280, height: 720 };
export const CONTEXT = { viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'no-preference' };

// A fresh browser for every use: a stalled page must not slow the next one
// through the shared (software) display compositor, and no cache survives.
export async function withBrowser(use) {
  const browser = await chromium.launch(LAUNCH);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// A page whose renderer has stalled does not answer until it recovers:
// give up after `ms` and carry on with null (a late answer is dropped).
export function within(ms, promise) {
  let timer;
  return Promise.race([
    promise.catch(() => null),
    new Promise((done) => { timer = setTimeout(() => done(null), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** The p-th percentile of an ascending list (NaN for an empty one). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function median(list) {
  const sorted = list.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (value, digits = 2) => (value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits);

const debugStarted = Date.now();
export function debug(...parts) {
  if (process.env.BENCH_DEBUG) console.log(`   · ${((Date.now() - debugStarted) / 1000).toFixed(1).padStart(6)} s`, ...parts);
}

export const metricsOf = (answer) => Object.fromEntries(answer.metrics.map(({ name, value }) => [name, value]));

/** Requests that leave 127.0.0.1 (they cannot resolve; listed so a report shows them). */
export function watchExternal(page, origin) {
  const external = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && external.length < 20) external.push(url);
  });
  return external;
}
