// Looking inside metric 3 (`--profile`, `--trace`): where the countdowns'
// tick time goes, from a V8 CPU profile (JS, through the source map of
// dist/sharelock.js) or a Chrome trace (native work included).
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTEXT, round, sleep, withBrowser, within } from '../common.mjs';
import { adoptCss, alignToHalfSecond, allRendered, fitAllInView, nextFrame, tickingUrl } from './ticking-page.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// Opens the page in the layout asked for, warmed up, with the window about to start.
async function readyPage(browser, origin, lib, layout, o) {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await page.goto(tickingUrl(origin, lib, o.n), { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(allRendered, o.n, { polling: 100, timeout: 60_000 });
  if (o.extraCss && lib === 'sharelock') await page.evaluate(adoptCss, o.extraCss);
  if (layout === 'all-in-view') await page.evaluate(fitAllInView);
  await within(o.stallMs, page.evaluate(nextFrame));
  await sleep(o.warmupS * 1000);
  return { context, page };
}

// ── profile mode: where Sharelock's tick time goes ────────────────────────

export async function profile(origin, o) {
  const maps = new Map();
  const mapFor = (url) => {
    if (!url.startsWith(`${origin}/dist/`) || !url.endsWith('.js')) return null;
    if (!maps.has(url)) {
      const file = join(root, 'dist', `${url.slice(`${origin}/dist/`.length)}.map`);
      maps.set(url, existsSync(file) ? new SourceMap(readJson(file)) : null);
    }
    return maps.get(url);
  };
  const describe = ({ functionName, url, lineNumber, columnNumber }) => {
    const entry = url ? mapFor(url)?.findEntry(lineNumber, columnNumber) : null;
    if (entry?.originalSource) {
      return `${functionName || '(anonymous)'} ${entry.originalSource.replace(/^.*?\/web\//, 'web/')}:${entry.originalLine + 1}`;
    }
    const where = url ? ` ${url.replace(origin, '')}:${lineNumber + 1}:${columnNumber + 1}` : '';
    return `${functionName || '(anonymous)'}${where}`;
  };
  const out = [];
  for (const layout of o.layouts) {
    for (const lib of o.libs) {
      await withBrowser(async (browser) => {
        const { context, page } = await readyPage(browser, origin, lib, layout, o);
        try {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await alignToHalfSecond();
          await cdp.send('Profiler.start');
          await sleep(o.windowS * 1000);
          const { profile: result } = await cdp.send('Profiler.stop');
          const self = new Map();
          const byFile = new Map();
          const intervalMs = (result.endTime - result.startTime) / 1000 / result.samples.length;
          for (const node of result.nodes) {
            if (!node.hitCount) continue;
            const key = describe(node.callFrame);
            const ms = node.hitCount * intervalMs;
            self.set(key, (self.get(key) ?? 0) + ms);
            const file = key.startsWith('(') ? key : (key.split(' ')[1] ?? '').replace(/:\d+(:\d+)?$/, '') || '(native/other)';
            if (file !== '(idle)') byFile.set(file, (byFile.get(file) ?? 0) + ms);
          }
          const idle = self.get('(idle)') ?? 0;
          const busy = [...self.values()].reduce((x, y) => x + y, 0) - idle;
          const top = [...self.entries()].filter(([key]) => key !== '(idle)').sort((x, y) => y[1] - x[1]).slice(0, 15)
            .map(([fn, ms]) => ({ fn, msPerSecond: round(ms / o.windowS, 2), share: round(ms / busy, 3) }));
          const files = [...byFile.entries()].sort((x, y) => y[1] - x[1])
            .map(([file, ms]) => ({ file, msPerSecond: round(ms / o.windowS, 2), share: round(ms / busy, 3) }));
          out.push({ lib, layout, sampledBusyMsPerSecond: round(busy / o.windowS, 2), files, top });
          console.log(`\n${lib} / ${layout}: ${round(busy / o.windowS, 1)} ms/s sampled busy (JS, "(program)" = native work, GC)`);
          console.log('  by file:');
          for (const row of files.slice(0, 10)) console.log(`  ${String(row.msPerSecond).padStart(8)} ms/s  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.file}`);
          console.log('  by function (self time):');
          for (const row of top) console.log(`  ${String(row.msPerSecond).padStart(8)} ms/s  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.fn}`);
        } finally {
          await context.close();
        }
      });
    }
  }
  return out;
}

// ── trace mode: where the main thread's time goes, native work included ──

// Self time of each trace event on the renderer's main thread (an event's
// duration less that of the events nested in it), summed by name.
function mainThreadSelfTimes(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return new Map();
  const slices = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
  const self = new Map();
  const stack = [];
  const close = (slice) => self.set(slice.name, (self.get(slice.name) ?? 0) + slice.self / 1000);
  for (const slice of slices) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= slice.ts) close(stack.pop());
    const item = { name: slice.name, ts: slice.ts, dur: slice.dur, self: slice.dur };
    if (stack.length) stack.at(-1).self -= slice.dur;
    stack.push(item);
  }
  while (stack.length) close(stack.pop());
  return self;
}

export async function trace(origin, o) {
  const out = [];
  for (const layout of o.layouts) {
    for (const lib of o.libs) {
      await withBrowser(async (browser) => {
        const { context, page } = await readyPage(browser, origin, lib, layout, o);
        try {
          await alignToHalfSecond();
          await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'cc', 'v8', 'toplevel'] });
          await sleep(o.windowS * 1000);
          const buffer = await within(60_000, browser.stopTracing());
          if (!buffer) throw new Error('stopTracing did not return');
          const self = mainThreadSelfTimes(JSON.parse(buffer.toString('utf8')).traceEvents);
          const total = [...self.values()].reduce((x, y) => x + y, 0);
          const top = [...self.entries()].sort((x, y) => y[1] - x[1]).slice(0, 15)
            .map(([event, ms]) => ({ event, msPerSecond: round(ms / o.windowS, 2), share: round(ms / total, 3) }));
          out.push({ lib, layout, tracedMsPerSecond: round(total / o.windowS, 2), top });
          console.log(`\n${lib} / ${layout}: ${round(total / o.windowS, 1)} ms/s in trace events on the main thread (self time by event)`);
          for (const row of top) console.log(`  ${String(row.msPerSecond).padStart(8)} ms/s  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.event}`);
        } finally {
          await within(o.stallMs, context.close());
        }
      });
    }
  }
  return out;
}

