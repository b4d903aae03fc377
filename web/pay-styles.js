// Styles for <sharelock-pay>, on top of the shared theme (theme-styles.js).
// Parts: placeholder, panel, title, button, hint, notice, dismiss, cancel,
// expand, closed, unlocked, status; verified mode adds post-label,
// post-text, counter, problem, loading, and for Mastodon host-label and host.
import { sharedSheet } from './theme-styles.js';

const css = `
.panel {
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  gap: 0.6rem;
  padding: 1rem 1.1rem;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.9rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
}
.title { margin: 0; font-weight: 700; font-size: 1.05em; }
.hint, .notice, .waiting { margin: 0; }
.hint { opacity: 0.85; font-size: 0.93em; }
.notice:empty { display: none; }
.notice { color: var(--sharelock-error); font-weight: 600; }
.primary {
  background: var(--sharelock-accent, var(--sharelock-fg));
  color: var(--sharelock-accent-fg, var(--sharelock-bg));
  border-color: var(--sharelock-accent, var(--sharelock-fg));
  font-weight: 700;
}
.primary:hover { background: var(--sharelock-accent, var(--sharelock-fg)); filter: brightness(1.15); }
.actions { display: flex; flex-wrap: wrap; gap: var(--sharelock-gap); align-items: center; }
.secondary {
  border: 0;
  padding: 0.25rem 0;
  background: none;
  color: inherit;
  font: inherit;
  text-decoration: underline;
  cursor: pointer;
}
.label { font-weight: 600; font-size: 0.93em; }
textarea, [part="host"] {
  box-sizing: border-box;
  width: 100%;
  min-height: 5.5rem;
  padding: 0.5rem 0.6rem;
  border: 1px solid var(--sharelock-border);
  border-radius: 0.5rem;
  background: var(--sharelock-bg);
  color: var(--sharelock-fg);
  font: inherit;
  resize: vertical;
}
[part="host"] { min-height: 0; }
textarea:focus-visible, [part="host"]:focus-visible { outline: 2px solid var(--sharelock-focus, currentColor); outline-offset: 2px; }
textarea[aria-invalid="true"], [part="host"][aria-invalid="true"] { border-color: var(--sharelock-error); }
.counter, .problem { margin: 0; font-size: 0.88em; }
.counter.over, .problem { color: var(--sharelock-error); }
.problem:empty { display: none; }
.primary:disabled { opacity: 0.6; cursor: progress; }
`;

export const payStyles = sharedSheet(css);
