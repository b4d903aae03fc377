// The script-tag snippet the build generates (dist/snippet.html), pasted
// into a page: the classic IIFE finds its core next to itself (or where
// data-core says), and Subresource Integrity holds for all three files: a
// changed script, glue or wasm is refused and the fallback content stays.
import { readFileSync } from 'node:fs';
import {
  test, expect, ORIGIN, openTestPage, recorded, shareButton, testPage,
} from './fixtures.js';

const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const SNIPPET = readFileSync(new URL('../dist/snippet.html', import.meta.url), 'utf8')
  .replaceAll(`/sharelock/${version}/`, '/dist/');
const BAR = '<sharelock-share id="bar" networks="x,copy" url="https://shop.example/p" text="Pinned"><a id="fallback" href="https://x.com/intent/tweet">Share on X</a></sharelock-share>';

/** Serves `path` (under /dist/) with `change` applied to its bytes. */
async function tamper(page, path, change) {
  await page.route((url) => url.origin === ORIGIN && url.pathname === path, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: change(await response.body()) });
  });
}

// A valid wasm module with other bytes: an extra custom section ("test").
const withCustomSection = (bytes) => Buffer.concat([bytes, Buffer.from([0x00, 0x05, 0x04, 0x74, 0x65, 0x73, 0x74])]);

test('the snippet as generated: the IIFE defines the elements, finds the core next to itself and exposes Sharelock', async ({ page, consoleErrors }) => {
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await openTestPage(page, { name: 'snippet', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect(shareButton(page, 'x')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(window.Sharelock).sort()))
    .toEqual(['SharelockError', 'configureCore', 'coreMemoryBytes', 'defineElements', 'loadCore', 'startAnalytics', 'track']);
  expect(requested).toEqual(expect.arrayContaining(['/dist/sharelock.iife.js', '/dist/sharelock-core.mjs', '/dist/sharelock-core.wasm']));
  expect((await recorded(page)).errors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('data-core on the script tag moves the core to another folder', async ({ page }) => {
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await page.route((url) => url.origin === ORIGIN && url.pathname.startsWith('/mirror/'), async (route) => {
    const response = await route.fetch({ url: route.request().url().replace('/mirror/', '/dist/') });
    await route.fulfill({ response });
  });
  const head = '<script src="/dist/sharelock.iife.js" data-core="/mirror/sharelock-core.mjs" defer></script>';
  await openTestPage(page, { name: 'data-core', html: testPage({ script: false, head, body: BAR }) });
  await expect(shareButton(page, 'x')).toBeVisible();
  expect(requested).toEqual(expect.arrayContaining(['/mirror/sharelock-core.mjs', '/mirror/sharelock-core.wasm']));
  expect(requested.filter((path) => path.startsWith('/dist/sharelock-core'))).toEqual([]);
});

test('a changed script is refused by its integrity: nothing runs, the fallback link stays', async ({ page }) => {
  await tamper(page, '/dist/sharelock.iife.js', (bytes) => Buffer.concat([bytes, Buffer.from('\n;window.changed = true;\n')]));
  await openTestPage(page, { name: 'changed-script', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect(page.locator('#fallback')).toBeVisible();
  await page.waitForLoadState('load');
  expect(await page.evaluate(() => [typeof window.Sharelock, window.changed, customElements.get('sharelock-share')]))
    .toEqual(['undefined', undefined, undefined]);
});

test('a changed core glue is refused by the modulepreload integrity: wasm-unavailable, fallback shown', async ({ page }) => {
  await tamper(page, '/dist/sharelock-core.mjs', (bytes) => Buffer.concat([bytes, Buffer.from('\nwindow.changed = true;\n')]));
  await openTestPage(page, { name: 'changed-glue', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['wasm-unavailable']);
  await expect(page.locator('#fallback')).toBeVisible();
  expect(await page.evaluate(() => window.changed)).toBeUndefined();
});

test('a different wasm is refused by the hash built into the script, not by its bytes being broken', async ({ page }) => {
  await tamper(page, '/dist/sharelock-core.wasm', withCustomSection);
  await openTestPage(page, { name: 'changed-wasm', html: testPage({ script: false, head: SNIPPET, body: BAR }) });
  await expect.poll(async () => (await recorded(page)).errors.map((e) => e.code)).toEqual(['wasm-unavailable']);
  await expect(page.locator('#fallback')).toBeVisible();
});

test('control: the same different wasm loads when the check is switched off, so the hash is what refused it', async ({ page }) => {
  await tamper(page, '/dist/sharelock-core.wasm', withCustomSection);
  const script = "import { configureCore, defineElements } from '/dist/index.js';\nconfigureCore({ wasmIntegrity: '' });\ndefineElements();\n";
  await openTestPage(page, {
    name: 'unchecked-wasm',
    html: testPage({ script: false, head: '<script type="module" src="/__test__/start.js"></script>', body: BAR }),
    files: { 'start.js': { body: script, contentType: 'text/javascript' } },
  });
  await expect(shareButton(page, 'x')).toBeVisible();
  expect((await recorded(page)).errors).toEqual([]);
});
