// The attributes each element reads: its observedAttributes (known when the
// element is defined, before its code has loaded) and what it hands the
// core. One list per widget, shared by widget-element.js and the widget.

export const SHARE_ATTRIBUTES = ['networks', 'url', 'text', 'hashtags', 'via', 'utm-campaign', 'lang', 'image'];

export const PAY_ATTRIBUTES = ['item', 'network', 'text', 'url', 'hashtags', 'via', 'utm-campaign', 'image',
  'lang', 'remember', 'wait', 'snooze', 'mode', 'server'];

export const COUNTDOWN_ATTRIBUTES = ['ends', 'starts', 'evergreen', 'daily', 'tz', 'offer', 'format', 'on-end', 'pay',
  'ended-text', 'stock', 'stock-src', 'lang'];

export const PROOF_ATTRIBUTES = ['kind', 'count', 'src', 'server', 'item', 'type', 'window', 'min', 'notation', 'lang',
  'position', 'avoid', 'interval', 'duration', 'max-toasts', 'snooze'];

/**
 * Whether a <sharelock-pay> asks for verified unlocks, which another wasm
 * module serves (sharelock-verified) than intent mode's (sharelock-core).
 * @param {Element} element
 */
export function isVerifiedPay(element) {
  return element.getAttribute('mode')?.trim().toLowerCase() === 'verified';
}
