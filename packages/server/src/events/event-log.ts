import type { AdapterEvent } from '@case-portal/core';
import type { Kysely } from 'kysely';
import type { EventRow, Tables } from '../db/tables.js';
import type { EventPage, PublishedEvent, StoredEvent } from './types.js';

/** How long the log keeps events: a client whose cursor is older gets `reset` and reloads. */
export interface Retention {
  maxAgeMs: number;
  /** At most this many of a tenant's newest events are kept. */
  maxPerTenant: number;
}

export const DEFAULT_RETENTION: Retention = { maxAgeMs: 24 * 3_600_000, maxPerTenant: 20_000 };

/** The `sequences` row that numbers a tenant's events. */
const COUNTER = 'events';

/** A cursor as the contract carries it: the decimal id of an event (0 before the first). */
export function parseCursor(cursor: string): number | null {
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : null;
}

/**
 * The event log in SQL, on SQLite and PostgreSQL alike.
 *
 * Ids: `append` raises the tenant's counter row by the number of events with an UPDATE inside the
 * write's transaction. The row stays locked until that transaction ends, so a second writer of the
 * tenant waits for the first one's commit before it even learns its ids: ids are handed out in
 * commit order, and a rolled-back write rolls its ids back with it, so a tenant's ids have no gaps.
 * (A PostgreSQL sequence would number in insert order: a reader at cursor N could then pass event
 * N-1 that commits a moment later, and never see it.) PostgreSQL makes a commit visible before it
 * releases its locks, so whoever gets id N+1 already sees N. On SQLite every write is serialized anyway.
 *
 * Because ids have no gaps, a reader knows exactly when something is missing: the first id after its
 * cursor is not cursor + 1 (or the counter is ahead while the log is empty) means retention removed
 * it, and the answer is `reset`.
 */
export class EventLog {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Numbers and stores the events inside `trx`; returns them as stored, oldest first. */
  async append(trx: Kysely<Tables>, events: PublishedEvent[]): Promise<StoredEvent[]> {
    const byTenant = new Map<string, PublishedEvent[]>();
    for (const e of events) byTenant.set(e.tenant, [...(byTenant.get(e.tenant) ?? []), e]);
    const at = this.now().toISOString();
    const stored: StoredEvent[] = [];
    // Counters are locked in one order (by tenant name), so two multi-tenant writes cannot deadlock.
    for (const tenant of [...byTenant.keys()].sort()) {
      const group = byTenant.get(tenant)!;
      await trx.insertInto('sequences').values({ tenant, name: COUNTER, next_value: 1 }).onConflict((oc) => oc.columns(['tenant', 'name']).doNothing()).execute();
      const counter = await trx
        .updateTable('sequences')
        .set((eb) => ({ next_value: eb('next_value', '+', group.length) }))
        .where('tenant', '=', tenant)
        .where('name', '=', COUNTER)
        .returning('next_value')
        .executeTakeFirstOrThrow();
      const first = Number(counter.next_value) - group.length;
      const rows = group.map((e, i) => toRow(e, first + i, at));
      await trx.insertInto('events').values(rows).execute();
      stored.push(...rows.map(fromRow));
    }
    return stored;
  }

  /** The id of the tenant's newest committed event (0 when it has none): "now" as a cursor. */
  async lastId(tenant: string): Promise<number> {
    const row = await this.db.selectFrom('sequences').select('next_value').where('tenant', '=', tenant).where('name', '=', COUNTER).executeTakeFirst();
    return row ? Number(row.next_value) - 1 : 0;
  }

  /** Up to `limit` events of the tenant after `afterId`, oldest first, as the log holds them. */
  async read(tenant: string, afterId: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('tenant', '=', tenant).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(fromRow);
  }

  /** A page for a reader at `afterId` (null: none yet, answer "now"), with `reset` when the log lost events it needs. */
  async page(tenant: string, afterId: string | null, limit: number): Promise<EventPage> {
    // The counter first, the rows after: anything the counter counts is committed, so rows missing
    // below it were removed, not "not yet visible".
    const last = await this.lastId(tenant);
    const reset = (): EventPage => ({ events: [], cursor: String(last), reset: true });
    if (afterId === null) return { events: [], cursor: String(last), reset: false };
    const after = parseCursor(afterId);
    // A cursor this log never handed out (another database, a restored backup): start over.
    if (after === null || after > last) return reset();
    if (after === last) return { events: [], cursor: String(last), reset: false };
    const events = await this.read(tenant, after, limit);
    if (!events.length || Number(events[0]!.id) !== after + 1) return reset();
    return { events, cursor: events[events.length - 1]!.id, reset: false };
  }

  /** Deletes what retention no longer keeps; returns how many events went. */
  async prune(retention: Retention): Promise<number> {
    const cutoff = new Date(this.now().getTime() - retention.maxAgeMs).toISOString();
    let removed = Number((await this.db.deleteFrom('events').where('at', '<', cutoff).executeTakeFirst()).numDeletedRows);
    const counters = await this.db.selectFrom('sequences').select(['tenant', 'next_value']).where('name', '=', COUNTER).execute();
    for (const c of counters) {
      const keepFrom = Number(c.next_value) - retention.maxPerTenant;
      if (keepFrom <= 1) continue;
      const r = await this.db.deleteFrom('events').where('tenant', '=', c.tenant).where('id', '<', keepFrom).executeTakeFirst();
      removed += Number(r.numDeletedRows);
    }
    return removed;
  }
}

function toRow(e: PublishedEvent, id: number, at: string): EventRow {
  return {
    tenant: e.tenant,
    id,
    case_id: e.caseId,
    at,
    requester_id: e.audience.requesterId,
    account_id: e.audience.accountId,
    contact_ids: JSON.stringify(e.audience.contactIds),
    internal: e.internal ? 1 : 0,
    event: JSON.stringify(e.event),
  };
}

function fromRow(r: EventRow): StoredEvent {
  const stored: StoredEvent = {
    id: String(Number(r.id)),
    at: r.at,
    tenant: r.tenant,
    caseId: r.case_id,
    audience: { requesterId: r.requester_id, accountId: r.account_id, contactIds: JSON.parse(r.contact_ids) as string[] },
    event: JSON.parse(r.event) as AdapterEvent,
  };
  if (r.internal) stored.internal = true;
  return stored;
}
