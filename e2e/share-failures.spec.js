// When things go wrong, the page keeps working: a missing or blocked wasm
// core and hostile or broken attributes leave each element showing its
// light-DOM fallback (or what still makes sense), say why once on the
// console, and fire `sharelock:error` with a stable code.
import {
  STRICT_CSP, attr, expect, openTestPage, recorded, shareButton, test, testPage,
} from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook';
const FALLBACK_X = 'https://x.com/intent/tweet?url=https%3A%2F%2Fshop.example%2Fbooks%2Fcook';
const FALLBACK_BSKY = 'https://bsky.app/intent/compose?text=https%3A%2F%2Fshop.example%2Fbooks%2Fcook';

// The page's own script: a plain button that must keep working.
const PLAIN_JS = `document.getElementById('plain').addEventListener('click', () => {
  document.getElementById('out').textContent = 'plain button works';
});`;

function pageWithFallbacks() {
  return testPage({
    head: '<script type="module" src="/__test__/plain.js"></script>',
    body: `<sharelock-share id="top" networks="x,bluesky" url="${PAGE_URL}" text="Cook">
  <a id="top-fallback" href="${FALLBACK_X}">Share on X</a>
</sharelock-share>
<p><button id="plain" type="button">Plain button</button> <output id="out"></output></p>
<sharelock-share id="bottom" networks="bluesky" url="${PAGE_URL}" text="Cook">
  <a id="bottom-fallback" href="${FALLBACK_BSKY}">Share on Bluesky</a>
</sharelock-share>`,
  });
}

const sharelockErrors = (errors) => errors.filter((text) => text.startsWith('[sharelock]'));

async function expectFallbackEverywhere(page, consoleErrors) {
  await expect(page.locator('#top-fallback')).toBeVisible();
  await expect(page.locator('#bottom-fallback')).toBeVisible();
  await expect(page.locator('#top-fallback')).toHaveAttribute('href', FALLBACK_X);
  await expect(page.locator('sharelock-share [data-network]')).toHaveCount(0);

  await expect.poll(async () => (await recorded(page)).errors).toEqual(expect.arrayContaining([
    expect.objectContaining({ code: 'wasm-unavailable', target: 'top' }),
    expect.objectContaining({ code: 'wasm-unavailable', target: 'bottom' }),
  ]));
  const { errors } = await recorded(page);
  expect(errors).toHaveLength(2);
  expect(errors.every((e) => e.code === 'wasm-unavailable')).toBe(true);
  expect(sharelockErrors(consoleErrors)).toHaveLength(1);
  // Shown while loading, and still shown once the widgets have given up.
  await expect(page.locator('#top-fallback')).toBeVisible();
  await expect(page.locator('#bottom-fallback')).toBeVisible();

  await page.locator('#plain').click();
  await expect(page.locator('#out')).toHaveText('plain button works');
}

test.describe('when the wasm core cannot load, each element shows its fallback content', () => {
  test('the .wasm answers 404', async ({ page, consoleErrors }) => {
    // A page with only share bars loads the share bar's own module.
    await page.route('**/dist/sharelock-share.wasm', (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' }));
    await openTestPage(page, {
      name: 'wasm-404',
      html: pageWithFallbacks(),
      files: { 'plain.js': { body: PLAIN_JS, contentType: 'text/javascript' } },
    });
    await expectFallbackEverywhere(page, consoleErrors);
  });

  test('the page\'s CSP lacks \'wasm-unsafe-eval\'', async ({ page, consoleErrors }) => {
    const csp = STRICT_CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'");
    expect(csp).not.toContain('wasm-unsafe-eval');
    await openTestPage(page, {
      name: 'wasm-csp',
      html: pageWithFallbacks(),
      csp,
      files: { 'plain.js': { body: PLAIN_JS, contentType: 'text/javascript' } },
    });
    await expectFallbackEverywhere(page, consoleErrors);
  });
});

test.describe('hostile attributes never run and never render broken', () => {
  test('url="javascript:alert(1)" shows the fallback, fires unsafe-url and logs one error naming the element and attribute', async ({ page, consoleErrors }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => { dialogs += 1; dialog.dismiss(); });
    await openTestPage(page, {
      name: 'hostile-url',
      html: testPage({
        body: `<sharelock-share id="hostile" networks="x,bluesky,copy" url="javascript:alert(1)" text="Cook">
  <a id="fallback" href="${FALLBACK_X}">Share on X</a>
</sharelock-share>
<sharelock-share id="fine" networks="x" url="${PAGE_URL}" text="Cook"></sharelock-share>`,
      }),
    });
    await expect(page.locator('#fallback')).toBeVisible();
    await expect(page.locator('#hostile [data-network]')).toHaveCount(0);
    await expect(page.locator('#hostile a[href^="javascript:" i]')).toHaveCount(0);
    // Its neighbour is unaffected.
    await expect(shareButton(page, 'x', '#fine')).toBeVisible();

    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'unsafe-url', attribute: 'url', target: 'hostile' }]);
    // The fallback shows while loading too: it is the verdict that keeps it.
    await expect(page.locator('#fallback')).toBeVisible();
    const logged = sharelockErrors(consoleErrors);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/<sharelock-share\b[^>]*>/);
    expect(logged[0]).toContain('id="hostile"');
    expect(logged[0]).toMatch(/\burl\b/);
    expect(dialogs).toBe(0);
  });

  test('markup in text is never executed nor turned into elements', async ({ page, consoleErrors }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => { dialogs += 1; dialog.dismiss(); });
    const payload = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script><svg onload="window.__pwned=3">';
    // This page allows inline script, so markup that reached the DOM as
    // markup would run: the test cannot pass just because the CSP is strict.
    const csp = STRICT_CSP.replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'");
    await openTestPage(page, {
      name: 'hostile-text',
      csp,
      html: testPage({
        body: `<sharelock-share id="bar" networks="x,bluesky,copy,mastodon" url="${PAGE_URL}" text="${attr(payload)}"></sharelock-share>`,
      }),
    });
    // The bar renders (markup in text is just text to share) …
    await expect(shareButton(page, 'x')).toBeVisible();
    await expect(shareButton(page, 'x')).toHaveAttribute('href', /^https:\/\/x\.com\/intent\/tweet\?text=%3Cimg%20src%3Dx%20onerror%3D%22window\.__pwned%3D1%3Balert%281%29%22%3E/);
    // … also through every code path that shows text: a run-time change
    // and the Mastodon picker.
    await page.locator('#bar').evaluate((element, value) => element.setAttribute('text', value),
      '<img src=y onerror="window.__pwned=4">');
    await expect(shareButton(page, 'x')).toHaveAttribute('href', /text=%3Cimg%20src%3Dy/);
    await shareButton(page, 'mastodon').click();
    await expect(page.locator('#bar .picker')).toBeVisible();

    const shadow = await page.locator('#bar').evaluate((element) => ({
      injected: element.shadowRoot.querySelectorAll('img, script, svg, iframe, object').length,
      pwned: window.__pwned ?? null,
    }));
    expect(shadow).toEqual({ injected: 0, pwned: null });
    expect(dialogs).toBe(0);
    expect(sharelockErrors(consoleErrors)).toEqual([]);
    expect((await recorded(page)).errors).toEqual([]);
  });

  test('a URL without a scheme ("shop.example/ebook") is refused as invalid-url', async ({ page, consoleErrors }) => {
    await openTestPage(page, {
      name: 'relative-garbage',
      html: testPage({
        body: `<sharelock-share id="bar" networks="x" url="shop.example/ebook" text="Cook"><a id="fallback" href="${FALLBACK_X}">Share on X</a></sharelock-share>`,
      }),
    });
    await expect(page.locator('#fallback')).toBeVisible();
    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'invalid-url', attribute: 'url', target: 'bar' }]);
    await expect(page.locator('#fallback')).toBeVisible();
    expect(sharelockErrors(consoleErrors)).toHaveLength(1);
  });

  test('image="javascript:…" is refused (unsafe-url on image) and Pinterest shares without it', async ({ page, consoleErrors }) => {
    await openTestPage(page, {
      name: 'hostile-image',
      html: testPage({
        body: `<sharelock-share id="bar" networks="pinterest" url="${PAGE_URL}" text="Cook" image="javascript:alert(1)"></sharelock-share>`,
      }),
    });
    await expect(shareButton(page, 'pinterest')).toHaveAttribute('href',
      'https://pinterest.com/pin/create/button/?url=https%3A%2F%2Fshop.example%2Fbooks%2Fcook&description=Cook');
    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'unsafe-url', attribute: 'image', target: 'bar' }]);
    const logged = sharelockErrors(consoleErrors);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('image');
  });

  test('an unknown network is reported and the known ones still render', async ({ page, consoleErrors }) => {
    await openTestPage(page, {
      name: 'unknown-network',
      html: testPage({ body: `<sharelock-share id="bar" networks="x,myspace,bluesky" url="${PAGE_URL}" text="Cook"></sharelock-share>` }),
    });
    await expect(page.locator('#bar [data-network]')).toHaveCount(2);
    const networks = await page.locator('#bar [data-network]').evaluateAll((nodes) => nodes.map((n) => n.dataset.network));
    expect(networks).toEqual(['x', 'bluesky']);
    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'unknown-network', attribute: 'networks', target: 'bar' }]);
    const logged = sharelockErrors(consoleErrors);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('<sharelock-share id="bar">');
    expect(logged[0]).toContain('networks');
    expect(logged[0]).toContain('myspace');
  });

  test('hashtags that leave the text no room on X are reported (text-does-not-fit), and X shares the text without them', async ({ page, consoleErrors }) => {
    const hashtags = Array.from({ length: 25 }, (_, i) => `verylonghashtag${i}`).join(',');
    await openTestPage(page, {
      name: 'crowded-hashtags',
      html: testPage({ body: `<sharelock-share id="bar" networks="x,facebook" url="${PAGE_URL}" text="Cook" hashtags="${hashtags}"></sharelock-share>` }),
    });
    await expect(shareButton(page, 'x')).toHaveAttribute('href',
      'https://x.com/intent/tweet?text=Cook&url=https%3A%2F%2Fshop.example%2Fbooks%2Fcook');
    await expect(shareButton(page, 'facebook')).toHaveAttribute('href', /&hashtag=%23verylonghashtag0$/);
    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'text-does-not-fit', attribute: 'hashtags', target: 'bar' }]);
    const logged = sharelockErrors(consoleErrors);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('hashtags');
  });

  test('a 5000-character text is refused as attribute-too-long and the fallback shows', async ({ page, consoleErrors }) => {
    await openTestPage(page, {
      name: 'too-long',
      html: testPage({
        body: `<sharelock-share id="bar" networks="x" url="${PAGE_URL}" text="${'a'.repeat(5000)}"><a id="fallback" href="${FALLBACK_X}">Share on X</a></sharelock-share>`,
      }),
    });
    await expect(page.locator('#fallback')).toBeVisible();
    await expect(page.locator('#bar [data-network]')).toHaveCount(0);
    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'attribute-too-long', attribute: 'text', target: 'bar' }]);
    await expect(page.locator('#fallback')).toBeVisible();
    const logged = sharelockErrors(consoleErrors);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('<sharelock-share id="bar">');
    expect(logged[0]).toContain('text');
  });
});

test.describe('attributes changed at run time re-render the bar', () => {
  test('setAttribute("networks", "bluesky") replaces the buttons', async ({ page }) => {
    await openTestPage(page, {
      name: 'runtime-networks',
      html: testPage({ body: `<sharelock-share id="bar" networks="x,facebook" url="${PAGE_URL}" text="Cook"></sharelock-share>` }),
    });
    await expect(page.locator('#bar [data-network]')).toHaveCount(2);
    await page.locator('#bar').evaluate((element) => element.setAttribute('networks', 'bluesky'));
    await expect(page.locator('#bar [data-network]')).toHaveCount(1);
    await expect(shareButton(page, 'bluesky')).toHaveAttribute('href',
      'https://bsky.app/intent/compose?text=Cook%20https%3A%2F%2Fshop.example%2Fbooks%2Fcook');
  });

  test('fixing a broken url attribute brings the buttons back', async ({ page, consoleErrors }) => {
    await openTestPage(page, {
      name: 'runtime-fix',
      html: testPage({
        body: `<sharelock-share id="bar" networks="linkedin" url="javascript:void(0)"><a id="fallback" href="${FALLBACK_X}">Share</a></sharelock-share>`,
      }),
    });
    // The widget's verdict first (its fallback shows while it loads, too).
    await expect.poll(async () => (await recorded(page)).errors)
      .toEqual([{ code: 'unsafe-url', attribute: 'url', target: 'bar' }]);
    await expect(page.locator('#fallback')).toBeVisible();
    await page.locator('#bar').evaluate((element, url) => element.setAttribute('url', url), PAGE_URL);
    await expect(shareButton(page, 'linkedin')).toHaveAttribute('href',
      'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fshop.example%2Fbooks%2Fcook');
    await expect(page.locator('#fallback')).toBeHidden();
    expect(sharelockErrors(consoleErrors)).toHaveLength(1);
  });
});
