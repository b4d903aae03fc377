// The benchmark's own static server, on 127.0.0.1 only (an ephemeral port
// unless told otherwise). It serves:
//   /bench/page.html?lib=…&widget=…&n=…&layout=…   a generated page (below)
//   /bench/countdown.html?lib=…&n=…&layout=…        the same, widget=countdown
//   /bench/product.html?lib=…                       a product page with one share bar (bench/product-page.mjs)
//   /bench/…                                        bench/pages/ (setup scripts, CSS)
//   /dist/…                                         dist/ (Sharelock's built shim + wasm)
//   /peers/<package>/…                              each peer's files from node_modules
// Every response carries the same strict Content-Security-Policy as
// scripts/serve.mjs, less Trusted Types (see CSP below); Sharelock needs only
// 'wasm-unsafe-eval' on top of 'self', no peer needs more, so no page gets
// an advantage.
//
// Like a production server or CDN, it compresses what it sends when the
// browser accepts it: static files with brotli quality 11 (gzip -9 when
// brotli is not accepted), precompressed once and kept in memory; the
// generated pages with brotli quality 5 (they differ on every request).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

import { CONTENT_TYPES, STRICT_CSP } from '../scripts/serve.mjs';
import { LIBRARIES, peerMounts } from './peers.mjs';
import { productPage } from './product-page.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

const mounts = [
  ['/bench/', join(root, 'bench', 'pages')],
  ['/dist/', join(root, 'dist')],
  ...peerMounts(),
];

// The demo server's policy and content types, so no page gets an advantage —
// less Trusted Types (require-trusted-types-for): shariff 3.3.0 writes its
// buttons with innerHTML and would not render at all under it, which would
// leave the share bars without their most complete peer. Sharelock works
// either way (every browser test runs it under the full policy).
export const CSP = STRICT_CSP.split('; ').filter((directive) => !directive.startsWith('require-trusted-types-for')).join('; ');
const types = { ...CONTENT_TYPES, '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject' };

export const LAYOUTS = ['natural', 'all-in-view'];

// Deadlines: whole seconds, 3 days from now plus 61 s per countdown, so
// every one differs (and their minute boundaries fall on different seconds).
export function deadlines(count, now = Date.now()) {
  const base = Math.floor(now / 1000) * 1000 + 3 * 86_400_000;
  return Array.from({ length: count }, (_, i) => base + i * 61_000);
}

/**
 * A page with n widgets of one library (lib "blank": the same page with no
 * library and no widget, for baselines). Inline scripts are forbidden by
 * the CSP, so each peer's "then call it" part is a file in bench/pages/.
 */
export function widgetPage({ lib, widget, n, layout = 'natural' }) {
  const blank = lib === 'blank';
  const library = LIBRARIES[lib];
  const setup = library?.widgets[widget];
  if ((!blank && !setup) || !LAYOUTS.includes(layout) || !(n >= 0 && n <= 10_000)) return null;
  const items = blank ? '' : deadlines(n).map((deadline, i) => setup.item(i, deadline)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench: ${n} × ${lib} ${widget ?? ''} (${layout})</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/bench/bench.css">
${(typeof library?.head === 'function' ? library.head(widget) : library?.head) ?? ''}
</head>
<body class="layout-${layout}">
<div id="grid">
${items}
</div>
${library?.tail ?? ''}
</body>
</html>
`;
}

async function resolveFile(pathname) {
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const file = join(dir, normalize(decodeURIComponent(pathname.slice(prefix.length))));
    if (!file.startsWith(dir + sep)) return null;
    const info = await stat(file).catch(() => null);
    return info?.isFile() ? file : null;
  }
  return null;
}

/** The file a URL path is served from (null for generated pages and 404s). */
export const fileForPath = resolveFile;

const compressors = {
  br: (body, quality) => brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }),
  gzip: (body) => gzipSync(body, { level: 9 }),
};
const compressedCache = new Map();

function encodingFor(request) {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}

function send(request, response, status, type, body, { cacheKey = null, quality = 11 } = {}) {
  const encoding = status === 200 ? encodingFor(request) : null;
  let payload = body;
  if (encoding) {
    const key = cacheKey && `${encoding}|${cacheKey}`;
    payload = (key && compressedCache.get(key)) ?? compressors[encoding](body, quality);
    if (key) compressedCache.set(key, payload);
  }
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': payload.length,
    ...(encoding ? { 'Content-Encoding': encoding } : {}),
    Vary: 'Accept-Encoding',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : payload);
}

export function startBenchServer({ port = 0 } = {}) {
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://127.0.0.1');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (url.pathname === '/bench/product.html') {
        const html = productPage(url.searchParams.get('lib'));
        if (html) send(request, response, 200, types['.html'], Buffer.from(html), { quality: 5 });
        else send(request, response, 400, 'text/plain; charset=utf-8', Buffer.from('bad lib\n'));
        return;
      }
      if (url.pathname === '/bench/page.html' || url.pathname === '/bench/countdown.html') {
        const html = widgetPage({
          lib: url.searchParams.get('lib'),
          widget: url.pathname === '/bench/countdown.html' ? 'countdown' : url.searchParams.get('widget'),
          n: Number(url.searchParams.get('n') ?? 1),
          layout: url.searchParams.get('layout') ?? 'natural',
        });
        if (html) send(request, response, 200, types['.html'], Buffer.from(html), { quality: 5 });
        else send(request, response, 400, 'text/plain; charset=utf-8', Buffer.from('bad lib, widget, n or layout\n'));
        return;
      }
      const file = await resolveFile(url.pathname);
      if (!file) {
        send(request, response, 404, 'text/plain; charset=utf-8', Buffer.from('Not found\n'));
        return;
      }
      const info = await stat(file);
      send(request, response, 200, types[extname(file)] ?? 'application/octet-stream', await readFile(file),
        { cacheKey: `${file}|${info.mtimeMs}|${info.size}` });
    } catch {
      if (!response.headersSent) send(request, response, 400, 'text/plain; charset=utf-8', Buffer.from('Bad request\n'));
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startBenchServer({ port: Number(process.env.PORT ?? 8790) });
  const { port } = server.address();
  console.log(`bench pages: http://127.0.0.1:${port}/bench/page.html?lib=sharelock&widget=share&n=200`);
  for (const [lib, library] of Object.entries(LIBRARIES)) {
    for (const widget of Object.keys(library.widgets)) console.log(`  http://127.0.0.1:${port}/bench/page.html?lib=${lib}&widget=${widget}&n=200`);
  }
}
