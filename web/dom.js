// DOM building without innerHTML: every value lands in a property or a text
// node, so no attribute or feed value can ever become markup. (This is also
// what a Trusted Types policy requires.)

/**
 * @param {string} tag
 * @param {Record<string, unknown>} [props] attributes; `on*` functions become listeners
 * @param {(Node | string | null | undefined | false)[]} [children]
 */
export function h(tag, props = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * The attributes among `names` that are present on `element`, as an object
 * (absent ones are left out, so the core can tell "absent" from "empty").
 * @param {Element} element
 * @param {string[]} names
 */
export function presentAttributes(element, names) {
  const attributes = {};
  for (const name of names) {
    if (element.hasAttribute(name)) attributes[name] = element.getAttribute(name);
  }
  return attributes;
}

/**
 * A function that runs `task` once, at the end of the current task, however
 * many times it is called before then: several attribute changes in a row
 * cost one re-render.
 * @param {() => void} task
 */
export function coalesced(task) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      task();
    });
  };
}
