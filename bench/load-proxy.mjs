// The load test's single address in front of the verification servers, in a
// process of its own so it does not compete with the load generator for one
// event loop. Prints its URL as the first line of stdout.
//   node bench/load-proxy.mjs http://127.0.0.1:A http://127.0.0.1:B …
import { startRoundRobinProxy } from '../tests/server/multi-instance-fixture.mjs';

const proxy = await startRoundRobinProxy(process.argv.slice(2));
console.log(proxy.url);
process.once('SIGTERM', () => proxy.close().then(() => process.exit(0)));
