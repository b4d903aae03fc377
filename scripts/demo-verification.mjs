// The verified unlock in the demo, with no account anywhere: the mock
// provider (test infrastructure, labelled as such on its pages) on its own
// loopback port, standing in for X, and the reference verification server
// mounted on the demo's own origin under /verify/ (so the demo's strict CSP,
// connect-src 'self', allows it). Its signing key and unlock records live in
// var/demo/ (or SHARELOCK_DEMO_STATE), so restarting the demo keeps unlocks.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVerificationApp } from '../server/app.js';
import { startMockProvider } from '../server/mock-provider.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const VERIFY_PREFIX = '/verify';
// The Mastodon server name the demo's shoppers type; the mock answers for it.
export const DEMO_MASTODON_HOST = 'mock-mastodon.test';

// What the demo's verified widgets unlock. The content exists only here,
// never in the page.
export const DEMO_ITEMS = {
  'verified-guide': {
    url: 'https://lumenandleaf.example/guides/window-box',
    content: { text: 'Thanks for posting! Your guide is ready:', url: 'https://lumenandleaf.example/files/window-box-guide.pdf', label: 'Download the window-box guide (PDF)' },
  },
  'verified-coupon': {
    url: 'https://lumenandleaf.example/members',
    content: { text: 'Your members-only code:', code: 'LEAF-VERIFIED-25' },
  },
};

// A random secret kept in the state directory, so a restart keeps it:
// the signing key, and the site owner's dashboard token.
async function demoSecret(directory, name) {
  const file = join(directory, name);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * @param {{origin: string, stateDirectory?: string, dashboardToken?: string}} options origin: the demo
 *   page's origin; dashboardToken: the owner's token (SHARELOCK_DASHBOARD_TOKEN, else one kept in the state directory)
 * @returns {Promise<{handle: Function, mockUrl: string, dashboardToken: string, close: () => Promise<void>}>}
 */
export async function startDemoVerification({
  origin,
  stateDirectory = process.env.SHARELOCK_DEMO_STATE || join(root, 'var', 'demo'),
  dashboardToken = process.env.SHARELOCK_DASHBOARD_TOKEN,
}) {
  await mkdir(stateDirectory, { recursive: true });
  const redirectUri = `${origin}/`;
  const client = { clientId: 'sharelock-demo', clientSecret: randomBytes(24).toString('base64url'), redirectUris: [redirectUri], name: 'Lumen & Leaf (Sharelock demo)' };
  const mock = await startMockProvider({ clients: [client] });
  const config = {
    allowedOrigins: new Set([origin]),
    keys: [{ id: 'demo', secret: await demoSecret(stateDirectory, 'hmac-key') }],
    items: DEMO_ITEMS,
    database: join(stateDirectory, 'sharelock.db'),
    unlockLifetimeMillis: 30 * 24 * 60 * 60 * 1000,
    // Generous, like the browser tests' bursts of page views from one address.
    rateLimits: { ip: { limit: 600, windowMillis: 60_000 }, item: { limit: 600, windowMillis: 60_000 },
      collectTotal: { limit: 600, windowMillis: 60_000 } },
    x: { clientId: client.clientId, clientSecret: client.clientSecret, redirectUri,
      authorizeUrl: `${mock.url}/i/oauth2/authorize`, apiUrl: mock.url },
    // One redirect URI per provider: a code arriving at the other's is refused (mix-up defence).
    mastodon: { redirectUri: `${origin}/?via=mastodon`, allowedHosts: new Set([DEMO_MASTODON_HOST]), instanceUrls: { [DEMO_MASTODON_HOST]: mock.url },
      clientName: 'Lumen & Leaf (Sharelock demo)' },
    // The first-party analytics dashboard at /verify/dashboard/ (the tests
    // pass a known token; otherwise one is made and kept, and printed).
    dashboardToken: dashboardToken || await demoSecret(stateDirectory, 'dashboard-token'),
  };
  const app = await createVerificationApp({ config });
  return { handle: app.handle, mockUrl: mock.url, mock, dashboardToken: config.dashboardToken,
    close: async () => { await app.close(); await mock.close(); } };
}
