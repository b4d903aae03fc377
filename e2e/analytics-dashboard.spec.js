// First-party analytics end to end, on a private copy of the demo (its own
// port, store and owner token, so other specs browsing the shared demo
// cannot change the counts): a shopper sees the page, shares, unlocks,
// arrives from a shared link and buys; the owner's dashboard then shows
// exactly those counts, draws them, and refuses anyone without the token.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from '../scripts/serve.mjs';
import { PORT, clickForPopup, expect, payPart, proofPart, shareButton, test } from './fixtures.js';

const OWN_PORT = PORT + 500;
const DEMO = `http://127.0.0.1:${OWN_PORT}`;
const TOKEN = 'e2e-owner-token-0123456789-abcdefghijkl';

let server;
let state;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'sharelock-analytics-e2e-'));
  server = await startServer({ port: OWN_PORT, stateDirectory: state, dashboardToken: TOKEN });
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(state, { recursive: true, force: true });
});

async function stats(request, token = TOKEN) {
  const response = await request.get(`${DEMO}/verify/v1/stats?days=30`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status(), body: await response.json() };
}

async function signIn(page, token = TOKEN, query = '') {
  await page.goto(`${DEMO}/verify/dashboard/${query}`);
  await page.getByLabel(/Dashboard token|Token del panel/).fill(token);
  await page.getByRole('button', { name: /Show the numbers|Ver los números/ }).click();
}

test('browsing the demo, sharing, unlocking, a visit from the share and a purchase show up on the dashboard', async ({ page, request }) => {
  await page.clock.install();
  await page.goto(`${DEMO}/`);
  // Share the playbook on X: the shared link carries this page view's reference.
  const popup = await clickForPopup(page, shareButton(page, 'x', '#share-main'));
  const sharedUrl = new URL(new URL(popup.url()).searchParams.get('url'));
  await popup.close();
  const ref = sharedUrl.searchParams.get('sl_ref');
  expect(ref).toMatch(/^[A-Za-z0-9_-]{11}$/);
  expect(sharedUrl.searchParams.get('utm_source')).toBe('x');

  // Unlock the winter drop (intent mode: share, stay a while, come back).
  const drop = await clickForPopup(page, payPart(page, 'button', '#pay-drop'));
  await page.clock.fastForward('00:09');
  await drop.close();
  await page.clock.runFor(400);
  await expect(page.locator('#pay-drop')).toHaveAttribute('unlocked', '');

  // A friend arrives from the shared link (here: the same page with its
  // reference) and buys; the reference leaves the address bar at once.
  await page.goto(`${DEMO}/?utm_source=x&sl_ref=${ref}`);
  await expect.poll(() => new URL(page.url()).searchParams.has('sl_ref')).toBe(false);
  expect(new URL(page.url()).searchParams.get('utm_source')).toBe('x');
  await page.getByRole('button', { name: 'Add to basket' }).click();
  await page.goto('about:blank'); // hidden: the last batch leaves with sendBeacon

  await expect.poll(async () => (await stats(request)).body.totals?.conversion).toBe(1);
  const { body: report } = await stats(request);
  expect(report.totals.share).toBe(1);
  expect(report.totals.unlock).toBe(1);
  expect(report.totals.visit).toBe(1);
  expect(report.totals.value).toBe(9);
  expect(report.totals.impression).toBeGreaterThanOrEqual(2); // share-main and pay-drop at least, on two page views
  expect(report.networks.find((row) => row.network === 'x')).toEqual({ network: 'x', share: 1, unlock: 0, visit: 1, conversion: 1 });
  expect(report.funnel.find((row) => row.item === 'playbook')).toMatchObject({ share: 1, visit: 1, conversion: 1, value: 9 });

  // The owner's dashboard shows the same numbers and draws them.
  await signIn(page);
  await expect(page.locator('[data-total="share"] dd')).toHaveText('1');
  await expect(page.locator('#sign-in')).toBeHidden();
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`)).toEqual([]);
  await expect(page.locator('[data-total="unlock"] dd')).toHaveText('1');
  await expect(page.locator('[data-total="visit"] dd')).toHaveText('1');
  await expect(page.locator('[data-total="conversion"] dd')).toHaveText('1');
  const networkRow = page.locator('#networks tbody tr', { has: page.locator('th', { hasText: /^x$/ }) });
  await expect(networkRow.locator('td')).toHaveText(['1', '0', '1', '1']);
  const funnelRow = page.locator('#funnel tbody tr', { has: page.locator('th', { hasText: /^playbook$/ }) });
  await expect(funnelRow.locator('td')).toHaveText([/\d+/, '1', '1', '1', '9']);
  await expect(page.locator('#funnel-more')).toBeHidden(); // every item is listed

  // The chart, compared by structure: one bar per day and series, today's
  // proportional to its value, every other day flat.
  const bars = await page.locator('svg.chart rect').evaluateAll((rects) => rects.map((rect) => ({
    series: rect.getAttribute('class'), value: Number(rect.dataset.value), height: Number(rect.getAttribute('height')),
  })));
  const shareBars = bars.filter((bar) => bar.series === 'bar-share');
  const unlockBars = bars.filter((bar) => bar.series === 'bar-unlock');
  expect(shareBars).toHaveLength(30);
  expect(unlockBars).toHaveLength(30);
  expect(shareBars.at(-1)).toMatchObject({ value: 1 });
  expect(shareBars.at(-1).height).toBeGreaterThan(100);
  expect(unlockBars.at(-1).height).toBeCloseTo(shareBars.at(-1).height, 5);
  expect(shareBars.slice(0, -1).every((bar) => bar.value === 0 && bar.height === 0)).toBe(true);
  await expect(page.getByRole('img', { name: /Bar chart of shares and unlocks per day/ })).toBeVisible();

  // A shorter period redraws with fewer days.
  await page.getByLabel('Period').selectOption('7');
  await expect(page.locator('svg.chart rect.bar-share')).toHaveCount(7);

  // The CSV export downloads the same counters.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const csv = await (await download).createReadStream().then((stream) => new Promise((resolve) => {
    let text = '';
    stream.on('data', (chunk) => { text += chunk; });
    stream.on('end', () => resolve(text));
  }));
  expect(csv.split('\r\n')[0]).toBe('date,item,network,event,detail,count,value');
  expect(csv).toMatch(/,playbook,x,share,,1,0\r\n/);
  expect(csv).toMatch(/,playbook,x,conversion,,1,9\r\n/);
});

test('a funnel of more items than the report lists says how many there are', async ({ page, request }) => {
  // 105 more items, shared once each (a page may report 20 items a batch).
  for (let start = 0; start < 105; start += 15) {
    const items = Array.from({ length: 15 }, (_, i) => `bulk-${String(start + i).padStart(3, '0')}`);
    const batch = { v: 1, id: `e2e-bulk-batch-${String(start).padStart(4, '0')}`, events: items.map((item) => ({ type: 'share', item, network: 'x' })) };
    const response = await request.post(`${DEMO}/verify/v1/collect`, {
      headers: { origin: DEMO, 'content-type': 'text/plain;charset=UTF-8' }, data: JSON.stringify(batch),
    });
    expect(response.status()).toBe(200);
  }
  const { body: report } = await stats(request);
  expect(report.funnel).toHaveLength(100);
  expect(report.funnelItems).toBeGreaterThan(105);
  await signIn(page);
  await expect(page.locator('#funnel tbody tr')).toHaveCount(100);
  await expect(page.locator('#funnel-more')).toHaveText(`The 100 most shared of ${report.funnelItems} items. The CSV has every one.`);
});

test('the social-proof badge reads the real share count', async ({ page }) => {
  await page.goto(`${DEMO}/`);
  await expect(proofPart(page, 'text', '#proof-shares')).toHaveText(/^1 person shared this in the last 7 days$/);
});

test('the dashboard refuses access without the token, and with a wrong one', async ({ page, request }) => {
  expect((await stats(request, '')).status).toBe(401);
  expect((await stats(request, 'not-the-token-0123456789-abcdefghijkl')).status).toBe(401);

  await page.goto(`${DEMO}/verify/dashboard/`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('#report')).toBeHidden();
  await signIn(page, 'not-the-token-0123456789-abcdefghijkl');
  await expect(page.getByRole('status')).toHaveText(/That token is not right/);
  await expect(page.locator('#report')).toBeHidden();
  await expect(page.locator('[data-total]')).toHaveCount(0);
});

test('the dashboard speaks Spanish and signs out', async ({ page }) => {
  await signIn(page, TOKEN, '?lang=es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panel de Sharelock');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('[data-total="share"] dt')).toHaveText('Veces compartido');
  await page.getByRole('button', { name: 'Salir' }).click();
  await expect(page.getByRole('heading', { name: 'Acceso' })).toBeVisible();
  await page.reload();
  await expect(page.locator('#report')).toBeHidden(); // the token was forgotten
});
