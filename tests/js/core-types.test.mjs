// One contract, kept once: the TypeScript declarations of the typed wasm
// calls (types/core.d.ts) against what Embind registers (wasm/*.cpp and
// wasm/*values.hpp), against the C ABI schema the built modules report for
// the share bar's calls (wasm/share_fields.hpp) and verified pay's
// (wasm/verified_abi.cpp), against what the built modules expose and what
// the shim's wrappers hand them. A field added,
// renamed or dropped on one side fails here.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { readSchema } from '../../web/core-abi.js';
import { attributeList, typedPageFacts } from '../../web/core-values.js';
import { clockSample, countdownRequest } from '../../web/countdown-calls.js';
import { payCalls } from '../../web/pay-calls.js';
import { proofRequest, proofToastGateRequest, proofToastTextRequest } from '../../web/proof-calls.js';
import { shareAttributes } from '../../web/share-core.js';
import { verifiedCalls } from '../../web/verified-calls.js';
import { configureCore, loadAbi, loadWasmModule } from '../../web/wasm-loader.js';

const root = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, root), 'utf8');
configureCore({ moduleUrl: new URL('dist/sharelock-core.mjs', root) });
const wasmBinary = async (name) => ({ wasmBinary: await readFile(new URL(`dist/${name}.wasm`, root)) });

/**
 * {Name: [fields]} of every `value_object<T>("Name")` (or `value_object<T>
 * variable("Name")`): its .field("…")s and register_list_field(…, "…")s, up
 * to the next registration or the end of the function.
 */
function registeredValueObjects(source) {
  const objects = {};
  const starts = [...source.matchAll(/value_object<\w+>(?:\s+\w+)?\("(\w+)"\)/g)];
  starts.forEach((start, i) => {
    const end = Math.min(starts[i + 1]?.index ?? source.length, source.indexOf('\n}', start.index));
    const body = source.slice(start.index, end);
    objects[start[1]] = [...body.matchAll(/\.field\(\s*"(\w+)"|register_list_field\w*<[^>]+>\(\w+, "(\w+)"\)/g)]
      .map((m) => m[1] ?? m[2]).sort();
  });
  return objects;
}

/** {Name: [fields]} of every record type in a C ABI schema (web/core-abi.js's parseSchema). */
function schemaRecords(calls) {
  const records = {};
  const visit = (type) => {
    if (type.kind === 'list') visit(type.of);
    if (type.kind !== 'record') return;
    records[type.name] = type.fields.map(([name]) => name).sort();
    for (const [, field] of type.fields) visit(field);
  };
  for (const { argument, result } of calls) [argument, result].forEach(visit);
  return records;
}

/** {Name: [fields]} of every `export interface Name { … }` (own fields, not inherited). */
function declaredInterfaces(source) {
  const interfaces = {};
  for (const [, name, body] of source.matchAll(/export interface (\w+)(?: extends \w+)? \{([\s\S]*?)\n\}/g)) {
    interfaces[name] = [...body.matchAll(/^\s+(\w+)\??(?=[:(])/gm)].map((m) => m[1]).sort();
  }
  return interfaces;
}

const registeredFunctions = (source) => [...source.matchAll(/emscripten::function\("(\w+)"/g)].map((m) => m[1]).sort();

const valueFiles = (await readdir(new URL('wasm/', root))).filter((file) => file.endsWith('values.hpp'));
const values = Object.assign({}, ...await Promise.all(valueFiles.map(async (file) => registeredValueObjects(await read(`wasm/${file}`)))));
const declared = declaredInterfaces(await read('types/core.d.ts'));
// The C ABI schema each built module reports.
const schemas = {};
for (const name of ['sharelock-share', 'sharelock-verified', 'sharelock-core']) {
  const { exports, memory } = await loadAbi(name, await wasmBinary(name));
  schemas[name] = readSchema(exports, memory);
}
const shareRecords = schemaRecords(schemas['sharelock-share']);
const verifiedRecords = schemaRecords(schemas['sharelock-verified']);
const abiRecords = { ...shareRecords, ...verifiedRecords };

test('every value object Embind registers, and every record of the C ABI, is declared field for field', () => {
  assert.ok(Object.keys(values).length >= 11, `found the registrations: ${Object.keys(values)}`);
  for (const [name, fields] of Object.entries(values)) {
    assert.deepEqual(declared[name], fields, `${name}: types/core.d.ts vs wasm/*values.hpp`);
  }
  assert.ok(Object.keys(shareRecords).length >= 9, `found the schema's records: ${Object.keys(shareRecords)}`);
  assert.ok(Object.keys(verifiedRecords).length >= 15, `found the schema's records: ${Object.keys(verifiedRecords)}`);
  for (const [name, fields] of Object.entries(shareRecords)) {
    // A record of both schemas (Error, PageFacts, the Mastodon check) is one.
    if (verifiedRecords[name]) assert.deepEqual(verifiedRecords[name], fields, `${name}: the two C ABI schemas`);
  }
  for (const [name, fields] of Object.entries(abiRecords)) {
    assert.deepEqual(declared[name], fields, `${name}: types/core.d.ts vs the C ABI schemas (wasm/*_fields.hpp, wasm/*_abi.cpp)`);
    // A record both sides know (Error, PageFacts) has the same fields in both.
    if (values[name]) assert.deepEqual(values[name], fields, `${name}: Embind vs the C ABI`);
  }
  // And nothing is declared that neither side has.
  const records = Object.keys(declared).filter((name) => !name.endsWith('Module'));
  assert.deepEqual(records.sort(), Object.keys({ ...values, ...abiRecords }).sort());
});

test('each module\'s calls are declared, and each built module has exactly those', async () => {
  // The share bar's calls: the same C ABI schema in both modules.
  assert.deepEqual(schemas['sharelock-core'], schemas['sharelock-share']);
  assert.deepEqual(schemas['sharelock-share'].map((call) => call.name).sort(), declared.ShareModule);
  // Verified pay's module: its calls, and the share bar's Mastodon check.
  assert.deepEqual(schemas['sharelock-verified'].map((call) => call.name).sort(), declared.VerifiedModule);
  const checkHost = (calls) => calls.find((call) => call.name === 'checkMastodonHost');
  assert.deepEqual(checkHost(schemas['sharelock-verified']), checkHost(schemas['sharelock-share']));
  // The main module's other calls: Embind's.
  const widgetCalls = (await Promise.all(valueFiles.map(async (file) => registeredFunctions(await read(`wasm/${file}`))))).flat();
  const core = [...registeredFunctions(await read('wasm/bindings.cpp')), ...widgetCalls].sort();
  assert.deepEqual(declared.CoreModule, core, 'CoreModule vs wasm/bindings.cpp + wasm/*values.hpp');
  const module = await loadWasmModule('sharelock-core', await wasmBinary('sharelock-core'));
  for (const call of core) assert.equal(typeof module[call], 'function', `sharelock-core.${call}`);
});

test('the shim\'s wrapper builds exactly the declared request values', () => {
  const attributes = shareAttributes({ url: 'https://shop.example/', 'utm-campaign': 'spring' });
  assert.deepEqual(Object.keys(attributes).sort(), declared.ShareAttributes);
  for (const value of Object.values(attributes)) assert.deepEqual(Object.keys(value).sort(), declared.AttributeValue);
  assert.deepEqual(attributes.utmCampaign, { present: true, value: 'spring' });
  assert.deepEqual(attributes.text, { present: false, value: '' });
  assert.deepEqual(Object.keys(typedPageFacts({ url: 'https://shop.example/' })).sort(), declared.PageFacts);
  const list = attributeList({ item: 'ebook', wait: 8, lang: 'de' });
  assert.deepEqual(list, [{ name: 'item', value: 'ebook' }, { name: 'lang', value: 'de' }]);
  for (const value of list) assert.deepEqual(Object.keys(value).sort(), declared.Attribute);
  // <sharelock-proof>: every request field, whatever the widget left out.
  const proof = proofRequest({ attributes: { src: '/proof.json' }, page: { url: 'https://shop.example/' }, now: 1, body: '{"version":1}' });
  assert.deepEqual(Object.keys(proof).sort(), declared.ProofRequest);
  assert.deepEqual(Object.keys(proof.body).sort(), declared.JsonDocument);
  for (const node of proof.body.nodes) assert.deepEqual(Object.keys(node).sort(), declared.JsonNode);
  assert.deepEqual(Object.keys(proofRequest({})).sort(), declared.ProofRequest);
  assert.deepEqual(Object.keys(proofToastTextRequest({})).sort(), declared.ProofToastTextRequest);
  assert.deepEqual(Object.keys(proofToastGateRequest({ stored: null })).sort(), declared.ProofToastGateRequest);
  const countdown = countdownRequest({
    attributes: { evergreen: '48h' }, page: {}, now: 1,
    offsets: [{ at: 2, name: 'GMT+01:00' }], stored: [{ key: 'sharelock:evergreen:x', value: '{"v":1,"start":0}' }],
  });
  assert.deepEqual(Object.keys(countdown).sort(), declared.CountdownRequest);
  assert.deepEqual(Object.keys(countdown.offsets[0]).sort(), declared.CountdownZoneOffset);
  assert.deepEqual(Object.keys(countdown.stored[0]).sort(), declared.CountdownStoredValue);
  assert.deepEqual(Object.keys(countdown.stored[0].value).sort(), declared.JsonDocument);
  assert.equal(countdown.zoneKnown, true);
  assert.deepEqual(Object.keys(clockSample({ date: 'x' })).sort(), declared.ClockSample);
  assert.ok(Number.isNaN(clockSample({}).sentAt), 'a number the shim lacks is NaN');

  // Verified pay's wrapper (web/verified-calls.js): each request as declared.
  const seen = {};
  const none = { valid: false, nodes: [] };
  const capture = (name, answer) => (request) => { seen[name] = request; return answer; };
  const verified = verifiedCalls({
    describeVerified: capture('VerifiedDescribeRequest', {}),
    checkVerifiedPost: capture('VerifiedPostRequest', {}),
    beginVerified: capture('VerifiedBeginRequest', { record: none }),
    acceptVerifiedCallback: capture('VerifiedCallbackRequest', { error: { code: '' }, consumedRecord: none }),
    readUnlockResponse: capture('UnlockAnswer', { tokenRecord: none }),
  });
  const widget = { attributes: { item: 'ebook' }, page: {}, now: 1 };
  verified.describeVerified({ ...widget, storedToken: '{"v":1}' });
  verified.checkVerifiedPost({ ...widget, text: 'post' });
  verified.beginVerified({ ...widget, random: 'AA', text: 'post', clientStatus: 200, client: '{}' });
  verified.acceptVerifiedCallback({ query: '?code=a', page: 'https://shop.example/', stored: '{"context":"{}"}', now: 1 });
  verified.readUnlockResponse({ item: 'ebook', now: 1, status: 200, body: '{}' });
  assert.equal(Object.keys(seen).length, 5);
  for (const [name, request] of Object.entries(seen)) assert.deepEqual(Object.keys(request).sort(), declared[name], name);
  for (const document of [seen.VerifiedDescribeRequest.storedToken, seen.VerifiedCallbackRequest.storedContext]) {
    assert.deepEqual(Object.keys(document).sort(), declared.JsonDocument);
    assert.equal(document.valid, true);
  }
});

test('pay\'s wrapper hands the module exactly the declared request values', () => {
  let seen = null;
  const calls = payCalls({ stepPay: (request) => { seen = request; return {}; }, describePay: (input) => { seen = input; return {}; } });
  const widget = { attributes: { item: 'ebook' }, page: { url: 'https://shop.example/' }, mastodonHost: 'mastodon.social' };
  calls.describePay(widget);
  assert.deepEqual(Object.keys(seen).sort(), declared.PayWidgetInput);
  calls.stepPay({ ...widget, now: 1, event: 'init', stored: { unlockLocal: '{"v":1,"until":null}', pending: null } });
  assert.deepEqual(Object.keys(seen).sort(), declared.PayStepRequest);
  assert.deepEqual(Object.keys(seen.state).sort(), declared.PayState);
  assert.deepEqual(Object.keys(seen.stored).sort(), declared.PayStoredRecords);
  for (const record of Object.values(seen.stored)) assert.deepEqual(Object.keys(record).sort(), declared.JsonDocument);
  assert.equal(seen.stored.unlockLocal.valid, true);
  assert.equal(seen.stored.pending.valid, false);
});
