// The copy-link button (clipboard with visible and announced feedback) and
// the native Web Share button (only where navigator.share exists).
import {
  ORIGIN, attr, expect, openTestPage, pauseClockAt, recorded, shareButton, test, testPage,
} from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook?id=42#reviews';
const TEXT = 'The Cook Book';

function barPage({ networks, lang = 'en', head = '' }) {
  return testPage({
    lang,
    head,
    body: `<sharelock-share id="bar" networks="${networks}" url="${attr(PAGE_URL)}" text="${attr(TEXT)}"><a href="${PAGE_URL}">Link</a></sharelock-share>`,
  });
}

test.describe('the copy button puts the link on the clipboard and says so', () => {
  test.beforeEach(async ({ context, page }) => {
    // "Link copied" goes back after 2.5 s of the page's time, not the
    // machine's: a slow machine cannot miss it.
    await pauseClockAt(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  });

  test('clicking copies the exact URL, the label reads "Link copied" and a status region announces it', async ({ page, external }) => {
    await openTestPage(page, { name: 'copy-en', html: barPage({ networks: 'x,copy' }) });
    const button = shareButton(page, 'copy');
    await expect(button).toHaveJSProperty('localName', 'button');
    await expect(button).toHaveAccessibleName('Copy link');
    await button.click();

    await expect(button).toHaveText('Link copied');
    await expect(button).toHaveAccessibleName('Link copied');
    await page.clock.runFor(100);
    await expect(page.locator('#bar [role="status"]')).toHaveText('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(PAGE_URL);
    await expect.poll(async () => (await recorded(page)).shares)
      .toEqual([{ network: 'copy', url: PAGE_URL, target: 'bar' }]);
    expect((await recorded(page)).opened).toEqual([]);
    expect(external).toEqual([]);

    // 2.5 s later (of the page's clock) the button reads "Copy link" again.
    await page.clock.runFor(2300);
    await expect(button).toHaveText('Link copied');
    await page.clock.runFor(200);
    await expect(button).toHaveText('Copy link');
    await expect(button).toHaveAccessibleName('Copy link');
  });

  test('on a Spanish page the feedback says "Enlace copiado"', async ({ page }) => {
    await openTestPage(page, { name: 'copy-es', html: barPage({ networks: 'copy', lang: 'es' }) });
    const button = shareButton(page, 'copy');
    await expect(button).toHaveAccessibleName('Copiar enlace');
    await button.click();
    await expect(button).toHaveText('Enlace copiado');
    await page.clock.runFor(100);
    await expect(page.locator('#bar [role="status"]')).toHaveText('Enlace copiado');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(PAGE_URL);
  });

  test('with utm-campaign the copied link is tagged utm_source=copy', async ({ page }) => {
    await openTestPage(page, {
      name: 'copy-utm',
      html: testPage({
        body: '<sharelock-share id="bar" networks="copy" url="https://shop.example/a?b=1#c" utm-campaign="launch"></sharelock-share>',
      }),
    });
    await shareButton(page, 'copy').click();
    await expect(shareButton(page, 'copy')).toHaveText('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText()))
      .toBe('https://shop.example/a?b=1&utm_source=copy&utm_medium=social&utm_campaign=launch#c');
  });
});

test.describe('the native share button follows navigator.share', () => {
  test('without navigator.share there is no native button', async ({ page }) => {
    await page.addInitScript(() => {
      delete Navigator.prototype.share;
      delete Navigator.prototype.canShare;
    });
    await openTestPage(page, { name: 'native-absent', html: barPage({ networks: 'x,native,copy' }) });
    await expect(shareButton(page, 'x')).toBeVisible();
    await expect(shareButton(page, 'copy')).toBeVisible();
    await expect(shareButton(page, 'native')).toHaveCount(0);
    expect((await recorded(page)).errors).toEqual([]);
  });

  test('with navigator.share the button is there and clicking calls it with {title, text, url}', async ({ page }) => {
    await page.addInitScript(() => {
      window.__shareCalls = [];
      Object.defineProperty(Navigator.prototype, 'share', {
        configurable: true,
        value: async function share(data) { window.__shareCalls.push({ ...data }); },
      });
    });
    // og:title and the text attribute agree, so the title is unambiguous.
    await openTestPage(page, {
      name: 'native-present',
      html: barPage({ networks: 'x,native', head: `<meta property="og:title" content="${TEXT}">` }),
    });
    const button = shareButton(page, 'native');
    await expect(button).toBeVisible();
    await expect(button).toHaveJSProperty('localName', 'button');
    await button.click();
    await expect.poll(() => page.evaluate(() => window.__shareCalls))
      .toEqual([{ title: TEXT, text: TEXT, url: PAGE_URL }]);
    await expect.poll(async () => (await recorded(page)).shares)
      .toEqual([{ network: 'native', url: PAGE_URL, target: 'bar' }]);
  });
});
