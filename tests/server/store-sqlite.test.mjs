// The verification server's SQLite store: the storage contract shared with
// every store (store-contract.mjs, see server/store/README.md) plus what only
// a file gives — schema on first open, migrations, WAL, nothing lost across a
// restart or a crash.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { counterSelect } from '../../server/store/counter-queries.js';
import { reportSelects } from '../../server/store/report-queries.js';
import { openSqliteStore, SCHEMA_VERSION } from '../../server/store/sqlite.js';
import { COUNTER_QUERY_SHAPES, REPORT_QUERY } from './analytics-store-contract.mjs';
import { storeContract, T0, unlock } from './store-contract.mjs';

const storeModule = new URL('../../server/store/sqlite.js', import.meta.url).href;

const scratch = await mkdtemp(join(tmpdir(), 'sharelock-store-'));
after(() => rm(scratch, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(scratch, `db-${(files += 1)}`, 'sharelock.db');

storeContract('sqlite', () => openSqliteStore({ path: ':memory:' }));

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
    assert.deepEqual(tables, ['analytics_batches', 'analytics_counters', 'analytics_items', 'analytics_refs', 'mastodon_apps', 'oauth_code_claims', 'unlocks']);
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

test('claimCode purges expired claims lazily', async () => {
  const path = freshPath();
  const store = await openSqliteStore({ path });
  for (let n = 0; n < 10; n += 1) await store.claimCode({ codeHash: `old-${n}`, expiresAt: T0 + 1000, now: T0 });
  await store.claimCode({ codeHash: 'live', expiresAt: T0 + 10_000, now: T0 });
  await store.claimCode({ codeHash: 'new', expiresAt: T0 + 20_000, now: T0 + 1000 });
  inspect(path, (db) => {
    const hashes = db.prepare('SELECT code_hash FROM oauth_code_claims ORDER BY code_hash').pluck().all();
    assert.deepEqual(hashes, ['live', 'new']);
  });
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

test('bad paths are refused with a TypeError', async () => {
  await assert.rejects(openSqliteStore({ path: '' }), TypeError);
  await assert.rejects(openSqliteStore(), TypeError);
});

// Every shape of readCounters searches an index instead of scanning the
// table (counter-queries.js). Issue 20: with "(? IS NULL OR item = ?)" a
// proof feed scanned every counter of every item.
test('every counter read searches an index (EXPLAIN QUERY PLAN)', async () => {
  const path = freshPath();
  await (await openSqliteStore({ path })).close();
  inspect(path, (db) => {
    for (const shape of COUNTER_QUERY_SHAPES) {
      const { text, values } = counterSelect({ fromDay: 0, toDay: 30_000, ...shape }, 'sqlite');
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values).map((row) => row.detail);
      assert.ok(plan.some((step) => /^SEARCH analytics_counters USING (INDEX|PRIMARY KEY)/.test(step)), `${JSON.stringify(shape)}: ${plan.join(' | ')}`);
      assert.ok(!plan.some((step) => /^SCAN analytics_counters/.test(step)), `${JSON.stringify(shape)}: ${plan.join(' | ')}`);
      // One item's counters through the item index, not every day's rows
      // of every item (what the single statement read).
      if (shape.item !== null) assert.match(plan.join(' | '), /USING INDEX analytics_counters_item \(item=\?/, JSON.stringify(shape));
    }
  });
});

// The report's sums read every counter row of their days (a second for 30
// days at the daily bound): on the server's thread they would hold every
// unlock. They run in a worker, whose better-sqlite3 is a module instance
// of its own: this thread's never prepares them.
test('the report sums run off the calling thread: an unlock read is answered meanwhile', async () => {
  const store = await openSqliteStore({ path: freshPath() });
  await store.recordUnlock(unlock(1));
  await store.recordEvents({ batchId: 'batch-offthread01', at: T0, increments: [{
    day: REPORT_QUERY.toDay, item: 'boots', network: 'x', event: 'share', detail: '', count: 2, valueMilli: 0 }] });
  const prepare = Database.prototype.prepare;
  const preparedHere = [];
  Database.prototype.prepare = function spied(sql) {
    preparedHere.push(sql);
    return prepare.call(this, sql);
  };
  try {
    const report = store.readReportSums(REPORT_QUERY);
    assert.equal((await store.findUnlock('nonce-1')).nonce, 'nonce-1');
    assert.deepEqual((await report).funnel.map((row) => row.count), [2]);
  } finally {
    Database.prototype.prepare = prepare;
  }
  assert.deepEqual(preparedHere.filter((sql) => /analytics_counters/.test(sql)), []);
  await store.close();
  await assert.rejects(store.readReportSums(REPORT_QUERY), TypeError);
});

// The dashboard report's sums read the report's days through the primary
// key (day first), and the listed items' rows through the item index.
test('every report sum searches an index (EXPLAIN QUERY PLAN)', async () => {
  const path = freshPath();
  await (await openSqliteStore({ path })).close();
  inspect(path, (db) => {
    for (const [part, { text, values }] of Object.entries(reportSelects(REPORT_QUERY, 'sqlite'))) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values).map((row) => row.detail).join(' | ');
      assert.match(plan, /SEARCH analytics_counters USING (INDEX \S+|PRIMARY KEY) \(day>\? AND day<\?\)/, `${part}: ${plan}`);
      assert.doesNotMatch(plan, /SCAN analytics_counters/, `${part}: ${plan}`);
      if (part === 'funnel') assert.match(plan, /SEARCH c USING INDEX analytics_counters_item \(item=\? AND event=\? AND day>\? AND day<\?\)/, plan);
    }
  });
});
