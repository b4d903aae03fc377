// PostgreSQL storage for the verification server, for running several
// server processes against one database (DATABASE_URL). Same contract as
// sqlite.js (README.md next to this file): every method async, the same
// validation (validate.js), the same answers.
//
// Failure model. A pooled connection can die under us (a database restart,
// a failover, pg_terminate_backend). Idempotent operations — reads,
// recordUnlock (unique nonce) and saveMastodonApp (first one kept) — are
// simply retried on a fresh connection for up to `retryMillis`, even when the
// first attempt may have committed: running them twice changes nothing.
// claimCode is not idempotent (a second run answers "already claimed"), so it
// is retried only when the failure certainly came before COMMIT was sent
// (then the transaction was rolled back). When retrying is impossible or the
// database stays away, the method rejects with a StoreUnavailableError
// (code 'store-unavailable'), which the handler answers with 503.
import pg from 'pg';
import { admitNewItems, admitNewRows } from './postgres-items.js';
import { reportReads } from './postgres-reports.js';
import { migrate, SCHEMA_VERSION } from './postgres-schema.js';
import {
  ANALYTICS_MEMORY, checkCounterPurge, checkEvents, checkRefList, fields, LIMITS, millis, text,
} from './validate.js';

export { LIMITS, SCHEMA_VERSION };

export class StoreUnavailableError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'StoreUnavailableError';
    this.code = 'store-unavailable';
    this.retryable = true;
  }
}

// SQLSTATE classes and Node socket errors that mean "the connection or the
// server went away", not "your query is wrong".
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
function isConnectionError(error) {
  if (!error) return false;
  if (error instanceof StoreUnavailableError) return true;
  const code = String(error.code ?? '');
  if (CONNECTION_ERRORS.has(code)) return true;
  // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now;
  // 53300: too many connections.
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  // 40001 serialization failure, 40P01 deadlock: PostgreSQL rolled the
  // transaction back, so running it again is the documented answer.
  if (code === '40001' || code === '40P01') return true;
  // node-postgres reports a socket closed mid-query or a pool timeout by message only.
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(String(error.message));
}

// PostgreSQL text cannot hold U+0000; refuse it as bad input (a TypeError,
// like every other invalid argument) instead of a driver error.
function pgText(name, value) {
  text(name, value);
  return noNul(name, value);
}
function noNul(name, value) {
  if (typeof value === 'string' && value.includes('\u0000')) throw new TypeError(`${name} must not contain U+0000`);
  return value;
}

const UNLOCK_COLUMNS = 'nonce, item, network, post_id AS "postId", at, expires_at AS "expiresAt"';
const APP_COLUMNS = 'host, client_id AS "clientId", client_secret AS "clientSecret", redirect_uri AS "redirectUri", at';

// bigint (ms since the epoch, count(*)) arrives as a string by default;
// every value we store is a safe integer, so numbers are exact.
const INT8_OID = 20;
const types = {
  getTypeParser: (oid, format) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)),
};

/**
 * Connects a pool to `url`, applies pending migrations (once, even with
 * several servers starting together) and returns the store.
 * @param {{ url: string, max?: number, connectionTimeoutMillis?: number, retryMillis?: number,
 *           statementTimeoutMillis?: number, onError?: (error: Error) => void,
 *           clock?: { now: () => number, sleep: (ms: number) => Promise<void> } }} options
 *   `clock` measures and waits out `retryMillis` (real time by default); a
 *   test passes a fake one so that "an outage shorter / longer than the
 *   retry budget" does not depend on how fast the machine is.
 */
export async function openPostgresStore(options) {
  const {
    url, max = 10, connectionTimeoutMillis = 5000, retryMillis = 5000, statementTimeoutMillis = 10_000,
    onError = () => {}, clock = REAL_CLOCK,
  } = fields('openPostgresStore', options);
  if (typeof url !== 'string' || !/^postgres(ql)?:\/\//.test(url)) {
    throw new TypeError('openPostgresStore: url must be a postgres:// or postgresql:// URL');
  }
  for (const [name, value] of Object.entries({ max, connectionTimeoutMillis, retryMillis, statementTimeoutMillis })) {
    const least = name === 'max' ? 1 : 0;
    if (!Number.isSafeInteger(value) || value < least) throw new TypeError(`openPostgresStore: ${name} must be an integer ≥ ${least}`);
  }
  if (clock === null || typeof clock !== 'object' || typeof clock.now !== 'function' || typeof clock.sleep !== 'function') {
    throw new TypeError('openPostgresStore: clock must be an object with now() and sleep(ms)');
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMillis,
    application_name: 'sharelock-verification-server',
    types,
  });
  // An idle pooled connection that dies (the server restarted, a DBA killed
  // it) is reported here and dropped by the pool; without a listener Node
  // would treat it as an uncaught error and exit.
  pool.on('error', (error) => onError(error));
  // A connection that breaks while checked out also emits 'error' on its
  // client (the pool listens only while it is idle); the failed query
  // rejects as well and withRetry handles it there, so just report it.
  pool.on('connect', (client) => client.on('error', (error) => onError(error)));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return createStore(pool, { retryMillis, clock });
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

// Real time: what the server always uses.
const REAL_CLOCK = Object.freeze({
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => { setTimeout(resolve, ms); }),
});

function createStore(pool, { retryMillis, clock }) {
  let closed = false;

  /**
   * Runs `attempt(client)` on a pooled connection, retrying connection
   * failures while `retryMillis` lasts. `safeToRetry(error, state)` says
   * whether this failure may be retried (idempotent work: always).
   */
  async function withRetry(attempt, safeToRetry = () => true) {
    if (closed) throw new Error('the store is closed');
    const deadline = clock.now() + retryMillis;
    for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
      const state = { committing: false };
      let client;
      try {
        client = await pool.connect();
      } catch (error) {
        // Nothing was sent: always safe to try again.
        if (!isConnectionError(error) || closed) throw error;
        if (clock.now() + delay > deadline) throw new StoreUnavailableError(`the database cannot be reached: ${error.message}`, { cause: error });
        await clock.sleep(delay);
        continue;
      }
      try {
        const result = await attempt(client, state);
        client.release();
        return result;
      } catch (error) {
        const broken = isConnectionError(error);
        // A broken connection must not go back to the pool.
        client.release(broken ? error : undefined);
        if (!broken) throw error;
        if (closed || !safeToRetry(error, state) || clock.now() + delay > deadline) {
          throw new StoreUnavailableError(`the database connection failed: ${error.message}`, { cause: error });
        }
        await clock.sleep(delay);
      }
    }
  }

  const query = (sql, values) => withRetry(async (client) => (await client.query(sql, values)).rows);

  /**
   * `work(client)` inside BEGIN … COMMIT. A failure before COMMIT was sent
   * rolled everything back, so it is retried; one during COMMIT is retried
   * only for `idempotent` work (running it twice changes nothing).
   */
  const transaction = (work, { idempotent }) => withRetry(async (client, state) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      state.committing = true;
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!state.committing) await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }, (error, state) => idempotent || !state.committing);

  return {
    /**
     * Idempotent on nonce: a replay keeps the first row and reports { recorded: false }.
     * With `codeHash`, the claimed code is linked to this unlock in the same statement.
     */
    async recordUnlock(unlock) {
      const { nonce, item, network, postId, at, expiresAt, codeHash = '', verifierHash = '' } = fields('recordUnlock', unlock);
      if (codeHash !== '') pgText('codeHash', codeHash);
      if (verifierHash !== '') pgText('codeHash', verifierHash);
      pgText('nonce', nonce);
      pgText('item', item);
      pgText('network', network);
      pgText('postId', postId);
      millis('at', at);
      millis('expiresAt', expiresAt);
      if (expiresAt < at) throw new TypeError('recordUnlock: expiresAt must not be before at');
      // One statement is one transaction: the row and the code link commit
      // together. Retried blindly on a lost connection — if the first try
      // committed, the retry inserts nothing and the count is unchanged.
      const rows = await query(
        `WITH inserted AS (
           INSERT INTO unlocks (nonce, item, network, post_id, at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (nonce) DO NOTHING RETURNING 1
         ), linked AS (
           UPDATE oauth_code_claims SET nonce = $1 WHERE $7 <> '' AND code_hash = $7 AND verifier_hash = $8 RETURNING 1
         )
         SELECT (SELECT count(*) FROM inserted) AS recorded`,
        [nonce, item, network, postId, at, expiresAt, codeHash, verifierHash],
      );
      return { recorded: rows[0].recorded === 1 };
    },

    async findUnlock(nonce) {
      pgText('nonce', nonce);
      const rows = await query(`SELECT ${UNLOCK_COLUMNS} FROM unlocks WHERE nonce = $1`, [nonce]);
      return rows[0] ?? null;
    },

    async countUnlocks(countQuery) {
      const { item, since = 0 } = fields('countUnlocks', countQuery);
      pgText('item', item);
      millis('since', since);
      const rows = await query('SELECT count(*) AS n FROM unlocks WHERE item = $1 AND at >= $2', [item, since]);
      return rows[0].n;
    },

    /**
     * true on first use of codeHash with verifierHash (kept until expiresAt),
     * false on a replay of the pair before then. Atomic across every server
     * sharing the database: the primary key on (code_hash, verifier_hash)
     * lets exactly one concurrent INSERT through.
     */
    async claimCode(claimArgs) {
      const { codeHash, verifierHash = '', expiresAt, now } = fields('claimCode', claimArgs);
      pgText('codeHash', codeHash);
      if (verifierHash !== '') pgText('codeHash', verifierHash);
      millis('expiresAt', expiresAt);
      millis('now', now);
      if (expiresAt <= now) throw new TypeError('claimCode: expiresAt must be after now');
      // Purge first, in the same transaction: an expired claim of this very
      // hash must not block a new one (one statement could not do both: its
      // INSERT would still see the row its DELETE removes). Not idempotent:
      // lost during COMMIT we cannot know whether the claim is ours, and a
      // second try would answer false for our own claim, so that is given up.
      return transaction(async (client) => {
        await client.query('DELETE FROM oauth_code_claims WHERE expires_at <= $1', [now]);
        const { rowCount } = await client.query(
          `INSERT INTO oauth_code_claims (code_hash, verifier_hash, expires_at) VALUES ($1, $2, $3)
           ON CONFLICT (code_hash, verifier_hash) DO NOTHING`,
          [codeHash, verifierHash, expiresAt],
        );
        return rowCount === 1;
      }, { idempotent: false });
    },

    /** The unlock a still-remembered code earned, for the same verifier; null otherwise. */
    async findCodeUnlock(codeQuery) {
      const { codeHash, verifierHash } = fields('findCodeUnlock', codeQuery);
      pgText('codeHash', codeHash);
      pgText('codeHash', verifierHash);
      const rows = await query(
        `SELECT u.nonce, u.item, u.network, u.post_id AS "postId", u.at, u.expires_at AS "expiresAt"
         FROM oauth_code_claims c JOIN unlocks u ON u.nonce = c.nonce
         WHERE c.code_hash = $1 AND c.verifier_hash = $2 AND c.verifier_hash <> ''`,
        [codeHash, verifierHash],
      );
      return rows[0] ?? null;
    },

    /** Keeps the first registration for a host and redirect URI; returns the one kept. */
    async saveMastodonApp(app) {
      const { host, clientId, clientSecret, redirectUri, at } = fields('saveMastodonApp', app);
      pgText('host', host);
      pgText('clientId', clientId);
      pgText('clientSecret', clientSecret);
      pgText('redirectUri', redirectUri);
      millis('at', at);
      await query(
        `INSERT INTO mastodon_apps (host, redirect_uri, client_id, client_secret, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (host, redirect_uri) DO NOTHING`,
        [host, redirectUri, clientId, clientSecret, at],
      );
      // A separate statement on purpose: when another server won the race,
      // the INSERT waited for its commit, but a SELECT in the same statement
      // would still read the snapshot from before it and find nothing.
      const rows = await query(`SELECT ${APP_COLUMNS} FROM mastodon_apps WHERE host = $1 AND redirect_uri = $2`, [host, redirectUri]);
      return rows[0];
    },

    async findMastodonApp(appQuery) {
      const { host, redirectUri } = fields('findMastodonApp', appQuery);
      pgText('host', host);
      pgText('redirectUri', redirectUri);
      const rows = await query(`SELECT ${APP_COLUMNS} FROM mastodon_apps WHERE host = $1 AND redirect_uri = $2`, [host, redirectUri]);
      return rows[0] ?? null;
    },

    /**
     * One collector batch, counted once per batchId: the id, its counters
     * and its references commit together. Retried even when cut off during
     * COMMIT — counting stays exact (the id is unique), though a batch that
     * did commit then answers { recorded: false }.
     */
    async recordEvents(batch) {
      const { batchId, at, increments, refs, newItemsPerDay, newRowsPerDay } = checkEvents(batch);
      noNul('batchId', batchId);
      for (const row of increments) for (const key of ['item', 'network', 'event', 'detail']) noNul(key, row[key]);
      for (const ref of refs) for (const key of ['ref', 'item', 'network']) noNul(key, ref[key]);
      // Upserts in key order: two batches touching the same counters then
      // lock them in the same order and cannot deadlock each other.
      const key = (r) => [r.day, r.item, r.network, r.event, r.detail];
      const sorted = [...increments].sort((x, y) => compareKeys(key(x), key(y)));
      return transaction(async (client) => {
        await client.query('DELETE FROM analytics_batches WHERE at < $1', [at - ANALYTICS_MEMORY.batchMillis]);
        await client.query('DELETE FROM analytics_refs WHERE at < $1', [at - ANALYTICS_MEMORY.refMillis]);
        const { rowCount } = await client.query(
          'INSERT INTO analytics_batches (batch_id, at) VALUES ($1, $2) ON CONFLICT (batch_id) DO NOTHING', [batchId, at]);
        if (rowCount === 0) return { recorded: false, refusedItems: [], refusedRows: [] };
        // Items beyond the day's new ones are left out, and so are new rows
        // beyond the day's (postgres-items.js).
        const refused = await admitNewItems(client, increments, at, newItemsPerDay);
        const left = new Set(refused);
        const { counted, refusedRows } = await admitNewRows(client, sorted.filter((row) => !left.has(row.item)), newRowsPerDay);
        for (const row of counted) {
          await client.query(
            `INSERT INTO analytics_counters (day, item, network, event, detail, count, value_milli) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (day, item, network, event, detail)
             DO UPDATE SET count = analytics_counters.count + excluded.count, value_milli = analytics_counters.value_milli + excluded.value_milli`,
            [row.day, row.item, row.network, row.event, row.detail, row.count, row.valueMilli],
          );
        }
        // The first share that introduced a reference keeps it.
        for (const ref of refs.filter((kept) => !left.has(kept.item))) {
          await client.query('INSERT INTO analytics_refs (ref, item, network, at) VALUES ($1, $2, $3, $4) ON CONFLICT (ref) DO NOTHING',
            [ref.ref, ref.item, ref.network, at]);
        }
        return { recorded: true, refusedItems: refused, refusedRows };
      }, { idempotent: true });
    },

    /** The targets of the references still remembered, by reference. */
    async findRefs(refs) {
      checkRefList(refs).forEach((ref) => noNul('ref', ref));
      if (refs.length === 0) return {};
      const rows = await query('SELECT ref, item, network FROM analytics_refs WHERE ref = ANY($1::text[])', [refs]);
      return Object.fromEntries(rows.map(({ ref, item, network }) => [ref, { item, network }]));
    },

    /** Deletes the counters of days before beforeDay; how many rows went. Idempotent. */
    async purgeCounters(purge) {
      const { beforeDay } = checkCounterPurge(purge);
      const rows = await query('WITH gone AS (DELETE FROM analytics_counters WHERE day < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [beforeDay]);
      // An item first counted before the kept days and with no counter left
      // is forgotten: it would be new again.
      await query(`DELETE FROM analytics_items i WHERE first_day < $1
                   AND NOT EXISTS (SELECT 1 FROM analytics_counters c WHERE c.item = i.item)`, [beforeDay]);
      return { deleted: rows[0].n };
    },

    ...reportReads(query, noNul),

    /** Idempotent. Later calls on the store reject. */
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },

    /** For tests and operators: the pool's connection counts. */
    poolStats() {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
  };
}
