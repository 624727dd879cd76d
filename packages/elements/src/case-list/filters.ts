import {
  fieldDef,
  type CaseView,
  type FieldFilter,
  type Option,
  type PortalSchema,
  type StatusCategory,
  type Viewer,
} from '@case-portal/core';
import type { I18n, MessageKey } from '../i18n/i18n.js';

/**
 * Which filters the list offers, decided once per schema and viewer: only what the backend says it
 * can evaluate (`schema.filters`), so a customer never sets a filter that quietly does nothing.
 * Kept free of templates and of the element's state.
 */

/** A filter on one field, as the filter panel shows it. */
export type FieldControl =
  | { kind: 'choice'; key: string; label: string; options: Option[] }
  | { kind: 'text'; key: string; label: string }
  | { kind: 'date-range'; key: string; label: string }
  | { kind: 'number-range'; key: string; label: string }
  | { kind: 'checkbox'; key: string; label: string };

export interface ListFilters {
  /** Views this viewer may pick, in schema order ("account" needs read-account). */
  views: CaseView[];
  status: boolean;
  /** The "awaiting my reply" quick filter: status filtering works and some status waits on the customer. */
  awaitingReply: boolean;
  origins: Option[];
  fields: FieldControl[];
}

/** The status category the "awaiting my reply" quick filter selects. */
export const AWAITING_REPLY: StatusCategory = 'pending-customer';

/** Built-in case attributes that filter like choice fields (as `fields.<key>`). */
const BUILTIN_CHOICES: Record<string, { label: MessageKey; options: (s: PortalSchema) => Option[] }> = {
  category: { label: 'list.column.category', options: (s) => s.categories },
  priority: { label: 'list.column.priority', options: (s) => s.priorities },
  service: { label: 'list.column.service', options: (s) => s.services },
};

/** Keys with their own control, not part of the field filters. */
const OWN_CONTROLS = new Set(['view', 'status', 'origin', 'keyword']);

export function listFilters(schema: PortalSchema, viewer: Viewer, i18n: I18n): ListFilters {
  const can = new Set(schema.filters);
  const views = can.has('view')
    ? schema.views.filter((v) => v !== 'account' || viewer.permissions.includes('read-account'))
    : [];
  const fields: FieldControl[] = [];
  for (const key of schema.filters) {
    if (OWN_CONTROLS.has(key)) continue;
    const builtin = BUILTIN_CHOICES[key];
    if (builtin) {
      const options = builtin.options(schema);
      if (options.length) fields.push({ kind: 'choice', key, label: i18n.t(builtin.label), options });
      continue;
    }
    const def = fieldDef(schema, key);
    if (!def) continue;
    switch (def.type) {
      case 'choice':
      case 'multichoice':
        if (def.options?.length) fields.push({ kind: 'choice', key, label: def.label, options: def.options });
        break;
      case 'date':
      case 'datetime':
        fields.push({ kind: 'date-range', key, label: def.label });
        break;
      case 'number':
        fields.push({ kind: 'number-range', key, label: def.label });
        break;
      case 'checkbox':
        fields.push({ kind: 'checkbox', key, label: def.label });
        break;
      default:
        fields.push({ kind: 'text', key, label: def.label });
    }
  }
  return {
    // A choice of one is no choice.
    views: views.length > 1 || (views.length === 1 && views[0] !== 'mine') ? views : [],
    status: can.has('status'),
    awaitingReply: can.has('status') && schema.statuses.some((s) => s.category === AWAITING_REPLY),
    origins: can.has('origin') ? schema.origins : [],
    fields,
  };
}

/** Whether a field filter holds anything (an emptied range or text is no filter). */
export function isActiveFilter(f: FieldFilter | undefined): f is FieldFilter {
  if (!f) return false;
  switch (f.op) {
    case 'eq':
      return f.value !== '' && f.value !== false;
    case 'in':
      return f.values.length > 0;
    case 'contains':
      return f.value.trim() !== '';
    case 'range':
      return (f.from != null && f.from !== '') || (f.to != null && f.to !== '');
  }
}
