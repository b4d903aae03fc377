// The custom element behind all four widgets, in the one chunk every page
// with a widget loads. It owns what they share — the shadow root, the
// theme, the reserved box that keeps the shopper's fallback content visible
// while the widget's code arrives, error reporting when that code cannot be
// loaded — and hands the element to the widget's behaviour (share-element.js,
// pay-element.js, countdown-element.js, proof-element.js) once its chunk has
// loaded. A page with only a share bar never fetches the others' code.
import { h } from './dom.js';
import { reportError } from './errors.js';
import { themeStyles } from './theme-styles.js';
import { loadWasmModule, preloadElementCode, shareBarModule } from './wasm-loader.js';
import { COUNTDOWN_ATTRIBUTES, isVerifiedPay, PAY_ATTRIBUTES, PROOF_ATTRIBUTES, SHARE_ATTRIBUTES } from './widget-attributes.js';

/**
 * What a widget's chunk exports: a class built with (element, shadowRoot)
 * whose methods the element calls from its own lifecycle callbacks.
 * @typedef {{connected(): void, disconnected(): void, attributeChanged(name: string): void}} WidgetBehaviour
 * @typedef {new (element: HTMLElement, root: ShadowRoot) => WidgetBehaviour} WidgetBehaviourClass
 */

/**
 * The element's own light-DOM content (site owners may put plain links or
 * text there) stands in: while the widget loads, and for good when it cannot
 * render.
 * @param {ShadowRoot} root
 */
export function showFallback(root) {
  root.replaceChildren(h('slot'));
}

// Built on first use, not when this module loads: importing Sharelock must
// work where there is no DOM (Node, server-side rendering), which has no
// HTMLElement to extend.
let baseClass = null;

function sharelockElement() {
  baseClass ??= class SharelockElement extends HTMLElement {
    /** @type {{module: (element: HTMLElement) => string, load: () => Promise<WidgetBehaviourClass>, loaded?: Promise<WidgetBehaviourClass>, placeholder: () => Node, methods?: string[]}} */
    static widget;

    #root;
    /** @type {WidgetBehaviour | null} */
    #behaviour = null;
    #loading = null;
    // Calls of the element's public methods made before its behaviour loaded.
    #pendingCalls = [];

    /**
     * A public method of the element that the behaviour carries out: at once
     * once it has loaded, else as soon as it has (in order).
     * @param {string} name
     */
    static forwardedMethod(name) {
      return function forward(...args) {
        if (this.#behaviour) this.#behaviour[name](...args);
        else this.#pendingCalls.push(() => this.#behaviour[name](...args));
      };
    }

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'open' });
      this.#root.adoptedStyleSheets = [themeStyles()];
      this.#root.replaceChildren(this.constructor.widget.placeholder());
    }

    connectedCallback() {
      if (this.#behaviour) {
        this.#behaviour.connected();
        return;
      }
      const { widget } = this.constructor;
      // The wasm module downloads alongside the widget's chunk, not after it.
      loadWasmModule(widget.module(this)).catch(() => {});
      // One import per widget: its elements then start in document order, as
      // they were upgraded (separate import() calls may settle in any order).
      // In the script-tag build, each of its chunks is checked against its
      // hash first.
      widget.loaded ??= preloadElementCode(this.localName, import.meta.url ?? '').then(widget.load);
      this.#loading ??= widget.loaded.then(
        (Behaviour) => {
          this.#behaviour = new Behaviour(this, this.#root);
          for (const call of this.#pendingCalls.splice(0)) call();
          if (this.isConnected) this.#behaviour.connected();
        },
        (cause) => {
          showFallback(this.#root);
          reportError(this, {
            code: 'script-unavailable',
            message: `the widget's code could not be loaded, so its fallback content stays: ${cause?.message ?? cause}`
              + ' (its files belong next to the script: upload every file of dist/ together)',
          });
        },
      );
    }

    disconnectedCallback() {
      this.#behaviour?.disconnected();
    }

    attributeChangedCallback(name) {
      this.#behaviour?.attributeChanged(name);
    }
  };
  return baseClass;
}

// The box each widget keeps while its code loads; the theme's sheet gives it
// the widget's size (theme-styles.js), and its slot shows the fallback.
const loadingBox = (props) => () => h('div', { class: 'widget-loading', 'aria-busy': 'true', ...props }, [h('slot')]);

const WIDGETS = {
  'sharelock-share': {
    observedAttributes: SHARE_ATTRIBUTES,
    module: shareBarModule,
    load: () => import('./share-element.js').then((m) => m.ShareBar),
    placeholder: loadingBox({ part: 'bar' }),
  },
  'sharelock-pay': {
    observedAttributes: PAY_ATTRIBUTES,
    module: (element) => (isVerifiedPay(element) ? 'sharelock-verified' : 'sharelock-core'),
    load: () => import('./pay-element.js').then((m) => m.PayWidget),
    placeholder: loadingBox({ class: 'widget-loading placeholder', part: 'placeholder' }),
    // A linked <sharelock-countdown> ends or opens the offer.
    methods: ['closeOffer', 'openOffer'],
  },
  'sharelock-countdown': {
    observedAttributes: COUNTDOWN_ATTRIBUTES,
    module: () => 'sharelock-core',
    load: () => import('./countdown-element.js').then((m) => m.CountdownWidget),
    placeholder: loadingBox({}),
  },
  'sharelock-proof': {
    observedAttributes: PROOF_ATTRIBUTES,
    module: () => 'sharelock-core',
    load: () => import('./proof-element.js').then((m) => m.ProofWidget),
    // Social proof takes no space and shows nothing until it has something
    // true to say.
    placeholder: () => document.createDocumentFragment(),
  },
};

/** The element names, for code that waits on them (customElements.whenDefined). */
export const WIDGET_NAMES = Object.keys(WIDGETS);

/**
 * Defines the four elements, each with its own class (the registry wants one
 * per name). Two copies of the script on a page must not throw on the
 * second define.
 * @param {CustomElementRegistry} registry
 */
export function defineWidgetElements(registry) {
  for (const [name, widget] of Object.entries(WIDGETS)) {
    if (registry.get(name)) continue;
    const Base = sharelockElement();
    const element = class extends Base {
      static observedAttributes = widget.observedAttributes;
      static widget = widget;
    };
    for (const method of widget.methods ?? []) element.prototype[method] = Base.forwardedMethod(method);
    registry.define(name, element);
  }
}
