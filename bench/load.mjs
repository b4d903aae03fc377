#!/usr/bin/env node
// npm run load: several verification servers on one PostgreSQL behind one
// address, under load, with faults. Not part of npm test (it takes minutes
// and asserts on a loaded machine); it exits non-zero only when an unlock
// was lost or counted twice. Everything listens on 127.0.0.1.
//
//   node bench/load.mjs [--instances 3] [--unlocks 1500] [--concurrency 16]
//                       [--read-connections 8] [--faults | --no-faults] [--fsync on|off]
//   node bench/load.mjs --flood [...]   forged analytics instead (bench/flood.mjs)
//
// 1. a throw-away PostgreSQL (scripts/postgres.sh), the mock provider
//    (server/mock-provider.js, in this process), 2–4 `node server/main.js`
//    with DATABASE_URL, and a round-robin proxy (bench/load-proxy.mjs);
// 2. `--unlocks` verified unlocks, `--concurrency` at a time, through the
//    proxy — each one as a page would: a fresh code from the provider, then
//    POST /v1/unlock, asked again with the same code and verifier after a
//    502/503/lost answer — while autocannon reads the counters (/v1/proof)
//    through the same address;
// 3. with faults (default): SIGKILL one instance after a third of the
//    unlocks, pg_terminate_backend every server connection after two thirds;
// 4. checks in the database that every unlock a client got a 200 for is
//    recorded exactly once and that the counters equal the rows.
//
// Why not autocannon for the unlocks: each one needs its own single-use code
// from the provider first and, after a 502/503, must be retried with the
// same body; autocannon replays fixed requests. It drives the reads.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startMockProvider } from '../server/mock-provider.js';
import { percentile } from './common.mjs';
import { authorizeAtMock, hmacKey, postUnlock, startInstance } from '../tests/server/multi-instance-fixture.mjs';

// --flood: forged analytics against the reference server (bench/flood.mjs).
if (process.argv.includes('--flood')) {
  const { runFlood } = await import('./flood.mjs');
  process.exit((await runFlood(process.argv.slice(2))) ? 0 : 1);
}

const { values: options } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    unlocks: { type: 'string', default: '1500' },
    concurrency: { type: 'string', default: '16' },
    'read-connections': { type: 'string', default: '8' },
    faults: { type: 'boolean', default: true },
    'no-faults': { type: 'boolean', default: false },
    fsync: { type: 'string', default: 'on' },
  },
});
const INSTANCES = Number(options.instances);
const UNLOCKS = Number(options.unlocks);
const CONCURRENCY = Number(options.concurrency);
const READ_CONNECTIONS = Number(options['read-connections']);
const FAULTS = options.faults && !options['no-faults'];
if (!(INSTANCES >= 2 && INSTANCES <= 4)) throw new Error('--instances must be 2-4');
if (!(UNLOCKS >= 3 && CONCURRENCY >= 1 && READ_CONNECTIONS >= 1)) throw new Error('--unlocks ≥ 3, --concurrency ≥ 1, --read-connections ≥ 1');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGE_ORIGIN = 'http://127.0.0.1:8080';
const REDIRECT_URI = `${PAGE_ORIGIN}/`;
const CLIENT = { clientId: 'load-test', clientSecret: 'load-secret', redirectUris: [REDIRECT_URI] };
const ITEM = 'launch';
const ITEM_URL = 'https://shop.example/launch';
const MAX_ATTEMPTS = 8; // per unlock

const cleanups = [];
const step = (message) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

async function startProxy(upstreams) {
  const child = spawn(process.execPath, [join(ROOT, 'bench/load-proxy.mjs'), ...upstreams], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', (code) => reject(new Error(`proxy exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** 'a', 'a', 'b' -> '2× a, 1× b' */
function tally(keys) {
  const counts = new Map();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].map(([key, n]) => `${n}× ${key}`).join(', ');
}


async function main() {
  const scratch = await mkdtemp(join(os.tmpdir(), 'sharelock-load-'));
  cleanups.push(() => rm(scratch, { recursive: true, force: true }));
  const pgDir = await mkdtemp(join(os.tmpdir(), 'sharelock-load-pg-'));
  cleanups.push(() => run('bash', ['scripts/postgres.sh', 'stop', pgDir]));
  const adminUrl = await run('bash', ['scripts/postgres.sh', 'start', pgDir], { PG_FSYNC: options.fsync });
  const admin = new pg.Pool({ connectionString: adminUrl, max: 2 });
  cleanups.push(() => admin.end());
  step(`PostgreSQL ${(await admin.query('SHOW server_version')).rows[0].server_version} on ${new URL(adminUrl).host} (fsync ${options.fsync})`);
  await admin.query('CREATE DATABASE sharelock');
  const databaseUrl = new URL('/sharelock', adminUrl).href;

  const mock = await startMockProvider({ clients: [CLIENT], codeLifetimeMillis: 120_000 });
  cleanups.push(() => mock.close());
  const items = join(scratch, 'items.json');
  await writeFile(items, JSON.stringify({ [ITEM]: { url: ITEM_URL, content: { text: 'Launch code:', code: 'LAUNCH' } } }));
  const env = {
    DATABASE_URL: databaseUrl,
    SHARELOCK_HMAC_KEYS: hmacKey('load'),
    SHARELOCK_ALLOWED_ORIGINS: PAGE_ORIGIN,
    SHARELOCK_ITEMS: items,
    // Every request arrives from the proxy's address; the limits would
    // measure themselves, not the servers.
    SHARELOCK_RATE_IP: '9999999/60',
    SHARELOCK_RATE_ITEM: '9999999/60',
    SHARELOCK_RATE_PAGE: '9999999/60', // /v1/proof and /v1/collect have their own budget
    X_CLIENT_ID: CLIENT.clientId,
    X_CLIENT_SECRET: CLIENT.clientSecret,
    X_REDIRECT_URI: REDIRECT_URI,
    X_AUTHORIZE_URL: `${mock.url}/i/oauth2/authorize`,
    X_API_URL: mock.url,
  };
  const instances = [];
  for (let n = 0; n < INSTANCES; n += 1) {
    // One at a time: they would migrate under the advisory lock anyway.
    const instance = await startInstance(env, { name: `instance-${n + 1}` });
    instances.push(instance);
    cleanups.push(() => instance.stop());
  }
  const proxy = await startProxy(instances.map((i) => i.url));
  cleanups.push(() => proxy.stop());
  step(`${INSTANCES} verification servers behind ${proxy.url}; ${UNLOCKS} unlocks, ${CONCURRENCY} at a time; ` +
    `counter reads on ${READ_CONNECTIONS} connections; faults ${FAULTS ? 'on' : 'off'}`);

  // Counter reads for as long as the unlocks run.
  const reads = autocannon({
    url: `${proxy.url}/v1/proof?item=${ITEM}`,
    headers: { origin: PAGE_ORIGIN },
    connections: READ_CONNECTIONS,
    duration: 3600,
  });
  const readsDone = new Promise((resolve) => { reads.once('done', resolve); });

  let t0 = 0;
  const outcomes = [];
  const requestLatencies = [];
  const statusCounts = {};
  let started = 0;
  let finished = 0;
  const faults = [];

  async function oneUnlock(index) {
    const grant = await authorizeAtMock({ mockUrl: mock.url, clientId: CLIENT.clientId, redirectUri: REDIRECT_URI });
    const text = `Launch day ${ITEM_URL} #${index} ${randomBytes(3).toString('hex')}`;
    let last = { status: 0, code: 'never-sent' };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const began = performance.now();
      let status = 0;
      let body = null;
      try {
        const response = await postUnlock(proxy.url, { origin: PAGE_ORIGIN, item: ITEM, ...grant, text });
        status = response.status;
        body = await response.json().catch(() => null);
      } catch {
        status = 0; // no answer at all
      }
      requestLatencies.push(performance.now() - began);
      const code = status === 200 ? 'ok' : body?.error?.code ?? `http-${status}`;
      statusCounts[`${status} ${code}`] = (statusCounts[`${status} ${code}`] ?? 0) + 1;
      last = { status, code, postId: body?.post?.id, attempts: attempt };
      // Asked again after no answer, a gateway error or the store away: safe with
      // the same code and verifier (the page itself retries only the first).
      if (!(status === 0 || status === 502 && code === 'bad-gateway' || status === 503)) break;
      await new Promise((resolve) => { setTimeout(resolve, 200 * attempt); });
    }
    return last;
  }

  async function worker() {
    while (started < UNLOCKS) {
      const index = started;
      started += 1;
      outcomes[index] = await oneUnlock(index);
      finished += 1;
      if (FAULTS && faults.length === 0 && finished >= UNLOCKS / 3) {
        faults.push(`at ${((performance.now() - t0) / 1000).toFixed(1)} s, after ${finished} unlocks: SIGKILL ${instances[0].name}`);
        instances[0].kill();
      }
      if (FAULTS && faults.length === 1 && finished >= (2 * UNLOCKS) / 3) {
        faults.push(`at ${((performance.now() - t0) / 1000).toFixed(1)} s, after ${finished} unlocks: pg_terminate_backend on every server connection`);
        admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE datname = 'sharelock' AND application_name = 'sharelock-verification-server'`)
          .then(({ rowCount }) => faults.push(`  … ${rowCount} connections terminated`));
      }
    }
  }

  t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  reads.stop();
  const readResult = await readsDone;
  for (const fault of faults) step(`fault ${fault}`);

  // The verdict, from the database itself.
  const acknowledged = outcomes.filter((o) => o.status === 200);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  cleanups.push(() => db.end());
  const perPost = new Map((await db.query('SELECT post_id, count(*)::int AS n FROM unlocks WHERE item = $1 GROUP BY post_id', [ITEM]))
    .rows.map((r) => [r.post_id, r.n]));
  const [{ rows: total, nonces }] = (await db.query('SELECT count(*)::int AS rows, count(DISTINCT nonce)::int AS nonces FROM unlocks WHERE item = $1', [ITEM])).rows;
  const proof = await (await fetch(`${proxy.url}/v1/proof?item=${ITEM}`, { headers: { origin: PAGE_ORIGIN } })).json();
  const counted = proof.counters.find((c) => c.type === 'unlock' && c.window === 'all').count;
  const lost = acknowledged.filter((o) => perPost.get(o.postId) !== 1);
  const doubled = [...perPost.values()].filter((n) => n > 1).length;
  const ackedIds = new Set(acknowledged.map((o) => o.postId));
  const unacknowledged = [...perPost.keys()].filter((id) => !ackedIds.has(id)).length;
  const published = mock.posts.length;

  const sorted = [...requestLatencies].sort((a, b) => a - b);
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  console.log('\n## Results\n');
  console.log('| what | requests | requests/s | p50 | p99 | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  const unlockErrors = Object.entries(statusCounts).filter(([k]) => !k.startsWith('200')).map(([k, n]) => `${n}× ${k}`).join(', ') || 'none';
  console.log(`| POST /v1/unlock (verified unlocks, ${CONCURRENCY} concurrent) | ${requestLatencies.length} | ${(requestLatencies.length / seconds).toFixed(1)} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 99))} | ${unlockErrors} |`);
  const readStatuses = Object.entries(readResult.statusCodeStats ?? {}).filter(([status]) => status !== '200')
    .map(([status, { count }]) => `${count}× ${status}`).join(', ');
  const readErrors = [readResult.non2xx ? `${readResult.non2xx} non-2xx (${readStatuses})` : '', readResult.errors ? `${readResult.errors} socket errors` : '', readResult.timeouts ? `${readResult.timeouts} timeouts` : ''].filter(Boolean).join(', ') || 'none';
  console.log(`| GET /v1/proof (counter reads, autocannon, ${READ_CONNECTIONS} connections) | ${readResult.requests.total} | ${readResult.requests.average.toFixed(1)} | ${readResult.latency.p50} ms | ${readResult.latency.p99} ms | ${readErrors} |`);
  console.log(`\nunlock phase: ${seconds.toFixed(1)} s; unlocks acknowledged (200): ${acknowledged.length} of ${UNLOCKS}; ` +
    `gave up: ${UNLOCKS - acknowledged.length} (${tally(outcomes.filter((o) => o.status !== 200).map((o) => `${o.status} ${o.code}`)) || '-'})`);
  console.log(`posts published at the provider: ${published}; unlock rows: ${total}; distinct nonces: ${nonces}; /v1/proof count: ${counted}`);
  console.log(`acknowledged but not recorded exactly once: ${lost.length}; rows counted twice: ${doubled}; recorded without a 200 reaching the client: ${unacknowledged}; published but not recorded: ${published - total}`);
  const verdict = lost.length === 0 && doubled === 0 && total === nonces && counted === total;
  console.log(verdict ? '\nOK: no acknowledged unlock lost, none counted twice, counters equal the rows.' : '\nFAILED: see above.');
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
  return verdict ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => {});
}
process.exit(exitCode);
