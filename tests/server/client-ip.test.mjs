// Whose address a request is counted against behind the operator's proxies
// (server/app.js clientIp, SHARELOCK_TRUST_PROXY=N). Issue 20, item 10: a
// CDN before a load balancer needs N = 2, or every client is the CDN. (A
// value that is not a number stops the server: main-process.test.mjs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clientIp } from '../../server/app.js';

const request = (forwarded, peer = '10.0.0.5') => ({
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  socket: { remoteAddress: peer },
});

test('with no trusted proxy the socket\'s peer is the client, whatever the header says', () => {
  assert.equal(clientIp(request('203.0.113.9'), 0), '10.0.0.5');
});

test('behind N proxies the client is the N-th hop from the end; what the client wrote before it is ignored', () => {
  // The shopper wrote "6.6.6.6"; the CDN appended the shopper, the load balancer the CDN.
  const header = '6.6.6.6, 198.51.100.23, 203.0.113.80';
  assert.equal(clientIp(request(header), 1), '203.0.113.80');
  assert.equal(clientIp(request(header), 2), '198.51.100.23');
});

test('a header shorter than the proxies it should have passed did not come through them: the peer', () => {
  assert.equal(clientIp(request('198.51.100.23'), 2), '10.0.0.5');
  assert.equal(clientIp(request(undefined), 1), '10.0.0.5');
});
