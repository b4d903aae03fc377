// Waiting for something another process makes true (a PostgreSQL session
// blocked on a lock, a pool's queue), without a verdict on speed: until()
// polls `condition` for as long as it takes, and fails as soon as an event
// shows it can no longer come true — one of `failIf` (the operations that
// should still be in flight) settling first.
//
// HANG_GUARD_MILLIS is not a deadline for the behaviour: each condition
// here is met within milliseconds on an idle machine and within seconds on
// a loaded one. It only turns a test that would otherwise hang (a bug that
// leaves everything waiting, which no event reports) into a failure with a
// message, and is far above the slowest honest run.
export const HANG_GUARD_MILLIS = 180_000;

export async function until(condition, { failIf = [], what = 'the condition' } = {}) {
  let settled = null;
  for (const [index, promise] of failIf.entries()) {
    promise.then(
      (value) => { settled ??= `operation ${index} finished first (${JSON.stringify(value)})`; },
      (error) => { settled ??= `operation ${index} failed first: ${error?.stack ?? error}`; },
    );
  }
  const started = Date.now();
  for (;;) {
    // The check runs first: an operation settling does not hide a condition that already held.
    if (await condition()) return;
    if (settled) throw new Error(`${what} never held: ${settled}`);
    if (Date.now() - started > HANG_GUARD_MILLIS) throw new Error(`${what}: still not true after ${HANG_GUARD_MILLIS} ms (a hang)`);
    await new Promise((resolve) => { setTimeout(resolve, 20); });
  }
}
