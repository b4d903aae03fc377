// Bundles the JS shim (web/) into dist/sharelock.js and copies the wasm
// module next to it. The module is loaded lazily with a dynamic import, so
// a page pays for the wasm only once a widget is on it.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const dist = new URL('../dist/', import.meta.url);
await mkdir(dist, { recursive: true });
for (const file of ['sharelock-core.mjs', 'sharelock-core.wasm']) {
  await copyFile(new URL(`../build/wasm/wasm/${file}`, import.meta.url), new URL(file, dist));
}
await build({
  entryPoints: [new URL('../web/index.js', import.meta.url).pathname],
  outfile: new URL('sharelock.js', dist).pathname,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['chrome111', 'firefox113', 'safari16.4'],
  // The wasm glue stays a separate file, fetched only when needed.
  external: ['./sharelock-core.mjs'],
  logLevel: 'warning',
});
console.log('build-shim: dist/sharelock.js');
