// The copy-link button when nothing can reach the clipboard: the async
// Clipboard API rejects and the selection copy (execCommand) fails too. The
// link then appears in a read-only field, focused and fully selected, ready
// for Ctrl+C or a long press, and the status region says so.
import { attr, expect, openTestPage, recorded, shareButton, test, testPage } from './fixtures.js';

const PAGE_URL = 'https://shop.example/books/cook?id=42&lang=en#reviews';
const TEXT = 'The Cook Book';
const FAILED_EN = 'Could not copy automatically: the link is selected below, copy it from there';
const FAILED_ES = 'No se pudo copiar automáticamente: el enlace está seleccionado abajo, cópialo desde ahí';

/** No clipboard at all: writeText rejects, execCommand('copy') returns false. Counts the attempts. */
async function breakClipboard(page) {
  await page.addInitScript(() => {
    const attempts = { writeText: 0, execCommand: 0 };
    Object.defineProperty(window, '__e2eClipboard', { value: attempts });
    const writeText = async () => {
      attempts.writeText += 1;
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    };
    if (navigator.clipboard) {
      Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: writeText });
    } else {
      Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({ writeText }) });
    }
    Document.prototype.execCommand = function execCommand() {
      attempts.execCommand += 1;
      return false;
    };
  });
}

function barPage({ lang = 'en', url = PAGE_URL, networks = 'x,copy' } = {}) {
  return testPage({
    lang,
    body: `<sharelock-share id="bar" networks="${networks}" url="${attr(url)}" text="${attr(TEXT)}"></sharelock-share>`,
  });
}

const fallbackField = (page) => page.locator('#bar [part="copy-fallback"]');

/** The field's value and selection, and whether it has the focus (inside the shadow root). */
function fieldState(page) {
  return page.locator('#bar').evaluate((host) => {
    const field = host.shadowRoot.querySelector('[part="copy-fallback"]');
    return {
      value: field.value,
      readOnly: field.readOnly,
      selectionStart: field.selectionStart,
      selectionEnd: field.selectionEnd,
      focused: document.activeElement === host && host.shadowRoot.activeElement === field,
      count: host.shadowRoot.querySelectorAll('[part="copy-fallback"]').length,
    };
  });
}

for (const { lang, message, label } of [
  { lang: 'en', message: FAILED_EN, label: 'Copy link' },
  { lang: 'es', message: FAILED_ES, label: 'Copiar enlace' },
]) {
  test(`lang="${lang}": the link is shown read-only, focused and fully selected, and the failure is announced`, async ({ page, consoleErrors }) => {
    await breakClipboard(page);
    await openTestPage(page, { name: `copy-fallback-${lang}`, html: barPage({ lang }) });
    const button = shareButton(page, 'copy');
    await expect(button).toHaveAccessibleName(label);
    await expect(fallbackField(page)).toHaveCount(0);

    await button.click();

    const field = fallbackField(page);
    await expect(field).toBeVisible();
    await expect(field).toHaveValue(PAGE_URL);
    await expect(field).toHaveAttribute('readonly', '');
    await expect(field).toBeFocused();
    await expect(field).toHaveAccessibleName(message);
    expect(await fieldState(page)).toEqual({
      value: PAGE_URL,
      readOnly: true,
      selectionStart: 0,
      selectionEnd: PAGE_URL.length,
      focused: true,
      count: 1,
    });
    await expect(page.locator('#bar [role="status"]')).toHaveText(message);
    // Both ways to copy were tried.
    expect(await page.evaluate(() => ({ ...window.__e2eClipboard }))).toEqual({ writeText: 1, execCommand: 1 });
    // The button does not claim success.
    await expect(button).toHaveAccessibleName(label);
    expect((await recorded(page)).opened).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}

test('a second failed copy keeps one field, selected again, and says it again', async ({ page }) => {
  await breakClipboard(page);
  await openTestPage(page, { name: 'copy-fallback-twice', html: barPage() });
  const button = shareButton(page, 'copy');
  await button.click();
  await expect(fallbackField(page)).toBeFocused();

  // The shopper clicks into the field (collapsing the selection), then tries the button again.
  await fallbackField(page).evaluate((field) => field.setSelectionRange(3, 3));
  await button.click();
  await expect(fallbackField(page)).toHaveCount(1);
  await expect(fallbackField(page)).toBeFocused();
  expect(await fieldState(page)).toEqual({
    value: PAGE_URL,
    readOnly: true,
    selectionStart: 0,
    selectionEnd: PAGE_URL.length,
    focused: true,
    count: 1,
  });
  await expect(page.locator('#bar [role="status"]')).toHaveText(FAILED_EN);
});

test('with utm-campaign the field holds exactly the shared (tagged) link', async ({ page }) => {
  const tagged = 'https://shop.example/a?b=1&utm_source=copy&utm_medium=social&utm_campaign=launch#c';
  await breakClipboard(page);
  await openTestPage(page, {
    name: 'copy-fallback-utm',
    html: testPage({
      body: '<sharelock-share id="bar" networks="copy" url="https://shop.example/a?b=1#c" utm-campaign="launch"></sharelock-share>',
    }),
  });
  await shareButton(page, 'copy').click();
  await expect(fallbackField(page)).toHaveValue(tagged);
  const state = await fieldState(page);
  expect([state.selectionStart, state.selectionEnd]).toEqual([0, tagged.length]);
});
