// Opens one generated page of widgets in a fresh context with the probe
// injected (bench/probe.mjs) and waits until every widget is usable.
// Used by the render, memory, throttled and size metrics.
import { CONTEXT, watchExternal } from './common.mjs';
import { LIBRARIES } from './peers.mjs';
import { probe } from './probe.mjs';

export const pageUrl = (origin, { lib, widget, n }) => `${origin}/bench/page.html?lib=${lib}&widget=${widget}&n=${n}`;

/**
 * @param {import('@playwright/test').Browser} browser
 * @param {{lib: string, widget: string, n: number, network?: object, timeoutMs?: number, beforeNavigation?: Function}} options
 *   network: CDP Network.emulateNetworkConditions parameters (the cache is then disabled too)
 * @returns the page, its CDP session and context, and the probe's marks
 *   (null fields when the widgets did not become usable in time)
 */
export async function openWidgets(browser, origin, { lib, widget, n, network = null, timeoutMs = 60_000, beforeNavigation = null }) {
  const setup = LIBRARIES[lib].widgets[widget];
  const count = n * (setup.itemsPerWidget ?? 1);
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error' && errors.length < 10) errors.push(message.text()); });
  const external = watchExternal(page, origin);
  const cdp = await context.newCDPSession(page);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
  }
  await page.addInitScript(probe, { ...setup.probe, count });
  if (beforeNavigation) await beforeNavigation(page, cdp);
  const started = Date.now();
  await page.goto(pageUrl(origin, { lib, widget, n }), { waitUntil: 'commit', timeout: timeoutMs });
  const done = await page.waitForFunction(() => window.__bench?.usable !== null, null, { polling: 200, timeout: timeoutMs })
    .then(() => true, () => false);
  const marks = await page.evaluate(() => ({
    ...window.__bench,
    firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
  })).catch(() => null);
  const close = () => context.close();
  return { page, cdp, context, close, marks, done, errors, external, wallMs: Date.now() - started };
}
