// <sharelock-pay> when things are not ideal: a popup blocker, storage that
// is disabled or full, a network that may not gate content (Facebook), a
// missing <template>, a shopper who says "Not now", and a keyboard-only
// shopper. Playwright's clock drives Date.now() and the timers.
import {
  clickForPopup, expect, openTestPage, pauseClockAt, payEvents, payMarkup, payPart, recordPayEvents, recorded, test,
  testPage,
} from './fixtures.js';

const ITEM = 'guide-2';
const TEXT = 'Free guide: pay with a post';
const URL_ = 'https://shop.example/guide';
const T = 'Free%20guide%3A%20pay%20with%20a%20post';
const U = 'https%3A%2F%2Fshop.example%2Fguide';
const X_INTENT = `https://x.com/intent/tweet?text=${T}&url=${U}`;
const THREADS_INTENT = `https://www.threads.com/intent/post?text=${T}&url=${U}`;
const SECRET = 'Your guide is ready';
const TEMPLATE = `<p>${SECRET}: <a href="/files/guide.pdf">guide.pdf</a></p>`;
const FALLBACK = '<p class="fallback">Share this guide to get it.</p>';
const TOO_FAST_EN = 'That was quick: it looks like the post was not sent. Try again?';
const DAY = 24 * 60 * 60 * 1000;
const PAGE_PATH = '/__test__/';

const BASE = { id: 'pay', item: ITEM, network: 'x', text: TEXT, url: URL_ };

async function open(page, name, attributes = {}, { template = TEMPLATE, before = '' } = {}) {
  // Machine time between two steps never counts as time the shopper spent
  // away: a "too quick" return stays quick.
  await pauseClockAt(page);
  await recordPayEvents(page);
  await openTestPage(page, {
    name,
    html: testPage({
      body: `<main><h1>The guide</h1>${before}${payMarkup({ ...BASE, ...attributes }, { template, fallback: FALLBACK })}</main>`,
    }),
  });
}

async function blockPopups(page) {
  await page.addInitScript(() => {
    // A popup blocker: window.open opens nothing and returns null.
    window.open = () => null;
  });
}

async function expectUnlocked(page) {
  await expect(page.locator('#pay')).toHaveAttribute('unlocked', '');
  const content = page.locator('#pay > [data-sharelock-content]');
  await expect(content.getByText(SECRET)).toBeVisible();
  return content;
}

async function expectLocked(page) {
  await expect(payPart(page, 'button')).toBeVisible();
  await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
  await expect(page.locator('#pay > [data-sharelock-content]')).toHaveCount(0);
  await expect(page.getByText(SECRET)).toHaveCount(0);
}

function storage(page) {
  return page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

test.describe('popup blocked: the intent opens in this tab', () => {
  test('the tab goes to the exact intent URL, and coming back after the wait unlocks', async ({ page, external, consoleErrors }) => {
    await blockPopups(page);
    await open(page, 'blocked-unlock', { network: 'threads' });
    await payPart(page, 'button').click();
    await page.waitForURL(THREADS_INTENT);
    expect(page.url()).toBe(THREADS_INTENT);
    expect(external).toEqual([THREADS_INTENT]);
    expect(page.context().pages()).toHaveLength(1);

    await page.clock.fastForward('00:09');
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe(`${PAGE_PATH}blocked-unlock.html`);

    const content = await expectUnlocked(page);
    await expect(content).toBeFocused();
    await expect(page.getByRole('status')).toHaveText('Unlocked. Thanks for sharing!');
    expect((await payEvents(page)).unlocks).toEqual([{ item: ITEM, network: 'threads', mode: 'intent', target: 'pay' }]);
    // The pending record is gone; the unlock is remembered.
    const stored = await storage(page);
    expect(stored.session).toEqual({});
    expect(Object.keys(stored.local)).toEqual([`sharelock:unlock:${ITEM}`]);
    expect(consoleErrors).toEqual([]);

    await page.reload();
    await expectUnlocked(page);
  });

  test('coming back too soon keeps it locked with the notice, and the shopper can try again', async ({ page }) => {
    await blockPopups(page);
    await open(page, 'blocked-too-fast');
    await payPart(page, 'button').click();
    await page.waitForURL(X_INTENT);
    await page.clock.fastForward('00:02');
    await page.goBack();

    await expect(payPart(page, 'notice')).toHaveText(TOO_FAST_EN);
    await expectLocked(page);
    expect(await payEvents(page)).toEqual({
      unlocks: [],
      cancels: [{ item: ITEM, network: 'x', reason: 'too-fast', target: 'pay' }],
    });
    expect(await storage(page)).toEqual({ local: {}, session: {} });

    // A reload does not turn the abandoned attempt into an unlock.
    await page.clock.fastForward('00:30');
    await page.reload();
    await expectLocked(page);

    await payPart(page, 'button').click();
    await page.waitForURL(X_INTENT);
    await page.clock.fastForward('00:10');
    await page.goBack();
    await expectUnlocked(page);
  });
});

test.describe('storage', () => {
  test('storage disabled: still unlocks for this page view, with no error at all', async ({ page, consoleErrors }) => {
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(() => {
      const denied = () => { throw new DOMException('The operation is insecure.', 'SecurityError'); };
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, { configurable: true, get: denied });
      }
    });
    await open(page, 'storage-disabled');
    expect(await page.evaluate(() => { try { return typeof localStorage; } catch { return 'throws'; } })).toBe('throws');

    const popup = await clickForPopup(page, payPart(page, 'button'));
    expect(popup.url()).toBe(X_INTENT);
    await page.clock.fastForward('00:09');
    await popup.close();
    await page.clock.runFor(400);

    const content = await expectUnlocked(page);
    await expect(content).toBeFocused();
    expect((await payEvents(page)).unlocks).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors.filter((text) => /sharelock/i.test(text))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test('storage full (setItem throws QuotaExceededError): still unlocks, no error', async ({ page, consoleErrors }) => {
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    });
    await open(page, 'storage-full');
    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:09');
    await popup.close();
    await page.clock.runFor(400);
    await expectUnlocked(page);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('configuration errors show the fallback content', () => {
  test('network="facebook" is refused: fallback shown, one console.error, sharelock:error "network-not-allowed"', async ({ page, consoleErrors, external }) => {
    await open(page, 'facebook', { network: 'facebook' });
    await expect(page.getByText('Share this guide to get it.')).toBeVisible();
    await expect.poll(async () => (await recorded(page)).errors).toEqual([
      { code: 'network-not-allowed', attribute: 'network', target: 'pay' },
    ]);
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toContain('<sharelock-pay');
    expect(consoleErrors[0]).toContain('"network"');
    expect(consoleErrors[0]).toMatch(/facebook/i);
    expect(consoleErrors[0]).toContain('network-not-allowed');

    await expect(payPart(page, 'button')).toHaveCount(0);
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    await expect(page.getByText(SECRET)).toHaveCount(0);
    expect((await recorded(page)).opened).toEqual([]);
    expect(external).toEqual([]);
  });

  test('a missing <template> is reported as "missing-template" and the fallback stays', async ({ page, consoleErrors }) => {
    await open(page, 'missing-template', {}, { template: null });
    await expect(page.getByText('Share this guide to get it.')).toBeVisible();
    await expect.poll(async () => (await recorded(page)).errors.map((error) => error.code)).toEqual(['missing-template']);
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toContain('<sharelock-pay');
    expect(consoleErrors[0]).toContain('missing-template');
    await expect(payPart(page, 'button')).toHaveCount(0);
  });
});

test.describe('"Not now"', () => {
  test('collapses the prompt to one "Unlock by sharing" button, kept after reload for 7 days; clicking it brings the prompt back', async ({ page }) => {
    await open(page, 'not-now');
    await payPart(page, 'dismiss').click();

    const expand = payPart(page, 'expand');
    await expect(expand).toHaveText('Unlock by sharing');
    await expect(page.locator('#pay').getByRole('button')).toHaveCount(1);
    await expect(page.locator('#pay').getByRole('link')).toHaveCount(0);
    await expect(payPart(page, 'button')).toHaveCount(0);
    await expect(payPart(page, 'dismiss')).toHaveCount(0);

    const record = JSON.parse((await storage(page)).local[`sharelock:snooze:${ITEM}`]);
    const now = await page.evaluate(() => Date.now());
    expect(record.until - now).toBeGreaterThan(7 * DAY - 60_000);
    expect(record.until - now).toBeLessThanOrEqual(7 * DAY);

    await page.reload();
    await expect(payPart(page, 'expand')).toHaveText('Unlock by sharing');
    await expect(payPart(page, 'button')).toHaveCount(0);

    await payPart(page, 'expand').click();
    await expect(payPart(page, 'button')).toHaveText('Share on X to unlock');
    await expect(payPart(page, 'button')).toBeFocused();
    await expect(payPart(page, 'dismiss')).toBeVisible();
    await expect(payPart(page, 'expand')).toHaveCount(0);

    // After a week the full prompt is back on its own.
    await page.clock.fastForward(7 * DAY + 60_000);
    await page.reload();
    await expect(payPart(page, 'button')).toBeVisible();
    await expect(payPart(page, 'expand')).toHaveCount(0);
  });

  test('snooze="0" collapses for this page view only', async ({ page }) => {
    await open(page, 'not-now-zero', { snooze: '0' });
    await payPart(page, 'dismiss').click();
    await expect(payPart(page, 'expand')).toBeVisible();
    expect(await storage(page)).toEqual({ local: {}, session: {} });
    await page.reload();
    await expect(payPart(page, 'button')).toBeVisible();
  });
});

test.describe('keyboard only', () => {
  test('Tab to the button, Enter opens the share popup, focus lands on the revealed content', async ({ page }) => {
    await open(page, 'keyboard');
    await expect(payPart(page, 'button')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(payPart(page, 'button')).toBeFocused();

    const popup = await clickForPopup(page, () => page.keyboard.press('Enter'));
    expect(popup.url()).toBe(X_INTENT);
    await page.clock.fastForward('00:09');
    await popup.close();
    await page.clock.runFor(400);

    const content = await expectUnlocked(page);
    await expect(content).toBeFocused();
    // The revealed link is next in the tab order.
    await page.keyboard.press('Tab');
    await expect(content.getByRole('link', { name: 'guide.pdf' })).toBeFocused();
  });

  test('"Not now" by keyboard keeps focus on the collapsed button, and Enter brings the prompt back', async ({ page }) => {
    await open(page, 'keyboard-not-now');
    await expect(payPart(page, 'dismiss')).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(payPart(page, 'dismiss')).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(payPart(page, 'expand')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(payPart(page, 'button')).toBeFocused();
  });
});

test('a text near X\'s limit is counted by the exact module, fetched then, and the share window gets the shortened post', async ({ page }) => {
  const wasm = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname.split('/').at(-1));
  });
  // 270 accented letters weigh 270 on X; with the link's 23 they do not fit in 280.
  await open(page, 'pay-exact-text', { text: 'é'.repeat(270) });
  const popup = await clickForPopup(page, payPart(page, 'button'));
  const text = new URL(popup.url()).searchParams.get('text');
  expect(text.endsWith('…')).toBe(true);
  expect(text.length).toBeLessThan(270);
  expect(wasm.sort()).toEqual(['sharelock-core.wasm', 'sharelock-pay-exact.wasm']);
  await popup.close();
});

test('a short text is settled by the main module alone', async ({ page }) => {
  const wasm = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(new URL(request.url()).pathname.split('/').at(-1));
  });
  await open(page, 'pay-bounded-text');
  const popup = await clickForPopup(page, payPart(page, 'button'));
  expect(popup.url()).toBe(X_INTENT);
  expect(wasm).toEqual(['sharelock-core.wasm']);
  await popup.close();
});
