/**
 * The case server on the Creatio connector, over the strict fake Creatio (fake-creatio.ts), on a
 * fresh SQLite file or PostgreSQL database (which keeps only the connector's versions and cursor,
 * idempotency keys and uploads on their way to Creatio): what the Creatio tests start.
 */
import type { ServerConfig } from '../../src/index.js';
import type { CreatioConfig } from '../../src/connectors/creatio/config.js';
import { FakeCreatio, type FakeCreatioOptions } from './fake-creatio.js';
import { serveConnector, type ConnectorServer } from './connector-server.js';
import type { DbKind } from './server.js';

export type CreatioServer = ConnectorServer<FakeCreatio>;

/** The custom fields the tests map: the demo portal's product and serial number as Case text columns. */
export const CREATIO_FIELDS = { product: 'UsrProduct', serial_number: 'UsrSerialNumber' };

export async function startCreatioServer(opts: { kind?: DbKind; backend?: Partial<CreatioConfig>; fake?: FakeCreatioOptions; config?: Partial<ServerConfig>; oauth?: boolean } = {}): Promise<CreatioServer> {
  const fake = new FakeCreatio({ caseColumns: Object.values(CREATIO_FIELDS), ...opts.fake });
  const fakeUrl = await fake.start();
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
  return serveConnector(fake, backend, opts);
}
