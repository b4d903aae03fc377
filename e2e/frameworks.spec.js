// The React 19 and Vue 3 examples (examples/), bundled with esbuild as an
// app would bundle them, in Chromium under the strict CSP: the framework
// sets the widgets' attributes from its state, receives their sharelock:*
// events into its state, and rerenders without breaking the elements.
import { readFileSync } from 'node:fs';
import { bundleExample } from '../examples/build.mjs';
import { test, expect, clickForPopup, openTestPage, shareButton } from './fixtures.js';

for (const name of ['react', 'vue']) {
  test.describe(`${name} example`, () => {
    let bundle;
    test.beforeAll(async () => { bundle = await bundleExample(name); });

    async function openExample(page) {
      const html = readFileSync(new URL(`../examples/${name}/index.html`, import.meta.url), 'utf8')
        .replace('content="/sharelock/sharelock-core.wasm"', 'content="/dist/sharelock-core.wasm"');
      await openTestPage(page, { name, html, files: { 'app.js': { body: bundle, contentType: 'text/javascript' } } });
      await expect(shareButton(page, 'x')).toBeVisible();
      // A mark on the element object: if the framework replaced the element, it is gone.
      await page.locator('#bar').evaluate((element) => { element.sharelockTestMark = true; });
    }
    const sameElement = (page) => page.locator('#bar').evaluate((element) => element.sharelockTestMark === true);
    const networksShown = (page) => page.locator('#bar [data-network]').evaluateAll((nodes) => nodes.map((n) => n.dataset.network));

    test('state → attributes: the networks and the text follow the form, on the same element', async ({ page, consoleErrors }) => {
      await openExample(page);
      expect(await networksShown(page)).toEqual(['x', 'email']);
      await expect(shareButton(page, 'x')).toHaveAttribute('href', /text=Found%20this%20in%20a%20\w+%20shop/);

      await page.getByLabel('Networks').selectOption('bluesky,whatsapp,copy');
      await expect.poll(() => networksShown(page)).toEqual(['bluesky', 'whatsapp', 'copy']);
      await page.getByLabel('Networks').selectOption('x,email');
      await page.getByLabel('Post text').fill('Typed into the framework');
      await expect(shareButton(page, 'x')).toHaveAttribute('href', /text=Typed%20into%20the%20framework/);
      expect(await sameElement(page)).toBe(true);
      expect(consoleErrors).toEqual([]);
    });

    test('events → state: a click on X and a countdown reaching zero show up in the framework\'s own markup', async ({ page }) => {
      // Playwright's clock (running with real time, so the frameworks work as
      // usual) lets the test move the page's time on instead of waiting.
      await page.clock.install();
      await openExample(page);
      await expect(page.locator('#shares')).toHaveText('none');
      const popup = await clickForPopup(page, shareButton(page, 'x'));
      expect(popup.url()).toMatch(/^https:\/\/x\.com\/intent\/tweet\?/);
      await expect(page.locator('#shares')).toHaveText('x');
      // The example's countdown ends 3 s after the page started: 5 s of the
      // page's time later it has ended, however slow the machine.
      await page.clock.runFor(5_000);
      await expect(page.locator('#expired')).toHaveText('ended (message)');
      await expect(page.locator('#clock [part="ended"]')).toBeVisible();
    });

    test('a bad value reaches the framework as sharelock:error with its code and attribute', async ({ page, consoleErrors }) => {
      await openExample(page);
      await page.getByLabel('Networks').selectOption('x,myspace');
      await expect(page.locator('#problems')).toHaveText('unknown-network (networks)');
      await expect.poll(() => networksShown(page)).toEqual(['x']);
      expect(consoleErrors.join('\n')).toContain('unknown-network');
    });

    test('rerendering the whole app leaves the widgets as they are: same element, one set of buttons, still clickable', async ({ page }) => {
      await openExample(page);
      for (let i = 1; i <= 5; i += 1) {
        await page.locator('#rerender').click();
        await expect(page.locator('#rerender')).toHaveText(`Render again (${i})`);
      }
      expect(await sameElement(page)).toBe(true);
      expect(await networksShown(page)).toEqual(['x', 'email']);
      await clickForPopup(page, shareButton(page, 'x'));
      await expect(page.locator('#shares')).toHaveText('x');
    });
  });
}
