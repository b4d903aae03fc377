// <sharelock-pay mode="verified">: the panel the shopper sees. The locked
// content is not in the page; it arrives from the verification server once
// the provider has published the shopper's post (see verified-callback.js
// for the way back from the provider). The core validates and decides;
// this file renders, stores, fetches and redirects.
import { copyText } from './clipboard.js';
import { h } from './dom.js';
import { reportError } from './errors.js';
import { mastodonHost, rememberMastodonHost } from './mastodon-host.js';
import { pageFacts } from './page-facts.js';
import { readStored, removeStored, writeStored } from './storage.js';
import { handleCallback, isHandlingCallback, takeFreshUnlock } from './verified-callback.js';
import { OUTCOME_KEY, fetchOAuthClient, randomBase64url, requestContent } from './verified-server.js';

// pay-element.js imports this file on first use of mode="verified", and the
// module's calls with it.
export { loadVerifiedCore } from './verified-core.js';

const RANDOM_BYTES = 48;  // 16 for the OAuth state, 32 for the PKCE verifier
const NOTICES = new Set(['denied', 'failed', 'unreachable', 'rejected', 'unlocked']);
let panelCount = 0;

export class VerifiedPanel {
  #host;
  #core;
  #body;
  #status;
  #attributes;
  #described = null;
  #draft = null;  // the post in the text box
  #edited = false;  // the shopper changed it: attribute changes no longer replace it
  #busy = false;
  #generation = 0;  // each start() supersedes the ones still waiting
  #id = `sharelock-post-${(panelCount += 1)}`;

  /**
   * @param {HTMLElement} host the <sharelock-pay> element
   * @param {object} core
   * @param {{body: HTMLElement, status: HTMLElement, attributes: () => object}} parts
   */
  constructor(host, core, { body, status, attributes }) {
    this.#host = host;
    this.#core = core;
    this.#body = body;
    this.#status = status;
    this.#attributes = attributes;
  }

  /**
   * (Re)starts the panel: at connection and on every attribute change. A
   * post the shopper edited is kept unless the item changes; an unedited
   * one follows the attributes.
   * @returns {Promise<boolean>} false when the configuration cannot work (fallback shown)
   */
  async start() {
    const generation = (this.#generation += 1);
    const request = {
      attributes: this.#attributes(), page: pageFacts(this.#host), now: Date.now(), storedToken: null,
      mastodonHost: mastodonHost(),
    };
    const first = this.#core.describeVerified(request);
    for (const error of first.errors) reportError(this.#host, error);
    if (first.fatal) return false;
    if (this.#described && this.#described.item !== first.item) {
      this.#concealContent();
      this.#edited = false;
    }
    const callback = handleCallback();
    if (isHandlingCallback()) {
      // Back from the provider: the server is posting, which takes seconds.
      this.#body.replaceChildren(h('p', { class: 'panel', part: 'loading', 'aria-busy': 'true', lang: first.lang },
        [first.messages.publishing]));
      this.#status.textContent = first.messages.publishing;
    }
    await callback;
    if (generation !== this.#generation) return true;

    request.storedToken = readStored(first.tokenKey);
    request.now = Date.now();
    const described = this.#core.describeVerified(request);
    if (described.fatal) return false;
    this.#described = described;
    if (!this.#edited) this.#draft = described.postText;

    const outcome = this.#takeOutcome(described.item);
    const fresh = takeFreshUnlock(described.item);
    if (fresh) {
      this.#showContent(fresh.content, { announce: true });
      this.#emit('sharelock:unlock', { mode: 'verified' });
    } else if (described.token) {
      await this.#loadContent(described, outcome?.notice === 'unlocked', generation);
    } else {
      this.#concealContent();
      this.#renderLocked(outcome?.notice ?? '');
      if (outcome?.notice === 'denied') this.#emit('sharelock:cancel', { reason: 'denied' });
    }
    if (outcome?.error) reportError(this.#host, outcome.error);
    return true;
  }

  #concealContent() {
    this.#host.querySelector(':scope > [data-sharelock-content]')?.remove();
    this.#host.toggleAttribute('unlocked', false);
  }

  // What the callback left for this item in this tab, read once.
  #takeOutcome(item) {
    let outcome = null;
    try {
      outcome = JSON.parse(readStored(OUTCOME_KEY, 'session') ?? 'null');
    } catch {
      outcome = null;
    }
    if (!outcome || outcome.item !== item || !NOTICES.has(outcome.notice)) return null;
    removeStored(OUTCOME_KEY, 'session');
    const error = outcome.error && typeof outcome.error.code === 'string'
      ? { code: outcome.error.code.slice(0, 40), message: String(outcome.error.message ?? '').slice(0, 300) }
      : null;
    return { notice: outcome.notice, error };
  }

  async #loadContent(described, justUnlocked, generation) {
    this.#body.replaceChildren(h('p', { class: 'panel', part: 'loading', 'aria-busy': 'true' }, [described.messages.loading]));
    const answer = await requestContent(described.server, described.item, described.token);
    if (generation !== this.#generation) return;
    const read = this.#core.readUnlockResponse({ item: described.item, now: Date.now(), ...answer });
    if (read.ok) {
      this.#showContent(read.content, { announce: justUnlocked });
      if (justUnlocked) this.#emit('sharelock:unlock', { mode: 'verified' });
      return;
    }
    if (read.forgetToken) removeStored(described.tokenKey);
    this.#concealContent();
    reportError(this.#host, read.error);
    const notice = read.error.code === 'server-unreachable' ? 'unreachable' : read.forgetToken ? 'expired' : 'failed';
    this.#renderLocked(notice);
  }

  #renderLocked(notice) {
    const { messages } = this.#described;
    const hostField = this.#described.network === 'mastodon' ? this.#hostField() : null;
    const textarea = h('textarea', {
      id: this.#id, part: 'post-text', rows: '4', lang: this.#described.lang,
      'aria-describedby': `${this.#id}-count ${this.#id}-problem`,
      oninput: () => {
        this.#draft = textarea.value;
        this.#edited = true;
        this.#updateCheck(textarea);
      },
    });
    textarea.value = this.#draft;
    const button = h('button', {
      class: 'button primary', part: 'button', type: 'button', 'data-network': this.#described.network,
      onclick: () => this.#begin(textarea, button, hostField?.[1] ?? null),
    }, [messages.button]);
    const noticeText = notice && notice !== 'unlocked' ? messages[notice] : '';
    this.#body.replaceChildren(h('section', { class: 'panel', part: 'panel', lang: this.#described.lang, 'aria-label': messages.title }, [
      h('p', { class: 'title', part: 'title' }, [messages.title]),
      ...(hostField ?? []),
      h('label', { class: 'label', for: this.#id, part: 'post-label' }, [messages.editLabel]),
      textarea,
      h('p', { class: 'counter', id: `${this.#id}-count`, part: 'counter' }),
      h('p', { class: 'problem', id: `${this.#id}-problem`, part: 'problem' }),
      h('div', { class: 'actions' }, [button]),
      h('p', { class: 'hint', part: 'hint' }, [messages.hint]),
      h('p', { class: 'notice', part: 'notice' }, [noticeText]),
    ]));
    this.#updateCheck(textarea);
    if (noticeText) this.#status.textContent = noticeText;
  }

  // The shopper's Mastodon server: where the post goes and where they sign in.
  #hostField() {
    const input = h('input', {
      id: `${this.#id}-host`, part: 'host', type: 'text', inputmode: 'url', autocomplete: 'off',
      autocapitalize: 'none', spellcheck: 'false', placeholder: 'mastodon.social',
    });
    input.value = this.#described.mastodonHost;
    return [h('label', { class: 'label', for: `${this.#id}-host`, part: 'host-label' }, [this.#described.messages.hostLabel]), input];
  }

  #check(text) {
    return this.#core.checkVerifiedPost({ attributes: this.#attributes(), page: pageFacts(this.#host), text });
  }

  #updateCheck(textarea) {
    const check = this.#check(textarea.value);
    const counter = this.#body.querySelector('[part="counter"]');
    const problem = this.#body.querySelector('[part="problem"]');
    if (check.fatal) return;
    counter.textContent = this.#described.messages.counter
      .replace('{used}', String(check.length)).replace('{limit}', String(check.limit));
    counter.classList.toggle('over', check.problem === 'too-long');
    problem.textContent = check.message;
    textarea.setAttribute('aria-invalid', String(!check.fits));
  }

  async #begin(textarea, button, hostInput) {
    if (this.#busy) return;
    const check = this.#check(textarea.value);
    if (!check.fits) {
      this.#status.textContent = check.message;
      textarea.focus();
      return;
    }
    let shopperHost = '';
    if (hostInput) {
      const host = this.#core.checkMastodonHost({ input: hostInput.value, lang: this.#described.lang });
      if (!host.ok) {
        this.#status.textContent = host.message || this.#described.messages.hostMissing;
        hostInput.setAttribute('aria-invalid', 'true');
        hostInput.focus();
        return;
      }
      hostInput.removeAttribute('aria-invalid');
      shopperHost = host.host;
      // Share bars on this page then offer the same server.
      rememberMastodonHost(shopperHost);
    }
    this.#busy = true;
    button.disabled = true;
    const { messages, server, network } = this.#described;
    this.#status.textContent = messages.redirecting;
    try {
      const client = await fetchOAuthClient(server, network, shopperHost);
      const begun = this.#core.beginVerified({
        attributes: this.#attributes(), page: pageFacts(this.#host), now: Date.now(), mastodonHost: shopperHost,
        random: randomBase64url(RANDOM_BYTES), text: textarea.value, clientStatus: client.status, client: client.body,
      });
      if (begun.fatal) {
        for (const error of begun.errors) reportError(this.#host, error);
        this.#renderLocked(begun.errors.some((error) => error.code === 'server-unreachable') ? 'unreachable' : 'failed');
        return;
      }
      // Without sessionStorage the way back cannot be checked, so the flow
      // does not start at all rather than fail after the post.
      if (!writeStored(begun.storageKey, begun.record, 'session')) {
        this.#fail({ code: 'storage-unavailable', message: 'verified unlocks need sessionStorage, which this browser blocks' }, 'failed');
        return;
      }
      location.assign(begun.authorizeUrl);
    } finally {
      this.#busy = false;
      if (button.isConnected) button.disabled = false;
    }
  }

  #fail(error, notice) {
    reportError(this.#host, error);
    this.#renderLocked(notice);
  }

  // Built from text nodes only: the server's answer is data, never markup.
  #showContent(content, { announce }) {
    const { messages } = this.#described;
    this.#concealContent();
    this.#host.toggleAttribute('unlocked', true);
    const wrapper = h('div', { slot: 'unlocked', 'data-sharelock-content': '', tabindex: '-1' });
    if (content.text) wrapper.append(h('p', {}, [content.text]));
    if (content.code) {
      const code = h('code', { 'data-sharelock-copy': '' }, [content.code]);
      wrapper.append(h('p', {}, [code, ' ', this.#copyButton(content.code)]));
    }
    if (content.url) {
      wrapper.append(h('p', {}, [h('a', { href: content.url, rel: 'noopener' }, [content.label || content.url])]));
    }
    this.#host.append(wrapper);
    this.#body.replaceChildren(h('div', { part: 'unlocked', lang: this.#described.lang }, [h('slot', { name: 'unlocked' })]));
    if (announce) {
      this.#status.textContent = messages.unlocked;
      wrapper.focus();
    }
  }

  #copyButton(text) {
    const { copyCode, codeCopied, copyFailed } = this.#described.messages;
    const button = h('button', { type: 'button', class: 'sharelock-copy', 'data-sharelock-copy-button': '' }, [copyCode]);
    button.addEventListener('click', async () => {
      button.textContent = (await copyText(text, this.#host.shadowRoot)) ? codeCopied : copyFailed;
      this.#status.textContent = button.textContent;
    });
    return button;
  }

  #emit(type, extra) {
    this.#host.dispatchEvent(new CustomEvent(type, {
      bubbles: true, composed: true,
      detail: { item: this.#described.item, network: this.#described.network, ...extra },
    }));
  }
}
