// <sharelock-countdown>'s calls into wasm: typed, no JSON text. It turns
// the element's plain requests into the records wasm/
// countdown_fields.hpp declares (every field present, text cleaned; the
// stored evergreen record and the stock feed's body parsed by JSON.parse
// into JsonDocuments), and hands back plain objects shaped as the element
// uses them. Shapes only: what they mean is the core's to decide.
// types/core.d.ts declares both sides.
import { guarded } from './core-call.js';
import { attributeList, number, text, typedPageFacts } from './core-values.js';
import { jsonDocument, jsonText } from './json-document.js';

/**
 * @param {{attributes: Record<string, string>, page: object, now: number, zoneKnown?: boolean,
 *   offsets?: {at: number, name: string}[], stored?: {key: string, value: string | null}[]}} request
 *   offsets and stored: the answers to the plan's earlier `need`s (stored values as text, null when absent)
 * @returns {import('../types/core').CountdownRequest}
 */
export function countdownRequest({ attributes, page, now, zoneKnown, offsets, stored } = {}) {
  return {
    attributes: attributeList(attributes),
    page: typedPageFacts(page),
    now: number(now),
    zoneKnown: zoneKnown !== false,
    offsets: (offsets ?? []).map((offset) => ({ at: number(offset?.at), name: text(offset?.name) })),
    stored: (stored ?? []).map((entry) => ({ key: text(entry?.key), value: jsonDocument(entry?.value) })),
  };
}

/**
 * The first wasm response's clock sample (wasm-loader.js's serverClockSample).
 * @returns {import('../types/core').ClockSample}
 */
export function clockSample(sample) {
  return {
    sentAt: number(sample?.sentAt),
    receivedAt: number(sample?.receivedAt),
    date: text(sample?.date),
    age: number(sample?.age),
  };
}

/**
 * The countdown's JSON-free calls of the main module, plain objects in and out.
 * @param {import('../types/core').CoreModule} raw
 */
export function countdownCalls(raw) {
  return {
    /**
     * Asked again with the answers while `needsMore` (web/countdown-element.js).
     * @returns {Omit<import('../types/core').CountdownPlan, 'effects'> & {effects: {type: string, key: string, value: string}[]}}
     */
    planCountdown: guarded((request) => {
      const plan = raw.planCountdown(countdownRequest(request));
      // A record to store, as the text storage keeps.
      return { ...plan, effects: plan.effects.map((effect) => ({ ...effect, value: jsonText(effect.value) })) };
    }),
    /**
     * @param {{body: string, lang: string}} feed the feed's text, as fetched
     * @returns {import('../types/core').StockFeedResult}
     */
    stockFromFeed: guarded(({ body, lang } = {}) => raw.stockFromFeed({ body: jsonDocument(body), lang: text(lang) }),
      (error) => ({ ok: false, text: '', error })),
    /** @returns {{skew: number}} ms to add to the device's clock (0 when the core failed) */
    clockSkew: guarded((sample) => ({ skew: raw.clockSkew(clockSample(sample)).millis }), () => ({ skew: 0 })),
  };
}
