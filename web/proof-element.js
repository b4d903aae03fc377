// <sharelock-proof>: social proof from real data only; the behaviour its
// element (widget-element.js) loads on first use. The core reads the
// attributes, validates the feed and writes every sentence; this fetches the feed, shows the badge (or hands the events to the toasts),
// and shows nothing at all when there is nothing true to say.
import { loadCore } from './core-client.js';
import * as clock from './countdown-clock.js';
import { coalesced, h, presentAttributes } from './dom.js';
import { reportError } from './errors.js';
import { fetchFeedText } from './feed.js';
import { pageFacts } from './page-facts.js';
import { proofStyles } from './proof-styles.js';
import { ActivityToasts } from './proof-toasts.js';
import { themeStyles } from './theme-styles.js';
import { PROOF_ATTRIBUTES } from './widget-attributes.js';

export class ProofWidget {
  #host;
  #root;
  #core = null;
  // Each start gets a number; a feed that arrives after a newer start
  // (attributes changed, element removed) is dropped.
  #generation = 0;
  #timers = [];
  #toasts = null;
  #queueStart = coalesced(() => {
    if (this.#host.isConnected) this.#start();
  });
  #onVisibility = () => {
    if (!document.hidden && this.#refreshDue) this.#queueStart();
  };
  #refreshDue = false;
  // A live count is read again every 30 s: the same problem is said once,
  // until the attributes change.
  #reported = new Set();
  // How often a live count is read again (ms), once one has been read.
  #liveRefresh = null;

  /**
   * @param {HTMLElement} host the <sharelock-proof>
   * @param {ShadowRoot} root its shadow root, still empty
   */
  constructor(host, root) {
    this.#host = host;
    this.#root = root;
    this.#root.adoptedStyleSheets = [themeStyles(), proofStyles()];
  }

  connected() {
    document.addEventListener('visibilitychange', this.#onVisibility);
    loadCore().then(
      (core) => {
        this.#core = core;
        clock.correctFromServer(core);
        if (this.#host.isConnected) this.#start();
      },
      // The loader has logged the cause once for the page.
      (error) => reportError(this.#host, { code: error.code ?? 'wasm-unavailable', message: error.message }, { log: false }),
    );
  }

  disconnected() {
    this.#generation += 1;
    this.#stop();
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  attributeChanged() {
    this.#reported.clear();
    this.#liveRefresh = null;
    // What is shown may be about another item or type now: gone at once,
    // not after the new feed arrives.
    this.#stop();
    this.#clear();
    if (this.#core) this.#queueStart();
  }

  #report(error) {
    const key = `${error.code}|${error.attribute}|${error.message}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    reportError(this.#host, error);
  }

  async #start() {
    const generation = ++this.#generation;
    this.#refreshDue = false;
    const request = { attributes: presentAttributes(this.#host, PROOF_ATTRIBUTES), page: pageFacts(this.#host), now: clock.now() };
    let view = this.#core.describeProof(request);
    if (view.need?.fetch) {
      const { fetch: url, credentials, referrerPolicy, attribute, refreshAfter } = view.need;
      this.#liveRefresh = refreshAfter ?? null;
      let body;
      try {
        body = await fetchFeedText(url, { credentials, referrerPolicy });
      } catch (error) {
        if (generation !== this.#generation) return;
        this.#stop();
        this.#clear();
        this.#report({ code: 'feed-unavailable', attribute, message: `the feed ${url} could not be read: ${error.message}` });
        // A live count that failed once is tried again, as it would be anyway.
        if (this.#liveRefresh) this.#scheduleRefresh({ refreshAfter: this.#liveRefresh });
        return;
      }
      if (generation !== this.#generation) return;
      view = this.#core.describeProof({ ...request, now: clock.now(), body });
    }
    this.#stop();
    for (const error of view.errors) this.#report(error);
    if (view.fatal || !view.show) {
      this.#clear();
    } else if (view.kind === 'recent') {
      this.#showToasts(view);
    } else {
      this.#showBadge(view);
    }
    this.#liveRefresh = view.refreshAfter ?? null;
    this.#scheduleRefresh(view);
  }

  #showBadge(view) {
    this.#root.replaceChildren(h('p', { class: 'badge', part: 'badge', lang: view.lang }, [
      h('span', { class: 'mark', part: 'mark', 'aria-hidden': 'true' }),
      h('span', { class: 'text', part: 'text' }, [view.text]),
    ]));
    this.#host.dispatchEvent(new CustomEvent('sharelock:proof', {
      bubbles: true,
      composed: true,
      detail: { kind: 'count', count: view.count, text: view.text },
    }));
  }

  #showToasts(view) {
    this.#toasts = new ActivityToasts(this.#host, this.#root, this.#core, view);
    this.#toasts.start();
  }

  // A live "viewing now" count is fetched again while the tab is visible,
  // and hidden the moment it is too old to be "now".
  #scheduleRefresh(view) {
    if (view.refreshAfter) {
      this.#later(view.refreshAfter, () => {
        if (document.hidden) this.#refreshDue = true;
        else this.#start();
      });
    }
    if (view.expiresAt) this.#later(view.expiresAt - clock.now(), () => this.#clear());
  }

  #later(delay, task) {
    this.#timers.push(setTimeout(task, Math.max(0, delay)));
  }

  #stop() {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    this.#toasts?.stop();
    this.#toasts = null;
  }

  // An empty shadow root: the element takes no space and shows nothing
  // (the page's own markup is left alone; no attribute is set on it).
  #clear() {
    this.#root.replaceChildren();
  }
}
