/**
 * The case server on the Salesforce connector, over the strict fake Salesforce
 * (fake-salesforce.ts), on a fresh SQLite file or PostgreSQL database (which keeps only the
 * connector's cursor, versions and notes, idempotency keys and uploads in flight): what the
 * Salesforce tests start.
 */
import { Writable } from 'node:stream';
import { buildApp, type ServerConfig } from '../../src/index.js';
import type { SalesforceConfig } from '../../src/connectors/salesforce/config.js';
import { FakeSalesforce, type FakeSalesforceOptions } from './fake-salesforce.js';
import { freshDatabaseUrl, testConfig, type DbKind } from './server.js';

export interface SalesforceServer {
  url: string;
  fake: FakeSalesforce;
  /** Every log line the server wrote (JSON objects), for what the operator sees. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startSalesforceServer(opts: { kind?: DbKind; backend?: Partial<SalesforceConfig>; fake?: FakeSalesforceOptions | FakeSalesforce; config?: Partial<ServerConfig> } = {}): Promise<SalesforceServer> {
  const fake = opts.fake instanceof FakeSalesforce ? opts.fake : new FakeSalesforce(opts.fake);
  const fakeUrl = fake.url || (await fake.start());
  const db = await freshDatabaseUrl(opts.kind ?? 'sqlite');
  const backend: SalesforceConfig = {
    kind: 'salesforce',
    instanceUrl: fakeUrl,
    auth: { flow: 'client-credentials', clientId: fake.clientId, clientSecret: fake.clientSecret },
    customerMatch: 'email',
    pollIntervalMs: 0,
    timeoutMs: 2_000,
    retryBudgetMs: 4_000,
    ...opts.backend,
  };
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
      const closing = app.close();
      const cut = setTimeout(() => app.server.closeAllConnections(), 500);
      await closing;
      clearTimeout(cut);
      await fake.stop();
      await db.drop();
    },
  };
}
