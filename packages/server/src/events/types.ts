import type { AdapterEvent } from '@case-portal/core';
import type { Kysely } from 'kysely';
import type { Principal } from '../principal.js';

/**
 * Who may receive an event of a case: the same rule as reading the case (requester, linked
 * contacts, the account's supervisors, agents), evaluated in memory for every open stream.
 */
export interface CaseAudience {
  requesterId: string;
  accountId: string | null;
  contactIds: string[];
}

export interface PublishedEvent {
  tenant: string;
  caseId: string;
  audience: CaseAudience;
  /** As the contract sends it; a `message-added` carries the public message. */
  event: AdapterEvent;
  /** An internal note's event: agents only, never a customer or supervisor stream. */
  internal?: boolean;
}

export interface StoredEvent extends PublishedEvent {
  /** Monotonic per log, as a decimal string: the SSE `id:` and the polling cursor. */
  id: string;
  at: string;
}

export interface EventPage {
  events: StoredEvent[];
  /** Where to continue from (the last id, or "now" when there was nothing). */
  cursor: string;
  /** True when `afterId` is older than the log keeps: the client must reload instead of replaying. */
  reset: boolean;
}

/**
 * The event log and its fan-out. Writes `record` their events inside their own transaction (so an
 * acknowledged write always has its event) and `announce` them after the commit; listeners in
 * every process sharing the database hear them (PostgreSQL LISTEN/NOTIFY; in-process for SQLite).
 */
export interface EventHub {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  record(trx: Kysely<any>, events: PublishedEvent[]): Promise<StoredEvent[]>;
  announce(events: StoredEvent[]): void;
  /** Events of the tenant after `afterId` (null: none, cursor = now), oldest first, at most `limit`. */
  since(tenant: string, afterId: string | null, limit: number): Promise<EventPage>;
  /**
   * Every event of the tenant as it is announced, from any process, in id order. Resolves with
   * unlisten once registered: `fn` then hears every event after an id that is already committed, so
   * a log read started after it resolved (a stream's replay) leaves no hole before the live events.
   */
  listen(tenant: string, fn: (event: StoredEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}

/** The visibility rule for one stream: a pure function, so fan-out to 1,000 streams stays cheap. */
export type EventFilter = (principal: Principal, event: StoredEvent) => boolean;
