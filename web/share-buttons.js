// The share bar's buttons, as list items. A page may hold hundreds of bars,
// so every item is cloned from one prepared once (a deep clone of a small
// subtree costs a fraction of building it attribute by attribute), and no
// button has a listener of its own: the bar listens once, on its list, and
// finds the button by its `data-network` (share-element.js).
import { h } from './dom.js';

let prepared = null;

// The three kinds of control a button can be: a link opening a share
// window, a mailto: link (the mail app, no new window), or a button (copy,
// the system's share sheet, choosing a Mastodon server).
function preparedItems() {
  if (!prepared) {
    const content = () => [h('span', { class: 'mark', part: 'mark', 'aria-hidden': 'true' }), h('span', { class: 'label', part: 'label' })];
    prepared = {
      // A real link: it works with a middle click, "open in new tab" and
      // without popups; the bar turns a plain click into a share window.
      link: h('li', {}, [h('a', { class: 'button', target: '_blank', rel: 'noopener noreferrer' }, content())]),
      mail: h('li', {}, [h('a', { class: 'button' }, content())]),
      button: h('li', {}, [h('button', { class: 'button', type: 'button' }, content())]),
    };
  }
  return prepared;
}

/**
 * Whether `button` is a plain button, run by the bar's own code; otherwise
 * it is a link.
 * @param {import('../types/core').ShareButton} button
 */
export const isPlainButton = (button) => button.kind === 'copy' || button.kind === 'native'
  || (button.kind === 'mastodon' && button.needsServer);

/**
 * One button of the bar in its list item; a Mastodon link with a chosen
 * server is followed by the button that changes the server.
 * @param {import('../types/core').ShareButton} button
 * @param {import('../types/core').ShareBarMessages} messages
 */
export function shareButtonItem(button, messages) {
  const kind = isPlainButton(button) ? 'button' : button.kind === 'mail' ? 'mail' : 'link';
  const item = preparedItems()[kind].cloneNode(true);
  const control = item.firstChild;
  control.setAttribute('part', `button button-${button.network}`);
  control.setAttribute('data-network', button.network);
  control.lastChild.textContent = button.label;
  if (kind !== 'button') control.setAttribute('href', button.href);
  if (kind === 'link') control.setAttribute('aria-label', `${button.name} ${messages.newWindow}`);
  else if (button.kind === 'mail' || button.kind === 'mastodon') control.setAttribute('aria-label', button.name);
  if (button.kind !== 'mastodon') return item;
  if (button.needsServer) {
    control.setAttribute('aria-expanded', 'false');
  } else {
    const change = `${messages.mastodonChange} (${button.mastodonHost})`;
    item.append(h('button', { class: 'change', part: 'mastodon-change', type: 'button',
      'aria-label': change, title: change, 'aria-expanded': 'false' }, ['\u270E']));
  }
  return item;
}
