// Mastodon: every shopper has their own server, so the app is registered
// per server (POST /api/v1/apps, cached in the store), then the same
// authorization code + PKCE S256 flow (Mastodon 4.3 and later), one status,
// and the token revoked. Shapes as documented by Mastodon (see PLATFORMS.md).
//
// Only servers the operator lists are used. The server a shopper names is
// the one that says whether the post was published: a server anyone can set
// up would "confirm" posts that never happened and collect unlocks (and
// inflate the social-proof counts). The list also keeps this server from
// sending requests wherever a shopper points it.
import { ProviderError, accessTokenOf, getJson, postForm, postJson } from './http.js';

export const MASTODON_SCOPES = ['write:statuses'];
const MINIMUM_VERSION = [4, 3];  // PKCE support

export class HostError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'HostError';
    this.code = code;
  }
}

/** "4.3.0", "4.3.0-beta.1+glitch" → true when at least 4.3. */
export function supportsPkce(version) {
  const [major = 0, minor = 0] = String(version ?? '').split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  return major > MINIMUM_VERSION[0] || (major === MINIMUM_VERSION[0] && minor >= MINIMUM_VERSION[1]);
}

/**
 * @param {object} options
 * @param {string} options.redirectUri registered with every server's app
 * @param {object} options.store findMastodonApp / saveMastodonApp
 * @param {(host: string) => {ok: boolean, host?: string}} options.normalizeHost the core's
 * @param {Set<string>} options.allowedHosts the servers this shop accepts (normalized names)
 * @param {Record<string, string>} [options.instanceUrls] host → base URL; for tests and the demo only
 */
export function createMastodonProvider({ redirectUri, store, normalizeHost, allowedHosts, instanceUrls = {},
  clientName = 'Sharelock', website = '', fetch = globalThis.fetch, timeoutMillis = 10_000, now = Date.now }) {
  const options = { fetch, timeoutMillis };

  function baseUrlFor(input) {
    const normalized = normalizeHost(input);
    if (!normalized.ok) throw new HostError('invalid-host', 'that is not a Mastodon server name');
    const { host } = normalized;
    if (!allowedHosts.has(host)) throw new HostError('host-not-allowed', `${host} is not one of the Mastodon servers this shop accepts`);
    return { host, base: (instanceUrls[host] ?? `https://${host}`).replace(/\/+$/, '') };
  }

  async function app(host, base) {
    const known = await store.findMastodonApp({ host, redirectUri });
    if (known) return known;
    const { body: instance } = await getJson(`${base}/api/v1/instance`, { ...options, step: 'register' });
    if (!supportsPkce(instance?.version)) {
      throw new ProviderError('rejected', 'register', `${host} runs Mastodon ${String(instance?.version ?? '?').slice(0, 20)}; PKCE needs 4.3 or later`);
    }
    const { body } = await postForm(`${base}/api/v1/apps`, {
      client_name: clientName, redirect_uris: redirectUri, scopes: MASTODON_SCOPES.join(' '), ...(website ? { website } : {}),
    }, { ...options, step: 'register' });
    if (typeof body?.client_id !== 'string' || typeof body?.client_secret !== 'string') {
      throw new ProviderError('unavailable', 'register', `${host} registered no app`);
    }
    // Two first uses at once: both get the registration that was kept.
    return store.saveMastodonApp({ host, clientId: body.client_id, clientSecret: body.client_secret, redirectUri, at: now() });
  }

  return {
    network: 'mastodon',

    async client({ host: input }) {
      const { host, base } = baseUrlFor(input);
      const { clientId } = await app(host, base);
      return { network: 'mastodon', host, authorizeEndpoint: `${base}/oauth/authorize`, clientId, redirectUri, scopes: MASTODON_SCOPES };
    },

    async exchangeCode({ host: input, code, codeVerifier }) {
      const { host, base } = baseUrlFor(input);
      const registered = await store.findMastodonApp({ host, redirectUri });
      if (!registered) throw new ProviderError('rejected', 'token', `no app is registered with ${host}`);
      const { body } = await postForm(`${base}/oauth/token`, {
        grant_type: 'authorization_code', code, client_id: registered.clientId, client_secret: registered.clientSecret,
        redirect_uri: redirectUri, code_verifier: codeVerifier,
      }, { ...options, step: 'token' });
      return { accessToken: accessTokenOf(body, 'token') };
    },

    async publish({ host: input, accessToken, text }) {
      const { base } = baseUrlFor(input);
      const { body } = await postJson(`${base}/api/v1/statuses`, { status: text, visibility: 'public' },
        { ...options, authorization: `Bearer ${accessToken}`, step: 'post' });
      if (typeof body?.id !== 'string' || body.id === '') throw new ProviderError('unavailable', 'post', 'the server answered without a status id');
      return { id: body.id, url: typeof body.url === 'string' ? body.url : '' };
    },

    async revoke({ host: input, accessToken }) {
      const { host, base } = baseUrlFor(input);
      const registered = await store.findMastodonApp({ host, redirectUri });
      if (!registered) return;
      await postForm(`${base}/oauth/revoke`, { token: accessToken, client_id: registered.clientId, client_secret: registered.clientSecret },
        { ...options, step: 'revoke' });
    },
  };
}
