// <sharelock-pay>'s calls into the main module: typed, no JSON
// (wasm/pay_fields.hpp; types/core.d.ts). Builds every field of the
// requests from what the widget reads, parses the stored records with
// JSON.parse (json-document.js), and hands back plain objects (a record
// to store as a document: jsonText writes it).
import { guarded } from './core-call.js';
import { attributeList, number, text, typedPageFacts } from './core-values.js';
import { jsonDocument } from './json-document.js';

/** @returns {import('../types/core').PayWidgetInput} */
function widgetInput({ attributes, page, mastodonHost }) {
  return { attributes: attributeList(attributes), page: typedPageFacts(page), mastodonHost: text(mastodonHost) };
}

/** The state the widget keeps between steps, as the core answered it ({} at "init"). */
function payState(state) {
  return {
    phase: text(state?.phase),
    openedAt: number(state?.openedAt),
    sameTab: state?.sameTab === true,
    collapsed: state?.collapsed === true,
    closed: state?.closed === true,
    notice: text(state?.notice),
  };
}

/** @param {import('../types/core').CoreModule} raw */
export function payCalls(raw) {
  return {
    /**
     * @param {{attributes: Record<string, string>, page: object, mastodonHost?: string}} request
     * @returns {import('../types/core').PayDescription}
     */
    describePay: guarded((request) => raw.describePay(widgetInput(request))),
    /**
     * @param {{attributes: Record<string, string>, page: object, mastodonHost?: string, now: number,
     *   event: string, state?: object, stored: Record<string, string | null>}} request
     *   stored: the records' text as read (null when absent)
     * @returns {import('../types/core').PayStep}
     */
    stepPay: guarded((request) => {
      const { stored } = request;
      return raw.stepPay({
        widget: widgetInput(request),
        now: number(request.now),
        event: text(request.event),
        state: payState(request.state),
        stored: {
          unlockLocal: jsonDocument(stored?.unlockLocal),
          unlockSession: jsonDocument(stored?.unlockSession),
          snoozeLocal: jsonDocument(stored?.snoozeLocal),
          snoozeSession: jsonDocument(stored?.snoozeSession),
          pending: jsonDocument(stored?.pending),
        },
      });
    }),
  };
}
