// Privacy before a click (no third-party request, no cookie), no layout
// shift while the core loads, and no CSP violation under the strict policy.
import {
  ORIGIN, clickForPopup, expect, openTestPage, pauseClockAt, recorded, shareButton, test, testPage,
} from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook';

test.describe('nothing is requested from another host before a click', () => {
  test('page load and ten seconds of idle: zero requests off 127.0.0.1, no cookies; a click then reaches only the intent URL', async ({ page, context, external }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    await pauseClockAt(page);  // idle is the page's own time, run below
    const local = [];
    page.on('request', (request) => local.push(request.url()));
    await openTestPage(page, {
      name: 'privacy',
      html: testPage({
        // Images and favicons named by the page are the classic leaks.
        head: `<meta property="og:image" content="https://cdn.example/cover.jpg">
<meta property="og:title" content="The Cook Book">`,
        body: `<sharelock-share id="all" url="${PAGE_URL}" networks="x,facebook,linkedin,whatsapp,telegram,pinterest,reddit,bluesky,threads,mastodon,email,copy" image="https://cdn.example/cover.jpg"></sharelock-share>
<sharelock-share id="default" url="${PAGE_URL}"></sharelock-share>`,
      }),
    });
    await expect(shareButton(page, 'x', '#all')).toBeVisible();
    await expect(shareButton(page, 'x', '#default')).toBeVisible();
    // Idle, on the page's own clock: every timer, animation frame and idle
    // callback of its next ten seconds runs now, however slow the machine.
    await page.clock.runFor(10_000);
    // Then a request of the test's own, seen by the recorder: whatever the
    // page asked for before it has been recorded too.
    const ownRequest = page.waitForRequest((request) => request.url() === `${ORIGIN}/dist/sharelock.js?idle-check`);
    await page.evaluate(() => fetch('/dist/sharelock.js?idle-check').then((response) => response.text()));
    await ownRequest;

    expect(external).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // The widgets did load what they need, from the page's own origin.
    expect(local.some((url) => url.endsWith('/dist/sharelock-share.wasm'))).toBe(true);

    // Copying touches no network either.
    await shareButton(page, 'copy', '#all').click();
    await expect(shareButton(page, 'copy', '#all')).toHaveText('Link copied');
    expect(external).toEqual([]);

    // The recording works: the first click is the first third-party request.
    const popup = await clickForPopup(page, shareButton(page, 'reddit', '#all'));
    expect(external).toEqual([popup.url()]);
    expect(new URL(popup.url()).hostname).toBe('www.reddit.com');
    expect(await context.cookies()).toEqual([]);
  });
});

test.describe('the bar reserves its size while the core loads', () => {
  test('a single-row bar is as tall while loading as when rendered, and shows its fallback meanwhile', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 800 });
    // The .wasm is held back (at least a second, and until the loading
    // state has been measured), so the measurement cannot race the render.
    let release;
    const measured = new Promise((resolve) => { release = resolve; });
    await page.route('**/dist/sharelock-share.wasm', async (route) => {
      await Promise.all([measured, new Promise((resolve) => setTimeout(resolve, 1000))]);
      await route.continue();
    });
    await openTestPage(page, {
      name: 'layout',
      html: testPage({
        body: `<h1>The Cook Book</h1>
<sharelock-share id="bar" networks="x,facebook,linkedin,bluesky,email,copy" url="${PAGE_URL}" text="Cook"><a id="fallback" href="https://x.com/">Share on X</a></sharelock-share>
<p id="below">Below the bar</p>`,
      }),
    });
    const bar = page.locator('#bar');
    await expect(page.locator('#bar [part="bar"][aria-busy="true"]')).toHaveCount(1);
    await expect(page.locator('#bar [data-network]')).toHaveCount(0);
    // No empty gap: the site owner's fallback link is there until the bar replaces it.
    await expect(page.locator('#fallback')).toBeVisible();
    const loading = await bar.boundingBox();
    const belowLoading = await page.locator('#below').boundingBox();
    release();

    await expect(shareButton(page, 'copy')).toBeVisible();
    await expect(page.locator('#fallback')).toBeHidden();
    const rendered = await bar.boundingBox();
    const belowRendered = await page.locator('#below').boundingBox();
    // One row: every button sits on the same line.
    const tops = await page.locator('#bar [data-network]').evaluateAll((nodes) =>
      [...new Set(nodes.map((n) => Math.round(n.getBoundingClientRect().top)))]);
    expect(tops).toHaveLength(1);

    expect(loading.height).toBeGreaterThan(0);
    expect(rendered.height).toBe(loading.height);
    expect(belowRendered.y).toBe(belowLoading.y);
  });
});

test.describe('the strict CSP is never violated', () => {
  test('no securitypolicyviolation while the widgets load and are used', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    await pauseClockAt(page);  // "Link copied" lasts 2.5 s of the page's time, not the machine's
    await openTestPage(page, {
      name: 'csp',
      html: testPage({
        body: `<sharelock-share id="one" networks="x,bluesky,mastodon,copy" url="${PAGE_URL}" text="Cook #1"></sharelock-share>
<sharelock-share id="two" lang="es" theme="dark" url="${PAGE_URL}" text="Cocina"></sharelock-share>`,
      }),
    });
    await expect(shareButton(page, 'x', '#one')).toBeVisible();
    await expect(shareButton(page, 'x', '#two')).toBeVisible();

    await clickForPopup(page, shareButton(page, 'x', '#one'));
    await shareButton(page, 'copy', '#one').click();
    await expect(shareButton(page, 'copy', '#one')).toHaveText('Link copied');
    await shareButton(page, 'mastodon', '#one').click();
    await page.locator('#one .picker input').pressSequentially('mastodon.social');
    await clickForPopup(page, () => page.keyboard.press('Enter'));
    await clickForPopup(page, shareButton(page, 'bluesky', '#two'));

    const log = await recorded(page);
    expect(log.violations).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(log.shares.map((s) => s.network)).toEqual(['x', 'copy', 'mastodon', 'bluesky']);
  });
});

test('the policy really enforces Trusted Types: a plain string into innerHTML is refused and reported', async ({ page }) => {
  // Without this, "no violation" in every other test could mean "no policy".
  await openTestPage(page, { name: 'trusted-types', html: testPage({ body: '<p id="target">kept</p>' }) });
  const refused = await page.evaluate(() => {
    try {
      document.getElementById('target').innerHTML = '<b>injected</b>';
      return false;
    } catch (error) {
      return error instanceof TypeError;
    }
  });
  expect(refused).toBe(true);
  await expect(page.locator('#target')).toHaveText('kept');
  await expect.poll(async () => (await recorded(page)).violations.map((v) => v.directive)).toEqual(['require-trusted-types-for']);
});
