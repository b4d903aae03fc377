// Every answer of the verification server: JSON, never cached, never
// sniffed, with CORS headers only for an allowed page origin.
const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function json(status, value, { origin = null, headers = {} } = {}) {
  const all = { ...BASE_HEADERS, ...headers, vary: 'Origin' };
  if (origin) all['access-control-allow-origin'] = origin;
  return new Response(status === 204 ? null : JSON.stringify(value), { status, headers: all });
}

/** `{ "error": { "code", "message" } }`: a stable code for programs, a sentence for people. */
export function failure(status, code, message, options) {
  return json(status, { error: { code, message } }, options);
}

export function preflight(origin) {
  return json(204, null, {
    origin,
    headers: {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Content-Type, Authorization',
      'access-control-max-age': '600',
    },
  });
}

/**
 * The body of a request (or of a provider's response) as text, refused past
 * `maxBytes` without reading the rest, which is cancelled (a Content-Length
 * that lies is caught while reading).
 * @param {Request | Response} request
 * @returns {Promise<string | null>} null when too large
 */
export async function readBodyText(request, maxBytes) {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await request.body?.cancel();
    return null;
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
