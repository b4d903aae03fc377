// The verification server's SQLite store: the storage contract (see
// server/store/README.md) plus what only a file gives — schema on first open,
// migrations, WAL, nothing lost across a restart or a crash.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { openSqliteStore, SCHEMA_VERSION } from '../../server/store/sqlite.js';

const storeModule = new URL('../../server/store/sqlite.js', import.meta.url).href;

const scratch = await mkdtemp(join(tmpdir(), 'sharelock-store-'));
after(() => rm(scratch, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(scratch, `db-${(files += 1)}`, 'sharelock.db');

const T0 = 1_750_000_000_000;
const unlock = (n, overrides = {}) => ({
  nonce: `nonce-${n}`,
  item: 'playbook',
  network: 'mastodon',
  postId: `post-${n}`,
  at: T0 + n * 1000,
  expiresAt: T0 + n * 1000 + 86_400_000,
  ...overrides,
});

function inspect(path, fn) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

test('first open creates the file, its directories and the schema; WAL is on', async () => {
  const path = freshPath();
  assert.equal(existsSync(join(path, '..')), false);
  const store = await openSqliteStore({ path });
  assert.equal(existsSync(path), true);
  await store.close();
  inspect(path, (db) => {
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.ok(SCHEMA_VERSION >= 1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['mastodon_apps', 'oauth_codes', 'unlocks']);
    // journal_mode=WAL is persistent, so another connection sees it.
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  });
});

test('reopening after close keeps every unlock and does not migrate again', async () => {
  const path = freshPath();
  let store = await openSqliteStore({ path });
  for (let n = 0; n < 100; n += 1) assert.deepEqual(await store.recordUnlock(unlock(n)), { recorded: true });
  await store.claimCode({ codeHash: 'h1', expiresAt: T0 + 60_000, now: T0 });
  await store.close();

  // The migrations use plain CREATE TABLE: re-running one would throw here.
  store = await openSqliteStore({ path });
  for (let n = 0; n < 100; n += 1) assert.deepEqual(await store.findUnlock(`nonce-${n}`), unlock(n));
  assert.equal(await store.countUnlocks({ item: 'playbook' }), 100);
  assert.equal(await store.claimCode({ codeHash: 'h1', expiresAt: T0 + 60_000, now: T0 + 1 }), false);
  await store.close();
  inspect(path, (db) => assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION));
});

test('an acknowledged unlock survives the process being killed without close', async () => {
  const path = freshPath();
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
    const store = await openSqliteStore({ path: ${JSON.stringify(path)} });
    for (let n = 0; n < 50; n += 1) {
      await store.recordUnlock({ nonce: 'k' + n, item: 'crash', network: 'x', postId: 'p' + n, at: n, expiresAt: n + 1 });
    }
    process.stdout.write('acknowledged\\n', () => process.kill(process.pid, 'SIGKILL'));
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => { out += chunk; });
  const [code, signal] = await new Promise((done) => child.on('exit', (...a) => done(a)));
  assert.equal(out, 'acknowledged\n');
  assert.deepEqual([code, signal], [null, 'SIGKILL']);
  // Killed with the WAL not checkpointed: the reopen must recover from it.
  assert.equal(existsSync(`${path}-wal`), true);

  const store = await openSqliteStore({ path });
  assert.equal(await store.countUnlocks({ item: 'crash' }), 50);
  assert.deepEqual(await store.findUnlock('k49'), { nonce: 'k49', item: 'crash', network: 'x', postId: 'p49', at: 49, expiresAt: 50 });
  await store.close();
});

test('a schema newer than the code is refused, and the file left alone', async () => {
  const path = freshPath();
  await (await openSqliteStore({ path })).close();
  const db = new Database(path);
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  db.close();
  await assert.rejects(openSqliteStore({ path }), /newer than this server understands/);
  inspect(path, (check) => assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1));
});

test('recordUnlock is idempotent on nonce: one row, the first one, recorded:false after', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  assert.deepEqual(await store.recordUnlock(unlock(1)), { recorded: true });
  assert.deepEqual(await store.recordUnlock(unlock(1)), { recorded: false });
  assert.deepEqual(await store.recordUnlock(unlock(1, { item: 'other', postId: 'replayed' })), { recorded: false });
  assert.deepEqual(await store.findUnlock('nonce-1'), unlock(1));
  assert.equal(await store.countUnlocks({ item: 'playbook' }), 1);
  assert.equal(await store.countUnlocks({ item: 'other' }), 0);
  assert.equal(await store.findUnlock('nonce-2'), null);
  await store.close();
});

test('countUnlocks counts per item, with since as an inclusive lower bound', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
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

test('claimCode: true once, false on replay until expiry, claimable again after', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
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

test('claimCode purges expired claims lazily', async () => {
  const path = freshPath();
  const store = await openSqliteStore({ path });
  for (let n = 0; n < 10; n += 1) await store.claimCode({ codeHash: `old-${n}`, expiresAt: T0 + 1000, now: T0 });
  await store.claimCode({ codeHash: 'live', expiresAt: T0 + 10_000, now: T0 });
  await store.claimCode({ codeHash: 'new', expiresAt: T0 + 20_000, now: T0 + 1000 });
  inspect(path, (db) => {
    const hashes = db.prepare('SELECT code_hash FROM oauth_codes ORDER BY code_hash').pluck().all();
    assert.deepEqual(hashes, ['live', 'new']);
  });
  await store.close();
});

test('Mastodon app registrations round-trip, keyed by host and redirect URI', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  const app = { host: 'mastodon.social', clientId: 'cid', clientSecret: 'secret', redirectUri: 'https://verify.shop.example/cb', at: T0 };
  assert.equal(await store.findMastodonApp({ host: app.host, redirectUri: app.redirectUri }), null);
  await store.saveMastodonApp(app);
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

test('a claimed code is linked to the unlock it earned, found again only with the same verifier', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
  assert.equal(await store.claimCode({ codeHash: 'c1', verifierHash: 'v1', expiresAt: T0 + 600_000, now: T0 }), true);
  assert.equal(await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v1' }), null);  // not earned yet
  await store.recordUnlock({ ...unlock(1), codeHash: 'c1' });
  const found = await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v1' });
  assert.equal(found.nonce, unlock(1).nonce);
  assert.equal(found.item, unlock(1).item);
  assert.equal(await store.findCodeUnlock({ codeHash: 'c1', verifierHash: 'v2' }), null);
  assert.equal(await store.findCodeUnlock({ codeHash: 'c2', verifierHash: 'v1' }), null);
  // A claim without a verifier hash is never found again.
  await store.claimCode({ codeHash: 'c3', expiresAt: T0 + 600_000, now: T0 });
  await store.recordUnlock({ ...unlock(2), codeHash: 'c3' });
  assert.equal(await store.findCodeUnlock({ codeHash: 'c3', verifierHash: '' }).catch(() => null), null);
  await store.close();
});

test('a version-1 file is upgraded in place and keeps its unlocks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sharelock-store-v1-'));
  const path = join(dir, 'v1.db');
  const db = new Database(path);
  db.exec(`CREATE TABLE unlocks (nonce TEXT NOT NULL PRIMARY KEY, item TEXT NOT NULL, network TEXT NOT NULL,
             post_id TEXT NOT NULL, at INTEGER NOT NULL, expires_at INTEGER NOT NULL) STRICT;
           CREATE INDEX unlocks_item_at ON unlocks (item, at);
           CREATE TABLE oauth_codes (code_hash TEXT NOT NULL PRIMARY KEY, expires_at INTEGER NOT NULL) STRICT;
           CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);
           CREATE TABLE mastodon_apps (host TEXT NOT NULL, redirect_uri TEXT NOT NULL, client_id TEXT NOT NULL,
             client_secret TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (host, redirect_uri)) STRICT;
           INSERT INTO unlocks VALUES ('old-nonce', 'ebook', 'x', '1', ${T0}, ${T0 + 1000});
           INSERT INTO oauth_codes VALUES ('old-code', ${T0 + 600_000});`);
  db.pragma('user_version = 1');
  db.close();
  const store = await openSqliteStore({ path });
  assert.equal(await store.countUnlocks({ item: 'ebook' }), 1);
  assert.equal(await store.claimCode({ codeHash: 'old-code', expiresAt: T0 + 600_000, now: T0 }), false);
  assert.equal(await store.findCodeUnlock({ codeHash: 'old-code', verifierHash: 'v' }), null);
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

test('bad input rejects with a TypeError naming the field, and stores nothing', async () => {
  const store = await openSqliteStore({ path: ':memory:' });
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
  await assert.rejects(openSqliteStore({ path: '' }), TypeError);
  await assert.rejects(openSqliteStore(), TypeError);
});
