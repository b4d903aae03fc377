// When the feed of a <sharelock-proof> is broken, the widget shows
// nothing and breaks nothing: no badge and no toast, exactly one
// console.error, one `sharelock:error` with a stable code naming the "src"
// attribute, and the rest of the page (text, a <sharelock-share> bar) works
// as before. And privacy: nothing leaves 127.0.0.1 before a click; a feed
// on another site is refused without a request.
import {
  ORIGIN, STRICT_CSP, clickForPopup, expect, jsonFile, openProofPage, proofEvents, proofFootprint, proofMarkup,
  proofPart, recorded, shareButton, test,
} from './fixtures.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const iso = (time) => new Date(time).toISOString();
const FEED_PATH = '/__test__/proof.json';
const PAGE_URL = 'https://shop.example/playbook';

const GOOD_FEED = {
  version: 1,
  counters: [{ item: 'playbook', type: 'purchase', window: 'all', count: 1284 }],
  events: [{ id: 'e1', item: 'playbook', type: 'purchase', at: iso(NOW - 5 * MINUTE), name: 'Ana', place: 'Madrid' }],
};

function pageBody(widgets) {
  return `<main>
<h1>The Small Shop Playbook</h1>
<p id="copy">Forty pages of tested ideas for independent shops.</p>
${widgets}
<sharelock-share id="share" networks="x,bluesky" url="${PAGE_URL}" text="The playbook">
  <a href="https://x.com/intent/tweet?url=${encodeURIComponent(PAGE_URL)}">Share on X</a>
</sharelock-share>
</main>`;
}

const sharelockErrors = (errors) => errors.filter((text) => text.startsWith('[sharelock]'));
// What Chromium itself logs for a failed response (not the widget's doing).
const BROWSER_LOG = /^Failed to load resource: the server responded with a status of (404 \(Not Found\)|500 \(Internal Server Error\))$/;
const ownErrors = (errors) => errors.filter((text) => !BROWSER_LOG.test(text));

/** The page around a failed widget still works: its text, and a share bar that opens its popup. */
async function expectPageIntact(page) {
  await expect(page.getByRole('heading', { name: 'The Small Shop Playbook' })).toBeVisible();
  await expect(page.locator('#copy')).toHaveText('Forty pages of tested ideas for independent shops.');
  await expect(shareButton(page, 'x', '#share')).toBeVisible();
  await expect(shareButton(page, 'bluesky', '#share')).toBeVisible();
  const popup = await clickForPopup(page, shareButton(page, 'x', '#share'));
  expect(new URL(popup.url()).hostname).toBe('x.com');
  await popup.close();
}

// Big feeds come from the demo server's test-only /__test__/generated-feed/
// (scripts/serve.mjs): generated as they are sent, never passed through
// Playwright, so their size costs the test no time on a busy machine. Each
// is a valid feed if read whole (the 1 MiB one below is read and shown).
const generatedFeed = (size) => `/__test__/generated-feed/${size}.json`;
const MIB = 1024 * 1024;

const BROKEN = [
  {
    name: '404',
    code: 'feed-unavailable',
    message: /could not be read: HTTP 404/,
    serve: (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }),
  },
  {
    name: 'a 500 with a JSON body',
    code: 'feed-unavailable',
    message: /could not be read: HTTP 500/,
    serve: (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify(GOOD_FEED) }),
  },
  {
    name: 'invalid JSON',
    code: 'invalid-feed',
    message: /the feed is not a JSON object/,
    serve: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version": 1, "counters": [' }),
  },
  {
    name: 'an HTML error page with status 200',
    code: 'invalid-feed',
    message: /the feed is not a JSON object/,
    serve: (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Oops</title>' }),
  },
  {
    name: 'version 2',
    code: 'unsupported-feed-version',
    message: /"version": 1/,
    serve: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ...GOOD_FEED, version: 2 }) }),
  },
  {
    name: 'a 10 MiB body (with its Content-Length)',
    code: 'feed-too-large',
    message: /over 1 MiB/,
    src: generatedFeed(10 * MIB),
  },
  {
    // Proves the widget stops reading by itself past 1 MiB: a widget that
    // read to the end would wait here forever (the page's clock is paused,
    // so its 5 s time limit never fires either).
    name: 'a body that never ends (no Content-Length)',
    code: 'feed-too-large',
    message: /over 1 MiB/,
    src: generatedFeed('endless'),
  },
];

for (const kind of ['count', 'recent']) {
  test.describe(`kind="${kind}", the feed is broken`, () => {
    for (const broken of BROKEN) {
      test(`${broken.name}: nothing shown, one console.error, sharelock:error "${broken.code}", the page works`, async ({ page, consoleErrors, external }) => {
        if (broken.serve) await page.route((url) => url.pathname === FEED_PATH, broken.serve);
        await openProofPage(page, {
          name: `proof-broken-${kind}`,
          now: NOW,
          body: pageBody(proofMarkup({ id: 'proof', kind, src: broken.src ?? FEED_PATH, item: 'playbook' })),
        });
        await expect.poll(async () => (await recorded(page)).errors).toEqual([
          { code: broken.code, attribute: 'src', target: 'proof' },
        ]);
        expect(await proofFootprint(page, '#proof')).toEqual({ nodes: 0, height: 0 });
        // Toasts would have started by now; none does.
        await page.clock.runFor(30 * SECOND);
        expect(await proofFootprint(page, '#proof')).toEqual({ nodes: 0, height: 0 });
        await expect(proofPart(page, 'badge')).toHaveCount(0);
        await expect(proofPart(page, 'toast')).toHaveCount(0);
        expect(await proofEvents(page)).toEqual([]);

        expect(sharelockErrors(consoleErrors)).toHaveLength(1);
        const logged = ownErrors(consoleErrors);
        expect(logged).toHaveLength(1);
        expect(logged[0]).toMatch(/^\[sharelock\] <sharelock-proof id="proof"> attribute "src": /);
        expect(logged[0]).toMatch(broken.message);
        expect(logged[0].endsWith(`(${broken.code})`)).toBe(true);
        expect(external).toEqual([]);
        await expectPageIntact(page);
        expect((await recorded(page)).errors).toHaveLength(1);
      });
    }

    test('a feed that never answers: given up after 5 s (feed-unavailable), nothing shown, the page works', async ({ page, consoleErrors }) => {
      let requested;
      const asked = new Promise((resolve) => { requested = resolve; });
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      await page.route((url) => url.pathname === FEED_PATH, async (route) => {
        requested();
        await held;
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(GOOD_FEED) }).catch(() => {});
      });
      await openProofPage(page, {
        name: `proof-hanging-${kind}`,
        now: NOW,
        body: pageBody(proofMarkup({ id: 'proof', kind, src: FEED_PATH, item: 'playbook' })),
      });
      await asked;
      await expect(shareButton(page, 'x', '#share')).toBeVisible();
      await page.clock.runFor(5 * SECOND - 10);
      expect((await recorded(page)).errors).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.clock.runFor(10);
      await expect.poll(async () => (await recorded(page)).errors).toEqual([
        { code: 'feed-unavailable', attribute: 'src', target: 'proof' },
      ]);
      expect(consoleErrors).toHaveLength(1);
      expect(consoleErrors[0]).toMatch(/^\[sharelock\] <sharelock-proof id="proof"> attribute "src": the feed http:\/\/127\.0\.0\.1:\d+\/__test__\/proof\.json could not be read: .*\(feed-unavailable\)$/);
      expect(await proofFootprint(page, '#proof')).toEqual({ nodes: 0, height: 0 });

      // An answer arriving later changes nothing.
      release();
      await page.clock.runFor(30 * SECOND);
      expect(await proofFootprint(page, '#proof')).toEqual({ nodes: 0, height: 0 });
      expect(await proofEvents(page)).toEqual([]);
      expect(consoleErrors).toHaveLength(1);
      await expectPageIntact(page);
    });
  });
}

test('bad rows are skipped and reported once (invalid-feed-rows) while the valid rows still show', async ({ page, consoleErrors }) => {
  const feed = {
    version: 1,
    counters: [
      { item: 'playbook', type: 'purchase', window: 'all', count: 1284 },
      { item: 'playbook', type: 'sold', window: 'all', count: 5 },
      'not an object',
    ],
    events: [
      { id: 'bad-type', item: 'playbook', type: 'refund', at: iso(NOW - MINUTE), name: 'Eve' },
      { id: 'no-at', item: 'playbook', type: 'purchase', name: 'Eve' },
      { id: 'good', item: 'playbook', type: 'purchase', at: iso(NOW - 2 * MINUTE), name: 'Ana', place: 'Madrid' },
    ],
  };
  await openProofPage(page, {
    name: 'proof-bad-rows',
    now: NOW,
    files: { 'proof.json': jsonFile(feed) },
    body: pageBody(`${proofMarkup({ id: 'badge', src: FEED_PATH, item: 'playbook' })}
${proofMarkup({ id: 'recent', kind: 'recent', src: FEED_PATH, item: 'playbook' })}`),
  });
  await expect(proofPart(page, 'text', '#badge')).toHaveText('1,284 people bought this');
  await expect(proofPart(page, 'toast', '#recent')).toHaveCount(1);
  await page.clock.runFor(3 * SECOND);
  await expect(proofPart(page, 'toast-text', '#recent')).toHaveText('Ana from Madrid bought this 2 min ago');
  await expect(proofPart(page, 'toast', '#recent')).toBeVisible();
  const errors = (await recorded(page)).errors.sort((a, b) => a.target.localeCompare(b.target));
  expect(errors).toEqual([
    { code: 'invalid-feed-rows', attribute: 'src', target: 'badge' },
    { code: 'invalid-feed-rows', attribute: 'src', target: 'recent' },
  ]);
  expect(consoleErrors).toHaveLength(2);
  for (const id of ['badge', 'recent']) {
    expect(consoleErrors.filter((text) => text.startsWith(`[sharelock] <sharelock-proof id="${id}"> attribute "src": 4 row(s) of the feed were skipped`))).toHaveLength(1);
  }
  await expectPageIntact(page);
});

test.describe('privacy', () => {
  test('badges and toasts from a same-site feed: nothing leaves 127.0.0.1 before a click; a click then reaches only the share intent', async ({ page, context, external }) => {
    const local = [];
    page.on('request', (request) => local.push(request.url()));
    await openProofPage(page, {
      name: 'proof-privacy',
      now: NOW,
      files: { 'proof.json': jsonFile(GOOD_FEED) },
      body: pageBody(`${proofMarkup({ id: 'badge', src: FEED_PATH, item: 'playbook' })}
${proofMarkup({ id: 'inline', count: '1284' })}
${proofMarkup({ id: 'recent', kind: 'recent', src: FEED_PATH, item: 'playbook' })}`),
    });
    await expect(proofPart(page, 'text', '#badge')).toHaveText('1,284 people bought this');
    await expect(proofPart(page, 'text', '#inline')).toHaveText('1,284 people bought this');
    await page.clock.runFor(3 * SECOND);
    await expect(proofPart(page, 'toast', '#recent')).toBeVisible();
    await page.clock.runFor(MINUTE);

    expect(external).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    // The feed was read from the page's own origin, with no query string.
    expect(local.filter((url) => url.includes('proof.json'))).toEqual([`${ORIGIN}${FEED_PATH}`, `${ORIGIN}${FEED_PATH}`]);
    expect(local.every((url) => url.startsWith(`${ORIGIN}/`))).toBe(true);

    const popup = await clickForPopup(page, shareButton(page, 'bluesky', '#share'));
    expect(external).toEqual([popup.url()]);
  });

  for (const src of ['https://evil.example/proof.json', '//evil.example/proof.json', 'http://localhost:9/proof.json', `http://127.0.0.1:${Number(new URL(ORIGIN).port) + 1}/proof.json`]) {
    test(`src="${src}" (another origin) is refused with third-party-feed and never fetched`, async ({ page, consoleErrors, external }) => {
      const requests = [];
      page.on('request', (request) => requests.push(request.url()));
      // Even a page whose CSP would let the request through.
      const csp = `${STRICT_CSP}; connect-src 'self' https://evil.example http://localhost:9 http://127.0.0.1:*`;
      await openProofPage(page, {
        name: 'proof-third-party',
        now: NOW,
        csp,
        body: pageBody(`${proofMarkup({ id: 'evil', src, item: 'playbook' })}
${proofMarkup({ id: 'evil-recent', kind: 'recent', src, item: 'playbook' })}`),
      });
      await expect.poll(async () => (await recorded(page)).errors.length).toBe(2);
      expect((await recorded(page)).errors.sort((a, b) => a.target.localeCompare(b.target))).toEqual([
        { code: 'third-party-feed', attribute: 'src', target: 'evil' },
        { code: 'third-party-feed', attribute: 'src', target: 'evil-recent' },
      ]);
      await page.clock.runFor(30 * SECOND);
      expect(await proofFootprint(page, '#evil')).toEqual({ nodes: 0, height: 0 });
      expect(await proofFootprint(page, '#evil-recent')).toEqual({ nodes: 0, height: 0 });
      expect(consoleErrors).toHaveLength(2);
      expect(consoleErrors.every((text) => /attribute "src": the feed must be on this site .*\(third-party-feed\)$/.test(text))).toBe(true);
      expect(external).toEqual([]);
      expect(requests.filter((url) => url.includes('proof.json'))).toEqual([]);
      expect((await recorded(page)).violations).toEqual([]);
      await expectPageIntact(page);
    });
  }

  test('a same-site src that redirects to another site is not followed there, even where the page\'s CSP would allow it', async ({ page, consoleErrors, external }) => {
    await page.route((url) => url.pathname === FEED_PATH, (route) =>
      route.fulfill({ status: 302, headers: { Location: 'https://tracker.example/proof.json' }, body: '' }));
    await openProofPage(page, {
      name: 'proof-redirect',
      now: NOW,
      csp: `${STRICT_CSP}; connect-src *`,
      body: pageBody(proofMarkup({ id: 'moved', src: FEED_PATH, item: 'playbook' })),
    });
    await expect.poll(async () => (await recorded(page)).errors.length).toBe(1);
    expect(await proofFootprint(page, '#moved')).toEqual({ nodes: 0, height: 0 });
    expect(sharelockErrors(consoleErrors)).toHaveLength(1);
    expect(external).toEqual([]);
  });

  test('server="https://…" asks the owner\'s verification server for the item\'s verified unlocks, without cookies', async ({ page, context, consoleErrors, external }) => {
    await context.addCookies([{ name: 'session', value: 'secret', domain: 'verify.example', path: '/', secure: true, sameSite: 'None' }]);
    const asked = [];
    await page.route('https://verify.example/**', async (route) => {
      asked.push({ url: route.request().url(), headers: await route.request().allHeaders() });
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'Access-Control-Allow-Origin': ORIGIN },
        body: JSON.stringify({ version: 1, counters: [{ item: 'play book', type: 'unlock', window: 'all', count: 37 }] }),
      });
    });
    await openProofPage(page, {
      name: 'proof-server',
      now: NOW,
      csp: `${STRICT_CSP}; connect-src 'self' https://verify.example`,
      body: pageBody(proofMarkup({ id: 'verified', server: 'https://verify.example/', item: 'play book' })),
    });
    await expect(proofPart(page, 'text', '#verified')).toHaveText('37 people unlocked this by sharing');
    expect(asked).toHaveLength(1);
    const url = new URL(asked[0].url);
    expect(`${url.origin}${url.pathname}`).toBe('https://verify.example/v1/proof');
    expect([...url.searchParams]).toEqual([['item', 'play book']]);
    expect(asked[0].headers.cookie).toBeUndefined();
    expect(external).toEqual([asked[0].url]);
    expect(consoleErrors).toEqual([]);
  });
});

test('a feed of exactly 1 MiB is read; one byte more is refused unread (feed-too-large)', async ({ page, consoleErrors }) => {
  // The generated feeds really are 1 MiB and one byte more, and valid JSON.
  for (const bytes of [MIB, MIB + 1]) {
    const body = await (await page.request.get(`${ORIGIN}${generatedFeed(bytes)}`)).body();
    expect(body.length).toBe(bytes);
    expect(JSON.parse(body.toString()).counters).toEqual([{ item: 'playbook', type: 'purchase', count: 1284 }]);
  }
  await openProofPage(page, {
    name: 'proof-feed-size',
    now: NOW,
    body: pageBody(`${proofMarkup({ id: 'exact', src: generatedFeed(MIB), item: 'playbook' })}
${proofMarkup({ id: 'over', src: generatedFeed(MIB + 1), item: 'playbook' })}`),
  });
  await expect(proofPart(page, 'text', '#exact')).toHaveText('1,284 people bought this');
  await expect.poll(async () => (await recorded(page)).errors).toEqual([{ code: 'feed-too-large', attribute: 'src', target: 'over' }]);
  expect(await proofFootprint(page, '#over')).toEqual({ nodes: 0, height: 0 });
  expect(consoleErrors).toHaveLength(1);
  await expectPageIntact(page);
});

test('a widget set up wrong shows nothing, says why once, and leaves the page alone', async ({ page, consoleErrors }) => {
  const cases = {
    'no-source': [{ item: 'playbook' }, 'missing-source', 'src'],
    'two-sources': [{ count: '12', src: FEED_PATH }, 'conflicting-source', ''],
    'recent-inline': [{ kind: 'recent', count: '12' }, 'missing-feed', 'count'],
    'bad-kind': [{ kind: 'carousel', count: '12' }, 'invalid-kind', 'kind'],
    'bad-type': [{ count: '12', type: 'refund' }, 'invalid-type', 'type'],
    'bad-count': [{ count: '12.5' }, 'invalid-count', 'count'],
    'js-src': [{ src: 'javascript:alert(1)' }, 'unsafe-url', 'src'],
    'http-server': [{ server: 'http://verify.example', item: 'playbook' }, 'insecure-url', 'server'],
    'server-no-item': [{ server: 'https://verify.example' }, 'missing-item', 'item'],
  };
  let dialogs = 0;
  page.on('dialog', (dialog) => { dialogs += 1; dialog.dismiss(); });
  await openProofPage(page, {
    name: 'proof-misconfigured',
    now: NOW,
    files: { 'proof.json': jsonFile(GOOD_FEED) },
    body: pageBody(Object.entries(cases).map(([id, [attributes]]) => proofMarkup({ id, ...attributes })).join('\n')),
  });
  const expected = Object.entries(cases).map(([id, [, code, attribute]]) => ({ code, attribute, target: id }));
  await expect.poll(async () => (await recorded(page)).errors.length).toBe(expected.length);
  const byTarget = (a, b) => a.target.localeCompare(b.target);
  expect((await recorded(page)).errors.sort(byTarget)).toEqual(expected.sort(byTarget));
  for (const id of Object.keys(cases)) {
    expect(await proofFootprint(page, `#${id}`), id).toEqual({ nodes: 0, height: 0 });
    expect(consoleErrors.filter((text) => text.startsWith(`[sharelock] <sharelock-proof id="${id}">`)), id).toHaveLength(1);
  }
  expect(consoleErrors).toHaveLength(expected.length);
  expect(dialogs).toBe(0);
  await expectPageIntact(page);
});
