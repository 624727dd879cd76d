import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import { DEFAULT_RETENTION, EventLog, type Retention } from './event-log.js';
import { PgListener, silentLog, type HubLog } from './pg-listener.js';
import { TenantFeed } from './tenant-feed.js';
import type { EventHub, EventPage, PublishedEvent, StoredEvent } from './types.js';

/** The NOTIFY channel every process of one database LISTENs on. */
export const EVENTS_CHANNEL = 'case_portal_events';

export interface EventHubOptions {
  retention?: Partial<Retention>;
  /** How often this process prunes the log. Default 60 s. */
  pruneEveryMs?: number;
  /** The clock the log stamps and prunes by (tests). */
  now?: () => Date;
}

/**
 * The EventHub over the SQL event log (event-log.ts): `record` numbers and stores events inside the
 * write's transaction (and on PostgreSQL queues a NOTIFY there, which PostgreSQL sends only if and
 * when the write commits); `announce` hands this process's own commits to its listeners without a
 * query; other processes' commits arrive as notifications on one LISTEN connection per process
 * (pg-listener.ts) and are read from the log. SQLite has no notifications: there the hub serves the
 * process that writes, which is how SQLite is meant to be run (one server process per file).
 */
export class SqlEventHub implements EventHub {
  /** Where the hub reports trouble; the routes module hands it Fastify's logger. */
  log: HubLog = silentLog;
  private readonly eventLog: EventLog;
  private readonly feeds = new Map<string, TenantFeed>();
  private readonly retention: Retention;
  private readonly notifies: boolean;
  private listener: PgListener | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: EventHubOptions = {},
  ) {
    this.eventLog = new EventLog(database.db, options.now);
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.notifies = database.dialect === 'postgres';
  }

  /** Connects the LISTEN connection (PostgreSQL) and starts pruning. */
  async start(): Promise<void> {
    if (this.notifies) {
      if (!this.database.url) throw new Error('events: the PostgreSQL database was opened without its URL; the event hub needs it to LISTEN');
      this.listener = new PgListener({
        url: this.database.url,
        channel: EVENTS_CHANNEL,
        onNotify: (payload) => this.onNotify(payload),
        onReconnect: () => {
          for (const feed of this.feeds.values()) void feed.wake();
        },
        log: () => this.log,
      });
      await this.listener.start();
    }
    this.pruneTimer = setInterval(() => void this.prune(), this.options.pruneEveryMs ?? 60_000);
    this.pruneTimer.unref();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async record(trx: Kysely<any>, events: PublishedEvent[]): Promise<StoredEvent[]> {
    const stored = await this.eventLog.append(trx as Kysely<Tables>, events);
    if (this.notifies) {
      const last = new Map<string, string>();
      for (const e of stored) last.set(e.tenant, e.id);
      // Sent by PostgreSQL at commit, in commit order, and never for a write that rolls back.
      for (const [tenant, id] of last) await sql`select pg_notify(${EVENTS_CHANNEL}, ${`${id}:${tenant}`})`.execute(trx);
    }
    return stored;
  }

  announce(events: StoredEvent[]): void {
    const byTenant = new Map<string, StoredEvent[]>();
    for (const e of events) byTenant.set(e.tenant, [...(byTenant.get(e.tenant) ?? []), e]);
    for (const [tenant, batch] of byTenant) this.feeds.get(tenant)?.announce(batch);
  }

  since(tenant: string, afterId: string | null, limit: number): Promise<EventPage> {
    return this.eventLog.page(tenant, afterId, limit);
  }

  /**
   * Registers `fn` for the tenant's events. Resolves once it is registered: from then on `fn` hears
   * every event after some id that is already committed, so a caller that reads the log after
   * this resolved (a stream's replay) misses nothing between the two.
   */
  async listen(tenant: string, fn: (event: StoredEvent) => void): Promise<() => void> {
    for (;;) {
      let feed = this.feeds.get(tenant);
      if (!feed) {
        feed = new TenantFeed(tenant, this.eventLog, () => this.log);
        this.feeds.set(tenant, feed);
      }
      const mine = feed;
      try {
        await mine.ready;
      } catch (e) {
        // The database was away: let the next listen try again.
        if (this.feeds.get(tenant) === mine && !mine.listeners.size) this.drop(tenant, mine);
        throw e;
      }
      // Its last listener left while we waited: that feed is closed, take a fresh one.
      if (this.feeds.get(tenant) !== mine) continue;
      mine.listeners.add(fn);
      return () => {
        mine.listeners.delete(fn);
        if (!mine.listeners.size && this.feeds.get(tenant) === mine) this.drop(tenant, mine);
      };
    }
  }

  /** Removes what retention no longer keeps (every process does it; the deletes are idempotent). */
  async prune(): Promise<number> {
    try {
      return await this.eventLog.prune(this.retention);
    } catch (err) {
      this.log.error({ err }, 'event log pruning failed');
      return 0;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pruneTimer);
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
    await this.listener?.close();
  }

  private drop(tenant: string, feed: TenantFeed): void {
    feed.close();
    this.feeds.delete(tenant);
  }

  private onNotify(payload: string): void {
    const colon = payload.indexOf(':');
    const lastId = Number(payload.slice(0, colon));
    const tenant = payload.slice(colon + 1);
    if (colon > 0 && Number.isFinite(lastId)) this.feeds.get(tenant)?.notified(lastId);
  }
}

/** The hub for a database, started: on PostgreSQL its LISTEN connection is up when this resolves. */
export async function openEventHub(database: Database, options: EventHubOptions = {}): Promise<SqlEventHub> {
  const hub = new SqlEventHub(database, options);
  await hub.start();
  return hub;
}
