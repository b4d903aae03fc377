// The benchmark's own static server, on 127.0.0.1 only (an ephemeral port
// unless told otherwise). It serves:
//   /bench/countdown.html?lib=…&n=…&layout=…  a generated page (below)
//   /bench/…                                   bench/pages/ (setup scripts, CSS)
//   /dist/…                                    dist/ (Sharelock's built shim + wasm)
//   /peers/simplycountdown.js/…                node_modules/simplycountdown.js/dist/
//   /peers/flipdown/…                          node_modules/flipdown/dist/
// Every response carries the same strict Content-Security-Policy as
// scripts/serve.mjs (Sharelock needs only 'wasm-unsafe-eval' on top of
// 'self'; the peers need nothing more), so no page gets an advantage.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { CONTENT_TYPES, STRICT_CSP } from '../scripts/serve.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

const mounts = [
  ['/bench/', join(root, 'bench', 'pages')],
  ['/dist/', join(root, 'dist')],
  ['/peers/simplycountdown.js/', join(root, 'node_modules', 'simplycountdown.js', 'dist')],
  ['/peers/flipdown/', join(root, 'node_modules', 'flipdown', 'dist')],
];

// The demo server's policy and content types, so no page gets an advantage.
export const CSP = STRICT_CSP;
const types = CONTENT_TYPES;

// Each library's default script-tag setup, as its README shows it.
//   Sharelock:        <script type="module" src="dist/sharelock.js"> + markup
//   simplycountdown:  dist/simplyCountdown.umd.js + themes/default.min.css,
//                     then simplyCountdown(element, {year, month, day, …})
//   flipdown:         dist/flipdown.min.js + dist/flipdown.min.css, a
//                     <div id="…" class="flipdown">, new FlipDown(uts, id).start()
// Inline scripts are forbidden by the CSP, so the "then" part is a small
// same-origin file in bench/pages/.
export const LIBRARIES = {
  sharelock: {
    head: '<script type="module" src="/dist/sharelock.js"></script>',
    item: (i, deadline) => {
      const iso = new Date(deadline).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return `<sharelock-countdown class="bench-item" ends="${iso}"><p>Offer ${i} ends ${iso}.</p></sharelock-countdown>`;
    },
    tail: '',
  },
  simplycountdown: {
    head: '<link rel="stylesheet" href="/peers/simplycountdown.js/themes/default.min.css">\n'
      + '<script src="/peers/simplycountdown.js/simplyCountdown.umd.js"></script>',
    item: (i, deadline) => `<div id="sc-${i}" class="simply-countdown bench-item" data-deadline="${deadline}"></div>`,
    tail: '<script src="/bench/setup-simplycountdown.js"></script>',
  },
  flipdown: {
    head: '<link rel="stylesheet" href="/peers/flipdown/flipdown.min.css">\n'
      + '<script src="/peers/flipdown/flipdown.min.js"></script>',
    item: (i, deadline) => `<div id="flipdown-${i}" class="flipdown bench-item" data-deadline="${deadline}"></div>`,
    tail: '<script src="/bench/setup-flipdown.js"></script>',
  },
};

export const LAYOUTS = ['natural', 'all-in-view'];

// Deadlines: whole seconds, 3 days from now plus 61 s per countdown, so
// every one differs (and their minute boundaries fall on different seconds).
export function deadlines(count, now = Date.now()) {
  const base = Math.floor(now / 1000) * 1000 + 3 * 86_400_000;
  return Array.from({ length: count }, (_, i) => base + i * 61_000);
}

export function countdownPage({ lib, n, layout }) {
  const library = LIBRARIES[lib];
  if (!library || !LAYOUTS.includes(layout) || !(n > 0 && n <= 10_000)) return null;
  const items = deadlines(n).map((deadline, i) => library.item(i, deadline)).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench: ${n} × ${lib} (${layout})</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/bench/bench.css">
${library.head}
</head>
<body class="layout-${layout}">
<div id="grid">
${items}
</div>
${library.tail}
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

function send(response, status, type, body, head) {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  response.end(head ? undefined : body);
}

export function startBenchServer({ port = 0 } = {}) {
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, 'http://127.0.0.1');
      const head = request.method === 'HEAD';
      if (request.method !== 'GET' && !head) {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (url.pathname === '/bench/countdown.html') {
        const html = countdownPage({
          lib: url.searchParams.get('lib'),
          n: Number(url.searchParams.get('n') ?? 1000),
          layout: url.searchParams.get('layout') ?? 'natural',
        });
        if (html) send(response, 200, types['.html'], Buffer.from(html), head);
        else send(response, 400, 'text/plain; charset=utf-8', Buffer.from('bad lib, n or layout\n'), head);
        return;
      }
      const file = await resolveFile(url.pathname);
      if (!file) {
        send(response, 404, 'text/plain; charset=utf-8', Buffer.from('Not found\n'), head);
        return;
      }
      send(response, 200, types[extname(file)] ?? 'application/octet-stream', await readFile(file), head);
    } catch {
      send(response, 400, 'text/plain; charset=utf-8', Buffer.from('Bad request\n'), false);
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
  console.log(`bench pages: http://127.0.0.1:${port}/bench/countdown.html?lib=sharelock&n=1000&layout=natural`);
}
