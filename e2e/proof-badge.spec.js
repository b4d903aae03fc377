// <sharelock-proof> count badges: what a shopper reads, in English and in
// Spanish, from a same-site feed or a number in the page; and nothing at
// all (an empty shadow root, no space taken) when there is nothing true to
// say: below the shop's threshold, a windowed count taken too long ago, a
// count for another item. The page's clock is paused at a known "now"
// (openProofPage), so "taken 30 min ago" means exactly that.
import {
  expect, jsonFile, openProofPage, proofEvents, proofFootprint, proofMarkup, proofPart, recorded, test,
} from './fixtures.js';
import { fetchStates, watchFetches } from './watch-fetches.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const iso = (time) => new Date(time).toISOString();
const NBSP = '\u00A0';

/**
 * Resolves once `count` reads of the feed at `path` have finished in the
 * browser's network stack. The page may not have processed them yet: before
 * moving its clock on (which would fire a read's 5 s time limit), wait for
 * what the page did with them (a sharelock:proof, or watchFetches).
 */
function feedReadsOf(page, path, count) {
  let seen = 0;
  return new Promise((resolve) => {
    const listener = (request) => {
      if (new URL(request.url()).pathname === path && ++seen === count) {
        page.off('requestfinished', listener);
        resolve();
      }
    };
    page.on('requestfinished', listener);
  });
}
const feedReads = (page, count) => feedReadsOf(page, '/__test__/proof.json', count);

const FEED = {
  version: 1,
  counters: [
    { item: 'playbook', type: 'purchase', window: 'all', count: 1284 },
    // Counted 30 minutes ago: still "the last 24 hours" (fresh for an hour).
    { item: 'playbook', type: 'purchase', window: '24h', count: 37, at: iso(NOW - 30 * MINUTE) },
    { item: 'playbook', type: 'signup', window: 'all', count: 12840 },
    { item: 'playbook', type: 'download', window: '7d', count: 1, at: '2026-11-30T12:30:00+01:00' },
    { item: 'other-book', type: 'purchase', window: 'all', count: 999999 },
  ],
};

const BADGES = [
  { id: 'total', attributes: { src: '/__test__/proof.json', item: 'playbook' }, count: 1284 },
  { id: 'today', attributes: { src: '/__test__/proof.json', item: 'playbook', window: '24h' }, count: 37 },
  { id: 'signups', attributes: { src: '/__test__/proof.json', item: 'playbook', type: 'signup', notation: 'compact' }, count: 12840 },
  { id: 'auto', attributes: { src: '/__test__/proof.json', item: 'playbook', type: 'signup' }, count: 12840 },
  { id: 'full', attributes: { src: '/__test__/proof.json', item: 'playbook', type: 'signup', notation: 'full' }, count: 12840 },
  { id: 'one', attributes: { src: '/__test__/proof.json', item: 'playbook', type: 'download', window: '7d' }, count: 1 },
  { id: 'inline', attributes: { count: '1284' }, count: 1284 },
  { id: 'inline-shared', attributes: { count: '25', type: 'share', window: '30d' }, count: 25 },
];

const LANGUAGES = [
  {
    lang: 'en',
    texts: {
      total: '1,284 people bought this',
      today: '37 people bought this in the last 24 hours',
      signups: '12K people signed up',
      auto: '12K people signed up',
      full: '12,840 people signed up',
      one: '1 person downloaded this in the last 7 days',
      inline: '1,284 people bought this',
      'inline-shared': '25 people shared this in the last 30 days',
    },
  },
  {
    lang: 'es',
    texts: {
      total: '1284 personas lo han comprado',
      today: '37 personas lo han comprado en las últimas 24 horas',
      signups: `12${NBSP}mil personas se han apuntado`,
      auto: `12${NBSP}mil personas se han apuntado`,
      full: '12.840 personas se han apuntado',
      one: '1 persona lo ha descargado en los últimos 7 días',
      inline: '1284 personas lo han comprado',
      'inline-shared': '25 personas lo han compartido en los últimos 30 días',
    },
  },
];

for (const { lang, texts } of LANGUAGES) {
  test(`lang="${lang}": each badge shows the feed's (or the page's) count in a sentence, and says so with sharelock:proof`, async ({ page, consoleErrors, external }) => {
    await openProofPage(page, {
      name: `proof-badges-${lang}`,
      now: NOW,
      lang,
      files: { 'proof.json': jsonFile(FEED) },
      body: `<main><h1>The Small Shop Playbook</h1>
${BADGES.map(({ id, attributes }) => proofMarkup({ id, ...attributes })).join('\n')}
</main>`,
    });
    for (const { id } of BADGES) {
      const badge = proofPart(page, 'badge', `#${id}`);
      await expect(badge).toBeVisible();
      // Exact text, no-break spaces included.
      await expect(badge.locator('[part="text"]')).toHaveText(texts[id], { useInnerText: false });
      expect(await badge.locator('[part="text"]').textContent()).toBe(texts[id]);
      await expect(badge).toHaveAttribute('lang', lang);
    }
    expect((await proofEvents(page)).sort((a, b) => a.target.localeCompare(b.target))).toEqual(
      BADGES.map(({ id, count }) => ({ kind: 'count', count, text: texts[id], target: id }))
        .sort((a, b) => a.target.localeCompare(b.target)),
    );
    expect(consoleErrors).toEqual([]);
    expect((await recorded(page)).errors).toEqual([]);
    expect((await recorded(page)).violations).toEqual([]);
    expect(external).toEqual([]);
  });
}

test('an element\'s own lang="es" wins on an English page, and the badge lives in shadow parts a shop can style', async ({ page, consoleErrors }) => {
  await openProofPage(page, {
    name: 'proof-badge-lang',
    now: NOW,
    files: { 'proof.json': jsonFile(FEED) },
    body: `${proofMarkup({ id: 'en', count: '1284' })}
${proofMarkup({ id: 'es', count: '1284', lang: 'es' })}
<div lang="es">${proofMarkup({ id: 'inherited', src: '/__test__/proof.json', item: 'playbook', window: '24h' })}</div>`,
  });
  await expect(proofPart(page, 'text', '#en')).toHaveText('1,284 people bought this');
  await expect(proofPart(page, 'text', '#es')).toHaveText('1284 personas lo han comprado');
  await expect(proofPart(page, 'text', '#inherited')).toHaveText('37 personas lo han comprado en las últimas 24 horas');
  // badge > text, with the decorative mark hidden from screen readers.
  await expect(page.locator('#en [part="badge"] > [part="text"]')).toHaveCount(1);
  await expect(page.locator('#en [part="badge"] > [part="mark"]')).toHaveAttribute('aria-hidden', 'true');
  await expect(page.getByText('1,284 people bought this')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test.describe('nothing true to say, nothing shown', () => {
  const feed = {
    version: 1,
    counters: [
      // Taken two hours ago: no longer "the last 24 hours" (an hour at most).
      { item: 'stale', type: 'purchase', window: '24h', count: 50, at: iso(NOW - 2 * HOUR) },
      // Seven hours is 1/24 of a week: fresh until then, not after.
      { item: 'week-stale', type: 'purchase', window: '7d', count: 90, at: iso(NOW - 7 * HOUR - MINUTE) },
      { item: 'week-fresh', type: 'purchase', window: '7d', count: 90, at: iso(NOW - 6 * HOUR) },
      { item: 'few', type: 'purchase', window: 'all', count: 9 },
      { item: 'zero', type: 'purchase', window: 'all', count: 0 },
      { item: 'playbook', type: 'purchase', window: 'all', count: 1284 },
    ],
  };

  test('below min, a stale windowed count, a count of zero, no counter for the item or the window: an empty shadow root that takes no space, no error', async ({ page, consoleErrors }) => {
    await openProofPage(page, {
      name: 'proof-nothing',
      now: NOW,
      files: { 'proof.json': jsonFile(feed) },
      body: `<p id="before">Before</p>
${proofMarkup({ id: 'below-inline', count: '7', type: 'share', window: '7d', min: '10' })}
${proofMarkup({ id: 'below-feed', src: '/__test__/proof.json', item: 'few', min: '10' })}
${proofMarkup({ id: 'zero', src: '/__test__/proof.json', item: 'zero' })}
${proofMarkup({ id: 'stale', src: '/__test__/proof.json', item: 'stale', window: '24h' })}
${proofMarkup({ id: 'week-stale', src: '/__test__/proof.json', item: 'week-stale', window: '7d' })}
${proofMarkup({ id: 'no-item', src: '/__test__/proof.json', item: 'missing' })}
${proofMarkup({ id: 'no-window', src: '/__test__/proof.json', item: 'playbook', window: '30d' })}
${proofMarkup({ id: 'no-type', src: '/__test__/proof.json', item: 'playbook', type: 'signup' })}
${proofMarkup({ id: 'week-fresh', src: '/__test__/proof.json', item: 'week-fresh', window: '7d' })}
${proofMarkup({ id: 'at-min', src: '/__test__/proof.json', item: 'few', min: '9' })}
<p id="after">After</p>`,
    });
    // The two that may speak do; by then every feed has been read.
    await expect(proofPart(page, 'text', '#week-fresh')).toHaveText('90 people bought this in the last 7 days');
    await expect(proofPart(page, 'text', '#at-min')).toHaveText('9 people bought this');
    for (const id of ['below-inline', 'below-feed', 'zero', 'stale', 'week-stale', 'no-item', 'no-window', 'no-type']) {
      expect(await proofFootprint(page, `#${id}`), id).toEqual({ nodes: 0, height: 0 });
    }
    expect((await proofEvents(page)).map((event) => event.target).sort()).toEqual(['at-min', 'week-fresh']);
    await expect(page.locator('#before')).toBeVisible();
    await expect(page.locator('#after')).toBeVisible();
    expect(consoleErrors).toEqual([]);
    expect((await recorded(page)).errors).toEqual([]);
  });

  test('a windowed badge is not shown once its count is no longer fresh: the same feed, read 31 minutes later, shows only the all-time count', async ({ page, consoleErrors }) => {
    const body = `${proofMarkup({ id: 'today', src: '/__test__/proof.json', item: 'playbook', window: '24h' })}
${proofMarkup({ id: 'total', src: '/__test__/proof.json', item: 'playbook' })}`;
    await openProofPage(page, { name: 'proof-stale-later', now: NOW, files: { 'proof.json': jsonFile(FEED) }, body });
    await expect(proofPart(page, 'text', '#today')).toHaveText('37 people bought this in the last 24 hours');
    await expect(proofPart(page, 'text', '#total')).toHaveText('1,284 people bought this');

    // The count was taken 30 minutes ago; 31 minutes on it is 61 minutes old.
    await page.clock.fastForward(31 * MINUTE);
    const read = feedReads(page, 2);
    await page.reload();
    await read;
    await expect(proofPart(page, 'text', '#total')).toHaveText('1,284 people bought this');
    expect(await page.evaluate(() => Date.now())).toBe(NOW + 31 * MINUTE);
    expect(await proofFootprint(page, '#today')).toEqual({ nodes: 0, height: 0 });
    expect(consoleErrors).toEqual([]);
  });
});

test('a counter from the future or with a bad count is skipped and reported once per widget; good rows still show', async ({ page, consoleErrors }) => {
  const feed = {
    version: 1,
    counters: [
      { item: 'future', type: 'purchase', window: '24h', count: 500, at: iso(NOW + HOUR) },
      { item: 'playbook', type: 'purchase', window: 'all', count: -3 },
      { item: 'playbook', type: 'purchase', window: 'all', count: 12.5 },
      { item: 'playbook', type: 'signup', window: 'all', count: 40 },
    ],
  };
  const read = feedReads(page, 2);
  await openProofPage(page, {
    name: 'proof-bad-counters',
    now: NOW,
    files: { 'proof.json': jsonFile(feed) },
    body: `${proofMarkup({ id: 'future', src: '/__test__/proof.json', item: 'future', window: '24h' })}
${proofMarkup({ id: 'signed', src: '/__test__/proof.json', item: 'playbook', type: 'signup' })}`,
  });
  await read;
  await expect(proofPart(page, 'text', '#signed')).toHaveText('40 people signed up');
  await expect.poll(async () => (await recorded(page)).errors.length).toBe(2);
  expect((await recorded(page)).errors.sort((a, b) => a.target.localeCompare(b.target))).toEqual([
    { code: 'invalid-feed-rows', attribute: 'src', target: 'future' },
    { code: 'invalid-feed-rows', attribute: 'src', target: 'signed' },
  ]);
  expect(await proofFootprint(page, '#future')).toEqual({ nodes: 0, height: 0 });
  expect(consoleErrors).toHaveLength(2);
  expect(consoleErrors.find((text) => text.includes('id="signed"'))).toMatch(
    /^\[sharelock\] <sharelock-proof id="signed"> attribute "src": 3 row\(s\) of the feed were skipped; the first because a counter's "at" is in the future \(invalid-feed-rows\)$/,
  );
});

test.describe('live and changing counts', () => {
  test('type="viewing": a count taken in the last 2 minutes, fetched again every 30 s, gone once 2 minutes old', async ({ page, consoleErrors }) => {
    let viewers = { count: 12, at: NOW - 30 * SECOND };
    const reads = [];
    await page.route((url) => url.pathname === '/__test__/live.json', (route) => {
      reads.push(viewers.count);
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ version: 1, counters: [{ item: 'playbook', type: 'viewing', count: viewers.count, at: iso(viewers.at) }] }),
      });
    });
    await openProofPage(page, {
      name: 'proof-viewing',
      now: NOW,
      body: `${proofMarkup({ id: 'live', src: '/__test__/live.json', item: 'playbook', type: 'viewing' })}
${proofMarkup({ id: 'live-es', src: '/__test__/live.json', item: 'playbook', type: 'viewing', lang: 'es' })}`,
    });
    await expect(proofPart(page, 'text', '#live')).toHaveText('12 people are viewing this now');
    await expect(proofPart(page, 'text', '#live-es')).toHaveText('12 personas lo están viendo ahora');
    expect(reads).toHaveLength(2);

    // Each widget says sharelock:proof each time it draws a read: the page
    // has dealt with both reads before the clock moves on.
    await expect.poll(async () => (await proofEvents(page)).length).toBe(2);

    // 30 s on, each widget asks again and shows the new count.
    viewers = { count: 1, at: NOW + 25 * SECOND };
    let read = feedReadsOf(page, '/__test__/live.json', 2);
    await page.clock.runFor(30 * SECOND);
    await read;
    await expect(proofPart(page, 'text', '#live')).toHaveText('1 person is viewing this now');
    await expect(proofPart(page, 'text', '#live-es')).toHaveText('1 persona lo está viendo ahora');
    await expect.poll(async () => (await proofEvents(page)).length).toBe(4);

    // The feed stops moving: the count taken at +25 s is 2 minutes old at +145 s.
    for (let step = 0; step < 3; step += 1) {
      read = feedReadsOf(page, '/__test__/live.json', 2);
      await page.clock.runFor(30 * SECOND);
      await read;
      await expect.poll(async () => (await proofEvents(page)).length).toBe(6 + 2 * step);
      await expect(proofPart(page, 'text', '#live')).toHaveText('1 person is viewing this now');
    }
    // +120 s now; at +150 s it is too old.
    read = feedReadsOf(page, '/__test__/live.json', 2);
    await page.clock.runFor(30 * SECOND);
    await read;
    await expect.poll(() => proofFootprint(page, '#live')).toEqual({ nodes: 0, height: 0 });
    await expect.poll(() => proofFootprint(page, '#live-es')).toEqual({ nodes: 0, height: 0 });
    expect(consoleErrors).toEqual([]);
  });

  test('a live count whose feed fails is hidden, said once however often it fails, and back when the feed answers again', async ({ page, consoleErrors }) => {
    let failing = false;
    let takenAt = NOW - 10 * SECOND;
    await page.route((url) => url.pathname === '/__test__/live.json', (route) => (failing
      ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'busy' })
      : route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ version: 1, counters: [{ type: 'viewing', count: 7, at: iso(takenAt) }] }),
      })));
    await watchFetches(page, '/__test__/live.json');
    await openProofPage(page, {
      name: 'proof-viewing-failing',
      now: NOW,
      body: proofMarkup({ id: 'live', src: '/__test__/live.json', type: 'viewing' }),
    });
    await expect(proofPart(page, 'text', '#live')).toHaveText('7 people are viewing this now');

    failing = true;
    for (let step = 0; step < 3; step += 1) {
      const read = feedReadsOf(page, '/__test__/live.json', 1);
      await page.clock.runFor(30 * SECOND);
      await read;
      // Answered: the first read, then each failing one (the widget has dealt with each).
      await expect.poll(async () => (await fetchStates(page)).filter((state) => state !== 'pending').length).toBe(2 + step);
      await expect.poll(() => proofFootprint(page, '#live')).toEqual({ nodes: 0, height: 0 });
    }
    const said = consoleErrors.filter((text) => text.startsWith('[sharelock]'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/<sharelock-proof id="live"> attribute "src": the feed .*live\.json could not be read: HTTP 503 \(feed-unavailable\)$/);
    expect((await recorded(page)).errors).toEqual([{ code: 'feed-unavailable', attribute: 'src', target: 'live' }]);

    failing = false;
    takenAt = NOW + 100 * SECOND;
    const read = feedReadsOf(page, '/__test__/live.json', 1);
    await page.clock.runFor(30 * SECOND);
    await read;
    await expect(proofPart(page, 'text', '#live')).toHaveText('7 people are viewing this now');
  });

  test('a number in the page cannot be "viewing now": no-live-source, nothing shown', async ({ page, consoleErrors }) => {
    await openProofPage(page, {
      name: 'proof-viewing-inline',
      now: NOW,
      body: `${proofMarkup({ id: 'fake-live', count: '40', type: 'viewing' })}${proofMarkup({ id: 'ok', count: '40' })}`,
    });
    await expect(proofPart(page, 'text', '#ok')).toHaveText('40 people bought this');
    await expect.poll(async () => (await recorded(page)).errors).toEqual([{ code: 'no-live-source', attribute: 'count', target: 'fake-live' }]);
    expect(await proofFootprint(page, '#fake-live')).toEqual({ nodes: 0, height: 0 });
    expect(consoleErrors).toHaveLength(1);
  });

  test('changing the attributes redraws the badge (count, lang, then below min: gone)', async ({ page, consoleErrors }) => {
    await openProofPage(page, { name: 'proof-attributes', now: NOW, body: proofMarkup({ id: 'badge', count: '1284' }) });
    await expect(proofPart(page, 'text')).toHaveText('1,284 people bought this');
    await page.locator('#badge').evaluate((element) => element.setAttribute('count', '1285'));
    await expect(proofPart(page, 'text')).toHaveText('1,285 people bought this');
    await page.locator('#badge').evaluate((element) => element.setAttribute('lang', 'es'));
    await expect(proofPart(page, 'text')).toHaveText('1285 personas lo han comprado');
    await page.locator('#badge').evaluate((element) => element.setAttribute('min', '5000'));
    await expect.poll(() => proofFootprint(page)).toEqual({ nodes: 0, height: 0 });
    expect((await proofEvents(page)).map((e) => e.text)).toEqual([
      '1,284 people bought this', '1,285 people bought this', '1285 personas lo han comprado',
    ]);
    expect(consoleErrors).toEqual([]);
  });
});
