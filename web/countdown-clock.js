// The page's corrected clock, and the one timer behind every countdown on
// the page. The timer fires just after each second boundary (of the
// corrected clock), sleeps while the tab is hidden, and tells each
// countdown whether it is on screen, so only visible ones touch the DOM.

import { serverClockSample } from './core-client.js';

const subscribers = new Set();
const onScreen = new WeakSet();
let timer = 0;
let skew = 0;
let skewApplied = false;
let observer = null;

/** The device clock corrected by the server's (see core-client's serverClockSample). */
export function now() {
  return Date.now() + skew;
}

/**
 * Corrects the clock once per page by the server's Date on the wasm
 * response (see core-client's serverClockSample); later calls do nothing.
 * @param {{clockSkew: (sample: object) => {skew: number}}} core
 */
export function correctFromServer(core) {
  if (skewApplied) return;
  skewApplied = true;
  const sample = serverClockSample();
  if (sample) skew = core.clockSkew(sample).skew;
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
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) onScreen.add(entry.target);
      else onScreen.delete(entry.target);
    }
  });
  subscribers.add(subscriber);
  observer.observe(subscriber.element);
  if (subscribers.size === 1) {
    // Held only while a countdown is on the page: a page whose countdowns
    // are all gone keeps no listener of ours, however its timing went.
    document.addEventListener('visibilitychange', onVisibilityChange);
    schedule();
  }
}

export function unsubscribe(subscriber) {
  if (!subscribers.delete(subscriber)) return;
  observer?.unobserve(subscriber.element);
  onScreen.delete(subscriber.element);
  if (subscribers.size === 0) {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibilityChange);
  }
}
