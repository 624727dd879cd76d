import type { EventFilter } from './types.js';

/**
 * Who receives an event: the rule that reads a case (store/case-scope.ts), over the audience the
 * event carries instead of the cases table. Agents get everything of their tenant, internal notes
 * included; everyone else gets the public events of cases they requested or are linked to, and a
 * supervisor also those of their account's cases. Pure and allocation-free: it runs once per event
 * per open stream.
 */
export const canSee: EventFilter = (principal, event) => {
  if (event.tenant !== principal.tenant) return false;
  if (principal.role === 'agent') return true;
  if (event.internal) return false;
  const audience = event.audience;
  if (audience.requesterId === principal.personId) return true;
  if (audience.contactIds.includes(principal.personId)) return true;
  return principal.role === 'supervisor' && principal.accountId !== null && audience.accountId === principal.accountId;
};
