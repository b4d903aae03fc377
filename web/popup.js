// Share windows. A popup keeps the shopper on the shop; when a blocker
// stops it, the caller lets the link's own navigation (a new tab) happen.

const FEATURES = 'popup,width=600,height=640';

/**
 * Opens `href` in a share window. Must run inside the click handler (a
 * user gesture). Returns the window, or null when it was blocked.
 */
export function openShareWindow(href) {
  const opened = window.open(href, '_blank', FEATURES);
  // Cut the link back to us before the other site's scripts can run
  // (reverse tabnabbing); `noopener` would hide whether a blocker struck.
  if (opened) opened.opener = null;
  return opened;
}
