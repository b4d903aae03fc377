// <sharelock-pay>, intent mode, the happy path and its edges: a click opens
// the share intent in a popup, the shopper comes back after `wait` seconds
// (default 8) and the locked content enters the page. Playwright's clock
// drives Date.now() and the share-window poll, so nothing sleeps 8 seconds.
//
// Expected intent URLs are written by hand from the attributes, with
// RFC 3986 percent-encoding: every byte outside ALPHA DIGIT - . _ ~ becomes
// %XX (upper-case hex), so a space is %20, never '+'.
import {
  ORIGIN, clickForPopup, expect, openTestPage, pauseClockAt, payEvents, payMarkup, payPart, recordPayEvents, test,
  testPage,
} from './fixtures.js';

const ITEM = 'ebook-1';
const TEXT = 'Just got the ebook free: 50 recipes & more';
const URL_ = 'https://shop.example/ebook?id=7';
const HASHTAGS = 'SeedSale, #Books';
const T = 'Just%20got%20the%20ebook%20free%3A%2050%20recipes%20%26%20more';
const U = 'https%3A%2F%2Fshop.example%2Febook%3Fid%3D7';
const X_INTENT = `https://x.com/intent/tweet?text=${T}&url=${U}&hashtags=SeedSale%2CBooks`;
const BLUESKY_INTENT = `https://bsky.app/intent/compose?text=${T}%20%23SeedSale%20%23Books%20${U}`;

const SECRET = 'Download the ebook here';
const TEMPLATE = `<p class="secret">${SECRET}: <a href="/files/ebook.pdf">ebook.pdf</a></p>`;
const FALLBACK = '<p class="fallback">Enable JavaScript to unlock the ebook.</p>';
const UNLOCKED_EN = 'Unlocked. Thanks for sharing!';
const TOO_FAST_EN = 'That was quick: it looks like the post was not sent. Try again?';
const DAY = 24 * 60 * 60 * 1000;

const BASE = { item: ITEM, network: 'x', text: TEXT, url: URL_, hashtags: HASHTAGS };

function widget(attributes = {}, options = {}) {
  return payMarkup({ id: 'pay', ...BASE, ...attributes }, { template: TEMPLATE, fallback: FALLBACK, ...options });
}

async function open(page, name, body, { lang = 'en' } = {}) {
  // Machine time between two steps never counts as time the shopper spent
  // away: a "too quick" return stays quick.
  await pauseClockAt(page);
  await recordPayEvents(page);
  await openTestPage(page, { name, html: testPage({ lang, body: `<main><h1>The ebook</h1>${body}</main>` }) });
}

/** Clicks the share button, waits `seconds` with the popup open, closes it. */
async function shareAndReturn(page, { host = 'sharelock-pay', seconds = 9 } = {}) {
  const popup = await clickForPopup(page, payPart(page, 'button', host));
  const url = popup.url();
  await page.clock.fastForward(seconds * 1000);
  await popup.close();
  // The widget polls the share window's `closed` every 300 ms.
  await page.clock.runFor(400);
  return url;
}

/** Nothing of the locked content is in the page outside its <template>. */
async function expectConcealed(page, host = '#pay') {
  await expect(page.locator(`${host} > [data-sharelock-content]`)).toHaveCount(0);
  await expect(page.getByText(SECRET)).toHaveCount(0);
  expect(await page.evaluate(() => document.body.innerText)).not.toContain(SECRET);
  const outsideTemplate = await page.locator(host).evaluate((element) =>
    [...element.children].filter((child) => child.localName !== 'template').map((child) => child.outerHTML).join(''));
  expect(outsideTemplate).not.toContain(SECRET);
  expect(outsideTemplate).not.toContain('ebook.pdf');
}

async function expectUnlocked(page, host = '#pay') {
  await expect(page.locator(host)).toHaveAttribute('unlocked', '');
  const content = page.locator(`${host} > [data-sharelock-content]`);
  await expect(content).toHaveCount(1);
  await expect(content.getByText(SECRET)).toBeVisible();
  await expect(content.getByRole('link', { name: 'ebook.pdf' })).toHaveAttribute('href', '/files/ebook.pdf');
  await expect(page.getByText(SECRET)).toHaveCount(1);
  return content;
}

function storedUnlock(page, area = 'localStorage', item = ITEM) {
  return page.evaluate(([a, key]) => window[a].getItem(key), [area, `sharelock:unlock:${item}`]);
}

test.describe('share, come back, unlocked', () => {
  test('the popup opens the exact intent URL, the widget waits, and closing it after the wait reveals and focuses the content', async ({ page, consoleErrors, external }) => {
    await open(page, 'unlock-basic', widget());
    const pay = page.locator('#pay');
    const button = payPart(page, 'button');

    // Locked: a real link to the intent, and nothing of the content in the page.
    await expect(button).toHaveText('Share on X to unlock');
    await expect(button).toHaveAttribute('href', X_INTENT);
    await expect(payPart(page, 'dismiss')).toHaveText('Not now');
    await expect(payPart(page, 'hint')).toHaveText('Opens X with a ready-made post. Come back here once it is published.');
    await expect(page.getByText('Enable JavaScript to unlock the ebook.')).toBeHidden();
    await expect(pay).not.toHaveAttribute('unlocked');
    await expectConcealed(page);
    expect(external).toEqual([]);

    const popup = await clickForPopup(page, button);
    expect(popup.url()).toBe(X_INTENT);
    expect(external).toEqual([X_INTENT]);

    // Waiting for the shopper to come back.
    await expect(payPart(page, 'hint')).toHaveText('Waiting for your post… Come back to this page once it is published.');
    await expect(payPart(page, 'cancel')).toHaveText('Cancel');
    await expect(payPart(page, 'dismiss')).toHaveCount(0);
    await expect(pay).not.toHaveAttribute('unlocked');
    await expectConcealed(page);

    await page.clock.fastForward('00:09');
    await popup.close();
    await page.clock.runFor(400);

    const content = await expectUnlocked(page);
    await expect(content).toBeFocused();
    await expect(page.getByRole('status')).toHaveText(UNLOCKED_EN);
    await expect(payPart(page, 'button')).toHaveCount(0);
    expect(await payEvents(page)).toEqual({
      unlocks: [{ item: ITEM, network: 'x', mode: 'intent', target: 'pay' }],
      cancels: [],
    });
    expect(consoleErrors).toEqual([]);
  });

  test('closing the share window too early keeps it locked, shows the notice and fires sharelock:cancel; a real share then unlocks', async ({ page }) => {
    await open(page, 'unlock-too-fast', widget());
    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:03');
    await popup.close();
    await page.clock.runFor(400);

    await expect(payPart(page, 'notice')).toHaveText(TOO_FAST_EN);
    // Said once through the widget's one live region (not re-announced on every render).
    await expect(payPart(page, 'status')).toHaveText(TOO_FAST_EN);
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    await expect(payPart(page, 'button')).toHaveText('Share on X to unlock');
    await expectConcealed(page);
    expect(await storedUnlock(page)).toBeNull();
    expect(await payEvents(page)).toEqual({
      unlocks: [],
      cancels: [{ item: ITEM, network: 'x', reason: 'too-fast', target: 'pay' }],
    });

    // The shopper tries again and this time posts.
    expect(await shareAndReturn(page)).toBe(X_INTENT);
    await expectUnlocked(page);
    await expect(payPart(page, 'notice')).toHaveCount(0);
  });

  test('Cancel while waiting locks it again, and the share window closing later does not unlock', async ({ page }) => {
    await open(page, 'unlock-cancel', widget());
    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:02');
    await payPart(page, 'cancel').click();

    await expect(payPart(page, 'notice')).toHaveText('Cancelled. You can share whenever you like.');
    await expect(payPart(page, 'button')).toBeVisible();
    await expect(payPart(page, 'dismiss')).toBeVisible();
    await expect(payPart(page, 'cancel')).toHaveCount(0);
    expect((await payEvents(page)).cancels).toEqual([{ item: ITEM, network: 'x', reason: 'cancelled', target: 'pay' }]);

    await page.clock.fastForward('00:20');
    await popup.close();
    await page.clock.runFor(1000);
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    await expectConcealed(page);
    expect((await payEvents(page)).unlocks).toEqual([]);
  });
});

test.describe('remember', () => {
  test('by default the unlock is kept for 30 days across reloads, then it expires', async ({ page }) => {
    await open(page, 'remember-default', widget());
    await shareAndReturn(page);
    await expectUnlocked(page);

    const record = JSON.parse(await storedUnlock(page));
    const now = await page.evaluate(() => Date.now());
    expect(record.v).toBe(1);
    expect(record.until - now).toBeGreaterThan(30 * DAY - 60_000);
    expect(record.until - now).toBeLessThanOrEqual(30 * DAY);

    await page.reload();
    await expectUnlocked(page);
    // Restored on load: shown, but focus is not taken and nothing is announced or re-fired.
    await expect(page.locator('body')).toBeFocused();
    expect(await payEvents(page)).toEqual({ unlocks: [], cancels: [] });

    await page.clock.fastForward(30 * DAY + 60_000);
    await page.reload();
    await expect(payPart(page, 'button')).toBeVisible();
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    await expectConcealed(page);
  });

  test('remember="2h" keeps it for two hours only', async ({ page }) => {
    await open(page, 'remember-hours', widget({ remember: '2h' }));
    await shareAndReturn(page);
    await expectUnlocked(page);
    const record = JSON.parse(await storedUnlock(page));
    const now = await page.evaluate(() => Date.now());
    expect(record.until - now).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(record.until - now).toBeLessThanOrEqual(2 * 3600_000);

    await page.clock.fastForward('01:50:00');
    await page.reload();
    await expectUnlocked(page);

    await page.clock.fastForward('00:11:00');
    await page.reload();
    await expect(payPart(page, 'button')).toBeVisible();
    await expectConcealed(page);
  });

  test('remember="0" stores nothing: a reload locks it again', async ({ page }) => {
    await open(page, 'remember-zero', widget({ remember: '0' }));
    await shareAndReturn(page);
    await expectUnlocked(page);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);

    await page.reload();
    await expect(payPart(page, 'button')).toBeVisible();
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    await expectConcealed(page);
  });

  test('remember="session" keeps it across reloads in the same tab only', async ({ page, context }) => {
    await open(page, 'remember-session', widget({ remember: 'session' }));
    await shareAndReturn(page);
    await expectUnlocked(page);
    expect(await storedUnlock(page)).toBeNull();
    expect(JSON.parse(await storedUnlock(page, 'sessionStorage'))).toEqual({ v: 1, until: null });

    await page.reload();
    await expectUnlocked(page);

    // A new tab has its own session.
    const other = await context.newPage();
    await openTestPage(other, { name: 'remember-session', html: testPage({ body: widget({ remember: 'session' }) }) });
    await expect(payPart(other, 'button')).toBeVisible();
    await expect(other.locator('#pay')).not.toHaveAttribute('unlocked');
    await expectConcealed(other);
  });

  test('a stored unlock whose "until" has passed is locked; a live one is unlocked', async ({ page }) => {
    const body = widget({ id: 'old', item: 'old-item' }) + widget({ id: 'fresh', item: 'fresh-item' });
    await open(page, 'remember-expired', body);
    await expect(payPart(page, 'button', '#old')).toBeVisible();
    await page.evaluate(() => {
      localStorage.setItem('sharelock:unlock:old-item', JSON.stringify({ v: 1, until: Date.now() - 1000 }));
      localStorage.setItem('sharelock:unlock:fresh-item', JSON.stringify({ v: 1, until: Date.now() + 3600_000 }));
    });
    await page.reload();

    await expectUnlocked(page, '#fresh');
    await expect(payPart(page, 'button', '#old')).toBeVisible();
    await expect(page.locator('#old')).not.toHaveAttribute('unlocked');
    await expect(page.locator('#old > [data-sharelock-content]')).toHaveCount(0);
  });
});

test('a second widget for the same item unlocks together; another item stays locked', async ({ page }) => {
  const body = [
    payMarkup({ id: 'pay-x', ...BASE }, { template: TEMPLATE }),
    payMarkup({ id: 'pay-bluesky', ...BASE, network: 'bluesky' }, { template: '<p>Also here: the ebook</p>' }),
    payMarkup({ id: 'pay-other', ...BASE, item: 'other-item' }, { template: '<p>Other secret</p>' }),
  ].join('\n');
  await open(page, 'same-item', body);
  await expect(payPart(page, 'button', '#pay-bluesky')).toHaveText('Share on Bluesky to unlock');

  expect(await shareAndReturn(page, { host: '#pay-bluesky' })).toBe(BLUESKY_INTENT);

  const used = page.locator('#pay-bluesky > [data-sharelock-content]');
  await expect(used).toHaveText('Also here: the ebook');
  await expect(used).toBeFocused();
  await expectUnlocked(page, '#pay-x');
  await expect(page.locator('#pay-other')).not.toHaveAttribute('unlocked');
  await expect(page.getByText('Other secret')).toHaveCount(0);
  await expect(payPart(page, 'button', '#pay-other')).toBeVisible();
  // One share, one unlock event (analytics must not count it twice).
  expect((await payEvents(page)).unlocks).toEqual([{ item: ITEM, network: 'bluesky', mode: 'intent', target: 'pay-bluesky' }]);
});

test('the coupon\'s copy button copies the exact code and says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  const coupon = '<p>Your code: <code data-sharelock-copy>\n  SEED-15%OFF\n</code></p>';
  await open(page, 'coupon', payMarkup({ id: 'pay', ...BASE, item: 'coupon-1' }, { template: coupon }));
  await expect(page.getByText('SEED-15%OFF')).toHaveCount(0);
  await shareAndReturn(page);

  const copy = page.getByRole('button', { name: 'Copy code' });
  await expect(page.locator('#pay code')).toHaveText('SEED-15%OFF');
  await copy.click();
  await expect(page.locator('#pay [data-sharelock-copy-button]')).toHaveText('Code copied');
  // Said on the next frame of the page's clock (cleared first, so a second
  // copy is announced again).
  await page.clock.runFor(50);
  await expect(page.getByRole('status')).toHaveText('Code copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('SEED-15%OFF');

  // The label comes back after a moment.
  await page.clock.runFor(3000);
  await expect(page.locator('#pay [data-sharelock-copy-button]')).toHaveText('Copy code');
});

test('lang="es": Spanish labels, notices and announcement', async ({ page }) => {
  const text = 'Conseguí el ebook: ¡gratis!';
  const expected = 'https://x.com/intent/tweet?text=Consegu%C3%AD%20el%20ebook%3A%20%C2%A1gratis%21'
    + `&url=${U}&hashtags=SeedSale%2CBooks`;
  await open(page, 'spanish', widget({ lang: 'es', text }));
  const button = payPart(page, 'button');
  await expect(button).toHaveText('Comparte en X para desbloquear');
  await expect(button).toHaveAttribute('href', expected);
  await expect(payPart(page, 'panel')).toHaveAttribute('aria-label', 'Comparte para desbloquear');
  await expect(payPart(page, 'title')).toHaveText('Comparte para desbloquear');
  await expect(payPart(page, 'dismiss')).toHaveText('Ahora no');
  await expect(payPart(page, 'hint')).toHaveText('Se abre X con un mensaje preparado. Vuelve aquí cuando lo hayas publicado.');

  const popup = await clickForPopup(page, button);
  expect(popup.url()).toBe(expected);
  await expect(payPart(page, 'hint')).toHaveText('Esperando tu publicación… Vuelve a esta página cuando esté publicada.');
  await expect(payPart(page, 'cancel')).toHaveText('Cancelar');
  await popup.close();
  await page.clock.runFor(400);
  await expect(payPart(page, 'notice')).toHaveText('¡Qué rápido! Parece que no se publicó. ¿Lo intentas de nuevo?');

  await shareAndReturn(page);
  await expectUnlocked(page);
  await expect(page.getByRole('status')).toHaveText('Desbloqueado. ¡Gracias por compartir!');
});

test('a Spanish page (<html lang="es">) gets Spanish labels without a lang attribute', async ({ page }) => {
  await open(page, 'spanish-page', widget({ network: 'telegram' }), { lang: 'es' });
  await expect(payPart(page, 'button')).toHaveText('Comparte en Telegram para desbloquear');
  await expect(payPart(page, 'dismiss')).toHaveText('Ahora no');
  await payPart(page, 'dismiss').click();
  await expect(payPart(page, 'expand')).toHaveText('Desbloquear compartiendo');
});

test('another tab unlocking the same item unlocks this tab too', async ({ page, context }) => {
  await open(page, 'two-tabs', widget());
  const other = await context.newPage();
  await openTestPage(other, { name: 'two-tabs', html: testPage({ body: widget() }) });
  await expect(payPart(other, 'button')).toBeVisible();

  await shareAndReturn(page);
  await expectUnlocked(page);
  await expectUnlocked(other);
});

test('an unlock earned in this page view survives a later attribute change (remember="0")', async ({ page }) => {
  // A language switcher or a framework re-render may set attributes after
  // the shopper has paid: what they earned must stay on the page.
  await open(page, 'attribute-change', widget({ remember: '0' }));
  await shareAndReturn(page);
  await expectUnlocked(page);

  await page.locator('#pay').evaluate((element) => element.setAttribute('lang', 'es'));
  await page.clock.runFor(100);
  await expectUnlocked(page);
  await expect(payPart(page, 'button')).toHaveCount(0);
});
