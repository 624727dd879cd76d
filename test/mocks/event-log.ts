/**
 * The server side of GET /events and GET /events/stream: an append-only log with a sequence number
 * as the cursor (and as the stream's event id).
 * Writes made through the HTTP handlers are recorded here; events the backing adapter raises
 * on its own (simulated agent replies, other tabs) are recorded through its subscribe(), with
 * duplicates dropped so a client never sees one message twice.
 */
import type { AdapterEvent, CaseAdapter } from '@case-portal/core';

export interface LogEntry {
  seq: number;
  event: AdapterEvent;
}

/** Keep the log bounded: a poller that fell this far behind reloads anyway. */
const MAX_ENTRIES = 500;

export class EventLog {
  #seq = 0;
  #entries: LogEntry[] = [];
  #seenMessages = new Set<string>();
  #unsubscribe: (() => void) | null = null;
  #listeners = new Set<(entry: LogEntry) => void>();

  constructor(adapter?: CaseAdapter) {
    if (adapter?.subscribe) this.#unsubscribe = adapter.subscribe({}, (e) => this.record(e));
  }

  get cursor(): string {
    return String(this.#seq);
  }

  /**
   * A write made through HTTP. Ignored when the adapter reports its own writes through subscribe()
   * (the memory adapter does), so each change is logged once.
   */
  recordWrite(event: AdapterEvent): void {
    if (!this.#unsubscribe) this.record(event);
  }

  record(event: AdapterEvent): void {
    if (event.type === 'message-added') {
      if (this.#seenMessages.has(event.message.id)) return;
      this.#seenMessages.add(event.message.id);
    } else {
      const last = this.#entries[this.#entries.length - 1]?.event;
      if (last?.type === 'case-changed' && last.caseId === event.caseId) return;
    }
    const entry = { seq: ++this.#seq, event };
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
    for (const listener of [...this.#listeners]) listener(entry);
  }

  /** Every entry as it is recorded (the event stream's live part). Returns unlisten. */
  listen(fn: (entry: LogEntry) => void): () => void {
    this.#listeners.add(fn);
    return () => void this.#listeners.delete(fn);
  }

  /** The entries after `since`, oldest first (the event stream's replay). */
  entriesAfter(since: number): LogEntry[] {
    return this.#entries.filter((e) => e.seq > since);
  }

  /** True when the log no longer holds every event after `since` (or never handed it out): answer `reset`. */
  lost(since: number): boolean {
    const first = this.#entries[0]?.seq ?? this.#seq + 1;
    return since > this.#seq || since < first - 1;
  }

  /** Drops all but the newest `keep` entries, as a server's retention would (tests of `reset`). */
  forget(keep: number): void {
    this.#entries.splice(0, Math.max(0, this.#entries.length - keep));
  }

  /** Events after `since` (a cursor from an earlier answer), optionally for one case. */
  since(since: number, caseId?: string | null): AdapterEvent[] {
    return this.#entries.filter((e) => e.seq > since && (!caseId || e.event.caseId === caseId)).map((e) => e.event);
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
