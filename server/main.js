#!/usr/bin/env node
// The verification server on node:http: `node server/main.js`, configured by
// environment variables (server/config.js lists them). With DATABASE_URL it
// keeps its state in PostgreSQL, so any number of these processes can run
// behind one address; without it, in the SQLite file SHARELOCK_DB.
import { ConfigError, readConfig } from './config.js';
import { createVerificationApp, listen } from './app.js';
import { openPostgresStore } from './store/postgres.js';
import { openSqliteStore } from './store/sqlite.js';

const log = (event) => console.log(JSON.stringify(event));

let config;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`sharelock verification server: ${error.message}`);
  process.exit(1);
}

let store;
try {
  store = config.databaseUrl
    ? await openPostgresStore({
      url: config.databaseUrl,
      // A pooled connection that dies while idle is replaced on next use; say so.
      onError: (error) => log({ event: 'database-connection-lost', message: error.message }),
    })
    : await openSqliteStore({ path: config.database });
} catch (error) {
  // Not the URL: it may carry a password.
  console.error(`sharelock verification server: cannot open the ${config.databaseUrl ? 'PostgreSQL database (DATABASE_URL)' : `SQLite file ${config.database}`}: ${error.message}`);
  process.exit(1);
}

let app;
try {
  app = await createVerificationApp({ config, store, log });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`sharelock verification server: ${error.message}`);
  process.exit(1);
}
const server = await listen(app.handle, config);
const address = server.address();
console.log(`Sharelock verification server on http://${address.address}:${address.port} (store: ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(async () => {
    await app.close();
    await store.close();
    process.exit(0);
  }));
}
