// The provider calls' one HTTP shape: a bounded time, JSON answers, and a
// ProviderError that says whether the provider refused (the shopper's code
// or post was not accepted: a 4xx) or could not be reached (a 5xx, a
// timeout, a network error: the server answers 502 and records nothing).
import { readBodyText } from '../responses.js';

export class ProviderError extends Error {
  /**
   * @param {'rejected' | 'unavailable'} kind
   * @param {'register' | 'token' | 'post' | 'revoke'} step
   */
  constructor(kind, step, message, status = 0) {
    super(message);
    this.name = 'ProviderError';
    this.kind = kind;
    this.step = step;
    this.status = status;
  }
}

const MAX_ANSWER_BYTES = 64 * 1024;

async function send(url, init, { fetch, timeoutMillis, step }) {
  let response;
  let text;
  try {
    // The timeout covers the body too: the signal aborts its stream.
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMillis) });
    // No further than 64 KiB: whatever answers in the provider's place
    // cannot make the server hold a large body.
    text = await readBodyText(response, MAX_ANSWER_BYTES);
  } catch (error) {
    throw new ProviderError('unavailable', step, `${step} request failed: ${error.name === 'TimeoutError' ? 'timed out' : error.message}`);
  }
  let body = null;
  try {
    body = text === null ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (response.status >= 500 || response.status === 429) {
    throw new ProviderError('unavailable', step, `${step} endpoint answered ${response.status}`, response.status);
  }
  if (!response.ok) {
    const detail = body?.error_description ?? body?.detail ?? body?.error ?? '';
    throw new ProviderError('rejected', step, `${step} refused (${response.status})${detail ? `: ${String(detail).slice(0, 200)}` : ''}`, response.status);
  }
  return { status: response.status, body };
}

export function postForm(url, fields, { authorization, ...options }) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  return send(url, { method: 'POST', headers, body: new URLSearchParams(fields).toString() }, options);
}

export function postJson(url, value, { authorization, ...options }) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (authorization) headers.authorization = authorization;
  return send(url, { method: 'POST', headers, body: JSON.stringify(value) }, options);
}

/** The access token of a token endpoint's answer (X and Mastodon answer alike). */
export function accessTokenOf(body, step) {
  if (typeof body?.access_token !== 'string' || body.access_token === '') {
    throw new ProviderError('unavailable', step, 'the token endpoint answered without an access token');
  }
  return body.access_token;
}

export function getJson(url, options) {
  return send(url, { method: 'GET', headers: { accept: 'application/json' } }, options);
}
