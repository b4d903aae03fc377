// The verified mode's requests to the verification server: no cookies, no
// referrer, no redirects, a time limit, a size limit. Every answer goes to
// the core as {status, body}; status 0 means "could not be reached".
const TIMEOUT_MS = 15_000;
const MAX_ANSWER_CHARACTERS = 64 * 1024;

export const OUTCOME_KEY = 'sharelock:verified-outcome';

async function exchange(url, init) {
  try {
    const response = await fetch(url, {
      ...init, credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'error', cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await response.text();
    return { status: response.status, body: body.slice(0, MAX_ANSWER_CHARACTERS) };
  } catch {
    return { status: 0, body: '' };
  }
}

/** The provider client the page redirects to (GET /v1/oauth-client). */
export async function fetchOAuthClient(server, network, host = '') {
  const query = new URLSearchParams({ network, ...(host ? { host } : {}) });
  const answer = await exchange(`${server}/v1/oauth-client?${query}`, { method: 'GET' });
  let body = null;
  try {
    body = JSON.parse(answer.body);
  } catch {
    body = null;
  }
  return { status: answer.status, body };
}

/** POST /v1/unlock with the code from the provider's redirect. */
export function requestUnlock(server, { item, network, host, code, codeVerifier, text }) {
  return exchange(`${server}/v1/unlock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ item, network, ...(host ? { host } : {}), code, codeVerifier, text }),
  });
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
