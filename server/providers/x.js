// X (Twitter) API v2: OAuth 2.0 authorization code with PKCE for a
// confidential client, then one post. Shapes as documented by X (see
// PLATFORMS.md): token POST /2/oauth2/token (form, HTTP Basic), post
// POST /2/tweets (JSON, Bearer), revoke POST /2/oauth2/revoke.
// X charges per post (and more for posts with a link): every unlock costs
// the shop money, which is why the server rate-limits per IP and per item.
import { ProviderError, accessTokenOf, postForm, postJson } from './http.js';

export const X_DEFAULTS = {
  authorizeUrl: 'https://x.com/i/oauth2/authorize',
  apiUrl: 'https://api.x.com',
  scopes: ['tweet.read', 'tweet.write', 'users.read'],
};

export function createXProvider({ clientId, clientSecret, redirectUri, authorizeUrl = X_DEFAULTS.authorizeUrl,
  apiUrl = X_DEFAULTS.apiUrl, fetch = globalThis.fetch, timeoutMillis = 10_000 }) {
  const api = apiUrl.replace(/\/+$/, '');
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`;
  const options = { fetch, timeoutMillis };

  return {
    network: 'x',

    /** What the page needs to build the authorize URL (nothing secret). */
    client() {
      return { network: 'x', authorizeEndpoint: authorizeUrl, clientId, redirectUri, scopes: X_DEFAULTS.scopes };
    },

    async exchangeCode({ code, codeVerifier }) {
      const { body } = await postForm(`${api}/2/oauth2/token`, {
        grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier, client_id: clientId,
      }, { ...options, authorization: basic, step: 'token' });
      return { accessToken: accessTokenOf(body, 'token') };
    },

    async publish({ accessToken, text }) {
      const { body } = await postJson(`${api}/2/tweets`, { text },
        { ...options, authorization: `Bearer ${accessToken}`, step: 'post' });
      const id = body?.data?.id;
      if (typeof id !== 'string' || !/^\d{1,30}$/.test(id)) {
        throw new ProviderError('unavailable', 'post', 'the post endpoint answered without a post id');
      }
      return { id, url: `https://x.com/i/web/status/${id}` };
    },

    /** The access token is not kept; revoking it also ends the provider's grant. */
    async revoke({ accessToken }) {
      await postForm(`${api}/2/oauth2/revoke`, { token: accessToken, token_type_hint: 'access_token', client_id: clientId },
        { ...options, authorization: basic, step: 'revoke' });
    },
  };
}
