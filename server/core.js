// The verification server's copy of the core: the same C++ rules the
// browser runs, compiled to wasm (wasm/server_bindings.cpp), loaded once per
// process. Every call takes and returns JSON text, through the same wrapper
// as the browser's (web/core-call.js): text in well-formed and NFC, a trap
// answered as {ok: false, status: 500, error} instead of thrown.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cleanDeep, cleanText, guarded } from '../web/core-call.js';

const BUILT = fileURLToPath(new URL('../build/wasm/wasm/', import.meta.url));

/**
 * @param {string} [directory] where sharelock-server-core.{mjs,wasm} are
 *   (SHARELOCK_SERVER_CORE, else the build tree)
 */
export async function loadServerCore(directory = process.env.SHARELOCK_SERVER_CORE || BUILT) {
  const base = directory.endsWith('/') ? directory : `${directory}/`;
  const { default: create } = await import(`${base}sharelock-server-core.mjs`);
  // Node 20's fetch cannot read file: URLs, so the binary is handed over.
  const module = await create({ wasmBinary: await readFile(`${base}sharelock-server-core.wasm`) });
  const failure = (error) => ({ ok: false, status: 500, error });
  const call = (name) => guarded((request) => JSON.parse(module[name](JSON.stringify(cleanDeep(request)))), failure);
  return {
    checkUnlockRequest: call('checkUnlockRequest'),
    issueUnlockToken: call('issueUnlockToken'),
    checkUnlockToken: call('checkUnlockToken'),
    // Hashes of secrets, exactly as received: cleaning could make two codes one.
    codeHash: (code) => module.codeHash(code),
    normalizeHost: guarded((host) => JSON.parse(module.normalizeHost(cleanText(String(host)))), failure),
    analyticsBatchRefs: call('analyticsBatchRefs'),
    analyticsAggregateBatch: call('analyticsAggregateBatch'),
    analyticsRange: call('analyticsRange'),
    analyticsReport: call('analyticsReport'),
    analyticsCsv: call('analyticsCsv'),
    analyticsShareCounts: call('analyticsShareCounts'),
  };
}
