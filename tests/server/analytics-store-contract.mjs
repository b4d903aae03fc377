// The analytics part of the storage contract (server/store/README.md):
// recordEvents counts a batch once, findRefs, readCounters. Every store
// runs it unchanged (store-analytics.test.mjs opens each backend).
import assert from 'node:assert/strict';
import { test } from 'node:test';

export const DAY0 = 20_782; // 2026-11-25
export const AT = DAY0 * 86_400_000 + 43_200_000;

export const row = (overrides = {}) => ({
  day: DAY0, item: 'boots', network: 'x', event: 'share', detail: '', count: 1, valueMilli: 0, ...overrides,
});

export const batch = (id, increments, refs = []) => ({ batchId: id, at: AT, increments, refs });

// The shapes of readCounters a server makes (the dashboard: all items; a
// proof feed: one item's sharers) and the two others the contract allows.
// Each store's test EXPLAINs every one: each must be able to use an index.
export const COUNTER_QUERY_SHAPES = [
  { item: null, event: null },
  { item: 'boots', event: 'sharer' },
  { item: 'boots', event: null },
  { item: null, event: 'share' },
];

/**
 * @param {string} label the backend, in test names
 * @param {() => Promise<object>} open a fresh, empty store
 */
export function analyticsStoreContract(label, open) {
  test(`${label}: recordEvents adds to daily counters and counts a retried batch once`, async () => {
    const store = await open();
    const increments = [row({ count: 2 }), row({ event: 'conversion', network: '', count: 1, valueMilli: 49_900 })];
    assert.deepEqual(await store.recordEvents(batch('batch-0000000001', increments)), { recorded: true, refusedItems: [] });
    assert.deepEqual(await store.recordEvents(batch('batch-0000000001', increments)), { recorded: false, refusedItems: [] });
    assert.deepEqual(await store.recordEvents(batch('batch-0000000002', [row({ count: 3 })])), { recorded: true, refusedItems: [] });
    const rows = await store.readCounters({ fromDay: DAY0, toDay: DAY0 });
    assert.deepEqual(rows, [
      row({ event: 'conversion', network: '', count: 1, valueMilli: 49_900 }),
      row({ count: 5 }),
    ]);
    await store.close();
  });

  test(`${label}: the same batch sent many times at once counts once`, async () => {
    const store = await open();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.recordEvents(batch('batch-concurrent01', [row()]))));
    assert.equal(results.filter((r) => r.recorded).length, 1);
    assert.equal((await store.readCounters({ fromDay: DAY0, toDay: DAY0 }))[0].count, 1);
    await store.close();
  });

  test(`${label}: recordEvents takes at most newItemsPerDay new items a day, in byte order; known items always`, async () => {
    const store = await open();
    const at = DAY0 * 86_400_000;
    const rows = (items) => items.map((item) => row({ item }));
    assert.deepEqual(await store.recordEvents({ ...batch('batch-newitems001', rows(['m', 'a'])), newItemsPerDay: 3 }),
      { recorded: true, refusedItems: [] });
    assert.deepEqual(await store.recordEvents({ ...batch('batch-newitems002', rows(['z', 'a', 'b', 'c'])), newItemsPerDay: 3 }),
      { recorded: true, refusedItems: ['c', 'z'] });
    assert.deepEqual((await store.readCounters({ fromDay: DAY0, toDay: DAY0 })).map((r) => r.item), ['a', 'b', 'm']);
    // The next day, room again.
    assert.deepEqual(await store.recordEvents({ ...batch('batch-newitems003', rows(['z']).map((r) => ({ ...r, day: DAY0 + 1 }))),
      at: at + 86_400_000, newItemsPerDay: 3 }), { recorded: true, refusedItems: [] });
    await assert.rejects(store.recordEvents({ ...batch('batch-newitems004', rows(['q'])), newItemsPerDay: 0 }), TypeError);
    await store.close();
  });

  test(`${label}: purgeCounters deletes the days before beforeDay, and nothing else`, async () => {
    const store = await open();
    await store.recordEvents(batch('batch-purge000001', [row({ day: DAY0 - 400 }), row({ day: DAY0 - 399, item: 'hat' }), row({ day: DAY0 })]));
    assert.deepEqual(await store.purgeCounters({ beforeDay: DAY0 - 399 }), { deleted: 1 });
    assert.deepEqual(await store.purgeCounters({ beforeDay: DAY0 - 399 }), { deleted: 0 });
    assert.deepEqual((await store.readCounters({ fromDay: 0, toDay: DAY0 })).map((r) => r.day), [DAY0 - 399, DAY0]);
    await assert.rejects(store.purgeCounters({ beforeDay: -1 }), TypeError);
    await store.close();
  });

  test(`${label}: readCounters filters by day range, item and event, in key order`, async () => {
    const store = await open();
    await store.recordEvents(batch('batch-filters0001', [
      row({ day: DAY0 - 7 }), row({ day: DAY0 - 1, item: 'hat' }), row({ day: DAY0, network: 'facebook' }),
      row({ day: DAY0, event: 'impression', network: '' }),
    ]));
    assert.equal((await store.readCounters({ fromDay: DAY0 - 6, toDay: DAY0 })).length, 3);
    assert.deepEqual((await store.readCounters({ fromDay: 0, toDay: DAY0, item: 'hat' })).map((r) => r.day), [DAY0 - 1]);
    assert.deepEqual((await store.readCounters({ fromDay: 0, toDay: DAY0, item: 'boots', event: 'share' })).map((r) => r.day),
      [DAY0 - 7, DAY0]);
    assert.deepEqual((await store.readCounters({ fromDay: DAY0, toDay: DAY0 })).map((r) => `${r.event}/${r.network}`),
      ['impression/', 'share/facebook']);
    await store.close();
  });

  test(`${label}: a share reference is found afterwards; the first share that introduced it keeps it`, async () => {
    const store = await open();
    await store.recordEvents(batch('batch-refs0000001', [row()], [{ ref: 'AbCdEfGh-_0', item: 'boots', network: 'x' }]));
    await store.recordEvents(batch('batch-refs0000002', [row()], [{ ref: 'AbCdEfGh-_0', item: 'hat', network: 'facebook' }]));
    assert.deepEqual(await store.findRefs(['AbCdEfGh-_0', 'ZZZZZZZZZZZ']), { 'AbCdEfGh-_0': { item: 'boots', network: 'x' } });
    assert.deepEqual(await store.findRefs([]), {});
    await store.close();
  });

  test(`${label}: a refused batch changes nothing`, async () => {
    const store = await open();
    await assert.rejects(store.recordEvents(batch('batch-bad00000001', [row(), row({ count: -1 })])), TypeError);
    await assert.rejects(store.recordEvents(batch('', [row()])), TypeError);
    await assert.rejects(store.recordEvents(batch('batch-bad00000002', Array.from({ length: 101 }, () => row()))), TypeError);
    await assert.rejects(store.recordEvents(batch('batch-bad00000003', [row({ item: 'x'.repeat(2049) })])), TypeError);
    await assert.rejects(store.findRefs(['too-long-reference']), TypeError);
    await assert.rejects(store.readCounters({ fromDay: DAY0, toDay: DAY0 - 1 }), TypeError);
    assert.deepEqual(await store.readCounters({ fromDay: 0, toDay: DAY0 }), []);
    // The batch id of a refused batch was not spent: it can still be sent.
    assert.deepEqual(await store.recordEvents(batch('batch-bad00000001', [row()])), { recorded: true, refusedItems: [] });
    await store.close();
  });
}
