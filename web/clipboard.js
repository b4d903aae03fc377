// Copying text for a shopper: the async Clipboard API where there is one,
// else a selection copy (older browsers, insecure origins); and the brief
// feedback every copy button gives (the share bar's "Copy link", a pay
// widget's coupon code), the same in both.
import { h } from './dom.js';

// How long "Copied" stays on a button before its own label comes back.
const FEEDBACK_MS = 2500;
// One pending restore per button: a second click starts the time again.
const restores = new WeakMap();

/**
 * Shows `text` on `label` for a moment, then calls `restore`.
 * @param {Element} label
 * @param {string} text
 * @param {() => void} restore
 */
export function showBriefly(label, text, restore) {
  clearTimeout(restores.get(label));
  label.textContent = text;
  restores.set(label, setTimeout(restore, FEEDBACK_MS));
}

/**
 * Says `text` to screen readers through the live region `status`, even when
 * it is the same text as last time (cleared first, set on the next frame).
 * @param {Element} status
 * @param {string} text
 */
export function announce(status, text) {
  status.textContent = '';
  requestAnimationFrame(() => { status.textContent = text; });
}

/**
 * @param {string} text
 * @param {ShadowRoot | HTMLElement} scratch where a temporary field may live
 * @returns {Promise<boolean>} whether the text reached the clipboard
 */
export async function copyText(text, scratch) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
    field.value = text;
    scratch.append(field);
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      field.remove();
    }
  }
}
