// Runs the MOCK OAuth + posting provider (test infrastructure for tests and the
// demo — not X, not Mastodon). Prints its URL as the first line of stdout.
//
//   node server/mock-provider-main.js --port 8082 \
//     --clients '[{"clientId":"demo","clientSecret":"s3cret","redirectUris":["http://127.0.0.1:8080/oauth/callback"]}]'
//
// --clients (or MOCK_PROVIDER_CLIENTS) is a JSON array of pre-registered apps,
// needed for the X flow; Mastodon apps register themselves via POST /api/v1/apps.
import { parseArgs } from 'node:util';
import { startMockProvider } from './mock-provider.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8082' },
    clients: { type: 'string', default: process.env.MOCK_PROVIDER_CLIENTS ?? '[]' },
    'code-lifetime-ms': { type: 'string', default: '30000' },
  },
});

const port = Number(values.port);
const codeLifetimeMillis = Number(values['code-lifetime-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
if (!(codeLifetimeMillis > 0)) throw new Error('--code-lifetime-ms must be a positive number');
const clients = JSON.parse(values.clients);

const mock = await startMockProvider({ port, clients, codeLifetimeMillis });
console.log(mock.url);
console.error('Mock provider for tests and the demo — not X, not Mastodon. Ctrl-C to stop.');

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => { mock.close().then(() => process.exit(0)); });
}
