// npm run bench: Sharelock against its peers, in one run on this machine.
// See bench/README.md for what each metric measures, how, and the caveats.
//
//   node bench/run.mjs [--metrics size,render,memory,throttled,ticking]
//                      [--libs sharelock,shareon,shariff,sharer,vanilla-sharing,simplycountdown,flipdown]
//                      [--runs 5] [--n 200] [--memory-runs 3] [--throttled-runs 5]
//                      [--ticking-runs 3] [--ticking-n 1000] [--window 4] [--warmup 2] [--lighthouse-runs 3]
//                      [--layouts natural,all-in-view] [--stall-limit 10] [--out FILE]
//   node bench/run.mjs --profile [--libs sharelock]   (ticking: JS CPU profile instead)
//   node bench/run.mjs --trace [--libs sharelock]     (ticking: main-thread time from a Chrome trace)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { round, withBrowser } from './common.mjs';
import { environment, environmentLine, loads } from './environment.mjs';
import { runLighthouse } from './metrics/lighthouse.mjs';
import { runMemory } from './metrics/memory.mjs';
import { runRender } from './metrics/render.mjs';
import { runSize, sizePages } from './metrics/size.mjs';
import { profile, trace } from './metrics/ticking-inspect.mjs';
import { runThrottled } from './metrics/throttled.mjs';
import { runTicking } from './metrics/ticking.mjs';
import { LIBRARIES, displayName } from './peers.mjs';
import { writeReadmePerformance } from './readme-section.mjs';
import { LAYOUTS, startBenchServer } from './server.mjs';
import { openWidgets } from './widget-page.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
// Numbered as in issues 6 and 18 (Lighthouse), and printed in this order.
const ALL_METRICS = ['size', 'render', 'ticking', 'memory', 'throttled', 'lighthouse'];
const { values: args } = parseArgs({
  options: {
    metrics: { type: 'string', default: ALL_METRICS.join(',') },
    libs: { type: 'string', default: Object.keys(LIBRARIES).join(',') },
    runs: { type: 'string', default: '5' },
    n: { type: 'string', default: '200' },
    'memory-runs': { type: 'string', default: '3' },
    'throttled-runs': { type: 'string', default: '5' },
    'ticking-runs': { type: 'string', default: '3' },
    'lighthouse-runs': { type: 'string', default: '3' },
    'ticking-n': { type: 'string', default: '1000' },
    window: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '2' },
    layouts: { type: 'string', default: LAYOUTS.join(',') },
    'stall-limit': { type: 'string', default: '10' },
    out: { type: 'string' },
    profile: { type: 'boolean', default: false },
    trace: { type: 'boolean', default: false },
    'sharelock-css': { type: 'string' },
  },
});

const metrics = args.metrics.split(',');
const libs = args.libs.split(',');
for (const metric of metrics) if (!ALL_METRICS.includes(metric)) throw new Error(`unknown metric ${metric} (known: ${ALL_METRICS.join(', ')})`);
for (const lib of libs) if (!LIBRARIES[lib]) throw new Error(`unknown library ${lib} (known: ${Object.keys(LIBRARIES).join(', ')})`);
const ticking = {
  libs,
  runs: Number(args['ticking-runs']),
  n: Number(args['ticking-n']),
  windowS: Number(args.window),
  warmupS: Number(args.warmup),
  stallMs: Number(args['stall-limit']) * 1000,
  layouts: args.layouts.split(','),
  // An experiment, never the default: extra CSS adopted into every
  // Sharelock shadow root after render, to try a style change without rebuilding.
  extraCss: args['sharelock-css'] ?? null,
};
for (const layout of ticking.layouts) if (!LAYOUTS.includes(layout)) throw new Error(`unknown layout ${layout}`);
if (!existsSync(join(root, 'dist', 'sharelock.js')) || !existsSync(join(root, 'dist', 'sharelock-core.wasm'))) {
  console.error('bench: dist/ is not built; run `npm run build` (or cmake --build build/wasm && node scripts/build-shim.mjs) first');
  process.exit(1);
}

// What dist/ holds (the benchmark builds nothing): a build during the run
// would mix two versions of Sharelock, so the run says so.
function distFingerprint() {
  const hash = createHash('sha256');
  for (const name of readdirSync(join(root, 'dist')).filter((f) => !f.endsWith('.map')).sort()) {
    hash.update(name).update(readFileSync(join(root, 'dist', name)));
  }
  return hash.digest('hex').slice(0, 16);
}

const write = (name, data) => {
  const file = resolve(args.out ?? join(root, 'bench', 'results', name));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
};

// One untimed page per library and widget first: the server compresses
// each file once (brotli 11) and keeps it, and the OS caches the files,
// so no measured page pays for either.
async function warmUp(origin) {
  await withBrowser(async (browser) => {
    for (const { lib, widget } of sizePages(libs)) {
      const opened = await openWidgets(browser, origin, { lib, widget, n: 1 });
      await opened.page.waitForLoadState('networkidle').catch(() => {});
      await opened.close();
    }
  });
}

const server = await startBenchServer();
const origin = `http://127.0.0.1:${server.address().port}`;
const began = Date.now();
const distAtStart = distFingerprint();
try {
  const env = environment(await withBrowser((browser) => browser.version()), libs);
  if (args.profile || args.trace) {
    const kind = args.profile ? 'profile' : 'trace';
    const o = { ...ticking, libs: libs.filter((lib) => LIBRARIES[lib].widgets.countdown) };
    const found = args.profile ? await profile(origin, o) : await trace(origin, o);
    const file = write(`countdown-${kind}${ticking.extraCss ? '-experiment' : ''}.json`,
      { ...env, n: o.n, windowSeconds: o.windowS, ...(o.extraCss ? { experimentSharelockCss: o.extraCss } : {}), [kind]: found });
    console.log(`\nwrote ${file}`);
  } else {
    const full = metrics.length === ALL_METRICS.length && libs.length === Object.keys(LIBRARIES).length && !ticking.extraCss;
    console.log(`bench: ${metrics.join(', ')} × ${libs.map(displayName).join(', ')}`);
    console.log(`       ${env.chromium} · ${env.machine.nproc} cores · ${env.machine.cpu} · load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    await warmUp(origin);
    const results = {};
    const n = Number(args.n);
    if (metrics.includes('size')) results.size = await runSize(origin, { libs });
    if (metrics.includes('render')) results.render = await runRender(origin, { libs, runs: Number(args.runs), n });
    if (metrics.includes('memory')) results.memory = await runMemory(origin, { libs, runs: Number(args['memory-runs']), n });
    if (metrics.includes('throttled')) results.throttled = await runThrottled(origin, { libs, runs: Number(args['throttled-runs']) });
    if (metrics.includes('ticking')) results.ticking = await runTicking(origin, ticking);
    if (metrics.includes('lighthouse')) results.lighthouse = await runLighthouse(origin, { libs, runs: Number(args['lighthouse-runs']) });
    env.loadAverage = { min: Math.min(...loads), max: Math.max(...loads), note: '1-minute load average (os.loadavg) before and after each page' };
    env.dist = { fingerprint: distAtStart, changedDuringRun: distFingerprint() !== distAtStart };
    if (env.dist.changedDuringRun) console.warn('\nbench: WARNING: dist/ changed during the run (someone rebuilt it); the Sharelock numbers may mix two builds. Run again.');
    const elapsedSeconds = round((Date.now() - began) / 1000, 0);
    const command = process.argv.length > 2 ? `node bench/run.mjs ${process.argv.slice(2).join(' ')}` : 'npm run bench';
    const tables = ALL_METRICS.filter((m) => results[m]).map((m) => results[m].table);
    const header = [
      `## Sharelock vs peers — \`${command}\``,
      '',
      environmentLine(env) + ` · dist ${env.dist.fingerprint}${env.dist.changedDuringRun ? ' (CHANGED during the run)' : ''} · whole run ${elapsedSeconds} s`,
      '',
      `Peers (exact devDependencies): ${libs.filter((l) => LIBRARIES[l].package).map(displayName).join(', ')}. Default script-tag setups:`,
      ...libs.map((lib) => `- ${displayName(lib)}: ${LIBRARIES[lib].files}`),
    ].join('\n');
    console.log(`\n${header}\n\n${tables.join('\n\n')}\n`);
    const file = write(full ? 'suite.json' : ticking.extraCss ? 'suite-experiment.json' : 'suite-partial.json', {
      ...env,
      command,
      options: { metrics, libs, runs: Number(args.runs), n, memoryRuns: Number(args['memory-runs']), throttledRuns: Number(args['throttled-runs']), lighthouseRuns: Number(args['lighthouse-runs']), ticking: { ...ticking, libs: undefined } },
      setups: Object.fromEntries(libs.map((lib) => [lib, LIBRARIES[lib].files])),
      metrics: results,
      report: `${header}\n\n${tables.join('\n\n')}\n`,
      elapsedSeconds,
    });
    console.log(`wrote ${file} (whole run ${elapsedSeconds} s)`);
    // The README publishes the latest full run, never older numbers.
    if (full && await writeReadmePerformance()) console.log('README.md: Performance numbers rewritten from this run (commit them with suite.json)');
  }
} finally {
  server.close();
}
