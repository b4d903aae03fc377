// <sharelock-proof>'s calls into wasm: typed, no JSON text. The widget's
// plain requests become the records wasm/proof_fields.hpp declares
// (every field present, text cleaned); the feed body and the stored cap
// record cross as JsonDocuments that JSON.parse produced, and the record
// the core writes comes back as text to store. Shapes only: what any of it
// means is the core's to decide. types/core.d.ts declares both sides.
import { guarded } from './core-call.js';
import { attributeList, number, text, typedPageFacts } from './core-values.js';
import { jsonDocument, jsonText } from './json-document.js';

/** The UTF-8 length of a text, which the core's 1 MiB feed limit is about. */
const utf8Bytes = (value) => new TextEncoder().encode(value).byteLength;

/**
 * The badge's request: the second step (after `need.fetch` was fetched)
 * carries the response text as `body`.
 * @param {{attributes: Record<string, string>, page: object, now: number, body?: string | null}} request
 * @returns {import('../types/core').ProofRequest}
 */
export function proofRequest({ attributes, page, now, body }) {
  return {
    attributes: attributeList(attributes),
    page: typedPageFacts(page),
    now: number(now),
    hasBody: body !== undefined,
    body: jsonDocument(body),
    bodyBytes: utf8Bytes(text(body)),
  };
}

/** @returns {import('../types/core').ProofToastTextRequest} */
export function proofToastTextRequest({ type, name, place, at, now, lang, window }) {
  return { type: text(type), name: text(name), place: text(place), at: number(at), now: number(now), lang: text(lang), window: number(window) };
}

/**
 * @param {{stored: string | null, now: number, limit: number, snooze: number, action: string}} request
 *   `stored`: the record's text as kept in storage, or null
 * @returns {import('../types/core').ProofToastGateRequest}
 */
export function proofToastGateRequest({ stored, now, limit, snooze, action }) {
  return { stored: jsonDocument(stored), now: number(now), limit: number(limit), snooze: number(snooze), action: text(action) };
}

/** @param {import('../types/core').CoreModule} raw */
export function proofCalls(raw) {
  return {
    /** @returns {import('../types/core').ProofView} */
    describeProof: guarded((request) => raw.describeProof(proofRequest(request))),
    /** @returns {import('../types/core').ProofToastText} */
    proofToastText: guarded((request) => raw.proofToastText(proofToastTextRequest(request)),
      () => ({ text: '', expired: true })),
    /**
     * The per-visitor cap; `store` is the record's text to keep.
     * @returns {{allow: boolean, store: string}}
     */
    proofToastGate: guarded((request) => {
      const gate = raw.proofToastGate(proofToastGateRequest(request));
      return { allow: gate.allow, store: jsonText(gate.store) };
    }, () => ({ allow: false, store: '' })),
  };
}
