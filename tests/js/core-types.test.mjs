// One contract, kept once: the TypeScript declarations of the typed wasm
// calls (types/core.d.ts) against the C ABI schema every built module
// reports (wasm/*_fields.hpp, wasm/*_abi.cpp), and against what the shim's
// wrappers hand them. A field added, renamed or dropped on one side fails
// here.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { readSchema } from '../../web/core-abi.js';
import { attributeList, typedPageFacts } from '../../web/core-values.js';
import { clockSample, countdownRequest } from '../../web/countdown-calls.js';
import { payCalls } from '../../web/pay-calls.js';
import { proofRequest, proofToastGateRequest, proofToastTextRequest } from '../../web/proof-calls.js';
import { shareAttributes } from '../../web/share-core.js';
import { verifiedCalls } from '../../web/verified-calls.js';
import { loadAbi } from '../../web/wasm-loader.js';

const root = new URL('../../', import.meta.url);
const read = (path) => readFile(new URL(path, root), 'utf8');
const wasmBinary = async (name) => ({ wasmBinary: await readFile(new URL(`dist/${name}.wasm`, root)) });

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

const declared = declaredInterfaces(await read('types/core.d.ts'));
// The C ABI schema each built module reports.
const MODULES = {
  'sharelock-share': 'ShareModule', 'sharelock-verified': 'VerifiedModule', 'sharelock-core': 'CoreModule',
  'sharelock-pay-exact': 'PayExactModule',
};
const schemas = {};
for (const name of [...Object.keys(MODULES), 'sharelock-share-exact']) {
  const { exports, memory } = await loadAbi(name, await wasmBinary(name));
  schemas[name] = readSchema(exports, memory);
}
const records = Object.fromEntries(Object.keys(MODULES).map((name) => [name, schemaRecords(schemas[name])]));

test('every record of every module\'s C ABI is declared field for field, and a record is the same in every module', () => {
  assert.ok(Object.keys(records['sharelock-share']).length >= 9, `found the schema's records: ${Object.keys(records['sharelock-share'])}`);
  assert.ok(Object.keys(records['sharelock-verified']).length >= 15);
  assert.ok(Object.keys(records['sharelock-core']).length >= 40);
  const all = {};
  for (const [module, found] of Object.entries(records)) {
    for (const [name, fields] of Object.entries(found)) {
      assert.deepEqual(declared[name], fields, `${name}: types/core.d.ts vs ${module}'s C ABI schema`);
      // A record of several modules (Error, PageFacts, JsonDocument…) is one.
      if (all[name]) assert.deepEqual(all[name], fields, `${name}: the same in every module`);
      all[name] = fields;
    }
  }
  // And nothing is declared that no module has.
  assert.deepEqual(Object.keys(declared).filter((name) => !name.endsWith('Module')).sort(), Object.keys(all).sort());
});

test('each module\'s calls are declared, and each built module has exactly those', () => {
  const callsOf = (name) => schemas[name].map((call) => call.name).sort();
  assert.deepEqual(callsOf('sharelock-share'), declared.ShareModule);
  assert.deepEqual(schemas['sharelock-share-exact'], schemas['sharelock-share']);
  assert.deepEqual(callsOf('sharelock-verified'), declared.VerifiedModule);
  assert.deepEqual(callsOf('sharelock-pay-exact'), declared.PayExactModule);
  for (const name of declared.PayExactModule) {
    assert.deepEqual(schemas['sharelock-pay-exact'].find((c) => c.name === name), schemas['sharelock-core'].find((c) => c.name === name), name);
  }
  // The main module: its own calls, and the share bar's (CoreModule extends ShareModule).
  assert.deepEqual(callsOf('sharelock-core'), [...declared.CoreModule, ...declared.ShareModule].sort());
  // The share bar's calls are one schema wherever they are served; verified
  // pay's module serves the Mastodon check too.
  const call = (module, name) => schemas[module].find((c) => c.name === name);
  for (const name of declared.ShareModule) assert.deepEqual(call('sharelock-core', name), call('sharelock-share', name), name);
  assert.deepEqual(call('sharelock-verified', 'checkMastodonHost'), call('sharelock-share', 'checkMastodonHost'));
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
