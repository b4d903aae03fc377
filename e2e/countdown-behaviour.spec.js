// <sharelock-countdown>, what it does around the time: the owner's choice
// at zero (message, hide, lock or unlock a <sharelock-pay>), the stock line
// and its same-site feed, what screen readers hear, and the cost rules
// (no DOM writes in a hidden tab, only visible countdowns drawn, only the
// text that changed written, 1,000 on a page). Playwright's clock is
// paused at a known "now" (openCountdownPage); the shared timer fires 4 ms
// after each second boundary.
import {
  countdownEvents, countdownMarkup, countdownPart, countdownReading, countdownUnit, expect, openCountdownPage,
  payMarkup, payPart, recorded, setTabHidden, settleIntersections, takeShadowWrites, test, watchShadowWrites,
} from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const iso = (time) => new Date(time).toISOString();
const ENDED_EN = '[ended] This offer has ended';

async function expectClean(page, consoleErrors) {
  expect((await recorded(page)).violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
}

/**
 * One countdown's writes: texts written into the timer's text nodes, how
 * many times nodes were added or removed there, and what the live region
 * was given.
 */
function summarize(writes) {
  const timer = writes.filter((w) => w.part !== 'status');
  return {
    characterData: timer.filter((w) => w.type === 'characterData').map((w) => w.text),
    childList: timer.filter((w) => w.type === 'childList').length,
    status: writes.filter((w) => w.part === 'status').map((w) => (w.type === 'childList' ? w.added.join('') : w.text)),
  };
}

test.describe('at zero, what the owner chose', () => {
  const SECRET = 'Members-only price: 20% off';
  const pay = (id, item) => payMarkup(
    { id, item, network: 'x', text: 'The winter drop is on', url: 'https://shop.example/drop' },
    { template: `<p class="secret">${SECRET} (${id})</p>` },
  );
  const body = [
    countdownMarkup({ id: 'hide', ends: iso(NOW + 5 * SECOND), 'on-end': 'hide' }),
    countdownMarkup({ id: 'lock', ends: iso(NOW + 5 * SECOND), 'on-end': 'lock', pay: 'pay-lock' }),
    pay('pay-lock', 'drop-lock'),
    countdownMarkup({ id: 'unlock', ends: iso(NOW + 5 * SECOND), 'on-end': 'unlock', pay: 'pay-open' }),
    pay('pay-open', 'drop-open'),
    // A shopper who unlocked before the offer closed keeps it.
    countdownMarkup({ id: 'lock-earned', ends: iso(NOW + 5 * SECOND), 'on-end': 'lock', pay: 'pay-earned' }),
    pay('pay-earned', 'drop-earned'),
  ].join('\n');

  test('on-end="hide" hides the countdown; "lock" turns the linked pay into "offer has ended" (earned unlocks stay); "unlock" reveals its content; a reload keeps it all', async ({ page, consoleErrors }) => {
    await page.addInitScript(() => localStorage.setItem('sharelock:unlock:drop-earned', '{"v":1,"until":null}'));
    await openCountdownPage(page, { name: 'countdown-on-end', now: NOW, body });
    await expect(page.locator('#pay-earned')).toHaveAttribute('unlocked', '');
    await expect.poll(() => countdownReading(page, '#hide')).toBe('Ends in 00 hours 00 minutes 05 seconds');
    await expect(page.locator('#hide')).toBeVisible();
    await expect(payPart(page, 'button', '#pay-lock')).toHaveText('Share on X to unlock');
    await expect(payPart(page, 'button', '#pay-open')).toHaveText('Share on X to unlock');
    await expect(page.getByText(`${SECRET} (pay-lock)`)).toHaveCount(0);
    await expect(page.getByText(`${SECRET} (pay-open)`)).toHaveCount(0);

    await page.clock.fastForward(5 * SECOND);
    await expect(page.locator('#hide')).toBeHidden();
    await expect(page.locator('#hide')).toHaveAttribute('ended', '');
    // Locked for good: no share button, the pay says the offer has ended.
    await expect(payPart(page, 'closed', '#pay-lock')).toHaveText('This offer has ended.');
    await expect(payPart(page, 'button', '#pay-lock')).toHaveCount(0);
    await expect(page.locator('#pay-lock')).not.toHaveAttribute('unlocked');
    await expect.poll(() => countdownReading(page, '#lock')).toBe(ENDED_EN);
    // Opened to everyone.
    await expect(page.locator('#pay-open')).toHaveAttribute('unlocked', '');
    await expect(page.locator('#pay-open > [data-sharelock-content]').getByText(`${SECRET} (pay-open)`)).toBeVisible();
    await expect(page.getByText(`${SECRET} (pay-lock)`)).toHaveCount(0);
    expect((await countdownEvents(page)).expires).toEqual([
      { kind: 'fixed', endsAt: NOW + 5 * SECOND, action: 'hide', whileOpen: true, target: 'hide' },
      { kind: 'fixed', endsAt: NOW + 5 * SECOND, action: 'lock', whileOpen: true, target: 'lock' },
      { kind: 'fixed', endsAt: NOW + 5 * SECOND, action: 'unlock', whileOpen: true, target: 'unlock' },
      { kind: 'fixed', endsAt: NOW + 5 * SECOND, action: 'lock', whileOpen: true, target: 'lock-earned' },
    ]);
    await expect(page.locator('#pay-earned')).toHaveAttribute('unlocked', '');
    await expect(page.locator('#pay-earned > [data-sharelock-content]').getByText(`${SECRET} (pay-earned)`)).toBeVisible();
    await expect(payPart(page, 'closed', '#pay-earned')).toHaveCount(0);
    await expectClean(page, consoleErrors);

    // What happened stays.
    await page.reload();
    await expect(page.locator('#unlock')).toHaveAttribute('ended', '');
    await expect(page.locator('#hide')).toBeHidden();
    await expect(payPart(page, 'closed', '#pay-lock')).toHaveText('This offer has ended.');
    await expect(payPart(page, 'button', '#pay-lock')).toHaveCount(0);
    await expect(page.locator('#pay-open > [data-sharelock-content]').getByText(`${SECRET} (pay-open)`)).toBeVisible();
    await expect(page.locator('#pay-earned > [data-sharelock-content]').getByText(`${SECRET} (pay-earned)`)).toBeVisible();
    await expectClean(page, consoleErrors);
  });
});

test.describe('the stock line', () => {
  const feedBody = JSON.stringify({ stock: 3 });

  test('stock="12" and a same-site feed show the count; a feed on another site is refused before any request; a failing feed is reported and the countdown ticks on', async ({ page, consoleErrors, external }) => {
    const feedRequests = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.json') || request.url().includes('evil')) feedRequests.push(request.url());
    });
    await page.route((url) => url.pathname === '/__test__/missing-stock.json', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
    await openCountdownPage(page, {
      name: 'countdown-stock',
      now: NOW,
      files: { 'stock.json': { body: feedBody, contentType: 'application/json' } },
      body: [
        countdownMarkup({ id: 'twelve', ends: iso(NOW + MINUTE), stock: '12' }),
        countdownMarkup({ id: 'doce', ends: iso(NOW + MINUTE), stock: '12', lang: 'es' }),
        countdownMarkup({ id: 'one', ends: iso(NOW + MINUTE), stock: '1' }),
        countdownMarkup({ id: 'feed', ends: iso(NOW + MINUTE), 'stock-src': '/__test__/stock.json' }),
        countdownMarkup({ id: 'feed-es', ends: iso(NOW + MINUTE), 'stock-src': './stock.json', lang: 'es' }),
        countdownMarkup({ id: 'evil', ends: iso(NOW + MINUTE), 'stock-src': 'https://evil.example/stock.json' }),
        countdownMarkup({ id: 'missing', ends: iso(NOW + MINUTE), 'stock-src': '/__test__/missing-stock.json' }),
      ].join('\n'),
    });
    await expect(countdownPart(page, 'stock', '#twelve')).toHaveText('Only 12 left');
    await expect(countdownPart(page, 'stock', '#doce')).toHaveText('Solo quedan 12');
    await expect(countdownPart(page, 'stock', '#one')).toHaveText('Only 1 left');
    await expect(countdownPart(page, 'stock', '#feed')).toHaveText('Only 3 left');
    await expect(countdownPart(page, 'stock', '#feed-es')).toHaveText('Solo quedan 3');
    await expect(countdownPart(page, 'stock', '#evil')).toHaveCount(0);
    await expect(countdownPart(page, 'stock', '#missing')).toHaveCount(0);

    await expect.poll(async () => (await recorded(page)).errors).toEqual(expect.arrayContaining([
      { code: 'third-party-feed', attribute: 'stock-src', target: 'evil' },
      { code: 'feed-unavailable', attribute: 'stock-src', target: 'missing' },
    ]));
    expect((await recorded(page)).errors).toHaveLength(2);
    // Nothing was asked of the other site (not even a request a CSP blocked).
    expect(external).toEqual([]);
    expect(feedRequests.filter((url) => url.includes('evil'))).toEqual([]);
    expect(feedRequests.sort()).toEqual([
      `${new URL(page.url()).origin}/__test__/missing-stock.json`,
      `${new URL(page.url()).origin}/__test__/stock.json`,
      `${new URL(page.url()).origin}/__test__/stock.json`,
    ]);
    // One line each from the widget (the browser adds its own about the 404).
    const said = consoleErrors.filter((text) => text.startsWith('[sharelock]'));
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^\[sharelock\] <sharelock-countdown id="evil"> attribute "stock-src": .*\(third-party-feed\)$/);
    expect(said[1]).toMatch(/^\[sharelock\] <sharelock-countdown id="missing"> attribute "stock-src": .*HTTP 404 \(feed-unavailable\)$/);

    // Every one of them still counts down, the stock line staying in place.
    await expect.poll(() => countdownReading(page, '#missing')).toBe('Ends in 00 hours 01 minute 00 seconds');
    await page.clock.runFor(2 * SECOND + 4);
    for (const id of ['twelve', 'feed', 'evil', 'missing']) {
      await expect.poll(() => countdownReading(page, `#${id}`)).toBe('Ends in 00 hours 00 minutes 58 seconds');
    }
    await expect(countdownPart(page, 'stock', '#feed')).toHaveText('Only 3 left');
    expect(external).toEqual([]);
    expect((await recorded(page)).violations).toEqual([]);
  });
});

test('screen readers hear the time once a minute (not every second) and the ended message at the end; role="timer"', async ({ page, consoleErrors }) => {
  // 2 min 5 s to go: the live region should change at 2:00, 1:00 and at zero.
  await openCountdownPage(page, {
    name: 'countdown-live-region',
    now: NOW,
    body: countdownMarkup({ id: 'drop', ends: iso(NOW + 2 * MINUTE + 5 * SECOND) }),
  });
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 02 minutes 05 seconds');
  await expect(countdownPart(page, 'timer', '#drop')).toHaveAttribute('role', 'timer');
  const status = countdownPart(page, 'status', '#drop');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveText('');  // nothing said on arrival: the page itself is read

  // Each announcement with the time left when it was made (the fake clock
  // lets the observer run after every timer).
  await page.evaluate((ends) => {
    const node = document.querySelector('#drop').shadowRoot.querySelector('[part="status"]');
    window.__e2eSpoken = [];
    new MutationObserver(() => {
      const left = Math.max(0, Math.ceil((ends - Date.now()) / 1000));
      window.__e2eSpoken.push({ left, text: node.textContent });
    }).observe(node, { childList: true, characterData: true, subtree: true });
  }, NOW + 2 * MINUTE + 5 * SECOND);
  await page.clock.runFor(2 * MINUTE + 5 * SECOND + 4);
  const heard = await page.evaluate(() => window.__e2eSpoken);
  expect(heard).toEqual([
    { left: 120, text: 'Ends in 2 minutes' },
    { left: 60, text: 'Ends in 1 minute' },
    { left: 0, text: 'This offer has ended' },
  ]);
  await expect(status).toHaveText('This offer has ended');
  await expectClean(page, consoleErrors);
});

test('prefers-reduced-motion: reduce hides the ticking seconds box', async ({ page, consoleErrors }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openCountdownPage(page, {
    name: 'countdown-reduced-motion',
    now: NOW,
    body: countdownMarkup({ id: 'drop', ends: iso(NOW + 90 * MINUTE) }),
  });
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 01 hour 30 minutes 00 seconds');
  await expect(countdownUnit(page, 'minutes', '#drop')).toBeVisible();
  await expect(countdownUnit(page, 'seconds', '#drop')).toBeHidden();
  await expectClean(page, consoleErrors);
});

test('a hidden tab does no DOM writes; shown again it updates at once, writing only the text that changed', async ({ page, consoleErrors }) => {
  await openCountdownPage(page, {
    name: 'countdown-hidden-tab',
    now: NOW,
    body: countdownMarkup({ id: 'drop', ends: iso(NOW + 30 * MINUTE + 30 * SECOND) }),
  });
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 30 minutes 30 seconds');
  await settleIntersections(page);
  await watchShadowWrites(page, ['#drop']);

  // Visible: one second later only the seconds' text node is written.
  await page.clock.runFor(SECOND + 4);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 30 minutes 29 seconds');
  expect(summarize((await takeShadowWrites(page))['#drop'])).toEqual({ characterData: ['29'], childList: 0, status: [] });

  await setTabHidden(page, true);
  await page.clock.runFor(10 * SECOND);
  expect((await takeShadowWrites(page))['#drop']).toEqual([]);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 30 minutes 29 seconds');

  // Shown again: the right time straight away (11 s after the last draw).
  await setTabHidden(page, false);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 30 minutes 19 seconds');
  expect(summarize((await takeShadowWrites(page))['#drop'])).toEqual({ characterData: ['19'], childList: 0, status: [] });
  // …and keeps ticking; across a minute boundary minutes and seconds change.
  await page.clock.runFor(SECOND);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 30 minutes 18 seconds');
  await page.clock.runFor(19 * SECOND);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 29 minutes 59 seconds');
  const writes = summarize((await takeShadowWrites(page))['#drop']);
  expect(writes.childList).toBe(0);
  // The seconds 18, 17 … 01 ("second" at 1 and "seconds" again at 0, as the
  // label changes), then 30:00 → 29:59: the minutes once, and the seconds.
  const seconds = Array.from({ length: 18 }, (_, i) => String(18 - i).padStart(2, '0'));
  expect(writes.characterData).toEqual([...seconds, 'second', '00', 'seconds', '29', '59']);
  // The live region spoke once, at the minute boundary (30:00 left).
  expect(writes.status).toEqual(['Ends in 30 minutes']);
  await expectClean(page, consoleErrors);
});

test('only visible countdowns are written: one far below the fold is not drawn while ticking, but still ends on time', async ({ page, consoleErrors }) => {
  await openCountdownPage(page, {
    name: 'countdown-below-fold',
    now: NOW,
    head: '<link rel="stylesheet" href="/__test__/countdown-fold.css">',
    files: { 'countdown-fold.css': { body: '.spacer { height: 6000px; }', contentType: 'text/css' } },
    body: [
      countdownMarkup({ id: 'top', ends: iso(NOW + 30 * SECOND) }),
      '<div class="spacer"></div>',
      countdownMarkup({ id: 'below', ends: iso(NOW + 5 * SECOND) }),
    ].join('\n'),
  });
  await expect.poll(() => countdownReading(page, '#top')).toBe('Ends in 00 hours 00 minutes 30 seconds');
  await expect.poll(() => countdownReading(page, '#below')).toBe('Ends in 00 hours 00 minutes 05 seconds');
  await expect(page.locator('#below')).not.toBeInViewport();
  await settleIntersections(page);
  await watchShadowWrites(page, ['#top', '#below']);

  await page.clock.runFor(3 * SECOND + 4);
  await expect.poll(() => countdownReading(page, '#top')).toBe('Ends in 00 hours 00 minutes 27 seconds');
  const writes = await takeShadowWrites(page);
  expect(summarize(writes['#top'])).toEqual({ characterData: ['29', '28', '27'], childList: 0, status: [] });
  expect(writes['#below']).toEqual([]);
  expect(await countdownReading(page, '#below')).toBe('Ends in 00 hours 00 minutes 05 seconds');

  // Its deadline passes off screen: it ends all the same.
  await page.clock.runFor(2 * SECOND);
  await expect(page.locator('#below')).toHaveAttribute('ended', '');
  expect((await countdownEvents(page)).expires).toEqual([
    { kind: 'fixed', endsAt: NOW + 5 * SECOND, action: 'message', whileOpen: true, target: 'below' },
  ]);
  await page.locator('#below').scrollIntoViewIfNeeded();
  await expect.poll(() => countdownReading(page, '#below')).toBe(ENDED_EN);
  await expectClean(page, consoleErrors);
});

test('1,000 countdowns on a page keep ticking and all end at their deadlines', async ({ page, consoleErrors }) => {
  // Deadlines 5 to 9 s away, 200 of each.
  const COUNT = 1000;
  const endsIn = (i) => 5 + (i % 5);
  const body = Array.from({ length: COUNT }, (_, i) =>
    countdownMarkup({ id: `c${i}`, ends: iso(NOW + endsIn(i) * SECOND), format: i % 2 ? 'compact' : 'full' })).join('\n');
  await openCountdownPage(page, {
    name: 'countdown-thousand',
    now: NOW,
    head: '<link rel="stylesheet" href="/__test__/countdown-grid.css">',
    files: {
      'countdown-grid.css': {
        body: 'body { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; margin: 0; }',
        contentType: 'text/css',
      },
    },
    body,
  });
  const ended = () => page.locator('sharelock-countdown[ended]').count();
  const drawn = () => page.evaluate(() => [...document.querySelectorAll('sharelock-countdown')]
    .filter((element) => element.shadowRoot.querySelector('[part="timer"]')).length);
  await expect.poll(drawn).toBe(COUNT);
  await expect(page.locator('#c0')).toBeInViewport();
  await expect(page.locator('#c7')).toBeInViewport();
  await settleIntersections(page);

  await page.clock.runFor(3 * SECOND + 4);
  // The ones on screen show 3 s less.
  const onScreen = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
  for (const id of onScreen) {
    const i = Number(id.slice(1));
    const left = endsIn(i) - 3;
    const expected = i % 2 ? `Ends in 00:00:0${left}` : `Ends in 00 hours 00 minutes 0${left} seconds`;
    await expect.poll(() => countdownReading(page, `#${id}`)).toBe(expected);
  }
  await page.clock.runFor(SECOND);
  expect(await ended()).toBe(0);

  // Each second, another 200 reach their deadline.
  for (let second = 5; second <= 9; second += 1) {
    await page.clock.runFor(SECOND);
    await expect.poll(ended).toBe((second - 4) * 200);
  }
  const expires = (await countdownEvents(page)).expires;
  expect(expires).toHaveLength(COUNT);
  expect(new Set(expires.map((e) => e.target)).size).toBe(COUNT);
  for (const { target, endsAt } of expires) expect(endsAt).toBe(NOW + endsIn(Number(target.slice(1))) * SECOND);
  await expect.poll(() => countdownReading(page, '#c999')).toBe(ENDED_EN);
  await expectClean(page, consoleErrors);
});
