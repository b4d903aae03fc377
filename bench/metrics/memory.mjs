// Metric 4: memory after rendering n widgets: the JS heap (CDP
// Performance.getMetrics JSHeapUsedSize after a forced garbage collection,
// HeapProfiler.collectGarbage) plus, for Sharelock, the wasm core's linear
// memory (coreMemoryBytes() from dist/sharelock.js: ArrayBuffer backing
// stores are outside the JS heap number). A blank page (same scaffold, no
// library) is measured in the same way as the baseline.
import { CONTEXT, median, metricsOf, sleep, withBrowser, within } from '../common.mjs';
import { inRotation } from '../rounds.mjs';
import { displayName } from '../peers.mjs';
import { bestNotes, fixed, table } from '../report.mjs';
import { openWidgets } from '../widget-page.mjs';

const MiB = 2 ** 20;

async function heapAfterGc(cdp) {
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const m = metricsOf(await cdp.send('Performance.getMetrics'));
  return { jsHeapUsed: m.JSHeapUsedSize, jsHeapTotal: m.JSHeapTotalSize, nodes: m.Nodes, listeners: m.JSEventListeners };
}

async function measure(origin, lib, widget, n) {
  return withBrowser(async (browser) => {
    const opened = await openWidgets(browser, origin, { lib, widget, n });
    try {
      // Let late work settle (fonts, the countdowns' first ticks).
      await sleep(1000);
      const wasm = lib === 'sharelock'
        ? await within(10_000, opened.page.evaluate(() => import('/dist/sharelock.js').then((m) => m.coreMemoryBytes())))
        : 0;
      const heap = await heapAfterGc(opened.cdp);
      return { usable: opened.done, ...heap, wasm, total: heap.jsHeapUsed + (wasm ?? 0) };
    } finally {
      await opened.close();
    }
  });
}

async function blankPage(origin) {
  return withBrowser(async (browser) => {
    const context = await browser.newContext(CONTEXT);
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/bench/page.html?lib=blank&n=0`, { waitUntil: 'load' });
      await sleep(1000);
      return await heapAfterGc(await context.newCDPSession(page));
    } finally {
      await context.close();
    }
  });
}

export async function runMemory(origin, { libs, runs, n }) {
  console.log(`\n4. memory: ${n} widgets per page, ${runs} runs each, JS heap after a forced GC (+ Sharelock's wasm memory)`);
  const blanks = [];
  for (let r = 0; r < runs; r += 1) blanks.push(await blankPage(origin));
  const baseline = { jsHeapUsed: median(blanks.map((b) => b.jsHeapUsed)), nodes: median(blanks.map((b) => b.nodes)) };
  console.log(`  blank page: JS heap ${(baseline.jsHeapUsed / MiB).toFixed(2)} MiB, ${baseline.nodes} DOM nodes`);
  const results = [];
  const rotation = await inRotation(libs, runs, (lib, category) => measure(origin, lib, category, n), (run, { round, lib, category }) => {
    console.log(`  run ${round + 1}/${runs} ${category.padEnd(9)} ${lib.padEnd(15)} JS heap ${(run.jsHeapUsed / MiB).toFixed(2)} MiB  wasm ${(run.wasm / MiB).toFixed(2)} MiB  nodes ${run.nodes}${run.usable ? '' : '  NOT USABLE'}  load ${run.loadAverage.join('→')}`);
  });
  for (const { category, group, byLib } of rotation) {
    for (const lib of group) {
      const list = byLib.get(lib);
      const summary = {};
      for (const key of ['jsHeapUsed', 'jsHeapTotal', 'wasm', 'total', 'nodes', 'listeners']) summary[key] = median(list.map((run) => run[key]));
      results.push({ category, lib, n, median: summary, runs: list });
    }
  }
  return { method: describe(n, runs), baseline, results, table: report(results, baseline, n, runs) };
}

function describe(n, runs) {
  return `Median of ${runs} runs. After all ${n} widgets are usable (as in metric 2) and 1 s more: for Sharelock, coreMemoryBytes() (the wasm core's linear memory; import('/dist/sharelock.js') returns the page's own module instance), then HeapProfiler.collectGarbage twice and Performance.getMetrics: JSHeapUsedSize (the page's V8 heap; wasm memory and compiled code are outside it), Nodes. total = JS heap + wasm memory.`;
}

function report(results, baseline, n, runs) {
  const mib = (value) => (value === null ? '—' : (value / MiB).toFixed(2));
  const rows = results.map((r) => ({
    category: r.category,
    lib: r.lib,
    label: displayName(r.lib),
    peer: r.lib !== 'sharelock',
    values: {
      jsHeap: r.median.jsHeapUsed / MiB,
      overBlank: (r.median.jsHeapUsed - baseline.jsHeapUsed) / MiB,
      wasm: r.lib === 'sharelock' ? mib(r.median.wasm) : '—',
      total: r.median.total / MiB,
      nodes: String(r.median.nodes),
    },
  }));
  const columns = [
    { key: 'jsHeap', title: 'JS heap used (MiB)', ratio: true },
    { key: 'overBlank', title: 'over a blank page (MiB)', ratio: true },
    { key: 'wasm', title: 'wasm memory (MiB)' },
    { key: 'total', title: 'JS heap + wasm (MiB)', ratio: true },
    { key: 'nodes', title: 'DOM nodes' },
  ];
  const { lines, best } = table(rows, columns);
  return [
    `### 4. Memory after rendering ${n} widgets (median of ${runs} runs, after a forced GC)`,
    '',
    ...lines,
    '',
    `A blank page (the same scaffold, no library, no widget) holds ${fixed(baseline.jsHeapUsed / MiB)} MiB of JS heap and ${baseline.nodes} DOM nodes; "over a blank page" subtracts it. DOM nodes count shadow-root contents too. ` +
      'The wasm memory is the byteLength of the core\'s linear memory: its initial size (the build\'s INITIAL_MEMORY) plus any growth, which is never given back; it is reserved address space, not necessarily resident pages.',
    '',
    bestNotes(best, columns),
  ].join('\n');
}
