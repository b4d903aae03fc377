// <sharelock-countdown>, the clock rule (README, "Clock rule"): the shim
// reads the HTTP Date header of the wasm response it fetches anyway; when
// the device clock is off by 30 s or more it shifts every countdown by the
// difference (server time taken as the middle of the request plus half a
// second for the header's whole seconds); smaller differences are ignored.
//
// The page's clock is Playwright's, paused at NOW, so the request is sent
// and received at NOW and the server's time is what our Date header says:
// a header D ahead means the device is D + 0.5 s behind. Shown values are
// rounded up to the second, so a correction of 600.5 s shows 10 min less.
import {
  countdownEvents, countdownMarkup, countdownReading, expect, openCountdownPage, recorded, test,
} from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const ENDS = '2026-11-30T14:00:00+01:00';  // 13:00Z, 1 h after NOW
const ENDS_AT = NOW + HOUR;

const body = [
  countdownMarkup({ id: 'fixed', ends: ENDS }),
  countdownMarkup({ id: 'daily', daily: '13:00', tz: 'UTC' }),
  countdownMarkup({ id: 'compact', ends: ENDS, format: 'compact' }),
].join('\n');

const cases = [
  { title: 'a Date 10 minutes ahead: every countdown shows 10 minutes less', ahead: 10 * MINUTE,
    fixed: 'Ends in 00 hours 50 minutes 00 seconds', compact: 'Ends in 00:50:00' },
  { title: 'a Date 10 minutes behind: every countdown shows 10 minutes more', ahead: -10 * MINUTE,
    fixed: 'Ends in 01 hour 10 minutes 00 seconds', compact: 'Ends in 01:10:00' },
  { title: 'a Date 31 s ahead (31.5 s off, over 30 s): corrected', ahead: 31 * SECOND,
    fixed: 'Ends in 00 hours 59 minutes 29 seconds', compact: 'Ends in 00:59:29' },
  { title: 'a Date only 5 s ahead: no correction', ahead: 5 * SECOND,
    fixed: 'Ends in 01 hour 00 minutes 00 seconds', compact: 'Ends in 01:00:00' },
  { title: 'a Date 29 s ahead (29.5 s off, under 30 s): no correction', ahead: 29 * SECOND,
    fixed: 'Ends in 01 hour 00 minutes 00 seconds', compact: 'Ends in 01:00:00' },
  { title: 'no Date header: the device clock as it is', ahead: null,
    fixed: 'Ends in 01 hour 00 minutes 00 seconds', compact: 'Ends in 01:00:00' },
];

for (const { title, ahead, fixed, compact } of cases) {
  test(title, async ({ page, consoleErrors }) => {
    const served = await openCountdownPage(page, {
      name: 'countdown-skew', now: NOW, body, serverDate: ahead === null ? null : NOW + ahead,
    });
    await expect.poll(() => countdownReading(page, '#fixed')).toBe(fixed);
    await expect.poll(() => countdownReading(page, '#daily')).toBe(fixed);
    await expect.poll(() => countdownReading(page, '#compact')).toBe(compact);
    expect(served).toEqual([ahead === null ? null : new Date(NOW + ahead).toUTCString()]);
    expect((await recorded(page)).violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}

test('corrected by 10 minutes, the countdown ends 10 minutes early by the device clock: at the server\'s deadline', async ({ page, consoleErrors }) => {
  await openCountdownPage(page, {
    name: 'countdown-skew-end', now: NOW, body: countdownMarkup({ id: 'fixed', ends: ENDS }), serverDate: NOW + 10 * MINUTE,
  });
  await expect.poll(() => countdownReading(page, '#fixed')).toBe('Ends in 00 hours 50 minutes 00 seconds');
  await page.clock.runFor(SECOND + 4);
  await expect.poll(() => countdownReading(page, '#fixed')).toBe('Ends in 00 hours 49 minutes 59 seconds');
  // 49 min 58 s later by the device (12:59:59.5 at the server): not yet…
  await page.clock.fastForward(49 * MINUTE + 58 * SECOND);
  await expect.poll(() => countdownReading(page, '#fixed')).toBe('Ends in 00 hours 00 minutes 01 second');
  expect((await countdownEvents(page)).expires).toEqual([]);
  // …within the next second it is 13:00 at the server, 49 min 59.5 s after
  // NOW on the device: ended.
  await page.clock.runFor(SECOND);
  await expect.poll(() => countdownReading(page, '#fixed')).toBe('[ended] This offer has ended');
  await expect(page.locator('#fixed')).toHaveAttribute('ended', '');
  expect((await countdownEvents(page)).expires).toEqual([
    { kind: 'fixed', endsAt: ENDS_AT, action: 'message', whileOpen: true, target: 'fixed' },
  ]);
  expect(await page.evaluate(() => Date.now())).toBeLessThan(ENDS_AT - 9 * MINUTE);
  expect((await recorded(page)).violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a wasm response from a shared cache (Date 2 h old, Age: 7200) is not taken for a clock 2 h wrong', async ({ page, consoleErrors }) => {
  // A CDN that has held the file for 2 h sends the origin's Date of 2 h ago
  // and Age: 7200 (RFC 9111 §5.1): the server's time now is Date + Age, the
  // same as the device's, so nothing needs correcting.
  await openCountdownPage(page, {
    name: 'countdown-skew-age', now: NOW, body, serverDate: NOW - 2 * HOUR, wasmHeaders: { age: '7200' },
  });
  await expect.poll(() => countdownReading(page, '#fixed')).toBe('Ends in 01 hour 00 minutes 00 seconds');
  await expect.poll(() => countdownReading(page, '#daily')).toBe('Ends in 01 hour 00 minutes 00 seconds');
  expect((await recorded(page)).violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
