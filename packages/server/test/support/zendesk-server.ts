/**
 * The case server on the Zendesk connector, over the strict fake Zendesk (fake-zendesk.ts), on a
 * fresh SQLite file (which keeps only the connector's cursor and versions, idempotency keys and
 * uploads in flight): what the Zendesk tests start.
 */
import { Writable } from 'node:stream';
import { buildApp, type ServerConfig } from '../../src/index.js';
import type { ZendeskConfig } from '../../src/connectors/zendesk/config.js';
import { FakeZendesk, type FakeZendeskOptions } from './fake-zendesk.js';
import { freshDatabaseUrl, testConfig, type DbKind } from './server.js';

export interface ZendeskServer {
  url: string;
  fake: FakeZendesk;
  /** Every log line the server wrote (JSON objects), for what the operator sees. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export async function startZendeskServer(opts: { kind?: DbKind; backend?: Partial<ZendeskConfig>; fake?: FakeZendeskOptions; config?: Partial<ServerConfig> } = {}): Promise<ZendeskServer> {
  const fake = new FakeZendesk({ exportDelaySeconds: 1, ...opts.fake });
  const fakeUrl = await fake.start();
  const db = await freshDatabaseUrl(opts.kind ?? 'sqlite');
  const backend: ZendeskConfig = { kind: 'zendesk', baseUrl: fakeUrl, email: fake.email, apiToken: fake.apiToken, customerMatch: 'email', pollIntervalMs: 0, timeoutMs: 2_000, retryBudgetMs: 4_000, ...opts.backend };
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
