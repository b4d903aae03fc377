// The one timer behind every countdown on the page. It fires just after
// each second boundary (of the corrected clock), sleeps while the tab is
// hidden, and tells each countdown whether it is on screen, so only
// visible ones touch the DOM.

const subscribers = new Set();
const onScreen = new WeakSet();
let timer = 0;
let skew = 0;
let observer = null;

/** The device clock corrected by the server's (see core-client's serverClockSample). */
export function now() {
  return Date.now() + skew;
}

export function setClockSkew(milliseconds) {
  skew = milliseconds;
}

function tick() {
  const time = now();
  for (const subscriber of subscribers) subscriber.tick(time, onScreen.has(subscriber.element));
  schedule();
}

function schedule() {
  clearTimeout(timer);
  if (subscribers.size === 0 || document.hidden) return;
  // A few milliseconds past the boundary, so the second shown has begun.
  timer = setTimeout(tick, 1000 - (now() % 1000) + 4);
}

function onVisibilityChange() {
  if (document.hidden) clearTimeout(timer);
  else tick();
}

/**
 * @param {{element: Element, tick: (now: number, visible: boolean) => void}} subscriber
 */
export function subscribe(subscriber) {
  if (!observer) {
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) onScreen.add(entry.target);
        else onScreen.delete(entry.target);
      }
    });
    document.addEventListener('visibilitychange', onVisibilityChange);
  }
  subscribers.add(subscriber);
  observer.observe(subscriber.element);
  if (subscribers.size === 1) schedule();
}

export function unsubscribe(subscriber) {
  subscribers.delete(subscriber);
  observer?.unobserve(subscriber.element);
  onScreen.delete(subscriber.element);
  if (subscribers.size === 0) clearTimeout(timer);
}
