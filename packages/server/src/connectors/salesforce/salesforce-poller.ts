import type { EventHub, PublishedEvent } from '../../events/types.js';
import type { ConnectorState } from '../connector-state.js';
import { PollLoop } from '../poll-loop.js';
import type { VendorLog } from '../vendor-http.js';
import type { SalesforceApi, SfRecord } from './api.js';
import { accountIdOf, caseIdOf, personIdOf } from './mapping.js';
import type { PortalNotes } from './portal-notes.js';
import { soqlDateTime, soqlIdList } from './soql.js';

interface Changed extends SfRecord {
  SystemModstamp?: string;
}
interface ChangedCase extends Changed {
  ContactId?: string | null;
  AccountId?: string | null;
}

const BATCH = 200;

/**
 * Live updates from Salesforce: one loop per tenant asks, by SOQL on `SystemModstamp` (the REST
 * API's "Get Updated" needs a time window of whole minutes; a SOQL window is exact), which Cases
 * and which public thread entries (CaseComment with IsPublished, or FeedItem) changed since the
 * cursor, and feeds the event hub a `case-changed` for each Case whose stamp differs from the one
 * the portal last saw (its own writes are announced by the backend and their stamps stored; the
 * portal's own comments carry a note and are skipped). The window is inclusive (stamps have
 * one-second resolution), and records already seen at their stamp are skipped. The cursor (the
 * newest stamp seen) is kept in the server's database; the first poll starts at "now".
 */
export function salesforcePoller(opts: { api: SalesforceApi; state: ConnectorState; notes: PortalNotes; hub: EventHub; tenant: string; intervalMs: number; thread: 'CaseComment' | 'FeedItem'; log: VendorLog; now?: () => Date }): PollLoop {
  const { api, state, hub, tenant, notes } = opts;
  const tick = async () => {
    const cursor = (await state.cursor(tenant)) ?? soqlDateTime(opts.now?.() ?? new Date());
    const since = soqlDateTime(new Date(cursor));
    let newest = cursor;
    const seen = (stamp: string | undefined) => {
      if (stamp && Date.parse(stamp) > Date.parse(newest)) newest = new Date(stamp).toISOString();
    };
    const cases = await api.query<ChangedCase>(`SELECT Id, ContactId, AccountId, SystemModstamp FROM Case WHERE SystemModstamp >= ${since} ORDER BY SystemModstamp ASC LIMIT ${BATCH}`, BATCH);
    const changed = new Map<string, ChangedCase>();
    for (const c of cases) {
      seen(c.SystemModstamp);
      const stamp = c.SystemModstamp ?? '';
      if ((await state.stampOf(tenant, c.Id)) === stamp) continue;
      // The version moves now, so the reload the event triggers sees a new one.
      await state.versionOf(tenant, c.Id, stamp);
      changed.set(c.Id, c);
    }
    const entries =
      opts.thread === 'CaseComment'
        ? await api.query<Changed & { ParentId: string }>(`SELECT Id, ParentId, SystemModstamp FROM CaseComment WHERE SystemModstamp >= ${since} AND IsPublished = true ORDER BY SystemModstamp ASC LIMIT ${BATCH}`, BATCH)
        : await api.query<Changed & { ParentId: string }>(`SELECT Id, ParentId, SystemModstamp FROM FeedItem WHERE SystemModstamp >= ${since} AND Visibility = 'AllUsers' ORDER BY SystemModstamp ASC LIMIT ${BATCH}`, BATCH);
    const ours = await notes.get(tenant, entries.map((e) => e.Id));
    const parents = new Set<string>();
    for (const e of entries) {
      seen(e.SystemModstamp);
      if (ours.has(e.Id) || typeof e.ParentId !== 'string' || !e.ParentId.startsWith('500')) continue;
      if ((await state.stampOf(tenant, e.Id)) === (e.SystemModstamp ?? '')) continue;
      await state.put(tenant, e.Id, e.SystemModstamp ?? '', 1);
      if (!changed.has(e.ParentId)) parents.add(e.ParentId);
    }
    if (parents.size) {
      for (const c of await api.query<ChangedCase>(`SELECT Id, ContactId, AccountId, SystemModstamp FROM Case WHERE Id IN ${soqlIdList([...parents])}`)) changed.set(c.Id, c);
    }
    const events: PublishedEvent[] = [];
    for (const c of changed.values()) {
      if (!c.ContactId) continue;
      const caseId = caseIdOf(c.Id);
      const audience = { requesterId: personIdOf(c.ContactId), accountId: c.AccountId ? accountIdOf(c.AccountId) : null, contactIds: [] };
      events.push({ tenant, caseId, audience, event: { type: 'case-changed', caseId } });
    }
    if (events.length) hub.announce(await hub.record(state.db, events));
    if (newest !== cursor || !(await state.cursor(tenant))) await state.saveCursor(tenant, newest);
  };
  return new PollLoop(`salesforce:${tenant}`, opts.intervalMs, tick, opts.log);
}
