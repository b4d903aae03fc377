// A small static server for the demo and the browser tests:
//   /        → demo/
//   /dist/   → dist/ (the built shim and wasm)
//   /demo-data/proof.json → the demo's sample social-proof feed
//   /__test__/generated-feed/… → with --test-routes only: a feed of a given size (below)
// Every page is served with a strict Content-Security-Policy, to show (and
// test) that the widgets need nothing more than 'wasm-unsafe-eval'.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveWithHandler } from '../server/app.js';
import { demoProofFeed } from './demo-proof-feed.mjs';
import { VERIFY_PREFIX, startDemoVerification } from './demo-verification.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const mounts = [
  ['/dist/', join(root, 'dist')],
  ['/', join(root, 'demo')],
];

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // DOM XSS sinks (innerHTML, script.src, eval…) refuse plain strings: the
  // widgets never use them, and every page and browser test proves it.
  "require-trusted-types-for 'script'",
].join('; ');

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

async function resolveFile(pathname) {
  for (const [prefix, dir] of mounts) {
    if (!pathname.startsWith(prefix)) continue;
    const relative = normalize(decodeURIComponent(pathname.slice(prefix.length)));
    const file = join(dir, relative);
    if (file !== dir && !file.startsWith(dir + sep)) return null;  // no way out of the mount
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) return resolveFile(pathname.replace(/\/?$/, '/') + 'index.html');
    return info?.isFile() ? file : null;
  }
  return null;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': STRICT_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cache-Control': 'no-cache',
};

// The verification server's answers for the verified-unlock demo, with the
// /verify prefix taken off (see demo-verification.mjs).
function serveVerification(verification, request, response, origin) {
  request.url = request.url.slice(VERIFY_PREFIX.length) || '/';
  return serveWithHandler(verification.handle, request, response, { base: origin });
}

// TEST ONLY (e2e/proof-failures.spec.js): a social-proof feed of a given
// size, generated as it is sent and never stored, so a browser test can offer
// megabytes without passing them through Playwright (slow on a busy machine).
//   /__test__/generated-feed/<bytes>.json  a valid feed of exactly <bytes> bytes
//                                          (at most 64 MiB), with Content-Length
//   /__test__/generated-feed/endless.json  no Content-Length: padding until the
//                                          client stops reading
// Served only with --test-routes (the browser tests' server): `npm start`'s
// demo has no such path.
const GENERATED_FEED = /^\/__test__\/generated-feed\/(\d{1,9}|endless)\.json$/;
const GENERATED_HEAD = '{"version":1,"counters":[{"item":"playbook","type":"purchase","count":1284}],"padding":"';
const GENERATED_TAIL = '"}';
const PADDING = Buffer.alloc(64 * 1024, 'x');

function serveGeneratedFeed(size, request, response) {
  const bytes = size === 'endless' ? Infinity : Number(size);
  let left = bytes - GENERATED_HEAD.length - GENERATED_TAIL.length;
  if (left < 0 || (Number.isFinite(bytes) && bytes > 64 * 1024 * 1024)) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES['.json'],
    ...(Number.isFinite(bytes) ? { 'Content-Length': bytes } : {}),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  let closed = false;
  response.on('close', () => { closed = true; });  // also when the client hangs up
  response.on('error', () => {});
  response.write(GENERATED_HEAD);
  const pump = () => {
    while (left > 0 && !closed) {
      const part = left >= PADDING.length ? PADDING : PADDING.subarray(0, left);
      left -= part.length;
      if (!response.write(part)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!closed) response.end(GENERATED_TAIL);
  };
  pump();
}

/**
 * @param {{port?: number, host?: string, stateDirectory?: string, dashboardToken?: string, testRoutes?: boolean}} [options]
 *   stateDirectory and dashboardToken: see startDemoVerification (tests use their own);
 *   testRoutes: also serve /__test__/generated-feed/ (the browser tests' server only)
 */
export async function startServer({ port = 8080, host = '127.0.0.1', stateDirectory, dashboardToken, testRoutes = false } = {}) {
  const startedAt = Date.now();
  const origin = `http://${host}:${port}`;
  const verification = await startDemoVerification({ origin, stateDirectory, dashboardToken });
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url, 'http://localhost');
      if (pathname.startsWith(`${VERIFY_PREFIX}/`)) {
        await serveVerification(verification, request, response, origin);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      if (pathname === '/demo-data/proof.json') {
        const body = JSON.stringify(demoProofFeed(startedAt, Date.now()));
        response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES['.json'] });
        response.end(request.method === 'HEAD' ? undefined : body);
        return;
      }
      const generated = testRoutes && GENERATED_FEED.exec(pathname);
      if (generated) {
        serveGeneratedFeed(generated[1], request, response);
        return;
      }
      const file = await resolveFile(pathname);
      if (!file) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        ...SECURITY_HEADERS,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request\n');
    }
  });
  server.on('close', () => verification.close());
  server.dashboardToken = verification.dashboardToken;
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'test-routes': { type: 'boolean', default: false },
    },
  });
  const server = await startServer({ port: Number(values.port), host: values.host, testRoutes: values['test-routes'] });
  const { address, port } = server.address();
  console.log(`Sharelock demo: http://${address}:${port}/`);
  console.log('Verified unlocks use a mock provider (test infrastructure, not X) on its own port; no account is needed.');
  console.log(`Site owner's dashboard: http://${address}:${port}/verify/dashboard/ — token: ${server.dashboardToken}`);
}
