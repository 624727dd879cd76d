/**
 * The yardstick for the server's figures: a bare Fastify route answering the same JSON the case
 * server answered (a page of cases, read from a file), in a process of its own like the server:
 *
 *   node --import tsx packages/server/test/bench/bare-route.ts <page.json>
 *
 * The same Fastify and the same logger level as the server (warn), no hooks, no token, no database:
 * the difference between the two is what the case server's own work costs. The object is
 * serialized per request, as the server's route does with what it returns. Prints
 * "listening <url>" once it accepts requests; SIGTERM ends it.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const file = process.argv[2];
if (!file) {
  console.error('usage: bare-route.ts <page.json>');
  process.exit(2);
}
const page: unknown = JSON.parse(readFileSync(file, 'utf8'));
const app = Fastify({ logger: { level: 'warn' } });
app.get('/cases', async () => page);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${url}\n`);
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
