// <sharelock-share>: the share bar's behaviour, loaded by its element
// (widget-element.js) on first use. The core decides every link, label and
// error; this renders them and owns the side effects (popups, the
// clipboard, Web Share, remembering a Mastodon server).
import { announce, copyText, showBriefly } from './clipboard.js';
import { coalesced, h, presentAttributes } from './dom.js';
import { reportError } from './errors.js';
import { pageFacts } from './page-facts.js';
import { openShareWindow } from './popup.js';
import { loadExactShareCore, loadShareCore } from './share-core.js';
import { isPlainButton, shareButtonItem } from './share-buttons.js';
import { shareStyles } from './share-styles.js';
import { themeStyles } from './theme-styles.js';
import { HOST_CHANGED, mastodonHost, rememberMastodonHost } from './mastodon-host.js';
import { showFallback } from './widget-element.js';
import { SHARE_ATTRIBUTES } from './widget-attributes.js';

function isPlainLeftClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export class ShareBar {
  #host;
  #root;
  #core = null;
  #view = null;
  #reported = new Set();
  #queueRender = coalesced(() => {
    if (this.#host.isConnected) this.#render();
  });
  #status = null;

  /**
   * @param {HTMLElement} host the <sharelock-share>
   * @param {ShadowRoot} root its shadow root, still showing the loading box
   */
  constructor(host, root) {
    this.#host = host;
    this.#root = root;
    this.#root.adoptedStyleSheets = [themeStyles(), shareStyles()];
  }

  connected() {
    window.addEventListener(HOST_CHANGED, this.#onHostChanged);
    loadShareCore().then(
      (core) => {
        this.#core = core;
        if (this.#host.isConnected) this.#render();
      },
      (error) => this.#showFallback({ code: error.code ?? 'wasm-unavailable', message: error.message }, false),
    );
  }

  disconnected() {
    window.removeEventListener(HOST_CHANGED, this.#onHostChanged);
  }

  attributeChanged() {
    // A corrected attribute that breaks again deserves a new report.
    this.#reported.clear();
    if (this.#core) this.#queueRender();
  }

  #onHostChanged = () => {
    if (this.#core && this.#host.isConnected) this.#render();
  };

  #render() {
    const view = this.#core.renderShareBar({
      attributes: presentAttributes(this.#host, SHARE_ATTRIBUTES),
      page: pageFacts(this.#host),
      nativeShare: typeof navigator.share === 'function',
      mastodonHost: mastodonHost(),
    });
    if (view.textUndecided) {
      // The small module could not settle how this text fits: the module
      // that counts exactly renders it (until then, what is shown stays).
      loadExactShareCore().then(
        (core) => {
          this.#core = core;
          if (this.#host.isConnected) this.#render();
        },
        (error) => this.#showFallback({ code: error.code ?? 'wasm-unavailable', message: error.message }, false),
      );
      return;
    }
    for (const error of view.errors) this.#reportOnce(error);
    if (view.fatal) {
      this.#showFallback(null);
      return;
    }
    this.#view = view;
    const focused = this.#root.activeElement?.closest('[data-network]')?.dataset.network;
    this.#status = h('span', { class: 'visually-hidden', role: 'status', part: 'status' });
    const list = h('ul', { class: 'bar', part: 'bar', 'aria-label': view.label, lang: view.lang, onclick: this.#onClick },
      view.buttons.map((button) => shareButtonItem(button, view.messages)));
    this.#root.replaceChildren(list, this.#status);
    if (focused) this.#root.querySelector(`[data-network="${focused}"]`)?.focus();
  }

  #reportOnce(error) {
    const key = `${error.code}|${error.attribute}|${error.message}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    reportError(this.#host, error);
  }

  // The fallback stands in when the core is unavailable or the
  // configuration is unusable.
  #showFallback(error, log = true) {
    showFallback(this.#root);
    if (error) reportError(this.#host, error, { log });
  }

  // Every button's click, through the one listener on the bar.
  #onClick = (event) => {
    const control = event.target.closest('[data-network], .change');
    if (!control) return;
    if (control.classList.contains('change')) {
      this.#togglePicker(control, this.#view.buttons.find((b) => b.network === 'mastodon'));
      return;
    }
    const button = this.#view.buttons.find((b) => b.network === control.dataset.network);
    if (!button) return;
    if (button.kind === 'copy') this.#copy(control, button);
    else if (button.kind === 'native') this.#nativeShare(button);
    else if (isPlainButton(button)) this.#togglePicker(control, button);
    else {
      // A plain click opens a share window instead of the link's new tab
      // (a mailto: link opens the mail app itself).
      if (button.kind !== 'mail' && isPlainLeftClick(event) && openShareWindow(button.href)) event.preventDefault();
      this.#emitShare(button);
    }
  };

  #emitShare(button) {
    this.#host.dispatchEvent(new CustomEvent('sharelock:share', {
      bubbles: true,
      composed: true,
      detail: { network: button.network, url: button.sharedUrl, href: button.href },
    }));
  }

  async #copy(element, button) {
    const copied = await copyText(button.sharedUrl, this.#root);
    const { copied: copiedText, copyFailed } = this.#view.messages;
    if (copied) {
      element.dataset.state = 'copied';
      const label = element.querySelector('.label');
      showBriefly(label, copiedText, () => {
        label.textContent = button.label;
        delete element.dataset.state;
      });
      this.#emitShare(button);
    } else {
      this.#showLinkToCopy(button.sharedUrl, copyFailed);
    }
    announce(this.#status, copied ? copiedText : copyFailed);
  }

  // No clipboard access: put the link where the shopper can see it, selected,
  // ready for Ctrl+C / long-press.
  #showLinkToCopy(link, label) {
    this.#root.querySelector('.copy-fallback')?.remove();
    const field = h('input', { type: 'text', readonly: true, class: 'copy-fallback', part: 'copy-fallback', 'aria-label': label });
    field.value = link;
    this.#root.append(field);
    field.focus();
    field.select();
  }

  async #nativeShare(button) {
    try {
      await navigator.share({ title: button.text, text: button.text, url: button.sharedUrl });
      this.#emitShare(button);
    } catch (error) {
      // AbortError: the shopper closed the share sheet. Nothing to say.
      if (error?.name !== 'AbortError') this.#showLinkToCopy(button.sharedUrl, this.#view.messages.copyFailed);
    }
  }

  #togglePicker(opener, button) {
    const existing = this.#root.querySelector('.picker');
    if (existing) {
      this.#closePicker(existing);
      return;
    }
    const { messages } = this.#view;
    const input = h('input', {
      type: 'text', name: 'host', inputmode: 'url', autocomplete: 'off', autocapitalize: 'none',
      spellcheck: 'false', placeholder: messages.mastodonPlaceholder, required: true,
    });
    input.value = button.mastodonHost ?? '';
    const problem = h('p', { class: 'problem', role: 'alert' });
    const picker = h('form', {
      class: 'picker', part: 'mastodon-picker', lang: this.#view.lang,
      onsubmit: (event) => {
        event.preventDefault();
        this.#useMastodonHost(input.value, problem, picker);
      },
      onkeydown: (event) => {
        if (event.key === 'Escape') this.#closePicker(picker);
      },
    }, [
      h('label', {}, [messages.mastodonPrompt, input]),
      h('button', { class: 'button', type: 'submit' }, [messages.mastodonSubmit]),
      h('button', { class: 'button', type: 'button', onclick: () => this.#closePicker(picker) }, [messages.mastodonCancel]),
      problem,
      h('a', { href: button.chooserHref, target: '_blank', rel: 'noopener noreferrer',
        onclick: () => { this.#emitShare({ ...button, href: button.chooserHref }); this.#closePicker(picker); } },
      [messages.mastodonChooser]),
    ]);
    opener.setAttribute('aria-expanded', 'true');
    this.#root.append(picker);
    input.focus();
  }

  #closePicker(picker) {
    picker.remove();
    const opener = this.#root.querySelector('[aria-expanded="true"]');
    opener?.setAttribute('aria-expanded', 'false');
    opener?.focus();
  }

  #useMastodonHost(input, problem, picker) {
    const checked = this.#core.checkMastodonHost({ input, lang: this.#view.lang });
    if (!checked.ok) {
      problem.textContent = checked.message;
      return;
    }
    picker.remove();
    // Every share bar on the page re-renders with the server, this one too.
    rememberMastodonHost(checked.host);
    const button = this.#view.buttons.find((b) => b.network === 'mastodon');
    if (!button) return;
    // Blocked popup: the bar now holds a real link to the server; focus it.
    if (openShareWindow(button.href)) this.#emitShare(button);
    this.#root.querySelector('[data-network="mastodon"]')?.focus();
  }
}
