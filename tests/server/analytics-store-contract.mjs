// The analytics part of the storage contract (server/store/README.md):
// recordEvents counts a batch once, findRefs, readCounters, readReportSums.
// Every store
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

export const REPORT_QUERY = { fromDay: DAY0 - 29, toDay: DAY0, listLimit: 100 };

/**
 * @param {string} label the backend, in test names
 * @param {() => Promise<object>} open a fresh, empty store
 */
export function analyticsStoreContract(label, open) {
  test(`${label}: recordEvents adds to daily counters and counts a retried batch once`, async () => {
    const store = await open();
    const increments = [row({ count: 2 }), row({ event: 'conversion', network: '', count: 1, valueMilli: 49_900 })];
    assert.deepEqual(await store.recordEvents(batch('batch-0000000001', increments)), { recorded: true, refusedItems: [], refusedRows: [] });
    assert.deepEqual(await store.recordEvents(batch('batch-0000000001', increments)), { recorded: false, refusedItems: [], refusedRows: [] });
    assert.deepEqual(await store.recordEvents(batch('batch-0000000002', [row({ count: 3 })])), { recorded: true, refusedItems: [], refusedRows: [] });
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
      { recorded: true, refusedItems: [], refusedRows: [] });
    assert.deepEqual(await store.recordEvents({ ...batch('batch-newitems002', rows(['z', 'a', 'b', 'c'])), newItemsPerDay: 3 }),
      { recorded: true, refusedItems: ['c', 'z'], refusedRows: [] });
    assert.deepEqual((await store.readCounters({ fromDay: DAY0, toDay: DAY0 })).map((r) => r.item), ['a', 'b', 'm']);
    // The next day, room again.
    assert.deepEqual(await store.recordEvents({ ...batch('batch-newitems003', rows(['z']).map((r) => ({ ...r, day: DAY0 + 1 }))),
      at: at + 86_400_000, newItemsPerDay: 3 }), { recorded: true, refusedItems: [], refusedRows: [] });
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
    assert.deepEqual(await store.recordEvents(batch('batch-bad00000001', [row()])), { recorded: true, refusedItems: [], refusedRows: [] });
    await store.close();
  });

  test(`${label}: recordEvents starts at most newRowsPerDay counters a day, in key order; existing counters always add`, async () => {
    const store = await open();
    const codes = (list, day = DAY0) => list.map((code) => row({ day, event: 'error', network: '', detail: code }));
    const bounded = (id, increments, at = AT) => ({ ...batch(id, increments), at, newRowsPerDay: 3 });
    assert.deepEqual(await store.recordEvents(bounded('batch-newrows0001', codes(['m', 'a']))),
      { recorded: true, refusedItems: [], refusedRows: [] });
    const second = await store.recordEvents(bounded('batch-newrows0002', codes(['z', 'a', 'b', 'c'])));
    assert.deepEqual(second.refusedRows.map((r) => r.detail), ['c', 'z']);
    const counted = await store.readCounters({ fromDay: DAY0, toDay: DAY0 });
    assert.deepEqual(counted.map((r) => `${r.detail}:${r.count}`), ['a:2', 'b:1', 'm:1']);
    // A full day still adds to the counters it has.
    const third = await store.recordEvents(bounded('batch-newrows0003', codes(['m', 'q'])));
    assert.deepEqual(third.refusedRows.map((r) => r.detail), ['q']);
    assert.equal((await store.readCounters({ fromDay: DAY0, toDay: DAY0 })).find((r) => r.detail === 'm').count, 2);
    // The next day, room again.
    assert.deepEqual((await store.recordEvents(bounded('batch-newrows0004', codes(['q'], DAY0 + 1), AT + 86_400_000))).refusedRows, []);
    await assert.rejects(store.recordEvents({ ...batch('batch-newrows0005', codes(['r'])), newRowsPerDay: 0 }), TypeError);
    await store.close();
  });

  test(`${label}: readReportSums sums per day, per listed item and per error code, and counts what it leaves out`, async () => {
    const store = await open();
    await store.recordEvents(batch('batch-report00001', [
      row({ day: DAY0 - 30 }), // before the range
      row({ day: DAY0 - 1, count: 2 }), row({ count: 3 }), row({ network: 'facebook', count: 1 }),
      row({ event: 'impression', network: '', count: 40 }),
      row({ event: 'conversion', network: 'x', count: 1, valueMilli: 49_900 }),
      row({ event: 'conversion', network: '', count: 2, valueMilli: 20_000 }), // not from a share
      row({ item: 'hat', count: 5 }), row({ item: 'hat', day: DAY0 - 2, count: 1 }),
      row({ item: 'scarf', event: 'impression', network: '', count: 9 }), // in the funnel with no share
      row({ item: 'gift', event: 'conversion', network: '', count: 1 }), // no funnel event at all
      row({ item: 'guide', event: 'unlock', network: 'x', detail: 'verified' }),
      row({ item: 'guide', event: 'error', network: '', detail: 'feed-unavailable', count: 3 }),
      row({ item: 'boots', event: 'error', network: '', detail: 'feed-unavailable', count: 1 }),
      row({ item: 'boots', event: 'error', network: '', detail: 'popup-blocked', count: 7 }),
    ]));
    const all = await store.readReportSums(REPORT_QUERY);
    const sorted = (rows) => rows.map((r) => [r.day, r.item, r.network, r.event, r.detail, r.count, r.valueMilli].join('|')).sort();
    // Per (day, network, event): every item summed, the detail gone.
    assert.ok(all.byDay.some((r) => r.day === DAY0 && r.network === 'x' && r.event === 'share' && r.count === 8 && r.item === ''));
    assert.ok(all.byDay.some((r) => r.day === DAY0 && r.network === '' && r.event === 'error' && r.count === 11 && r.detail === ''));
    assert.equal(all.byDay.filter((r) => r.day < REPORT_QUERY.fromDay).length, 0);
    // Gift has no funnel event (a conversion not from a share), guide neither.
    assert.deepEqual([...new Set(all.funnel.map((r) => r.item))].sort(), ['boots', 'hat', 'scarf']);
    assert.equal(all.funnelItems, 3);
    assert.deepEqual(sorted(all.funnel.filter((r) => r.item === 'boots')), sorted([
      { day: REPORT_QUERY.fromDay, item: 'boots', network: '', event: 'conversion', detail: '', count: 2, valueMilli: 20_000 },
      { day: REPORT_QUERY.fromDay, item: 'boots', network: '', event: 'impression', detail: '', count: 40, valueMilli: 0 },
      { day: REPORT_QUERY.fromDay, item: 'boots', network: 'facebook', event: 'share', detail: '', count: 1, valueMilli: 0 },
      { day: REPORT_QUERY.fromDay, item: 'boots', network: 'x', event: 'conversion', detail: '', count: 1, valueMilli: 49_900 },
      { day: REPORT_QUERY.fromDay, item: 'boots', network: 'x', event: 'share', detail: '', count: 5, valueMilli: 0 },
    ]));
    assert.deepEqual(all.errors.map((r) => [r.detail, r.count]), [['popup-blocked', 7], ['feed-unavailable', 4]]);
    assert.equal(all.errorCodes, 2);

    // With room for one: the most shared item (boots and hat have 6 each in
    // the range: byte order), the most frequent code.
    const one = await store.readReportSums({ ...REPORT_QUERY, listLimit: 1 });
    assert.deepEqual([...new Set(one.funnel.map((r) => r.item))], ['boots']);
    assert.equal(one.funnelItems, 3);
    assert.deepEqual(one.errors.map((r) => r.detail), ['popup-blocked']);
    assert.equal(one.errorCodes, 2);
    await store.recordEvents(batch('batch-report00002', [row({ item: 'hat', count: 1 })]));
    assert.deepEqual([...new Set((await store.readReportSums({ ...REPORT_QUERY, listLimit: 1 })).funnel.map((r) => r.item))], ['hat']);

    const empty = await store.readReportSums({ fromDay: DAY0 + 1, toDay: DAY0 + 1, listLimit: 5 });
    assert.deepEqual(empty, { byDay: [], funnel: [], funnelItems: 0, errors: [], errorCodes: 0 });
    await assert.rejects(store.readReportSums({ ...REPORT_QUERY, listLimit: 0 }), TypeError);
    await assert.rejects(store.readReportSums({ ...REPORT_QUERY, toDay: REPORT_QUERY.fromDay - 1 }), TypeError);
    await store.close();
  });
}
