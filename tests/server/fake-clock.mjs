// A clock for the PostgreSQL store's retry budget (openPostgresStore's
// `clock` option) that only moves when the store waits: sleep(ms) adds ms
// to now() at once instead of waiting in real time. "An outage shorter than
// retryMillis" then means "shorter in the store's own waiting", the same on
// a fast machine and on a loaded one, where real timers fire late and
// connections take long to open.
//
// `at(ms, action)` runs `action` the first time the store has waited at
// least `ms` since at() was called (before that sleep returns): a test
// restores the database "after 400 ms" of the store's retrying, exactly.

export function fakeClock(start = 1_750_000_000_000) {
  let now = start;
  const pending = [];
  return {
    now: () => now,
    async sleep(ms) {
      now += ms;
      for (const entry of pending.filter((p) => now >= p.due)) {
        pending.splice(pending.indexOf(entry), 1);
        entry.action();
      }
      // A real turn of the event loop, so that socket events (a reset, a
      // refused connection) are seen in the order they happened.
      await new Promise((resolve) => { setImmediate(resolve); });
    },
    at(ms, action) {
      pending.push({ due: now + ms, action });
    },
  };
}
