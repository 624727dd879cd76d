import type { Attachment, Message, MessageKind } from '@case-portal/core';

/**
 * Only messages explicitly marked public are ever shown: internal notes stay hidden even when an
 * adapter returns them by mistake (a missing flag counts as internal).
 */
export function isVisible(m: Message): boolean {
  return m.public === true;
}

/**
 * Merges pages and sent messages into one chronological list: deduplicated by id (the newer copy
 * wins), oldest first, arrival order breaking ties so equal timestamps keep the backend's order.
 */
export function mergeMessages(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  // Parsed once per message, not once per comparison: a thousand messages sort in a millisecond.
  const at = (m: Message) => {
    const t = Date.parse(m.createdAt);
    return Number.isNaN(t) ? 0 : t;
  };
  if (existing.length === 0 && inOrder(incoming, at)) return [...incoming];
  const byId = new Map<string, { m: Message; order: number; at: number }>();
  let order = 0;
  for (const m of existing) byId.set(m.id, { m, order: order++, at: at(m) });
  for (const m of incoming) {
    const prev = byId.get(m.id);
    byId.set(m.id, { m, order: prev ? prev.order : order++, at: at(m) });
  }
  return [...byId.values()].sort((a, b) => a.at - b.at || a.order - b.order).map((x) => x.m);
}

/** A first page as backends send it: oldest first, each id once. Then there is nothing to merge. */
function inOrder(list: readonly Message[], at: (m: Message) => number): boolean {
  const ids = new Set<string>();
  let last = -Infinity;
  for (const m of list) {
    const t = at(m);
    if (t < last || ids.has(m.id)) return false;
    last = t;
    ids.add(m.id);
  }
  return true;
}

export type OutgoingKind = 'comment' | 'complaint';
export type OutgoingState = 'sending' | 'failed';

/** A message the customer sent that the backend has not confirmed yet (optimistic), or that failed. */
export interface OutgoingMessage {
  /**
   * The idempotency key: one per distinct message (text + files), reused by every attempt to send
   * that same message, so a retry never duplicates; edited text goes under a new one.
   */
  key: string;
  /** The fingerprint of what went out under `key` (see core's keyForRequest). */
  sentAs?: string;
  kind: OutgoingKind;
  body: string;
  /** Files already uploaded that go with it. */
  attachments: Attachment[];
  state: OutgoingState;
  createdAt: string;
  /** What the user was shown when it failed. */
  error?: string;
  /** Retry waits until then (epoch ms): the backend asked to (a 429's Retry-After). */
  retryAt?: number | undefined;
}

/** What the conversation shows: everything, what was written in the portal, or emails. */
export type ThreadFilter = 'all' | 'comments' | 'emails';
export const THREAD_FILTERS: readonly ThreadFilter[] = ['all', 'comments', 'emails'];

/** Status events belong to "all" only; complaints are written like comments, so they count as comments. */
export function matchesFilter(kind: Message['kind'], filter: ThreadFilter): boolean {
  const kinds = filterKinds(filter);
  return !kinds || kinds.includes(kind);
}

/** What a filter asks the adapter for (MessageQuery.kinds); undefined for everything. */
export function filterKinds(filter: ThreadFilter): MessageKind[] | undefined {
  if (filter === 'emails') return ['email'];
  if (filter === 'comments') return ['comment', 'complaint'];
  return undefined;
}

/** Same text but for whitespace, which backends may normalise. */
export function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}
