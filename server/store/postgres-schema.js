// The PostgreSQL store's schema (postgres.js): its history of migrations,
// and applying the pending ones once, even with several servers starting
// together.

// Schema history; entry i upgrades version i to i + 1. Never edit an entry
// that has shipped: append one. Plain CREATE TABLE, so a migration that
// runs twice fails loudly instead of hiding a version-tracking bug.
const MIGRATIONS = [
  `CREATE TABLE unlocks (
     nonce      text   NOT NULL PRIMARY KEY,
     item       text   NOT NULL,
     network    text   NOT NULL,
     post_id    text   NOT NULL,
     at         bigint NOT NULL,
     expires_at bigint NOT NULL
   );
   -- countUnlocks filters on item and a lower bound on at.
   CREATE INDEX unlocks_item_at ON unlocks (item, at);

   -- verifier_hash and nonce: a redeemed code remembers the shopper's
   -- verifier and the unlock it earned, so a retry after a lost answer
   -- gets that unlock back (sqlite.js added these in its migration 2).
   CREATE TABLE oauth_codes (
     code_hash     text   NOT NULL PRIMARY KEY,
     verifier_hash text   NOT NULL DEFAULT '',
     nonce         text   NOT NULL DEFAULT '',
     expires_at    bigint NOT NULL
   );
   -- Every claim purges expired rows; the index keeps that cheap.
   CREATE INDEX oauth_codes_expires_at ON oauth_codes (expires_at);

   CREATE TABLE mastodon_apps (
     host          text   NOT NULL,
     redirect_uri  text   NOT NULL,
     client_id     text   NOT NULL,
     client_secret text   NOT NULL,
     at            bigint NOT NULL,
     PRIMARY KEY (host, redirect_uri)
   );`,
  // 2: first-party analytics (issue 8; sqlite.js migration 3): daily
  // counters, the batch ids a retried beacon repeats, and the share
  // references visits arrive with.
  `CREATE TABLE analytics_counters (
     day         integer NOT NULL,
     item        text    NOT NULL,
     network     text    NOT NULL,
     event       text    NOT NULL,
     detail      text    NOT NULL,
     count       bigint  NOT NULL,
     value_milli bigint  NOT NULL,
     PRIMARY KEY (day, item, network, event, detail)
   );
   -- The proof badge reads one item's shares.
   CREATE INDEX analytics_counters_item ON analytics_counters (item, event, day);

   CREATE TABLE analytics_batches (
     batch_id text   NOT NULL PRIMARY KEY,
     at       bigint NOT NULL
   );
   CREATE INDEX analytics_batches_at ON analytics_batches (at);

   CREATE TABLE analytics_refs (
     ref     text   NOT NULL PRIMARY KEY,
     item    text   NOT NULL,
     network text   NOT NULL,
     at      bigint NOT NULL
   );
   CREATE INDEX analytics_refs_at ON analytics_refs (at);`,
  // 3: a code is claimed per (code, verifier) (issue 20; sqlite.js
  // migration 4): whoever sees a shopper's code first can no longer burn it
  // with a wrong verifier.
  `CREATE TABLE oauth_code_claims (
     code_hash     text   NOT NULL,
     verifier_hash text   NOT NULL,
     nonce         text   NOT NULL DEFAULT '',
     expires_at    bigint NOT NULL,
     PRIMARY KEY (code_hash, verifier_hash)
   );
   INSERT INTO oauth_code_claims (code_hash, verifier_hash, nonce, expires_at)
     SELECT code_hash, verifier_hash, nonce, expires_at FROM oauth_codes;
   DROP TABLE oauth_codes;
   CREATE INDEX oauth_code_claims_expires_at ON oauth_code_claims (expires_at);`,
  // 4: the items analytics counts, with the day each was first counted, so
  // that the number of new items a day is bounded (issue 20; sqlite.js
  // migration 5).
  `CREATE TABLE analytics_items (
     item      text    NOT NULL PRIMARY KEY,
     first_day integer NOT NULL
   );
   CREATE INDEX analytics_items_first_day ON analytics_items (first_day);
   INSERT INTO analytics_items (item, first_day) SELECT item, min(day) FROM analytics_counters GROUP BY item;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

// Any constant; every Sharelock server takes this transaction-level advisory
// lock before looking at the schema, so instances starting together apply
// each migration exactly once. ('sharelk' in ASCII.)
const MIGRATION_LOCK = 0x736861726c6b;

/** Brings the database at `pool` to SCHEMA_VERSION; refuses a newer one. */
export async function migrate(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Held until COMMIT: a second server starting now waits here, then sees
    // the version the first one wrote and applies nothing.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS sharelock_schema (version integer NOT NULL)');
    const { rows } = await client.query('SELECT version FROM sharelock_schema');
    const version = rows[0]?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(`database schema version ${version} is newer than this server understands (${MIGRATIONS.length})`);
    }
    for (let v = version; v < MIGRATIONS.length; v += 1) await client.query(MIGRATIONS[v]);
    if (rows.length === 0) await client.query('INSERT INTO sharelock_schema (version) VALUES ($1)', [MIGRATIONS.length]);
    else if (version !== MIGRATIONS.length) await client.query('UPDATE sharelock_schema SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
