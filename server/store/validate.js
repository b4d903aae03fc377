// Argument checks shared by every store (sqlite.js, postgres.js), so both
// refuse exactly the same input with the same TypeError, before any query.
import { readFileSync } from 'node:fs';

// Byte limits (UTF-8).
export const LIMITS = Object.freeze({
  nonce: 128,
  item: 2048,
  network: 64,
  postId: 512,
  codeHash: 128,
  host: 253, // longest DNS name
  clientId: 512,
  clientSecret: 512,
  redirectUri: 2048,
});

export function fields(name, value) {
  if (value === null || typeof value !== 'object') throw new TypeError(`${name} expects an object argument`);
  return value;
}

export function text(name, value) {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name} must be a non-empty string`);
  // Lone surrogates are written as U+FFFD, so two different nonces could
  // collide on one row; refuse them rather than store something else.
  if (!value.isWellFormed()) throw new TypeError(`${name} must be well-formed Unicode (no lone surrogates)`);
  const max = LIMITS[name];
  if (Buffer.byteLength(value, 'utf8') > max) throw new TypeError(`${name} must be at most ${max} UTF-8 bytes`);
  return value;
}

export function millis(name, value) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer (milliseconds since the epoch), got ${String(value)}`);
  }
  return value;
}

// ---------------------------------------------------------------------------
// First-party analytics (recordEvents, findRefs, readCounters)

// How long a batch id and a share reference are remembered: a beacon is not
// retried after a week, and a shared link a quarter old no longer says much
// about a campaign.
export const ANALYTICS_MEMORY = Object.freeze({
  batchMillis: 7 * 24 * 60 * 60 * 1000,
  refMillis: 90 * 24 * 60 * 60 * 1000,
});

// What one batch may hold: the file the core's limits are generated from
// too, so a batch the core folds never breaks a store's limit.
const BATCH = JSON.parse(readFileSync(new URL('../../core/analytics-limits.json', import.meta.url), 'utf8'));
export const ANALYTICS_LIMITS = Object.freeze({
  batchId: BATCH.randomIdMaxLength,
  ref: BATCH.refLength,
  event: 32,  // the core's event names ("countdown-ended" is the longest)
  detail: BATCH.nameMaxLength,
  rows: BATCH.rowsPerBatch,
});
const MAX_DAY = 100_000_000; // far beyond any real date, keeps sums in range

function bounded(name, value, max, { empty = false } = {}) {
  if (typeof value !== 'string' || (!empty && value.length === 0)) throw new TypeError(`${name} must be a ${empty ? '' : 'non-empty '}string`);
  if (!value.isWellFormed()) throw new TypeError(`${name} must be well-formed Unicode (no lone surrogates)`);
  if (Buffer.byteLength(value, 'utf8') > max) throw new TypeError(`${name} must be at most ${max} UTF-8 bytes`);
  return value;
}

function day(name, value) {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_DAY) throw new TypeError(`${name} must be a day number (days since 1970-01-01)`);
  return value;
}

function count(name, value) {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  return value;
}

function list(name, value) {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array`);
  if (value.length > ANALYTICS_LIMITS.rows) throw new TypeError(`${name} holds at most ${ANALYTICS_LIMITS.rows} entries`);
  return value;
}

export function checkEvents(batch) {
  const { batchId, at, increments, refs = [], newItemsPerDay = Infinity, newRowsPerDay = Infinity } = fields('recordEvents', batch);
  for (const [name, bound] of [['newItemsPerDay', newItemsPerDay], ['newRowsPerDay', newRowsPerDay]]) {
    if (bound !== Infinity && (!Number.isSafeInteger(bound) || bound < 1)) throw new TypeError(`${name} must be a positive integer`);
  }
  bounded('batchId', batchId, ANALYTICS_LIMITS.batchId);
  millis('at', at);
  for (const row of list('increments', increments)) {
    fields('increment', row);
    day('day', row.day);
    text('item', row.item);
    bounded('network', row.network, LIMITS.network, { empty: true });
    bounded('event', row.event, ANALYTICS_LIMITS.event);
    bounded('detail', row.detail, ANALYTICS_LIMITS.detail, { empty: true });
    count('count', row.count);
    count('valueMilli', row.valueMilli);
  }
  for (const ref of list('refs', refs)) {
    fields('ref', ref);
    bounded('ref', ref.ref, ANALYTICS_LIMITS.ref);
    text('item', ref.item);
    text('network', ref.network);
  }
  return { batchId, at, increments, refs, newItemsPerDay, newRowsPerDay };
}

/**
 * Which of a batch's items are new and may be counted, and which are
 * refused: new items are taken (in byte order) while the day's count of
 * new items, `admittedToday`, is under `newItemsPerDay`. Both stores ask
 * the database for `known` and `admittedToday` inside the batch's
 * transaction, then record `admit`.
 * @param {string[]} items the batch's distinct items
 * @param {Set<string>} known those the store already counts
 * @returns {{ admit: string[], refused: string[] }}
 */
export function newItemsOf(items, known, admittedToday, newItemsPerDay) {
  const fresh = items.filter((item) => !known.has(item)).sort();
  const room = Math.max(0, newItemsPerDay - admittedToday);
  return { admit: fresh.slice(0, room), refused: fresh.slice(room) };
}

/** A counter row's key (day, item, network, event, detail) as one string, to match rows by. */
export function counterKey(row) {
  return JSON.stringify([row.day, row.item, row.network, row.event, row.detail]);
}

/** Counter rows in the order of their key (day, item, network, event, detail). */
export function compareCounterKeys(x, y) {
  for (const field of ['day', 'item', 'network', 'event', 'detail']) {
    if (x[field] < y[field]) return -1;
    if (x[field] > y[field]) return 1;
  }
  return 0;
}

/**
 * Which of a batch's rows that are not counted yet on their day (`fresh`)
 * may start a counter: taken in key order while their day holds fewer than
 * `newRowsPerDay` rows (`rowsByDay`: day → rows already). Error codes are
 * names a page makes up: without this bound, made-up codes for counted
 * items would grow the table without end (issue 20). Both stores count
 * inside the batch's transaction, then insert `admit`.
 * @param {Map<number, number>} rowsByDay
 * @returns {{ admit: object[], refused: object[] }}
 */
export function newRowsOf(fresh, rowsByDay, newRowsPerDay) {
  const taken = new Map(rowsByDay);
  const admit = [];
  const refused = [];
  for (const row of [...fresh].sort(compareCounterKeys)) {
    const rows = taken.get(row.day) ?? 0;
    if (rows < newRowsPerDay) {
      taken.set(row.day, rows + 1);
      admit.push(row);
    } else {
      refused.push(row);
    }
  }
  return { admit, refused };
}

export function checkRefList(refs) {
  for (const ref of list('refs', refs)) bounded('ref', ref, ANALYTICS_LIMITS.ref);
  return refs;
}

export function checkCounterPurge(purge) {
  const { beforeDay } = fields('purgeCounters', purge);
  return { beforeDay: day('beforeDay', beforeDay) };
}

export function checkCounterQuery(query) {
  const { fromDay, toDay, item = null, event = null } = fields('readCounters', query);
  day('fromDay', fromDay);
  day('toDay', toDay);
  if (toDay < fromDay) throw new TypeError('readCounters: toDay must not be before fromDay');
  if (item !== null) text('item', item);
  if (event !== null) bounded('event', event, ANALYTICS_LIMITS.event);
  return { fromDay, toDay, item, event };
}

export function checkReportQuery(query) {
  const { fromDay, toDay, listLimit } = fields('readReportSums', query);
  day('fromDay', fromDay);
  day('toDay', toDay);
  if (toDay < fromDay) throw new TypeError('readReportSums: toDay must not be before fromDay');
  if (!Number.isSafeInteger(listLimit) || listLimit < 1 || listLimit > 10_000) {
    throw new TypeError('readReportSums: listLimit must be a whole number from 1 to 10000');
  }
  return { fromDay, toDay, listLimit };
}
