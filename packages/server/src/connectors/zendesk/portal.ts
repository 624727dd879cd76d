import type { PortalSchema, StatusDef } from '@case-portal/core';
import type { ZendeskConfig } from './config.js';
import { zendeskTranslations } from './translations.js';

/** Zendesk's six ticket statuses as portal statuses (ids are Zendesk's own values). */
export const ZENDESK_PORTAL_STATUSES: StatusDef[] = [
  { id: 'new', label: 'New', category: 'new' },
  { id: 'open', label: 'Open', category: 'open' },
  { id: 'pending', label: 'Awaiting your reply', category: 'pending-customer' },
  { id: 'hold', label: 'On hold', category: 'on-hold' },
  { id: 'solved', label: 'Solved', category: 'resolved' },
  { id: 'closed', label: 'Closed', category: 'closed' },
];

export const DEFAULT_STATUS_MAP: Record<string, string> = { new: 'new', open: 'open', pending: 'pending', hold: 'hold', solved: 'solved', closed: 'closed' };

/** Built-in columns, filters and sorts the connector answers (besides mapped custom fields). */
const BUILTIN_KEYS = new Set(['view', 'number', 'subject', 'status', 'origin', 'priority', 'category', 'createdAt', 'updatedAt', 'owner', 'requester', 'account']);

/**
 * The schema the server describes on Zendesk: the admin's portal (labels, limits, views, custom
 * fields that have a Zendesk field id) with what Zendesk decides put over it, so the UI never
 * offers what Zendesk cannot do:
 * - statuses: Zendesk's set; a customer marks a ticket solved (close), and a solved ticket reopens
 *   with the customer's comment (Zendesk sets it open). A closed ticket cannot change: its reopen
 *   is a follow-up ticket (`via_followup_source_id`), listed in the old case's related cases.
 * - cancel and complain: Zendesk end users have neither, so both are off.
 * - feedback: Zendesk's satisfaction rating, which only the requester may give: on with an OAuth
 *   token (which can act on behalf of the end user), off with an API token.
 * - attachments: on. Uploads wait in the server's storage until a case or message takes them, then
 *   go to Zendesk (Attachments API, then the comment's `uploads`); downloads stream the file from
 *   Zendesk through the server's download route. The size limit is Zendesk's (50 MB) or lower.
 * - priorities and categories: Zendesk's ticket `priority` and `type`; services (SLAs): none.
 */
export function zendeskPortal(portal: PortalSchema, c: ZendeskConfig): PortalSchema {
  const mapped = new Set(Object.keys(c.fields ?? {}));
  const fields = portal.fields.filter((f) => mapped.has(f.key));
  const known = (k: string) => BUILTIN_KEYS.has(k.replace(/\?$/, '')) || mapped.has(k.replace(/\?$/, ''));
  return {
    ...portal,
    statuses: ZENDESK_PORTAL_STATUSES.map((s) => ({ ...s })),
    origins: [
      { value: 'web', label: 'Web' },
      { value: 'email', label: 'E-mail' },
      { value: 'api', label: 'API' },
      { value: 'chat', label: 'Chat' },
      { value: 'voice', label: 'Phone' },
    ],
    priorities: [
      { value: 'low', label: 'Low' },
      { value: 'normal', label: 'Normal' },
      { value: 'high', label: 'High' },
      { value: 'urgent', label: 'Urgent' },
    ],
    categories: [
      { value: 'question', label: 'Question' },
      { value: 'incident', label: 'Incident' },
      { value: 'problem', label: 'Problem' },
      { value: 'task', label: 'Task' },
    ],
    services: [],
    fields,
    editableBuiltins: ['priority'],
    columns: portal.columns.filter(known),
    filters: portal.filters.filter(known),
    sortable: portal.sortable.filter(known),
    closeStatuses: ['solved'],
    closeReasons: [],
    cancelStatus: null,
    reopenStatus: 'open',
    // Solved reopens in place; closed reopens as a follow-up ticket (the backend makes it).
    reopen: { fromCategories: ['resolved', 'closed'], windowHours: 0, maxCount: 0 },
    stages: portal.stages.filter((s) => s.categories.length),
    features: {
      ...portal.features,
      cancel: false,
      complain: false,
      feedback: portal.features.feedback && !!c.oauthToken,
      attachments: portal.features.attachments,
    },
    // Zendesk's fixed lists in the elements' languages; the admin's stages and fields as they wrote them.
    translations: zendeskTranslations(portal.translations),
    limits: { ...portal.limits, maxAttachmentBytes: Math.min(portal.limits.maxAttachmentBytes, c.maxUploadBytes ?? 50 * 1024 * 1024) },
  };
}
