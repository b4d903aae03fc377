// The look every Sharelock widget shares, adopted as constructable
// stylesheets: no <style> element, so pages with `style-src 'self'` need no
// exception. Theming API: the --sharelock-* custom properties on the
// element (light by default; theme="dark", or theme="auto" to follow the
// shopper's system setting) and each widget's ::part()s.

const darkPalette = `
  --sharelock-bg: #111827;
  --sharelock-fg: #f9fafb;
  --sharelock-border: #9ca3af;
  --sharelock-hover-bg: #1f2937;
  --sharelock-focus: #93c5fd;
  --sharelock-error: #fca5a5;
`;

const css = `
:host {
  --sharelock-font: inherit;
  --sharelock-font-size: 0.9375rem;
  --sharelock-gap: 0.5rem;
  --sharelock-radius: 999px;
  --sharelock-button-height: 2.5rem;
  --sharelock-bg: #ffffff;
  --sharelock-fg: #1f2937;
  --sharelock-border: #6b7280;
  --sharelock-hover-bg: #f3f4f6;
  --sharelock-focus: #1d4ed8;
  --sharelock-error: #b91c1c;
  display: block;
  font-family: var(--sharelock-font);
  font-size: var(--sharelock-font-size);
  line-height: 1.2;
}
:host([hidden]) { display: none; }
/* Each widget's box is reserved from the start, while its code and the core
   load (widget-element.js): no layout shift when it renders. */
:host(sharelock-share) { min-height: var(--sharelock-button-height); }
:host(sharelock-countdown) { min-height: 3.5rem; }
:host(sharelock-countdown[format="compact"]) { min-height: 1.5rem; }
.placeholder { min-height: 9.5rem; }
:host([theme="dark"]) {
${darkPalette}}
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) {
${darkPalette}  }
}
.button {
  box-sizing: border-box;
  display: inline-flex;
  align-items: center;
  gap: 0.45em;
  height: var(--sharelock-button-height);
  padding: 0 0.95em;
  border: 1px solid var(--sharelock-border);
  border-radius: var(--sharelock-radius);
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  font: inherit;
  text-decoration: none;
  white-space: nowrap;
  cursor: pointer;
}
.button:hover { background: var(--sharelock-hover-bg); }
.button:focus-visible, button:focus-visible, a:focus-visible, input:focus-visible {
  outline: 3px solid var(--sharelock-focus);
  outline-offset: 2px;
}
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
@media (prefers-reduced-motion: no-preference) {
  .button { transition: background-color 120ms ease-out; }
}
@media (forced-colors: active) {
  .button { border-color: ButtonText; }
}
`;

/**
 * A stylesheet built once and shared by every element that adopts it.
 * @param {string} text
 * @returns {() => CSSStyleSheet}
 */
export function sharedSheet(text) {
  let sheet = null;
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
    }
    return sheet;
  };
}

export const themeStyles = sharedSheet(css);
