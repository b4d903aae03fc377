// What every call into a Sharelock wasm module goes through, in the browser
// (web/core-client.js, web/share-core.js) and on the verification server
// (server/core.js): text arrives well-formed and in NFC, which the core's
// rules assume (core/include/sharelock/post_length.hpp), and a trap (out of
// memory, a bug, a value of the wrong shape) comes back as the one error
// shape instead of an exception.

/** Well-formed (lone surrogates become U+FFFD) and NFC; other values as they are. */
export function cleanText(value) {
  if (typeof value !== 'string') return value;
  return (value.toWellFormed?.() ?? value).normalize('NFC');
}

/** cleanText on every string inside arrays and plain objects. */
export function cleanDeep(value) {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)]));
  }
  return value;
}

/** The one error shape: {code, attribute, message}, for a core that failed. */
export function internalError(cause) {
  return { code: 'internal-error', attribute: '', message: `the core failed: ${cause?.message ?? cause}` };
}

/** How the browser's widget calls answer a failure: nothing to render, and why. */
export const widgetFailure = (error) => ({ fatal: true, errors: [error] });

/**
 * `call`, with any exception turned into an answer: `failure(error)` with
 * error = internalError(cause), in the envelope of that family of calls
 * (widgetFailure in the browser; the server's {ok: false, status, error}).
 * @template {unknown[]} A
 * @param {(...args: A) => object} call
 * @param {(error: {code: string, attribute: string, message: string}) => object} [failure]
 * @returns {(...args: A) => object}
 */
export function guarded(call, failure = widgetFailure) {
  return (...args) => {
    try {
      return call(...args);
    } catch (cause) {
      return failure(internalError(cause));
    }
  };
}
