// <sharelock-proof kind="recent">: real events rotating in a corner, as a
// shopper sees them. The page's clock is paused at a known "now"
// (openProofPage) and moved with runFor, so "first toast after 3 s, shown
// for 6 s, the next one 20 s later" is checked to the millisecond. What is
// checked: rotation (newest first, relative times), the per-visitor cap
// kept in localStorage, dismissing (click, Escape), holding while hovered,
// names and places rendered as text only, stale and future events never
// shown, the corners the toast may not take (data-sharelock-avoid), and
// reduced motion.
import {
  expect, jsonFile, openProofPage, proofEvents, proofFootprint, proofMarkup, proofPart, recorded, test,
} from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const iso = (time) => new Date(time).toISOString();
const GATE_KEY = 'sharelock:proof-toasts';
const FEED_PATH = '/__test__/proof.json';

const event = (id, minutesAgo, fields) => ({ id, item: 'playbook', type: 'purchase', at: iso(NOW - minutesAgo * MINUTE), ...fields });

const EVENTS = [
  // Listed oldest first on purpose: the widget sorts newest first.
  event('e3', 30, { type: 'share', name: 'Marta' }),
  event('e2', 12, { name: 'Luis', place: 'Sevilla' }),
  event('e1', 5, { name: 'Ana García', place: 'Madrid' }),
  // Another item: never shown by a widget with item="playbook".
  event('other', 1, { item: 'other-book', name: 'Pablo', place: 'Bilbao' }),
];
const feedOf = (events) => ({ version: 1, events });

const toast = (page, host = 'sharelock-proof') => proofPart(page, 'toast', host);
const toastText = (page, host = 'sharelock-proof') => proofPart(page, 'toast-text', host);
const gateRecord = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), GATE_KEY);

/**
 * Opens a page with one recent-activity widget (and `extra` markup) and
 * waits until it has read its feed and set up its (still hidden) toast.
 */
async function openToastPage(page, { name, events = EVENTS, attributes = {}, extra = '', head = '', lang = 'en', css = '', csp }) {
  // events: null when the test serves the feed itself.
  const files = events ? { 'proof.json': jsonFile(feedOf(events)) } : {};
  if (css) files['page.css'] = { body: css, contentType: 'text/css' };
  await openProofPage(page, {
    name,
    now: NOW,
    lang,
    csp,
    head: `${css ? '<link rel="stylesheet" href="/__test__/page.css">' : ''}${head}`,
    files,
    body: `<main><h1>The Small Shop Playbook</h1><p id="copy">Forty pages of tested ideas.</p>${extra}</main>
${proofMarkup({ id: 'recent', kind: 'recent', src: FEED_PATH, item: 'playbook', ...attributes })}`,
  });
  await waitForToastSetUp(page);
}

/** The toast exists (hidden) once the feed is read: from then on, timers run on the paused clock. */
async function waitForToastSetUp(page) {
  await expect(toast(page)).toHaveCount(1);
  await expect(toast(page)).toBeHidden();
}

function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test.describe('rotation', () => {
  test('the first toast after 3 s, newest first, with its relative time; hidden after 6 s; the next 20 s after the first; announced politely; sharelock:proof each time', async ({ page, consoleErrors, external }) => {
    await openToastPage(page, { name: 'proof-rotation' });
    await expect(toast(page)).toHaveAttribute('popover', 'manual');
    await expect(toast(page)).toHaveAttribute('role', 'group');
    await expect(toast(page)).toHaveAttribute('aria-label', 'Recent activity');
    await expect(proofPart(page, 'status')).toHaveAttribute('aria-live', 'polite');
    await expect(proofPart(page, 'status')).toHaveText('');
    // The host takes no room in the page: the toast is fixed, in a corner.
    expect((await proofFootprint(page, '#recent')).height).toBe(0);

    await page.clock.runFor(3 * SECOND - 1);
    await expect(toast(page)).toBeHidden();
    await page.clock.runFor(1);
    await expect(toast(page)).toBeVisible();
    await expect(toastText(page)).toHaveText('Ana from Madrid bought this 5 min ago');
    await expect(proofPart(page, 'status')).toHaveText('Ana from Madrid bought this 5 min ago');
    await expect(toast(page)).toHaveAttribute('data-position', 'bottom-left');
    await expect(proofPart(page, 'dismiss')).toHaveAccessibleName('Dismiss activity notices');
    const box = await toast(page).boundingBox();
    const viewport = page.viewportSize();
    expect(box.x).toBeLessThan(viewport.width / 2);
    expect(box.y + box.height).toBeGreaterThan(viewport.height - 40);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);

    // Shown for 6 s (duration), then gone.
    await page.clock.runFor(6 * SECOND - 1);
    await expect(toast(page)).toBeVisible();
    await page.clock.runFor(1);
    await expect(toast(page)).toBeHidden();

    // The second: 20 s (interval) after the first, the time said then.
    await page.clock.runFor(14 * SECOND - 1);
    await expect(toast(page)).toBeHidden();
    await page.clock.runFor(1);
    await expect(toast(page)).toBeVisible();
    await expect(toastText(page)).toHaveText('Luis from Sevilla bought this 12 min ago');
    await expect(proofPart(page, 'status')).toHaveText('Luis from Sevilla bought this 12 min ago');
    await page.clock.runFor(6 * SECOND);
    await expect(toast(page)).toBeHidden();

    // The third: no place given, another kind of activity.
    await page.clock.runFor(14 * SECOND);
    await expect(toastText(page)).toHaveText('Marta shared this 30 min ago');
    await expect(toast(page)).toBeVisible();

    expect(await proofEvents(page)).toEqual([
      { kind: 'recent', type: 'purchase', at: NOW - 5 * MINUTE, text: 'Ana from Madrid bought this 5 min ago', target: 'recent' },
      { kind: 'recent', type: 'purchase', at: NOW - 12 * MINUTE, text: 'Luis from Sevilla bought this 12 min ago', target: 'recent' },
      { kind: 'recent', type: 'share', at: NOW - 30 * MINUTE, text: 'Marta shared this 30 min ago', target: 'recent' },
    ]);
    expect(await gateRecord(page)).toEqual({ v: 1, since: NOW + 3 * SECOND, shown: 3 });
    expect(consoleErrors).toEqual([]);
    expect((await recorded(page)).errors).toEqual([]);
    expect((await recorded(page)).violations).toEqual([]);
    expect(external).toEqual([]);
  });

  test('in Spanish, with position="top-right", interval="8" and duration="3"', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-rotation-es', lang: 'es', attributes: { position: 'top-right', interval: '8', duration: '3' } });
    await page.clock.runFor(3 * SECOND);
    await expect(toastText(page)).toHaveText('Ana de Madrid lo compró hace 5 min');
    await expect(toast(page)).toHaveAttribute('data-position', 'top-right');
    await expect(toast(page)).toHaveAttribute('aria-label', 'Actividad reciente');
    await expect(proofPart(page, 'dismiss')).toHaveAccessibleName('Cerrar avisos de actividad');
    const box = await toast(page).boundingBox();
    expect(box.y).toBeLessThan(40);
    expect(box.x + box.width).toBeGreaterThan(page.viewportSize().width - 40);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeHidden();
    await page.clock.runFor(5 * SECOND);
    await expect(toastText(page)).toHaveText('Luis de Sevilla lo compró hace 12 min');
    await page.clock.runFor(8 * SECOND);
    await expect(toastText(page)).toHaveText('Marta lo compartió hace 30 min');
    expect(consoleErrors).toEqual([]);
  });

  test('type="share" shows only shares, each once: shown again it would read as another share', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-rotation-type', attributes: { type: 'share', interval: '5', duration: '2' } });
    await page.clock.runFor(3 * SECOND);
    await expect(toastText(page)).toHaveText(/^Marta shared this 30 min ago$/);
    await page.clock.runFor(2 * SECOND);
    await expect(toast(page)).toBeHidden();
    for (let turn = 0; turn < 3; turn += 1) {
      await page.clock.runFor(5 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect((await proofEvents(page)).map((e) => e.type)).toEqual(['share']);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('the cap, dismissing and holding', () => {
  test('max-toasts="2": two toasts in a page view, then none; a reload (same localStorage) shows none', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-cap', attributes: { 'max-toasts': '2', interval: '5', duration: '2' } });
    await page.clock.runFor(3 * SECOND);
    await expect(toastText(page)).toHaveText('Ana from Madrid bought this 5 min ago');
    await expect(toast(page)).toBeVisible();
    await page.clock.runFor(5 * SECOND);
    await expect(toastText(page)).toHaveText('Luis from Sevilla bought this 12 min ago');
    await expect(toast(page)).toBeVisible();
    await page.clock.runFor(2 * SECOND);
    await expect(toast(page)).toBeHidden();
    // Turn after turn, nothing more.
    for (let turn = 0; turn < 6; turn += 1) {
      await page.clock.runFor(5 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect((await proofEvents(page)).map((e) => e.text)).toEqual([
      'Ana from Madrid bought this 5 min ago',
      'Luis from Sevilla bought this 12 min ago',
    ]);
    // The live region is emptied with the toast: read later, it would no
    // longer be true.
    await expect(proofPart(page, 'status')).toHaveText('');
    expect(await gateRecord(page)).toEqual({ v: 1, since: NOW + 3 * SECOND, shown: 2 });

    await page.reload();
    await waitForToastSetUp(page);
    for (let turn = 0; turn < 4; turn += 1) {
      await page.clock.runFor(turn === 0 ? 3 * SECOND : 5 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect(await proofEvents(page)).toEqual([]);
    await expect(proofPart(page, 'status')).toHaveText('');
    expect(await gateRecord(page)).toEqual({ v: 1, since: NOW + 3 * SECOND, shown: 2 });
    expect(consoleErrors).toEqual([]);
  });

  test('the dismiss button, clicked, hides the toast and stops the rotation; a reload within the snooze shows none', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-dismiss-click' });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await proofPart(page, 'dismiss').click();
    await expect(toast(page)).toBeHidden();
    for (let turn = 0; turn < 3; turn += 1) {
      await page.clock.runFor(20 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect(await proofEvents(page)).toHaveLength(1);
    const record = await gateRecord(page);
    expect(record).toMatchObject({ v: 1, since: NOW + 3 * SECOND, shown: 1 });
    // Snoozed for 7 days (the default) from the click.
    expect(record.until).toBeGreaterThanOrEqual(NOW + 3 * SECOND + 7 * DAY);
    expect(record.until).toBeLessThanOrEqual(NOW + 4 * SECOND + 7 * DAY);

    await page.reload();
    await waitForToastSetUp(page);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeHidden();
    await page.clock.runFor(40 * SECOND);
    await expect(toast(page)).toBeHidden();
    expect(await proofEvents(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test('Tab reaches the dismiss button, which holds the toast; Escape dismisses and stops them', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-dismiss-escape' });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(proofPart(page, 'dismiss')).toBeFocused();
    // Focused, it stays past its 6 s.
    await page.clock.runFor(10 * SECOND);
    await expect(toast(page)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(toast(page)).toBeHidden();
    for (let turn = 0; turn < 3; turn += 1) {
      await page.clock.runFor(20 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect(await proofEvents(page)).toHaveLength(1);
    expect((await gateRecord(page)).until).toBeGreaterThan(NOW + 7 * DAY);
    expect(consoleErrors).toEqual([]);
  });

  test('focused from the keyboard, a toast stays even when the mouse passes over it and leaves', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-focus-hover' });
    await page.mouse.move(640, 100);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(proofPart(page, 'dismiss')).toBeFocused();
    // The pointer crosses the toast on its way elsewhere.
    await toastText(page).hover();
    await page.mouse.move(640, 100);
    await page.clock.runFor(10 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(proofPart(page, 'dismiss')).toBeFocused();
    // Let go by the keyboard too, it hides after its 6 s.
    await page.keyboard.press('Shift+Tab');
    await expect(proofPart(page, 'dismiss')).not.toBeFocused();
    await page.clock.runFor(6 * SECOND);
    await expect(toast(page)).toBeHidden();
    expect(consoleErrors).toEqual([]);
  });

  test('snooze="session": dismissed for this page view only', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-dismiss-session', attributes: { snooze: 'session' } });
    await page.clock.runFor(3 * SECOND);
    await proofPart(page, 'dismiss').click();
    await expect(toast(page)).toBeHidden();
    await page.clock.runFor(40 * SECOND);
    await expect(toast(page)).toBeHidden();
    await page.reload();
    await waitForToastSetUp(page);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('hovered, a toast stays past its duration (and the rotation waits); let go, it hides 6 s later', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-hover' });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await toastText(page).hover();
    // Well past its 6 s and past the next turn at 20 s.
    await page.clock.runFor(30 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toastText(page)).toHaveText('Ana from Madrid bought this 5 min ago');
    await page.mouse.move(640, 100);
    await page.clock.runFor(6 * SECOND - 1);
    await expect(toast(page)).toBeVisible();
    await page.clock.runFor(1);
    await expect(toast(page)).toBeHidden();
    // The rotation goes on: the turn at 23 s was skipped (still shown),
    // the next is at 43 s, 4 s after it hid at 39 s.
    await page.clock.runFor(4 * SECOND - 1);
    await expect(toast(page)).toBeHidden();
    await page.clock.runFor(1);
    await expect(toastText(page)).toHaveText(/^Luis from Sevilla bought this 12 min ago$/);
    await expect(toast(page)).toBeVisible();
    expect(await proofEvents(page)).toHaveLength(2);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('per visitor, per day', () => {
  /** Serves a feed whose events are dated from `now()` when it is asked for. */
  async function serveLiveFeed(page, now) {
    await page.route((url) => url.pathname === FEED_PATH, (route) => route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify(feedOf(['Ana', 'Luis', 'Marta', 'Iker', 'Lucía', 'Jordi', 'Nerea'].map((name, index) => ({
        id: `${name}-${now()}`, item: 'playbook', type: 'purchase', at: iso(now() - (index + 1) * MINUTE), name,
      })))),
    }));
  }

  test('by default five toasts a day: the sixth turn shows nothing; 24 h later a new page view shows them again', async ({ page, consoleErrors }) => {
    let feedNow = NOW;
    await serveLiveFeed(page, () => feedNow);
    await openToastPage(page, { name: 'proof-cap-default', events: null, attributes: { interval: '5', duration: '2' } });
    const names = ['Ana', 'Luis', 'Marta', 'Iker', 'Lucía'];
    for (const [index, name] of names.entries()) {
      await page.clock.runFor(index === 0 ? 3 * SECOND : 5 * SECOND);
      await expect(toast(page)).toBeVisible();
      await expect(toastText(page)).toHaveText(new RegExp(`^${name} bought this`));
    }
    for (let turn = 0; turn < 4; turn += 1) {
      await page.clock.runFor(5 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect(await proofEvents(page)).toHaveLength(5);
    expect(await gateRecord(page)).toEqual({ v: 1, since: NOW + 3 * SECOND, shown: 5 });

    // Still the same day: none.
    await page.clock.fastForward(23 * HOUR);
    feedNow = NOW + 23 * HOUR;
    await page.reload();
    await waitForToastSetUp(page);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeHidden();
    expect(await proofEvents(page)).toEqual([]);

    // A day after the first toast: a new allowance.
    await page.clock.fastForward(HOUR);
    feedNow = await page.evaluate(() => Date.now());
    await page.reload();
    await waitForToastSetUp(page);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toastText(page)).toHaveText('Ana bought this 1 min ago');
    expect(await gateRecord(page)).toEqual({ v: 1, since: feedNow + 3 * SECOND, shown: 1 });
    expect(consoleErrors).toEqual([]);
  });

  test('dismissed, they stay away for the 7-day snooze, and come back after it', async ({ page, consoleErrors }) => {
    let feedNow = NOW;
    await serveLiveFeed(page, () => feedNow);
    await openToastPage(page, { name: 'proof-snooze', events: null });
    await page.clock.runFor(3 * SECOND);
    await proofPart(page, 'dismiss').click();
    await expect(toast(page)).toBeHidden();

    await page.clock.fastForward(6 * DAY);
    feedNow = await page.evaluate(() => Date.now());
    await page.reload();
    await waitForToastSetUp(page);
    await page.clock.runFor(30 * SECOND);
    await expect(toast(page)).toBeHidden();
    expect(await proofEvents(page)).toEqual([]);

    await page.clock.fastForward(DAY);
    feedNow = await page.evaluate(() => Date.now());
    await page.reload();
    await waitForToastSetUp(page);
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toastText(page)).toHaveText('Ana bought this 1 min ago');
    expect(consoleErrors).toEqual([]);
  });

  test('a widget taken out of the page takes its toast and its rotation with it', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-removed' });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await page.locator('#recent').evaluate((element) => { window.__removedProof = element; element.remove(); });
    await expect(page.locator('sharelock-proof')).toHaveCount(0);
    expect(await page.evaluate(() => window.__removedProof.shadowRoot.querySelector('[part="toast"]').matches(':popover-open'))).toBe(false);
    await page.clock.runFor(MINUTE);
    expect(await proofEvents(page)).toHaveLength(1);
    expect(await gateRecord(page)).toEqual({ v: 1, since: NOW + 3 * SECOND, shown: 1 });
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('names and places are text', () => {
  test('markup in a name or place shows literally, creates no element and runs nothing (even where the CSP would allow it); identifying names become "Someone"; surnames are dropped', async ({ page, consoleErrors }) => {
    const events = [
      event('x1', 1, { name: '<img src=x onerror=window.__pwned=1>', place: 'Madrid' }),
      event('x2', 2, { name: '<b>Ana</b>', place: '<i>Sevilla</i>' }),
      event('x3', 3, { name: '<img/src/onerror=__pwned=true>' }),
      event('x4', 4, { name: 'ana.garcia@example.com', place: '28013 Madrid' }),
      event('x5', 5, { name: 'Ana García López', place: 'Valencia' }),
    ];
    // A page that would run an inline handler if the markup were parsed.
    const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; img-src 'self' data:; style-src 'self'";
    await openToastPage(page, { name: 'proof-names', events, csp, attributes: { interval: '5', duration: '2' } });
    const expected = [
      '<img from Madrid bought this 1 min ago',
      '<b>Ana</b> from <i>Sevilla</i> bought this 2 min ago',
      '<img/src/onerror=__pwned=true> bought this 3 min ago',
      'Someone bought this 4 min ago',
      'Ana from Valencia bought this 5 min ago',
    ];
    for (const [index, text] of expected.entries()) {
      await page.clock.runFor(index === 0 ? 3 * SECOND : 5 * SECOND);
      await expect(toast(page)).toBeVisible();
      await expect(toastText(page)).toHaveText(text);
      expect(await toastText(page).evaluate((p) => ({ elements: p.childElementCount, text: p.textContent }))).toEqual({ elements: 0, text });
      await expect(proofPart(page, 'status')).toHaveText(text);
      expect(await proofPart(page, 'status').evaluate((p) => p.childElementCount)).toBe(0);
    }
    const created = await page.locator('#recent').evaluate((host) => ({
      shadow: [...host.shadowRoot.querySelectorAll('*')].map((e) => e.localName).sort(),
      page: document.querySelectorAll('img, b, i, svg').length,
    }));
    expect(created).toEqual({ shadow: ['button', 'div', 'p', 'p'], page: 0 });
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(consoleErrors).toEqual([]);
    expect((await recorded(page)).violations).toEqual([]);
  });

  test('in Spanish, a name that is not shown is "Alguien"', async ({ page, consoleErrors }) => {
    await openToastPage(page, { name: 'proof-names-es', lang: 'es', events: [event('s1', 2, { name: 'user4711', place: 'Bilbao' })] });
    await page.clock.runFor(3 * SECOND);
    await expect(toastText(page)).toHaveText('Alguien de Bilbao lo compró hace 2 min');
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('only events inside the window, never from the future', () => {
  test('a feed whose every event is older than the window shows nothing and uses no cap', async ({ page, consoleErrors }) => {
    const events = [event('old1', 25 * 60), event('old2', 3 * 24 * 60, { name: 'Ana' })];
    await openProofPage(page, {
      name: 'proof-all-stale',
      now: NOW,
      files: { 'proof.json': jsonFile(feedOf(events)) },
      body: `<p id="copy">Page text</p>
${proofMarkup({ id: 'recent', kind: 'recent', src: FEED_PATH, item: 'playbook' })}
${proofMarkup({ id: 'total', count: '12' })}`,
    });
    await expect(proofPart(page, 'text', '#total')).toHaveText('12 people bought this');
    await expect.poll(() => proofFootprint(page, '#recent')).toEqual({ nodes: 0, height: 0 });
    await page.clock.runFor(MINUTE);
    await expect(toast(page)).toHaveCount(0);
    expect(await proofFootprint(page, '#recent')).toEqual({ nodes: 0, height: 0 });
    expect(await gateRecord(page)).toBeNull();
    expect((await proofEvents(page)).filter((e) => e.kind === 'recent')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect((await recorded(page)).errors).toEqual([]);
  });

  test('window="1h": an event two hours old is never shown, the fresh one is', async ({ page, consoleErrors }) => {
    const events = [event('fresh', 30, { name: 'Ana' }), event('old', 2 * 60, { name: 'Luis' })];
    await openToastPage(page, { name: 'proof-window-1h', events, attributes: { window: '1h', interval: '5', duration: '2' } });
    for (let turn = 0; turn < 4; turn += 1) {
      await page.clock.runFor(turn === 0 ? 3 * SECOND : 5 * SECOND);
      await expect(toastText(page)).toHaveText(/^Ana bought this 30 min ago$/);
    }
    expect((await proofEvents(page)).every((e) => e.at === NOW - 30 * MINUTE)).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  test('an event from the future is skipped and reported (invalid-feed-rows, once); the valid ones still show', async ({ page, consoleErrors }) => {
    const events = [
      { id: 'future', item: 'playbook', type: 'purchase', at: iso(NOW + HOUR), name: 'Zoe' },
      { id: 'no-offset', item: 'playbook', type: 'purchase', at: '2026-11-30T11:58:00', name: 'Yago' },
      event('fresh', 2, { name: 'Ana' }),
    ];
    await openToastPage(page, { name: 'proof-future', events, attributes: { interval: '5', duration: '2' } });
    for (let turn = 0; turn < 4; turn += 1) {
      await page.clock.runFor(turn === 0 ? 3 * SECOND : 5 * SECOND);
      await expect(toastText(page)).toHaveText(/^Ana bought this 2 min ago$/);
    }
    expect((await recorded(page)).errors).toEqual([{ code: 'invalid-feed-rows', attribute: 'src', target: 'recent' }]);
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toMatch(/^\[sharelock\] <sharelock-proof id="recent"> attribute "src": 2 row\(s\) of the feed were skipped; the first because an event's "at" is in the future \(invalid-feed-rows\)$/);
  });

  test('min="3" with two events in the window shows nothing', async ({ page, consoleErrors }) => {
    const events = [event('a', 2, { name: 'Ana' }), event('b', 4, { name: 'Luis' }), event('old', 48 * 60, { name: 'Old' })];
    await openProofPage(page, {
      name: 'proof-recent-min',
      now: NOW,
      files: { 'proof.json': jsonFile(feedOf(events)) },
      body: `${proofMarkup({ id: 'recent', kind: 'recent', src: FEED_PATH, item: 'playbook', min: '3' })}
${proofMarkup({ id: 'two', kind: 'recent', src: FEED_PATH, item: 'playbook', min: '2', position: 'top-right' })}`,
    });
    // The sibling with min="2" shows, so the feed has been read by then.
    await expect(proofPart(page, 'toast', '#two')).toHaveCount(1);
    await page.clock.runFor(3 * SECOND);
    await expect(proofPart(page, 'toast-text', '#two')).toHaveText('Ana bought this 2 min ago');
    expect(await proofFootprint(page, '#recent')).toEqual({ nodes: 0, height: 0 });
    await page.clock.runFor(MINUTE);
    await expect(proofPart(page, 'toast', '#recent')).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });

  test('an event that leaves the window while the page is open is not shown any more', async ({ page, consoleErrors }) => {
    // Inside the 24-hour window by 5 s when the page opens; out of it from
    // 5 s on, so at its turn (8 s) it is a day old.
    const almostOld = { id: 'almost-old', item: 'playbook', type: 'purchase', at: iso(NOW - DAY + 5 * SECOND), name: 'Luis' };
    const events = [event('fresh', 1, { name: 'Ana' }), almostOld];
    await openToastPage(page, { name: 'proof-ageing', events, attributes: { interval: '5', duration: '2' } });
    await page.clock.runFor(3 * SECOND);
    await expect(toastText(page)).toHaveText('Ana bought this 1 min ago');
    for (let turn = 0; turn < 4; turn += 1) {
      await page.clock.runFor(5 * SECOND);
      await expect(toastText(page)).not.toHaveText(/Luis|day/);
    }
    expect((await proofEvents(page)).filter((e) => e.at === Date.parse(almostOld.at))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('where the toast may go', () => {
  const CHECKOUT_CSS = `
#checkout { position: fixed; left: 8px; bottom: 8px; width: 220px; height: 56px; margin: 0; }
.corner { position: fixed; width: 160px; height: 48px; margin: 0; }
#c-tl { left: 8px; top: 8px; }
#c-tr { right: 8px; top: 8px; }
#c-bl { left: 8px; bottom: 8px; }
#c-br { right: 8px; bottom: 8px; }`;

  test('a fixed checkout button marked data-sharelock-avoid at bottom-left: the toast takes bottom-right, covers nothing, and the button stays clickable', async ({ page, consoleErrors }) => {
    await openToastPage(page, {
      name: 'proof-avoid',
      css: CHECKOUT_CSS,
      extra: '<button id="checkout" type="button" data-sharelock-avoid>Checkout</button>',
    });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toast(page)).toHaveAttribute('data-position', 'bottom-right');
    const toastBox = await toast(page).boundingBox();
    const buttonBox = await page.locator('#checkout').boundingBox();
    expect(intersects(toastBox, buttonBox)).toBe(false);
    expect(toastBox.x).toBeGreaterThan(page.viewportSize().width / 2);
    // Clicked as a shopper would: nothing in the way.
    await page.locator('#checkout').click();
    expect(consoleErrors).toEqual([]);
  });

  test('avoid="#cart" (the shop\'s own selector): the toast keeps clear of it', async ({ page, consoleErrors }) => {
    await openToastPage(page, {
      name: 'proof-avoid-selector',
      css: `${CHECKOUT_CSS}
#cart { position: fixed; right: 8px; top: 8px; width: 200px; height: 56px; margin: 0; }`,
      attributes: { avoid: '#cart', position: 'top-right' },
      extra: '<button id="cart" type="button">Cart (2)</button>',
    });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    // top-right is taken by #cart; its neighbour on the same edge is next.
    await expect(toast(page)).toHaveAttribute('data-position', 'top-left');
    expect(intersects(await toast(page).boundingBox(), await page.locator('#cart').boundingBox())).toBe(false);
    expect(consoleErrors).toEqual([]);
  });

  test('by default a fixed share bar at the toast\'s corner is kept clear', async ({ page, consoleErrors }) => {
    await openToastPage(page, {
      name: 'proof-avoid-share',
      css: 'sharelock-share#sticky { position: fixed; left: 8px; bottom: 8px; margin: 0; }',
      extra: '<sharelock-share id="sticky" networks="x,bluesky,whatsapp" url="https://shop.example/playbook"></sharelock-share>',
    });
    await expect(page.locator('#sticky [data-network="x"]')).toBeVisible();
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toast(page)).toHaveAttribute('data-position', 'bottom-right');
    expect(intersects(await toast(page).boundingBox(), await page.locator('#sticky').boundingBox())).toBe(false);
    expect(consoleErrors).toEqual([]);
  });

  test('an avoid that is not a CSS selector is reported (invalid-selector) and [data-sharelock-avoid] still kept clear', async ({ page, consoleErrors }) => {
    await openToastPage(page, {
      name: 'proof-avoid-invalid',
      css: CHECKOUT_CSS,
      attributes: { avoid: '#cart[[' },
      extra: '<button id="checkout" type="button" data-sharelock-avoid>Checkout</button>',
    });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toast(page)).toHaveAttribute('data-position', 'bottom-right');
    expect((await recorded(page)).errors).toEqual([{ code: 'invalid-selector', attribute: 'avoid', target: 'recent' }]);
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toMatch(/^\[sharelock\] <sharelock-proof id="recent"> attribute "avoid": "#cart\[\[" is not a CSS selector \(invalid-selector\)$/);
  });

  test('every corner blocked: no toast, the cap untouched; a corner freed: the next turn shows there', async ({ page, consoleErrors }) => {
    await openToastPage(page, {
      name: 'proof-avoid-all',
      css: CHECKOUT_CSS,
      extra: ['tl', 'tr', 'bl', 'br'].map((c) => `<button id="c-${c}" class="corner" type="button" data-sharelock-avoid>${c}</button>`).join(''),
    });
    for (let turn = 0; turn < 3; turn += 1) {
      await page.clock.runFor(turn === 0 ? 3 * SECOND : 20 * SECOND);
      await expect(toast(page)).toBeHidden();
    }
    expect(await proofEvents(page)).toEqual([]);
    expect(await gateRecord(page)).toBeNull();
    await expect(proofPart(page, 'status')).toHaveText('');

    // The page removes its top-right button (a closed banner, say).
    await page.locator('#c-tr').evaluate((button) => button.remove());
    await page.clock.runFor(20 * SECOND);
    await expect(toast(page)).toBeVisible();
    await expect(toast(page)).toHaveAttribute('data-position', 'top-right');
    // The first toast of the cap, its time said now (63 s on).
    await expect(toastText(page)).toHaveText(/^(Ana from Madrid bought this 6 min ago|Luis from Sevilla bought this 13 min ago|Marta shared this 31 min ago)$/);
    expect(await gateRecord(page)).toEqual({ v: 1, since: NOW + 63 * SECOND, shown: 1 });
    for (const corner of ['tl', 'bl', 'br']) {
      expect(intersects(await toast(page).boundingBox(), await page.locator(`#c-${corner}`).boundingBox())).toBe(false);
    }
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('motion', () => {
  test('prefers-reduced-motion: the toast appears fully opaque with no transition', async ({ page, consoleErrors }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openToastPage(page, { name: 'proof-reduced-motion' });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    const style = await toast(page).evaluate((element) => {
      const computed = getComputedStyle(element);
      return { duration: computed.transitionDuration, opacity: computed.opacity, translate: computed.translate };
    });
    expect(style.duration.split(',').map((d) => d.trim()).every((d) => d === '0s')).toBe(true);
    expect(style.opacity).toBe('1');
    expect(style.translate).toBe('none');
    expect(consoleErrors).toEqual([]);
  });

  test('without that preference the toast fades in (a transition), ending fully opaque', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await openToastPage(page, { name: 'proof-motion' });
    await page.clock.runFor(3 * SECOND);
    await expect(toast(page)).toBeVisible();
    expect(await toast(page).evaluate((element) => getComputedStyle(element).transitionDuration)).not.toBe('0s');
    await expect.poll(() => toast(page).evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  });
});
