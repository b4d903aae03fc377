#!/usr/bin/env node
// The verification server on node:http: `node server/main.js`, configured by
// environment variables (server/config.js lists them).
import { ConfigError, readConfig } from './config.js';
import { createVerificationApp, listen } from './app.js';

let config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`sharelock verification server: ${error.message}`);
  process.exit(1);
}
const app = await createVerificationApp({ config, log: (event) => console.log(JSON.stringify(event)) });
const server = await listen(app.handle, config);
const address = server.address();
console.log(`Sharelock verification server on http://${address.address}:${address.port}`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(async () => {
    await app.close();
    process.exit(0);
  }));
}
