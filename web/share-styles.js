// Styles for <sharelock-share>, adopted as a constructable stylesheet: no
// <style> element, so pages with `style-src 'self'` need no exception.
// Theming API: the --sharelock-* custom properties on the element, and
// ::part(bar | button | button-<network> | mark | label | status |
// mastodon-picker | mastodon-change).

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
  /* Reserve one row while the core loads: no layout shift. */
  min-height: var(--sharelock-button-height);
}
:host([hidden]) { display: none; }
:host([theme="dark"]) {
${darkPalette}}
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) {
${darkPalette}  }
}
.bar {
  display: flex;
  flex-wrap: wrap;
  gap: var(--sharelock-gap);
  align-items: center;
  margin: 0;
  padding: 0;
  list-style: none;
}
.bar > li { display: flex; }
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
.button:focus-visible, .change:focus-visible, .picker input:focus-visible, .picker button:focus-visible, .picker a:focus-visible {
  outline: 3px solid var(--sharelock-focus);
  outline-offset: 2px;
}
.mark {
  width: 0.7em;
  height: 0.7em;
  border-radius: 50%;
  background: var(--mark, currentColor);
  flex: none;
}
[data-network="x"] { --mark: #000000; }
[data-network="facebook"] { --mark: #0866ff; }
[data-network="linkedin"] { --mark: #0a66c2; }
[data-network="whatsapp"] { --mark: #25d366; }
[data-network="telegram"] { --mark: #26a5e4; }
[data-network="pinterest"] { --mark: #e60023; }
[data-network="reddit"] { --mark: #ff4500; }
[data-network="bluesky"] { --mark: #1185fe; }
[data-network="threads"] { --mark: #000000; }
[data-network="mastodon"] { --mark: #6364ff; }
[data-network="email"] { --mark: #6b7280; }
[data-network="copy"] { --mark: #6b7280; }
[data-network="native"] { --mark: #6b7280; }
:host([theme="dark"]) :is([data-network="x"], [data-network="threads"]) { --mark: #ffffff; }
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) :is([data-network="x"], [data-network="threads"]) { --mark: #ffffff; }
}
.button[data-state="copied"] .mark { background: #15803d; }
.change {
  box-sizing: border-box;
  height: var(--sharelock-button-height);
  min-width: var(--sharelock-button-height);
  margin-inline-start: 0.15rem;
  border: 1px solid var(--sharelock-border);
  border-radius: var(--sharelock-radius);
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  font: inherit;
  cursor: pointer;
}
.picker {
  display: flex;
  flex-wrap: wrap;
  align-items: end;
  gap: var(--sharelock-gap);
  margin-top: var(--sharelock-gap);
  padding: 0.75rem;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.75rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
}
.picker label { display: flex; flex-direction: column; gap: 0.25rem; font-weight: 600; }
.picker input {
  height: var(--sharelock-button-height);
  padding: 0 0.75em;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.5rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  font: inherit;
  font-weight: 400;
}
.picker .button { font-weight: 600; }
.picker a { color: inherit; flex-basis: 100%; }
.picker .problem { color: var(--sharelock-error); flex-basis: 100%; margin: 0; }
.picker .problem:empty { display: none; }
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
  .mark { forced-color-adjust: none; }
  .button { border-color: ButtonText; }
}
`;

let sheet = null;

/** One stylesheet object shared by every share bar on the page. */
export function shareStyles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
