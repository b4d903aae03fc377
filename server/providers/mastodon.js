// Mastodon: every shopper has their own server, so the app is registered
// per server (POST /api/v1/apps, cached in the store), then the same
// authorization code + PKCE S256 flow (Mastodon 4.3 and later), one status,
// and the token revoked. Shapes as documented by Mastodon (see PLATFORMS.md).
//
// The server name comes from the shopper, so it decides where this server
// sends requests: only https, only names (no IP literals, no "localhost", no
// single labels), and, unless the operator lists the allowed servers, only
// names that resolve to public addresses (no request into your own network).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ProviderError, getJson, postForm, postJson } from './http.js';

export const MASTODON_SCOPES = ['write:statuses'];
const MINIMUM_VERSION = [4, 3];  // PKCE support

export class HostError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'HostError';
    this.code = code;
  }
}

const PRIVATE = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]]) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 127], ['::ffff:0:0', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]]) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
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
 * @param {Set<string> | '*'} [options.allowedHosts] '*': any public server
 * @param {Record<string, string>} [options.instanceUrls] host → base URL; for tests and the demo only
 */
export function createMastodonProvider({ redirectUri, store, normalizeHost, allowedHosts = '*', instanceUrls = {},
  clientName = 'Sharelock', website = '', fetch = globalThis.fetch, timeoutMillis = 10_000, now = Date.now,
  resolve = (host) => lookup(host, { all: true }) }) {
  const options = { fetch, timeoutMillis };

  async function baseUrlFor(input) {
    const normalized = normalizeHost(input);
    if (!normalized.ok) throw new HostError('invalid-host', 'that is not a Mastodon server name');
    const { host } = normalized;
    if (allowedHosts !== '*') {
      if (!allowedHosts.has(host)) throw new HostError('host-not-allowed', `${host} is not one of the servers this shop accepts`);
    } else {
      if (isIP(host) || host === 'localhost' || !host.includes('.')) throw new HostError('host-not-allowed', `${host} is not a public server name`);
      const addresses = await resolve(host).catch(() => []);
      if (addresses.length === 0) throw new HostError('host-not-found', `${host} could not be found`);
      if (addresses.some(({ address, family }) => PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4'))) {
        throw new HostError('host-not-allowed', `${host} is not a public server`);
      }
    }
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
    const registered = { host, clientId: body.client_id, clientSecret: body.client_secret, redirectUri, at: now() };
    await store.saveMastodonApp(registered);
    return registered;
  }

  return {
    network: 'mastodon',

    async client({ host: input }) {
      const { host, base } = await baseUrlFor(input);
      const { clientId } = await app(host, base);
      return { network: 'mastodon', host, authorizeEndpoint: `${base}/oauth/authorize`, clientId, redirectUri, scopes: MASTODON_SCOPES };
    },

    async exchangeCode({ host: input, code, codeVerifier }) {
      const { host, base } = await baseUrlFor(input);
      const registered = await store.findMastodonApp({ host, redirectUri });
      if (!registered) throw new ProviderError('rejected', 'token', `no app is registered with ${host}`);
      const { body } = await postForm(`${base}/oauth/token`, {
        grant_type: 'authorization_code', code, client_id: registered.clientId, client_secret: registered.clientSecret,
        redirect_uri: redirectUri, code_verifier: codeVerifier,
      }, { ...options, step: 'token' });
      if (typeof body?.access_token !== 'string' || body.access_token === '') {
        throw new ProviderError('unavailable', 'token', 'the token endpoint answered without an access token');
      }
      return { accessToken: body.access_token };
    },

    async publish({ host: input, accessToken, text }) {
      const { base } = await baseUrlFor(input);
      const { body } = await postJson(`${base}/api/v1/statuses`, { status: text, visibility: 'public' },
        { ...options, authorization: `Bearer ${accessToken}`, step: 'post' });
      if (typeof body?.id !== 'string' || body.id === '') throw new ProviderError('unavailable', 'post', 'the server answered without a status id');
      return { id: body.id, url: typeof body.url === 'string' ? body.url : '' };
    },

    async revoke({ host: input, accessToken }) {
      const { host, base } = await baseUrlFor(input);
      const registered = await store.findMastodonApp({ host, redirectUri });
      if (!registered) return;
      await postForm(`${base}/oauth/revoke`, { token: accessToken, client_id: registered.clientId, client_secret: registered.clientSecret },
        { ...options, step: 'revoke' });
    },
  };
}
