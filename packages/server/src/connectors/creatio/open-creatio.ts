import type { FastifyInstance } from 'fastify';
import { TENANT } from '../../auth/authenticate.js';
import type { ServerConfig } from '../../config/types.js';
import type { Database } from '../../db/database.js';
import type { EventHub } from '../../events/types.js';
import { openBlobStore } from '../../files/open-blob-store.js';
import { ConnectorState, migrateConnectorState } from '../connector-state.js';
import { ForwardingLog } from '../opened-backend.js';
import { VendorHttp } from '../vendor-http.js';
import { CreatioApi } from './api.js';
import { creatioBaseUrl, type CreatioConfig } from './config.js';
import { CreatioBackend } from './creatio-backend.js';
import { creatioPoller } from './creatio-poller.js';
import { Lookups } from './lookups.js';
import { CreatioSession } from './session.js';

/**
 * The Creatio connector from config `backend`: the session (forms or OAuth), the OData client with
 * the vendor HTTP client's retries (an expired session signs in again once per request), the
 * lookups, the backend and its poll loop. Uploads reach Creatio from the server's own blob store
 * (config `files`), which is opened here on the same database.
 */
export async function openCreatio(config: ServerConfig, cr: CreatioConfig, deps: { database: Database; hub: EventHub }) {
  await migrateConnectorState(deps.database.db);
  const log = new ForwardingLog();
  const baseUrl = creatioBaseUrl(cr);
  const session = new CreatioSession(baseUrl, cr, log, cr.timeoutMs);
  const http = new VendorHttp({
    vendor: 'creatio',
    baseUrl,
    headers: () => session.current(),
    reauthenticate: () => session.renew(),
    redirectIsUnauthorized: true,
    timeoutMs: cr.timeoutMs,
    budgetMs: cr.retryBudgetMs,
    log,
  });
  const api = new CreatioApi(http, session);
  const state = new ConnectorState(deps.database.db, 'creatio');
  const backend = new CreatioBackend({
    api,
    config: cr,
    schema: config.portal,
    lookups: new Lookups(api, cr.statusMap ?? {}),
    state,
    fileMessages: new ConnectorState(deps.database.db, 'creatio-file-message'),
    uploads: { db: deps.database.db, blobs: openBlobStore(config.files, deps.database.db, () => new Date()) },
    hub: deps.hub,
    log,
  });
  const poller = creatioPoller({ api, state, hub: deps.hub, tenant: TENANT, intervalMs: cr.pollIntervalMs ?? 30_000, log });
  return {
    backend,
    register(app: FastifyInstance) {
      log.target = app.log;
      app.addHook('onReady', async () => poller.start());
      app.addHook('onClose', async () => poller.stop());
    },
  };
}
