// Styles for <sharelock-countdown>, on top of the shared theme.
// Parts: countdown, prefix, timer, unit, value, label, stock, ended, status.
import { sharedSheet } from './theme-styles.js';

const css = `
.countdown { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.35rem 0.75rem; }
.prefix { font-weight: 600; }
.timer { display: inline-flex; flex-wrap: wrap; gap: 0.4rem; font-variant-numeric: tabular-nums; }
.unit {
  display: inline-flex;
  flex-direction: column;
  align-items: center;
  min-width: 3.2em;
  padding: 0.3em 0.45em;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.5rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
}
.value { font-size: 1.5em; font-weight: 700; line-height: 1.1; }
.label { font-size: 0.75em; }
.compact { font-weight: 700; font-variant-numeric: tabular-nums; }
.stock { flex-basis: 100%; margin: 0; font-weight: 600; color: var(--sharelock-error); }
.ended { margin: 0; font-weight: 600; }
@media (prefers-reduced-motion: reduce) {
  /* A number changing every second is motion too: show minutes only. */
  .unit[data-unit="seconds"] { display: none; }
}
@media (prefers-reduced-motion: no-preference) {
  .value { transition: opacity 150ms ease-out; }
}
`;

export const countdownStyles = sharedSheet(css);
