// UTC offsets of IANA time zones, read from the browser's Intl data. The
// daily-deadline rule itself lives in the core; this only answers "what is
// the offset of this zone at this instant" in Intl's own words
// ("GMT+01:00"), which the core parses.

const formatters = new Map();

function formatter(zone) {
  if (!formatters.has(zone)) {
    formatters.set(zone, new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }));
  }
  return formatters.get(zone);
}

/** Whether this browser knows the zone. */
export function isKnownZone(zone) {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** @returns {string} e.g. "GMT+01:00", or "GMT" for UTC itself */
export function offsetName(zone, instant) {
  const parts = formatter(zone).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}
