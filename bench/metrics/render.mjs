// Metric 2: time from navigation start to n widgets rendered and usable
// (200 share bars for the share libraries, 200 countdowns for the countdown
// libraries), measured inside the page by bench/probe.mjs with
// performance.now(). For Sharelock also "module ready" (its WebAssembly
// instance created) and the time from there to all widgets usable.
// A fresh browser per page; the library order rotates every round.
import { debug, median, round, withBrowser } from '../common.mjs';
import { inRotation } from '../rounds.mjs';
import { CATEGORIES, displayName, librariesOf } from '../peers.mjs';
import { bestNotes, fixed, table } from '../report.mjs';
import { openWidgets } from '../widget-page.mjs';

const KEYS = ['usable', 'layout', 'domContentLoaded', 'load', 'firstContentfulPaint', 'wasmReady', 'afterModuleReady'];

async function measure(origin, lib, widget, n) {
  const run = await withBrowser(async (browser) => {
    const opened = await openWidgets(browser, origin, { lib, widget, n });
    try {
      const m = opened.marks ?? {};
      return {
        usable: opened.done ? round(m.usable, 1) : null,
        // From "every button is in the DOM" to "every one has a box": the
        // style and layout the probe's box check forces.
        layout: opened.done ? round(m.usable - m.domReady, 1) : null,
        domContentLoaded: round(m.domContentLoaded, 1),
        load: round(m.load, 1),
        firstContentfulPaint: round(m.firstContentfulPaint, 1),
        wasmReady: round(m.wasmReady, 1),
        afterModuleReady: opened.done && m.wasmReady !== null ? round(m.usable - m.wasmReady, 1) : null,
        buttonsPerWidget: m.buttonsPerWidget,
        checks: m.checks,
        csp: m.cspViolations,
        external: opened.external,
        errors: opened.errors,
      };
    } finally {
      await opened.close();
    }
  });
  return run;
}

export async function runRender(origin, { libs, runs, n }) {
  const groups = CATEGORIES.map((category) => ({ category, libs: librariesOf(category, libs) })).filter((g) => g.libs.length);
  console.log(`\n2. render: ${n} widgets per page, ${runs} runs each, a fresh browser per page (${groups.map((g) => `${g.category}: ${g.libs.join(', ')}`).join('; ')})`);
  const results = [];
  const rotation = await inRotation(libs, runs, (lib, category) => measure(origin, lib, category, n), (run, { round, lib, category }) => {
    console.log(`  run ${round + 1}/${runs} ${category.padEnd(9)} ${lib.padEnd(15)} usable ${String(run.usable ?? 'TIMEOUT').padStart(7)} ms (layout ${run.layout})  DOMContentLoaded ${String(run.domContentLoaded).padStart(7)}${run.wasmReady !== null ? `  module ready ${run.wasmReady}  after it ${run.afterModuleReady}` : ''}  buttons/widget ${run.buttonsPerWidget}  load ${run.loadAverage.join('→')}${run.csp?.length ? `  CSP ${run.csp.join(' ')}` : ''}${run.external.length ? `  EXTERNAL ${run.external.join(' ')}` : ''}${run.errors.length ? `  errors ${run.errors.join(' | ')}` : ''}`);
    debug(lib, 'checks', run.checks);
  });
  for (const { category, group, byLib } of rotation) {
    for (const lib of group) {
      const list = byLib.get(lib);
      const summary = Object.fromEntries(KEYS.map((key) => [key, round(median(list.map((run) => run[key])), 1)]));
      const usable = list.map((run) => run.usable).filter((x) => x !== null);
      summary.usableRange = usable.length ? [Math.min(...usable), Math.max(...usable)] : null;
      summary.timeouts = list.length - usable.length;
      summary.buttonsPerWidget = list[0]?.buttonsPerWidget ?? null;
      results.push({ category, lib, widget: category, n, median: summary, runs: list });
    }
  }
  return { method: describe(n, runs), results, table: report(results, n, runs) };
}

function describe(n, runs) {
  return `Median of ${runs} runs. A page with ${n} widgets (share bars: 6 networks each; countdowns) is opened in a fresh browser; bench/probe.mjs, injected with addInitScript before any page script, records performance.now() (ms since navigation start) when all ${n} widgets hold their buttons/links (Sharelock: inside the open shadow root, [part~=button]; countdowns: the drawn value) and every one of them has a non-zero box, and the library's gate is open (sharer.js: its DOMContentLoaded handler ran; vanilla-sharing: the page's setup ran). Checks run on DOM mutations (the document and every shadow root), DOMContentLoaded, load and every animation frame. "module ready" = the first WebAssembly.instantiateStreaming/instantiate promise resolved (the Sharelock core instance exists; Emscripten's runtime start and every render come after).`;
}

/** A library that timed out in most runs has no honest median to be anyone's "best". */
export const mostlyTimedOut = (result) => result.median.timeouts * 2 > result.runs.length;

function report(results, n, runs) {
  const rows = results.map((r) => ({
    category: r.category,
    lib: r.lib,
    label: displayName(r.lib),
    peer: r.lib !== 'sharelock',
    noBest: mostlyTimedOut(r),
    values: {
      usable: r.median.usable,
      range: r.median.usableRange ? r.median.usableRange.map((x) => fixed(x)).join('–') : '—',
      layout: r.median.layout,
      domContentLoaded: r.median.domContentLoaded,
      wasmReady: r.median.wasmReady ?? '—',
      afterModuleReady: r.median.afterModuleReady === null ? '—' : `**${fixed(r.median.afterModuleReady)}**`,
      buttons: r.median.buttonsPerWidget === null ? '—' : String(r.median.buttonsPerWidget),
    },
  }));
  const columns = [
    { key: 'usable', title: `all ${n} usable (ms)`, ratio: true },
    { key: 'range', title: 'min–max' },
    { key: 'layout', title: 'of which style + layout' },
    { key: 'domContentLoaded', title: 'DOMContentLoaded' },
    { key: 'wasmReady', title: 'module ready (wasm instance)' },
    { key: 'afterModuleReady', title: `${n} usable after module ready` },
    { key: 'buttons', title: 'buttons / widget' },
  ];
  const { lines, best } = table(rows, columns);
  const notes = [];
  const sharelockShare = results.find((r) => r.lib === 'sharelock' && r.category === 'share');
  for (const r of results.filter((x) => x.lib === 'sharelock')) {
    const after = r.median.afterModuleReady;
    if (after !== null) notes.push(`- Sharelock ${r.category}: ${n} widgets usable **${fixed(after)} ms after module ready** (moonshot goal < 50 ms: ${after < 50 ? 'met' : 'not met'}); module ready at ${fixed(r.median.wasmReady)} ms.`);
  }
  for (const r of results) if (r.median.timeouts) notes.push(`- ${displayName(r.lib)} (${r.category}): ${r.median.timeouts} of ${r.runs.length} runs did not become usable within 60 s.`);
  notes.push('- "of which style + layout": from the moment every button was in the DOM to the moment every one had a box (the layout the probe\'s getBoundingClientRect forces; it would otherwise run before the next paint).');
  if (sharelockShare) notes.push('- Every share bar here has the same 6 networks (X, Facebook, LinkedIn, WhatsApp, Telegram, email) and its own URL; "buttons / widget" is what the probe counted.');
  return [
    `### 2. Time to ${n} widgets rendered and usable (ms from navigation start, median of ${runs} runs)`,
    '',
    ...lines,
    '',
    ...notes,
    '',
    bestNotes(best, columns),
  ].join('\n');
}
