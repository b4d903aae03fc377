// Verified pay's calls into its module (verified-core.js): typed, no JSON
// text crosses. The widget's plain requests become the records wasm/
// verified_abi.cpp declares (every field present, text cleaned), and
// the JSON the core reads or writes — the stored token record, the OAuth
// state record, the server's answers — crosses as a JsonDocument parsed
// and written here by JSON.parse and JSON.stringify (json-document.js).
// Shapes only: what any of it means is the core's to decide.
// types/core.d.ts declares both sides.
import { guarded } from './core-call.js';
import { attributeList, number, text, typedPageFacts } from './core-values.js';
import { jsonDocument, jsonText } from './json-document.js';

// The OAuth state record keeps the flow's context as JSON text of its own
// (its format since the first verified release, kept so that a flow begun
// before an update finishes after it): parsed as a document of its own too.
function storedContext(record) {
  try {
    return jsonDocument(JSON.parse(record)?.context);
  } catch {
    return jsonDocument(undefined);
  }
}

/** The element's side of every call but the callback's. */
const widgetInput = ({ attributes, page, mastodonHost }) => ({
  attributes: attributeList(attributes),
  page: typedPageFacts(page),
  mastodonHost: text(mastodonHost),
});

/**
 * @param {import('../types/core').VerifiedModule} raw
 */
export function verifiedCalls(raw) {
  return {
    /**
     * @param {{attributes: Record<string, string>, page: object, now: number, mastodonHost?: string, storedToken?: string | null}} request
     *   storedToken: the text stored under the view's tokenKey, if any
     * @returns {import('../types/core').VerifiedView}
     */
    describeVerified: guarded((request) => raw.describeVerified({
      ...widgetInput(request), now: number(request.now), storedToken: jsonDocument(request.storedToken),
    })),
    /** @returns {import('../types/core').VerifiedPostCheck} */
    checkVerifiedPost: guarded((request) => raw.checkVerifiedPost({ ...widgetInput(request), text: text(request.text) })),
    /**
     * @param {{attributes: Record<string, string>, page: object, now: number, mastodonHost?: string, random: string, text: string, clientStatus: number, client: string}} request
     *   clientStatus, client: the HTTP status (0: no answer) and the text of the server's /v1/oauth-client answer
     * @returns {import('../types/core').VerifiedBegin & {record: string}} the record as the text to store
     */
    beginVerified: guarded((request) => {
      const begun = raw.beginVerified({
        ...widgetInput(request), now: number(request.now), random: text(request.random), text: text(request.text),
        clientStatus: number(request.clientStatus), client: jsonDocument(request.client),
      });
      return { ...begun, record: jsonText(begun.record) };
    }),
    /**
     * @param {{query: string, page: string, stored: string | null, now: number}} request stored: the sessionStorage record's text
     * @returns {Omit<import('../types/core').VerifiedCallback, 'error' | 'consumedRecord'> & {error: import('../types/core').Error | null, consumedRecord: string}}
     *   error null when there is none; consumedRecord "" when there is nothing to write back
     */
    acceptVerifiedCallback: guarded(({ query, page, stored, now }) => {
      const accepted = raw.acceptVerifiedCallback({
        query: text(query), page: text(page), now: number(now),
        hasStored: typeof stored === 'string' && stored !== '', stored: jsonDocument(stored), storedContext: storedContext(stored),
      });
      return {
        ...accepted,
        error: accepted.error.code ? accepted.error : null,
        consumedRecord: jsonText(accepted.consumedRecord),
      };
    }, (error) => ({ outcome: 'failed', error, consumedRecord: '', item: '' })),
    /**
     * @param {{item: string, now: number, status: number, body: string}} request body: the answer's text
     * @returns {import('../types/core').UnlockRead & {tokenRecord: string}} the token record as the text to store
     */
    readUnlockResponse: guarded(({ item, now, status, body }) => {
      const read = raw.readUnlockResponse({ item: text(item), now: number(now), status: number(status), body: jsonDocument(body) });
      return { ...read, tokenRecord: jsonText(read.tokenRecord) };
    }, (error) => ({ ok: false, error, forgetToken: false, tokenKey: '', tokenRecord: '' })),
  };
}
