import type { Option, PortalSchema, SchemaTranslation, StatusCategory, StatusDef } from '@case-portal/core';
import type { SalesforceConfig } from './config.js';

/** A row of the CaseStatus object (the values of Case.Status with their metadata). */
export interface SfCaseStatus {
  ApiName: string;
  MasterLabel: string;
  IsClosed: boolean;
  IsDefault: boolean;
  SortOrder?: number | null;
}

/** Our status id for a Salesforce status value: lower case, words joined by "-" ("Waiting on Customer" → "waiting-on-customer"). */
export const statusIdOf = (apiName: string) => apiName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'status';

/** Built-in columns, filters and sorts the connector answers (besides mapped custom fields). */
const BUILTIN_KEYS = new Set(['view', 'number', 'subject', 'status', 'origin', 'priority', 'category', 'createdAt', 'updatedAt', 'requester', 'account']);

/**
 * The portal statuses of an org: one per CaseStatus value in its order, labelled with MasterLabel.
 * Categories: IsClosed → resolved (Salesforce lets a closed case be reopened), the default status
 * → new, every other → open; the config's `statusMap` (Status value → category) overrides any.
 */
export function salesforceStatuses(rows: SfCaseStatus[], c: SalesforceConfig): { statuses: StatusDef[]; byApiName: Map<string, StatusDef>; closed: Set<string> } {
  const statuses: StatusDef[] = [];
  const byApiName = new Map<string, StatusDef>();
  const closed = new Set<string>();
  const sorted = [...rows].sort((a, b) => (a.SortOrder ?? 0) - (b.SortOrder ?? 0));
  for (const r of sorted) {
    const derived: StatusCategory = r.IsClosed ? 'resolved' : r.IsDefault ? 'new' : 'open';
    let id = statusIdOf(r.ApiName);
    while (statuses.some((s) => s.id === id)) id += '-2';
    const def: StatusDef = { id, label: r.MasterLabel || r.ApiName, category: c.statusMap?.[r.ApiName] ?? derived };
    statuses.push(def);
    byApiName.set(r.ApiName, def);
    if (r.IsClosed) closed.add(r.ApiName);
  }
  return { statuses, byApiName, closed };
}

/**
 * The schema the server describes on Salesforce: the admin's portal (labels, limits, views, custom
 * fields that have a Case field) with what Salesforce decides put over it, so the UI never offers
 * what the connector cannot do:
 * - statuses: the org's CaseStatus values (filled in when the backend opens: `withOrgStatuses`);
 *   close as any IsClosed status, reopen to the first open status (else the default one).
 * - priorities, categories, origins: Case Priority, Type and Origin's standard picklist values.
 * - cancel, complain and people copied: a Case has no such end-user operation, so all are off.
 * - feedback: on only when `feedbackFields` names the Case fields that keep the rating.
 * - attachments: Salesforce Files (ContentVersion) visible to all users, up to `maxUploadBytes`.
 * - the "linked" view (cases I'm copied on): none, as nobody is copied.
 */
export function salesforcePortal(portal: PortalSchema, c: SalesforceConfig): PortalSchema {
  const mapped = new Set(Object.keys(c.fields ?? {}));
  const fields = portal.fields.filter((f) => mapped.has(f.key));
  const known = (k: string) => BUILTIN_KEYS.has(k.replace(/\?$/, '')) || mapped.has(k.replace(/\?$/, ''));
  const origins: Option[] = [
    { value: 'Web', label: 'Web' },
    { value: 'Email', label: 'E-mail' },
    { value: 'Phone', label: 'Phone' },
  ];
  const priorities: Option[] = [
    { value: 'Low', label: 'Low' },
    { value: 'Medium', label: 'Medium' },
    { value: 'High', label: 'High' },
  ];
  const categories: Option[] = [
    { value: 'Question', label: 'Question' },
    { value: 'Problem', label: 'Problem' },
    { value: 'Feature Request', label: 'Feature request' },
  ];
  return {
    ...portal,
    origins,
    priorities,
    categories,
    ...(portal.translations ? { translations: keptTranslations(portal.translations, { origins, priorities, categories, fields: [...mapped] }) } : {}),
    services: [],
    fields,
    editableBuiltins: ['priority'],
    columns: portal.columns.filter(known),
    filters: portal.filters.filter(known),
    sortable: portal.sortable.filter(known),
    views: portal.views.filter((v) => v !== 'linked'),
    closeReasons: [],
    cancelStatus: null,
    participants: null,
    reopen: { fromCategories: ['resolved'], windowHours: 0, maxCount: 0 },
    features: {
      ...portal.features,
      cancel: false,
      complain: false,
      feedback: portal.features.feedback && !!c.feedbackFields,
    },
    limits: { ...portal.limits, maxAttachmentBytes: Math.min(portal.limits.maxAttachmentBytes > 0 ? portal.limits.maxAttachmentBytes : Infinity, c.maxUploadBytes ?? 25 * 1024 * 1024) },
  };
}

/** What of the admin's translations still names something on Salesforce: the option values and fields kept (statuses: see withOrgStatuses). */
function keptTranslations(all: Record<string, SchemaTranslation>, kept: { origins: Option[]; priorities: Option[]; categories: Option[]; fields: string[] }): Record<string, SchemaTranslation> {
  const only = (labels: Record<string, string> | undefined, values: string[]) => (labels ? Object.fromEntries(Object.entries(labels).filter(([k]) => values.includes(k))) : undefined);
  const out: Record<string, SchemaTranslation> = {};
  for (const [lang, t] of Object.entries(all)) {
    out[lang] = {
      ...(t.statuses ? { statuses: t.statuses } : {}),
      ...(t.stages ? { stages: t.stages } : {}),
      ...(t.origins ? { origins: only(t.origins, kept.origins.map((o) => o.value)) } : {}),
      ...(t.priorities ? { priorities: only(t.priorities, kept.priorities.map((o) => o.value)) } : {}),
      ...(t.categories ? { categories: only(t.categories, kept.categories.map((o) => o.value)) } : {}),
      ...(t.fields ? { fields: Object.fromEntries(Object.entries(t.fields).filter(([k]) => kept.fields.includes(k))) } : {}),
    };
  }
  return out;
}

/** The org's statuses put into the schema (in place: the service and routes already hold this object). */
export function withOrgStatuses(portal: PortalSchema, statuses: StatusDef[], closedIds: string[]): void {
  const reopenTo = statuses.find((s) => s.category === 'open') ?? statuses.find((s) => !closedIds.includes(s.id) && s.category === 'new');
  const reopenable = [...new Set(statuses.filter((s) => closedIds.includes(s.id)).map((s) => s.category))].filter((cat) => cat === 'resolved');
  const ids = statuses.map((s) => s.id);
  const translations = portal.translations
    ? Object.fromEntries(Object.entries(portal.translations).map(([lang, t]) => [lang, { ...t, ...(t.statuses ? { statuses: Object.fromEntries(Object.entries(t.statuses).filter(([k]) => ids.includes(k))) } : {}) }]))
    : undefined;
  const stages = portal.stages.filter((s) => s.categories.some((cat) => statuses.some((x) => x.category === cat)));
  Object.assign(portal, {
    statuses,
    ...(translations ? { translations } : {}),
    closeStatuses: closedIds,
    reopenStatus: reopenTo?.id ?? null,
    reopen: { ...portal.reopen, fromCategories: reopenable },
    stages,
  });
}
