// <sharelock-countdown>, its deadlines: fixed, opening later, evergreen per
// visitor, daily in an IANA zone across DST changes, and what is refused.
// Playwright's clock is installed and paused at a known "now" before the
// page loads (openCountdownPage); time moves only with runFor/fastForward,
// and keeps its value across reloads. The wasm is served without a Date
// header, so the clock-skew rule has nothing to correct (that rule has its
// own spec, countdown-clock-skew.spec.js).
//
// The shared timer fires 4 ms after each second boundary, and what is left
// is rounded up to the second, so at now + k s + 4 ms a deadline 10 s away
// shows 10 - k seconds. Expected values are worked out by hand below.
import {
  countdownEvents, countdownMarkup, countdownPart, countdownReading, expect, openCountdownPage, recorded, test,
} from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ENDED_EN = '[ended] This offer has ended';
const ENDED_ES = '[ended] Esta oferta ha terminado';

/** The page recorded no CSP violation and logged nothing. */
async function expectClean(page, consoleErrors) {
  expect((await recorded(page)).violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
}

test.describe('a fixed deadline', () => {
  // 2026-12-01T00:00:00+01:00 is 2026-11-30T23:00:00Z.
  const NOW = Date.parse('2026-11-30T22:59:50Z');
  const ENDS = '2026-12-01T00:00:00+01:00';
  const ENDS_AT = Date.parse('2026-11-30T23:00:00Z');

  test('shows exactly 10 s, ticks each second, ends at zero once, and stays ended after a reload', async ({ page, consoleErrors }) => {
    await openCountdownPage(page, {
      name: 'countdown-fixed-tick',
      now: NOW,
      body: countdownMarkup({ id: 'drop', ends: ENDS }, { fallback: '<p>Ends 1 December at midnight (Madrid)</p>' }),
    });
    const element = page.locator('#drop');
    await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 00 minutes 10 seconds');
    await expect(countdownPart(page, 'timer', '#drop')).toHaveAttribute('role', 'timer');
    await expect(countdownPart(page, 'unit', '#drop')).toHaveCount(3);  // no days box under a day
    await expect(page.getByText('Ends 1 December at midnight (Madrid)')).toBeHidden();
    await expect(element).not.toHaveAttribute('ended');

    // One second at a time: 9, 8, … 1.
    await page.clock.runFor(4);
    for (let left = 9; left >= 1; left -= 1) {
      await page.clock.runFor(SECOND);
      const label = left === 1 ? 'second' : 'seconds';
      await expect.poll(() => countdownReading(page, '#drop')).toBe(`Ends in 00 hours 00 minutes 0${left} ${label}`);
      await expect(element).not.toHaveAttribute('ended');
    }
    expect((await countdownEvents(page)).expires).toEqual([]);

    // Zero.
    await page.clock.runFor(SECOND);
    await expect.poll(() => countdownReading(page, '#drop')).toBe(ENDED_EN);
    await expect(element).toHaveAttribute('ended', '');
    await expect(countdownPart(page, 'timer', '#drop')).toHaveCount(0);
    await expect(countdownPart(page, 'status', '#drop')).toHaveText('This offer has ended');
    expect((await countdownEvents(page)).expires).toEqual([
      { kind: 'fixed', endsAt: ENDS_AT, action: 'message', whileOpen: true, target: 'drop' },
    ]);

    // Time goes on: nothing restarts, the event is not fired again.
    await page.clock.runFor(5 * SECOND);
    await page.clock.fastForward(DAY);
    await expect.poll(() => countdownReading(page, '#drop')).toBe(ENDED_EN);
    expect((await countdownEvents(page)).expires).toHaveLength(1);
    await expectClean(page, consoleErrors);

    // A reload after zero comes back ended, and stays so.
    await page.reload();
    await expect.poll(() => countdownReading(page, '#drop')).toBe(ENDED_EN);
    await expect(element).toHaveAttribute('ended', '');
    await page.clock.runFor(3 * SECOND);
    await expect(countdownPart(page, 'timer', '#drop')).toHaveCount(0);
    await expect.poll(() => countdownReading(page, '#drop')).toBe(ENDED_EN);
    expect((await countdownEvents(page)).expires.length).toBeLessThanOrEqual(1);
    await expectClean(page, consoleErrors);
  });

  test('days, hours, minutes and seconds with singular and plural labels, in English and Spanish, and the compact format', async ({ page, consoleErrors }) => {
    // now 2026-11-28T20:56:56Z.
    const now = Date.parse('2026-11-28T20:56:56Z');
    const body = [
      // 1 d 2 h 3 m 4 s: 2026-11-29T23:00:00Z.
      countdownMarkup({ id: 'en', ends: '2026-11-30T00:00:00+01:00' }),
      countdownMarkup({ id: 'es', ends: '2026-11-30T00:00:00+01:00', lang: 'es' }),
      // The same instant written with Z and with +14:00.
      countdownMarkup({ id: 'zulu', ends: '2026-11-29T23:00:00Z' }),
      countdownMarkup({ id: 'kiribati', ends: '2026-11-30T13:00:00+14:00' }),
      // 2 d 1 h 1 m 1 s: 2026-11-30T21:57:57Z.
      countdownMarkup({ id: 'ones-en', ends: '2026-11-30T22:57:57+01:00' }),
      countdownMarkup({ id: 'ones-es', ends: '2026-11-30T22:57:57+01:00', lang: 'es' }),
      // 2 d 3 h 4 m 5 s: 2026-12-01T00:01:01Z, written at −05:00.
      countdownMarkup({ id: 'compact', ends: '2026-11-30T19:01:01-05:00', format: 'compact' }),
      countdownMarkup({ id: 'compact-es', ends: '2026-11-30T19:01:01-05:00', format: 'compact', lang: 'es' }),
    ].join('\n');
    await openCountdownPage(page, { name: 'countdown-units', now, body });

    await expect.poll(() => countdownReading(page, '#en')).toBe('Ends in 1 day 02 hours 03 minutes 04 seconds');
    await expect.poll(() => countdownReading(page, '#es')).toBe('Termina en 1 día 02 horas 03 minutos 04 segundos');
    await expect.poll(() => countdownReading(page, '#zulu')).toBe('Ends in 1 day 02 hours 03 minutes 04 seconds');
    await expect.poll(() => countdownReading(page, '#kiribati')).toBe('Ends in 1 day 02 hours 03 minutes 04 seconds');
    await expect.poll(() => countdownReading(page, '#ones-en')).toBe('Ends in 2 days 01 hour 01 minute 01 second');
    await expect.poll(() => countdownReading(page, '#ones-es')).toBe('Termina en 2 días 01 hora 01 minuto 01 segundo');
    await expect.poll(() => countdownReading(page, '#compact')).toBe('Ends in 2d 03:04:05');
    await expect.poll(() => countdownReading(page, '#compact-es')).toBe('Termina en 2 d 03:04:05');
    await expect(countdownPart(page, 'timer', '#compact')).toHaveAttribute('role', 'timer');
    await expect(countdownPart(page, 'unit', '#compact')).toHaveCount(0);
    await expect(page.locator('#es [part="countdown"]')).toHaveAttribute('lang', 'es');
    await expect(page.locator('#en [part="countdown"]')).toHaveAttribute('lang', 'en');
    // The units are marked for styling.
    await expect(page.locator('#en [part="unit"]')).toHaveCount(4);
    expect(await page.locator('#en [part="unit"]').evaluateAll((units) => units.map((u) => u.dataset.unit)))
      .toEqual(['days', 'hours', 'minutes', 'seconds']);

    // One second later; then past a whole minute (the labels follow the numbers).
    await page.clock.runFor(SECOND + 4);
    await expect.poll(() => countdownReading(page, '#en')).toBe('Ends in 1 day 02 hours 03 minutes 03 seconds');
    await expect.poll(() => countdownReading(page, '#compact')).toBe('Ends in 2d 03:04:04');
    await page.clock.fastForward(3 * MINUTE + 2 * SECOND);
    await expect.poll(() => countdownReading(page, '#en')).toBe('Ends in 1 day 02 hours 00 minutes 01 second');
    await expect.poll(() => countdownReading(page, '#es')).toBe('Termina en 1 día 02 horas 00 minutos 01 segundo');
    await expect.poll(() => countdownReading(page, '#compact')).toBe('Ends in 2d 03:01:02');
    // Under a day the days box goes.
    await page.clock.fastForward(DAY);
    await expect.poll(() => countdownReading(page, '#en')).toBe('Ends in 02 hours 00 minutes 01 second');
    await expect.poll(() => countdownReading(page, '#compact')).toBe('Ends in 1d 03:01:02');
    await expectClean(page, consoleErrors);
  });

  test('a custom ended-text is shown at zero, in the live region too', async ({ page, consoleErrors }) => {
    await openCountdownPage(page, {
      name: 'countdown-ended-text',
      now: NOW,
      body: countdownMarkup({ id: 'drop', ends: ENDS, 'ended-text': 'Sold! See you at the next drop' }),
    });
    await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 00 hours 00 minutes 10 seconds');
    await page.clock.fastForward(10 * SECOND);
    await expect.poll(() => countdownReading(page, '#drop')).toBe('[ended] Sold! See you at the next drop');
    await expect(countdownPart(page, 'status', '#drop')).toHaveText('Sold! See you at the next drop');
    await expect(page.locator('#drop')).toHaveAttribute('ended', '');
    await expectClean(page, consoleErrors);
  });
});

test('starts: "Opens in" until the drop opens, then counts down to its end', async ({ page, consoleErrors }) => {
  // now 2026-11-30T12:00:00Z; opens 2026-12-02T15:00:00Z (2 d 3 h away);
  // ends 2026-12-03T12:00:00+01:00 = 2026-12-03T11:00:00Z (20 h after opening).
  const now = Date.parse('2026-11-30T12:00:00Z');
  await openCountdownPage(page, {
    name: 'countdown-starts',
    now,
    body: countdownMarkup({ id: 'drop', starts: '2026-12-02T15:00:00Z', ends: '2026-12-03T12:00:00+01:00' })
      + countdownMarkup({ id: 'drop-es', starts: '2026-12-02T15:00:00Z', ends: '2026-12-03T12:00:00+01:00', lang: 'es' }),
  });
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Opens in 2 days 03 hours 00 minutes 00 seconds');
  await expect.poll(() => countdownReading(page, '#drop-es')).toBe('Abre en 2 días 03 horas 00 minutos 00 segundos');

  // Two seconds before it opens.
  await page.clock.fastForward(2 * DAY + 3 * HOUR - 2 * SECOND);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Opens in 00 hours 00 minutes 02 seconds');
  await page.clock.runFor(SECOND + 4);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Opens in 00 hours 00 minutes 01 second');
  // Open: 20 h to go.
  await page.clock.runFor(SECOND);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 20 hours 00 minutes 00 seconds');
  await expect.poll(() => countdownReading(page, '#drop-es')).toBe('Termina en 20 horas 00 minutos 00 segundos');
  await page.clock.runFor(SECOND);
  await expect.poll(() => countdownReading(page, '#drop')).toBe('Ends in 19 hours 59 minutes 59 seconds');
  expect((await countdownEvents(page)).expires).toEqual([]);
  await expect(page.locator('#drop')).not.toHaveAttribute('ended');

  // …and ends 20 h after opening.
  await page.clock.fastForward(20 * HOUR);
  await expect.poll(() => countdownReading(page, '#drop')).toBe(ENDED_EN);
  await expect.poll(() => countdownReading(page, '#drop-es')).toBe(ENDED_ES);
  expect((await countdownEvents(page)).expires).toEqual([
    { kind: 'fixed', endsAt: Date.parse('2026-12-03T11:00:00Z'), action: 'message', whileOpen: true, target: 'drop' },
    { kind: 'fixed', endsAt: Date.parse('2026-12-03T11:00:00Z'), action: 'message', whileOpen: true, target: 'drop-es' },
  ]);
  await expectClean(page, consoleErrors);
});

test('evergreen="48h": the first view starts the window, a reload does not reset it, it ends after 48 h and stays ended; cleared storage starts a new one', async ({ page, consoleErrors }) => {
  const now = Date.parse('2026-11-30T10:00:00Z');
  const KEY = 'sharelock:evergreen:launch-kit';
  const stored = () => page.evaluate((key) => localStorage.getItem(key), KEY);
  await openCountdownPage(page, {
    name: 'countdown-evergreen',
    now,
    body: countdownMarkup({ id: 'offer', evergreen: '48h', offer: 'launch-kit' }),
  });
  await expect.poll(() => countdownReading(page, '#offer')).toBe('Ends in 2 days 00 hours 00 minutes 00 seconds');
  expect(JSON.parse(await stored())).toEqual({ v: 1, start: now });

  // 5 h 30 min later the visitor comes back: 42 h 30 min left, not 48 h.
  await page.clock.fastForward(5 * HOUR + 30 * MINUTE);
  await page.reload();
  await expect.poll(() => countdownReading(page, '#offer')).toBe('Ends in 1 day 18 hours 30 minutes 00 seconds');
  expect(JSON.parse(await stored())).toEqual({ v: 1, start: now });
  await page.clock.runFor(SECOND + 4);
  await expect.poll(() => countdownReading(page, '#offer')).toBe('Ends in 1 day 18 hours 29 minutes 59 seconds');

  // 48 h after the first view it is over…
  await page.clock.fastForward(now + 48 * HOUR - (now + 5 * HOUR + 30 * MINUTE + SECOND + 4));
  await expect.poll(() => countdownReading(page, '#offer')).toBe(ENDED_EN);
  await expect(page.locator('#offer')).toHaveAttribute('ended', '');
  expect((await countdownEvents(page)).expires).toEqual([
    { kind: 'evergreen', endsAt: now + 48 * HOUR, action: 'message', whileOpen: true, target: 'offer' },
  ]);

  // …and stays over for this visitor, however often they reload.
  await page.reload();
  await expect.poll(() => countdownReading(page, '#offer')).toBe(ENDED_EN);
  await expect(page.locator('#offer')).toHaveAttribute('ended', '');
  await page.clock.fastForward(30 * DAY);
  await page.reload();
  await expect.poll(() => countdownReading(page, '#offer')).toBe(ENDED_EN);
  expect(JSON.parse(await stored())).toEqual({ v: 1, start: now });
  await expectClean(page, consoleErrors);

  // Documented limit: a visitor who clears their storage starts a new window.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => countdownReading(page, '#offer')).toBe('Ends in 2 days 00 hours 00 minutes 00 seconds');
  await expect(page.locator('#offer')).not.toHaveAttribute('ended');
  const restarted = JSON.parse(await stored());
  expect(restarted.start).toBe(now + 48 * HOUR + 30 * DAY);
  await expectClean(page, consoleErrors);
});

test.describe('daily="HH:MM" tz="…"', () => {
  // Europe/Madrid: CET (+01:00) until 2026-03-29 01:00Z, when 02:00 local
  // jumps to 03:00 CEST (+02:00); back to CET on 2026-10-25 at 01:00Z, when
  // 03:00 local falls back to 02:00. Asia/Kolkata: +05:30, no DST.
  test('the next local time, right across the March DST change, and the next day after zero', async ({ page, consoleErrors }) => {
    // 2026-03-28T18:00:00Z is 19:00 in Madrid (CET).
    const now = Date.parse('2026-03-28T18:00:00Z');
    await openCountdownPage(page, {
      name: 'countdown-daily-march',
      now,
      body: [
        // Today 20:00 CET = 19:00Z: 1 h.
        countdownMarkup({ id: 'eight', daily: '20:00', tz: 'Europe/Madrid' }),
        // Today 19:30 CET = 18:30Z: 30 min.
        countdownMarkup({ id: 'half-seven', daily: '19:30', tz: 'Europe/Madrid' }),
        // Today's 18:00 CET has passed; tomorrow 18:00 is CEST = 16:00Z: 22 h (not 23 h).
        countdownMarkup({ id: 'six', daily: '18:00', tz: 'Europe/Madrid' }),
        // 18:00Z is 23:30 in Kolkata: midnight is 30 min away.
        countdownMarkup({ id: 'kolkata', daily: '00:00', tz: 'Asia/Kolkata', format: 'compact' }),
      ].join('\n'),
    });
    await expect.poll(() => countdownReading(page, '#eight')).toBe('Ends in 01 hour 00 minutes 00 seconds');
    await expect.poll(() => countdownReading(page, '#half-seven')).toBe('Ends in 00 hours 30 minutes 00 seconds');
    await expect.poll(() => countdownReading(page, '#six')).toBe('Ends in 22 hours 00 minutes 00 seconds');
    await expect.poll(() => countdownReading(page, '#kolkata')).toBe('Ends in 00:30:00');

    // 19:00Z: today's 20:00 deal ends and tomorrow's begins, 23 h away
    // (2026-03-29 20:00 CEST = 18:00Z); 19:30's rolled too: 2026-03-29T17:30Z.
    await page.clock.fastForward(HOUR);
    await expect.poll(() => countdownReading(page, '#eight')).toBe('Ends in 23 hours 00 minutes 00 seconds');
    await expect.poll(() => countdownReading(page, '#half-seven')).toBe('Ends in 22 hours 30 minutes 00 seconds');
    await expect.poll(() => countdownReading(page, '#kolkata')).toBe('Ends in 23:30:00');
    await expect(page.locator('#eight')).not.toHaveAttribute('ended');
    const expires = (await countdownEvents(page)).expires;
    expect(expires).toEqual(expect.arrayContaining([
      { kind: 'daily', endsAt: Date.parse('2026-03-28T19:00:00Z'), action: 'next', whileOpen: true, target: 'eight' },
      { kind: 'daily', endsAt: Date.parse('2026-03-28T18:30:00Z'), action: 'next', whileOpen: true, target: 'half-seven' },
      { kind: 'daily', endsAt: Date.parse('2026-03-28T18:30:00Z'), action: 'next', whileOpen: true, target: 'kolkata' },
    ]));
    expect(expires).toHaveLength(3);
    await page.clock.runFor(SECOND + 4);
    await expect.poll(() => countdownReading(page, '#eight')).toBe('Ends in 22 hours 59 minutes 59 seconds');

    // A reload during tomorrow's deal agrees.
    await page.reload();
    await expect.poll(() => countdownReading(page, '#eight')).toBe('Ends in 22 hours 59 minutes 59 seconds');
    await expectClean(page, consoleErrors);
  });

  test('a time skipped by the March change moves forward by the gap (02:30 → 03:30 CEST), as the README says', async ({ page, consoleErrors }) => {
    // 2026-03-28T18:00:00Z; today's 02:30 has passed and tomorrow's does not
    // exist (02:00 CET jumps to 03:00 CEST). README: a skipped time is moved
    // forward by the length of the gap, as JavaScript's Temporal does:
    // 03:30 CEST = 2026-03-29T01:30:00Z, 7 h 30 min away.
    const now = Date.parse('2026-03-28T18:00:00Z');
    await openCountdownPage(page, {
      name: 'countdown-daily-gap',
      now,
      body: countdownMarkup({ id: 'gap', daily: '02:30', tz: 'Europe/Madrid' }),
    });
    await expect.poll(() => countdownReading(page, '#gap')).toBe('Ends in 07 hours 30 minutes 00 seconds');
    await page.clock.fastForward(7 * HOUR + 30 * MINUTE);
    await expect.poll(async () => (await countdownEvents(page)).expires).toEqual([
      { kind: 'daily', endsAt: Date.parse('2026-03-29T01:30:00Z'), action: 'next', whileOpen: true, target: 'gap' },
    ]);
    // Then 02:30 CEST on the 30th = 2026-03-30T00:30:00Z: 23 h later.
    await expect.poll(() => countdownReading(page, '#gap')).toBe('Ends in 23 hours 00 minutes 00 seconds');
    await expectClean(page, consoleErrors);
  });

  test('across the October change: a full day, and a repeated time on its first occurrence', async ({ page, consoleErrors }) => {
    // 2026-10-24T19:00:00Z is 21:00 CEST.
    const now = Date.parse('2026-10-24T19:00:00Z');
    await openCountdownPage(page, {
      name: 'countdown-daily-october',
      now,
      body: [
        // Tomorrow 20:00 is CET = 2026-10-25T19:00Z: 24 h (not 23 h).
        countdownMarkup({ id: 'eight', daily: '20:00', tz: 'Europe/Madrid' }),
        // Tomorrow's 02:30 happens twice; the first is CEST = 00:30Z: 5 h 30 min.
        countdownMarkup({ id: 'twice', daily: '02:30', tz: 'Europe/Madrid', lang: 'es' }),
      ].join('\n'),
    });
    await expect.poll(() => countdownReading(page, '#eight')).toBe('Ends in 1 day 00 hours 00 minutes 00 seconds');
    await expect.poll(() => countdownReading(page, '#twice')).toBe('Termina en 05 horas 30 minutos 00 segundos');
    // After the first 02:30 the next is on the 26th, CET: 2026-10-26T01:30Z, 25 h later.
    await page.clock.fastForward(5 * HOUR + 30 * MINUTE);
    await expect.poll(() => countdownReading(page, '#twice')).toBe('Termina en 1 día 01 hora 00 minutos 00 segundos');
    await expectClean(page, consoleErrors);
  });
});

test('refused deadlines: an ISO time without an offset (invalid-date on "ends") and an unknown zone (invalid-time-zone) show the fallback content', async ({ page, consoleErrors }) => {
  await openCountdownPage(page, {
    name: 'countdown-invalid',
    now: Date.parse('2026-11-30T12:00:00Z'),
    body: [
      countdownMarkup({ id: 'no-offset', ends: '2026-12-01T00:00:00' }, { fallback: '<p>Ends 1 December</p>' }),
      countdownMarkup({ id: 'bad-zone', daily: '20:00', tz: 'Mars/Olympus_Mons' }, { fallback: '<p>Every day until 20:00</p>' }),
      countdownMarkup({ id: 'good', ends: '2026-12-01T00:00:00Z' }),
    ].join('\n'),
  });
  await expect(page.getByText('Ends 1 December')).toBeVisible();
  await expect(page.getByText('Every day until 20:00')).toBeVisible();
  await expect(countdownPart(page, 'timer', '#no-offset')).toHaveCount(0);
  await expect(countdownPart(page, 'timer', '#bad-zone')).toHaveCount(0);
  await expect.poll(() => countdownReading(page, '#good')).toBe('Ends in 12 hours 00 minutes 00 seconds');
  await expect.poll(async () => (await recorded(page)).errors).toEqual([
    { code: 'invalid-date', attribute: 'ends', target: 'no-offset' },
    { code: 'invalid-time-zone', attribute: 'tz', target: 'bad-zone' },
  ]);
  expect(consoleErrors).toHaveLength(2);
  expect(consoleErrors[0]).toContain('<sharelock-countdown id="no-offset">');
  expect(consoleErrors[0]).toContain('(invalid-date)');
  expect(consoleErrors[1]).toContain('<sharelock-countdown id="bad-zone">');
  expect(consoleErrors[1]).toContain('(invalid-time-zone)');
  // The refused ones never tick, never end.
  await page.clock.fastForward(2 * DAY);
  await expect(page.locator('#no-offset')).not.toHaveAttribute('ended');
  await expect(page.getByText('Ends 1 December')).toBeVisible();
  expect((await countdownEvents(page)).expires).toEqual([
    { kind: 'fixed', endsAt: Date.parse('2026-12-01T00:00:00Z'), action: 'message', whileOpen: true, target: 'good' },
  ]);
  expect((await recorded(page)).violations).toEqual([]);
});
