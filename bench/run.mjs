// npm run bench: main-thread cost of 1,000 ticking countdowns, Sharelock
// side by side with simplycountdown.js and flipdown, in one run on this
// machine. See bench/README.md for what is measured and the caveats.
//
//   node bench/run.mjs [--runs 5] [--window 4] [--warmup 2] [--n 1000] [--stall-limit 10]
//                      [--libs sharelock,simplycountdown,flipdown]
//                      [--layouts natural,all-in-view] [--out bench/results/countdown.json]
//   node bench/run.mjs --profile [--libs sharelock]   (JS CPU profile instead; see README)
//   node bench/run.mjs --trace [--libs sharelock]     (where the main thread's time goes, from a Chrome trace)
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LAYOUTS, LIBRARIES, startBenchServer } from './server.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    window: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '2' },
    n: { type: 'string', default: '1000' },
    libs: { type: 'string', default: Object.keys(LIBRARIES).join(',') },
    layouts: { type: 'string', default: LAYOUTS.join(',') },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'sharelock-css': { type: 'string' },
    'stall-limit': { type: 'string', default: '10' },
  },
});
const RUNS = Number(args.runs);
const WINDOW_S = Number(args.window);
const WARMUP_S = Number(args.warmup);
const N = Number(args.n);
const STALL_MS = Number(args['stall-limit']) * 1000;
// An experiment, never the default: extra CSS adopted into every Sharelock
// shadow root after render, to try a style change without rebuilding.
const EXTRA_CSS = args['sharelock-css'] ?? null;
const LIBS = args.libs.split(',');
const VARIANTS = args.layouts.split(',');
const PEERS = LIBS.filter((lib) => lib !== 'sharelock');
const VIEWPORT = { width: 1280, height: 720 };
const METRICS = { task: 'TaskDuration', script: 'ScriptDuration', layout: 'LayoutDuration', style: 'RecalcStyleDuration' };
const COUNTS = { layoutCount: 'LayoutCount', styleCount: 'RecalcStyleCount' };
// As in shared/TOOLCHAIN.md and playwright.config.js: Debian's Chromium, never a downloaded one.
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

for (const lib of LIBS) if (!LIBRARIES[lib]) throw new Error(`unknown library ${lib}`);
for (const layout of VARIANTS) if (!LAYOUTS.includes(layout)) throw new Error(`unknown layout ${layout}`);
if (!existsSync(join(root, 'dist', 'sharelock.js')) || !existsSync(join(root, 'dist', 'sharelock-core.wasm'))) {
  console.error('bench: dist/ is not built; run `npm run build` (or cmake --build build/wasm && node scripts/build-shim.mjs) first');
  process.exit(1);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const DEBUG = Boolean(process.env.BENCH_DEBUG);
const debugStarted = Date.now();
const debug = (...parts) => { if (DEBUG) console.log(`   · ${((Date.now() - debugStarted) / 1000).toFixed(1).padStart(6)} s`, ...parts); };
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const metricsOf = (answer) => Object.fromEntries(answer.metrics.map(({ name, value }) => [name, value]));

// ── in the page ────────────────────────────────────────────────────────────

// Every countdown is in the DOM and has drawn its first value.
function allRendered(n) {
  const items = document.querySelectorAll('.bench-item');
  if (items.length !== n) return false;
  for (const item of items) {
    if (item.shadowRoot ? !item.shadowRoot.querySelector('[role="timer"]') : item.childElementCount === 0) return false;
  }
  return true;
}

// "all-in-view": the countdowns flow into a wide wrapping grid (bench.css),
// scaled down with a CSS transform (so their layout is the one they have
// unscaled) until every countdown's box is inside the viewport.
function fitAllInView() {
  document.body.className = 'layout-all-in-view';
  const grid = document.getElementById('grid');
  const origin = grid.getBoundingClientRect();
  let right = 0;
  let bottom = 0;
  for (const item of document.querySelectorAll('.bench-item')) {
    const box = item.getBoundingClientRect();
    right = Math.max(right, box.right - origin.left);
    bottom = Math.max(bottom, box.bottom - origin.top);
  }
  const scale = Math.min((innerWidth - 2 * origin.left) / right, (innerHeight - 2 * origin.top) / bottom);
  grid.style.transform = `scale(${scale})`;
  return scale;
}

// How many countdowns' boxes intersect the viewport.
function countOnScreen() {
  let count = 0;
  for (const item of document.querySelectorAll('.bench-item')) {
    const box = item.getBoundingClientRect();
    if (box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight) count += 1;
  }
  return count;
}

function adoptCss(css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  for (const item of document.querySelectorAll('.bench-item')) {
    if (item.shadowRoot) item.shadowRoot.adoptedStyleSheets = [...item.shadowRoot.adoptedStyleSheets, sheet];
  }
}

function snapshotTexts() {
  return Array.from(document.querySelectorAll('.bench-item'), (item) => (item.shadowRoot ?? item).textContent);
}

function nextFrame() {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
}

// requestAnimationFrame callbacks per second over about one second (60 = every frame drawn).
function framesInOneSecond() {
  return new Promise((done) => {
    let frames = 0;
    let running = true;
    const started = performance.now();
    const step = () => {
      if (!running) return;
      frames += 1;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
    // On a busy main thread the timeout fires late: divide by the real time.
    setTimeout(() => {
      running = false;
      done(Math.round((frames * 1000) / (performance.now() - started)));
    }, 1000);
  });
}

// ── one page, measured in each layout ─────────────────────────────────────

// A page whose renderer has stalled does not answer page.evaluate until it
// recovers (flipdown with all 1,000 on screen: minutes). Give up after the
// stall limit and carry on with null; the late answer, or the error when
// the context closes, is dropped.
function within(ms, promise) {
  let timer;
  return Promise.race([
    promise.catch(() => null),
    new Promise((done) => { timer = setTimeout(() => done(null), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// Starts the window half-way between two second boundaries, so a tick
// aligned to the second (Sharelock's) never straddles the window's edges.
async function alignToHalfSecond() {
  await sleep((1500 - (Date.now() % 1000)) % 1000);
}

// Warm-up then the measured window, in the page's current layout.
async function measurePhase(page, cdp, warmupStarted, lib) {
  // One stall limit for the whole way to the first frame, not per step.
  const firstFrameBy = warmupStarted + STALL_MS;
  const evaluate = (fn, by = Date.now() + STALL_MS) => within(Math.max(0, by - Date.now()), page.evaluate(fn));
  const before = await evaluate(snapshotTexts, firstFrameBy);
  const drawn = before && await evaluate(nextFrame, firstFrameBy);
  const firstFrameMs = drawn ? Date.now() - warmupStarted : null;
  const onScreen = drawn ? await evaluate(countOnScreen) : null;
  const fps = drawn ? await evaluate(framesInOneSecond) : null;
  await sleep(Math.max(0, warmupStarted + WARMUP_S * 1000 - Date.now()));
  const after = before && drawn ? await evaluate(snapshotTexts) : null;
  const ticking = after ? before.filter((text, i) => text !== after[i]).length : null;
  debug('warm-up done; drawn', Boolean(drawn), 'in', Date.now() - warmupStarted, 'ms');
  // The peers' timers run at whatever phase each instance started, spread
  // over the second; only Sharelock's one timer is aligned to the second.
  if (lib === 'sharelock' && after) await alignToHalfSecond();
  const loadBefore = os.loadavg()[0];
  // getMetrics is answered by the page's main thread: no answer in time
  // means that thread is blocked (the run is reported so).
  const answerMs = after ? STALL_MS : 3000;
  const start = await within(answerMs, cdp.send('Performance.getMetrics'));
  await sleep(WINDOW_S * 1000);
  const end = start && await within(answerMs, cdp.send('Performance.getMetrics'));
  const run = { firstFrameMs, onScreen, ticking, fps, stalled: !after, blocked: !end };
  if (end) {
    const [a, b] = [metricsOf(start), metricsOf(end)];
    const seconds = b.Timestamp - a.Timestamp;
    run.seconds = round(seconds, 3);
    for (const [key, name] of Object.entries(METRICS)) run[key] = round(((b[name] - a[name]) * 1000) / seconds, 3);
    for (const [key, name] of Object.entries(COUNTS)) run[key] = round((b[name] - a[name]) / seconds, 1);
  } else {
    // Blocked for the whole window and beyond: all of it was main-thread
    // time (a lower bound); the split is unknown.
    for (const key of [...Object.keys(METRICS), ...Object.keys(COUNTS)]) run[key] = null;
    run.task = 1000;
  }
  run.loadAverage = [round(loadBefore, 2), round(os.loadavg()[0], 2)];
  return run;
}

// One fresh page: the natural layout first, then the same page made
// all-in-view (a fresh warm-up before its window).
async function measurePage(browser, origin, lib) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'no-preference' });
  let stalled = false;
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const started = Date.now();
    await page.goto(`${origin}/bench/countdown.html?lib=${lib}&n=${N}&layout=natural`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(allRendered, N, { polling: 100, timeout: 60_000 });
    if (EXTRA_CSS && lib === 'sharelock') await page.evaluate(adoptCss, EXTRA_CSS);
    // Load ends with the first frame drawn (flipdown: seconds after its DOM is built).
    await within(3 * STALL_MS, page.evaluate(nextFrame));
    const renderedMs = Date.now() - started;
    debug(lib, 'rendered in', renderedMs, 'ms');
    const runs = {};
    for (const layout of VARIANTS) {
      const warmupStarted = Date.now();
      let scale = 1;
      if (layout === 'all-in-view') scale = await within(STALL_MS, page.evaluate(fitAllInView));
      runs[layout] = { variant: layout, renderedMs, scale: scale && round(scale, 4), ...await measurePhase(page, cdp, warmupStarted, lib) };
      stalled ||= runs[layout].stalled;
      debug(lib, layout, 'done');
    }
    if (errors.length) for (const run of Object.values(runs)) run.errors = errors.slice(0, 5);
    return runs;
  } finally {
    // A stalled renderer may not close in time; closing the browser ends it.
    if (!stalled) await within(STALL_MS, context.close());
  }
}

// ── environment ────────────────────────────────────────────────────────────

function cpuModel() {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1].trim() ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'web', 'core', 'wasm'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty ? `${head} (+ uncommitted changes in web/core/wasm)` : head;
  } catch {
    return 'unknown';
  }
}

function environment(browserVersion) {
  return {
    date: new Date().toISOString(),
    chromium: browserVersion,
    machine: {
      nproc: os.availableParallelism?.() ?? os.cpus().length,
      cpu: cpuModel(),
      memoryGiB: round(os.totalmem() / 2 ** 30, 1),
      os: `${os.type()} ${os.release()}`,
    },
    node: process.version,
    playwright: readJson(join(root, 'node_modules', '@playwright', 'test', 'package.json')).version,
    sharelock: { version: readJson(join(root, 'package.json')).version, commit: gitCommit() },
    peers: Object.fromEntries(PEERS.map((lib) => {
      const dir = lib === 'simplycountdown' ? 'simplycountdown.js' : lib;
      return [lib, readJson(join(root, 'node_modules', dir, 'package.json')).version];
    })),
  };
}

// ── report ─────────────────────────────────────────────────────────────────

function summarize(runs) {
  const stalled = runs.filter((run) => run.stalled);
  const summary = {
    runs: runs.length,
    stalledRuns: stalled.length,
    blockedRuns: runs.filter((run) => run.blocked).length,
    mostlyStalled: stalled.length * 2 > runs.length,
  };
  // Medians over the runs whose page kept drawing, when there are any.
  const counted = stalled.length && !summary.mostlyStalled ? runs.filter((run) => !run.stalled) : runs;
  for (const key of [...Object.keys(METRICS), ...Object.keys(COUNTS), 'onScreen', 'ticking', 'fps', 'firstFrameMs', 'renderedMs']) {
    const list = counted.map((run) => run[key]).filter((value) => typeof value === 'number');
    summary[key] = list.length ? round(median(list), 2) : null;
    if (key in METRICS) summary[`${key}Range`] = list.length ? [round(Math.min(...list), 1), round(Math.max(...list), 1)] : null;
  }
  return summary;
}

function ratio(value, best) {
  if (best === undefined || value === null) return '';
  if (!(best > 0)) return ' (n/a)';
  const r = value / best;
  return ` (${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(3)}×)`;
}

const fixed = (value) => (value === null ? 'blocked' : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2));
const orDash = (value) => (value === null ? '—' : String(value));

function markdown(results, env) {
  const name = (lib) => (lib === 'sharelock' ? `Sharelock ${env.sharelock.version}` : `${lib} ${env.peers[lib]}`);
  const lines = [
    `### ${N} countdowns ticking: main-thread ms per second (median of ${RUNS} runs, ${WINDOW_S} s window each)`,
    '',
    `${env.date.slice(0, 16).replace('T', ' ')} UTC · Chromium ${env.chromium} (headless, /usr/bin/chromium, --disable-gpu) · ${env.machine.nproc} cores, ${env.machine.cpu}, ${env.machine.memoryGiB} GiB · load average during the runs ${env.loadAverage.min}–${env.loadAverage.max} · Node ${env.node} · Playwright ${env.playwright} · Sharelock ${env.sharelock.commit}`,
    '',
    ...(EXTRA_CSS ? [`**EXPERIMENT, not Sharelock as shipped:** extra CSS adopted into every Sharelock shadow root: \`${EXTRA_CSS}\``, ''] : []),
    'Cells: median ms of main-thread time per second of ticking, and in brackets the ratio against the best peer in the same layout (< 1 = cheaper than the best peer).',
    '',
    '| layout | library | on screen | ticking | frames/s | Task (all main-thread work) | Task min–max | Script | Layout | RecalcStyle |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const notes = [];
  for (const layout of VARIANTS) {
    const rows = results.filter((r) => r.layout === layout);
    const best = {};
    for (const key of Object.keys(METRICS)) {
      // A peer whose page stalled is not a fair "best": it was not rendering.
      const peers = rows.filter((r) => PEERS.includes(r.lib) && !r.median.mostlyStalled && r.median[key] !== null).map((r) => r.median[key]);
      if (peers.length) best[key] = Math.min(...peers);
    }
    for (const row of rows) {
      const m = row.median;
      const cell = (key) => (m.mostlyStalled ? `${fixed(m[key])} (stalled)` : `${fixed(m[key])}${ratio(m[key], best[key])}`);
      let flag = '';
      if (m.mostlyStalled) {
        flag = ' ⚠';
        notes.push(`⚠ ${name(row.lib)}, ${layout}: in ${m.stalledRuns} of ${m.runs} runs the page drew no frame within ${STALL_MS / 1000} s (the renderer stalled)` +
          (m.blockedRuns ? `; in ${m.blockedRuns} its main thread did not answer DevTools within 3 s after the window (one task longer than the window: counted as 1000 ms/s Task, Script/Layout/RecalcStyle unknown)` : '') +
          '. Its numbers describe a page that is not rendering, so it gets no ratio and is left out of "best peer".');
      } else if (m.stalledRuns) {
        flag = ' ⚠';
        notes.push(`⚠ ${name(row.lib)}, ${layout}: in ${m.stalledRuns} of ${m.runs} runs the page drew no frame within ${STALL_MS / 1000} s; its medians are over the other ${m.runs - m.stalledRuns}.`);
      }
      if (!m.mostlyStalled && m.fps !== null && m.fps < 30) notes.push(`${name(row.lib)}, ${layout}: the page draws only ${m.fps} frame${m.fps === 1 ? "" : "s"} per second, so its style and layout run only that often and its main-thread numbers understate what the page asks for (rendering is the bottleneck).`);
      if (!m.mostlyStalled && m.task !== null && m.task >= 900) notes.push(`${name(row.lib)}, ${layout}: the main thread is saturated (${fixed(m.task)} ms/s): the page needs at least this much, timers run late and the countdowns skip seconds.`);
      lines.push(`| ${layout} | ${name(row.lib)}${flag} | ${orDash(m.onScreen)} / ${N} | ${orDash(m.ticking)} | ${orDash(m.fps)} | ${cell('task')} | ${m.taskRange ? m.taskRange.join('–') : '—'} | ${cell('script')} | ${cell('layout')} | ${cell('style')} |`);
    }
  }
  const natural = results.find((r) => r.layout === 'natural' && r.lib === 'sharelock');
  lines.push('',
    `Viewport ${VIEWPORT.width}×${VIEWPORT.height} for every page; all ${N} countdowns are in the DOM in both layouts, each with its own deadline 3 days away (61 s apart). ` +
    '"on screen" = countdowns whose box intersects the viewport; "ticking" = countdowns whose text changed during the warm-up; ' +
    '"frames/s" = requestAnimationFrame callbacks in one second of the warm-up (60 = smooth).',
    '',
    '**Sharelock updates only the countdowns that are on screen, by design (one shared timer + IntersectionObserver)' +
    (natural ? `: in the natural layout ${orDash(natural.median.onScreen)} of ${N} are on screen and ${orDash(natural.median.ticking)} change each second, while the peers update all ${N}.` : '.') +
    '** In the all-in-view layout the page is scaled down with a CSS transform (layout unchanged) until every countdown is inside the viewport, so every library updates all of them: that is the apples-to-apples comparison.');
  if (notes.length) lines.push('', ...notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

// ── profile mode: where Sharelock's tick time goes ────────────────────────

async function profile(origin) {
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
  for (const layout of VARIANTS) {
    for (const lib of LIBS) {
      await withBrowser(async (browser) => {
        const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'no-preference' });
        try {
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          await page.goto(`${origin}/bench/countdown.html?lib=${lib}&n=${N}&layout=natural`, { waitUntil: 'load', timeout: 60_000 });
          await page.waitForFunction(allRendered, N, { polling: 100, timeout: 60_000 });
          if (EXTRA_CSS && lib === 'sharelock') await page.evaluate(adoptCss, EXTRA_CSS);
          if (layout === 'all-in-view') await page.evaluate(fitAllInView);
          await within(STALL_MS, page.evaluate(nextFrame));
          await sleep(WARMUP_S * 1000);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await alignToHalfSecond();
          await cdp.send('Profiler.start');
          await sleep(WINDOW_S * 1000);
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
            .map(([fn, ms]) => ({ fn, msPerSecond: round(ms / WINDOW_S, 2), share: round(ms / busy, 3) }));
          const files = [...byFile.entries()].sort((x, y) => y[1] - x[1])
            .map(([file, ms]) => ({ file, msPerSecond: round(ms / WINDOW_S, 2), share: round(ms / busy, 3) }));
          out.push({ lib, layout, sampledBusyMsPerSecond: round(busy / WINDOW_S, 2), files, top });
          console.log(`\n${lib} / ${layout}: ${round(busy / WINDOW_S, 1)} ms/s sampled busy (JS, "(program)" = native work, GC)`);
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

async function trace(origin) {
  const out = [];
  for (const layout of VARIANTS) {
    for (const lib of LIBS) {
      await withBrowser(async (browser) => {
        const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'no-preference' });
        try {
          const page = await context.newPage();
          await page.goto(`${origin}/bench/countdown.html?lib=${lib}&n=${N}&layout=natural`, { waitUntil: 'load', timeout: 60_000 });
          await page.waitForFunction(allRendered, N, { polling: 100, timeout: 60_000 });
          if (EXTRA_CSS && lib === 'sharelock') await page.evaluate(adoptCss, EXTRA_CSS);
          if (layout === 'all-in-view') await page.evaluate(fitAllInView);
          await within(STALL_MS, page.evaluate(nextFrame));
          await sleep(WARMUP_S * 1000);
          await alignToHalfSecond();
          await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'cc', 'v8', 'toplevel'] });
          await sleep(WINDOW_S * 1000);
          const buffer = await within(60_000, browser.stopTracing());
          if (!buffer) throw new Error('stopTracing did not return');
          const self = mainThreadSelfTimes(JSON.parse(buffer.toString('utf8')).traceEvents);
          const total = [...self.values()].reduce((x, y) => x + y, 0);
          const top = [...self.entries()].sort((x, y) => y[1] - x[1]).slice(0, 15)
            .map(([event, ms]) => ({ event, msPerSecond: round(ms / WINDOW_S, 2), share: round(ms / total, 3) }));
          out.push({ lib, layout, tracedMsPerSecond: round(total / WINDOW_S, 2), top });
          console.log(`\n${lib} / ${layout}: ${round(total / WINDOW_S, 1)} ms/s in trace events on the main thread (self time by event)`);
          for (const row of top) console.log(`  ${String(row.msPerSecond).padStart(8)} ms/s  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.event}`);
        } finally {
          await within(STALL_MS, context.close());
        }
      });
    }
  }
  return out;
}

// ── main ───────────────────────────────────────────────────────────────────

// A fresh browser for every page: a stalled page must not slow the next one
// through the shared (software) display compositor.
async function withBrowser(use) {
  const browser = await chromium.launch(LAUNCH);
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

const server = await startBenchServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const began = Date.now();
const loads = [];
try {
  const env = environment(await withBrowser((browser) => browser.version()));
  if (args.profile || args.trace) {
    const kind = args.profile ? 'profile' : 'trace';
    const found = args.profile ? await profile(origin) : await trace(origin);
    const file = resolve(args.out ?? join(root, 'bench', 'results', `countdown-${kind}${EXTRA_CSS ? '-experiment' : ''}.json`));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ ...env, n: N, windowSeconds: WINDOW_S, ...(EXTRA_CSS ? { experimentSharelockCss: EXTRA_CSS } : {}), [kind]: found }, null, 2)}\n`);
    console.log(`\nwrote ${file}`);
  } else {
    console.log(`bench: ${N} countdowns × ${LIBS.join(', ')} × ${VARIANTS.join(', ')}; ${RUNS} runs each, ${WARMUP_S} s warm-up + ${WINDOW_S} s window, a fresh browser and page per run and library (natural layout first, then the same page made all-in-view)`);
    console.log(`       ${env.chromium} · ${env.machine.nproc} cores · ${env.machine.cpu} · load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const runs = new Map();
    for (let r = 0; r < RUNS; r += 1) {
      // Rotate the order each round so no library always goes first.
      const order = LIBS.map((_, i) => LIBS[(i + r) % LIBS.length]);
      for (const lib of order) {
        const pageStarted = Date.now();
        const page = await withBrowser((browser) => measurePage(browser, origin, lib));
        debug(lib, 'page took', Date.now() - pageStarted, 'ms');
        for (const [layout, run] of Object.entries(page)) {
          loads.push(...run.loadAverage);
          const key = `${layout}|${lib}`;
          if (!runs.has(key)) runs.set(key, []);
          runs.get(key).push(run);
          const show = (value) => (value === null ? 'blocked' : value.toFixed(1)).padStart(7);
          console.log(`  run ${r + 1}/${RUNS} ${layout.padEnd(11)} ${lib.padEnd(15)} task ${show(run.task)} ms/s  script ${show(run.script)}  layout ${show(run.layout)}  style ${show(run.style)}  on screen ${orDash(run.onScreen)}  ticking ${orDash(run.ticking)}  fps ${orDash(run.fps)}${run.stalled ? '  STALLED' : ''}  load ${run.loadAverage.join('→')}${run.errors ? `  errors: ${run.errors.join(' | ')}` : ''}`);
        }
      }
    }
    env.loadAverage = { min: Math.min(...loads), max: Math.max(...loads), note: '1-minute load average (os.loadavg) before and after each run' };
    const results = [];
    for (const layout of VARIANTS) {
      for (const lib of LIBS) {
        const list = runs.get(`${layout}|${lib}`);
        results.push({ layout, lib, median: summarize(list), runs: list });
      }
    }
    const table = markdown(results, env);
    console.log(`\n${table}\n`);
    const file = resolve(args.out ?? join(root, 'bench', 'results', EXTRA_CSS ? 'countdown-experiment.json' : 'countdown.json'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({
      ...env,
      command: 'npm run bench',
      ...(EXTRA_CSS ? { experimentSharelockCss: EXTRA_CSS } : {}),
      method: {
        countdowns: N,
        viewport: VIEWPORT,
        runsPerCase: RUNS,
        warmupSeconds: WARMUP_S,
        windowSeconds: WINDOW_S,
        stallLimitSeconds: STALL_MS / 1000,
        metrics: 'CDP Performance.getMetrics deltas over the window, per second of the window (Timestamp delta): task, script, layout, style = TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration in ms per second; layoutCount, styleCount = LayoutCount, RecalcStyleCount per second',
        layouts: {
          natural: 'countdowns stacked as each library lays them out; only the first few are on screen',
          'all-in-view': 'the same page, a wrapping flex grid scaled down with a CSS transform until every countdown is inside the viewport',
        },
      },
      results,
      table,
      elapsedSeconds: round((Date.now() - began) / 1000, 0),
    }, null, 2)}\n`);
    console.log(`wrote ${file} (whole run ${round((Date.now() - began) / 1000, 0)} s)`);
  }
} finally {
  server.close();
}
