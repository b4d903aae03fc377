// Metric 1: bytes on the wire for each library's default script-tag setup,
// from what the browser actually requested for a page with one widget (all
// requests until the network is idle). Each requested file is weighed raw,
// gzip -9 and brotli quality 11 (compressedSizes from scripts/sizes.mjs).
// JS + CSS + wasm are the library; fonts and images it loads by default are
// listed separately; the page itself and the benchmark's own files
// (bench.css, setup-*.js: the site owner's "then call it" code) are not
// counted, but the setup files are listed in the JSON.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { compressedSizes } from '../../scripts/sizes.mjs';
import { debug, sleep, withBrowser, within } from '../common.mjs';
import { sampleLoad } from '../environment.mjs';
import { LIBRARIES, displayName } from '../peers.mjs';
import { bestNotes, bytes, table } from '../report.mjs';
import { fileForPath } from '../server.mjs';
import { openWidgets } from '../widget-page.mjs';

const TYPES = {
  '.js': 'js', '.mjs': 'js', '.css': 'css', '.wasm': 'wasm',
  '.woff2': 'font', '.woff': 'font', '.ttf': 'font', '.eot': 'font', '.otf': 'font',
  '.svg': 'image', '.png': 'image', '.jpg': 'image', '.gif': 'image', '.webp': 'image', '.ico': 'image',
};
const zero = () => ({ raw: 0, gzip: 0, brotli: 0 });
const add = (total, sizes) => { for (const key of ['raw', 'gzip', 'brotli']) total[key] += sizes[key]; };

/** Pages weighed: every widget page of every selected library (Sharelock: share, countdown, kit). */
export function sizePages(libs) {
  return libs.flatMap((lib) => Object.keys(LIBRARIES[lib].widgets).map((widget) => ({ lib, widget })));
}

async function weigh(browser, origin, { lib, widget }) {
  const finished = [];
  const opened = await openWidgets(browser, origin, {
    lib, widget, n: 1,
    beforeNavigation: (page) => page.on('requestfinished', (request) => finished.push(request)),
  });
  try {
    // Everything a widget loads by default, fonts included, is in by then.
    await within(15_000, opened.page.waitForLoadState('networkidle'));
    await sleep(500);
    const page = { lib, widget, usable: opened.done, files: [], setupFiles: [], external: opened.external, errors: opened.errors, csp: opened.marks?.cspViolations ?? [] };
    for (const request of finished) {
      const url = new URL(request.url());
      if (url.origin !== origin || request.resourceType() === 'document') continue;
      const file = await fileForPath(url.pathname);
      if (!file) continue;
      const sizes = compressedSizes(await readFile(file));
      const transferred = (await request.sizes().catch(() => null))?.responseBodySize ?? null;
      const entry = { path: url.pathname, type: TYPES[extname(url.pathname)] ?? 'other', ...sizes, transferred };
      (url.pathname.startsWith('/bench/') ? page.setupFiles : page.files).push(entry);
    }
    page.files.sort((a, b) => a.path.localeCompare(b.path));
    // Fonts and images: what a server sends (woff2 is brotli inside already,
    // so min(raw, brotli); SVG compresses).
    const totals = { js: zero(), css: zero(), wasm: zero(), code: zero(), assets: zero(), assetsSent: 0, assetFiles: 0, transferred: 0 };
    for (const entry of page.files) {
      if (['js', 'css', 'wasm'].includes(entry.type)) {
        add(totals[entry.type], entry);
        add(totals.code, entry);
      } else {
        add(totals.assets, entry);
        totals.assetsSent += Math.min(entry.raw, entry.brotli);
        totals.assetFiles += 1;
      }
      totals.transferred += entry.transferred ?? 0;
    }
    page.totals = totals;
    return page;
  } finally {
    await opened.close();
  }
}

const rowLabel = (lib, widget) => {
  if (lib !== 'sharelock') return displayName(lib);
  return { share: `${displayName(lib)} — share bar page`, countdown: `${displayName(lib)} — countdown page`, kit: `${displayName(lib)} — all four widgets (kit)` }[widget];
};

export async function runSize(origin, { libs }) {
  const pages = sizePages(libs);
  console.log(`\n1. size: ${pages.length} pages with one widget each (${pages.map((p) => `${p.lib}/${p.widget}`).join(', ')})`);
  const results = [];
  for (const target of pages) {
    sampleLoad();
    const page = await withBrowser((browser) => weigh(browser, origin, target));
    sampleLoad();
    const t = page.totals;
    console.log(`  ${`${target.lib}/${target.widget}`.padEnd(26)} JS+CSS+wasm ${String(t.code.raw).padStart(7)} raw ${String(t.code.gzip).padStart(7)} gzip ${String(t.code.brotli).padStart(7)} brotli · fonts/images ${t.assetFiles} files ${t.assetsSent} bytes${page.external.length ? ` · EXTERNAL ${page.external.join(' ')}` : ''}${page.csp.length ? ` · CSP ${page.csp.join(' ')}` : ''}`);
    debug(page.files.map((f) => `${f.path} ${f.brotli}`).join(', '));
    results.push(page);
  }
  return { method: describe(), results, ...report(results) };
}

function describe() {
  return 'For a page with one widget of the library, every file the browser requested (Playwright requestfinished events, until the network is idle + 0.5 s) is read from disk and compressed with node:zlib: gzip level 9 and brotli quality 11 (scripts/sizes.mjs compressedSizes). JS + CSS + wasm = the library; fonts/images it loads by default are listed separately. The HTML page, bench/pages/bench.css and the setup-*.js files (the site owner\'s own call of the library) are not counted. "transferred" = response body bytes as served by the bench server (brotli 11).';
}

function report(results) {
  const category = (r) => (r.widget === 'countdown' ? 'countdown' : 'share');
  const rows = results.map((r) => ({
    category: category(r),
    lib: r.lib,
    label: rowLabel(r.lib, r.widget),
    peer: r.lib !== 'sharelock',
    values: {
      js: r.totals.js.brotli,
      css: r.totals.css.brotli,
      wasm: r.totals.wasm.brotli,
      raw: r.totals.code.raw,
      gzip: r.totals.code.gzip,
      brotli: r.totals.code.brotli,
      assets: r.totals.assetFiles ? `${bytes(r.totals.assetsSent)} (${r.files.filter((f) => !['js', 'css', 'wasm'].includes(f.type)).map((f) => f.path.split('/').pop()).join(', ')})` : '—',
    },
  }));
  const order = { share: 0, countdown: 1 };
  rows.sort((a, b) => order[a.category] - order[b.category]);
  const columns = [
    { key: 'js', title: 'JS (br)', format: bytes },
    { key: 'css', title: 'CSS (br)', format: bytes },
    { key: 'wasm', title: 'wasm (br)', format: bytes },
    { key: 'raw', title: 'JS+CSS+wasm raw', format: bytes, ratio: true },
    { key: 'gzip', title: 'gzip -9', format: bytes, ratio: true },
    { key: 'brotli', title: 'brotli 11', format: bytes, ratio: true },
    { key: 'assets', title: 'fonts/images loaded by default (listed separately; min(raw, br))' },
  ];
  const { lines, best } = table(rows, columns);
  const find = (lib, widget) => results.find((r) => r.lib === lib && r.widget === widget);
  const goals = [];
  const goal = (label, a, b, target) => {
    if (!a || !b) return;
    const ratio = (x, y) => (x / y).toFixed(2);
    goals.push(`- **${label}:** ${bytes(a.totals.code.brotli)} vs ${bytes(b.totals.code.brotli)} bytes brotli = **${ratio(a.totals.code.brotli, b.totals.code.brotli)}×** (gzip ${ratio(a.totals.code.gzip, b.totals.code.gzip)}×, raw ${ratio(a.totals.code.raw, b.totals.code.raw)}×)` +
      (b.totals.assetFiles ? `; counting the fonts ${displayName(b.lib)} loads by default too (${bytes(b.totals.assetsSent)} bytes): ${ratio(a.totals.code.brotli + a.totals.assetsSent, b.totals.code.brotli + b.totals.assetsSent)}×` : '') +
      ` — goal: ${target}`);
  };
  goal('Whole kit (all four Sharelock widgets) vs shariff\'s default bundle (shariff.complete.js + .css)', find('sharelock', 'kit'), find('shariff', 'share'), '< 1×');
  goal('Sharelock share bar page vs shareon (JS + CSS)', find('sharelock', 'share'), find('shareon', 'share'), '< 1×');
  const table1 = [
    '### 1. Bytes on the wire, default script-tag setup, page with one widget',
    '',
    'JS + CSS + wasm the browser requested, in bytes; ratios against the best peer of the same category (< 1 = smaller).',
    '',
    ...lines,
    '',
    ...goals,
    '',
    bestNotes(best, columns),
  ].join('\n');
  return { table: table1, goals };
}
