import type { EventLog } from './event-log.js';
import type { HubLog } from './pg-listener.js';
import type { StoredEvent } from './types.js';

const READ_PAGE = 500;
const RETRY_READ_MS = 1_000;

/**
 * One tenant's live events in this process: its listeners and `delivered`, the id of the last
 * event they were all given. Events reach the listeners in id order without gaps from there on.
 *
 * The log is the truth; announcements and notifications only say "there is more". An announced
 * batch that continues exactly where `delivered` stands is handed out as it is (the common case: no
 * query at all); anything else (another process's commit, a batch that overtook an older one, a
 * reconnect) reads the log from `delivered`. Reads are coalesced: one at a time per tenant, and a
 * wake-up during a read makes the read go round once more.
 */
export class TenantFeed {
  readonly listeners = new Set<(event: StoredEvent) => void>();
  /** Resolves once `delivered` is known: listeners added after it hear every later event. */
  readonly ready: Promise<void>;
  private delivered = -1;
  private reading = false;
  private again = false;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tenant: string,
    private readonly log: EventLog,
    private readonly hubLog: () => HubLog,
  ) {
    this.ready = log.lastId(tenant).then((id) => {
      this.delivered = id;
      // Anything announced while we did not know where we stood is in the log: read it.
      if (this.again) void this.wake();
    });
  }

  /** Events this process committed (one write's batch, ids ascending). */
  announce(events: StoredEvent[]): void {
    if (this.delivered < 0) {
      this.again = true;
      return;
    }
    if (!this.reading && Number(events[0]!.id) === this.delivered + 1) {
      this.deliver(events);
      return;
    }
    if (Number(events[events.length - 1]!.id) > this.delivered) void this.wake();
  }

  /** Some process committed events up to `lastId`. */
  notified(lastId: number): void {
    if (this.delivered < 0) this.again = true;
    else if (lastId > this.delivered) void this.wake();
  }

  /** Reads the log from `delivered` until it is exhausted. */
  async wake(): Promise<void> {
    if (this.delivered < 0 || this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        let page: StoredEvent[];
        do {
          page = await this.log.read(this.tenant, this.delivered, READ_PAGE);
          if (this.closed) return;
          this.deliver(page);
        } while (page.length === READ_PAGE);
      } while (this.again && !this.closed);
    } catch (err) {
      // The database is away for a moment: listeners would otherwise wait for the next event.
      this.hubLog().error({ err, tenant: this.tenant }, 'event log read failed; retrying');
      clearTimeout(this.retry);
      this.retry = setTimeout(() => void this.wake(), RETRY_READ_MS);
      this.retry.unref();
    } finally {
      this.reading = false;
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
  }

  private deliver(events: StoredEvent[]): void {
    for (const e of events) {
      const id = Number(e.id);
      if (id <= this.delivered) continue;
      this.delivered = id;
      for (const listener of this.listeners) {
        try {
          listener(e);
        } catch (err) {
          this.hubLog().error({ err }, 'event listener failed');
        }
      }
    }
  }
}
