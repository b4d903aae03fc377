// Errors reach site owners two ways: one console.error naming the element
// and the attribute, and a `sharelock:error` event carrying a stable `code`.

export class SharelockError extends Error {
  /**
   * @param {string} code stable, machine-readable ("invalid-url", …)
   * @param {string} message for humans
   * @param {{attribute?: string, element?: string}} [where]
   */
  constructor(code, message, { attribute = '', element = '' } = {}) {
    super(message);
    this.name = 'SharelockError';
    this.code = code;
    this.attribute = attribute;
    this.element = element;
  }
}

/** A short description of an element for log lines: <sharelock-share id="top">. */
export function describeElement(element) {
  const tag = element.localName;
  return element.id ? `<${tag} id="${element.id}">` : `<${tag}>`;
}

/**
 * Logs and dispatches one error from a widget.
 * @param {HTMLElement} element
 * @param {{code: string, attribute?: string, message: string}} error
 * @param {{log?: boolean}} [options] log: false when the cause was logged already
 */
export function reportError(element, { code, attribute = '', message }, { log = true } = {}) {
  const where = attribute ? `attribute "${attribute}": ` : '';
  const error = new SharelockError(code, `${describeElement(element)} ${where}${message}`, {
    attribute,
    element: element.localName,
  });
  if (log) console.error(`[sharelock] ${error.message} (${code})`);
  element.dispatchEvent(new CustomEvent('sharelock:error', {
    bubbles: true,
    composed: true,
    detail: { code, attribute, message, error },
  }));
  return error;
}
