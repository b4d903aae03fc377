// <sharelock-pay>: share to unlock ("pay with a post"), the behaviour its
// element (widget-element.js) loads on first use. In intent mode the
// core's state machine decides everything; this reports what it observes (clicks, the share window opening or closing, the page being
// seen again, the time) and carries out the effects the core returns.
// mode="verified" hands the element to VerifiedPanel (verified-pay.js),
// with verified pay's own wasm module instead of the main one; both arrive
// on first use, so a page of intent pay loads neither.
import { announce, copyText, showBriefly } from './clipboard.js';
import { loadCore } from './core-client.js';
import { MASTODON_KEY } from './mastodon-host.js';
import { coalesced, h, presentAttributes } from './dom.js';
import { jsonText } from './json-document.js';
import { reportError } from './errors.js';
import { pageFacts } from './page-facts.js';
import { loadExactPayCore, loadVerifiedParts } from './pay-modules.js';
import { payStyles } from './pay-styles.js';
import { openShareWindow } from './popup.js';
import { readStored, removeStored, writeStored } from './storage.js';
import { themeStyles } from './theme-styles.js';
import { isVerifiedPay, PAY_ATTRIBUTES } from './widget-attributes.js';
import { showFallback } from './widget-element.js';

// Tells the other pay widgets on the page that an item was unlocked.
const ITEM_UNLOCKED = 'sharelock:item-unlocked';
const WINDOW_POLL_MS = 300;
// Items unlocked in this page view, whether or not storage kept them: a
// widget that starts (or restarts) later for the same item opens too.
const unlockedThisView = new Set();

export class PayWidget {
  #host;
  #root;
  #core = null;  // the main module's calls, for intent mode
  #verifiedParts = null;  // {VerifiedPanel, calls}: verified pay's code and module, for mode="verified"
  #keys = null;
  #state = null;
  #view = null;
  #shareWindow = null;
  #poll = 0;
  #closedUnseen = false;  // the share window read as closed while we lacked focus
  #listeners = null;
  #offer = null;  // "offer-closed" or "offer-opened", from a linked countdown
  #verified = null;  // the VerifiedPanel, in mode="verified"
  #queueStart = coalesced(() => {
    if (this.#host.isConnected) this.#loadAndStart();
  });
  // The live region stays in place across renders: screen readers may not
  // announce text put into a region that was only just inserted.
  #status = h('p', { class: 'visually-hidden', role: 'status', part: 'status' });
  #body = h('div');

  /**
   * @param {HTMLElement} host the <sharelock-pay>
   * @param {ShadowRoot} root its shadow root, still showing the loading box
   */
  constructor(host, root) {
    this.#host = host;
    this.#root = root;
    this.#root.adoptedStyleSheets = [themeStyles(), payStyles()];
  }

  connected() {
    this.#listeners = new AbortController();
    const { signal } = this.#listeners;
    window.addEventListener(ITEM_UNLOCKED, this.#onItemUnlocked, { signal });
    window.addEventListener('storage', this.#onStorage, { signal });
    window.addEventListener('focus', this.#onReturn, { signal });
    window.addEventListener('pageshow', this.#onReturn, { signal });
    document.addEventListener('visibilitychange', this.#onReturn, { signal });
    if (this.#core && this.#state) {
      // Moved in the DOM: carry on where it was, watching the share window.
      if (this.#state.phase === 'waiting' && this.#shareWindow) this.#watchShareWindow();
      return;
    }
    this.#loadAndStart();
  }

  // Starts with the module the mode needs, loading it first if need be (a
  // page with only verified pay never fetches the main module). The mode
  // may change meanwhile: what loaded is kept, and the start asks again.
  #loadAndStart() {
    const verified = isVerifiedPay(this.#host);
    if (verified ? this.#verifiedParts : this.#core) {
      this.#start();
      return;
    }
    if (verified) this.#use(loadVerifiedParts(), (parts) => { this.#verifiedParts = parts; }, () => this.#loadAndStart());
    else this.#use(loadCore(), (core) => { this.#core = core; }, () => this.#loadAndStart());
  }

  // Keeps what `loading` brings and goes on with `next`, unless the element
  // left the page meanwhile; what cannot load leaves the fallback in place.
  #use(loading, keep, next) {
    loading.then(
      (loaded) => {
        keep(loaded);
        if (this.#host.isConnected) next();
      },
      (error) => this.#showFallback({ code: error.code ?? 'wasm-unavailable', message: error.message }, false),
    );
  }

  disconnected() {
    this.#listeners?.abort();
    clearInterval(this.#poll);
  }

  attributeChanged() {
    if (this.#core || this.#verifiedParts) this.#queueStart();
  }

  #start() {
    if (isVerifiedPay(this.#host)) {
      this.#startVerified();
      return;
    }
    const previous = this.#view ? { state: this.#state, item: this.#view.item } : null;
    const described = this.#core.describePay({ attributes: presentAttributes(this.#host, PAY_ATTRIBUTES), page: pageFacts(this.#host) });
    if (described.textUndecided) {
      this.#countExactly();
      return;
    }
    for (const error of described.errors) reportError(this.#host, error);
    if (described.fatal) {
      this.#showFallback(null);
      return;
    }
    if (!this.#host.querySelector(':scope > template')) {
      this.#showFallback({ code: 'missing-template', message: 'put the locked content in a child <template>' });
      return;
    }
    if (previous?.item !== described.item) this.#concealContent();
    this.#keys = described.keys;
    this.#root.replaceChildren(this.#body, this.#status);
    if (previous?.item === described.item && previous.state?.phase === 'waiting') {
      // A change of text or language while the share window is open must
      // not throw away the wait.
      this.#step('refresh');
    } else {
      this.#state = null;
      this.#step('init');
    }
    if (this.#state && this.#state.phase !== 'unlocked' && unlockedThisView.has(described.item)) {
      this.#step('sibling-unlocked');
    }
    if (this.#offer && this.#state) this.#step(this.#offer);
  }

  async #startVerified() {
    clearInterval(this.#poll);
    this.#state = null;
    this.#view = null;
    this.#root.replaceChildren(this.#body, this.#status);
    // One panel for the element's life: an attribute change keeps the
    // shopper's edited post.
    const { VerifiedPanel, calls } = this.#verifiedParts;
    this.#verified ??= new VerifiedPanel(this.#host, calls, {
      body: this.#body, status: this.#status, attributes: () => presentAttributes(this.#host, PAY_ATTRIBUTES),
    });
    if (!(await this.#verified.start())) this.#showFallback(null);
  }

  /** A linked countdown ended the offer: no more unlocking (earned unlocks stay). */
  closeOffer() {
    this.#settleOffer('offer-closed');
  }

  /** A linked countdown opened the content to everyone. */
  openOffer() {
    this.#settleOffer('offer-opened');
  }

  #settleOffer(event) {
    this.#offer = event;
    if (this.#core && this.#state) this.#step(event);
  }

  #stored() {
    const { unlock, snooze, pending } = this.#keys;
    return {
      unlockLocal: readStored(unlock),
      unlockSession: readStored(unlock, 'session'),
      snoozeLocal: readStored(snooze),
      snoozeSession: readStored(snooze, 'session'),
      pending: readStored(pending, 'session'),
    };
  }

  // The main module counts the post's text by bounds; for a text those
  // cannot settle, pay's calls come from the module that counts exactly
  // (what is shown meanwhile stays), and the widget carries on with it.
  #countExactly(then = () => this.#start()) {
    this.#use(loadExactPayCore(), (core) => { this.#core = core; }, then);
  }

  #step(event) {
    const result = this.#core.stepPay({
      attributes: presentAttributes(this.#host, PAY_ATTRIBUTES),
      page: pageFacts(this.#host),
      mastodonHost: readStored(MASTODON_KEY) ?? '',
      now: Date.now(),
      stored: this.#stored(),
      state: this.#state,
      event,
    });
    if (result.textUndecided) {
      // describePay settles the same text first, so this is rare: the step
      // is taken again once the exact module is there.
      this.#countExactly(() => this.#step(event));
      return;
    }
    if (result.fatal) {
      for (const error of result.errors) reportError(this.#host, error);
      this.#showFallback(null);
      return;
    }
    const noticeBefore = this.#view?.notice ?? '';
    this.#state = result.state;
    this.#view = result.view;
    if (this.#view.phase === 'unlocked') unlockedThisView.add(this.#view.item);
    this.#render();
    // The notice is said once, through the one live region, not re-announced
    // on every render.
    if (this.#view.notice && this.#view.notice !== noticeBefore) this.#status.textContent = this.#view.notice;
    for (const effect of result.effects) this.#apply(effect);
  }

  #apply(effect) {
    switch (effect.type) {
      case 'open-window':
        this.#shareWindow = openShareWindow(effect.url);
        this.#step(this.#shareWindow ? 'popup-opened' : 'popup-blocked');
        break;
      case 'navigate':
        location.assign(effect.url);
        break;
      case 'watch-window':
        this.#watchShareWindow();
        break;
      case 'store':
        // Storage off or full: the unlock still holds for this page view.
        writeStored(effect.key, jsonText(effect.record), effect.area);
        break;
      case 'remove':
        removeStored(effect.key, effect.area);
        break;
      case 'reveal':
        this.#revealContent(effect.focus);
        break;
      case 'announce':
        this.#status.textContent = this.#view.messages.unlocked;
        break;
      case 'emit-unlock':
        this.#emit('sharelock:unlock', { mode: this.#view.mode });
        window.dispatchEvent(new CustomEvent(ITEM_UNLOCKED, { detail: { item: this.#view.item, source: this } }));
        break;
      case 'emit-cancel':
        this.#emit('sharelock:cancel', { reason: this.#state.notice });
        break;
      default:
        break;
    }
  }

  #emit(type, extra) {
    this.#host.dispatchEvent(new CustomEvent(type, {
      bubbles: true,
      composed: true,
      detail: { item: this.#view.item, network: this.#view.network, ...extra },
    }));
  }

  #watchShareWindow() {
    clearInterval(this.#poll);
    this.#closedUnseen = false;
    this.#poll = setInterval(() => {
      if (this.#shareWindow && !this.#shareWindow.closed) return;
      clearInterval(this.#poll);
      this.#shareWindow = null;
      // A share page that sends Cross-Origin-Opener-Policy cuts the link:
      // the window then reads as closed while still open. So "closed" counts
      // once this page has the focus back: now, or at the shopper's return.
      if (this.#state?.phase !== 'waiting') return;
      if (document.hasFocus()) this.#step('window-closed');
      else this.#closedUnseen = true;
    }, WINDOW_POLL_MS);
  }

  #onReturn = (event) => {
    if (event.type === 'visibilitychange' && document.visibilityState !== 'visible') return;
    if (!this.#core || this.#state?.phase !== 'waiting') return;
    const closed = this.#closedUnseen;
    this.#closedUnseen = false;
    this.#step(closed ? 'window-closed' : 'returned');
  };

  #onItemUnlocked = (event) => {
    const { item, source } = event.detail;
    if (source !== this && this.#state && item === this.#view.item) this.#step('sibling-unlocked');
  };

  // Another tab unlocked the same item.
  #onStorage = (event) => {
    if (this.#state && event.key === this.#keys.unlock && event.newValue) this.#step('init');
  };

  #showFallback(error, log = true) {
    // Nothing keeps running for a configuration that cannot work.
    clearInterval(this.#poll);
    this.#state = null;
    this.#view = null;
    this.#keys = null;
    showFallback(this.#root);
    if (error) reportError(this.#host, error, { log });
  }

  #render() {
    const view = this.#view;
    const state = this.#state;
    this.#host.toggleAttribute('unlocked', view.phase === 'unlocked');
    if (view.phase === 'unlocked') {
      this.#body.replaceChildren(h('div', { part: 'unlocked', lang: view.lang }, [h('slot', { name: 'unlocked' })]));
      return;
    }
    if (view.closed) {
      this.#body.replaceChildren(h('p', { class: 'panel', part: 'closed', lang: view.lang }, [view.messages.closed]));
      return;
    }
    if (view.collapsed) {
      const hadFocus = this.#root.activeElement !== null;
      const expand = h('button', {
        class: 'button', part: 'expand', type: 'button', lang: view.lang,
        onclick: () => { this.#step('expand'); this.#root.querySelector('.primary')?.focus(); },
      }, [view.messages.expand]);
      this.#body.replaceChildren(expand);
      // "Not now" pressed from the keyboard: focus stays in the widget.
      if (hadFocus) expand.focus();
      return;
    }
    const waiting = view.phase === 'waiting';
    const share = h('a', {
      class: 'button primary', part: 'button', 'data-network': view.network, href: view.href,
      'aria-label': `${view.buttonLabel} ${view.messages.newWindow}`,
      target: '_blank', rel: 'noopener noreferrer',
      onclick: (event) => {
        event.preventDefault();
        this.#step('click');
      },
    }, [view.buttonLabel]);
    const secondary = waiting
      ? h('button', { class: 'secondary', part: 'cancel', type: 'button', onclick: () => this.#step('cancel') },
        [view.messages.cancel])
      : h('button', { class: 'secondary', part: 'dismiss', type: 'button', onclick: () => this.#step('dismiss') },
        [view.messages.notNow]);
    const focused = this.#root.activeElement?.getAttribute('part');
    this.#body.replaceChildren(h('section', { class: 'panel', part: 'panel', lang: view.lang, 'aria-label': view.title }, [
      h('p', { class: 'title', part: 'title' }, [view.title]),
      h('div', { class: 'actions' }, [share, secondary]),
      h('p', { class: waiting ? 'waiting' : 'hint', part: 'hint' }, [waiting ? view.messages.waiting : view.hint]),
      h('p', { class: 'notice', part: 'notice' }, [state.notice === 'none' ? '' : view.notice]),
    ]));
    if (focused) (this.#root.querySelector(`[part="${focused}"]`) ?? share).focus();
  }

  // The locked content enters the page only now, cloned from the template.
  #revealContent(focus) {
    let wrapper = this.#host.querySelector(':scope > [data-sharelock-content]');
    if (!wrapper) {
      const template = this.#host.querySelector(':scope > template');
      wrapper = h('div', { slot: 'unlocked', 'data-sharelock-content': '', tabindex: '-1' });
      wrapper.append(template.content.cloneNode(true));
      for (const code of wrapper.querySelectorAll('[data-sharelock-copy]')) this.#addCopyButton(code);
      this.#host.append(wrapper);
    }
    if (focus) wrapper.focus();
  }

  #concealContent() {
    this.#host.querySelector(':scope > [data-sharelock-content]')?.remove();
  }

  // A coupon code gets a one-click copy button next to it.
  #addCopyButton(code) {
    const { copyCode, codeCopied, copyFailed } = this.#view.messages;
    const button = h('button', { type: 'button', class: 'sharelock-copy', 'data-sharelock-copy-button': '' }, [copyCode]);
    button.addEventListener('click', async () => {
      const copied = await copyText(code.textContent.trim(), this.#root);
      const said = copied ? codeCopied : copyFailed;
      showBriefly(button, said, () => { button.textContent = copyCode; });
      announce(this.#status, said);
    });
    code.after(' ', button);
  }
}
