import type { EventHub } from '../../events/types.js';
import type { ConnectorState } from '../connector-state.js';
import { PollLoop } from '../poll-loop.js';
import type { VendorLog } from '../vendor-http.js';
import type { CreatioApi, CrCase } from './api.js';
import { accountIdOf, caseIdOf, personIdOf } from './mapping.js';

/**
 * Live updates from Creatio: one loop per tenant reads the cases whose ModifiedOn is at or after
 * its cursor (`$filter=ModifiedOn ge …&$orderby=ModifiedOn asc`, paged), and feeds the event hub a
 * `case-changed` for each case whose stamp differs from the one the portal last saw (its own
 * writes are announced by the backend and their stamps stored). The first poll starts a minute
 * before "now"; the cursor is kept in the server's database.
 */
export function creatioPoller(opts: { api: CreatioApi; state: ConnectorState; hub: EventHub; tenant: string; intervalMs: number; log: VendorLog; now?: () => Date }): PollLoop {
  const { api, state, hub, tenant } = opts;
  const tick = async () => {
    const cursor = (await state.cursor(tenant)) ?? new Date((opts.now?.() ?? new Date()).getTime() - 60_000).toISOString();
    const changed = await api.all<CrCase>('Case', { filter: `ModifiedOn ge ${cursor}`, select: ['Id', 'ContactId', 'AccountId', 'ModifiedOn'], orderby: 'ModifiedOn asc' }, 2_000);
    const events = [];
    let newest = cursor;
    for (const c of changed) {
      if (typeof c.Id !== 'string' || typeof c.ModifiedOn !== 'string') continue;
      if (c.ModifiedOn > newest) newest = c.ModifiedOn;
      if ((await state.stampOf(tenant, c.Id)) === c.ModifiedOn) continue;
      // The version moves now, so the reload the event triggers sees a new one.
      await state.versionOf(tenant, c.Id, c.ModifiedOn);
      const caseId = caseIdOf(c.Id);
      const audience = { requesterId: personIdOf(c.ContactId ?? ''), accountId: c.AccountId ? accountIdOf(c.AccountId) : null, contactIds: [] };
      events.push({ tenant, caseId, audience, event: { type: 'case-changed' as const, caseId } });
    }
    if (events.length) hub.announce(await hub.record(state.db, events));
    // `ge`, not `gt`: a case changed again within the same instant is read again, never missed.
    if (newest !== cursor) await state.saveCursor(tenant, newest);
  };
  return new PollLoop(`creatio:${tenant}`, opts.intervalMs, tick, opts.log);
}
