/**
 * The real case server for the browser tests (test/servers/case-server.mjs spawns this file):
 * one server on a fresh SQLite file and one on a throwaway PostgreSQL database, both allowing the
 * test runner's origin by CORS. Prints one JSON line `{ "sqlite": url, "postgres": url }` once both
 * listen, and closes both (dropping the databases) on SIGTERM or when stdin closes.
 */
import { buildApp, type ServerConfig } from '../../src/index.js';
import { freshDatabaseUrl, testConfig, type DbKind } from './server.js';

const origins = (process.env.CASE_SERVER_ORIGINS ?? '').split(',').filter(Boolean);
const overrides = JSON.parse(process.env.CASE_SERVER_CONFIG ?? '{}') as Partial<ServerConfig>;

async function start(kind: DbKind) {
  const fresh = await freshDatabaseUrl(kind);
  const app = await buildApp(testConfig({ database: fresh.url, corsOrigins: origins, ...overrides }), {
    logger: process.env.SERVER_LOG ? { level: 'warn' } : false,
    checkResponses: 'fail',
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, close: async () => (await app.close(), await fresh.drop()) };
}

const servers = { sqlite: await start('sqlite'), postgres: await start('postgres') };
process.stdout.write(`${JSON.stringify({ sqlite: servers.sqlite.url, postgres: servers.postgres.url })}\n`);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await Promise.allSettled([servers.sqlite.close(), servers.postgres.close()]);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.stdin.on('end', shutdown);
process.stdin.resume();
