import type { AuthorRole, CaseRecord, CaseStatus, MessageKind, PersonRef, PortalSchema } from './model.js';

/** Who writes what a rule did rather than a person (a case handed back, a request acknowledged). */
export const SYSTEM_AUTHOR: PersonRef & { role: AuthorRole } = { id: 'system', name: 'Support', role: 'system' };

/**
 * Where a customer's message takes the case: a comment on a case awaiting the customer
 * (`pending-customer`) hands it back to support, to the schema's first `pending-agent` status, as
 * service desks do; otherwise null, the case keeps its status. A schema without such a status (a
 * vendor's help desk moves its own tickets) keeps it too. One rule for every backend: the memory
 * adapter and the case server both apply it.
 */
export function statusAfterCustomerMessage(c: CaseRecord, schema: PortalSchema, kind: MessageKind): CaseStatus | null {
  if (kind !== 'comment' || c.status.category !== 'pending-customer') return null;
  return schema.statuses.find((s) => s.category === 'pending-agent') ?? null;
}
