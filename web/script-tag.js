// Which <script> element loaded this file, for the script-tag builds: its
// src says where the core's files are, and its data-* attributes carry the
// site owner's options (data-core, and issue 8's data-collect).

/**
 * The <script> element that is running this file, or null (no DOM, or it
 * was bundled into someone else's script).
 * @param {string | undefined} moduleUrl import.meta.url in the module build;
 *   undefined in the IIFE build, where document.currentScript answers
 * @returns {HTMLScriptElement | null}
 */
export function ownScriptTag(moduleUrl) {
  const document = globalThis.document;
  if (!document) return null;
  // A classic script (the IIFE) is document.currentScript while it runs.
  if (document.currentScript) return /** @type {HTMLScriptElement} */ (document.currentScript);
  // A module script is not: find the tag whose src is this module's URL.
  if (!moduleUrl) return null;
  return [...document.querySelectorAll('script[src]')]
    .find((script) => /** @type {HTMLScriptElement} */ (script).src === moduleUrl) ?? null;
}
