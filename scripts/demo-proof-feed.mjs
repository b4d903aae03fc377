// The demo's social-proof feed (schema: docs/proof-feed.md). It is sample
// data, and the demo page says so. Its timestamps are fixed offsets before
// the moment the demo server started, so they age like real ones: after the
// 24-hour window the activity toasts stop, as they would on a real shop.
const MINUTE = 60 * 1000;

const EVENTS = [
  { minutesBefore: 4, type: 'purchase', name: 'Ana', place: 'Madrid' },
  { minutesBefore: 11, type: 'download', name: 'Jordi', place: 'Barcelona' },
  { minutesBefore: 26, type: 'purchase', name: 'Lucía', place: 'Sevilla' },
  { minutesBefore: 47, type: 'share', name: 'Marta' },
  { minutesBefore: 95, type: 'purchase', place: 'Valencia' },
  { minutesBefore: 180, type: 'purchase', name: 'Iker', place: 'Bilbao' },
];

/**
 * @param {number} startedAt when the demo server started (ms)
 * @param {number} now when the feed is asked for (ms)
 */
export function demoProofFeed(startedAt, now) {
  const iso = (time) => new Date(time).toISOString();
  const events = EVENTS.map(({ minutesBefore, ...event }, index) => ({
    id: `demo-${index + 1}`,
    item: 'playbook',
    at: startedAt - minutesBefore * MINUTE,
    ...event,
  }));
  // The 24-hour count is counted from the events themselves, at `now`.
  const purchasesToday = events.filter((e) => e.type === 'purchase' && now - e.at <= 24 * 60 * MINUTE).length;
  return {
    version: 1,
    counters: [
      { item: 'playbook', type: 'purchase', window: 'all', count: 1284 },
      { item: 'playbook', type: 'purchase', window: '24h', count: purchasesToday, at: iso(now) },
      { item: 'playbook', type: 'signup', window: 'all', count: 12840 },
    ],
    events: events.map((event) => ({ ...event, at: iso(event.at) })),
  };
}
