/**
 * The case server on the Zendesk connector, over the strict fake Zendesk (fake-zendesk.ts), on a
 * fresh SQLite file (which keeps only the connector's cursor and versions, idempotency keys and
 * uploads in flight): what the Zendesk tests start.
 */
import type { ServerConfig } from '../../src/index.js';
import type { ZendeskConfig } from '../../src/connectors/zendesk/config.js';
import { FakeZendesk, type FakeZendeskOptions } from './fake-zendesk.js';
import { serveConnector, type ConnectorServer } from './connector-server.js';
import type { DbKind } from './server.js';

export type ZendeskServer = ConnectorServer<FakeZendesk>;

export async function startZendeskServer(opts: { kind?: DbKind; backend?: Partial<ZendeskConfig>; fake?: FakeZendeskOptions; config?: Partial<ServerConfig> } = {}): Promise<ZendeskServer> {
  const fake = new FakeZendesk({ exportDelaySeconds: 1, ...opts.fake });
  const fakeUrl = await fake.start();
  const backend: ZendeskConfig = { kind: 'zendesk', baseUrl: fakeUrl, email: fake.email, apiToken: fake.apiToken, customerMatch: 'email', pollIntervalMs: 0, timeoutMs: 2_000, retryBudgetMs: 4_000, ...opts.backend };
  return serveConnector(fake, backend, opts);
}
