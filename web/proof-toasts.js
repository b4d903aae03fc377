// The recent-activity toasts of <sharelock-proof kind="recent">: one real
// event at a time, in a corner, rotating. The core writes each sentence
// (at the moment it is shown, so "5 min ago" stays true) and keeps the
// per-visitor cap; this module places the toast where it covers nothing the
// site owner marked (the checkout button), holds it while hovered or
// focused, and lets the shopper dismiss it.
import * as clock from './countdown-clock.js';
import { h } from './dom.js';
import { reportError } from './errors.js';
import { readStored, writeStored } from './storage.js';

const FIRST_DELAY_MS = 3000;
// One toast on screen per page, whichever widget it comes from.
let toastOnScreen = null;
// Where storage is blocked, the cap is still kept for this page view.
let memoryGateRecord = null;
// Space kept between the toast and what it must not cover.
const CLEARANCE_PX = 8;
const FALLBACK_AVOID = '[data-sharelock-avoid]';

// The configured corner first, then its neighbours, the opposite last.
function cornersFrom(position) {
  const [vertical, horizontal] = position.split('-');
  const otherV = vertical === 'top' ? 'bottom' : 'top';
  const otherH = horizontal === 'left' ? 'right' : 'left';
  return [`${vertical}-${horizontal}`, `${vertical}-${otherH}`, `${otherV}-${horizontal}`, `${otherV}-${otherH}`];
}

function overlaps(a, b) {
  return a.left < b.right + CLEARANCE_PX && b.left < a.right + CLEARANCE_PX &&
    a.top < b.bottom + CLEARANCE_PX && b.top < a.bottom + CLEARANCE_PX;
}

export class ActivityToasts {
  #host;
  #core;
  #view;
  #settings;
  #index = 0;
  #nextTimer = 0;
  #hideTimer = 0;
  // Hovered and focused are separate: leaving with the mouse must not
  // release a toast the keyboard is still in, nor the other way round.
  #hovered = false;
  #focused = false;
  #stopped = false;
  #avoid;
  #toast;
  #text;
  #live;
  #usesPopover = typeof HTMLElement.prototype.showPopover === 'function';
  #onViewportChange = () => {
    // Never pulled from under the keyboard: focus inside would drop to <body>.
    if (this.#focused) return;
    if (this.#isShown() && !this.#place()) this.#hide();
  };
  // Escape dismisses from anywhere while a toast is up (WCAG 2.2.2: the
  // rotation can be stopped without hunting for the button), unless the
  // shopper is typing or something else already used the key.
  #onDocumentKey = (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const target = event.composedPath()[0];
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    this.#dismiss();
  };

  /**
   * @param {HTMLElement} host the <sharelock-proof> element
   * @param {ShadowRoot} root where the toast lives
   * @param {object} core the wasm core
   * @param {{lang: string, toasts: object[], toast: object, messages: {region: string, dismiss: string}}} view
   */
  constructor(host, root, core, view) {
    this.#host = host;
    this.#core = core;
    this.#view = view;
    this.#settings = view.toast;
    this.#avoid = this.#checkedSelector(view.toast.avoid);
    this.#text = h('p', { class: 'toast-text', part: 'toast-text' });
    const dismiss = h('button', {
      type: 'button', class: 'dismiss', part: 'dismiss', 'aria-label': view.messages.dismiss, onclick: () => this.#dismiss(),
    }, ['×']);
    this.#toast = h('div', {
      class: 'toast', part: 'toast', role: 'group', 'aria-label': view.messages.region, lang: view.lang,
      popover: this.#usesPopover ? 'manual' : null, hidden: !this.#usesPopover,
      onpointerenter: () => this.#hold({ hovered: true }),
      onpointerleave: () => this.#hold({ hovered: false }),
      onfocusin: () => this.#hold({ focused: true }),
      onfocusout: (event) => {
        if (!this.#toast.contains(event.relatedTarget)) this.#hold({ focused: false });
      },
    }, [this.#text, dismiss]);
    // Announced politely, once per toast, whatever the toast's position.
    this.#live = h('p', { class: 'visually-hidden', part: 'status', 'aria-live': 'polite', lang: view.lang });
    root.replaceChildren(this.#toast, this.#live);
  }

  start() {
    this.#nextTimer = setTimeout(() => this.#showNext(), Math.min(FIRST_DELAY_MS, this.#settings.interval));
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#nextTimer);
    this.#hide();
  }

  // A bad selector must not stop the toasts: report it, keep the default.
  #checkedSelector(selector) {
    try {
      document.querySelector(selector);
      return selector;
    } catch {
      reportError(this.#host, { code: 'invalid-selector', attribute: 'avoid', message: `"${selector.slice(0, 80)}" is not a CSS selector` });
      return FALLBACK_AVOID;
    }
  }

  #showNext() {
    if (this.#stopped) return;
    this.#nextTimer = setTimeout(() => this.#showNext(), this.#settings.interval);
    // Nobody sees a toast in a hidden tab; it would only use up the cap. Nor
    // over another toast, or over a modal dialog (a checkout, a consent
    // form) the top layer would put it above.
    if (document.hidden || this.#isShown() || toastOnScreen || document.querySelector('dialog:modal')) return;
    const now = clock.now();
    const next = this.#nextEvent(now);
    if (!next) {
      // Every event has been shown (or has aged out of the window): nothing
      // new and true is left to say.
      this.stop();
      return;
    }
    const { event, text } = next;
    this.#text.textContent = text;
    this.#open();
    // No free corner: skip this turn rather than cover the checkout; the
    // same event is tried again next turn.
    if (!this.#place()) {
      this.#index -= 1;
      this.#hide();
      return;
    }
    if (!this.#passGate('show', now)) {
      this.stop();
      return;
    }
    toastOnScreen = this;
    this.#toast.classList.add('visible');
    this.#live.textContent = text;
    window.addEventListener('scroll', this.#onViewportChange, { capture: true, passive: true });
    window.addEventListener('resize', this.#onViewportChange, { passive: true });
    document.addEventListener('keydown', this.#onDocumentKey);
    this.#host.dispatchEvent(new CustomEvent('sharelock:proof', {
      bubbles: true,
      composed: true,
      detail: { kind: 'recent', type: event.type, at: event.at, text },
    }));
    this.#scheduleHide();
  }

  // The next event, newest first, with its sentence at `now`. Each event is
  // shown once per page view: shown again it would read as another sale.
  // Events that have aged out of the window since the page loaded are
  // skipped.
  #nextEvent(now) {
    const toasts = this.#view.toasts;
    while (this.#index < toasts.length) {
      const event = toasts[this.#index];
      this.#index += 1;
      const { text, expired } = this.#core.proofToastText({ ...event, now, lang: this.#view.lang, window: this.#settings.window });
      if (!expired && text) return { event, text };
    }
    return null;
  }

  // The per-visitor cap, kept in memory too where storage is blocked.
  #passGate(action, now) {
    const { gateKey, limit, snooze } = this.#settings;
    const stored = readStored(gateKey) ?? memoryGateRecord;
    const gate = this.#core.proofToastGate({ stored, now, limit, snooze, action });
    memoryGateRecord = gate.store;
    writeStored(gateKey, gate.store);
    return gate.allow;
  }

  #open() {
    this.#toast.classList.remove('visible');
    if (this.#usesPopover) this.#toast.showPopover();
    else this.#toast.hidden = false;
  }

  #isShown() {
    return this.#usesPopover ? this.#toast.matches(':popover-open') : !this.#toast.hidden;
  }

  // Tries each corner; true when one covers nothing to avoid.
  #place() {
    const blocked = [...document.querySelectorAll(this.#avoid)]
      .map((element) => element.getBoundingClientRect())
      .filter((rect) => rect.width > 0 && rect.height > 0);
    for (const corner of cornersFrom(this.#settings.position)) {
      this.#toast.dataset.position = corner;
      const rect = this.#toast.getBoundingClientRect();
      if (!blocked.some((other) => overlaps(rect, other))) return true;
    }
    return false;
  }

  #scheduleHide() {
    clearTimeout(this.#hideTimer);
    if (!this.#hovered && !this.#focused) this.#hideTimer = setTimeout(() => this.#hide(), this.#settings.duration);
  }

  // Hovered or focused, a toast stays until let go (WCAG 2.2.1).
  #hold({ hovered = this.#hovered, focused = this.#focused }) {
    this.#hovered = hovered;
    this.#focused = focused;
    if (hovered || focused) clearTimeout(this.#hideTimer);
    else if (this.#isShown()) this.#scheduleHide();
  }

  #hide() {
    clearTimeout(this.#hideTimer);
    this.#hovered = false;
    this.#focused = false;
    if (toastOnScreen === this) toastOnScreen = null;
    window.removeEventListener('scroll', this.#onViewportChange, { capture: true });
    window.removeEventListener('resize', this.#onViewportChange);
    document.removeEventListener('keydown', this.#onDocumentKey);
    // A sentence left in the live region would be read later, no longer true.
    this.#live.textContent = '';
    this.#toast.classList.remove('visible');
    if (!this.#isShown()) return;
    if (this.#usesPopover) this.#toast.hidePopover();
    else this.#toast.hidden = true;
  }

  #dismiss() {
    this.#passGate('dismiss', clock.now());
    this.stop();
  }
}
