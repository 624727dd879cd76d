import type { EventHub } from '../../events/types.js';
import type { ConnectorState } from '../connector-state.js';
import { PollLoop } from '../poll-loop.js';
import type { VendorLog } from '../vendor-http.js';
import type { ZendeskApi } from './api.js';
import { accountIdOf, caseIdOf, personIdOf } from './mapping.js';

/**
 * Live updates from Zendesk: the cursor-based incremental ticket export
 * (https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/),
 * polled by one loop per tenant, feeds the server's event hub with a `case-changed` for every
 * ticket whose `updated_at` differs from the stamp the portal last saw (its own writes are already
 * announced by the backend, and their stamps stored). The first poll starts a minute before "now":
 * older changes are what the lists already show. The cursor is kept in the server's database.
 */
export function zendeskPoller(opts: { api: ZendeskApi; state: ConnectorState; hub: EventHub; tenant: string; intervalMs: number; log: VendorLog; now?: () => Date }): PollLoop {
  const { api, state, hub, tenant } = opts;
  const tick = async () => {
    let cursor = await state.cursor(tenant);
    for (let pages = 0; pages < 20; pages++) {
      // Zendesk wants a start_time at least a minute in the past (its export leaves out the last minute).
      const from = cursor ? { cursor } : { startTime: Math.floor((opts.now?.() ?? new Date()).getTime() / 1000) - 60 };
      const page = await api.exportTickets(from);
      const events = [];
      for (const t of page.tickets ?? []) {
        if (typeof t.id !== 'number' || typeof t.requester_id !== 'number') continue;
        const stamp = t.updated_at ?? '';
        if ((await state.stampOf(tenant, String(t.id))) === stamp) continue;
        // The version moves now, so the reload the event triggers sees a new one.
        await state.versionOf(tenant, String(t.id), stamp);
        const caseId = caseIdOf(t.id);
        const audience = { requesterId: personIdOf(t.requester_id), accountId: t.organization_id ? accountIdOf(t.organization_id) : null, contactIds: (t.collaborator_ids ?? []).map(personIdOf) };
        events.push({ tenant, caseId, audience, event: { type: 'case-changed' as const, caseId } });
      }
      if (events.length) hub.announce(await hub.record(state.db, events));
      if (page.after_cursor) {
        cursor = page.after_cursor;
        await state.saveCursor(tenant, cursor);
      }
      if (page.end_of_stream || !page.after_cursor) break;
    }
  };
  return new PollLoop(`zendesk:${tenant}`, opts.intervalMs, tick, opts.log);
}
