// The snippet builder (demo/builder/, demo/es/builder/): a site owner picks
// a widget, fills the form, watches the real widget follow, reads the
// widget's own verdict next to a field, and copies a snippet that works when
// pasted into a blank page.
import AxeBuilder from '@axe-core/playwright';
import {
  test, expect, clickForPopup, openTestPage, recorded, shareButton, STRICT_CSP,
} from './fixtures.js';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const preview = (page) => page.locator('#preview');
const snippet = (page) => page.locator('#snippet');
const previewNetworks = (page) => page.locator('#preview sharelock-share [data-network]')
  .evaluateAll((nodes) => nodes.map((node) => node.dataset.network));

async function openBuilder(page, path = '/builder/') {
  await page.goto(path);
  await expect(page.locator('#builder[data-ready]')).toBeAttached();
}

/** Fills the folder of the files with /dist/ (where this server has them) and copies the snippet. */
async function copySnippet(page) {
  await page.locator('#base').fill('/dist/');
  await page.locator('#copy').click();
  // The status is written once the clipboard write has finished: read after it, not racing it.
  await expect(page.locator('#copy-status')).not.toBeEmpty();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** A blank page with `html` pasted into its body, under the strict CSP. */
async function pasteIntoBlankPage(page, name, html) {
  await openTestPage(page, {
    name,
    csp: STRICT_CSP,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body>\n${html}\n</body></html>`,
  });
}

test.describe('share bar', () => {
  test('the preview follows the networks, the text and the hashtags, and so does the snippet', async ({ page }) => {
    await openBuilder(page);
    await expect.poll(() => previewNetworks(page)).toEqual(['x', 'whatsapp', 'email', 'copy']);
    await page.getByRole('checkbox', { name: 'WhatsApp' }).uncheck();
    await page.getByRole('checkbox', { name: 'Bluesky' }).check();
    await expect.poll(() => previewNetworks(page)).toEqual(['x', 'bluesky', 'email', 'copy']);
    await page.getByRole('textbox', { name: 'Hashtags' }).fill('ShopSmall,Books');
    await expect(shareButton(page, 'x', '#preview sharelock-share')).toHaveAttribute('href', /hashtags=ShopSmall%2CBooks/);
    await expect(snippet(page)).toContainText('networks="x,bluesky,email,copy"');
    await expect(snippet(page)).toContainText('hashtags="ShopSmall,Books"');
    await expect(snippet(page)).toContainText('integrity="sha256-');
  });

  test('what the widget refuses is shown next to its field, with the widget\'s code, and cleared once fixed', async ({ page }) => {
    await openBuilder(page);
    const url = page.getByRole('textbox', { name: 'Link to share' });
    await url.fill('javascript:alert(1)');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#share-url-problem')).toContainText('(unsafe-url)');
    await expect(page.locator('#problems')).toHaveText('1 setting needs a change.');
    // The field's message is read with it.
    expect(await url.getAttribute('aria-describedby')).toContain('share-url-problem');
    await url.fill('https://shop.example/fixed');
    await expect(url).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#share-url-problem')).toHaveText('');
    await expect(page.locator('#problems')).toHaveText('The widget accepts these settings.');
    // No network checked: the widget says so on the group.
    for (const name of ['X', 'WhatsApp', 'Email', 'Copy link']) await page.getByRole('checkbox', { name, exact: true }).uncheck();
    await expect(page.locator('#share-networks-problem')).toContainText('(no-networks)');
  });

  test('copied, pasted into a blank page: the share bar works and its files are pinned', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openBuilder(page);
    const copied = await copySnippet(page);
    await expect(page.locator('#copy-status')).toHaveText('Snippet copied. Paste it into your page.');
    expect(copied).toMatch(/<script type="module" src="\/dist\/sharelock\.js" integrity="sha256-[^"]+" crossorigin="anonymous"><\/script>/);
    // The share bar's own files are fetched with the script, not after it.
    expect(copied).toMatch(/<link rel="preload" as="fetch" href="\/dist\/sharelock-share\.wasm" integrity="sha256-[^"]+" crossorigin="anonymous">/);
    expect(copied).toMatch(/<link rel="modulepreload" href="\/dist\/sharelock-share-element\.js" integrity="sha256-/);
    await pasteIntoBlankPage(page, 'pasted-share', copied);
    const popup = await clickForPopup(page, shareButton(page, 'x'));
    expect(popup.url()).toMatch(/^https:\/\/x\.com\/intent\/tweet\?text=Just%20found%20the%20best%20guide/);
    expect((await recorded(page)).errors).toEqual([]);
  });

  test('where the page may not copy, the snippet is shown selected in a box and the reason is announced', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
    });
    await openBuilder(page);
    await page.locator('#copy').click();
    const box = page.getByRole('textbox', { name: 'Snippet to copy' });
    await expect(box).toBeVisible();
    await expect(box).toBeFocused();
    expect(await box.inputValue()).toBe(await snippet(page).textContent());
    expect(await box.evaluate((node) => node.selectionEnd - node.selectionStart)).toBe((await box.inputValue()).length);
    await expect(page.locator('#copy-status')).toContainText('did not let the page copy');
  });
});

test('pay with a post: chosen with the keyboard; a bad wait is the widget\'s verdict; the pasted snippet unlocks', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openBuilder(page);
  await page.getByRole('radio', { name: 'Share bar' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Pay with a post' })).toBeChecked();
  await expect(page.locator('#pay-settings')).toBeVisible();
  await expect(page.locator('#preview sharelock-pay [part="button"]')).toBeVisible();

  await page.getByRole('textbox', { name: 'Seconds the share window must stay open' }).fill('soon');
  await expect(page.locator('#pay-wait-problem')).toContainText('(invalid-wait)');
  await page.getByRole('textbox', { name: 'Seconds the share window must stay open' }).fill('0');
  await expect(page.locator('#pay-wait-problem')).toHaveText('');
  await page.getByRole('textbox', { name: 'Locked content' }).fill('Your code: BUILDER-5');
  await expect(snippet(page)).toContainText('<template>\n    <p>Your code: BUILDER-5</p>\n  </template>');

  const copied = await copySnippet(page);
  await pasteIntoBlankPage(page, 'pasted-pay', copied);
  const popup = await clickForPopup(page, page.locator('sharelock-pay [part="button"]'));
  await popup.close();
  await expect(page.locator('sharelock-pay')).toHaveAttribute('unlocked', '');
  await expect(page.locator('sharelock-pay')).toContainText('Your code: BUILDER-5');
});

test('countdown: evergreen instead of a fixed date changes the preview and the snippet', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('radio', { name: 'Countdown' }).check();
  await expect(page.locator('#preview sharelock-countdown [part="timer"]')).toBeVisible();
  await expect(snippet(page)).toContainText('ends="2026-12-24T23:59:59+01:00"');
  await page.getByRole('radio', { name: 'Per visitor, from their first view' }).check();
  await expect(snippet(page)).toContainText('evergreen="48h"');
  await expect(snippet(page)).not.toContainText('ends=');
  // 48 hours from the first view: 2 days at first, then 1 day and 23 hours.
  await expect(page.locator('#preview sharelock-countdown [part="unit"][data-unit="days"] [part="value"]')).toHaveText(/^[12]$/);
  await page.getByRole('textbox', { name: 'Window' }).fill('forever');
  await expect(page.locator('#countdown-evergreen-problem')).toContainText('(invalid-duration)');
  await page.getByRole('textbox', { name: 'Stock left' }).fill('3');
  await page.getByRole('textbox', { name: 'Window' }).fill('2d');
  await expect(page.locator('#preview sharelock-countdown [part="stock"]')).toHaveText('Only 3 left');
});

test('social proof: a count badge from the shop\'s number; a negative number is refused next to its field', async ({ page }) => {
  await openBuilder(page);
  await page.getByRole('radio', { name: 'Social proof' }).check();
  await expect(page.locator('#preview sharelock-proof [part="text"]')).toContainText('1,284');
  await page.getByRole('combobox', { name: 'What was counted' }).selectOption('signup');
  await expect(snippet(page)).toContainText('type="signup"');
  await page.getByRole('textbox', { name: 'Count', exact: true }).fill('-5');
  await expect(page.locator('#proof-count-problem')).toContainText('(invalid-count)');
  await expect(page.getByRole('textbox', { name: 'Count', exact: true })).toHaveAttribute('aria-invalid', 'true');
});

test('in Spanish: the form, the widget and the messages', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openBuilder(page, '/es/builder/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Generador de código');
  await expect(shareButton(page, 'x', '#preview sharelock-share')).toHaveAttribute('aria-label', /^Compartir en X/);
  await page.getByRole('textbox', { name: 'Enlace que se comparte' }).fill('javascript:void(0)');
  await expect(page.locator('#problems')).toHaveText('Hay que cambiar 1 ajuste.');
  await page.getByRole('textbox', { name: 'Enlace que se comparte' }).fill('https://tienda.example/guia');
  await page.locator('#base').fill('/dist/');
  await page.getByRole('button', { name: 'Copiar código' }).click();
  await expect(page.locator('#copy-status')).toHaveText('Código copiado. Pégalo en tu página.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<!-- Donde va el widget: -->');
});

for (const [path, colorScheme] of [['/builder/', 'light'], ['/es/builder/', 'light'], ['/builder/', 'dark']]) {
  test(`axe: ${path} in the ${colorScheme} scheme has no WCAG A/AA violation, with an error shown`, async ({ page }) => {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await openBuilder(page, path);
    await page.locator('#share-via').fill('not an account!');
    await expect(page.locator('#share-via-problem')).toContainText('(invalid-via)');
    const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the demo pages link to the builder in their language', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('a[href="/builder/"]').first()).toBeVisible();
  await page.goto('/es/');
  await expect(page.locator('a[href="/es/builder/"]').first()).toBeVisible();
});
