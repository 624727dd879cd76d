import type { PortalSchema } from '@case-portal/core';
import { TENANT } from '../../auth/authenticate.js';
import type { ServerConfig } from '../../config/types.js';
import type { Database } from '../../db/database.js';
import type { EventHub } from '../../events/types.js';
import { AttachmentStore } from '../../files/attachment-store.js';
import { openBlobStore } from '../../files/open-blob-store.js';
import { ConnectorState, migrateConnectorState } from '../connector-state.js';
import { ForwardingLog, type OpenedBackend } from '../opened-backend.js';
import { SalesforceApi, type SfRecord } from './api.js';
import { SalesforceAuth } from './auth.js';
import { salesforceApiVersion, type SalesforceConfig } from './config.js';
import { salesforceStatuses, withOrgStatuses, type SfCaseStatus } from './portal.js';
import { PortalNotes } from './portal-notes.js';
import { SalesforceBackend } from './salesforce-backend.js';
import { salesforcePoller } from './salesforce-poller.js';

/**
 * The Salesforce backend from config `backend`: signs in, reads the org's CaseStatus values (the
 * portal's statuses: the server does not start without them, and says why), and wires the backend,
 * its uploads in flight (the server's own file store, as config `files` names it) and the poll loop.
 */
export async function openSalesforce(config: ServerConfig, sf: SalesforceConfig, deps: { database: Database; hub: EventHub }): Promise<OpenedBackend> {
  await migrateConnectorState(deps.database.db);
  const log = new ForwardingLog();
  const auth = new SalesforceAuth(sf, log, sf.timeoutMs);
  const api = new SalesforceApi(auth, salesforceApiVersion(sf), { timeoutMs: sf.timeoutMs, budgetMs: sf.retryBudgetMs, log });
  const rows = await readCaseStatuses(api);
  await checkFieldsExist(api, sf);
  const org = salesforceStatuses(rows, sf);
  const closedIds = [...org.closed].map((api) => org.byApiName.get(api)!.id);
  withOrgStatuses(config.portal as PortalSchema, org.statuses, closedIds);
  const fallbackApi = rows.find((r) => r.IsDefault)?.ApiName ?? rows[0]!.ApiName;
  const state = new ConnectorState(deps.database.db, 'salesforce');
  const notes = new PortalNotes(deps.database.db);
  const blobs = openBlobStore(config.files, deps.database.db, () => new Date());
  const backend = new SalesforceBackend({
    api,
    auth,
    config: sf,
    schema: config.portal,
    statuses: { byApiName: org.byApiName, fallback: () => org.byApiName.get(fallbackApi)! },
    state,
    notes,
    uploads: { store: new AttachmentStore(deps.database.db, blobs), blobs, db: deps.database.db },
    hub: deps.hub,
    log,
  });
  const poller = salesforcePoller({ api, state, notes, hub: deps.hub, tenant: TENANT, intervalMs: sf.pollIntervalMs ?? 30_000, thread: sf.thread ?? 'CaseComment', log });
  return {
    backend,
    register(app) {
      log.target = app.log;
      app.addHook('onReady', async () => poller.start());
      app.addHook('onClose', async () => poller.stop());
    },
  };
}

async function readCaseStatuses(api: SalesforceApi): Promise<SfCaseStatus[]> {
  let rows: (SfCaseStatus & SfRecord)[];
  try {
    rows = await api.query<SfCaseStatus & SfRecord>('SELECT Id, ApiName, MasterLabel, IsClosed, IsDefault, SortOrder FROM CaseStatus ORDER BY SortOrder ASC');
  } catch (e) {
    throw new Error(`backend salesforce: could not read the org's case statuses (CaseStatus): ${(e as Error).message}. Check instanceUrl/loginUrl, the connected app and its user's API access; the log has Salesforce's answer.`, { cause: e });
  }
  if (!rows.length) throw new Error('backend salesforce: the org has no CaseStatus values');
  return rows;
}

/** Every field the config names exists in the org (a renamed or deleted field stops the start, named, rather than every page later). */
async function checkFieldsExist(api: SalesforceApi, sf: SalesforceConfig): Promise<void> {
  const missing: string[] = [];
  const caseFields = await api.fieldNames('Case');
  for (const [key, name] of Object.entries(sf.fields ?? {})) if (!caseFields.has(name)) missing.push(`backend.fields.${key}: the org's Case has no field "${name}"`);
  for (const [key, name] of Object.entries(sf.feedbackFields ?? {})) if (name && !caseFields.has(name)) missing.push(`backend.feedbackFields.${key}: the org's Case has no field "${name}"`);
  if (typeof sf.customerMatch === 'object') {
    const contactFields = await api.fieldNames('Contact');
    if (!contactFields.has(sf.customerMatch.externalIdField)) missing.push(`backend.customerMatch.externalIdField: the org's Contact has no field "${sf.customerMatch.externalIdField}"`);
  }
  if (missing.length) throw new Error(`backend salesforce: ${missing.join('; ')} (renamed, deleted, or not visible to the connector's user?)`);
}
