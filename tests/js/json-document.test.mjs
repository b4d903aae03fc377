// web/json-document.js: the flattening the core reads (json_document.hpp),
// node for node, and the text written back from a document.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { jsonDocument, jsonText } from '../../web/json-document.js';

const node = (key, kind, { number = 0, text = '', end }) => ({ key, kind, number, text, end });

test('a value is flattened depth first, each subtree a range', () => {
  const { valid, nodes } = jsonDocument('{"v":1,"list":[true,{"x":"y"},[]],"none":null}');
  assert.equal(valid, true);
  assert.deepEqual(nodes, [
    node('', 'object', { end: 8 }),
    node('v', 'number', { number: 1, end: 2 }),
    node('list', 'array', { end: 7 }),
    node('', 'boolean', { number: 1, end: 4 }),
    node('', 'object', { end: 6 }),
    node('x', 'string', { text: 'y', end: 6 }),
    node('', 'array', { end: 7 }),
    node('none', 'null', { end: 8 }),
  ]);
});

test('text that is not JSON, and no text at all, are not valid documents', () => {
  for (const text of ['{"v":', '', 'undefined', null, undefined, 42]) {
    assert.deepEqual(jsonDocument(text), { valid: false, nodes: [] }, String(text));
  }
});

test('strings and keys arrive well-formed and in NFC', () => {
  const { nodes } = jsonDocument('{"Cafe\\u0301":"\\ud800x"}');
  assert.equal(nodes[1].key, 'Café');
  assert.equal(nodes[1].text, '\ufffdx');
});

test('deep nesting does not overflow the stack', () => {
  const depth = 100_000;
  const { valid, nodes } = jsonDocument('['.repeat(depth) + ']'.repeat(depth));
  assert.equal(valid, true);
  assert.equal(nodes.length, depth);
  assert.equal(nodes[0].end, depth);
  assert.equal(nodes[depth - 1].end, depth);
});

test('a document the core writes becomes the text JSON.stringify gives, member order kept', () => {
  const written = {
    valid: true,
    nodes: [node('', 'object', { end: 5 }), node('v', 'number', { number: 1, end: 2 }),
      node('until', 'null', { end: 3 }), node('ok', 'boolean', { number: 0, end: 4 }),
      node('item', 'string', { text: 'e"1', end: 5 })],
  };
  assert.equal(jsonText(written), '{"v":1,"until":null,"ok":false,"item":"e\\"1"}');
  assert.equal(jsonText(jsonDocument('[1,[2,{"a":[]}]]')), '[1,[2,{"a":[]}]]');
  assert.equal(jsonText({ valid: false, nodes: [] }), '');
});

test('a document whose ends point backwards is still written, each node once', () => {
  // Only the core writes documents, but a bad `end` must not hang the page.
  const looping = {
    valid: true,
    nodes: [node('', 'object', { end: 3 }), node('a', 'number', { number: 1, end: 0 }), node('b', 'number', { number: 2, end: 1 })],
  };
  assert.equal(jsonText(looping), '{"a":1,"b":2}');
});
