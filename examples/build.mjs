// Bundles the framework examples with esbuild, the way an app would:
// `sharelock` resolves to the built package entry (dist/index.js), React's
// JSX uses the automatic runtime, Vue is its ES build (no template
// compiler: the examples use render functions).
//   node examples/build.mjs   → build/examples/<name>/ (index.html, app.js,
//                                and the core under /sharelock/), ready for
//                                any static server
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const path = (relative) => fileURLToPath(new URL(relative, root));

export const EXAMPLES = { react: 'app.jsx', vue: 'app.js' };

/**
 * The example's bundle as text.
 * @param {'react' | 'vue'} name
 */
export async function bundleExample(name) {
  const result = await build({
    entryPoints: [path(`examples/${name}/${EXAMPLES[name]}`)],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    jsx: 'automatic',
    alias: { sharelock: path('dist/index.js') },
    define: {
      'process.env.NODE_ENV': '"production"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { writeFile } = await import('node:fs/promises');
  for (const name of Object.keys(EXAMPLES)) {
    const out = path(`build/examples/${name}/`);
    await mkdir(`${out}sharelock`, { recursive: true });
    await writeFile(`${out}app.js`, await bundleExample(name));
    await copyFile(path(`examples/${name}/index.html`), `${out}index.html`);
    for (const file of ['sharelock-core.wasm', 'sharelock-share.wasm', 'sharelock-share-exact.wasm',
      'sharelock-verified.wasm', 'sharelock-pay-exact.wasm']) {
      await copyFile(path(`dist/${file}`), `${out}sharelock/${file}`);
    }
    console.log(`examples: build/examples/${name}/`);
  }
}
