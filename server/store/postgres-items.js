// The PostgreSQL store's half of the bound on new analytics items a day
// (validate.js newItemsOf decides; sqlite.js does the same with its own
// statements): which of a batch's items are new, and recording those taken.
import { newItemsOf } from './validate.js';

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
