// The script-tag snippet the build generates (dist/snippet.html), pasted
// into a page: the module build finds its chunks and core next to itself,
// a page loads only the code of the widgets it has, and Subresource
// Integrity holds for every file: a changed script, chunk, glue or wasm is
// refused and the fallback content stays. The classic script (IIFE) still
// works on its own, and finds its core where data-core says.
import { readFileSync } from 'node:fs';
import {
  test, expect, ORIGIN, openTestPage, recorded, shareButton, testPage,
} from './fixtures.js';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const SNIPPET = readFileSync(new URL('../dist/snippet.html', import.meta.url), 'utf8')
  .replaceAll(`/sharelock/${version}/`, '/dist/');
const PAGES = JSON.parse(readFileSync(new URL('../dist/pages.json', import.meta.url), 'utf8'));
const BAR = '<sharelock-share id="bar" networks="x,copy" url="https://shop.example/p" text="Pinned"><a id="fallback" href="https://x.com/intent/tweet">Share on X</a></sharelock-share>';
const SHARE_CHUNK = `/dist/${PAGES.widgets.share.code[0]}`;

/** Serves `path` (under /dist/) with `change` applied to its bytes. */
async function tamper(page, path, change) {
  await page.route((url) => url.origin === ORIGIN && url.pathname === path, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: change(await response.body()) });
  });
}

const appendCode = (bytes) => Buffer.concat([bytes, Buffer.from('\n;window.changed = true;\n')]);
// A valid wasm module with other bytes: an extra custom section ("test").
const withCustomSection = (bytes) => Buffer.concat([bytes, Buffer.from([0x00, 0x05, 0x04, 0x74, 0x65, 0x73, 0x74])]);

function recordRequests(page) {
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  return requested;
}

test('the snippet as generated: a share-bar page loads the entry, the share bar\'s chunks and its own small core, nothing else', async ({ page, consoleErrors }) => {
  const requested = recordRequests(page);
  await openTestPage(page, { name: 'snippet', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect(shareButton(page, 'x')).toBeVisible();
  await page.waitForLoadState('networkidle');
  const expected = [...PAGES.entry, ...PAGES.widgets.share.code, 'sharelock-share.wasm'].map((file) => `/dist/${file}`);
  expect([...new Set(requested.filter((path) => path.startsWith('/dist/')))].sort()).toEqual([...new Set(expected)].sort());
  expect((await recorded(page)).errors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a bar whose text the small core cannot settle fetches the exact core, checked, and shares the shortened text', async ({ page, consoleErrors }) => {
  const requested = recordRequests(page);
  // 276 "é" and the link: over X's 280 (X counts the whole URL of a host
  // without a real top-level domain, so the bounds cannot settle it).
  const long = BAR.replace('text="Pinned"', `text="${'é'.repeat(276)}"`);
  await openTestPage(page, { name: 'snippet-long', html: testPage({ script: false, head: SNIPPET, body: long }) });
  await expect(shareButton(page, 'x')).toHaveAttribute('href', new RegExp(`text=${encodeURIComponent('é').repeat(10)}.*%E2%80%A6&url=`));
  await page.waitForLoadState('networkidle');
  expect(requested.filter((path) => path.endsWith('.wasm'))).toEqual(['/dist/sharelock-share.wasm', '/dist/sharelock-share-exact.wasm']);
  expect((await recorded(page)).errors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('a different exact core is refused by its hash too: wasm-unavailable, fallback shown', async ({ page }) => {
  await tamper(page, '/dist/sharelock-share-exact.wasm', withCustomSection);
  const long = BAR.replace('text="Pinned"', `text="${'é'.repeat(276)}"`);
  await openTestPage(page, { name: 'changed-exact', html: testPage({ script: false, head: SNIPPET, body: long }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['wasm-unavailable']);
  await expect(page.locator('#fallback')).toBeVisible();
});

test('a page with a countdown as well loads the main core once, and its share bar renders with it', async ({ page }) => {
  const requested = recordRequests(page);
  const countdown = '<sharelock-countdown ends="2099-01-01T00:00:00Z"><p>Ends 2099.</p></sharelock-countdown>';
  await openTestPage(page, { name: 'snippet-two', html: testPage({ script: false, head: SNIPPET, body: BAR + countdown }) });
  await expect(shareButton(page, 'x')).toBeVisible();
  await expect(page.locator('sharelock-countdown [part="timer"]')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(requested.filter((path) => path === '/dist/sharelock-core.wasm')).toHaveLength(1);
  expect(requested.filter((path) => path.startsWith('/dist/sharelock-share.'))).toEqual([]);
  expect(requested).toContain(`/dist/${PAGES.widgets.countdown.code[0]}`);
  expect(requested).not.toContain(`/dist/${PAGES.widgets.pay.code[0]}`);
});

// data-core names sharelock-core.mjs here, the glue file of earlier
// versions: the folder it names is what counts.
test('the classic script still works alone, and data-core moves the core to another folder', async ({ page }) => {
  const requested = recordRequests(page);
  await page.route((url) => url.origin === ORIGIN && url.pathname.startsWith('/mirror/'), async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('/mirror/', '/dist/') });
    await route.fulfill({ response });
  });
  const head = '<script src="/dist/sharelock.iife.js" data-core="/mirror/sharelock-core.mjs" defer></script>';
  await openTestPage(page, { name: 'data-core', html: testPage({ script: false, head, body: BAR }) });
  await expect(shareButton(page, 'x')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(window.Sharelock).sort()))
    .toEqual(['SharelockError', 'configureCore', 'coreMemoryBytes', 'defineElements', 'loadCore', 'startAnalytics', 'track']);
  expect(requested).toEqual(expect.arrayContaining(['/mirror/sharelock-share.wasm']));
  expect(requested.filter((path) => path.startsWith('/dist/sharelock-share'))).toEqual([]);
});

test('a changed script is refused by its integrity: nothing runs, the fallback link stays', async ({ page }) => {
  await tamper(page, '/dist/sharelock.js', appendCode);
  await openTestPage(page, { name: 'changed-script', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect(page.locator('#fallback')).toBeVisible();
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => [window.changed, customElements.get('sharelock-share')])).toEqual([undefined, undefined]);
});

test('a changed widget chunk is refused by the hash built into the script: script-unavailable, fallback shown', async ({ page }) => {
  await tamper(page, SHARE_CHUNK, appendCode);
  await openTestPage(page, { name: 'changed-chunk', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['script-unavailable']);
  await expect(page.locator('#fallback')).toBeVisible();
  expect(await page.evaluate(() => window.changed)).toBeUndefined();
});

test('a changed main module is refused by the hash built into the script: wasm-unavailable, fallback shown', async ({ page }) => {
  // With a countdown on the page the bar uses the main module too.
  await tamper(page, '/dist/sharelock-core.wasm', withCustomSection);
  const countdown = '<sharelock-countdown ends="2099-01-01T00:00:00Z"><p>Ends 2099.</p></sharelock-countdown>';
  await openTestPage(page, { name: 'changed-glue', html: testPage({ script: false, head: SNIPPET, body: BAR + countdown }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['wasm-unavailable', 'wasm-unavailable']);
  await expect(page.locator('#fallback')).toBeVisible();
  expect(await page.evaluate(() => window.changed)).toBeUndefined();
});

test('a different wasm is refused by the hash built into the script, not by its bytes being broken', async ({ page }) => {
  await tamper(page, '/dist/sharelock-share.wasm', withCustomSection);
  await openTestPage(page, { name: 'changed-wasm', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['wasm-unavailable']);
  await expect(page.locator('#fallback')).toBeVisible();
});

test('control: the same different wasm loads when the check is switched off, so the hash is what refused it', async ({ page }) => {
  await tamper(page, '/dist/sharelock-share.wasm', withCustomSection);
  const script = "import { configureCore, defineElements } from '/dist/index.js';\nconfigureCore({ wasmIntegrity: '' });\ndefineElements();\n";
  await openTestPage(page, {
    name: 'unchecked-wasm',
    html: testPage({ script: false, head: '<script type="module" src="/__test__/start.js"></script>', body: BAR }),
    files: { 'start.js': { body: script, contentType: 'text/javascript' } },
  });
  await expect(shareButton(page, 'x')).toBeVisible();
  expect((await recorded(page)).errors).toEqual([]);
});
