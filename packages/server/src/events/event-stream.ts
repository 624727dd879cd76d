import type { Principal } from '../principal.js';
import { commentFrame, eventFrame, frameOf, heartbeatFrame, readyFrame, resetFrame } from './sse-frames.js';
import type { EventFilter, EventHub, StoredEvent } from './types.js';

/** Where a stream's text goes: the HTTP response, behind routes/event-routes.ts. */
export interface StreamSink {
  /** Writes a chunk; false when the client reads too slowly and the stream must be dropped. */
  write(chunk: string): boolean;
  /** Ends the response, called once: `drop` when the client was too slow (cut it, keep nothing buffered). */
  end(drop: boolean): void;
}

export interface EventStreamOptions {
  hub: Pick<EventHub, 'listen' | 'since'>;
  principal: Principal;
  /** Only this case's events (already checked readable by the route). */
  caseId: string | null;
  filter: EventFilter;
  sink: StreamSink;
  heartbeatMs: number;
  retryMs: number;
  /** Called once when the stream is over, whoever ended it. */
  onEnd: () => void;
  /**
   * The viewer's copy of an event where it differs from everyone's (attachment URLs signed for
   * them); the same object when it does not, so the shared frame is used.
   */
  personalize?: (event: StoredEvent['event']) => StoredEvent['event'];
}

/** A log read's page while catching up. */
const PAGE = 500;
/** Live events held while the log is read; beyond this they are dropped and read from the log. */
const MAX_HELD = 1_000;

/**
 * One open event stream: replays the log after the client's Last-Event-ID, then follows the
 * hub's live events, in id order, filtered for its viewer.
 *
 * `cursor` is the id of the last event the stream has passed (sent, or skipped as not this
 * viewer's). Live events that continue at cursor + 1 are written at once; while the log is being
 * read they are held, and a hole (held events overflowed, or one arrives out of step) is filled
 * from the log, which is the truth. So the client sees each of its events once, in order.
 */
export class EventStream {
  private cursor = 0;
  /** The id the client last received in an `id:` line. */
  private sentId = 0;
  private reading = true;
  private held: StoredEvent[] = [];
  private overflowed = false;
  private ended = false;
  private unlisten: (() => void) | null = null;

  constructor(private readonly o: EventStreamOptions) {}

  get open(): boolean {
    return !this.ended;
  }

  /** Starts after the client's Last-Event-ID (a cursor the route checked), or from now without one. */
  async start(lastEventId: string | null): Promise<void> {
    const { hub, principal } = this.o;
    try {
      const unlisten = await hub.listen(principal.tenant, (e) => this.onLive(e));
      if (this.ended) {
        unlisten();
        return;
      }
      this.unlisten = unlisten;
      if (lastEventId === null) {
        this.cursor = Number((await hub.since(principal.tenant, null, 1)).cursor);
        if (!this.write(readyFrame(this.cursor, this.o.heartbeatMs, this.o.retryMs))) return;
        this.sentId = this.cursor;
      } else {
        this.cursor = Number(lastEventId);
        if (!this.write(readyFrame(this.cursor, this.o.heartbeatMs, this.o.retryMs))) return;
        this.sentId = this.cursor;
      }
      await this.catchUp();
    } catch {
      // The log could not be read: end, and the client comes back with its Last-Event-ID.
      this.end('the event log is not available');
    }
  }

  /** The periodic comment (stream-set.ts calls it for every open stream at once). */
  heartbeat(): void {
    if (this.ended) return;
    const advance = !this.reading && this.cursor > this.sentId ? this.cursor : null;
    if (this.write(heartbeatFrame(advance)) && advance !== null) this.sentId = advance;
  }

  /** Ends the stream with a comment saying why (token expired, server stopping). */
  end(reason: string): void {
    if (this.ended) return;
    this.o.sink.write(commentFrame(reason));
    this.close();
  }

  /** The client went away, or is dropped: release everything, once. */
  close(drop = false): void {
    if (this.ended) return;
    this.ended = true;
    this.held = [];
    this.unlisten?.();
    this.unlisten = null;
    this.o.sink.end(drop);
    this.o.onEnd();
  }

  private onLive(e: StoredEvent): void {
    if (this.ended) return;
    if (this.reading) {
      if (this.held.length < MAX_HELD) this.held.push(e);
      else this.overflowed = true;
      return;
    }
    const id = Number(e.id);
    if (id <= this.cursor) return;
    if (id === this.cursor + 1) this.pass(e);
    else {
      this.held.push(e);
      void this.catchUp();
    }
  }

  /** Reads the log from `cursor` until it and the held live events meet without a hole. */
  private async catchUp(): Promise<void> {
    this.reading = true;
    try {
      for (;;) {
        const page = await this.o.hub.since(this.o.principal.tenant, String(this.cursor), PAGE);
        if (this.ended) return;
        if (page.reset) {
          this.cursor = Number(page.cursor);
          if (!this.write(resetFrame(this.cursor))) return;
          this.sentId = this.cursor;
        }
        for (const e of page.events) if (!this.pass(e)) return;
        if (page.events.length === PAGE) continue;
        const held = this.held;
        const overflowed = this.overflowed;
        this.held = [];
        this.overflowed = false;
        if (overflowed) continue;
        let hole = false;
        for (const e of held) {
          const id = Number(e.id);
          if (id <= this.cursor) continue;
          if (id !== this.cursor + 1) {
            hole = true;
            break;
          }
          if (!this.pass(e)) return;
        }
        if (!hole) break;
      }
      this.reading = false;
    } catch {
      this.end('the event log is not available');
    }
  }

  /** Moves past one event, writing it when this viewer may see it; false when the stream ended. */
  private pass(e: StoredEvent): boolean {
    this.cursor = Number(e.id);
    const { caseId, filter, principal } = this.o;
    if ((caseId !== null && e.caseId !== caseId) || !filter(principal, e)) return true;
    const own = this.o.personalize?.(e.event) ?? e.event;
    if (!this.write(own === e.event ? eventFrame(e) : frameOf(e.id, own))) return false;
    this.sentId = this.cursor;
    return true;
  }

  private write(chunk: string): boolean {
    if (this.ended) return false;
    if (this.o.sink.write(chunk)) return true;
    // Too slow a reader: drop it rather than buffer without bound. It reconnects with its Last-Event-ID.
    this.close(true);
    return false;
  }
}
