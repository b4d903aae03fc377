// Runs inside the page, injected before any of its scripts with
// page.addInitScript(probe, config) (init scripts are exempt from the CSP).
// It records, in performance.now() milliseconds since navigation start,
// when every widget on the page became usable: all `config.count` widgets
// (`.bench-item`) exist and each holds `config.expect` elements matching
// `config.inner` (inside its open shadow root when `config.shadow`), every
// one of them with a non-zero box, and the library's own gate is open
// (sharer.js: its DOMContentLoaded handler has bound the clicks; pages with
// a setup file: it has run).
//
// Checks run when something changes, not on a timer: a MutationObserver on
// the document and on every shadow root as it is attached, the
// DOMContentLoaded and load events, the setup file's "bench:setup" event,
// and a requestAnimationFrame poll as a safety net. The cheap part (are
// the buttons there?) runs first; boxes (which need layout) only once they
// all are.
//
// It also records when the first WebAssembly instance was created (the
// Sharelock core: "module ready"), and every CSP violation. Both moments
// are also User Timing marks (bench:module-ready, bench:usable) for traces.
export function probe(config) {
  const marks = {
    usable: null, // all widgets usable
    domReady: null, // the check that succeeded began: every button in the DOM (its boxes not yet laid out)
    domContentLoaded: null,
    load: null,
    wasmReady: null, // first WebAssembly.instantiate(Streaming) resolved
    checks: 0,
    buttonsPerWidget: null,
    cspViolations: [],
  };
  window.__bench = marks;
  const now = () => performance.now();

  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        if (marks.wasmReady === null) {
          marks.wasmReady = now();
          performance.mark('bench:module-ready');
        }
        return result;
      });
    };
  }

  let setupDone = false;
  const gates = {
    sharer: () => typeof window.Sharer === 'function' && marks.domContentLoaded !== null,
    setup: () => setupDone,
  };

  const widgets = () => document.querySelectorAll('.bench-item');
  const inside = (widget) => {
    const root = config.shadow ? widget.shadowRoot : widget;
    return root ? root.querySelectorAll(config.inner) : [];
  };
  const hasBox = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };

  let observer = null;
  function check() {
    if (marks.usable !== null) return;
    const began = now();
    marks.checks += 1;
    if (config.gate && !gates[config.gate]()) return;
    const items = widgets();
    if (items.length < config.count) return;
    const found = [];
    for (const item of items) {
      const inner = inside(item);
      if (inner.length < config.expect) return;
      found.push(inner);
    }
    for (const inner of found) for (const element of inner) if (!hasBox(element)) return;
    marks.usable = now();
    marks.domReady = began;
    performance.mark('bench:usable');
    marks.buttonsPerWidget = found[0]?.length ?? 0;
    observer?.disconnect();
  }

  const options = { childList: true, subtree: true, attributes: true, characterData: true };
  observer = new MutationObserver(check);
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (...args) {
    const root = attachShadow.apply(this, args);
    if (marks.usable === null) observer.observe(root, options);
    return root;
  };

  // DOMContentLoaded bubbles from document to window: a window listener
  // runs after the page's own document listeners (sharer.js binds there).
  window.addEventListener('DOMContentLoaded', () => { marks.domContentLoaded = now(); check(); });
  window.addEventListener('load', () => { marks.load = now(); check(); });
  window.addEventListener('bench:setup', () => { setupDone = true; check(); });
  document.addEventListener('securitypolicyviolation', (event) => {
    if (marks.cspViolations.length < 20) marks.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI || '(inline)'}`);
  });
  const poll = () => {
    check();
    if (marks.usable === null) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}
