// Which fetch() calls a page made for one path, and how each has settled —
// so a test can wait for what the page did instead of sleeping: "the batch
// was sent (or failed)", "the feed read has been answered". Recorded in the
// page as each call is made, in every document of the page.
//
// Why a settled state means the page has dealt with it too: the recorder's
// reaction is attached before the caller gets the promise, so it runs first;
// but the test reads the states with page.evaluate, a later task, by which
// time every reaction to that settlement (the widget's included) has run.

/**
 * Starts recording the page's fetch() calls for `path` (a same-origin path).
 * @param {import('@playwright/test').Page} page
 * @param {string} path
 */
export async function watchFetches(page, path) {
  await page.addInitScript((watched) => {
    const calls = [];
    Object.defineProperty(window, '__e2eFetches', { value: calls });
    const realFetch = window.fetch;
    window.fetch = function fetch(resource, ...rest) {
      const promise = realFetch.call(this, resource, ...rest);
      const url = new URL(resource instanceof Request ? resource.url : String(resource), location.href);
      if (url.pathname === watched) {
        const call = { state: 'pending' };
        calls.push(call);
        promise.then(() => { call.state = 'sent'; }, () => { call.state = 'failed'; });
      }
      return promise;
    };
  }, path);
}

/**
 * The watched calls so far, in the order they were made: "pending", "sent"
 * (an answer arrived, whatever its status) or "failed" (no answer).
 * @param {import('@playwright/test').Page} page
 * @returns {Promise<string[]>}
 */
export function fetchStates(page) {
  return page.evaluate(() => window.__e2eFetches.map((call) => call.state));
}
