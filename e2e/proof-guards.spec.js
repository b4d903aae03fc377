// <sharelock-proof>, the guards around the happy path: the cap still holds
// where storage is blocked, one toast at a time on a page, none over a
// modal dialog, Escape from anywhere, a badge that never outlives its
// truth (attributes changed, a windowed count gone stale while the page is
// open), a live count whose first read failed, and the verification server
// told nothing about the page.
import {
  STRICT_CSP, expect, jsonFile, openProofPage, proofEvents, proofFootprint, proofMarkup, proofPart, recorded, test,
} from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const iso = (time) => new Date(time).toISOString();

const EVENTS = [1, 2, 3].map((n) => ({
  id: `e${n}`, item: 'playbook', type: 'purchase', at: iso(NOW - n * MINUTE), name: ['Ana', 'Luis', 'Marta'][n - 1],
}));
const FEED = jsonFile({ version: 1, events: EVENTS });
const recent = (attributes = {}) => proofMarkup({ kind: 'recent', src: '/__test__/proof.json', item: 'playbook', interval: '5', duration: '2', ...attributes });
const visibleToasts = (page) => page.evaluate(() => [...document.querySelectorAll('sharelock-proof')]
  .filter((host) => host.shadowRoot.querySelector('[part="toast"]')?.matches(':popover-open')).length);

test('where storage is blocked, the cap still holds for the page view', async ({ page, consoleErrors }) => {
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, { get() { throw new DOMException('blocked', 'SecurityError'); } });
    }
  });
  await openProofPage(page, { name: 'proof-no-storage', now: NOW, files: { 'proof.json': FEED }, body: recent({ 'max-toasts': '2' }) });
  await expect(proofPart(page, 'toast')).toHaveCount(1);
  await page.clock.runFor(3 * SECOND);
  await page.clock.runFor(5 * SECOND);
  for (let turn = 0; turn < 4; turn += 1) {
    await page.clock.runFor(5 * SECOND);
    await expect(proofPart(page, 'toast')).toBeHidden();
  }
  expect((await proofEvents(page)).map((e) => e.text)).toEqual(['Ana bought this 1 min ago', 'Luis bought this 2 min ago']);
  expect(consoleErrors).toEqual([]);
});

test('two activity widgets on a page: one toast at a time, each event once per widget', async ({ page, consoleErrors }) => {
  await openProofPage(page, {
    name: 'proof-two-widgets',
    now: NOW,
    files: { 'proof.json': FEED },
    body: `${recent({ id: 'a', position: 'bottom-left' })}${recent({ id: 'b', position: 'bottom-left' })}`,
  });
  await expect(proofPart(page, 'toast')).toHaveCount(2);
  let most = 0;
  for (let step = 0; step < 40; step += 1) {
    await page.clock.runFor(SECOND);
    most = Math.max(most, await visibleToasts(page));
  }
  expect(most).toBe(1);
  const shown = await proofEvents(page);
  expect(shown.length).toBeGreaterThanOrEqual(3);
  for (const id of ['a', 'b']) {
    const texts = shown.filter((e) => e.target === id).map((e) => e.text.replace(/ \d+ min ago$/, ''));
    expect(new Set(texts).size).toBe(texts.length);
  }
  expect(consoleErrors).toEqual([]);
});

test('no toast over an open modal dialog (a checkout); after it closes, the next turn shows one', async ({ page, consoleErrors }) => {
  await openProofPage(page, {
    name: 'proof-dialog',
    now: NOW,
    files: { 'proof.json': FEED },
    body: `<dialog id="checkout"><p>Checkout</p><button id="close" type="button">Close</button></dialog>${recent()}`,
  });
  await expect(proofPart(page, 'toast')).toHaveCount(1);
  await page.evaluate(() => document.getElementById('checkout').showModal());
  for (let turn = 0; turn < 3; turn += 1) {
    await page.clock.runFor(turn === 0 ? 3 * SECOND : 5 * SECOND);
    await expect(proofPart(page, 'toast')).toBeHidden();
  }
  await page.evaluate(() => document.getElementById('checkout').close());
  await page.clock.runFor(5 * SECOND);
  await expect(proofPart(page, 'toast-text')).toHaveText('Ana bought this 1 min ago');
  await expect(proofPart(page, 'toast')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('Escape dismisses from anywhere while a toast is up, but not while the shopper types in a field', async ({ page, consoleErrors }) => {
  await openProofPage(page, {
    name: 'proof-escape',
    now: NOW,
    files: { 'proof.json': FEED },
    body: `<label>Coupon <input id="coupon"></label>${recent({ duration: '60', interval: '90' })}`,
  });
  await expect(proofPart(page, 'toast')).toHaveCount(1);
  await page.clock.runFor(3 * SECOND);
  await expect(proofPart(page, 'toast')).toBeVisible();
  await page.locator('#coupon').focus();
  await page.keyboard.press('Escape');
  await expect(proofPart(page, 'toast')).toBeVisible();
  await page.locator('#coupon').blur();
  await page.keyboard.press('Escape');
  await expect(proofPart(page, 'toast')).toBeHidden();
  for (let turn = 0; turn < 2; turn += 1) {
    await page.clock.runFor(90 * SECOND);
    await expect(proofPart(page, 'toast')).toBeHidden();
  }
  expect(consoleErrors).toEqual([]);
});

test('a badge never outlives its truth: gone at once when its attributes change, and when its windowed count goes stale', async ({ page, consoleErrors }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let reads = 0;
  await page.route((url) => url.pathname === '/__test__/proof.json', async (route) => {
    reads += 1;
    if (reads > 1) await held;
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ version: 1, counters: [
        { item: 'ebook', type: 'purchase', count: 12, window: '24h', at: iso(NOW - 30 * MINUTE) },
        { item: 'course', type: 'purchase', count: 99, window: '24h', at: iso(NOW - 30 * MINUTE) },
      ] }),
    });
  });
  await openProofPage(page, {
    name: 'proof-badge-truth',
    now: NOW,
    body: proofMarkup({ id: 'badge', src: '/__test__/proof.json', item: 'ebook', window: '24h' }),
  });
  await expect(proofPart(page, 'text')).toHaveText('12 people bought this in the last 24 hours');
  // Another item: the ebook's number must not stand for the course while
  // the feed is read again (held here).
  await page.locator('#badge').evaluate((element) => element.setAttribute('item', 'course'));
  await expect.poll(() => proofFootprint(page, '#badge')).toEqual({ nodes: 0, height: 0 });
  release();
  await expect(proofPart(page, 'text')).toHaveText('99 people bought this in the last 24 hours');
  // Counted 30 min ago; "in the last 24 hours" holds for an hour after
  // counting: 29 min 59 s on it is still up, at 30 min it is taken down.
  await page.clock.runFor(29 * MINUTE + 59 * SECOND);
  await expect(proofPart(page, 'text')).toHaveText('99 people bought this in the last 24 hours');
  await page.clock.runFor(SECOND);
  await expect.poll(() => proofFootprint(page, '#badge')).toEqual({ nodes: 0, height: 0 });
  expect(consoleErrors).toEqual([]);
});

test('a live count whose first read fails is read again 30 s later', async ({ page }) => {
  let failing = true;
  await page.route((url) => url.pathname === '/__test__/live.json', (route) => (failing
    ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'busy' })
    : route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ version: 1, counters: [{ type: 'viewing', count: 4, at: iso(NOW + 20 * SECOND) }] }),
    })));
  await openProofPage(page, { name: 'proof-live-first-fail', now: NOW, body: proofMarkup({ id: 'live', src: '/__test__/live.json', type: 'viewing' }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['feed-unavailable']);
  failing = false;
  await page.clock.runFor(30 * SECOND);
  await expect(proofPart(page, 'text')).toHaveText('4 people are viewing this now');
});

test('the verification server is asked without cookies and without the page address', async ({ page, context }) => {
  const asked = [];
  await context.route('https://verify.example/**', async (route) => {
    asked.push(await route.request().allHeaders());
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: JSON.stringify({ version: 1, counters: [{ item: 'ebook', type: 'unlock', count: 31 }] }),
    });
  });
  await openProofPage(page, {
    name: 'proof-server-referrer',
    now: NOW,
    csp: `${STRICT_CSP}; connect-src 'self' https://verify.example`,
    body: proofMarkup({ id: 'unlocks', server: 'https://verify.example', item: 'ebook' }),
  });
  await expect(proofPart(page, 'text')).toHaveText('31 people unlocked this by sharing');
  expect(asked).toHaveLength(1);
  expect(asked[0].referer).toBeUndefined();
  expect(asked[0].cookie).toBeUndefined();
});
