// The storage contract (server/store/README.md) as one suite that every
// store must pass unchanged: store-sqlite.test.mjs and
// store-postgres.test.mjs each call storeContract with a way to open a
// fresh, empty store. What only one backend has (a file, pragmas, a
// connection pool) is tested next to it, not here.
import assert from 'node:assert/strict';
import { test } from 'node:test';

export const T0 = 1_750_000_000_000;
export const unlock = (n, overrides = {}) => ({
  nonce: `nonce-${n}`,
  item: 'playbook',
  network: 'mastodon',
  postId: `post-${n}`,
  at: T0 + n * 1000,
  expiresAt: T0 + n * 1000 + 86_400_000,
  ...overrides,
});

/**
 * @param {string} label  the backend, in test names
 * @param {() => Promise<object>} open  a fresh, empty store
 */
export function storeContract(label, open) {
  test(`${label}: recordUnlock is idempotent on nonce: one row, the first one, recorded:false after`, async () => {
    const store = await open();
    assert.deepEqual(await store.recordUnlock(unlock(1)), { recorded: true });
    assert.deepEqual(await store.recordUnlock(unlock(1)), { recorded: false });
    assert.deepEqual(await store.recordUnlock(unlock(1, { item: 'other', postId: 'replayed' })), { recorded: false });
    assert.deepEqual(await store.findUnlock('nonce-1'), unlock(1));
    assert.equal(await store.countUnlocks({ item: 'playbook' }), 1);
    assert.equal(await store.countUnlocks({ item: 'other' }), 0);
    assert.equal(await store.findUnlock('nonce-2'), null);
    await store.close();
  });

  test(`${label}: the same unlock recorded many times at once counts once`, async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.recordUnlock(unlock(7))));
    assert.equal(results.filter((r) => r.recorded).length, 1);
    assert.equal(await store.countUnlocks({ item: 'playbook' }), 1);
    await store.close();
  });

  test(`${label}: countUnlocks counts per item, with since as an inclusive lower bound`, async () => {
    const store = await open();
    for (let n = 0; n < 5; n += 1) await store.recordUnlock(unlock(n)); // at = T0 + 0..4 s
    for (let n = 5; n < 8; n += 1) await store.recordUnlock(unlock(n, { item: 'course' }));
    assert.equal(await store.countUnlocks({ item: 'playbook' }), 5);
    assert.equal(await store.countUnlocks({ item: 'course' }), 3);
    assert.equal(await store.countUnlocks({ item: 'nothing' }), 0);
    assert.equal(await store.countUnlocks({ item: 'playbook', since: T0 + 2000 }), 3);
    assert.equal(await store.countUnlocks({ item: 'playbook', since: T0 + 2001 }), 2);
    assert.equal(await store.countUnlocks({ item: 'playbook', since: T0 + 4000 }), 1);
    assert.equal(await store.countUnlocks({ item: 'playbook', since: T0 + 4001 }), 0);
    assert.equal(await store.countUnlocks({ item: 'playbook', since: 0 }), 5);
    assert.equal(await store.countUnlocks({ item: 'course', since: T0 + 6000 }), 2);
    await store.close();
  });

  test(`${label}: claimCode: true once, false on replay until expiry, claimable again after`, async () => {
    const store = await open();
    const exp = T0 + 600_000;
    assert.equal(await store.claimCode({ codeHash: 'a'.repeat(64), expiresAt: exp, now: T0 }), true);
    assert.equal(await store.claimCode({ codeHash: 'a'.repeat(64), expiresAt: exp, now: T0 + 1 }), false);
    // A replay cannot extend or reset the claim by sending a later expiry.
    assert.equal(await store.claimCode({ codeHash: 'a'.repeat(64), expiresAt: exp + 10_000_000, now: exp - 1 }), false);
    assert.equal(await store.claimCode({ codeHash: 'b'.repeat(64), expiresAt: exp, now: T0 + 2 }), true);
    // Kept until expiresAt: at expiresAt the claim has expired and is purged.
    assert.equal(await store.claimCode({ codeHash: 'a'.repeat(64), expiresAt: exp + 600_000, now: exp }), true);
    assert.equal(await store.claimCode({ codeHash: 'a'.repeat(64), expiresAt: exp + 600_000, now: exp + 1 }), false);
    await store.close();
  });

  test(`${label}: concurrent claims of one code and verifier: exactly one true`, async () => {
    const store = await open();
    const claims = await Promise.all(Array.from({ length: 20 }, () =>
      store.claimCode({ codeHash: 'racing', verifierHash: 'v', expiresAt: T0 + 600_000, now: T0 })));
    assert.equal(claims.filter(Boolean).length, 1);
    await store.close();
  });

  test(`${label}: a claim of a code with another verifier blocks nothing, and is linked to nothing it did not earn`, async () => {
    const store = await open();
    // Someone who saw the shopper's code claims it first with a wrong verifier.
    assert.equal(await store.claimCode({ codeHash: 'seen', verifierHash: 'wrong', expiresAt: T0 + 600_000, now: T0 }), true);
    assert.equal(await store.claimCode({ codeHash: 'seen', verifierHash: 'shopper', expiresAt: T0 + 600_000, now: T0 + 1 }), true);
    await store.recordUnlock({ ...unlock(1), codeHash: 'seen', verifierHash: 'shopper' });
    assert.deepEqual(await store.findCodeUnlock({ codeHash: 'seen', verifierHash: 'shopper' }), unlock(1));
    assert.equal(await store.findCodeUnlock({ codeHash: 'seen', verifierHash: 'wrong' }), null);
    assert.equal(await store.claimCode({ codeHash: 'seen', verifierHash: 'shopper', expiresAt: T0 + 600_000, now: T0 + 2 }), false);
    await store.close();
  });

  test(`${label}: Mastodon app registrations round-trip, keyed by host and redirect URI`, async () => {
    const store = await open();
    const app = { host: 'mastodon.social', clientId: 'cid', clientSecret: 'secret', redirectUri: 'https://verify.shop.example/cb', at: T0 };
    assert.equal(await store.findMastodonApp({ host: app.host, redirectUri: app.redirectUri }), null);
    assert.deepEqual(await store.saveMastodonApp(app), app);
    assert.deepEqual(await store.findMastodonApp({ host: app.host, redirectUri: app.redirectUri }), app);
    assert.equal(await store.findMastodonApp({ host: 'fosstodon.org', redirectUri: app.redirectUri }), null);
    assert.equal(await store.findMastodonApp({ host: app.host, redirectUri: 'https://other.example/cb' }), null);
    const second = { ...app, redirectUri: 'https://other.example/cb', clientId: 'cid2' };
    await store.saveMastodonApp(second);
    // Two first uses at once: the first registration is kept and returned to both.
    const racing = { ...app, clientId: 'cid3', clientSecret: 'secret3', at: T0 + 1 };
    assert.deepEqual(await store.saveMastodonApp(racing), app);
    assert.deepEqual(await store.findMastodonApp({ host: app.host, redirectUri: app.redirectUri }), app);
    assert.deepEqual(await store.findMastodonApp({ host: app.host, redirectUri: second.redirectUri }), second);
    await store.close();
  });

  test(`${label}: a claimed code is linked to the unlock it earned, found again only with the same verifier`, async () => {
    const store = await open();
    assert.equal(await store.claimCode({ codeHash: 'c1', verifierHash: 'v1', expiresAt: T0 + 600_000, now: T0 }), true);
    assert.equal(await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v1' }), null); // not earned yet
    await store.recordUnlock({ ...unlock(1), codeHash: 'c1', verifierHash: 'v1' });
    assert.deepEqual(await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v1' }), unlock(1));
    assert.equal(await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v2' }), null);
    assert.equal(await store.findCodeUnlock({ codeHash: 'c2', verifierHash: 'v1' }), null);
    // Recording the same unlock again (a retried write) keeps the link and the count.
    assert.deepEqual(await store.recordUnlock({ ...unlock(1), codeHash: 'c1', verifierHash: 'v1' }), { recorded: false });
    assert.deepEqual(await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v1' }), unlock(1));
    assert.equal(await store.countUnlocks({ item: 'playbook' }), 1);
    // A claim without a verifier hash is never found again.
    await store.claimCode({ codeHash: 'c3', expiresAt: T0 + 600_000, now: T0 });
    await store.recordUnlock({ ...unlock(2), codeHash: 'c3' });
    assert.equal(await store.findCodeUnlock({ codeHash: 'c3', verifierHash: '' }).catch(() => null), null);
    await store.close();
  });

  test(`${label}: bad input rejects with a TypeError naming the field, and stores nothing`, async () => {
    const store = await open();
    const bad = [
      [() => store.recordUnlock(), /recordUnlock expects an object/],
      [() => store.recordUnlock(unlock(1, { nonce: '' })), /nonce must be a non-empty string/],
      [() => store.recordUnlock(unlock(1, { nonce: 'n'.repeat(129) })), /nonce must be at most 128/],
      [() => store.recordUnlock(unlock(1, { item: 'é'.repeat(1025) })), /item must be at most 2048 UTF-8 bytes/],
      [() => store.recordUnlock(unlock(1, { item: 'a\uD800' })), /item must be well-formed/],
      [() => store.recordUnlock(unlock(1, { network: 42 })), /network must be a non-empty string/],
      [() => store.recordUnlock(unlock(1, { postId: undefined })), /postId must be a non-empty string/],
      [() => store.recordUnlock(unlock(1, { at: 1.5 })), /at must be a non-negative integer/],
      [() => store.recordUnlock(unlock(1, { at: '1750000000000' })), /at must be a non-negative integer/],
      [() => store.recordUnlock(unlock(1, { expiresAt: -1 })), /expiresAt must be a non-negative integer/],
      [() => store.recordUnlock(unlock(1, { expiresAt: T0 })), /expiresAt must not be before at/],
      [() => store.findUnlock(7), /nonce must be a non-empty string/],
      [() => store.countUnlocks({ item: 'x', since: NaN }), /since must be a non-negative integer/],
      [() => store.countUnlocks({}), /item must be a non-empty string/],
      [() => store.claimCode({ codeHash: 'h', expiresAt: T0, now: T0 }), /expiresAt must be after now/],
      [() => store.claimCode({ codeHash: 'h'.repeat(129), expiresAt: T0 + 1, now: T0 }), /codeHash must be at most 128/],
      [() => store.claimCode({ codeHash: 'h', expiresAt: T0 + 1 }), /now must be a non-negative integer/],
      [() => store.saveMastodonApp({ host: 'm.s', clientId: 'c', clientSecret: '', redirectUri: 'u', at: T0 }), /clientSecret must be a non-empty string/],
      [() => store.findMastodonApp({ host: 'h'.repeat(254), redirectUri: 'u' }), /host must be at most 253/],
    ];
    for (const [call, message] of bad) {
      const pending = call();
      assert.ok(pending instanceof Promise, `${call} must return a Promise, not throw`);
      await assert.rejects(pending, (error) => error instanceof TypeError && message.test(error.message), String(call));
    }
    // Exactly at the limits is fine.
    assert.deepEqual(await store.recordUnlock(unlock(1, { nonce: 'n'.repeat(128), item: 'é'.repeat(1024) })), { recorded: true });
    assert.equal(await store.countUnlocks({ item: 'playbook' }), 0);
    assert.equal(await store.countUnlocks({ item: 'é'.repeat(1024) }), 1);
    await store.close();
    await store.close(); // idempotent
    await assert.rejects(store.findUnlock('nonce-1'));
  });
}
