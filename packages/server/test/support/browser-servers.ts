/**
 * The real case server for the browser tests (test/servers/case-server.mjs spawns this file):
 * one server on a fresh SQLite file and one on a throwaway PostgreSQL database, and one on each
 * vendor connector over its fake (connector-test-servers.ts), all allowing the test runner's origin
 * by CORS. Prints one JSON line `{ "sqlite": url, "postgres": url, "connectors": { name: url },
 * "control": url }` once all listen, and closes them all (dropping the databases) on SIGTERM or
 * when stdin closes. `control` is a loopback-only HTTP endpoint for case-server.mjs, which passes
 * the page's requests on: `POST /seed?connector=&sub=&name=&email=&org=` puts that customer and
 * cases of theirs into the connector's fake, `GET /view?connector=&…` reads what the fake holds for
 * them (both answer connector-test-servers.ts's `VendorView`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp, type ServerConfig } from '../../src/index.js';
import { CONNECTOR_TEST_SERVERS, type ConnectorTestServer, type SeedCustomer } from './connector-test-servers.js';
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
const connectors: Record<string, ConnectorTestServer> = {};
for (const [name, startConnector] of Object.entries(CONNECTOR_TEST_SERVERS)) connectors[name] = await startConnector({ corsOrigins: origins, config: overrides });

const control = createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://control');
  const answer = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const connector = connectors[u.searchParams.get('connector') ?? ''];
  if (!connector) return answer(404, { error: `no connector "${u.searchParams.get('connector')}" (known: ${Object.keys(connectors).join(', ')})` });
  const customer: SeedCustomer = { sub: '', name: '', email: '', org: '' };
  for (const k of ['sub', 'name', 'email', 'org'] as const) {
    const v = u.searchParams.get(k);
    if (!v) return answer(400, { error: `${k} is required` });
    customer[k] = v;
  }
  const action = u.pathname === '/seed' && req.method === 'POST' ? connector.seed(customer) : u.pathname === '/view' && req.method === 'GET' ? connector.view(customer) : null;
  if (!action) return answer(404, { error: 'POST /seed or GET /view' });
  action.then(
    (view) => answer(200, view),
    (e: Error) => answer(500, { error: e.message }),
  );
});
await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
const controlUrl = `http://127.0.0.1:${(control.address() as AddressInfo).port}`;

process.stdout.write(
  `${JSON.stringify({ sqlite: servers.sqlite.url, postgres: servers.postgres.url, connectors: Object.fromEntries(Object.entries(connectors).map(([k, c]) => [k, c.url])), control: controlUrl })}\n`,
);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  control.close();
  await Promise.allSettled([servers.sqlite.close(), servers.postgres.close(), ...Object.values(connectors).map((c) => c.close())]);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.stdin.on('end', shutdown);
process.stdin.resume();
