// The sums the owner's dashboard report is made of (readReportSums), one
// SELECT per part of the report, written once for both stores. Issue 20: the
// report used to read every counter row of its days and build its answer
// from all of them (67 s and 88 MB of JSON at a million rows). Here the
// database groups the rows, so what the store answers is bounded:
//   byDay   per (day, network, event): at most days × networks × events rows
//   funnel  per (item, network, event) of the `listLimit` items most shared
//   errors  per error code, the `listLimit` most frequent
// each with how many items or codes there are in all. The arithmetic of the
// report stays the core's (analytics::report_json, ReportSums in
// core/include/sharelock/analytics.hpp); what is here is only which rows
// each part sums. tests/server/store-*.test.mjs EXPLAIN every statement.

import { inByteOrder } from './counter-queries.js';

// The funnel's events, and its rule that a conversion counts only when it
// came from a share (has a network): report_json applies the same rule to
// what it gets, so an item listed here always has a funnel row there.
const FUNNEL_EVENTS = "event IN ('impression', 'share', 'visit', 'conversion')";
const FROM_SHARE = "(event <> 'conversion' OR network <> '')";

/**
 * The report's three SELECTs for {fromDay, toDay, listLimit}, each {text, values}.
 * @param {{fromDay: number, toDay: number, listLimit: number}} query
 * @param {'sqlite' | 'postgres'} dialect
 */
export function reportSelects({ fromDay, toDay, listLimit }, dialect) {
  const postgres = dialect === 'postgres';
  // Sums of bigints are numeric on PostgreSQL, which node-postgres reads as text.
  const sum = (column) => (postgres ? `SUM(${column})::bigint` : `SUM(${column})`);
  const bytes = (column) => inByteOrder(column, dialect);
  const statement = (text, values) => {
    let n = 0;
    return { text: postgres ? text.replace(/\?/g, () => `$${++n}`) : text, values };
  };
  return {
    byDay: statement(
      `SELECT day, network, event, ${sum('count')} AS count, ${sum('value_milli')} AS "valueMilli"
       FROM analytics_counters WHERE day BETWEEN ? AND ?
       GROUP BY day, network, event`,
      [fromDay, toDay],
    ),
    // COUNT(*) OVER () runs after GROUP BY and before LIMIT: every item.
    funnel: statement(
      `WITH listed AS (
         SELECT item, ${sum("CASE WHEN event = 'share' THEN count ELSE 0 END")} AS shares, COUNT(*) OVER () AS total
         FROM analytics_counters
         WHERE day BETWEEN ? AND ? AND item <> '' AND ${FUNNEL_EVENTS} AND ${FROM_SHARE}
         GROUP BY item ORDER BY shares DESC, ${bytes('item')} LIMIT ?)
       SELECT listed.item, c.network, c.event, ${sum('c.count')} AS count, ${sum('c.value_milli')} AS "valueMilli",
              listed.total AS total
       FROM listed JOIN analytics_counters c ON c.item = listed.item
       WHERE c.event IN ('impression', 'share', 'visit', 'conversion') AND c.day BETWEEN ? AND ?
       GROUP BY listed.item, c.network, c.event, listed.total`,
      [fromDay, toDay, listLimit, fromDay, toDay],
    ),
    errors: statement(
      `SELECT detail, ${sum('count')} AS count, COUNT(*) OVER () AS total
       FROM analytics_counters WHERE day BETWEEN ? AND ? AND event = 'error'
       GROUP BY detail ORDER BY ${sum('count')} DESC, ${bytes('detail')} LIMIT ?`,
      [fromDay, toDay, listLimit],
    ),
  };
}

/**
 * The store's answer from the three statements' rows: the shape the core's
 * analyticsReport takes (rows as readCounters gives them).
 */
export function reportSums({ byDay, funnel, errors }, fromDay) {
  const row = (fields) => ({ day: fromDay, item: '', network: '', event: '', detail: '', count: 0, valueMilli: 0, ...fields });
  return {
    byDay: byDay.map(({ day, network, event, count, valueMilli }) => row({ day, network, event, count, valueMilli })),
    funnel: funnel.map(({ item, network, event, count, valueMilli }) => row({ item, network, event, count, valueMilli })),
    funnelItems: funnel[0]?.total ?? 0,
    errors: errors.map(({ detail, count }) => row({ event: 'error', detail, count })),
    errorCodes: errors[0]?.total ?? 0,
  };
}
