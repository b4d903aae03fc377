// JSON text the browser's core reads or writes (records kept in storage,
// feed bodies, the verification server's answers) crosses into wasm as a
// JsonDocument, never as text: JSON.parse does the parsing, and the tree is
// flattened depth first into typed nodes (core/include/sharelock/
// json_document.hpp says why and how the core reads them). No rule lives
// here: what the JSON must contain is the core's to decide.
import { cleanText } from './core-call.js';

const INVALID = Object.freeze({ valid: false, nodes: [] });

function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;  // JSON.parse gives nothing but these six
}

/**
 * The document of `text`, or {valid: false} when it is not JSON (or not a
 * string at all: an absent record).
 * @returns {import('../types/core').JsonDocument}
 */
export function jsonDocument(text) {
  if (typeof text !== 'string') return INVALID;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return INVALID;
  }
  return { valid: true, nodes: flatten(value) };
}

// Iterative, so a deeply nested body cannot overflow the JS stack.
function flatten(root) {
  const nodes = [];
  const pending = [{ key: '', value: root, parent: -1 }];
  const open = [];  // indexes of containers whose end is not yet known
  while (pending.length > 0) {
    const { key, value, parent } = pending.pop();
    while (open.length > 0 && open.at(-1) !== parent) nodes[open.pop()].end = nodes.length;
    const kind = kindOf(value);
    const index = nodes.length;
    nodes.push({
      key: cleanText(key),
      kind,
      number: kind === 'number' ? value : kind === 'boolean' ? Number(value) : 0,
      text: kind === 'string' ? cleanText(value) : '',
      end: index + 1,
    });
    if (kind === 'array' || kind === 'object') {
      open.push(index);
      const entries = kind === 'array' ? value.map((v) => ['', v]) : Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i -= 1) pending.push({ key: entries[i][0], value: entries[i][1], parent: index });
    }
  }
  while (open.length > 0) nodes[open.pop()].end = nodes.length;
  return nodes;
}

/**
 * The text of a document the core wrote (JsonObjectWriter), for storage.
 * @param {import('../types/core').JsonDocument} document
 */
export function jsonText(document) {
  if (!document?.valid || document.nodes.length === 0) return '';
  const valueAt = (index) => {
    const node = document.nodes[index];
    if (node.kind === 'string') return node.text;
    if (node.kind === 'number') return node.number;
    if (node.kind === 'boolean') return node.number !== 0;
    if (node.kind === 'null') return null;
    const children = [];
    // Always forward, whatever `end` says: a walk that cannot loop.
    for (let child = index + 1; child < node.end; child = Math.max(child + 1, document.nodes[child].end)) {
      children.push(child);
    }
    if (node.kind === 'array') return children.map(valueAt);
    return Object.fromEntries(children.map((child) => [document.nodes[child].key, valueAt(child)]));
  };
  return JSON.stringify(valueAt(0));
}
