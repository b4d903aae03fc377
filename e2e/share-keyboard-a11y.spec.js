// Keyboard-only use, visible focus, and accessible names in English and
// Spanish.
import {
  ORIGIN, clickForPopup, expect, openTestPage, pauseClockAt, recorded, shareButton, test, testPage,
} from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook';
const U = 'https%3A%2F%2Fshop.example%2Fbooks%2Fcook';

const SOCIAL = {
  x: 'X',
  facebook: 'Facebook',
  linkedin: 'LinkedIn',
  whatsapp: 'WhatsApp',
  telegram: 'Telegram',
  pinterest: 'Pinterest',
  reddit: 'Reddit',
  bluesky: 'Bluesky',
  threads: 'Threads',
  mastodon: 'Mastodon',
};
const ALL = [...Object.keys(SOCIAL), 'email', 'copy'].join(',');

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The name may go on to say that the link opens a new window; it must start
// with the words a screen-reader user listens for.
const nameStartingWith = (words) => new RegExp(`^${escapeRegExp(words)}(\\s|$)`);

async function focusedOutline(locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
}

test.describe('the share bar works with the keyboard alone', () => {
  const body = `<sharelock-share networks="x,facebook,copy" url="${PAGE_URL}" text="Cook"></sharelock-share>
<p><button id="after" type="button">After</button></p>`;

  test('Tab reaches the first button, Tab and Shift+Tab walk the buttons in order, with a visible focus ring', async ({ page }) => {
    await openTestPage(page, { name: 'kbd-order', html: testPage({ body }) });
    await expect(shareButton(page, 'x')).toBeVisible();

    const order = ['x', 'facebook', 'copy'];
    await page.keyboard.press('Tab');
    for (const [i, network] of order.entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      const button = shareButton(page, network);
      await expect(button).toBeFocused();
      const outline = await focusedOutline(button);
      expect(outline.style, `focus ring on ${network}`).not.toBe('none');
      expect(outline.width, `focus ring width on ${network}`).toBeGreaterThan(0);
    }
    await page.keyboard.press('Tab');
    await expect(page.locator('#after')).toBeFocused();

    for (const network of [...order].reverse()) {
      await page.keyboard.press('Shift+Tab');
      await expect(shareButton(page, network)).toBeFocused();
    }
  });

  test('Enter on a share link opens the popup', async ({ page }) => {
    await openTestPage(page, { name: 'kbd-enter', html: testPage({ body }) });
    await expect(shareButton(page, 'x')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(shareButton(page, 'x')).toBeFocused();
    const popup = await clickForPopup(page, () => page.keyboard.press('Enter'));
    expect(popup.url()).toBe(`https://x.com/intent/tweet?text=Cook&url=${U}`);
    await expect.poll(async () => (await recorded(page)).shares).toEqual([{ network: 'x', url: PAGE_URL, target: 'sharelock-share' }]);
  });

  test('Space and Enter on the copy button both copy the link', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
    await pauseClockAt(page);  // "Link copied" lasts 2.5 s of the page's time, not the machine's
    await openTestPage(page, { name: 'kbd-copy', html: testPage({ body }) });
    const copy = shareButton(page, 'copy');
    await expect(copy).toBeVisible();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
    await expect(copy).toBeFocused();

    await page.keyboard.press('Space');
    await expect(copy).toHaveText('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(PAGE_URL);

    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(PAGE_URL);
    await expect.poll(async () => (await recorded(page)).shares.map((s) => s.network)).toEqual(['copy', 'copy']);
    await expect(copy).toBeFocused();
  });

  test('the Mastodon picker can be used with the keyboard alone', async ({ page }) => {
    await openTestPage(page, {
      name: 'kbd-mastodon',
      html: testPage({ body: `<sharelock-share networks="mastodon" url="${PAGE_URL}" text="Cook"></sharelock-share>` }),
    });
    const button = shareButton(page, 'mastodon');
    await expect(button).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    await page.keyboard.press('Enter');
    const input = page.locator('sharelock-share .picker input');
    await expect(input).toBeFocused();
    await page.keyboard.type('mastodon.social');
    const popup = await clickForPopup(page, () => page.keyboard.press('Enter'));
    expect(popup.url()).toBe(`https://mastodon.social/share?text=Cook%20${U}`);
  });
});

test.describe('every button has an accessible name', () => {
  test('in English: "Share on <Network>"', async ({ page }) => {
    await openTestPage(page, {
      name: 'names-en',
      html: testPage({ body: `<sharelock-share networks="${ALL}" url="${PAGE_URL}" text="Cook"></sharelock-share>` }),
    });
    for (const [network, label] of Object.entries(SOCIAL)) {
      await expect(shareButton(page, network), network).toHaveAccessibleName(nameStartingWith(`Share on ${label}`));
    }
    for (const network of ['email', 'copy']) {
      await expect(shareButton(page, network), network).toHaveAccessibleName(/\S/);
    }
    await expect(page.locator('sharelock-share ul')).toHaveAttribute('lang', 'en');
  });

  test('in Spanish through the lang attribute: "Compartir en <Network>"', async ({ page }) => {
    await openTestPage(page, {
      name: 'names-es-attr',
      html: testPage({
        lang: 'en',
        body: `<sharelock-share lang="es" networks="${ALL}" url="${PAGE_URL}" text="Cook"></sharelock-share>
<sharelock-share id="en" networks="x" url="${PAGE_URL}" text="Cook"></sharelock-share>`,
      }),
    });
    for (const [network, label] of Object.entries(SOCIAL)) {
      await expect(shareButton(page, network, 'sharelock-share[lang="es"]'), network)
        .toHaveAccessibleName(nameStartingWith(`Compartir en ${label}`));
    }
    await expect(shareButton(page, 'copy', 'sharelock-share[lang="es"]')).toHaveAccessibleName('Copiar enlace');
    // The attribute is per element: its English neighbour stays English.
    await expect(shareButton(page, 'x', '#en')).toHaveAccessibleName(nameStartingWith('Share on X'));
  });

  test('in Spanish through the page\'s <html lang="es">', async ({ page }) => {
    await openTestPage(page, {
      name: 'names-es-page',
      html: testPage({ lang: 'es', body: `<sharelock-share networks="${ALL}" url="${PAGE_URL}" text="Cook"></sharelock-share>` }),
    });
    for (const [network, label] of Object.entries(SOCIAL)) {
      await expect(shareButton(page, network), network).toHaveAccessibleName(nameStartingWith(`Compartir en ${label}`));
    }
    await expect(page.locator('sharelock-share ul')).toHaveAttribute('lang', 'es');
  });

  test('a lang on an enclosing element wins over the page\'s', async ({ page }) => {
    await openTestPage(page, {
      name: 'names-es-section',
      html: testPage({
        lang: 'en',
        body: `<section lang="es-MX"><sharelock-share networks="bluesky" url="${PAGE_URL}" text="Cook"></sharelock-share></section>`,
      }),
    });
    await expect(shareButton(page, 'bluesky')).toHaveAccessibleName(nameStartingWith('Compartir en Bluesky'));
  });
});
