// The PostgreSQL store's analytics reads: one item's or a day range's
// counter rows (counter-queries.js) and the dashboard report's sums
// (report-queries.js), the same statements SQLite runs in its own dialect.
import { counterSelect } from './counter-queries.js';
import { reportSelects, reportSums } from './report-queries.js';
import { checkCounterQuery, checkReportQuery } from './validate.js';

/**
 * The read methods, for the store object.
 * @param {(sql: string, values: unknown[]) => Promise<object[]>} query
 * @param {(name: string, value: unknown) => void} noNul refuses text PostgreSQL cannot hold
 */
export function reportReads(query, noNul) {
  return {
    /** Counter rows of days fromDay..toDay, optionally one item and/or one event. */
    async readCounters(counterQuery) {
      const checked = checkCounterQuery(counterQuery);
      noNul('item', checked.item);
      noNul('event', checked.event);
      const { text: sql, values } = counterSelect(checked, 'postgres');
      return query(sql, values);
    },

    /** The dashboard report's sums over fromDay..toDay. */
    async readReportSums(reportQuery) {
      const checked = checkReportQuery(reportQuery);
      const rows = {};
      for (const [part, { text: sql, values }] of Object.entries(reportSelects(checked, 'postgres'))) {
        rows[part] = await query(sql, values);
      }
      return reportSums(rows, checked.fromDay);
    },
  };
}
