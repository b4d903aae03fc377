// The script-tag entry, built twice by scripts/build-shim.mjs:
//   dist/sharelock.iife.js  classic <script src defer>, global `Sharelock`
//   dist/sharelock.js       <script type="module">, also importable
// Both define the elements as soon as they run, and find the core's wasm
// files next to the script file unless the tag says otherwise with
// data-core="<URL of sharelock-core.wasm>" (or of the folder, ending in /;
// a URL of sharelock-core.mjs, the glue file of earlier versions, works too).
import { configureCore, defineElements, startAnalytics } from './index.js';
import { ownScriptTag } from './script-tag.js';
import { pinFiles } from './wasm-loader.js';

// The public API by name: the base file this module imports exports more.
export { configureCore, coreMemoryBytes, defineElements, loadCore, SharelockError, startAnalytics, track } from './index.js';

// The hash of every chunk this script imports later, built in
// (scripts/build-shim.mjs): each is checked before it runs, as the script
// itself is by its tag's integrity attribute.
if (typeof __SHARELOCK_PINS__ === 'string') pinFiles(JSON.parse(__SHARELOCK_PINS__));
const tag = ownScriptTag(import.meta.url);
if (tag?.dataset.core) configureCore({ moduleUrl: new URL(tag.dataset.core, tag.src || globalThis.location?.href) });
else if (tag?.src) configureCore({ moduleUrl: new URL('sharelock-core.wasm', tag.src) });
// data-collect="<collector URL>" turns on first-party analytics, before
// the elements can render their first share links or fire an event.
if (tag?.dataset.collect !== undefined) startAnalytics({ collect: tag.dataset.collect });
defineElements();
