// First-party analytics on the verification server (issue 8): the
// collector endpoint pages send their batched widget events to, the site
// owner's stats behind a token, and the share counts the social-proof badge
// may show. The core validates and aggregates (core/include/sharelock/
// analytics.hpp); this file moves bytes between HTTP and the store. No IP
// address, cookie or user agent is stored: only daily counters, batch ids
// (to count a retried batch once) and random share references.
import { createHash, timingSafeEqual } from 'node:crypto';
import { failure, json, readBodyText } from './responses.js';
import { counterKey } from './store/validate.js';

const MAX_BATCH_BYTES = 16 * 1024;
const DEFAULT_REPORT_DAYS = 30;
const DEFAULT_KEPT_DAYS = 400;
const DEFAULT_NEW_ITEMS_PER_DAY = 1000;
const DEFAULT_ROWS_PER_DAY = 20_000;
const DAY = 86_400_000;
// Old counters are deleted from the collector's path at most this often
// per server (a range delete on the primary key; several servers may each
// do it, which is harmless).
const PURGE_EVERY_MILLIS = 60 * 60 * 1000;

const digest = (text) => createHash('sha256').update(text).digest();

// The events a recorded batch added to counters: all but the rows the store refused.
function countedEvents(increments, refusedItems, refusedRows) {
  const refused = new Set(refusedRows.map(counterKey));
  return increments.filter((row) => !refusedItems.includes(row.item) && !refused.has(counterKey(row)))
    .reduce((total, row) => total + row.count, 0);
}

export function createAnalytics({ config, core, store, log = () => {} }) {
  const expectedToken = config.dashboardToken ? digest(config.dashboardToken) : null;
  const keptDays = config.analyticsDays ?? DEFAULT_KEPT_DAYS;
  let purgedAt = -Infinity;

  // Counters older than SHARELOCK_ANALYTICS_DAYS go, so that no number of
  // batches grows the database for ever.
  async function purgeOldCounters(at) {
    if (at - purgedAt < PURGE_EVERY_MILLIS) return;
    purgedAt = at;
    const { deleted } = await store.purgeCounters({ beforeDay: Math.max(0, Math.floor(at / DAY) - keptDays + 1) });
    if (deleted > 0) log({ event: 'analytics-purged', deleted });
  }

  /** POST /v1/collect: one batch, as web/analytics.js sends it (text/plain, no preflight, keepalive). */
  async function collect(request, origin, at) {
    // The collector sends in CORS mode, so a page's batch always carries its
    // Origin; without an allowed one this is not one of the shop's pages.
    if (!origin) return failure(403, 'origin-not-allowed', 'events are accepted from the shop\'s pages only');
    const body = await readBodyText(request, MAX_BATCH_BYTES);
    if (body === null) return failure(413, 'batch-too-large', `a batch is at most ${MAX_BATCH_BYTES} bytes`, { origin });
    const framed = core.analyticsBatchRefs({ body });
    if (!framed.ok) return failure(framed.status, framed.error.code, framed.error.message, { origin });
    const knownRefs = framed.lookup.length > 0 ? await store.findRefs(framed.lookup) : {};
    const sums = core.analyticsAggregateBatch({ body, now: at, knownRefs });
    if (!sums.ok) return failure(sums.status, sums.error.code, sums.error.message, { origin });
    const { recorded, refusedItems, refusedRows } = await store.recordEvents({
      batchId: sums.id, at, increments: sums.increments, refs: sums.refs,
      newItemsPerDay: config.analyticsNewItemsPerDay ?? DEFAULT_NEW_ITEMS_PER_DAY,
      newRowsPerDay: config.analyticsRowsPerDay ?? DEFAULT_ROWS_PER_DAY,
    });
    if (refusedItems.length > 0) log({ event: 'analytics-new-items-refused', items: refusedItems.length });
    if (refusedRows.length > 0) log({ event: 'analytics-new-rows-refused', rows: refusedRows.length });
    await purgeOldCounters(at);
    if (sums.dropped > 0) log({ event: 'analytics-dropped', dropped: sums.dropped, problem: sums.problem });
    return json(200, {
      recorded, // false: this batch id was counted before (a retried batch)
      counted: recorded ? countedEvents(sums.increments, refusedItems, refusedRows) : 0,
      newItemsRefused: refusedItems.length, // over the day's new items (SHARELOCK_ANALYTICS_NEW_ITEMS)
      newRowsRefused: refusedRows.length, // over the day's counter rows (SHARELOCK_ANALYTICS_ROWS_PER_DAY)
      dropped: sums.dropped,
      problem: sums.problem,
      unattributed: sums.unattributed,
      repeats: sums.repeats, // over what one page view may count
    }, { origin });
  }

  function authorized(request) {
    if (!expectedToken) return false;
    const presented = /^Bearer (\S{1,512})$/.exec(request.headers.get('authorization') ?? '')?.[1];
    // Hashes of equal length, so the comparison's time says nothing about the token.
    return presented !== undefined && timingSafeEqual(digest(presented), expectedToken);
  }

  // The days asked for (?days=, 30 when absent) as the core checks them.
  function rangeFor(url, at) {
    const days = url.searchParams.has('days') ? Number(url.searchParams.get('days')) : DEFAULT_REPORT_DAYS;
    return { days, range: core.analyticsRange({ days: Number.isInteger(days) ? days : 0, now: at }) };
  }

  // The export, written a day at a time as the owner's download reads it:
  // however many rows the days hold, the server keeps one day's in memory
  // (at most SHARELOCK_ANALYTICS_ROWS_PER_DAY), and requests are answered
  // between days.
  function csvStream({ firstDay, lastDay }) {
    const encoder = new TextEncoder();
    let day = firstDay;
    return new ReadableStream({
      async pull(controller) {
        const rows = await store.readCounters({ fromDay: day, toDay: day });
        controller.enqueue(encoder.encode(core.analyticsCsv({ rows, header: day === firstDay }).csv));
        day += 1;
        if (day > lastDay) controller.close();
      },
    }, { highWaterMark: 0 });
  }

  /** GET /v1/stats?days=30 (JSON) and /v1/stats.csv?days=30, for the site owner only. */
  async function stats(request, url, origin, at, format) {
    if (!expectedToken) return failure(404, 'dashboard-disabled', 'set SHARELOCK_DASHBOARD_TOKEN to enable the dashboard', { origin });
    if (!authorized(request)) {
      return failure(401, 'unauthorized', 'the dashboard token is missing or wrong', { origin, headers: { 'www-authenticate': 'Bearer' } });
    }
    const { days, range } = rangeFor(url, at);
    if (!range.ok) return failure(range.status, range.error.code, range.error.message, { origin });
    if (format === 'csv') {
      return new Response(csvStream(range), {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="sharelock-${days}-days.csv"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          vary: 'Origin',
          ...(origin ? { 'access-control-allow-origin': origin } : {}),
        },
      });
    }
    // Sums the database makes, bounded whatever the rows (store/report-queries.js).
    const sums = await store.readReportSums({ fromDay: range.firstDay, toDay: range.lastDay, listLimit: range.listLimit });
    return json(200, core.analyticsReport({ ...sums, now: at, days }).report, { origin });
  }

  /**
   * The proof feed's share counters for one item, in sharers (page views
   * that shared it: three networks from one shopper are one person), zero
   * when none were counted.
   */
  async function shareCounters(item, at) {
    // All time: from day 0; the store's index on (item, event, day) keeps it cheap.
    const rows = await store.readCounters({ fromDay: 0, toDay: Math.floor(at / DAY), item, event: 'sharer' });
    const counts = core.analyticsShareCounts({ rows, item, now: at });
    const counted = new Date(at).toISOString();
    return [
      { item, type: 'share', window: 'all', count: counts.all },
      { item, type: 'share', window: '7d', at: counted, count: counts.last7Days },
    ];
  }

  return { collect, stats, shareCounters };
}
