// <sharelock-pay> regressions: each test here failed before the fix it
// names. A share page that cuts the opener link (Cross-Origin-Opener-Policy),
// attribute changes and DOM moves while waiting, remember="0" with several
// widgets after a same-tab share, the default item and the URL fragment,
// network="email", a fatal reconfiguration while waiting, and the space the
// widget keeps while the core loads.
//
// Playwright's clock drives Date.now() and the share-window poll (300 ms).
import {
  ORIGIN, clickForPopup, expect, openTestPage, pauseClockAt, payEvents, payMarkup, payPart, recordPayEvents, recorded,
  test, testPage,
} from './fixtures.js';

const ITEM = 'regress-1';
const TEXT = 'Free chapter: pay with a post';
const URL_ = 'https://shop.example/ebook';
const T = 'Free%20chapter%3A%20pay%20with%20a%20post';
const U = 'https%3A%2F%2Fshop.example%2Febook';
const X_INTENT = `https://x.com/intent/tweet?text=${T}&url=${U}`;
const SECRET = 'Chapter one is yours';
const TEMPLATE = `<p>${SECRET}: <a href="/files/chapter.pdf">chapter.pdf</a></p>`;
const FALLBACK = '<p class="fallback">Share the ebook to read chapter one.</p>';
const WAITING_EN = 'Waiting for your post… Come back to this page once it is published.';
const WAITING_ES = 'Esperando tu publicación… Vuelve a esta página cuando esté publicada.';
const TOO_FAST_EN = 'That was quick: it looks like the post was not sent. Try again?';
const UNLOCKED_EN = 'Unlocked. Thanks for sharing!';
const STUB = '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body>share page</body></html>';

const BASE = { id: 'pay', item: ITEM, network: 'x', text: TEXT, url: URL_ };

function widget(attributes = {}, options = {}) {
  return payMarkup({ ...BASE, ...attributes }, { template: TEMPLATE, fallback: FALLBACK, ...options });
}

async function open(page, name, body, { lang = 'en' } = {}) {
  // Machine time between two steps never counts as time the shopper spent
  // away: a "too quick" return stays quick.
  await pauseClockAt(page);
  await recordPayEvents(page);
  await openTestPage(page, { name, html: testPage({ lang, body: `<main><h1>The ebook</h1>${body}</main>` }) });
}

/**
 * Where the focus is, as a desktop browser has it. Headless Chromium (with
 * Playwright's focus emulation) tells every page it has the focus, even
 * while a share window is in front; a real browser moves the focus to the
 * popup when it opens and gives it back when the shopper returns. This
 * makes document.hasFocus() (and, for `away({hidden: true})`, the page's
 * visibility) follow that, and keeps the last share window in
 * window.__e2eShareWindow so a test can read its `closed`.
 * window.__e2eFocus.back() / .show() are the shopper's return: the state
 * changes first, then the event the shim listens for fires.
 * @param {import('@playwright/test').Page} page
 */
async function trackFocus(page) {
  await page.addInitScript(() => {
    let focused = true;
    let hidden = false;
    const realHasFocus = Document.prototype.hasFocus;
    Document.prototype.hasFocus = function hasFocus() { return focused && realHasFocus.call(this); };
    const visibility = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
    Object.defineProperty(Document.prototype, 'visibilityState', {
      configurable: true,
      get() { return hidden ? 'hidden' : visibility.get.call(this); },
    });
    const realHidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden');
    Object.defineProperty(Document.prototype, 'hidden', {
      configurable: true,
      get() { return hidden || realHidden.get.call(this); },
    });
    const realOpen = window.open;
    window.open = function open(...args) {
      const opened = realOpen.apply(this, args);
      if (opened) {
        window.__e2eShareWindow = opened;
        focused = false;
      }
      return opened;
    };
    Object.defineProperty(window, '__e2eFocus', {
      value: {
        away({ hidden: hide = false } = {}) {
          focused = false;
          if (hide && !hidden) {
            hidden = true;
            document.dispatchEvent(new Event('visibilitychange'));
          }
        },
        back() {
          focused = true;
          window.dispatchEvent(new Event('focus'));
        },
        show() {
          hidden = false;
          focused = true;
          document.dispatchEvent(new Event('visibilitychange'));
        },
      },
    });
  });
}

/** Serves the share intent on x.com with Cross-Origin-Opener-Policy: same-origin. */
async function serveIntentWithCoop(context) {
  // Registered after the fixtures' catch-all stub, so it answers first.
  await context.route((url) => url.hostname === 'x.com', (route) => route.fulfill({
    status: 200,
    contentType: 'text/html; charset=utf-8',
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin' },
    body: STUB,
  }));
}

async function expectWaiting(page, host = '#pay') {
  await expect(payPart(page, 'hint', host)).toHaveText(WAITING_EN);
  await expect(payPart(page, 'cancel', host)).toBeVisible();
  await expect(payPart(page, 'notice', host)).toHaveText('');
  await expect(page.locator(host)).not.toHaveAttribute('unlocked');
  await expect(page.locator(`${host} > [data-sharelock-content]`)).toHaveCount(0);
}

async function expectUnlocked(page, host = '#pay') {
  await expect(page.locator(host)).toHaveAttribute('unlocked', '');
  const content = page.locator(`${host} > [data-sharelock-content]`);
  await expect(content).toHaveCount(1);
  await expect(content.getByText(SECRET)).toBeVisible();
  return content;
}

function storage(page) {
  return page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

test.describe('a share page with Cross-Origin-Opener-Policy (window.closed reads true while it is open)', () => {
  test('the widget keeps waiting while the share window is open, and the shopper\'s return (focus) after the wait unlocks', async ({ page, context, external, consoleErrors }) => {
    await serveIntentWithCoop(context);
    await trackFocus(page);
    await open(page, 'coop-focus', widget());

    const popup = await clickForPopup(page, payPart(page, 'button'));
    expect(popup.url()).toBe(X_INTENT);
    expect(external).toEqual([X_INTENT]);
    // COOP cut the link: from here the share window reads as closed.
    await expect.poll(() => page.evaluate(() => window.__e2eShareWindow.closed)).toBe(true);
    expect(popup.isClosed()).toBe(false);

    // Several polls later, with the share window in front: still waiting,
    // no "That was quick" notice, no sharelock:cancel.
    await page.clock.runFor(2000);
    await expectWaiting(page);
    await expect(payPart(page, 'status')).toHaveText('');
    expect(await payEvents(page)).toEqual({ unlocks: [], cancels: [] });

    await page.clock.fastForward('00:08');
    await expectWaiting(page);
    expect(popup.isClosed()).toBe(false);

    // The shopper comes back to the shop.
    await page.evaluate(() => window.__e2eFocus.back());
    const content = await expectUnlocked(page);
    await expect(content).toBeFocused();
    await expect(payPart(page, 'status')).toHaveText(UNLOCKED_EN);
    expect(await payEvents(page)).toEqual({
      unlocks: [{ item: ITEM, network: 'x', mode: 'intent', target: 'pay' }],
      cancels: [],
    });
    expect(consoleErrors).toEqual([]);
  });

  test('the share opened as a tab: the page hidden meanwhile, coming back to it (visibilitychange) after the wait unlocks', async ({ page, context }) => {
    await serveIntentWithCoop(context);
    await trackFocus(page);
    await open(page, 'coop-visibility', widget());

    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.evaluate(() => window.__e2eFocus.away({ hidden: true }));
    await expect.poll(() => page.evaluate(() => window.__e2eShareWindow.closed)).toBe(true);
    await page.clock.runFor(2000);
    await expectWaiting(page);

    await page.clock.fastForward('00:08');
    await expectWaiting(page);
    expect(popup.isClosed()).toBe(false);

    await page.evaluate(() => window.__e2eFocus.show());
    await expectUnlocked(page);
    expect((await payEvents(page)).unlocks).toEqual([{ item: ITEM, network: 'x', mode: 'intent', target: 'pay' }]);
  });

  test('without COOP, closing the share window too soon still says so when the close is seen before the page has the focus back', async ({ page }) => {
    // The fix must not cost the "too fast" rule: the shopper closes the
    // share window after 3 s, the poll notices before the browser hands the
    // focus back, then the focus comes back. Nothing was posted.
    await trackFocus(page);
    await open(page, 'closed-before-focus', widget());

    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:03');
    await popup.close();
    await expect.poll(() => page.evaluate(() => window.__e2eShareWindow.closed)).toBe(true);
    await page.clock.runFor(400);
    await page.evaluate(() => window.__e2eFocus.back());
    await page.clock.runFor(400);

    await expect(payPart(page, 'notice')).toHaveText(TOO_FAST_EN);
    await expect(payPart(page, 'button')).toBeVisible();
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    expect(await payEvents(page)).toEqual({
      unlocks: [],
      cancels: [{ item: ITEM, network: 'x', reason: 'too-fast', target: 'pay' }],
    });

    // Switching away and back later, without sharing again, unlocks nothing.
    await page.evaluate(() => window.__e2eFocus.away());
    await page.clock.fastForward('00:20');
    await page.evaluate(() => window.__e2eFocus.back());
    await page.clock.runFor(400);
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
    await expect(page.getByText(SECRET)).toHaveCount(0);
    expect((await payEvents(page)).unlocks).toEqual([]);
  });
});

test.describe('the wait survives changes to the element', () => {
  test('changing text and lang while waiting keeps the wait: closing the share window after it unlocks', async ({ page, consoleErrors }) => {
    await open(page, 'attribute-while-waiting', widget());
    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:03');

    await page.locator('#pay').evaluate((element) => element.setAttribute('text', 'A new text for the post'));
    await page.clock.runFor(100);
    await expectWaiting(page);

    await page.locator('#pay').evaluate((element) => element.setAttribute('lang', 'es'));
    await page.clock.runFor(100);
    await expect(payPart(page, 'hint')).toHaveText(WAITING_ES);
    await expect(payPart(page, 'cancel')).toHaveText('Cancelar');
    await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');

    await page.clock.fastForward('00:06');
    await popup.close();
    await page.clock.runFor(400);
    await expectUnlocked(page);
    await expect(payPart(page, 'status')).toHaveText('Desbloqueado. ¡Gracias por compartir!');
    expect(await payEvents(page)).toEqual({
      unlocks: [{ item: ITEM, network: 'x', mode: 'intent', target: 'pay' }],
      cancels: [],
    });
    expect(consoleErrors).toEqual([]);
  });

  test('moving the element elsewhere in the DOM while waiting keeps watching the share window', async ({ page }) => {
    await open(page, 'move-while-waiting', `${widget()}<aside id="sidebar"></aside>`);
    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:03');

    await page.evaluate(() => document.querySelector('#sidebar').append(document.querySelector('#pay')));
    await expect(page.locator('#sidebar > #pay')).toHaveCount(1);
    await page.clock.runFor(1000);
    await expectWaiting(page);

    await page.clock.fastForward('00:06');
    await popup.close();
    await page.clock.runFor(400);
    await expectUnlocked(page);
    expect((await payEvents(page)).unlocks).toEqual([{ item: ITEM, network: 'x', mode: 'intent', target: 'pay' }]);
  });

  test('moved while waiting, a share window closed too soon still gives the notice', async ({ page }) => {
    await open(page, 'move-too-fast', `${widget()}<aside id="sidebar"></aside>`);
    const popup = await clickForPopup(page, payPart(page, 'button'));
    await page.clock.fastForward('00:02');
    await page.evaluate(() => document.querySelector('#sidebar').append(document.querySelector('#pay')));
    await popup.close();
    await page.clock.runFor(400);
    await expect(payPart(page, 'notice')).toHaveText(TOO_FAST_EN);
    expect((await payEvents(page)).cancels).toEqual([{ item: ITEM, network: 'x', reason: 'too-fast', target: 'pay' }]);
  });
});

test.describe('remember="0", popup blocked, two widgets for the same item', () => {
  for (const clicked of ['first', 'second']) {
    test(`after the same-tab round trip (clicking the ${clicked}) both are unlocked`, async ({ page, consoleErrors }) => {
      await page.addInitScript(() => {
        // A popup blocker: window.open opens nothing and returns null.
        window.open = () => null;
      });
      const body = [
        widget({ id: 'first', remember: '0' }),
        widget({ id: 'second', remember: '0' }, { template: `<p>${SECRET} (again)</p>` }),
      ].join('\n');
      await open(page, `remember-zero-blocked-${clicked}`, body);
      await expect(payPart(page, 'button', '#second')).toBeVisible();

      await payPart(page, 'button', `#${clicked}`).click();
      await page.waitForURL(X_INTENT);
      await page.clock.fastForward('00:09');
      await page.goBack();
      expect(new URL(page.url()).pathname).toBe(`/__test__/remember-zero-blocked-${clicked}.html`);

      await expectUnlocked(page, '#first');
      await expectUnlocked(page, '#second');
      // One share, one unlock event; nothing remembered, the attempt cleared.
      expect((await payEvents(page)).unlocks).toHaveLength(1);
      expect(await storage(page)).toEqual({ local: {}, session: {} });
      expect(consoleErrors).toEqual([]);

      // remember="0": a reload locks both again.
      await page.reload();
      await expect(payPart(page, 'button', '#first')).toBeVisible();
      await expect(payPart(page, 'button', '#second')).toBeVisible();
      await expect(page.getByText(SECRET)).toHaveCount(0);
    });
  }
});

test('the default item (no item attribute) is the URL without its fragment', async ({ page, context }) => {
  const DEFAULT_ITEM = 'https://shop.example/ebook';
  const noItem = (url) => payMarkup({ id: 'pay', network: 'x', text: TEXT, url }, { template: TEMPLATE, fallback: FALLBACK });
  await open(page, 'default-item-fragment', noItem(`${DEFAULT_ITEM}#reviews`));
  const popup = await clickForPopup(page, payPart(page, 'button'));
  await page.clock.fastForward('00:09');
  await popup.close();
  await page.clock.runFor(400);
  await expectUnlocked(page);
  expect((await payEvents(page)).unlocks).toEqual([{ item: DEFAULT_ITEM, network: 'x', mode: 'intent', target: 'pay' }]);
  expect(Object.keys((await storage(page)).local)).toEqual([`sharelock:unlock:${DEFAULT_ITEM}`]);

  // The same page without the fragment, and with another one: unlocked from storage.
  for (const [name, url] of [['default-item-plain', DEFAULT_ITEM], ['default-item-other-fragment', `${DEFAULT_ITEM}#faq`]]) {
    const other = await context.newPage();
    await recordPayEvents(other);
    await openTestPage(other, { name, html: testPage({ body: noItem(url) }) });
    await expectUnlocked(other);
    await expect(payPart(other, 'button')).toHaveCount(0);
    expect(await payEvents(other)).toEqual({ unlocks: [], cancels: [] });
    await other.close();
  }

  // Another page stays locked.
  const elsewhere = await context.newPage();
  await openTestPage(elsewhere, { name: 'default-item-elsewhere', html: testPage({ body: noItem('https://shop.example/other#reviews') }) });
  await expect(payPart(elsewhere, 'button')).toBeVisible();
  await expect(elsewhere.locator('#pay')).not.toHaveAttribute('unlocked');
});

test('network="email": no popup, a pending record while away, and the return after the wait unlocks and clears it', async ({ page, context, consoleErrors }) => {
  const mailto = 'mailto:?subject=Free%20chapter%3A%20pay%20with%20a%20post'
    + '&body=Free%20chapter%3A%20pay%20with%20a%20post%0D%0A%0D%0Ahttps%3A%2F%2Fshop.example%2Febook';
  const requested = [];
  page.on('request', (request) => {
    if (request.url().startsWith('mailto:')) requested.push(request.url());
  });
  await trackFocus(page);
  await open(page, 'email-pending', widget({ network: 'email' }));
  const button = payPart(page, 'button');
  await expect(button).toHaveAttribute('href', mailto);

  await button.click();
  await expect(payPart(page, 'hint')).toHaveText(WAITING_EN);
  expect((await recorded(page)).opened).toEqual([]);
  expect(context.pages()).toHaveLength(1);
  await expect.poll(() => requested).toEqual([mailto]);

  // The page's clock is paused (see open()) and has not moved since the
  // click: the record says the share was opened at exactly that instant.
  const now = await page.evaluate(() => Date.now());
  const { session } = await storage(page);
  expect(Object.keys(session)).toEqual([`sharelock:pending:${ITEM}`]);
  const pending = JSON.parse(session[`sharelock:pending:${ITEM}`]);
  expect(pending.v).toBe(1);
  expect(pending.openedAt).toBe(now);

  // The mail program has the focus; a glance back too soon keeps waiting.
  await page.evaluate(() => window.__e2eFocus.away());
  await page.clock.fastForward('00:03');
  await page.evaluate(() => window.__e2eFocus.back());
  await expectWaiting(page);
  expect(Object.keys((await storage(page)).session)).toEqual([`sharelock:pending:${ITEM}`]);

  await page.evaluate(() => window.__e2eFocus.away());
  await page.clock.fastForward('00:06');
  await page.evaluate(() => window.__e2eFocus.back());
  const content = await expectUnlocked(page);
  await expect(content).toBeFocused();
  expect((await payEvents(page)).unlocks).toEqual([{ item: ITEM, network: 'email', mode: 'intent', target: 'pay' }]);
  const after = await storage(page);
  expect(after.session).toEqual({});
  expect(Object.keys(after.local)).toEqual([`sharelock:unlock:${ITEM}`]);
  expect(consoleErrors).toEqual([]);
});

test('a fatal reconfiguration while waiting shows the fallback with exactly one console.error, and nothing runs after it', async ({ page, consoleErrors }) => {
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await open(page, 'fatal-while-waiting', widget());
  const popup = await clickForPopup(page, payPart(page, 'button'));
  await page.clock.fastForward('00:02');

  await page.locator('#pay').evaluate((element) => element.setAttribute('network', 'facebook'));
  await expect(page.getByText('Share the ebook to read chapter one.')).toBeVisible();
  await expect(payPart(page, 'button')).toHaveCount(0);
  await expect(payPart(page, 'cancel')).toHaveCount(0);
  await expect.poll(() => consoleErrors.length).toBe(1);
  expect(consoleErrors[0]).toContain('network-not-allowed');
  expect((await recorded(page)).errors).toEqual([{ code: 'network-not-allowed', attribute: 'network', target: 'pay' }]);

  // The shopper's return, the share window closing, time passing: silence.
  await page.evaluate(() => {
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.runFor(2000);
  await page.clock.fastForward('00:20');
  await popup.close();
  await page.clock.runFor(2000);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.clock.runFor(1000);

  expect(consoleErrors).toHaveLength(1);
  expect((await recorded(page)).errors).toHaveLength(1);
  expect(pageErrors).toEqual([]);
  expect(await payEvents(page)).toEqual({ unlocks: [], cancels: [] });
  await expect(page.locator('#pay')).not.toHaveAttribute('unlocked');
  await expect(page.getByText(SECRET)).toHaveCount(0);
  await expect(page.getByText('Share the ebook to read chapter one.')).toBeVisible();
});

test('while the core loads, the widget keeps the room of its prompt and shows its fallback in it, not an empty gap', async ({ page }) => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let asked = false;
  await page.route((url) => url.origin === ORIGIN && url.pathname === '/dist/sharelock-core.wasm', async (route) => {
    asked = true;
    await gate;
    await route.continue();
  });
  await openTestPage(page, { name: 'placeholder', html: testPage({ body: `${widget()}<p id="after">After the widget</p>` }) });
  await expect.poll(() => asked).toBe(true);

  const placeholder = payPart(page, 'placeholder');
  await expect(placeholder).toHaveCount(1);
  await expect(placeholder).toHaveAttribute('aria-busy', 'true');
  await expect(payPart(page, 'panel')).toHaveCount(0);
  const box = await placeholder.boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(150);
  const host = await page.locator('#pay').boundingBox();
  expect(host.height).toBeGreaterThanOrEqual(150);
  // The site owner's fallback stays readable meanwhile, inside that room.
  await expect(page.getByText('Share the ebook to read chapter one.')).toBeVisible();

  release();
  await expect(payPart(page, 'panel')).toBeVisible();
  await expect(placeholder).toHaveCount(0);
  await expect(page.getByText('Share the ebook to read chapter one.')).toBeHidden();
});
