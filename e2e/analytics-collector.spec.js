// The first-party collector in the page (web/analytics.js), against a
// stand-in endpoint that records each beacon: off by default, nothing sent
// while the page is on screen, one batch when it is hidden, shares counted
// once with their reference, arrivals from a shared link, conversions,
// Global Privacy Control, a refused beacon kept for later, and a bad
// data-collect reported without breaking the page.
import { ORIGIN, attr, expect, openTestPage, recorded, setTabHidden, shareButton, test, testPage } from './fixtures.js';

const COLLECT = '/__collect__';

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

function collectorPage({ collect = COLLECT, body = '' } = {}) {
  const tag = collect === null
    ? '<script type="module" src="/dist/sharelock.js"></script>'
    : `<script type="module" src="/dist/sharelock.js" data-collect="${attr(collect)}"></script>`;
  return testPage({
    script: false,
    head: tag,
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
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await openTestPage(page, { name: 'collector-off', html: collectorPage({ collect: null }) });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /x\.com/);
  expect((await sharedUrlOf(page, 'x')).searchParams.has('sl_ref')).toBe(false);
  await page.evaluate(() => document.querySelector('#bar').shadowRoot.querySelector('[data-network="x"]').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })));
  await expect.poll(async () => (await recorded(page)).shares.length).toBe(1);
  await setTabHidden(page, true);
  await page.goto('about:blank');
  expect(beacons).toEqual([]);
  expect(requests.filter((url) => url.includes(COLLECT))).toEqual([]);
});

test('on: each network\'s link gets its own reference; one batch leaves when the page is hidden, none before', async ({ page }) => {
  const beacons = await recordBeacons(page);
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
  await page.waitForTimeout(300);
  expect(beacons).toEqual([]); // nothing while the page is on screen

  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(1);
  const [beacon] = beacons;
  expect(beacon.method).toBe('POST');
  expect(beacon.headers['content-type']).toMatch(/^text\/plain;charset=utf-8$/i); // no CORS preflight
  expect(beacon.headers.cookie).toBeUndefined();
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
  const ends = new Date(Date.now() + 2500).toISOString();
  await openTestPage(page, { name: 'collector-errors', html: collectorPage({ body: `<main>
<sharelock-share id="broken" url="javascript:alert(1)"><a href="/">Share</a></sharelock-share>
<sharelock-countdown id="ending" item="flash-sale" ends="${ends}"></sharelock-countdown>
</main>` }) });
  await expect.poll(async () => (await recorded(page)).errors.length).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(() => document.querySelector('#ending').shadowRoot.textContent), { timeout: 10_000 })
    .toMatch(/ended|over/i);
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
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await openTestPage(page, { name: 'collector-gpc', html: collectorPage() });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /x\.com/);
  expect((await sharedUrlOf(page, 'x')).searchParams.has('sl_ref')).toBe(false);
  await setTabHidden(page, true);
  await page.goto('about:blank');
  expect(beacons).toEqual([]);
});

test('a beacon the browser refuses is kept and sent with the next one, under the same batch id', async ({ page }) => {
  const beacons = await recordBeacons(page);
  await page.addInitScript(() => {
    const real = navigator.sendBeacon.bind(navigator);
    let refusals = 1;
    navigator.sendBeacon = (url, data) => (refusals-- > 0 ? false : real(url, data));
  });
  await openTestPage(page, { name: 'collector-retry', html: collectorPage() });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', /sl_ref/);
  await setTabHidden(page, true); // refused: the impression stays queued
  await setTabHidden(page, false);
  await page.evaluate(() => import('/dist/sharelock.js').then((m) => m.track('conversion', { item: 'boots' })));
  await setTabHidden(page, true);
  await expect.poll(() => beacons.length).toBe(1);
  expect(beacons[0].body.events.map((event) => event.type)).toEqual(['impression', 'conversion']);
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
