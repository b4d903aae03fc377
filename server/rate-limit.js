// In-memory rate limiter for "per IP" and "per item" limits, one request = one unit.
//
// Algorithm: GCRA, i.e. a token bucket of `limit` tokens refilled at
// limit / windowMillis per millisecond, stored as a single "debt" per key.
// Why not a sliding-window log: that keeps up to `limit` timestamps per key,
// so memory would grow with the limit as well as with the keys; here each
// key costs two numbers and maxKeys bounds memory outright. Why not fixed
// windows: they allow 2 × limit across a window boundary. A full burst of
// `limit` is available again `windowMillis` after the last accepted request,
// and capacity comes back steadily (one request per windowMillis / limit).
//
// Arithmetic is done in units of 1/limit ms so it stays in integers for
// integer times: the debt lies in [0, limit × windowMillis], so
// retryAfterMillis is exact — a take at now + retryAfterMillis is allowed,
// one millisecond earlier it is not.
//
// Time is passed in by the caller (no Date.now here): deterministic tests,
// and the server can use one clock reading per request.

/**
 * The key a client address is limited by: an IPv4 address as it is (an
 * IPv4-mapped IPv6 address as its IPv4), an IPv6 address by its /64 — what
 * one subscriber is given, so a client cannot take 2^64 budgets by
 * changing the low bits.
 * @param {string} address
 */
export function addressKey(address) {
  const ip = String(address).replace(/%.*$/, '');  // a zone id (fe80::1%eth0)
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const groups = (text) => (text ? text.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const full = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${full.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function positiveInteger(name, value) {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`createRateLimiter: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/**
 * @param {{ limit: number, windowMillis: number, maxKeys: number }} options
 *   at most `limit` requests per `windowMillis` per key; at most `maxKeys` keys remembered.
 */
export function createRateLimiter(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('createRateLimiter expects an options object');
  const limit = positiveInteger('limit', options.limit);
  const windowMillis = positiveInteger('windowMillis', options.windowMillis);
  const maxKeys = positiveInteger('maxKeys', options.maxKeys);
  const capacity = limit * windowMillis; // debt ceiling, in 1/limit ms
  if (!Number.isSafeInteger(capacity)) throw new TypeError('createRateLimiter: limit × windowMillis must be a safe integer');
  const cost = windowMillis; // one request, in 1/limit ms

  // key → { debt, last }. A Map iterates in insertion order; re-inserting on
  // every use keeps it in least-recently-used order, oldest first.
  const buckets = new Map();

  // Debt left at `now`; time running backwards (clock step) refunds nothing.
  function debtAt(bucket, now) {
    const elapsed = now - bucket.last;
    if (elapsed <= 0) return bucket.debt;
    if (elapsed >= windowMillis) return 0; // also keeps elapsed × limit small
    return Math.max(0, bucket.debt - elapsed * limit);
  }

  function makeRoom(now) {
    // Fully recovered buckets hold nothing a fresh one would not, so drop them
    // first (from the old end); only then evict the least recently used key.
    for (const [key, bucket] of buckets) {
      if (debtAt(bucket, now) !== 0) break;
      buckets.delete(key);
    }
    if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value);
  }

  return {
    /**
     * Takes one unit for `key` at time `now` (ms). A denied request takes nothing.
     * @returns {{ allowed: boolean, retryAfterMillis: number, remaining: number }}
     */
    take(key, now) {
      if (typeof key !== 'string') throw new TypeError('take: key must be a string');
      if (!Number.isFinite(now)) throw new TypeError(`take: now must be a finite number of milliseconds, got ${String(now)}`);
      let bucket = buckets.get(key);
      if (bucket) {
        buckets.delete(key);
      } else {
        if (buckets.size >= maxKeys) makeRoom(now);
        bucket = { debt: 0, last: now };
      }
      const debt = debtAt(bucket, now);
      // Time only moves forward for a bucket, so a late caller cannot rewind it.
      bucket.last = Math.max(bucket.last, now);
      buckets.set(key, bucket);
      if (debt + cost <= capacity) {
        bucket.debt = debt + cost;
        return { allowed: true, retryAfterMillis: 0, remaining: Math.floor((capacity - bucket.debt) / cost) };
      }
      bucket.debt = debt;
      // Wait until the debt has fallen to capacity - cost.
      return { allowed: false, retryAfterMillis: Math.ceil((debt + cost - capacity) / limit), remaining: 0 };
    },

    /** Number of keys currently remembered (never more than maxKeys). */
    get size() {
      return buckets.size;
    },
  };
}
