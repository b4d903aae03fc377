// axe-core on every demo page, once every widget has rendered: no WCAG 2.x
// A/AA violation (contrast included), in light and dark colour schemes.
// The page's own markup counts too: it is what site owners copy.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.js';

const PAGES = ['/', '/es/'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function settled(page) {
  // Every widget on the page has rendered (or shown its fallback).
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('sharelock-share, sharelock-pay, sharelock-countdown, sharelock-proof')]
    .every((element) => element.shadowRoot && !element.shadowRoot.querySelector('[aria-busy="true"]')))).toBe(true);
}

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `  ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`).join('\n')}`).join('\n');
}

for (const path of PAGES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe: ${path} in the ${colorScheme} scheme has no WCAG A/AA violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.goto(path);
      await settled(page);
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      expect(violations, describe(violations)).toEqual([]);
    });
  }
}

test('the audit sees into the widgets\' shadow trees: a nameless button there is reported', async ({ page }) => {
  await page.goto('/');
  await settled(page);
  await page.locator('sharelock-share').first().evaluate((element) => {
    const button = document.createElement('button');
    button.id = 'nameless';
    element.shadowRoot.append(button);
  });
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(violations.map((v) => v.id)).toContain('button-name');
  expect(violations.find((v) => v.id === 'button-name').nodes[0].target.flat().join(' ')).toContain('#nameless');
});
