/**
 * The case server on a vendor connector, over that vendor's fake, on a fresh database (which keeps
 * only the connector's own state: cursors, versions, idempotency keys, uploads in flight), with
 * every log line kept: what each vendor's `start…Server` runs once it has its fake and its backend
 * config. `close` ends open streams after half a second, stops the fake and drops the database.
 */
import { Writable } from 'node:stream';
import { buildApp, type ServerConfig } from '../../src/index.js';
import type { BackendConfig } from '../../src/config/types.js';
import { closeApp, freshDatabaseUrl, testConfig, type DbKind } from './server.js';

export interface ConnectorServer<Fake> {
  url: string;
  fake: Fake;
  /** Every log line the server wrote (JSON objects), for what the operator sees. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function serveConnector<Fake extends { stop(): Promise<void> }>(
  fake: Fake,
  backend: BackendConfig,
  opts: { kind?: DbKind; config?: Partial<ServerConfig> } = {},
): Promise<ConnectorServer<Fake>> {
  const db = await freshDatabaseUrl(opts.kind ?? 'sqlite');
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  let app;
  try {
    app = await buildApp(testConfig({ database: db.url, backend, ...opts.config }), { logger: { level: 'info', stream }, checkResponses: 'fail' });
  } catch (e) {
    await fake.stop();
    await db.drop();
    throw e;
  }
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    fake,
    logs,
    close: async () => {
      await closeApp(app);
      await fake.stop();
      await db.drop();
    },
  };
}
