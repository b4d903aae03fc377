// Embedded storage for the verification server: one SQLite file, no setup.
// The contract (README.md next to this file) is async on purpose: better-sqlite3
// is synchronous, but a PostgreSQL store must be able to implement the same
// methods, so callers already await everything.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { counterSelect } from './counter-queries.js';
import {
  checkEvents, checkCounterPurge, checkCounterQuery, checkRefList, checkReportQuery, fields, millis, newItemsOf, newRowsOf,
  text, ANALYTICS_MEMORY,
} from './validate.js';
import { reportSelects, reportSums } from './report-queries.js';
import { sqliteReportRunner } from './sqlite-reports.js';

// Schema history. Entry i upgrades user_version i to i + 1. Never edit an
// entry that has shipped: append a new one, or existing files stop matching.
// Plain CREATE TABLE (no IF NOT EXISTS) so a migration that runs twice fails
// loudly instead of hiding a version-tracking bug.
const MIGRATIONS = [
  `CREATE TABLE unlocks (
     nonce      TEXT    NOT NULL PRIMARY KEY,
     item       TEXT    NOT NULL,
     network    TEXT    NOT NULL,
     post_id    TEXT    NOT NULL,
     at         INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT;
   -- countUnlocks filters on item and a lower bound on at.
   CREATE INDEX unlocks_item_at ON unlocks (item, at);

   CREATE TABLE oauth_codes (
     code_hash  TEXT    NOT NULL PRIMARY KEY,
     expires_at INTEGER NOT NULL
   ) STRICT;
   -- Every claim purges expired rows; the index keeps that cheap.
   CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);

   CREATE TABLE mastodon_apps (
     host          TEXT    NOT NULL,
     redirect_uri  TEXT    NOT NULL,
     client_id     TEXT    NOT NULL,
     client_secret TEXT    NOT NULL,
     at            INTEGER NOT NULL,
     PRIMARY KEY (host, redirect_uri)
   ) STRICT;`,
  // 2: a redeemed code remembers its verifier's hash and the unlock it
  // earned, so the same shopper retrying after a lost answer gets that
  // unlock back instead of "code already used".
  `ALTER TABLE oauth_codes ADD COLUMN verifier_hash TEXT NOT NULL DEFAULT '';
   ALTER TABLE oauth_codes ADD COLUMN nonce TEXT NOT NULL DEFAULT '';`,
  // 3: first-party analytics (issue 8): daily counters, the batch ids a
  // retried beacon repeats, and the share references visits arrive with.
  `CREATE TABLE analytics_counters (
     day         INTEGER NOT NULL,
     item        TEXT    NOT NULL,
     network     TEXT    NOT NULL,
     event       TEXT    NOT NULL,
     detail      TEXT    NOT NULL,
     count       INTEGER NOT NULL,
     value_milli INTEGER NOT NULL,
     PRIMARY KEY (day, item, network, event, detail)
   ) STRICT;
   -- The proof badge reads one item's shares.
   CREATE INDEX analytics_counters_item ON analytics_counters (item, event, day);

   CREATE TABLE analytics_batches (
     batch_id TEXT    NOT NULL PRIMARY KEY,
     at       INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX analytics_batches_at ON analytics_batches (at);

   CREATE TABLE analytics_refs (
     ref     TEXT    NOT NULL PRIMARY KEY,
     item    TEXT    NOT NULL,
     network TEXT    NOT NULL,
     at      INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX analytics_refs_at ON analytics_refs (at);`,
  // 4: a code is claimed per (code, verifier) (issue 20): whoever sees a
  // shopper's code first can no longer burn it with a wrong verifier.
  `CREATE TABLE oauth_code_claims (
     code_hash     TEXT    NOT NULL,
     verifier_hash TEXT    NOT NULL,
     nonce         TEXT    NOT NULL DEFAULT '',
     expires_at    INTEGER NOT NULL,
     PRIMARY KEY (code_hash, verifier_hash)
   ) STRICT;
   INSERT INTO oauth_code_claims (code_hash, verifier_hash, nonce, expires_at)
     SELECT code_hash, verifier_hash, nonce, expires_at FROM oauth_codes;
   DROP TABLE oauth_codes;
   CREATE INDEX oauth_code_claims_expires_at ON oauth_code_claims (expires_at);`,
  // 5: the items analytics counts, with the day each was first counted, so
  // that the number of new items a day is bounded (issue 20).
  `CREATE TABLE analytics_items (
     item      TEXT    NOT NULL PRIMARY KEY,
     first_day INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX analytics_items_first_day ON analytics_items (first_day);
   INSERT INTO analytics_items (item, first_day) SELECT item, min(day) FROM analytics_counters GROUP BY item;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
const DAY_MILLIS = 86_400_000;

// Byte limits and argument checks live in validate.js, shared with postgres.js.
export { LIMITS } from './validate.js';

/**
 * Opens (creating if needed) the store at `path`; ':memory:' gives a private
 * in-memory database for tests.
 * @param {{ path: string, busyTimeoutMillis?: number }} options
 */
export async function openSqliteStore(options) {
  const { path, busyTimeoutMillis = 5000 } = fields('openSqliteStore', options);
  if (typeof path !== 'string' || path.length === 0) throw new TypeError('openSqliteStore: path must be a non-empty string');
  if (!Number.isSafeInteger(busyTimeoutMillis) || busyTimeoutMillis < 0) {
    throw new TypeError('openSqliteStore: busyTimeoutMillis must be a non-negative integer');
  }
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });

  const db = new Database(path);
  try {
    // Set first: another process (a second server, a backup) may hold the
    // lock while we switch journal mode or migrate.
    db.pragma(`busy_timeout = ${busyTimeoutMillis}`);
    // WAL lets /v1/proof reads proceed while an unlock is being written. It is
    // unavailable on some filesystems (SQLite then keeps the rollback journal,
    // which is just as durable), so the answer is not checked.
    if (!inMemory) db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL may lose the last commits on power loss; an unlock we
    // have acknowledged to the shopper must not disappear, so fsync every commit.
    db.pragma('synchronous = FULL');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return createStore(db, sqliteReportRunner({ db, path, inMemory, busyTimeoutMillis }));
}

function migrate(db) {
  // IMMEDIATE takes the write lock before reading the version, so two servers
  // starting together cannot both apply the same migration.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true });
    if (version > MIGRATIONS.length) {
      throw new Error(`database schema version ${version} is newer than this server understands (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v += 1) db.exec(MIGRATIONS[v]);
    // user_version lives in the file header and is part of this transaction.
    if (version !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

function createStore(db, reports) {
  const insertUnlock = db.prepare(
    `INSERT INTO unlocks (nonce, item, network, post_id, at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (nonce) DO NOTHING`,
  );
  const selectUnlock = db.prepare(
    'SELECT nonce, item, network, post_id AS postId, at, expires_at AS expiresAt FROM unlocks WHERE nonce = ?',
  );
  const countByItem = db.prepare('SELECT count(*) AS n FROM unlocks WHERE item = ? AND at >= ?');
  const purgeCodes = db.prepare('DELETE FROM oauth_code_claims WHERE expires_at <= ?');
  const insertCode = db.prepare(
    `INSERT INTO oauth_code_claims (code_hash, verifier_hash, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (code_hash, verifier_hash) DO NOTHING`,
  );
  const linkCode = db.prepare('UPDATE oauth_code_claims SET nonce = ? WHERE code_hash = ? AND verifier_hash = ?');
  const selectCodeUnlock = db.prepare(
    `SELECT u.nonce, u.item, u.network, u.post_id AS postId, u.at, u.expires_at AS expiresAt
     FROM oauth_code_claims c JOIN unlocks u ON u.nonce = c.nonce
     WHERE c.code_hash = ? AND c.verifier_hash = ? AND c.verifier_hash <> ''`,
  );
  // The first registration wins: two first uses at once must not leave the
  // shopper who started first with a client id that no longer exists.
  const insertApp = db.prepare(
    `INSERT INTO mastodon_apps (host, redirect_uri, client_id, client_secret, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (host, redirect_uri) DO NOTHING`,
  );
  const selectApp = db.prepare(
    `SELECT host, client_id AS clientId, client_secret AS clientSecret, redirect_uri AS redirectUri, at
     FROM mastodon_apps WHERE host = ? AND redirect_uri = ?`,
  );
  // Purge and insert in one transaction so a concurrent claim of the same
  // hash cannot slip between them.
  const claim = db.transaction((codeHash, verifierHash, expiresAt, now) => {
    purgeCodes.run(now);
    return insertCode.run(codeHash, verifierHash, expiresAt).changes === 1;
  });
  const purgeBatches = db.prepare('DELETE FROM analytics_batches WHERE at < ?');
  const purgeRefs = db.prepare('DELETE FROM analytics_refs WHERE at < ?');
  const insertBatch = db.prepare('INSERT INTO analytics_batches (batch_id, at) VALUES (?, ?) ON CONFLICT (batch_id) DO NOTHING');
  const addCounter = db.prepare(
    `INSERT INTO analytics_counters (day, item, network, event, detail, count, value_milli) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, item, network, event, detail)
     DO UPDATE SET count = count + excluded.count, value_milli = value_milli + excluded.value_milli`,
  );
  // The first share that introduced a reference keeps it.
  const insertRef = db.prepare('INSERT INTO analytics_refs (ref, item, network, at) VALUES (?, ?, ?, ?) ON CONFLICT (ref) DO NOTHING');
  const selectRef = db.prepare('SELECT item, network FROM analytics_refs WHERE ref = ?');
  // The primary key starts with day: a range delete, cheap when there is nothing to delete.
  const deleteCountersBefore = db.prepare('DELETE FROM analytics_counters WHERE day < ?');
  // An item first counted before the kept days and with no counter left is
  // forgotten: it would be new again.
  const deleteItemsBefore = db.prepare(
    `DELETE FROM analytics_items WHERE first_day < ?
     AND NOT EXISTS (SELECT 1 FROM analytics_counters c WHERE c.item = analytics_items.item)`,
  );
  // One prepared statement per query shape (counter-queries.js): at most four.
  const counterStatements = new Map();
  const selectCounters = (query) => {
    const { text: sql, values } = counterSelect(query, 'sqlite');
    if (!counterStatements.has(sql)) counterStatements.set(sql, db.prepare(sql));
    return counterStatements.get(sql).all(...values);
  };
  const isKnownItem = db.prepare('SELECT 1 FROM analytics_items WHERE item = ?').pluck();
  const countNewItems = db.prepare('SELECT count(*) FROM analytics_items WHERE first_day = ?').pluck();
  const insertItem = db.prepare('INSERT INTO analytics_items (item, first_day) VALUES (?, ?) ON CONFLICT (item) DO NOTHING');
  const isCounted = db.prepare(
    'SELECT 1 FROM analytics_counters WHERE day = ? AND item = ? AND network = ? AND event = ? AND detail = ?').pluck();
  const countRowsOfDay = db.prepare('SELECT count(*) FROM analytics_counters WHERE day = ?').pluck();
  // The rows of `rows` to count: all that add to a counter, and the new
  // counters that fit the day's bound (newRowsOf); and the refused ones.
  const rowsWithin = (rows, newRowsPerDay) => {
    if (newRowsPerDay === Infinity) return { counted: rows, refusedRows: [] };
    const known = (row) => isCounted.get(row.day, row.item, row.network, row.event, row.detail) !== undefined;
    const fresh = rows.filter((row) => !known(row));
    const rowsByDay = new Map([...new Set(fresh.map((row) => row.day))].map((day) => [day, countRowsOfDay.get(day)]));
    const { admit, refused } = newRowsOf(fresh, rowsByDay, newRowsPerDay);
    return { counted: [...rows.filter(known), ...admit], refusedRows: refused };
  };
  // A batch counts once: its id, its counters and its references commit
  // together, and a retried beacon (same id) adds nothing. Items beyond the
  // day's new ones are left out (newItemsOf).
  const recordBatch = db.transaction((batchId, at, increments, refs, newItemsPerDay, newRowsPerDay) => {
    purgeBatches.run(at - ANALYTICS_MEMORY.batchMillis);
    purgeRefs.run(at - ANALYTICS_MEMORY.refMillis);
    if (insertBatch.run(batchId, at).changes === 0) return { recorded: false, refusedItems: [], refusedRows: [] };
    const day = Math.floor(at / DAY_MILLIS);
    const items = [...new Set(increments.map((row) => row.item))];
    const known = new Set(items.filter((item) => isKnownItem.get(item) !== undefined));
    const { admit, refused } = newItemsOf(items, known, known.size === items.length ? 0 : countNewItems.get(day), newItemsPerDay);
    for (const item of admit) insertItem.run(item, day);
    const left = new Set(refused);
    const { counted, refusedRows } = rowsWithin(increments.filter((row) => !left.has(row.item)), newRowsPerDay);
    for (const row of counted) addCounter.run(row.day, row.item, row.network, row.event, row.detail, row.count, row.valueMilli);
    for (const ref of refs) if (!left.has(ref.item)) insertRef.run(ref.ref, ref.item, ref.network, at);
    return { recorded: true, refusedItems: refused, refusedRows };
  });
  // The unlock and the code that earned it, together or not at all.
  const record = db.transaction((nonce, item, network, postId, at, expiresAt, codeHash, verifierHash) => {
    const { changes } = insertUnlock.run(nonce, item, network, postId, at, expiresAt);
    if (codeHash) linkCode.run(nonce, codeHash, verifierHash);
    return changes;
  });

  return {
    /**
     * Idempotent on nonce: a replay keeps the first row and reports { recorded: false }.
     * With `codeHash` (and the `verifierHash` it was claimed with), that claim
     * is linked to this unlock in the same transaction.
     */
    async recordUnlock(unlock) {
      const { nonce, item, network, postId, at, expiresAt, codeHash = '', verifierHash = '' } = fields('recordUnlock', unlock);
      if (codeHash !== '') text('codeHash', codeHash);
      if (verifierHash !== '') text('codeHash', verifierHash);
      text('nonce', nonce);
      text('item', item);
      text('network', network);
      text('postId', postId);
      millis('at', at);
      millis('expiresAt', expiresAt);
      if (expiresAt < at) throw new TypeError('recordUnlock: expiresAt must not be before at');
      return { recorded: record(nonce, item, network, postId, at, expiresAt, codeHash, verifierHash) === 1 };
    },

    async findUnlock(nonce) {
      text('nonce', nonce);
      return selectUnlock.get(nonce) ?? null;
    },

    async countUnlocks(query) {
      const { item, since = 0 } = fields('countUnlocks', query);
      text('item', item);
      millis('since', since);
      return countByItem.get(item, since).n;
    },

    /**
     * true on first use of codeHash with verifierHash (kept until expiresAt),
     * false on a replay of the pair before then. Another verifier's claim of
     * the same code (a wrong one: the provider refuses it) blocks nothing.
     * `verifierHash` (optional) lets findCodeUnlock recognise the same shopper later.
     */
    async claimCode(claimArgs) {
      const { codeHash, verifierHash = '', expiresAt, now } = fields('claimCode', claimArgs);
      text('codeHash', codeHash);
      if (verifierHash !== '') text('codeHash', verifierHash);
      millis('expiresAt', expiresAt);
      millis('now', now);
      // A claim that is already expired would be purged at once and so allow
      // replays; the caller has mixed up its clock or lifetime.
      if (expiresAt <= now) throw new TypeError('claimCode: expiresAt must be after now');
      return claim(codeHash, verifierHash, expiresAt, now);
    },

    /** The unlock a still-remembered code earned, for the same verifier; null otherwise. */
    async findCodeUnlock(query) {
      const { codeHash, verifierHash } = fields('findCodeUnlock', query);
      text('codeHash', codeHash);
      text('codeHash', verifierHash);
      return selectCodeUnlock.get(codeHash, verifierHash) ?? null;
    },

    /** Keeps the first registration for a host and redirect URI; returns the one kept. */
    async saveMastodonApp(app) {
      const { host, clientId, clientSecret, redirectUri, at } = fields('saveMastodonApp', app);
      text('host', host);
      text('clientId', clientId);
      text('clientSecret', clientSecret);
      text('redirectUri', redirectUri);
      millis('at', at);
      insertApp.run(host, redirectUri, clientId, clientSecret, at);
      return selectApp.get(host, redirectUri);
    },

    async findMastodonApp(query) {
      const { host, redirectUri } = fields('findMastodonApp', query);
      text('host', host);
      text('redirectUri', redirectUri);
      return selectApp.get(host, redirectUri) ?? null;
    },

    /** One collector batch, counted once per batchId (see README.md). */
    async recordEvents(batch) {
      const { batchId, at, increments, refs, newItemsPerDay, newRowsPerDay } = checkEvents(batch);
      return recordBatch(batchId, at, increments, refs, newItemsPerDay, newRowsPerDay);
    },

    /** The targets of the references still remembered, by reference. */
    async findRefs(refs) {
      const found = {};
      for (const ref of checkRefList(refs)) {
        const target = selectRef.get(ref);
        if (target) found[ref] = target;
      }
      return found;
    },

    /** Deletes the counters of days before beforeDay; how many rows went. */
    async purgeCounters(purge) {
      const { beforeDay } = checkCounterPurge(purge);
      const deleted = deleteCountersBefore.run(beforeDay).changes;
      deleteItemsBefore.run(beforeDay);
      return { deleted };
    },

    /** Counter rows of days fromDay..toDay, optionally one item and/or one event. */
    async readCounters(query) {
      return selectCounters(checkCounterQuery(query));
    },

    /** The dashboard report's sums over fromDay..toDay (report-queries.js). */
    async readReportSums(query) {
      const checked = checkReportQuery(query);
      if (!db.open) throw new TypeError('the store is closed');
      return reportSums(await reports.run(reportSelects(checked, 'sqlite')), checked.fromDay);
    },

    /** Idempotent. Later calls on the store reject. */
    async close() {
      await reports.close();
      if (db.open) db.close();
    },
  };
}
