// Sharelock's C ABI from JS (wasm/abi/calls.hpp). The module says which
// calls it has and what each one's argument and result hold (its schema);
// from that alone each call becomes a function taking and returning plain
// objects. Nothing here knows a field of any record: the C++ side lists
// them once, and types/core.d.ts is checked against the schema
// (tests/js/core-types.test.mjs).
//
// The words: a string is its address and UTF-8 byte length, a bool 0 or 1,
// an int32 ("i") one word, a double ("d") two (its IEEE
// bits in memory order: the words are a Uint32Array over the module's
// memory, so both sides read them alike), a list its length followed by its
// elements, a record its fields in order.

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const double = new Float64Array(1);
const doubleWords = new Uint32Array(double.buffer);

/**
 * One type of the schema, from `text` at `at`: "s", "b", "i", "d", "[T]" or
 * "{Name field:T field:T}". Returns [type, where it ends].
 */
function parseType(text, at) {
  const first = text[at];
  if ('sbid'.includes(first)) return [{ kind: first }, at + 1];
  if (first === '[') {
    const [of, end] = parseType(text, at + 1);
    return [{ kind: 'list', of }, end + 1];
  }
  if (first !== '{') throw new Error(`unreadable core schema at ${at}: ${text.slice(at, at + 20)}`);
  let end = at + 1;
  while (!' }'.includes(text[end])) end += 1;
  const record = { kind: 'record', name: text.slice(at + 1, end), fields: [] };
  while (text[end] === ' ') {
    const colon = text.indexOf(':', end);
    const [type, next] = parseType(text, colon + 1);
    record.fields.push([text.slice(end + 1, colon), type]);
    end = next;
  }
  return [record, end + 1];
}

/**
 * The module's calls as {name, argument, result} (types as parseType
 * gives them), from its schema text: one line per call.
 * @param {string} schema
 */
export function parseSchema(schema) {
  return schema.split('\n').filter(Boolean).map((line) => {
    const space = line.indexOf(' ');
    const [argument, end] = parseType(line, space + 1);
    const [result] = parseType(line, end + 1);
    return { name: line.slice(0, space), argument, result };
  });
}

// The words of `value` as `type` says; each string's two words are left
// empty and noted in `strings`, to be filled once memory is allocated.
function encode(type, value, words, strings) {
  if (type.kind === 's') {
    strings.push([words.length, typeof value === 'string' ? value : '']);
    words.push(0, 0);
  } else if (type.kind === 'b') {
    words.push(value === true ? 1 : 0);
  } else if (type.kind === 'i') {
    words.push(value >>> 0); // not a number: 0
  } else if (type.kind === 'd') {
    double[0] = typeof value === 'number' ? value : 0;
    words.push(...doubleWords);
  } else if (type.kind === 'list') {
    const list = Array.isArray(value) ? value : [];
    words.push(list.length);
    for (const item of list) encode(type.of, item, words, strings);
  } else {
    for (const [key, field] of type.fields) encode(field, value?.[key], words, strings);
  }
}

function decode(type, memory, cursor) {
  if (type.kind === 's') {
    const address = cursor.words[cursor.at++];
    const length = cursor.words[cursor.at++];
    return length ? decoder.decode(new Uint8Array(memory.buffer, address, length)) : '';
  }
  if (type.kind === 'b') return cursor.words[cursor.at++] !== 0;
  if (type.kind === 'i') return cursor.words[cursor.at++] | 0;
  if (type.kind === 'd') {
    doubleWords.set(cursor.words.subarray(cursor.at, (cursor.at += 2)));
    return double[0];
  }
  if (type.kind === 'list') {
    const items = [];
    for (let count = cursor.words[cursor.at++]; count > 0; count -= 1) items.push(decode(type.of, memory, cursor));
    return items;
  }
  const record = {};
  for (const [key, field] of type.fields) record[key] = decode(field, memory, cursor);
  return record;
}

/**
 * The module's calls as its schema lists them (parseSchema).
 * @param {{sharelock_calls: () => number}} exports
 * @param {WebAssembly.Memory} memory
 */
export function readSchema(exports, memory) {
  const bytes = new Uint8Array(memory.buffer);
  const address = exports.sharelock_calls();
  let end = address;
  while (bytes[end] !== 0) end += 1;
  return parseSchema(decoder.decode(bytes.subarray(address, end)));
}

/**
 * Every call the module's schema lists, as functions taking and returning
 * plain objects. A missing field goes in as "" / false / 0 / []; a trap (out
 * of memory, a bug) is thrown, for the caller's guard (core-call.js).
 * @param {{sharelock_calls: () => number, sharelock_call: (index: number, words: number, count: number) => number,
 *   sharelock_alloc: (bytes: number) => number, sharelock_free: (address: number) => void}} exports
 * @param {WebAssembly.Memory} memory
 * @returns {Record<string, (argument: object) => object>}
 */
export function abiCalls(exports, memory) {
  return Object.fromEntries(readSchema(exports, memory).map(({ name, argument, result }, index) => [name, (value) => {
    const words = [];
    const strings = [];
    encode(argument, value, words, strings);
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = strings.reduce((bytes, [, text]) => bytes + text.length * 3, 0);
    const base = exports.sharelock_alloc(words.length * 4 + room);
    if (!base) throw new Error(`${name}: the core is out of memory`);
    try {
      // Allocation may have grown the memory: views are made after it.
      const bytes = new Uint8Array(memory.buffer);
      let at = base + words.length * 4;
      for (const [slot, text] of strings) {
        const { written } = encoder.encodeInto(text, bytes.subarray(at));
        words[slot] = at;
        words[slot + 1] = written;
        at += written;
      }
      new Uint32Array(memory.buffer, base, words.length).set(words);
      const out = exports.sharelock_call(index, base, words.length);
      return decode(result, memory, { words: new Uint32Array(memory.buffer), at: out / 4 });
    } finally {
      exports.sharelock_free(base);
    }
  }]));
}
