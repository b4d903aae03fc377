// The PostgreSQL store's half of the bounds on new analytics items and new
// counter rows a day (validate.js newItemsOf and newRowsOf decide; sqlite.js
// does the same with its own statements): which of a batch's items and rows
// are new, and recording the items taken.
import { counterKey, newItemsOf, newRowsOf } from './validate.js';

/**
 * Inside the batch's transaction on `client`: records the new items that
 * fit the day of `at`, and returns the ones refused. Two batches at once may
 * each see room for the last new item: the bound can be passed by the number
 * of concurrent batches, no more.
 * @returns {Promise<string[]>}
 */
export async function admitNewItems(client, increments, at, newItemsPerDay) {
  const day = Math.floor(at / 86_400_000);
  const items = [...new Set(increments.map((row) => row.item))];
  const known = new Set((await client.query('SELECT item FROM analytics_items WHERE item = ANY($1::text[])', [items]))
    .rows.map((found) => found.item));
  const admittedToday = known.size === items.length ? 0
    : (await client.query('SELECT count(*)::int AS n FROM analytics_items WHERE first_day = $1', [day])).rows[0].n;
  const { admit, refused } = newItemsOf(items, known, admittedToday, newItemsPerDay);
  for (const item of admit) {
    await client.query('INSERT INTO analytics_items (item, first_day) VALUES ($1, $2) ON CONFLICT (item) DO NOTHING', [item, day]);
  }
  return refused;
}

/**
 * Inside the batch's transaction: of `rows` (in key order), those to count —
 * every row that adds to a counter, and the new counters that fit their
 * day's bound — and the refused ones. Concurrent batches may pass the
 * bound as they may pass newItemsPerDay's.
 * @returns {Promise<{ counted: object[], refusedRows: object[] }>}
 */
export async function admitNewRows(client, rows, newRowsPerDay) {
  if (newRowsPerDay === Infinity || rows.length === 0) return { counted: rows, refusedRows: [] };
  const column = (field) => rows.map((row) => row[field]);
  const { rows: found } = await client.query(
    `SELECT day, item, network, event, detail FROM analytics_counters
     WHERE (day, item, network, event, detail) IN
       (SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]))`,
    [column('day'), column('item'), column('network'), column('event'), column('detail')]);
  const counted = new Set(found.map(counterKey));
  const fresh = rows.filter((row) => !counted.has(counterKey(row)));
  if (fresh.length === 0) return { counted: rows, refusedRows: [] };
  const days = [...new Set(fresh.map((row) => row.day))];
  const { rows: sizes } = await client.query(
    'SELECT day, count(*)::int AS n FROM analytics_counters WHERE day = ANY($1::int[]) GROUP BY day', [days]);
  const { admit, refused } = newRowsOf(fresh, new Map(sizes.map(({ day, n }) => [day, n])), newRowsPerDay);
  const taken = new Set(admit.map(counterKey));
  return { counted: rows.filter((row) => counted.has(counterKey(row)) || taken.has(counterKey(row))), refusedRows: refused };
}
