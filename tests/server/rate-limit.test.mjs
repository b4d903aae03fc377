// The in-memory limiter (GCRA / token bucket): burst of `limit`, steady refill
// of limit per windowMillis, denials free, exact retry-after, bounded memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressKey, createRateLimiter } from '../../server/rate-limit.js';

const T0 = 1_750_000_000_000;

test('allows `limit` requests, then denies; remaining counts down', () => {
  const limiter = createRateLimiter({ limit: 10, windowMillis: 60_000, maxKeys: 100 });
  for (let i = 0; i < 10; i += 1) {
    assert.deepEqual(limiter.take('1.2.3.4', T0), { allowed: true, retryAfterMillis: 0, remaining: 9 - i });
  }
  const denied = limiter.take('1.2.3.4', T0);
  assert.equal(denied.allowed, false);
  assert.equal(denied.remaining, 0);
  assert.ok(denied.retryAfterMillis > 0);
});

test('recovers fully after the window, and steadily within it', () => {
  const limiter = createRateLimiter({ limit: 10, windowMillis: 60_000, maxKeys: 100 });
  for (let i = 0; i < 10; i += 1) limiter.take('k', T0);
  // One request comes back every windowMillis / limit = 6 s.
  assert.equal(limiter.take('k', T0 + 5_999).allowed, false);
  assert.deepEqual(limiter.take('k', T0 + 6_000), { allowed: true, retryAfterMillis: 0, remaining: 0 });
  assert.equal(limiter.take('k', T0 + 6_000).allowed, false);
  // A full window after the last accepted request the whole burst is back.
  for (let i = 0; i < 10; i += 1) assert.equal(limiter.take('k', T0 + 66_000).allowed, true, `request ${i}`);
  assert.equal(limiter.take('k', T0 + 66_000).allowed, false);
  // Never more than `limit` in any window, however long the key was idle.
  for (let i = 0; i < 10; i += 1) assert.equal(limiter.take('k', T0 + 10_000_000).allowed, true);
  assert.equal(limiter.take('k', T0 + 10_000_000).allowed, false);
});

test('a denied request does not consume', () => {
  const limiter = createRateLimiter({ limit: 2, windowMillis: 1000, maxKeys: 10 });
  limiter.take('k', T0);
  limiter.take('k', T0);
  // Hammering while denied must not push the recovery time back.
  for (let t = T0; t < T0 + 500; t += 10) {
    const result = limiter.take('k', t);
    assert.equal(result.allowed, false);
    assert.equal(result.retryAfterMillis, T0 + 500 - t);
  }
  assert.equal(limiter.take('k', T0 + 500).allowed, true);
});

test('retryAfterMillis is exact: allowed at now + retryAfterMillis, not a millisecond earlier', () => {
  // windowMillis / limit is not an integer here, so rounding matters.
  for (const [limit, windowMillis] of [[7, 60_000], [3, 1000], [1, 1], [10, 60_000], [1000, 3_600_000], [13, 17]]) {
    const limiter = createRateLimiter({ limit, windowMillis, maxKeys: 10 });
    let now = T0;
    for (let round = 0; round < 3 * limit; round += 1) {
      while (limiter.take('k', now).allowed);
      const { retryAfterMillis } = limiter.take('k', now);
      assert.ok(Number.isInteger(retryAfterMillis) && retryAfterMillis > 0, `${limit}/${windowMillis}: ${retryAfterMillis}`);
      if (retryAfterMillis > 1) assert.equal(limiter.take('k', now + retryAfterMillis - 1).allowed, false, `${limit}/${windowMillis} early`);
      now += retryAfterMillis;
      assert.equal(limiter.take('k', now).allowed, true, `${limit}/${windowMillis} on time`);
      now += round % 5; // vary the phase
    }
  }
  // By hand: 3 per second, burst used at T0 → next at ceil(1000 / 3) = 334 ms.
  const limiter = createRateLimiter({ limit: 3, windowMillis: 1000, maxKeys: 10 });
  for (let i = 0; i < 3; i += 1) limiter.take('k', T0);
  assert.equal(limiter.take('k', T0).retryAfterMillis, 334);
  assert.equal(limiter.take('k', T0 + 300).retryAfterMillis, 34);
});

test('keys are independent', () => {
  const limiter = createRateLimiter({ limit: 2, windowMillis: 1000, maxKeys: 10 });
  assert.equal(limiter.take('ip:a', T0).allowed, true);
  assert.equal(limiter.take('ip:a', T0).allowed, true);
  assert.equal(limiter.take('ip:a', T0).allowed, false);
  assert.deepEqual(limiter.take('ip:b', T0), { allowed: true, retryAfterMillis: 0, remaining: 1 });
  assert.deepEqual(limiter.take('item:playbook', T0), { allowed: true, retryAfterMillis: 0, remaining: 1 });
  assert.equal(limiter.take('ip:a', T0).allowed, false);
});

test('memory is bounded by maxKeys; the least recently used key is evicted', () => {
  const limiter = createRateLimiter({ limit: 1, windowMillis: 60_000, maxKeys: 3 });
  for (let i = 0; i < 1000; i += 1) {
    limiter.take(`ip-${i}`, T0 + i);
    assert.ok(limiter.size <= 3, `size ${limiter.size} after ${i + 1} keys`);
  }
  assert.equal(limiter.size, 3);

  const lru = createRateLimiter({ limit: 1, windowMillis: 60_000, maxKeys: 3 });
  lru.take('a', T0);
  lru.take('b', T0);
  lru.take('c', T0);
  assert.equal(lru.take('a', T0 + 1).allowed, false); // touch a: b is now the oldest
  lru.take('d', T0 + 2); // evicts b
  assert.equal(lru.size, 3);
  assert.equal(lru.take('a', T0 + 3).allowed, false, 'a was kept');
  assert.equal(lru.take('c', T0 + 3).allowed, false, 'c was kept');
  assert.equal(lru.take('d', T0 + 3).allowed, false, 'd was kept');
  assert.equal(lru.take('b', T0 + 3).allowed, true, 'b was forgotten');
});

test('when full, every fully recovered key is dropped, and a limited one is kept', () => {
  const limiter = createRateLimiter({ limit: 1, windowMillis: 1000, maxKeys: 3 });
  limiter.take('idle-1', T0);
  limiter.take('idle-2', T0 + 100);
  limiter.take('busy', T0 + 900);
  // At T0 + 1100 both idle keys hold nothing a fresh key would not: both go,
  // not just the one needed, and 'busy' keeps its limit.
  limiter.take('new', T0 + 1100);
  assert.equal(limiter.size, 2);
  assert.equal(limiter.take('busy', T0 + 1100).allowed, false);
  assert.equal(limiter.take('new', T0 + 1100).allowed, false);
});

test('time going backwards refunds nothing', () => {
  const limiter = createRateLimiter({ limit: 1, windowMillis: 1000, maxKeys: 10 });
  limiter.take('k', T0);
  assert.equal(limiter.take('k', T0 - 5000).allowed, false);
  assert.equal(limiter.take('k', T0 + 999).allowed, false);
  assert.equal(limiter.take('k', T0 + 1000).allowed, true);
});

test('bad options and arguments throw TypeError', () => {
  for (const options of [undefined, {}, { limit: 0, windowMillis: 1, maxKeys: 1 }, { limit: 1.5, windowMillis: 1, maxKeys: 1 },
    { limit: 1, windowMillis: -1, maxKeys: 1 }, { limit: 1, windowMillis: 1, maxKeys: 0 },
    { limit: 2 ** 30, windowMillis: 2 ** 30, maxKeys: 1 }]) {
    assert.throws(() => createRateLimiter(options), TypeError, JSON.stringify(options));
  }
  const limiter = createRateLimiter({ limit: 1, windowMillis: 1000, maxKeys: 10 });
  assert.throws(() => limiter.take(42, T0), /key must be a string/);
  assert.throws(() => limiter.take('k'), /now must be a finite number/);
  assert.throws(() => limiter.take('k', NaN), /now must be a finite number/);
  assert.equal(limiter.size, 0);
});

test('an IPv6 client is limited by its /64, an IPv4-mapped one as IPv4', () => {
  const key = addressKey('2001:db8:1:2:3:4:5:6');
  assert.equal(key, '2001:db8:1:2::/64');
  for (const same of ['2001:db8:1:2::ffff', '2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002::1', '2001:db8:1:2::1%eth0']) {
    assert.equal(addressKey(same), key, same);
  }
  assert.notEqual(addressKey('2001:db8:1:3::1'), key);
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey('::ffff:192.0.2.1'), '192.0.2.1');
  assert.equal(addressKey('192.0.2.1'), '192.0.2.1');
  // 2^64 addresses of one subscriber share one budget.
  const limiter = createRateLimiter({ limit: 2, windowMillis: 60_000, maxKeys: 100 });
  const taken = ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2::3'].map((ip) => limiter.take(addressKey(ip), T0).allowed);
  assert.deepEqual(taken, [true, true, false]);
});
