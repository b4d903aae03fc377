// Bundles the JS shim (web/) into dist/ and copies the wasm modules next to
// it. One source, three builds (the npm package's `exports` map points at
// them):
//   dist/index.js           ESM for bundlers and Node: defines nothing on import
//   dist/sharelock.js       ESM for <script type="module">: defines the elements
//   dist/sharelock.iife.js  classic <script src defer>: the same, global `Sharelock`
// Both ESM builds split their code (each with its own files, never shared
// between them): each widget's code is imported when that element is first
// used, so a page with only a share bar never fetches the others. The
// script-tag module build keeps the code every widget shares in one base
// file (scripts/shim-base.mjs); the npm build leaves the split to esbuild
// (sharelock-npm-*), as a bundler takes it apart anyway. The classic
// script cannot import anything and stays one self-contained file.
// Every wasm's sha256 is built into the shim, which checks the bytes it
// fetches; the script-tag builds also carry the sha256 of every chunk
// they import later, and check each before it runs (web/
// wasm-loader.js). That takes two passes: the first names the chunks (their
// names hash their contents), the second builds the entry with their hashes
// (only the entry changes). dist/pages.json records which files each widget
// needs; then scripts/sri-snippet.mjs writes the ready-to-paste snippet with
// the hashes of what the page's head loads (dist/snippet.html,
// dist/snippets.json, dist/integrity.json and README.md).
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { sriHash } from './sri.mjs';
import { buildBase, lazyFileName, useBase } from './shim-base.mjs';
import { writeSnippets } from './sri-snippet.mjs';

const dist = new URL('../dist/', import.meta.url);
const web = (file) => new URL(`../web/${file}`, import.meta.url).pathname;
export const WASM_MODULES = ['sharelock-share', 'sharelock-share-exact', 'sharelock-verified', 'sharelock-core',
  'sharelock-pay-exact'];
// Chunks (named by their hash), the base file and the files imported on
// first use (named by what they hold; scripts/shim-base.mjs).
export const CHUNK_PATTERN = /^sharelock-[a-z-]+(-[A-Z0-9]{8})?\.js(\.map)?$/;
// Each widget's behaviour, as widget-element.js imports it, and its module.
const WIDGETS = {
  // The exact module only when the small one cannot settle a bar's text.
  share: { source: 'web/share-element.js', module: 'sharelock-share', onDemand: ['sharelock-share-exact.wasm'] },
  // mode="verified" fetches verified pay's module instead of the main one;
  // a text the main module cannot settle, the exact one.
  pay: { source: 'web/pay-element.js', module: 'sharelock-core', onDemand: ['sharelock-verified.wasm', 'sharelock-pay-exact.wasm'] },
  countdown: { source: 'web/countdown-element.js', module: 'sharelock-core' },
  proof: { source: 'web/proof-element.js', module: 'sharelock-core' },
};

await mkdir(dist, { recursive: true });
// Chunks of earlier builds have other hashes: gone, so dist/ holds one build.
for (const name of await readdir(dist)) {
  if (CHUNK_PATTERN.test(name)) await rm(new URL(name, dist));
}
// Earlier builds' glue file of the main module, which is standalone now.
await rm(new URL('sharelock-core.mjs', dist), { force: true });
const hashOf = async (file) => sriHash(await readFile(new URL(file, dist)));
const wasmIntegrity = {};
for (const name of WASM_MODULES) {
  await copyFile(new URL(`../build/wasm/wasm/${name}.wasm`, import.meta.url), new URL(`${name}.wasm`, dist));
  wasmIntegrity[`${name}.wasm`] = await hashOf(`${name}.wasm`);
}

const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['chrome111', 'firefox113', 'safari16.4'],
  logLevel: 'warning',
};
const defines = (pins) => ({
  __SHARELOCK_WASM_INTEGRITY__: JSON.stringify(wasmIntegrity),
  // A string, parsed where it is used: esbuild would hoist an object
  // literal into a shared chunk, which would then change between the passes.
  // (The first pass has an empty table, not none, so that the same code is
  // kept: only the string differs.)
  __SHARELOCK_PINS__: JSON.stringify(JSON.stringify(pins)),
});
// The script-tag module build on its own, so that what its entry needs is
// one file and one shared chunk rather than chunks split by which of two
// entries use them (every file costs a request and compresses on its own).
// Each build names its chunks apart: a chunk of equal content in both would
// otherwise be one URL, one module instance shared by two builds.
const buildModule = (entry, pins, metafile, plugins = []) => build({
  ...common,
  define: defines(pins),
  entryPoints: { [entry.name]: web(entry.source), ...entry.lazy },
  outdir: dist.pathname,
  format: 'esm',
  splitting: true,
  chunkNames: entry.chunkNames,
  metafile,
  plugins,
});
// Code the entry imports later on its own, not for an element: each is
// pinned like an element's code and preloaded (checked) before its import.
const LAZY_MODULES = {
  'verified-callback': 'web/verified-callback.js',  // back from a provider's sign-in
  'verified-pay': 'web/verified-pay.js',            // <sharelock-pay mode="verified">'s panel, on first use
  'core-client': 'web/core-client.js',              // the public loadCore()
};

// The script-tag build: its base in one file (scripts/shim-base.mjs), then
// the entry and the files it imports later (each element's code and the
// modules above), which import the base.
const lazySources = [...Object.values(WIDGETS).map(({ source }) => source), ...Object.values(LAZY_MODULES)];
const base = await buildBase({ ...common, define: defines({ files: {}, widgets: {} }) }, dist, lazySources);
const lazyEntries = Object.fromEntries(lazySources.map((source) => [lazyFileName(source), new URL(`../${source}`, import.meta.url).pathname]));
const buildModules = (pins) => buildModule({ name: 'sharelock', source: 'auto.js', chunkNames: 'sharelock-[name]-[hash]', lazy: lazyEntries },
  pins, true, [useBase(base)]);

/**
 * The files (relative to dist/) a chunk needs before it runs: itself and
 * its static imports, recursively.
 */
function staticClosure(outputs, file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imported of outputs[`dist/${file}`]?.imports ?? []) {
    // The base file is built apart and imported as "./sharelock-base-….js".
    if (imported.kind === 'import-statement') staticClosure(outputs, imported.path.replace(/^(dist|\.)\//, ''), seen);
  }
  return seen;
}

/** What each page kind loads, from esbuild's metafile. */
function pagesOf(metafile) {
  const distPath = relative(process.cwd(), dist.pathname);
  const outputs = Object.fromEntries(Object.entries(metafile.outputs)
    .map(([path, meta]) => [path.replace(`${distPath}/`, 'dist/'), meta]));
  const outputOf = (source) => Object.keys(outputs).find((path) => outputs[path].entryPoint === source)?.replace(/^dist\//, '');
  const entry = [...staticClosure(outputs, 'sharelock.js')];
  const widgets = Object.fromEntries(Object.entries(WIDGETS).map(([widget, { source, module, onDemand }]) => {
    const chunk = outputOf(source);
    if (!chunk) throw new Error(`build-shim: no chunk for ${source}`);
    const code = [...staticClosure(outputs, chunk)].filter((file) => !entry.includes(file));
    return [widget, {
      code, wasm: `${module}.wasm`, ...(onDemand ? { onDemand } : {}),
    }];
  }));
  const lazy = Object.fromEntries(Object.entries(LAZY_MODULES).map(([name, source]) =>
    [name, [...staticClosure(outputs, outputOf(source))].filter((file) => !entry.includes(file))]));
  return { entry, widgets, lazy, chunks: Object.keys(outputs).filter((path) => path.endsWith('.js')).map((path) => path.slice(5)).sort() };
}

const first = pagesOf((await buildModules({ files: {}, widgets: {} })).metafile);
const files = {};
// What the entry imports at once is pinned by the page's modulepreload
// links (the snippet); what it imports later, here.
for (const file of first.chunks.filter((f) => !first.entry.includes(f))) files[file] = await hashOf(file);
const elementCode = Object.fromEntries(Object.entries(first.widgets).map(([widget, { code }]) => [`sharelock-${widget}`, code]));
Object.assign(elementCode, first.lazy);
const second = pagesOf((await buildModules({ files, widgets: elementCode })).metafile);
if (JSON.stringify(second.chunks) !== JSON.stringify(first.chunks)) {
  throw new Error('build-shim: the chunks changed between the passes, so their pinned hashes would be wrong');
}
await build({
  ...common,
  define: defines({ files: {}, widgets: {} }),
  entryPoints: [web('auto.js')],
  outfile: new URL('sharelock.iife.js', dist).pathname,
  format: 'iife',
  globalName: 'Sharelock',
  // A classic script has no import.meta: web/auto.js finds its own tag
  // with document.currentScript instead, so the empty one is expected.
  logOverride: { 'empty-import-meta': 'silent' },
});
// The npm entry (bundlers take it apart anyway): no pins, its own chunks.
await buildModule({ name: 'index', source: 'index.js', chunkNames: 'sharelock-npm-[name]-[hash]' }, { files: {}, widgets: {} }, false);
const { entry, widgets, lazy } = second;

// What a page loads, per widget, and the code imported later on its own
// (lazy: verified pay's panel, the OAuth callback, loadCore's client): read
// by the snippet writer, the builder, the size budgets and the benchmark.
await writeFile(new URL('pages.json', dist), `${JSON.stringify({ entry, widgets, lazy }, null, 2)}\n`);
await writeSnippets();
console.log(`build-shim: dist/index.js, dist/sharelock.js (+ ${second.chunks.length - 1} chunks), dist/sharelock.iife.js, dist/snippet.html`);
