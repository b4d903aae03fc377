// In-page helpers and one measured page for the ticking metric (1,000
// countdowns, main-thread ms per second; see bench/README.md), shared by
// bench/metrics/ticking.mjs and bench/metrics/ticking-inspect.mjs.
import { CONTEXT, debug, metricsOf, round, sleep, within } from '../common.mjs';
import { sampleLoad } from '../environment.mjs';

export const METRICS = { task: 'TaskDuration', script: 'ScriptDuration', layout: 'LayoutDuration', style: 'RecalcStyleDuration' };
export const COUNTS = { layoutCount: 'LayoutCount', styleCount: 'RecalcStyleCount' };

export const tickingUrl = (origin, lib, n) => `${origin}/bench/countdown.html?lib=${lib}&n=${n}&layout=natural`;

// ── in the page ────────────────────────────────────────────────────────────

// Every countdown is in the DOM and has drawn its first value.
export function allRendered(n) {
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
export function fitAllInView() {
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
export function countOnScreen() {
  let count = 0;
  for (const item of document.querySelectorAll('.bench-item')) {
    const box = item.getBoundingClientRect();
    if (box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight) count += 1;
  }
  return count;
}

export function adoptCss(css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  for (const item of document.querySelectorAll('.bench-item')) {
    if (item.shadowRoot) item.shadowRoot.adoptedStyleSheets = [...item.shadowRoot.adoptedStyleSheets, sheet];
  }
}

export function snapshotTexts() {
  return Array.from(document.querySelectorAll('.bench-item'), (item) => (item.shadowRoot ?? item).textContent);
}

export function nextFrame() {
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
}

// requestAnimationFrame callbacks per second over about one second (60 = every frame drawn).
export function framesInOneSecond() {
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

// Starts the window half-way between two second boundaries, so a tick
// aligned to the second (Sharelock's) never straddles the window's edges.
export async function alignToHalfSecond() {
  await sleep((1500 - (Date.now() % 1000)) % 1000);
}

// Warm-up then the measured window, in the page's current layout.
export async function measurePhase(page, cdp, warmupStarted, lib, o) {
  // One stall limit for the whole way to the first frame, not per step.
  const firstFrameBy = warmupStarted + o.stallMs;
  const evaluate = (fn, by = Date.now() + o.stallMs) => within(Math.max(0, by - Date.now()), page.evaluate(fn));
  const before = await evaluate(snapshotTexts, firstFrameBy);
  const drawn = before && await evaluate(nextFrame, firstFrameBy);
  const firstFrameMs = drawn ? Date.now() - warmupStarted : null;
  const onScreen = drawn ? await evaluate(countOnScreen) : null;
  const fps = drawn ? await evaluate(framesInOneSecond) : null;
  await sleep(Math.max(0, warmupStarted + o.warmupS * 1000 - Date.now()));
  const after = before && drawn ? await evaluate(snapshotTexts) : null;
  const ticking = after ? before.filter((text, i) => text !== after[i]).length : null;
  debug('warm-up done; drawn', Boolean(drawn), 'in', Date.now() - warmupStarted, 'ms');
  // The peers' timers run at whatever phase each instance started, spread
  // over the second; only Sharelock's one timer is aligned to the second.
  if (lib === 'sharelock' && after) await alignToHalfSecond();
  const loadBefore = sampleLoad();
  // getMetrics is answered by the page's main thread: no answer in time
  // means that thread is blocked (the run is reported so).
  const answerMs = after ? o.stallMs : 3000;
  const start = await within(answerMs, cdp.send('Performance.getMetrics'));
  await sleep(o.windowS * 1000);
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
  run.loadAverage = [loadBefore, sampleLoad()];
  return run;
}

// One fresh page: the natural layout first, then the same page made
// all-in-view (a fresh warm-up before its window).
export async function measurePage(browser, origin, lib, o) {
  const context = await browser.newContext(CONTEXT);
  let stalled = false;
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const started = Date.now();
    await page.goto(tickingUrl(origin, lib, o.n), { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(allRendered, o.n, { polling: 100, timeout: 60_000 });
    if (o.extraCss && lib === 'sharelock') await page.evaluate(adoptCss, o.extraCss);
    // Load ends with the first frame drawn (flipdown: seconds after its DOM is built).
    await within(3 * o.stallMs, page.evaluate(nextFrame));
    const renderedMs = Date.now() - started;
    debug(lib, 'rendered in', renderedMs, 'ms');
    const runs = {};
    for (const layout of o.layouts) {
      const warmupStarted = Date.now();
      let scale = 1;
      if (layout === 'all-in-view') scale = await within(o.stallMs, page.evaluate(fitAllInView));
      runs[layout] = { variant: layout, renderedMs, scale: scale && round(scale, 4), ...await measurePhase(page, cdp, warmupStarted, lib, o) };
      stalled ||= runs[layout].stalled;
      debug(lib, layout, 'done');
    }
    if (errors.length) for (const run of Object.values(runs)) run.errors = errors.slice(0, 5);
    return runs;
  } finally {
    // A stalled renderer may not close in time; closing the browser ends it.
    if (!stalled) await within(o.stallMs, context.close());
  }
}

