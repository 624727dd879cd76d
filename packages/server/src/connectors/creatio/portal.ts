import type { PortalSchema, StatusDef } from '@case-portal/core';
import type { CrStatus } from './api.js';
import { DEFAULT_MAX_UPLOAD_BYTES, type CreatioConfig } from './config.js';

/**
 * The portal statuses on Creatio. Creatio's case statuses are a lookup each company edits
 * (CaseStatus), so the portal shows these six and the connector maps every Creatio status onto one
 * of them from the lookup's own flags (see `defaultPortalStatus`), or from the admin's `statusMap`.
 */
export const CREATIO_PORTAL_STATUSES: StatusDef[] = [
  { id: 'new', label: 'New', category: 'new' },
  { id: 'open', label: 'In progress', category: 'open' },
  { id: 'pending', label: 'Awaiting your reply', category: 'pending-customer' },
  { id: 'resolved', label: 'Resolved', category: 'resolved' },
  { id: 'closed', label: 'Closed', category: 'closed' },
  { id: 'canceled', label: 'Canceled', category: 'canceled' },
];

/**
 * A Creatio status's portal status from the CaseStatus flags: final and resolved → closed; final
 * only → canceled; resolved → resolved; paused (the SLA clock stops: waiting for the customer) →
 * pending; Creatio's "New" → new; anything else (In progress, Reopened, a company's own) → open.
 */
export function defaultPortalStatus(s: CrStatus): string {
  if (s.IsFinal) return s.IsResolved ? 'closed' : 'canceled';
  if (s.IsResolved) return 'resolved';
  if (s.IsPaused) return 'pending';
  if ((s.Name ?? '').trim().toLowerCase() === 'new') return 'new';
  return 'open';
}

/** Built-in columns, filters and sorts the connector answers (besides mapped custom fields). */
const BUILTIN_KEYS = new Set(['view', 'number', 'subject', 'status', 'origin', 'priority', 'createdAt', 'updatedAt', 'owner', 'requester', 'account']);

/** Creatio's out-of-the-box CasePriority and CaseOrigin names, as portal values (lower case). */
export const CREATIO_PRIORITIES = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];
export const CREATIO_ORIGINS = [
  { value: 'portal', label: 'Portal' },
  { value: 'email', label: 'E-mail' },
  { value: 'call', label: 'Call' },
  { value: 'chat', label: 'Chat' },
];

/**
 * The schema the server describes on Creatio: the admin's portal with what Creatio decides put
 * over it, so the UI never offers what the connector cannot do:
 * - statuses: the six above; a customer closes as Resolved (reopen stays possible, as on Creatio's
 *   own portal) or Closed (final), cancels as Canceled; a Resolved case reopens ("Reopened", or
 *   the first status that maps to open).
 * - feedback: the case's SatisfactionLevel (the lookup's Point 1–5) and SatisfactionLevelComment.
 * - complain: Creatio has no complaint on a case for portal users: off.
 * - people copied on a case: Creatio's case has one contact; off (no "linked" view).
 * - categories and services: off (CaseCategory and ServiceItem differ per company; map them as
 *   custom fields if needed). Priorities: CasePriority by name, editable.
 * - files: CaseFile records with their Data, up to `maxUploadBytes` (Creatio's MaxFileSize).
 */
export function creatioPortal(portal: PortalSchema, c: CreatioConfig): PortalSchema {
  const mapped = new Set(Object.keys(c.fields ?? {}));
  const fields = portal.fields.filter((f) => mapped.has(f.key));
  const known = (k: string) => BUILTIN_KEYS.has(k.replace(/\?$/, '')) || mapped.has(k.replace(/\?$/, ''));
  return {
    ...portal,
    statuses: CREATIO_PORTAL_STATUSES.map((s) => ({ ...s })),
    origins: CREATIO_ORIGINS.map((o) => ({ ...o })),
    priorities: CREATIO_PRIORITIES.map((p) => ({ ...p })),
    categories: [],
    services: [],
    fields,
    editableBuiltins: ['priority'],
    columns: portal.columns.filter(known),
    filters: portal.filters.filter(known),
    sortable: portal.sortable.filter(known),
    views: portal.views.filter((v) => v !== 'linked'),
    closeStatuses: ['resolved', 'closed'],
    closeReasons: [],
    cancelStatus: 'canceled',
    reopenStatus: 'open',
    reopen: { fromCategories: ['resolved'], windowHours: 0, maxCount: 0 },
    stages: portal.stages.filter((s) => s.categories.length),
    features: { ...portal.features, complain: false },
    limits: { ...portal.limits, maxAttachmentBytes: Math.min(portal.limits.maxAttachmentBytes, c.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES) },
    participants: null,
  };
}
