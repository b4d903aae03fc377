// Copying text for a shopper: the async Clipboard API where there is one,
// else a selection copy (older browsers, insecure origins).
import { h } from './dom.js';

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
