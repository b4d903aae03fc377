// The one counter read both stores make (readCounters), written per query
// shape so that the database can use an index for each: the day range on
// the primary key (day, item, …) for the dashboard, the (item, event, day)
// index for one item's counts. A single statement with
// "(? IS NULL OR item = ?)" kept SQLite on a full scan of the primary key
// for one item's counts (issue 20: 120-230 ms per proof feed at a million
// rows). tests/server/store-*.test.mjs EXPLAIN every shape.

const COLUMNS = ['day', 'item', 'network', 'event', 'detail', 'count'];

/** `column` ordered by its bytes, as SQLite orders text, whatever a PostgreSQL database's locale. */
export function inByteOrder(column, dialect) {
  return dialect === 'postgres' ? `${column} COLLATE "C"` : column;
}

/**
 * The SELECT for `query` ({fromDay, toDay, item, event}, as checkCounterQuery
 * gives it) and its parameters.
 * @param {{fromDay: number, toDay: number, item: string | null, event: string | null}} query
 * @param {'sqlite' | 'postgres'} dialect
 */
export function counterSelect({ fromDay, toDay, item, event }, dialect) {
  const values = [];
  const param = (value) => {
    values.push(value);
    return dialect === 'postgres' ? `$${values.length}` : '?';
  };
  const conditions = [];
  if (item !== null) conditions.push(`item = ${param(item)}`);
  if (event !== null) conditions.push(`event = ${param(event)}`);
  conditions.push(`day BETWEEN ${param(fromDay)} AND ${param(toDay)}`);
  const order = ['item', 'network', 'event', 'detail'].map((column) => inByteOrder(column, dialect)).join(', ');
  const text = `SELECT ${COLUMNS.join(', ')}, value_milli AS ${dialect === 'postgres' ? '"valueMilli"' : 'valueMilli'}
     FROM analytics_counters WHERE ${conditions.join(' AND ')}
     ORDER BY day, ${order}`;
  return { text, values };
}
