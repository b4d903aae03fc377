// Device storage that never throws at a shopper: storage can be disabled,
// full, or blocked for third-party frames. Failing to remember is fine;
// failing the click is not.

function area(kind) {
  try {
    return kind === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
  } catch {
    return null;
  }
}

export function readStored(key, kind = 'local') {
  try {
    return area(kind)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** @returns {boolean} whether the value was stored (false where storage is blocked or full) */
export function writeStored(key, value, kind = 'local') {
  try {
    const storage = area(kind);
    if (!storage) return false;
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key, kind = 'local') {
  try {
    area(kind)?.removeItem(key);
  } catch {
    // Nothing to clean where storage is unavailable.
  }
}
