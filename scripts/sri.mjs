// Subresource Integrity values (https://www.w3.org/TR/SRI/): sha256, base64.
// SHA-256 rather than SHA-384: every browser must support it, no attack on
// its second preimages is known, and the script-tag entry carries one
// incompressible hash per file it pins (21 of them): each is 16 bytes
// shorter in SHA-256, about 340 bytes brotli on every page.
import { createHash } from 'node:crypto';

/** @param {Uint8Array} bytes @returns {string} "sha256-…" */
export function sriHash(bytes) {
  return `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}
