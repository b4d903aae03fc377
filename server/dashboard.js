// The site owner's dashboard page: three static files served by the
// verification server itself, so the numbers never leave the shop's own
// server. The page holds no data: it asks /v1/stats with the owner's token.
import { readFile } from 'node:fs/promises';
import { failure } from './responses.js';

const FILES = {
  '/dashboard/': ['index.html', 'text/html; charset=utf-8'],
  '/dashboard/dashboard.js': ['dashboard.js', 'text/javascript; charset=utf-8'],
  '/dashboard/dashboard.css': ['dashboard.css', 'text/css; charset=utf-8'],
};

// Nothing but these files and same-origin requests for the stats; Trusted
// Types so no string can become markup.
const CSP = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self'",
  "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
  "require-trusted-types-for 'script'", "trusted-types 'none'",
].join('; ');

export async function serveDashboard(url) {
  // Relative links in the page need the trailing slash (the server may be
  // mounted under a prefix, such as /verify in the demo).
  if (url.pathname === '/dashboard') {
    return new Response(null, { status: 308, headers: { location: `dashboard/${url.search}` } });
  }
  const file = FILES[url.pathname];
  if (!file) return failure(404, 'not-found', 'no such page');
  const body = await readFile(new URL(`./dashboard/${file[0]}`, import.meta.url));
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': file[1],
      'content-security-policy': CSP,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}
