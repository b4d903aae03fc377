// The social-proof examples on the demo page, in English and Spanish,
// served by scripts/serve.mjs (its /demo-data/proof.json is sample data
// dated from when the server started): each badge says what the feed
// says, the one below its threshold shows nothing, the recent-activity
// toast appears without covering the basket button or another widget, and
// the only console error is the one the demo provokes on purpose (the
// English page's share-broken example).
import { ORIGIN, expect, proofPart, recorded, test } from './fixtures.js';

const NBSP = '\u00A0';

const DEMOS = [
  {
    path: '/',
    badges: {
      '#proof-total': '1,284 people bought this',
      '#proof-today': '4 people bought this in the last 24 hours',
      '#proof-signups': '12K people signed up',
    },
    // Ana's purchase is dated 4 min before the demo server started: in a
    // long run on a slow machine it may be an hour old or more by now.
    toast: /^Ana from Madrid bought this (\d+ min|1 hour|\d+ hours) ago$/,
    dismiss: 'Dismiss activity notices',
    // The demo's deliberate mistake: a javascript: URL on a share bar.
    expectedErrors: [{ code: 'unsafe-url', attribute: 'url', target: 'share-broken' }],
  },
  {
    path: '/es/',
    badges: {
      '#proof-total': '1284 personas lo han comprado',
      '#proof-today': '4 personas lo han comprado en las últimas 24 horas',
      '#proof-signups': `12${NBSP}mil personas se han apuntado`,
    },
    toast: /^Ana de Madrid lo compró hace (\d+ min|1 hora|\d+ horas)$/,
    dismiss: 'Cerrar avisos de actividad',
    expectedErrors: [],
  },
];

function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

for (const demo of DEMOS) {
  test(`demo ${demo.path}: the proof badges show the sample feed's counts, the one under its threshold shows nothing, and the activity toast covers nothing`, async ({ page, consoleErrors, external }) => {
    // The real time (the feed is dated from the server's clock); the
    // toast's 3 s are then skipped with runFor.
    await page.clock.install();
    await page.goto(`${ORIGIN}${demo.path}`);

    for (const [host, text] of Object.entries(demo.badges)) {
      await expect(proofPart(page, 'badge', host)).toBeVisible();
      expect(await proofPart(page, 'text', host).textContent()).toBe(text);
    }
    // 7 shares with min="10": nothing, on purpose, and no room taken.
    expect(await page.locator('#proof-below').evaluate((element) => ({
      nodes: element.shadowRoot.childNodes.length,
      height: element.getBoundingClientRect().height,
    }))).toEqual({ nodes: 0, height: 0 });

    // The recent activity: its first toast 3 s after the feed is read.
    await expect(proofPart(page, 'toast', '#proof-recent')).toHaveCount(1);
    await page.clock.runFor(3000);
    const toast = proofPart(page, 'toast', '#proof-recent');
    await expect(toast).toBeVisible();
    await expect(proofPart(page, 'toast-text', '#proof-recent')).toHaveText(demo.toast);
    await expect(proofPart(page, 'dismiss', '#proof-recent')).toHaveAccessibleName(demo.dismiss);
    const box = await toast.boundingBox();
    const avoided = page.locator('[data-sharelock-avoid], sharelock-pay, sharelock-share');
    expect(await avoided.count()).toBeGreaterThan(0);
    for (const element of await avoided.all()) {
      const other = await element.boundingBox();
      if (other && other.width > 0 && other.height > 0) expect(intersects(box, other)).toBe(false);
    }
    // The basket button is clickable (the toast stays out of its way: the geometry above).
    await page.locator('.buy').click();

    // Dismissed with its button.
    await proofPart(page, 'dismiss', '#proof-recent').click();
    await expect(toast).toBeHidden();

    const log = await recorded(page);
    expect(log.violations).toEqual([]);
    expect(log.errors).toEqual(demo.expectedErrors);
    expect(consoleErrors).toHaveLength(demo.expectedErrors.length);
    expect(consoleErrors.filter((text) => text.includes('sharelock-proof'))).toEqual([]);
    if (demo.expectedErrors.length) expect(consoleErrors[0]).toMatch(/^\[sharelock\] <sharelock-share id="share-broken">/);
    expect(external).toEqual([]);
  });
}
