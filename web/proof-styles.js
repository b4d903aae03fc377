// Styles for <sharelock-proof>, on top of the shared theme.
// Parts: badge, mark, text (the count badge); toast, toast-text, dismiss,
// status (the recent-activity toasts).
import { sharedSheet } from './theme-styles.js';

const css = `
.badge {
  display: inline-flex;
  align-items: center;
  gap: 0.5em;
  margin: 0;
  padding: 0.35em 0.8em;
  border: 1px solid var(--sharelock-border);
  /* A pill on one line, a rounded box when it wraps. */
  border-radius: min(var(--sharelock-radius), 1.1em);
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  font-weight: 600;
}
.mark {
  width: 0.55em;
  height: 0.55em;
  border-radius: 50%;
  background: currentColor;
}
.toast {
  position: fixed;
  z-index: 2147483000;
  box-sizing: border-box;
  display: flex;
  align-items: flex-start;
  gap: 0.75rem;
  max-width: min(22rem, calc(100vw - 2rem));
  inset: auto;
  margin: 0;
  padding: 0.75rem 0.75rem 0.75rem 1rem;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.75rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
  font: inherit;
  line-height: 1.35;
}
.toast[popover]:not(:popover-open), .toast[hidden] { display: none; }
.toast[data-position="bottom-left"] { left: 1rem; bottom: 1rem; }
.toast[data-position="bottom-right"] { right: 1rem; bottom: 1rem; }
.toast[data-position="top-left"] { left: 1rem; top: 1rem; }
.toast[data-position="top-right"] { right: 1rem; top: 1rem; }
.toast-text { margin: 0; flex: 1; }
.dismiss {
  flex: none;
  width: 1.75rem;
  height: 1.75rem;
  padding: 0;
  border: 1px solid transparent;
  border-radius: 50%;
  background: transparent;
  color: inherit;
  font: inherit;
  font-size: 1.2em;
  line-height: 1;
  cursor: pointer;
}
.dismiss:hover { background: var(--sharelock-hover-bg); }
@media (prefers-reduced-motion: no-preference) {
  .toast { transition: opacity 200ms ease-out, translate 200ms ease-out; }
  .toast:not(.visible) { opacity: 0; translate: 0 0.5rem; }
}
@media (forced-colors: active) {
  .toast, .badge { border-color: CanvasText; }
}
`;

export const proofStyles = sharedSheet(css);
