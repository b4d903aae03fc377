// The SQLite store's dashboard report (readReportSums): its sums read every
// counter row of the days asked (report-queries.js), about a second for
// 30 days at the daily row bound. better-sqlite3 runs a statement on the
// thread that calls it, so on the server's thread that second would hold
// every unlock. They run instead in a worker thread with a read-only
// connection of its own (WAL lets it read while the server writes). An
// in-memory database, which no second connection can open, is read on the
// calling thread.
import { Worker } from 'node:worker_threads';

const WORKER = new URL('./sqlite-report-worker.js', import.meta.url);

/**
 * @param {{ db: import('better-sqlite3').Database, path: string, inMemory: boolean, busyTimeoutMillis: number }} options
 * @returns {{ run(selects: Record<string, {text: string, values: unknown[]}>): Promise<Record<string, object[]>>, close(): Promise<void> }}
 */
export function sqliteReportRunner({ db, path, inMemory, busyTimeoutMillis }) {
  if (inMemory) {
    return {
      async run(selects) {
        return db.transaction(() => Object.fromEntries(
          Object.entries(selects).map(([part, { text, values }]) => [part, db.prepare(text).all(...values)])))();
      },
      async close() {},
    };
  }
  let worker = null;
  let nextId = 0;
  const pending = new Map();
  const failAll = (error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = null;
  };
  const start = () => {
    worker = new Worker(WORKER, { workerData: { path, busyTimeoutMillis } });
    worker.on('message', ({ id, rows, error }) => {
      const waiting = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) worker?.unref(); // an idle worker does not keep the process alive
      if (error) waiting?.reject(new Error(`report sums failed: ${error}`));
      else waiting?.resolve(rows);
    });
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('the report worker stopped')));
  };
  return {
    run(selects) {
      if (!worker) start();
      worker.ref();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, selects });
      });
    },
    async close() {
      const stopping = worker;
      worker = null;
      if (stopping) await stopping.terminate();
    },
  };
}
