// The verified mode's requests to the verification server: no cookies, no
// referrer, no redirects, a time limit, a size limit. Every answer goes to
// the core as {status, body}; status 0 means "could not be reached".
const TIMEOUT_MS = 15_000;
// The server exchanges the code and posts (10 s each at most, see
// server/providers): its answer must not be given up on before that.
const UNLOCK_TIMEOUT_MS = 45_000;
const MAX_ANSWER_CHARACTERS = 64 * 1024;

export const OUTCOME_KEY = 'sharelock:verified-outcome';

async function exchange(url, init, timeout = TIMEOUT_MS) {
  try {
    const response = await fetch(url, {
      ...init, credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'error', cache: 'no-store',
      signal: AbortSignal.timeout(timeout),
    });
    const body = await response.text();
    return { status: response.status, body: body.slice(0, MAX_ANSWER_CHARACTERS) };
  } catch {
    return { status: 0, body: '' };
  }
}

/**
 * The provider client the page redirects to (GET /v1/oauth-client): its
 * status and text, for the core to read (a refusal's error code too).
 */
export function fetchOAuthClient(server, network, host = '') {
  const query = new URLSearchParams({ network, ...(host ? { host } : {}) });
  return exchange(`${server}/v1/oauth-client?${query}`, { method: 'GET' });
}

const RETRY_DELAYS_MS = [1000, 3000];

/**
 * POST /v1/unlock with the code from the provider's redirect. When no
 * answer arrives (the network dropped, the time ran out) the same request
 * is sent again: the server answers a repeat of the same code and verifier
 * with the unlock it already recorded, so nothing is posted twice. A 503
 * (its database briefly away: nothing was claimed, posted or counted) is
 * asked again too.
 */
export async function requestUnlock(server, { item, network, host, code, codeVerifier, text }) {
  const send = () => exchange(`${server}/v1/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ item, network, ...(host ? { host } : {}), code, codeVerifier, text }),
  }, UNLOCK_TIMEOUT_MS);
  let answer = await send();
  for (const delay of RETRY_DELAYS_MS) {
    if (answer.status !== 0 && answer.status !== 503) break;
    await new Promise((resolve) => { setTimeout(resolve, delay); });
    answer = await send();
  }
  return answer;
}

/** GET /v1/content: the content again, for a stored unlock token. */
export function requestContent(server, item, token) {
  return exchange(`${server}/v1/content?item=${encodeURIComponent(item)}`, {
    method: 'GET', headers: { authorization: `Bearer ${token}` },
  });
}

/** Random bytes for the core (it has none of its own), base64url-encoded. */
export function randomBase64url(size) {
  const bytes = crypto.getRandomValues(new Uint8Array(size));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
