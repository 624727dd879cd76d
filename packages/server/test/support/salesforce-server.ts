/**
 * The case server on the Salesforce connector, over the strict fake Salesforce
 * (fake-salesforce.ts), on a fresh SQLite file or PostgreSQL database (which keeps only the
 * connector's cursor, versions and notes, idempotency keys and uploads in flight): what the
 * Salesforce tests start.
 */
import type { ServerConfig } from '../../src/index.js';
import type { SalesforceConfig } from '../../src/connectors/salesforce/config.js';
import { FakeSalesforce, type FakeSalesforceOptions } from './fake-salesforce.js';
import { serveConnector, type ConnectorServer } from './connector-server.js';
import type { DbKind } from './server.js';

export type SalesforceServer = ConnectorServer<FakeSalesforce>;

export async function startSalesforceServer(opts: { kind?: DbKind; backend?: Partial<SalesforceConfig>; fake?: FakeSalesforceOptions | FakeSalesforce; config?: Partial<ServerConfig> } = {}): Promise<SalesforceServer> {
  const fake = opts.fake instanceof FakeSalesforce ? opts.fake : new FakeSalesforce(opts.fake);
  const fakeUrl = fake.url || (await fake.start());
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
  return serveConnector(fake, backend, opts);
}
