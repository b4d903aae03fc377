// A PostgreSQL server for tests: the one scripts/test.sh started
// (SHARELOCK_TEST_DATABASE_URL, an admin URL), or else a throw-away cluster
// of our own via scripts/postgres.sh — so `node --test tests/server/` runs
// the PostgreSQL tests too, never skips them. Each test gets databases of
// its own (createDatabase), dropped again at the end.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPT = fileURLToPath(new URL('../../scripts/postgres.sh', import.meta.url));

function run(args) {
  return new Promise((resolve, reject) => {
    // fsync off: a throw-away cluster the tests never crash; durability of
    // an acknowledged write is PostgreSQL's job, not what these tests check.
    const child = spawn('bash', [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PG_FSYNC: 'off' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`postgres.sh ${args[0]} failed (${code}): ${err}`))));
  });
}

/** Starts (or reuses) a PostgreSQL server; call stop() when done. */
export async function startTestPostgres() {
  let adminUrl = process.env.SHARELOCK_TEST_DATABASE_URL?.trim();
  let ownDirectory = null;
  if (!adminUrl) {
    ownDirectory = await mkdtemp(join(tmpdir(), 'sharelock-pg-'));
    // Stopped even if the test process ends without running its after() hooks.
    process.once('exit', () => { if (ownDirectory) spawnSync('bash', [SCRIPT, 'stop', ownDirectory]); });
    adminUrl = await run(['start', ownDirectory]);
  }
  const created = [];

  async function admin(sql, values) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  return {
    adminUrl,
    admin,
    /** A new, empty database; its URL. */
    async createDatabase() {
      const name = `sharelock_test_${randomBytes(6).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.href;
    },
    /** Ends every connection to the database at `url` from the server side (a DBA's kill, a failover). */
    async terminateConnections(url, { applicationName = 'sharelock-verification-server' } = {}) {
      const database = new URL(url).pathname.slice(1);
      const rows = await admin(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
         WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()`, [database, applicationName]);
      return rows.filter((row) => row.ok).length;
    },
    async stop() {
      for (const name of created.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      if (ownDirectory) {
        const directory = ownDirectory;
        ownDirectory = null;
        await run(['stop', directory]);
      }
    },
  };
}
