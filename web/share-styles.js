// Styles for <sharelock-share>, on top of the shared theme (theme-styles.js).
// Parts: bar, button, button-<network>, mark, label, status,
// mastodon-picker, mastodon-change, copy-fallback.

import { sharedSheet } from './theme-styles.js';

const css = `
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
/* The two text fields: the link to copy by hand, the Mastodon server. */
.copy-fallback, .picker input {
  box-sizing: border-box;
  height: var(--sharelock-button-height);
  padding: 0 0.75em;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.5rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  font: inherit;
}
.copy-fallback { width: 100%; margin-top: var(--sharelock-gap); }
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
.picker input { font-weight: 400; }
.picker .button { font-weight: 600; }
.picker a { color: inherit; flex-basis: 100%; }
.picker .problem { color: var(--sharelock-error); flex-basis: 100%; margin: 0; }
.picker .problem:empty { display: none; }
@media (forced-colors: active) {
  .mark { forced-color-adjust: none; }
}
`;

export const shareStyles = sharedSheet(css);
