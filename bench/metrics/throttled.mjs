// Metric 5: time to the first widget on a slow connection: a page with one
// widget, CDP Network.emulateNetworkConditions (150 ms latency, 1.6 Mbit/s
// down = 200,000 bytes/s, 750 kbit/s up), the cache disabled; navigation
// start → the widget usable (bench/probe.mjs). The server compresses as a
// CDN would (brotli 11), so the emulated link carries compressed bytes.
// Each run also records the bytes transferred and the page's resource
// timing (the request waterfall) for the JSON.
import { median, round, withBrowser } from '../common.mjs';
import { inRotation } from '../rounds.mjs';
import { displayName } from '../peers.mjs';
import { bestNotes, bytes, table } from '../report.mjs';
import { openWidgets } from '../widget-page.mjs';

export const NETWORK = { latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

async function measure(origin, lib, widget) {
  return withBrowser(async (browser) => {
    let transferred = 0;
    const opened = await openWidgets(browser, origin, {
      lib, widget, n: 1, network: NETWORK, timeoutMs: 90_000,
      beforeNavigation: (page, cdp) => cdp.on('Network.loadingFinished', (event) => { transferred += event.encodedDataLength; }),
    });
    try {
      const m = opened.marks ?? {};
      const waterfall = await opened.page.evaluate(() => performance.getEntriesByType('resource').map((e) => ({
        path: new URL(e.name).pathname,
        start: Math.round(e.startTime),
        responseStart: Math.round(e.responseStart),
        end: Math.round(e.responseEnd),
        transferSize: e.transferSize,
      }))).catch(() => []);
      return {
        usable: opened.done ? round(m.usable, 0) : null,
        domContentLoaded: round(m.domContentLoaded, 0),
        wasmReady: round(m.wasmReady, 0),
        transferred,
        waterfall,
        external: opened.external,
        errors: opened.errors,
      };
    } finally {
      await opened.close();
    }
  });
}

export async function runThrottled(origin, { libs, runs }) {
  console.log(`\n5. throttled: one widget per page, ${runs} runs each, ${NETWORK.latency} ms latency, ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down, ${NETWORK.uploadThroughput * 8 / 1e3} kbit/s up, cache disabled`);
  const results = [];
  const rotation = await inRotation(libs, runs, (lib, category) => measure(origin, lib, category), (run, { round, lib, category }) => {
    console.log(`  run ${round + 1}/${runs} ${category.padEnd(9)} ${lib.padEnd(15)} first widget usable ${String(run.usable ?? 'TIMEOUT').padStart(6)} ms  DOMContentLoaded ${run.domContentLoaded}${run.wasmReady !== null ? `  module ready ${run.wasmReady}` : ''}  transferred ${run.transferred} B  load ${run.loadAverage.join('→')}${run.external.length ? `  EXTERNAL ${run.external.join(' ')}` : ''}`);
  });
  for (const { category, group, byLib } of rotation) {
    for (const lib of group) {
      const list = byLib.get(lib);
      const summary = {};
      for (const key of ['usable', 'domContentLoaded', 'wasmReady', 'transferred']) summary[key] = median(list.map((run) => run[key]));
      const usable = list.map((run) => run.usable).filter((x) => x !== null);
      summary.usableRange = usable.length ? [Math.min(...usable), Math.max(...usable)] : null;
      // The waterfall of the median run, for the report.
      const mid = [...list].sort((a, b) => (a.usable ?? Infinity) - (b.usable ?? Infinity))[list.length >> 1];
      results.push({ category, lib, median: summary, waterfall: mid?.waterfall ?? [], runs: list });
    }
  }
  return { method: describe(runs), network: NETWORK, results, table: report(results, runs) };
}

function describe(runs) {
  return `Median of ${runs} runs, a fresh browser each. CDP Network.emulateNetworkConditions {latency: ${NETWORK.latency} ms, downloadThroughput: ${NETWORK.downloadThroughput} B/s, uploadThroughput: ${NETWORK.uploadThroughput} B/s} and Network.setCacheDisabled before navigating to a page with one widget; first widget usable = bench/probe.mjs's mark (ms since navigation start). transferred = sum of Network.loadingFinished encodedDataLength (headers included) for the page, brotli-compressed by the bench server.`;
}

function chain(waterfall) {
  return waterfall.filter((e) => !e.path.startsWith('/bench/'))
    .map((e) => `${e.path.split('/').pop()} ${e.start}→${e.end}`).join(', ');
}

function report(results, runs) {
  const rows = results.map((r) => ({
    category: r.category,
    lib: r.lib,
    label: displayName(r.lib),
    peer: r.lib !== 'sharelock',
    values: {
      usable: r.median.usable,
      range: r.median.usableRange ? r.median.usableRange.join('–') : '—',
      domContentLoaded: r.median.domContentLoaded,
      wasmReady: r.median.wasmReady ?? '—',
      transferred: bytes(r.median.transferred),
    },
  }));
  const columns = [
    { key: 'usable', title: 'first widget usable (ms)', ratio: true },
    { key: 'range', title: 'min–max' },
    { key: 'domContentLoaded', title: 'DOMContentLoaded' },
    { key: 'wasmReady', title: 'module ready' },
    { key: 'transferred', title: 'bytes transferred' },
  ];
  const { lines, best } = table(rows, columns);
  const notes = results.map((r) => `- ${displayName(r.lib)} (${r.category}), requests of the median run, ms from navigation start (start→end): ${chain(r.waterfall) || '—'}`);
  return [
    `### 5. Time to first widget on a throttled connection (${NETWORK.latency} ms, 1.6 Mbit/s down, cache disabled; median of ${runs} runs)`,
    '',
    ...lines,
    '',
    ...notes,
    '',
    bestNotes(best, columns),
  ].join('\n');
}
