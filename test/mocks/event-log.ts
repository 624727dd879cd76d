/**
 * The server side of GET /events: an append-only log with a sequence number as the cursor.
 * Writes made through the HTTP handlers are recorded here; events the backing adapter raises
 * on its own (simulated agent replies, other tabs) are recorded through its subscribe(), with
 * duplicates dropped so a client never sees one message twice.
 */
import type { AdapterEvent, CaseAdapter } from '@case-portal/core';

interface Entry {
  seq: number;
  event: AdapterEvent;
}

/** Keep the log bounded: a poller that fell this far behind reloads anyway. */
const MAX_ENTRIES = 500;

export class EventLog {
  #seq = 0;
  #entries: Entry[] = [];
  #seenMessages = new Set<string>();
  #unsubscribe: (() => void) | null = null;

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
    this.#entries.push({ seq: ++this.#seq, event });
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
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
