// Browser tests: Debian's Chromium (never a downloaded browser), headless,
// against the demo server on a port of its own.
import { tmpdir } from 'node:os';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8765);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Upper bounds only, never a verdict on speed: a passing test waits on an
  // event or on the page's fake clock and is done long before these. They are
  // sized for the slowest honest run on a busy 2-core machine (CI), where one
  // wasm page load under load has taken several seconds; a test that
  // legitimately needs longer says so itself with test.setTimeout.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // list, then the spec files by the time they took: where the browser
  // step's time goes (README, "Testing").
  reporter: [['list'], ['./e2e/reporters/time-per-file.js']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    // --test-routes: the generated big feeds of e2e/proof-failures.spec.js.
    command: `node scripts/serve.mjs --port ${port} --test-routes`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    // The verified-unlock demo's key and records: a fresh place per run.
    env: { SHARELOCK_DEMO_STATE: `${tmpdir()}/sharelock-e2e-${port}-${Date.now()}` },
    timeout: 60_000,
  },
});
