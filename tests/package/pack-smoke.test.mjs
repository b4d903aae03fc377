// The package as a developer or a site owner gets it: `npm pack`, installed
// offline into an empty folder, then
//   - imported from Node (every export of the `exports` map resolves),
//   - type-checked from a TypeScript consumer (tsc --noEmit, strict),
//   - bundled with esbuild into a page, and the package's dist/ served as a
//     static host would, loaded with the generated SRI snippet,
// and both pages clicked in Chromium under the demo's strict CSP.
import assert from 'node:assert/strict';
import { execFile as execFileCallback } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import config from '../../playwright.config.js';
import { CONTENT_TYPES, STRICT_CSP } from '../../scripts/serve.mjs';

const execFile = promisify(execFileCallback);
const root = fileURLToPath(new URL('../../', import.meta.url));
const consumer = fileURLToPath(new URL('consumer/', import.meta.url));
const version = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')).version;

let work;      // the temporary folder
let app;       // the empty project the tarball is installed into
let installed; // app/node_modules/sharelock

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'sharelock-pack-'));
  app = join(work, 'app');
  await mkdir(app);
  const { stdout } = await execFile('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
  const [{ filename }] = JSON.parse(stdout);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // No dependencies, so no network: --offline proves it.
  await execFile('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', join(work, filename)], { cwd: app });
  installed = join(app, 'node_modules', 'sharelock');
});

after(() => rm(work, { recursive: true, force: true }));

test('the tarball holds the builds, the core, the types and the snippet, and nothing else of the repository', async () => {
  const { stdout } = await execFile('npm', ['pack', '--dry-run', '--json'], { cwd: root });
  const files = JSON.parse(stdout)[0].files.map((file) => file.path).sort();
  // Every chunk a page may import (dist/pages.json lists them per widget).
  const pages = JSON.parse(await readFile(join(root, 'dist', 'pages.json'), 'utf8'));
  const chunks = [...pages.entry, ...Object.values(pages.widgets).flatMap((widget) => widget.code)].map((file) => `dist/${file}`);
  for (const file of ['dist/index.js', 'dist/sharelock.js', 'dist/sharelock.iife.js',
    'dist/sharelock-core.wasm', 'dist/sharelock-share.wasm', 'dist/sharelock-share-exact.wasm', 'dist/sharelock-verified.wasm',
    'dist/sharelock-pay-exact.wasm',
    'dist/snippet.html',
    'dist/pages.json', 'types/index.d.ts', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json', ...chunks]) {
    assert.ok(files.includes(file), `${file} is in the tarball`);
  }
  const stray = files.filter((file) => /^(core|wasm|web|server|e2e|tests|demo|scripts|node_modules)\//.test(file));
  assert.deepEqual(stray, []);
});

test('Node imports the package by name; every subpath of the exports map resolves', async () => {
  const script = `
    const m = await import('sharelock');
    const pkg = (await import('sharelock/package.json', { with: { type: 'json' } })).default;
    const paths = ['sharelock/module', 'sharelock/script', 'sharelock/wasm', 'sharelock/share-wasm',
      'sharelock/share-exact-wasm', 'sharelock/verified-wasm', 'sharelock/pay-exact-wasm'].map((s) => import.meta.resolve(s));
    console.log(JSON.stringify({ exports: Object.keys(m).sort(), version: pkg.version, paths,
      defined: typeof globalThis.customElements, window: typeof globalThis.window }));
    m.defineElements();`;
  const { stdout } = await execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
  const answer = JSON.parse(stdout);
  assert.deepEqual(answer.exports, ['SharelockError', 'configureCore', 'coreMemoryBytes', 'defineElements', 'loadCore', 'startAnalytics', 'track']);
  assert.equal(answer.version, version);
  assert.deepEqual(answer.paths.map((path) => path.split('/node_modules/sharelock/')[1]),
    ['dist/sharelock.js', 'dist/sharelock.iife.js', 'dist/sharelock-core.wasm',
      'dist/sharelock-share.wasm', 'dist/sharelock-share-exact.wasm', 'dist/sharelock-verified.wasm', 'dist/sharelock-pay-exact.wasm']);
  assert.equal(answer.window, 'undefined');
});

test('the types check a strict TypeScript consumer (tag maps, event details, options)', async () => {
  await copyFile(join(consumer, 'consumer.ts'), join(app, 'consumer.ts'));
  await copyFile(join(consumer, 'tsconfig.json'), join(app, 'tsconfig.json'));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await execFile(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((error) => error);
  assert.equal(result.code ?? 0, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
});

/** Serves `routes` ({prefix: folder}) under the demo's strict CSP on a free loopback port. */
async function serveFolders(routes) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const [prefix, folder] = Object.entries(routes).find(([p]) => pathname.startsWith(p)) ?? [];
    const file = folder && normalize(join(folder, pathname.slice(prefix.length) || 'index.html'));
    const body = file?.startsWith(folder + sep) ? await readFile(file).catch(() => null) : null;
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': STRICT_CSP,
    }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

test('in Chromium: an esbuild page and the script-tag snippet both render a share bar that shares on click', async (t) => {
  // The developer's page: bundled from the installed package, the core copied out of it.
  const site = join(work, 'site');
  await mkdir(join(site, 'core'), { recursive: true });
  const require = createRequire(join(app, 'package.json'));
  for (const subpath of ['wasm', 'share-wasm', 'share-exact-wasm', 'verified-wasm', 'pay-exact-wasm']) {
    const file = require.resolve(`sharelock/${subpath}`);
    await copyFile(file, join(site, 'core', file.split(sep).at(-1)));
  }
  await copyFile(join(consumer, 'main.js'), join(app, 'main.js'));
  await build({ absWorkingDir: app, entryPoints: ['main.js'], bundle: true, format: 'esm', outfile: join(site, 'app.js'), logLevel: 'error' });
  const bar = '<sharelock-share networks="x,email" url="https://shop.example/p" text="Packed"></sharelock-share>';
  const page = (head) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>${head}</head><body>${bar}</body></html>`;
  await writeFile(join(site, 'index.html'), page('<script type="module" src="/app.js"></script>'));
  // The site owner's page: the package's dist/ on a "CDN" path, the generated snippet pasted as it is.
  const snippet = (await readFile(join(installed, 'dist', 'snippet.html'), 'utf8'))
    .replaceAll(`/sharelock/${version}/`, '/cdn/');
  await writeFile(join(site, 'snippet.html'), page(snippet));

  const { server, origin } = await serveFolders({ '/cdn/': join(installed, 'dist'), '/': site });
  t.after(() => server.close());
  const browser = await chromium.launch(config.use.launchOptions);
  t.after(() => browser.close());
  const context = await browser.newContext();
  // Upper bounds only, as in playwright.config.js (sized for the slowest
  // honest run on a busy 2-core machine, where a wasm page load has taken
  // several seconds): a passing run waits on events — the share bar
  // rendering, the popup opening — and a broken page fails at its first
  // error instead of at a deadline.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const external = [];
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => {
    external.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' });
  });

  for (const path of ['/index.html', '/snippet.html']) {
    const tab = await context.newPage();
    const problems = [];
    let reportProblem;
    const broken = new Promise((_, reject) => { reportProblem = reject; });
    // Read by the race below; an error before or after it stays in `problems`, asserted at the end.
    broken.catch(() => {});
    const problem = (text) => {
      problems.push(text);
      reportProblem(new Error(`${path}: ${text}`));
    };
    tab.on('console', (message) => { if (message.type() === 'error') problem(message.text()); });
    tab.on('pageerror', (error) => problem(error.message));
    await tab.goto(`${origin}${path}`);
    const x = tab.locator('sharelock-share [data-network="x"]');
    await Promise.race([x.waitFor(), broken]);
    assert.deepEqual(external, [], `${path}: nothing leaves the page before a click`);
    if (path === '/index.html') {
      const [popup] = await Promise.all([tab.waitForEvent('popup'), x.click()]);
      assert.match(popup.url(), /^https:\/\/x\.com\/intent\/tweet\?text=Packed&url=https%3A%2F%2Fshop\.example%2Fp/);
      assert.equal(await tab.locator('body').getAttribute('data-shared'), 'x');
    } else {
      // The module snippet: its share bar came from the share bar's own chunk and core.
      const loaded = await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name.split('/').at(-1)));
      assert.ok(loaded.includes('sharelock-share.wasm') && !loaded.includes('sharelock-core.wasm'), loaded.join(' '));
      const [popup] = await Promise.all([tab.waitForEvent('popup'), x.click()]);
      assert.match(popup.url(), /^https:\/\/x\.com\/intent\/tweet\?/);
    }
    assert.deepEqual(problems, [], `${path}: no console error`);
    external.length = 0;
  }
});
