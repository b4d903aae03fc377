// Reads a feed the widgets were pointed at (stock, social proof), with a
// time limit and a size limit: a slow or huge response must cost the page
// neither a hanging request nor megabytes of memory.

export const FEED_TIMEOUT_MS = 5000;
// One byte over the core's 1 MiB limit, so the core can say "too large".
export const FEED_MAX_BYTES = (1 << 20) + 1;

/**
 * The response text, cut at `maxBytes` bytes. Rejects on a network error,
 * a redirect, a timeout or a status other than 2xx.
 * @param {string} url
 * @param {{credentials?: RequestCredentials, referrerPolicy?: ReferrerPolicy, timeout?: number, maxBytes?: number}} [options]
 */
export async function fetchFeedText(url, {
  credentials = 'same-origin', referrerPolicy = 'strict-origin-when-cross-origin', timeout = FEED_TIMEOUT_MS,
  maxBytes = FEED_MAX_BYTES,
} = {}) {
  // A redirect could lead to another site, which would then learn of the
  // visit before any click: a feed must answer where it was asked.
  const response = await fetch(url, {
    credentials, referrerPolicy, redirect: 'error', signal: AbortSignal.timeout(timeout),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= maxBytes) reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return new TextDecoder().decode(bytes);
}
