// Argument checks shared by every store (sqlite.js, postgres.js), so both
// refuse exactly the same input with the same TypeError, before any query.

// Byte limits (UTF-8).
export const LIMITS = Object.freeze({
  nonce: 128,
  item: 2048,
  network: 64,
  postId: 512,
  codeHash: 128,
  host: 253, // longest DNS name
  clientId: 512,
  clientSecret: 512,
  redirectUri: 2048,
});

export function fields(name, value) {
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} expects an object argument`);
  return value;
}

export function text(name, value) {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name} must be a non-empty string`);
  // Lone surrogates are written as U+FFFD, so two different nonces could
  // collide on one row; refuse them rather than store something else.
  if (!value.isWellFormed()) throw new TypeError(`${name} must be well-formed Unicode (no lone surrogates)`);
  const max = LIMITS[name];
  if (Buffer.byteLength(value, 'utf8') > max) throw new TypeError(`${name} must be at most ${max} UTF-8 bytes`);
  return value;
}

export function millis(name, value) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer (milliseconds since the epoch), got ${String(value)}`);
  }
  return value;
}
