/**
 * The case server on the Creatio connector, over the strict fake Creatio (fake-creatio.ts), on a
 * fresh SQLite file or PostgreSQL database (which keeps only the connector's versions and cursor,
 * idempotency keys and uploads on their way to Creatio): what the Creatio tests start.
 */
import { Writable } from 'node:stream';
import { buildApp, type ServerConfig } from '../../src/index.js';
import type { CreatioConfig } from '../../src/connectors/creatio/config.js';
import { FakeCreatio, type FakeCreatioOptions } from './fake-creatio.js';
import { freshDatabaseUrl, testConfig, type DbKind } from './server.js';

export interface CreatioServer {
  url: string;
  fake: FakeCreatio;
  /** Every log line the server wrote (JSON objects), for what the operator sees. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The custom fields the tests map: the demo portal's product and serial number as Case text columns. */
export const CREATIO_FIELDS = { product: 'UsrProduct', serial_number: 'UsrSerialNumber' };

export async function startCreatioServer(opts: { kind?: DbKind; backend?: Partial<CreatioConfig>; fake?: FakeCreatioOptions; config?: Partial<ServerConfig>; oauth?: boolean } = {}): Promise<CreatioServer> {
  const fake = new FakeCreatio({ caseColumns: Object.values(CREATIO_FIELDS), ...opts.fake });
  const fakeUrl = await fake.start();
  const db = await freshDatabaseUrl(opts.kind ?? 'sqlite');
  const backend: CreatioConfig = {
    kind: 'creatio',
    baseUrl: fakeUrl,
    // The fake serves the Identity Service's token endpoint too.
    auth: opts.oauth ? { kind: 'oauth', identityUrl: fakeUrl, clientId: fake.clientId, clientSecret: fake.clientSecret } : { kind: 'forms', userName: fake.userName, password: fake.password },
    customerMatch: 'email',
    fields: CREATIO_FIELDS,
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
  const app = await buildApp(testConfig({ database: db.url, backend, ...opts.config }), { logger: { level: 'info', stream }, checkResponses: 'fail' });
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
