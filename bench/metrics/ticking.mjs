// Metric 3: main-thread cost of 1,000 ticking countdowns (ms per second),
// Sharelock side by side with the countdown peers. A fresh browser and page
// per run and library; the natural layout first, then the same page made
// all-in-view. See bench/README.md for the method and its caveats.
import { VIEWPORT, debug, median, round, withBrowser } from '../common.mjs';
import { displayName, librariesOf } from '../peers.mjs';
import { fixed as fixedNumber, ratioText as ratio } from '../report.mjs';
import { COUNTS, METRICS, measurePage } from './ticking-page.mjs';

const fixed = (value) => (value === null ? 'blocked' : fixedNumber(value));
const orDash = (value) => (value === null || value === undefined ? '—' : String(value));

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

function markdown(results, o) {
  const name = displayName;
  const PEERS = o.libs.filter((lib) => lib !== 'sharelock');
  const { n: N, runs: RUNS, windowS: WINDOW_S, stallMs: STALL_MS, extraCss: EXTRA_CSS, layouts: VARIANTS } = o;
  const lines = [
    `### 3. ${N} countdowns ticking: main-thread ms per second (median of ${RUNS} runs, ${WINDOW_S} s window each)`,
    '',
    ...(EXTRA_CSS ? [`**EXPERIMENT, not Sharelock as shipped:** extra CSS adopted into every Sharelock shadow root: \`${EXTRA_CSS}\``, ''] : []),
    'Cells: median ms of main-thread time per second of ticking, and in brackets the ratio against the best countdown peer in the same layout (< 1 = cheaper than the best peer).',
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


export async function runTicking(origin, options) {
  const o = { ...options, libs: librariesOf('countdown', options.libs) };
  if (!o.libs.length) return null;
  console.log(`\n3. ticking: ${o.n} countdowns × ${o.libs.join(', ')} × ${o.layouts.join(', ')}; ${o.runs} runs each, ${o.warmupS} s warm-up + ${o.windowS} s window, a fresh browser and page per run and library`);
  const runs = new Map();
  for (let r = 0; r < o.runs; r += 1) {
    // Rotate the order each round so no library always goes first.
    const order = o.libs.map((_, i) => o.libs[(i + r) % o.libs.length]);
    for (const lib of order) {
      const pageStarted = Date.now();
      const page = await withBrowser((browser) => measurePage(browser, origin, lib, o));
      debug(lib, 'page took', Date.now() - pageStarted, 'ms');
      for (const [layout, run] of Object.entries(page)) {
        const key = `${layout}|${lib}`;
        if (!runs.has(key)) runs.set(key, []);
        runs.get(key).push(run);
        const show = (value) => (value === null ? 'blocked' : value.toFixed(1)).padStart(7);
        console.log(`  run ${r + 1}/${o.runs} ${layout.padEnd(11)} ${lib.padEnd(15)} task ${show(run.task)} ms/s  script ${show(run.script)}  layout ${show(run.layout)}  style ${show(run.style)}  on screen ${orDash(run.onScreen)}  ticking ${orDash(run.ticking)}  fps ${orDash(run.fps)}${run.stalled ? '  STALLED' : ''}  load ${run.loadAverage.join('→')}${run.errors ? `  errors: ${run.errors.join(' | ')}` : ''}`);
      }
    }
  }
  const results = [];
  for (const layout of o.layouts) {
    for (const lib of o.libs) {
      const list = runs.get(`${layout}|${lib}`);
      results.push({ layout, lib, median: summarize(list), runs: list });
    }
  }
  return {
    method: {
      countdowns: o.n,
      runsPerCase: o.runs,
      warmupSeconds: o.warmupS,
      windowSeconds: o.windowS,
      stallLimitSeconds: o.stallMs / 1000,
      ...(o.extraCss ? { experimentSharelockCss: o.extraCss } : {}),
      metrics: 'CDP Performance.getMetrics deltas over the window, per second of the window (Timestamp delta): task, script, layout, style = TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration in ms per second; layoutCount, styleCount = LayoutCount, RecalcStyleCount per second',
      layouts: {
        natural: 'countdowns stacked as each library lays them out; only the first few are on screen',
        'all-in-view': 'the same page, a wrapping flex grid scaled down with a CSS transform until every countdown is inside the viewport',
      },
    },
    results,
    table: markdown(results, o),
  };
}
