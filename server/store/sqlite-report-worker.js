// The worker thread of sqlite-reports.js: runs the report's statements on a
// read-only connection and posts their rows back.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma(`busy_timeout = ${workerData.busyTimeoutMillis}`);
const statements = new Map();
const prepared = (text) => {
  if (!statements.has(text)) statements.set(text, db.prepare(text));
  return statements.get(text);
};
// One read transaction: the parts of a report see the same rows.
const sums = db.transaction((selects) => Object.fromEntries(
  Object.entries(selects).map(([part, { text, values }]) => [part, prepared(text).all(...values)])));

parentPort.on('message', ({ id, selects }) => {
  try {
    parentPort.postMessage({ id, rows: sums(selects) });
  } catch (error) {
    parentPort.postMessage({ id, error: error.message });
  }
});
