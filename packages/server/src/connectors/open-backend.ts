import type { AttachmentClaims, UploadsInFlight } from '../backend/types.js';
import type { ServerConfig } from '../config/types.js';
import type { Database } from '../db/database.js';
import type { EventHub } from '../events/types.js';
import { SqlStore } from '../store/sql-store.js';
import { ConnectorState, migrateConnectorState } from './connector-state.js';
import { StatusMap } from './status-map.js';
import { VendorHttp } from './vendor-http.js';
import { ForwardingLog, type OpenedBackend } from './opened-backend.js';

export type { OpenedBackend } from './opened-backend.js';
import { ZendeskApi } from './zendesk/api.js';
import { zendeskAuthHeader, zendeskBaseUrl, type ZendeskConfig } from './zendesk/config.js';
import { DEFAULT_STATUS_MAP, zendeskPortal } from './zendesk/portal.js';
import { ZendeskBackend } from './zendesk/zendesk-backend.js';
import { zendeskPoller } from './zendesk/zendesk-poller.js';
import { TENANT } from '../auth/authenticate.js';
import { openSalesforce } from './salesforce/open-salesforce.js';
import { salesforcePortal } from './salesforce/portal.js';
import { openCreatio } from './creatio/open-creatio.js';
import { creatioPortal } from './creatio/portal.js';

/** The config with the portal the backend can serve: a connector switches off what its vendor cannot do. */
export function configForBackend(config: ServerConfig): ServerConfig {
  if (config.backend?.kind === 'zendesk') return { ...config, portal: zendeskPortal(config.portal, config.backend) };
  if (config.backend?.kind === 'salesforce') return { ...config, portal: salesforcePortal(config.portal, config.backend) };
  if (config.backend?.kind === 'creatio') return { ...config, portal: creatioPortal(config.portal, config.backend) };
  return config;
}

/**
 * The case system behind the server, from config `backend`: the SQL store (default), or a vendor
 * connector. Connectors keep what the vendor does not (poll cursor, record versions; uploads in
 * flight and idempotency keys in the usual tables) in the same database.
 */
export async function openBackend(config: ServerConfig, deps: { database: Database; hub: EventHub; attachments: AttachmentClaims & UploadsInFlight; pollIntervalMs?: number }): Promise<OpenedBackend> {
  const b = config.backend;
  if (!b || b.kind === 'sql') {
    const store = new SqlStore({ database: deps.database, schema: config.portal, scopes: config.scopes, hub: deps.hub, attachments: deps.attachments });
    return { backend: store, register: () => {} };
  }
  if (b.kind === 'salesforce') return openSalesforce(config, b, deps);
  if (b.kind === 'creatio') return openCreatio(config, b, deps);
  return openZendesk(config, b, deps);
}

async function openZendesk(config: ServerConfig, zd: ZendeskConfig, deps: { database: Database; hub: EventHub; attachments: UploadsInFlight }): Promise<OpenedBackend> {
  await migrateConnectorState(deps.database.db);
  const log = new ForwardingLog();
  const http = new VendorHttp({ vendor: 'zendesk', baseUrl: zendeskBaseUrl(zd), headers: () => ({ authorization: zendeskAuthHeader(zd) }), timeoutMs: zd.timeoutMs, budgetMs: zd.retryBudgetMs, log });
  const api = new ZendeskApi(http);
  const state = new ConnectorState(deps.database.db, 'zendesk');
  const statuses = new StatusMap(config.portal.statuses, { ...DEFAULT_STATUS_MAP, ...zd.statusMap }, 'open', (s) =>
    log.warn({ vendor: 'zendesk', status: s }, 'a ticket status the status map does not know; shown as open'),
  );
  const backend = new ZendeskBackend({ api, config: zd, schema: config.portal, statuses, state, hub: deps.hub, log, uploads: deps.attachments });
  const poller = zendeskPoller({ api, state, hub: deps.hub, tenant: TENANT, intervalMs: zd.pollIntervalMs ?? 30_000, log });
  return {
    backend,
    register(app) {
      log.target = app.log;
      app.addHook('onReady', async () => poller.start());
      app.addHook('onClose', async () => poller.stop());
    },
  };
}
