/**
 * A case server in its own process, for tests that need two processes on one database:
 *   node --conditions=source --import tsx packages/server/test/support/serve-process.ts <database-url>
 * Prints "listening <url>" once it accepts requests, and its warnings and errors as JSON lines (the
 * tests show them when something fails); SIGTERM closes it (streams end, the hub's LISTEN
 * connection closes) and exits.
 */
import { buildApp } from '../../src/index.js';
import { testConfig } from './server.js';

const database = process.argv[2];
if (!database) {
  console.error('usage: serve-process.ts <database-url>');
  process.exit(2);
}
const app = await buildApp(testConfig({ database }), { logger: { level: 'warn' }, events: { heartbeatMs: 1_000 }, checkResponses: 'fail' });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${url}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
