// Bundles the JS shim (web/) into dist/ and copies the wasm core next to it.
// One source, three bundles (the npm package's `exports` map points at them):
//   dist/index.js           ESM for bundlers and Node: defines nothing on import
//   dist/sharelock.js       ESM for <script type="module">: defines the elements
//   dist/sharelock.iife.js  classic <script src defer>: the same, global `Sharelock`
// Every bundle is self-contained (no chunks), so one integrity hash covers
// it; the wasm glue stays a separate file, fetched only once a widget is on
// the page. The wasm's sha384 is built into the shim, which checks the
// bytes it fetches. Then scripts/sri-snippet.mjs writes the ready-to-paste
// snippet with the files' hashes (dist/snippet.html and README.md).
import { build } from 'esbuild';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { sriHash } from './sri.mjs';
import { writeSnippets } from './sri-snippet.mjs';

const dist = new URL('../dist/', import.meta.url);
const web = (file) => new URL(`../web/${file}`, import.meta.url).pathname;
await mkdir(dist, { recursive: true });
for (const file of ['sharelock-core.mjs', 'sharelock-core.wasm']) {
  await copyFile(new URL(`../build/wasm/wasm/${file}`, import.meta.url), new URL(file, dist));
}
const wasmIntegrity = sriHash(await readFile(new URL('sharelock-core.wasm', dist)));

const common = {
  bundle: true,
  minify: true,
  sourcemap: true,
  target: ['chrome111', 'firefox113', 'safari16.4'],
  // The wasm glue stays a separate file, fetched only when needed.
  external: ['./sharelock-core.mjs'],
  define: { __SHARELOCK_WASM_INTEGRITY__: JSON.stringify(wasmIntegrity) },
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: [web('index.js')], outfile: new URL('index.js', dist).pathname, format: 'esm' }),
  build({ ...common, entryPoints: [web('auto.js')], outfile: new URL('sharelock.js', dist).pathname, format: 'esm' }),
  build({
    ...common,
    entryPoints: [web('auto.js')],
    outfile: new URL('sharelock.iife.js', dist).pathname,
    format: 'iife',
    globalName: 'Sharelock',
    // A classic script has no import.meta: web/auto.js finds its own tag
    // with document.currentScript instead, so the empty one is expected.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
]);
await writeSnippets();
console.log('build-shim: dist/index.js, dist/sharelock.js, dist/sharelock.iife.js, dist/snippet.html');
