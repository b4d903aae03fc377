// The first-party collector in the page (web/analytics.js), against a
// stand-in endpoint that records each beacon: off by default, nothing sent
// while the page is on screen, one batch when it is hidden, shares counted
// once with their reference, arrivals from a shared link, conversions,
// Global Privacy Control, a refused beacon kept for later, and a bad
// data-collect reported without breaking the page.
import {
  ORIGIN, attr, countdownReading, expect, openTestPage, pauseClockAt, recorded, serveWasmWithDate, setTabHidden,
  settleIntersections, shareButton, test, testPage,
} from './fixtures.js';
import { fetchStates, watchFetches } from './watch-fetches.js';

const COLLECT = '/__collect__';
const NOW = Date.parse('2026-11-30T12:00:00Z');

/** Records every request to the stand-in collector: method, headers, parsed body. */
async function recordBeacons(page) {
  const beacons = [];
  await page.route(`${ORIGIN}${COLLECT}`, async (route) => {
    const request = route.request();
    beacons.push({ method: request.method(), headers: await request.allHeaders(), body: JSON.parse(request.postData() ?? 'null') });
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{"recorded":true}' });
  });
  return beacons;
}

function collectorPage({ collect = COLLECT, body = '', head = '' } = {}) {
  const tag = collect === null
    ? '<script type="module" src="/dist/sharelock.js"></script>'
    : `<script type="module" src="/dist/sharelock.js" data-collect="${attr(collect)}"></script>`;
  return testPage({
    script: false,
    head: `${head}${tag}`,
    body: body || `<main><h1>Boots</h1>
<sharelock-share id="bar" item="boots" networks="x,facebook,copy" url="https://shop.example/boots"></sharelock-share></main>`,
  });
}

async function sharedUrlOf(page, network) {
  const href = await shareButton(page, network).getAttribute('href');
  const outer = new URL(href);
  return new URL(outer.searchParams.get('url') ?? outer.searchParams.get('u'));
}

test('off by default: links carry no reference, nothing is sent, the DOM events still fire', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await watchFetches(page, COLLECT);
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await openTestPage(page, { name: 'collector-off', html: collectorPage({ collect: null }) });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /x\.com/);
  expect((await sharedUrlOf(page, 'x')).searchParams.has('sl_ref')).toBe(false);
  await page.evaluate(() => document.querySelector('#bar').shadowRoot.querySelector('[data-network="x"]').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
  await expect.poll(async () => (await recorded(page)).shares.length).toBe(1);
  await setTabHidden(page, true);
  expect(await fetchStates(page)).toEqual([]); // a collector would have sent by now, synchronously
  await page.goto('about:blank');
  expect(beacons).toEqual([]);
  expect(requests.filter((url) => url.includes(COLLECT))).toEqual([]);
});

test('on: each network\'s link gets its own reference; one batch leaves when the page is hidden, none before', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await watchFetches(page, COLLECT);
  await openTestPage(page, { name: 'collector-on', html: collectorPage() });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /sl_ref/);
  const refX = (await sharedUrlOf(page, 'x')).searchParams.get('sl_ref');
  const refFacebook = (await sharedUrlOf(page, 'facebook')).searchParams.get('sl_ref');
  expect(refX).toMatch(/^[A-Za-z0-9_-]{11}$/);
  expect(refFacebook).toMatch(/^[A-Za-z0-9_-]{11}$/);
  expect(refX).not.toBe(refFacebook);

  // Share on X twice (the shopper came back and clicked again): one share.
  for (let i = 0; i < 2; i += 1) {
    const popup = page.waitForEvent('popup');
    await shareButton(page, 'x').click();
    await (await popup).close();
  }
  // Both shares reached the window's listener, which runs after the
  // collector's (on the document, capturing): nothing was sent for them.
  await expect.poll(async () => (await recorded(page)).shares.length).toBe(2);
  expect(await fetchStates(page)).toEqual([]); // nothing while the page is on screen
  expect(beacons).toEqual([]);

  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(1);
  const [beacon] = beacons;
  expect(beacon.method).toBe('POST');
  expect(beacon.headers['content-type']).toMatch(/^text\/plain;charset=utf-8$/i); // no CORS preflight
  // No cookie and no page address; a real Origin, whatever the Referrer-Policy.
  expect(beacon.headers.cookie).toBeUndefined();
  expect(beacon.headers.referer).toBeUndefined();
  expect(beacon.headers.origin).toBe(ORIGIN);
  expect(beacon.body.v).toBe(1);
  expect(beacon.body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(beacon.body.events).toEqual([
    { type: 'impression', item: 'boots' },
    { type: 'share', item: 'boots', network: 'x', ref: refX },
  ]);
  // Nothing personal: no address, no user agent, no time, no page URL.
  expect(JSON.stringify(beacon.body)).not.toMatch(/__test__|Mozilla|127\.0\.0\.1/);

  // A later hide sends only what is new, under a new batch id.
  await setTabHidden(page, false);
  await page.evaluate(() => import('/dist/sharelock.js').then((m) => m.track('conversion', { item: 'boots', value: 12.5 })));
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(2);
  expect(beacons[1].body.id).not.toBe(beacon.body.id);
  expect(beacons[1].body.events).toEqual([{ type: 'conversion', item: 'boots', value: 12.5 }]);
});

test('a visit from a shared link is reported once, leaves the address bar, and attributes a later conversion', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await openTestPage(page, { name: 'collector-arrival', html: collectorPage(), query: '?id=7&sl_ref=AbCdEfGh-_0&utm_source=x' });
  await expect.poll(() => new URL(page.url()).search).toBe('?id=7&utm_source=x');
  const conversion = page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('sharelock:conversion', (event) => resolve(event.detail), { once: true });
  }));
  expect(await page.evaluate(() => import('/dist/sharelock.js').then((m) => m.track('conversion', { item: 'boots', value: 30 })))).toBe(true);
  expect(await conversion).toEqual({ item: 'boots', value: 30 });
  expect(await page.evaluate(() => import('/dist/sharelock.js').then((m) => m.track('purchase', { item: 'boots' })))).toBe(false);
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(1);
  expect(beacons[0].body.events).toEqual([
    { type: 'visit', ref: 'AbCdEfGh-_0' },
    { type: 'impression', item: 'boots' },
    { type: 'conversion', item: 'boots', value: 30, ref: 'AbCdEfGh-_0' },
  ]);
  // A reload is not a second visit.
  await setTabHidden(page, false);
  await page.reload();
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(2);
  expect(beacons[1].body.events.filter((event) => event.type === 'visit')).toEqual([]);
});

test('errors and ended countdowns are counted against their element; the page\'s own events are not', async ({ page }) => {
  const beacons = await recordBeacons(page);
  // Playwright's clock, paused: the countdown is drawn 3 s before its
  // deadline, and reaches it only when the test says so (the countdowns'
  // shared timer fires 4 ms after each second boundary).
  await pauseClockAt(page, NOW);
  await serveWasmWithDate(page, null);  // no Date header: the fake clock is taken as it is
  const ends = new Date(NOW + 3000).toISOString();
  await openTestPage(page, { name: 'collector-errors', html: collectorPage({ body: `<main>
<sharelock-share id="broken" url="javascript:alert(1)"><a href="/">Share</a></sharelock-share>
<sharelock-countdown id="ending" item="flash-sale" ends="${ends}"></sharelock-countdown>
</main>` }) });
  await expect.poll(async () => (await recorded(page)).errors.length).toBeGreaterThan(0);
  await expect.poll(() => countdownReading(page, '#ending')).toBe('Ends in 00 hours 00 minutes 03 seconds');
  await page.clock.runFor(3000 + 4);
  await expect.poll(() => countdownReading(page, '#ending')).toBe('[ended] This offer has ended');
  await page.evaluate(() => document.dispatchEvent(new CustomEvent('sharelock:error', { detail: { code: 'my-own' } })));
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(1);
  const events = beacons[0].body.events;
  expect(events).toContainEqual({ type: 'error', item: '/__test__/collector-errors.html', code: 'unsafe-url' });
  expect(events).toContainEqual({ type: 'countdown-ended', item: 'flash-sale' });
  expect(events.some((event) => event.code === 'my-own')).toBe(false);
});

test('Global Privacy Control: no reference in links and nothing sent', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await watchFetches(page, COLLECT);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await openTestPage(page, { name: 'collector-gpc', html: collectorPage() });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /x\.com/);
  expect((await sharedUrlOf(page, 'x')).searchParams.has('sl_ref')).toBe(false);
  await setTabHidden(page, true);
  expect(await fetchStates(page)).toEqual([]); // a collector would have sent by now, synchronously
  await page.goto('about:blank');
  expect(beacons).toEqual([]);
});

test('a batch that could not be sent goes again with the next one, under its own batch id', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await watchFetches(page, COLLECT);
  let failures = 1;
  await page.route(`${ORIGIN}${COLLECT}`, (route) => {
    if (failures-- > 0) return route.abort('internetdisconnected');
    return route.fallback();
  });
  await openTestPage(page, { name: 'collector-retry', html: collectorPage() });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /sl_ref/);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').length)).toBeGreaterThan(0);
  await setTabHidden(page, true); // lost: the impression's batch is kept
  // The page has seen it fail (and so kept the batch) before the next hide.
  await expect.poll(() => fetchStates(page)).toEqual(['failed']);
  expect(beacons).toEqual([]);
  await setTabHidden(page, false);
  await page.evaluate(() => import('/dist/sharelock.js').then((m) => m.track('conversion', { item: 'boots' })));
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(2);
  await expect.poll(() => fetchStates(page)).toEqual(['failed', 'sent', 'sent']);
  // Both leave in the same flush; they may arrive in either order.
  const types = (beacon) => beacon.body.events.map((event) => event.type);
  expect(beacons.map(types).sort()).toEqual([['conversion'], ['impression']]);
  const again = beacons.find((beacon) => types(beacon)[0] === 'impression');
  const next = beacons.find((beacon) => types(beacon)[0] === 'conversion');
  expect(again.body.id).not.toBe(next.body.id);
});

test('an impression needs half the widget on screen; a countdown already over on arrival is no ending', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await page.setViewportSize({ width: 800, height: 600 });
  // A stylesheet, not style attributes: the strict CSP refuses those. It
  // loads before the script, so the bar is first seen with only its top
  // fifth in the 600 px window (body margin 8 + 584 = 592; the bar is 40 high).
  const css = { body: '#spacer { height: 584px; } #after { height: 2000px; }', contentType: 'text/css' };
  await openTestPage(page, { name: 'collector-visibility', files: { 'collector.css': css }, html: collectorPage({
    head: '<link rel="stylesheet" href="/__test__/collector.css">',
    body: `<main>
<div id="spacer"></div>
<sharelock-share id="low" item="low-bar" networks="x" url="https://shop.example/low"></sharelock-share>
<sharelock-countdown id="over" item="old-sale" ends="2020-01-01T00:00:00Z"></sharelock-countdown>
<div id="after"></div>
</main>` }) });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /x\.com/);
  const box = await page.locator('#low').boundingBox();
  expect(box.y).toBeGreaterThan(600 - box.height / 2); // less than half of it on screen
  expect(box.y).toBeLessThan(600); // but some of it
  // The collector has been told what is on screen; a marker event then
  // splits its queue into before and after the scroll (one batch keeps
  // the order events were added in).
  await settleIntersections(page);
  await page.evaluate(() => import('/dist/sharelock.js').then((m) => m.track('conversion', { item: 'marker' })));
  await page.locator('#low').scrollIntoViewIfNeeded();
  await settleIntersections(page);
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(1);
  const { events } = beacons[0].body;
  expect(events.filter((event) => event.item === 'low-bar' || event.item === 'marker')).toEqual([
    { type: 'conversion', item: 'marker', value: 0 },
    { type: 'impression', item: 'low-bar' },
  ]);
  expect(events.filter((event) => event.type === 'countdown-ended')).toEqual([]);
});

test('startAnalytics() with nothing, an empty string or null starts nothing and says why', async ({ page }) => {
  await openTestPage(page, { name: 'collector-api', html: collectorPage({ collect: null }) });
  const results = await page.evaluate(async () => {
    const { startAnalytics } = await import('/dist/sharelock.js');
    const codes = [];
    document.addEventListener('sharelock:error', (event) => codes.push(event.detail.code));
    return { started: [startAnalytics(), startAnalytics({}), startAnalytics({ collect: '' }), startAnalytics({ collect: null })], codes };
  });
  expect(results.started).toEqual([false, false, false, false]);
  expect(results.codes).toEqual(['invalid-collect-url', 'invalid-collect-url', 'invalid-collect-url', 'invalid-collect-url']);
});

test('a bad data-collect is reported on the script tag\'s attribute and the widgets still work', async ({ page, consoleErrors }) => {
  const errors = [];
  await page.addInitScript(() => {
    document.addEventListener('sharelock:error', (event) => { window.__collectError = event.detail; });
  });
  await openTestPage(page, { name: 'collector-bad', html: collectorPage({ collect: 'javascript:alert(1)' }) });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /x\.com/);
  expect((await sharedUrlOf(page, 'x')).searchParams.has('sl_ref')).toBe(false);
  const detail = await page.evaluate(() => window.__collectError);
  expect(detail).toMatchObject({ code: 'invalid-collect-url', attribute: 'data-collect' });
  expect(consoleErrors.some((text) => text.includes('<script> attribute "data-collect"') && text.includes('invalid-collect-url'))).toBe(true);
  expect(errors).toEqual([]);
});
