// The analytics contract against the embedded store, plus what only a file
// can show: counters survive a restart. (The PostgreSQL store runs the same
// contract in store-postgres.test.mjs.)
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { analyticsStoreContract, batch, DAY0, row } from './analytics-store-contract.mjs';

analyticsStoreContract('sqlite', () => openSqliteStore({ path: ':memory:' }));

test('sqlite: counters, batch ids and references survive a restart', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'sharelock-analytics-'));
  const path = join(directory, 'store.db');
  try {
    const first = await openSqliteStore({ path });
    await first.recordEvents(batch('batch-restart0001', [row({ count: 4 })], [{ ref: 'AbCdEfGh-_0', item: 'boots', network: 'x' }]));
    await first.close();
    const second = await openSqliteStore({ path });
    assert.equal((await second.readCounters({ fromDay: DAY0, toDay: DAY0 }))[0].count, 4);
    assert.deepEqual(await second.recordEvents(batch('batch-restart0001', [row({ count: 4 })])), { recorded: false, refusedItems: [], refusedRows: [] });
    assert.deepEqual(await second.findRefs(['AbCdEfGh-_0']), { 'AbCdEfGh-_0': { item: 'boots', network: 'x' } });
    await second.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
