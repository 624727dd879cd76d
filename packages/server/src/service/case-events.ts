import type { CaseRecord, Message } from '@case-portal/core';
import type { CaseAudience, PublishedEvent } from '../events/types.js';

/** Who may receive a case's events: the people who may read it (the hub filters per stream). */
export function audienceOf(c: CaseRecord): CaseAudience {
  return { requesterId: c.requester.id, accountId: c.account?.id ?? null, contactIds: (c.contacts ?? []).map((p) => p.id) };
}

/** "This case changed": readers reload it. The store fills in the tenant. */
export function caseChanged(c: CaseRecord): PublishedEvent {
  return { tenant: '', caseId: c.id, audience: audienceOf(c), event: { type: 'case-changed', caseId: c.id } };
}

/** A new message; an internal note's event is marked so that only agents' streams receive it. */
export function messageAdded(c: CaseRecord, m: Message): PublishedEvent {
  return { tenant: '', caseId: c.id, audience: audienceOf(c), event: { type: 'message-added', caseId: c.id, message: m }, internal: !m.public };
}
