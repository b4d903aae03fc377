// Mastodon is instance-aware: the shopper names their server once, in the
// widget; it is remembered on the device and used by every share bar.
import {
  attr, clickForPopup, expect, openTestPage, recorded, shareButton, test, testPage,
} from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook?id=42';
const TEXT = 'Cook like a pro #1';
// By hand: ENC(text + " " + url), RFC 3986.
const TEXT_AND_URL = 'Cook%20like%20a%20pro%20%231%20https%3A%2F%2Fshop.example%2Fbooks%2Fcook%3Fid%3D42';
const ON_MASTODON_SOCIAL = `https://mastodon.social/share?text=${TEXT_AND_URL}`;
const CHOOSER = `https://share.joinmastodon.org/#text=${TEXT_AND_URL}`;

function bar(id, { url = PAGE_URL, text = TEXT, lang } = {}) {
  return `<sharelock-share id="${id}" networks="x,mastodon" url="${attr(url)}" text="${attr(text)}"${lang ? ` lang="${lang}"` : ''}>`
    + `<a href="${CHOOSER}">Share on Mastodon</a></sharelock-share>`;
}

async function open(page, name, { lang = 'en', body = bar('bar') } = {}) {
  await openTestPage(page, { name, html: testPage({ lang, body }) });
}

const picker = (page, host = '#bar') => page.locator(`${host} .picker`);
const serverInput = (page, host = '#bar') => page.locator(`${host} .picker input`);

test.describe('the first Mastodon click asks for the shopper\'s server, inside the widget', () => {
  test('the button opens the picker, moves focus to its input and opens no window', async ({ page, external }) => {
    await open(page, 'mastodon-first');
    const button = shareButton(page, 'mastodon');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    await expect(picker(page)).toBeVisible();
    await expect(serverInput(page)).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    const log = await recorded(page);
    expect(log.opened).toEqual([]);
    expect(log.shares).toEqual([]);
    expect(external).toEqual([]);
  });

  test('an invalid server shows an error in English and opens nothing', async ({ page, external }) => {
    await open(page, 'mastodon-invalid-en');
    await shareButton(page, 'mastodon').click();
    await serverInput(page).pressSequentially('not a host');
    await page.keyboard.press('Enter');
    const problem = page.locator('#bar .picker [role="alert"]');
    await expect(problem).toBeVisible();
    await expect(problem).toHaveText(/server/i);
    await expect(picker(page)).toBeVisible();
    const log = await recorded(page);
    expect(log.opened).toEqual([]);
    expect(log.shares).toEqual([]);
    expect(external).toEqual([]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
  });

  test('an invalid server shows the error in Spanish on a Spanish page', async ({ page }) => {
    await open(page, 'mastodon-invalid-es', { lang: 'es' });
    await shareButton(page, 'mastodon').click();
    await expect(page.locator('#bar .picker')).toHaveAttribute('lang', 'es');
    await serverInput(page).pressSequentially('not a host');
    await page.keyboard.press('Enter');
    const problem = page.locator('#bar .picker [role="alert"]');
    await expect(problem).toBeVisible();
    await expect(problem).toHaveText(/servidor/i);
    expect((await recorded(page)).opened).toEqual([]);
  });

  test('a handle typed as "@me@Mastodon.Social" opens exactly mastodon.social\'s share page', async ({ page, external }) => {
    await open(page, 'mastodon-valid');
    await shareButton(page, 'mastodon').click();
    await serverInput(page).pressSequentially('@me@Mastodon.Social');
    const popup = await clickForPopup(page, page.getByRole('button', { name: 'Share', exact: true }));
    expect(popup.url()).toBe(ON_MASTODON_SOCIAL);
    expect(external).toEqual([ON_MASTODON_SOCIAL]);
    await expect(picker(page)).toHaveCount(0);
    await expect.poll(async () => (await recorded(page)).shares)
      .toEqual([{ network: 'mastodon', url: PAGE_URL, target: 'bar' }]);
    // The bar now links straight to the server, and focus is on that link.
    await expect(shareButton(page, 'mastodon')).toHaveAttribute('href', ON_MASTODON_SOCIAL);
    await expect(shareButton(page, 'mastodon')).toBeFocused();
  });

  test('Escape closes the picker and gives focus back to the Mastodon button', async ({ page }) => {
    await open(page, 'mastodon-escape');
    const button = shareButton(page, 'mastodon');
    await button.click();
    await expect(serverInput(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(picker(page)).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    expect((await recorded(page)).opened).toEqual([]);
  });

  test('the "not sure?" link points to the official chooser with the text and URL in its fragment', async ({ page }) => {
    await open(page, 'mastodon-chooser');
    await shareButton(page, 'mastodon').click();
    const chooser = page.locator('#bar .picker a');
    await expect(chooser).toHaveAttribute('href', CHOOSER);
    await expect(chooser).toHaveAttribute('target', '_blank');
  });
});

test.describe('the chosen Mastodon server is remembered', () => {
  test('after a reload the button links straight to the server and opens it without asking', async ({ page }) => {
    await open(page, 'mastodon-remembered');
    await shareButton(page, 'mastodon').click();
    await serverInput(page).pressSequentially('@me@Mastodon.Social');
    const first = await clickForPopup(page, () => page.keyboard.press('Enter'));
    expect(first.url()).toBe(ON_MASTODON_SOCIAL);
    await first.close();

    await page.reload();
    const link = shareButton(page, 'mastodon');
    await expect(link).toHaveAttribute('href', ON_MASTODON_SOCIAL);
    await expect(link).toHaveJSProperty('localName', 'a');
    const popup = await clickForPopup(page, link);
    expect(popup.url()).toBe(ON_MASTODON_SOCIAL);
    await expect(picker(page)).toHaveCount(0);
    await expect.poll(async () => (await recorded(page)).shares)
      .toEqual([{ network: 'mastodon', url: PAGE_URL, target: 'bar' }]);
  });

  test('a tampered stored server is not trusted: the widget asks again', async ({ page }) => {
    await page.addInitScript(() => {
      // Storage is as untrusted as attributes (another script may write it).
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('sharelock:mastodon-host', 'evil.example/phish?x=');
        sessionStorage.setItem('seeded', '1');
      }
    });
    await open(page, 'mastodon-tampered');
    const button = shareButton(page, 'mastodon');
    await expect(button).toHaveJSProperty('localName', 'button');
    await expect(page.locator('#bar a[href*="evil.example"]')).toHaveCount(0);
    await button.click();
    await expect(serverInput(page)).toBeFocused();
  });

  test('a second share bar on the same page picks up the server at once', async ({ page }) => {
    const other = 'https://shop.example/books/bake';
    await open(page, 'mastodon-two-bars', {
      body: `${bar('one')}<p>More books</p>${bar('two', { url: other, text: 'Bake' })}`,
    });
    await expect(page.locator('#two [data-network="mastodon"]')).toHaveJSProperty('localName', 'button');
    await page.locator('#one [data-network="mastodon"]').click();
    await serverInput(page, '#one').pressSequentially('mastodon.social');
    await clickForPopup(page, () => page.keyboard.press('Enter'));

    const second = page.locator('#two [data-network="mastodon"]');
    await expect(second).toHaveAttribute('href', 'https://mastodon.social/share?text=Bake%20https%3A%2F%2Fshop.example%2Fbooks%2Fbake');
    const popup = await clickForPopup(page, second);
    expect(popup.url()).toBe('https://mastodon.social/share?text=Bake%20https%3A%2F%2Fshop.example%2Fbooks%2Fbake');
    await expect(page.locator('#two .picker')).toHaveCount(0);
  });
});
