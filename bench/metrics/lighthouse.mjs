// Metric 6: what site owners check — Lighthouse's performance audit of a
// product page with one share bar (bench/product-page.mjs), with its
// mobile defaults (a Moto G Power screen, simulated slow 4G and a 4× slower
// CPU), in Debian's Chromium. A fresh browser per audit, the libraries
// rotated every round; "links" is the same page with plain links.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import lighthouse from 'lighthouse';
import { chromium } from '@playwright/test';
import { LAUNCH, median, round } from '../common.mjs';
import { sampleLoad } from '../environment.mjs';
import { displayName } from '../peers.mjs';
import { productPageLibs } from '../product-page.mjs';
import { bestNotes, table } from '../report.mjs';

const AUDITS = {
  tbt: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  lcp: 'largest-contentful-paint',
  fcp: 'first-contentful-paint',
  speedIndex: 'speed-index',
};

const freePort = () => new Promise((done, fail) => {
  const probe = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => done(port));
  });
});

async function audit(origin, lib) {
  const port = await freePort();
  const browser = await chromium.launch({ ...LAUNCH, args: [...LAUNCH.args, `--remote-debugging-port=${port}`] });
  try {
    const { lhr } = await lighthouse(`${origin}/bench/product.html?lib=${lib}`,
      { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const value = (id) => lhr.audits[id]?.numericValue ?? null;
    return {
      score: lhr.categories.performance.score === null ? null : round(lhr.categories.performance.score * 100, 0),
      ...Object.fromEntries(Object.entries(AUDITS).map(([key, id]) => [key, round(value(id), key === 'cls' ? 3 : 0)])),
      warnings: lhr.runWarnings ?? [],
      error: lhr.runtimeError?.message ?? null,
    };
  } finally {
    await browser.close();
  }
}

export async function runLighthouse(origin, { libs, runs }) {
  const pages = productPageLibs(libs);
  console.log(`\n6. Lighthouse ${lighthouseVersion()}: a product page with one share bar, mobile defaults, ${runs} audits each (${pages.join(', ')})`);
  const byLib = new Map(pages.map((lib) => [lib, []]));
  for (let r = 0; r < runs; r += 1) {
    for (const lib of pages.map((_, i) => pages[(i + r) % pages.length])) {
      const loadBefore = sampleLoad();
      const run = await audit(origin, lib);
      run.loadAverage = [loadBefore, sampleLoad()];
      byLib.get(lib).push(run);
      console.log(`  run ${r + 1}/${runs} ${lib.padEnd(15)} score ${String(run.score ?? '—').padStart(3)}  TBT ${run.tbt} ms  CLS ${run.cls}  LCP ${run.lcp} ms  FCP ${run.fcp} ms  load ${run.loadAverage.join('→')}${run.error ? `  ERROR ${run.error}` : ''}`);
    }
  }
  const results = pages.map((lib) => {
    const list = byLib.get(lib);
    const summary = Object.fromEntries(['score', ...Object.keys(AUDITS)].map((key) => [key, median(list.map((run) => run[key]))]));
    const scores = list.map((run) => run.score).filter((x) => x !== null);
    summary.scoreRange = scores.length ? [Math.min(...scores), Math.max(...scores)] : null;
    return { category: 'share', lib, median: summary, runs: list };
  });
  return { method: describe(runs), lighthouse: lighthouseVersion(), results, table: report(results, runs) };
}

function lighthouseVersion() {
  return `lighthouse ${JSON.parse(readFileSync(new URL('../../node_modules/lighthouse/package.json', import.meta.url), 'utf8')).version}`;
}

function describe(runs) {
  return `Median of ${runs} audits per page, a fresh Chromium each, the pages rotated every round. Lighthouse's Node API with its default (mobile) configuration, performance category only: simulated throttling (150 ms RTT, 1.6 Mbit/s, 4× CPU slowdown), mobile screen emulation. The page is bench/product-page.mjs's product page with one share bar set up as on the library's benchmark page; "links" is the same page with six plain links and no script.`;
}

const label = (lib) => (lib === 'links' ? 'plain links (no script)' : displayName(lib));

function report(results, runs) {
  const rows = results.map((r) => ({
    category: r.category,
    lib: r.lib,
    label: label(r.lib),
    peer: r.lib !== 'sharelock',
    values: {
      score: r.median.score,
      range: r.median.scoreRange ? r.median.scoreRange.join('–') : '—',
      tbt: r.median.tbt,
      cls: r.median.cls,
      lcp: r.median.lcp,
      fcp: r.median.fcp,
      speedIndex: r.median.speedIndex,
    },
  }));
  const columns = [
    { key: 'score', title: 'performance score (higher is better)' },
    { key: 'range', title: 'min–max' },
    { key: 'tbt', title: 'Total Blocking Time (ms)' },
    { key: 'cls', title: 'CLS', format: (v) => (v === null ? '—' : v.toFixed(3)) },
    { key: 'lcp', title: 'LCP (ms)', ratio: true },
    { key: 'fcp', title: 'FCP (ms)' },
    { key: 'speedIndex', title: 'Speed Index (ms)' },
  ];
  const { lines, best } = table(rows, columns);
  return [
    `### 6. Lighthouse: a product page with one share bar (mobile defaults; median of ${runs} audits)`,
    '',
    ...lines,
    '',
    bestNotes(best, columns),
  ].join('\n');
}
