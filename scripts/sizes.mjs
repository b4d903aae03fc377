// What the script-tag build weighs on the wire: every file in dist/ a page
// may load (the shim, its chunks, the wasm glue and the wasm; CSS lives in
// the JS as constructable stylesheets), raw, gzip -9 and brotli -q 11.
// Used by the size-budget test and the benchmark; `node scripts/sizes.mjs`
// prints the table.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const DIST = resolve(fileURLToPath(new URL('../dist', import.meta.url)));

/** @param {Uint8Array} bytes */
export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Every file of the script-tag build (source maps excluded: browsers fetch
 * them only with DevTools open), with its sizes, and the total.
 * @param {string} [dist]
 */
export function scriptTagSizes(dist = DIST) {
  const files = filesUnder(dist)
    .filter((path) => !path.endsWith('.map'))
    .sort()
    .map((path) => ({ file: relative(dist, path), ...compressedSizes(readFileSync(path)) }));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) for (const key of Object.keys(total)) total[key] += file[key];
  return { files, total };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, total } = scriptTagSizes();
  const row = (name, s) => `| ${name} | ${s.raw} | ${s.gzip} | ${s.brotli} |`;
  console.log('| file | raw | gzip | brotli |\n|---|---:|---:|---:|');
  for (const file of files) console.log(row(file.file, file));
  console.log(row('**total**', total));
}
