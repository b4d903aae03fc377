// Subresource Integrity values (https://www.w3.org/TR/SRI/): sha384, base64.
import { createHash } from 'node:crypto';

/** @param {Uint8Array} bytes @returns {string} "sha384-…" */
export function sriHash(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}
