// <sharelock-countdown>: a deadline that tells the truth; the behaviour its
// element (widget-element.js) loads on first use. The core plans it (which
// deadline, what happens at zero) and says, each second, what is left; this
// renders it, writing only the text that changed, and
// carries out what the site owner chose for the end.
import { countdownStyles } from './countdown-styles.js';
import { loadCore } from './core-client.js';
import * as clock from './countdown-clock.js';
import { coalesced, h, presentAttributes } from './dom.js';
import { fetchFeedText } from './feed.js';
import { reportError } from './errors.js';
import { pageFacts } from './page-facts.js';
import { readStored, writeStored } from './storage.js';
import { themeStyles } from './theme-styles.js';
import { COUNTDOWN_ATTRIBUTES } from './widget-attributes.js';
import { showFallback } from './widget-element.js';
import { isKnownZone, offsetName } from './zone-offsets.js';

const MAX_PLAN_ROUNDS = 8;

export class CountdownWidget {
  #host;
  #root;
  #core = null;
  #plan = null;
  #startedBeforeEnd = false; // this page view saw the countdown before its deadline
  #queueStart = coalesced(() => {
    if (this.#host.isConnected) this.#start();
  });
  #subscription = null;
  #nodes = null;       // the text nodes written each second, by unit
  #shown = '';         // the structure (phase + units) the nodes belong to
  #spoken = '';
  #status = h('p', { class: 'visually-hidden', part: 'status', 'aria-live': 'polite' });

  /**
   * @param {HTMLElement} host the <sharelock-countdown>
   * @param {ShadowRoot} root its shadow root, still showing the loading box
   */
  constructor(host, root) {
    this.#host = host;
    this.#root = root;
    this.#root.adoptedStyleSheets = [themeStyles(), countdownStyles()];
  }

  connected() {
    loadCore().then(
      (core) => {
        this.#core = core;
        clock.correctFromServer(core);
        if (this.#host.isConnected) this.#start();
      },
      (error) => this.#showFallback({ code: error.code ?? 'wasm-unavailable', message: error.message }, false),
    );
  }

  disconnected() {
    this.#stopTicking();
  }

  attributeChanged() {
    if (this.#core) this.#queueStart();
  }

  // Asks the core for the plan, answering what it needs (zone offsets from
  // Intl, stored evergreen starts) until it has everything.
  #askPlan(time) {
    const attributes = presentAttributes(this.#host, COUNTDOWN_ATTRIBUTES);
    const request = { attributes, page: pageFacts(this.#host), now: time, stored: [], offsets: [] };
    if (attributes.tz) request.zoneKnown = isKnownZone(attributes.tz);
    for (let round = 0; round < MAX_PLAN_ROUNDS; round += 1) {
      const plan = this.#core.planCountdown(request);
      if (!plan.needsMore) return plan;
      for (const at of plan.need.offsets) request.offsets.push({ at, name: offsetName(attributes.tz, at) });
      for (const key of plan.need.stored) request.stored.push({ key, value: readStored(key) });
    }
    return { fatal: true, errors: [{ code: 'invalid-time-zone', attribute: 'tz', message: 'the zone could not be resolved' }] };
  }

  #start() {
    this.#stopTicking();
    this.#host.removeAttribute('ended');
    this.#host.hidden = false;
    const plan = this.#askPlan(clock.now());
    for (const error of plan.errors) reportError(this.#host, error);
    if (plan.fatal) {
      this.#showFallback(null);
      return;
    }
    // Storage off: the window still runs for this page view.
    for (const effect of plan.effects) writeStored(effect.key, effect.value);
    this.#plan = plan;
    this.#startedBeforeEnd = clock.now() < plan.endsAt;
    this.#shown = '';
    this.#root.replaceChildren(h('div', { class: 'countdown', part: 'countdown', lang: plan.lang }), this.#status);
    if (plan.stock) this.#showStock(plan.stock);
    if (plan.stockSrc) this.#loadStock(plan.stockSrc);
    this.#subscription = { element: this.#host, tick: (time, visible) => this.#tick(time, visible) };
    this.#tick(clock.now(), true);
    if (this.#subscription) clock.subscribe(this.#subscription);
  }

  #stopTicking() {
    if (this.#subscription) clock.unsubscribe(this.#subscription);
    this.#subscription = null;
  }

  #tick(time, visible) {
    const plan = this.#plan;
    // Off screen, nothing is drawn; only the moment a phase changes matters
    // (opensAt is NaN when there is no start).
    const nextChange = time < plan.opensAt ? plan.opensAt : plan.endsAt;
    if (!visible && time < nextChange) return;
    const view = this.#core.countdownView(plan.endsAt, plan.opensAt, time, plan.lang, plan.format);
    if (view.phase === 'ended') {
      this.#end();
      return;
    }
    this.#draw(view);
    // Screen readers hear the time once a minute, not every second.
    if (view.spoken !== this.#spoken) {
      if (this.#spoken) this.#status.textContent = `${this.#prefix(view)} ${view.spoken}`;
      this.#spoken = view.spoken;
    }
  }

  #prefix(view) {
    return view.phase === 'upcoming' ? this.#plan.messages.opensIn : this.#plan.messages.endsIn;
  }

  #draw(view) {
    const compact = this.#plan.format === 'compact';
    const structure = `${view.phase}|${compact ? 'compact' : view.parts.map((p) => p.unit).join(',')}`;
    if (structure !== this.#shown) this.#build(view, compact, structure);
    const write = (node, text) => {
      if (node.data !== text) node.data = text;
    };
    if (compact) {
      write(this.#nodes.compact, view.text);
      return;
    }
    for (const part of view.parts) {
      write(this.#nodes[part.unit].value, part.value);
      write(this.#nodes[part.unit].label, part.label);
    }
  }

  // (Re)builds the timer when its shape changes: the phase, or the days
  // unit appearing or going.
  #build(view, compact, structure) {
    const container = this.#root.querySelector('.countdown');
    const text = () => document.createTextNode('');
    this.#nodes = {};
    let timer;
    if (compact) {
      this.#nodes.compact = text();
      timer = h('span', { class: 'timer compact', part: 'timer', role: 'timer' }, [this.#nodes.compact]);
    } else {
      timer = h('span', { class: 'timer', part: 'timer', role: 'timer' }, view.parts.map((part) => {
        const nodes = { value: text(), label: text() };
        this.#nodes[part.unit] = nodes;
        return h('span', { class: 'unit', part: 'unit', 'data-unit': part.unit }, [
          h('span', { class: 'value', part: 'value' }, [nodes.value]),
          h('span', { class: 'label', part: 'label' }, [nodes.label]),
        ]);
      }));
    }
    const stock = container.querySelector('.stock');
    container.replaceChildren(h('span', { class: 'prefix', part: 'prefix' }, [this.#prefix(view)]), timer);
    if (stock) container.append(stock);
    this.#shown = structure;
  }

  #end() {
    const plan = this.#plan;
    this.#host.dispatchEvent(new CustomEvent('sharelock:expire', {
      bubbles: true,
      composed: true,
      // whileOpen: the deadline passed while this page was open (false: the
      // page was opened after it), so analytics counts only real endings.
      detail: { kind: plan.kind, endsAt: plan.endsAt, action: plan.rolls ? 'next' : plan.onEnd, whileOpen: this.#startedBeforeEnd },
    }));
    if (plan.rolls) {
      // Today's deal is over; tomorrow's begins.
      this.#start();
      return;
    }
    this.#stopTicking();
    this.#host.setAttribute('ended', '');
    const ended = plan.messages.ended;
    this.#root.querySelector('.countdown').replaceChildren(h('p', { class: 'ended', part: 'ended' }, [ended]));
    this.#status.textContent = ended;
    if (plan.onEnd === 'hide') this.#host.hidden = true;
    if (plan.onEnd === 'lock' || plan.onEnd === 'unlock') this.#settlePay(plan.pay, plan.onEnd);
  }

  #settlePay(id, action) {
    const pay = document.getElementById(id);
    if (!pay || pay.localName !== 'sharelock-pay') {
      reportError(this.#host, { code: 'missing-pay', attribute: 'pay', message: `no <sharelock-pay id="${id}"> on the page` });
      return;
    }
    customElements.whenDefined('sharelock-pay').then(() => {
      if (action === 'lock') pay.closeOffer();
      else pay.openOffer();
    });
  }

  #showStock(text) {
    const container = this.#root.querySelector('.countdown');
    let line = container.querySelector('.stock');
    if (!line) {
      line = h('p', { class: 'stock', part: 'stock' });
      container.append(line);
    }
    line.textContent = text;
  }

  async #loadStock(url) {
    const lang = this.#plan.lang;
    try {
      const stock = this.#core.stockFromFeed({ body: await fetchFeedText(url), lang });
      if (!stock.ok) {
        reportError(this.#host, stock.error);
        return;
      }
      if (this.#host.isConnected && !this.#host.hasAttribute('ended')) this.#showStock(stock.text);
    } catch (error) {
      reportError(this.#host, { code: 'feed-unavailable', attribute: 'stock-src', message: `the stock feed could not be read: ${error.message}` });
    }
  }

  #showFallback(error, log = true) {
    this.#stopTicking();
    showFallback(this.#root);
    if (error) reportError(this.#host, error, { log });
  }
}
