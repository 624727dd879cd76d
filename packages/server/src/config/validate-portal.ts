import { EDITABLE_BUILTINS, STATUS_CATEGORIES, type CaseView, type Features, type FieldType, type PortalSchema } from '@case-portal/core';
import { bool, list, nullable, num, obj, oneOf, optional, str, type Check } from './shape.js';

/** Every FieldType; the `satisfies` plus the check below keep it complete when core adds one. */
const FIELD_TYPES = ['text', 'longtext', 'number', 'date', 'datetime', 'choice', 'multichoice', 'checkbox', 'email', 'url'] as const satisfies readonly FieldType[];
type MissingFieldType = Exclude<FieldType, (typeof FIELD_TYPES)[number]>;
const _allFieldTypes: MissingFieldType extends never ? true : never = true;
void _allFieldTypes;

const FEATURES = ['create', 'update', 'close', 'cancel', 'reopen', 'complain', 'feedback', 'attachments', 'backendMessages'] as const satisfies readonly (keyof Features)[];
const VIEWS: readonly CaseView[] = ['mine', 'account', 'linked'];

/** Built-in keys the elements can show as list columns (case-list/columns.ts). */
export const BUILTIN_COLUMNS = ['number', 'subject', 'description', 'status', 'origin', 'owner', 'requester', 'createdAt', 'updatedAt', 'closedAt', 'priority', 'category', 'service'];
/** Built-in keys the server can sort by (core's query.ts `sortValue` and caseFieldValue). */
export const BUILTIN_SORTS = ['number', 'subject', 'status', 'origin', 'owner', 'createdAt', 'updatedAt', 'closedAt', 'priority', 'category', 'service'];
/** Built-in query keys (the list's own controls, and case attributes that filter like choice fields). */
export const BUILTIN_FILTERS = ['view', 'status', 'origin', 'category', 'priority', 'service'];

/**
 * Field keys travel in URLs (`f.<key>`), form control names (`fields.<key>`) and JSON paths of the
 * scope expressions: letters, digits, `_` and `-` only, so none of them needs escaping anywhere.
 */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

const option = obj({ value: str({ nonEmpty: true }), label: str() });
const options = list(option, { uniqueBy: (o) => (o as { value?: unknown }).value });
const category = oneOf(STATUS_CATEGORIES, 'status category');

const field: Check = (v, path, problems) => {
  obj({
    key: str({ pattern: FIELD_KEY, hint: 'a field key (a letter, then letters, digits, _ or -; at most 64)' }),
    label: str(),
    type: oneOf(FIELD_TYPES, 'field type'),
    options: optional(options),
    required: optional(bool()),
    onCreate: optional(bool()),
    editable: optional(bool()),
    inList: optional(bool()),
    inDetail: optional(bool()),
    filterable: optional(bool()),
    maxLength: optional(num({ min: 1, integer: true })),
    min: optional(num()),
    max: optional(num()),
    help: optional(str()),
  })(v, path, problems);
  const f = v as { type?: unknown; options?: unknown };
  if ((f.type === 'choice' || f.type === 'multichoice') && (!Array.isArray(f.options) || f.options.length === 0)) {
    problems.push(`${path}.options: a ${f.type} field needs at least one option`);
  }
};

const portalShape = obj({
  statuses: list(obj({ id: str({ nonEmpty: true }), label: str(), category }), { nonEmpty: true, uniqueBy: (s) => (s as { id?: unknown }).id }),
  origins: options,
  priorities: options,
  categories: options,
  services: list(
    obj({ value: str({ nonEmpty: true }), label: str(), responseHours: optional(num({ min: 0 })), resolutionHours: optional(num({ min: 0 })) }),
    { uniqueBy: (o) => (o as { value?: unknown }).value },
  ),
  fields: list(field, { uniqueBy: (f) => (f as { key?: unknown }).key }),
  editableBuiltins: optional(list(oneOf(EDITABLE_BUILTINS, 'built-in editable key'))),
  columns: list(str()),
  filters: list(str()),
  sortable: list(str()),
  views: list(oneOf(VIEWS, 'view')),
  closeStatuses: list(str()),
  closeReasons: options,
  cancelStatus: nullable(str()),
  reopenStatus: nullable(str()),
  reopen: obj({ fromCategories: list(category), windowHours: num({ min: 0 }), maxCount: num({ min: 0, integer: true }) }),
  stages: list(obj({ id: str({ nonEmpty: true }), label: str(), categories: list(category) })),
  features: obj(Object.fromEntries(FEATURES.map((k) => [k, bool()]))),
  participants: optional(nullable(obj({ max: num({ min: 1, max: 100, integer: true }), colleagues: bool() }))),
  limits: obj({
    maxAttachmentBytes: num({ min: 1, integer: true }),
    allowedTypes: list(str({ nonEmpty: true })),
    maxAttachmentsPerMessage: num({ min: 1, integer: true }),
    pageSize: num({ min: 1, max: 1000, integer: true }),
  }),
});

/**
 * Every problem of a portal schema, each naming its key: shape and types first, then references
 * between keys (a close status that is no status, a column that is neither built in nor a field).
 */
export function portalProblems(portal: unknown): string[] {
  const problems: string[] = [];
  portalShape(portal, 'portal', problems);
  if (problems.length) return problems;
  const p = portal as PortalSchema;
  const statuses = new Set(p.statuses.map((s) => s.id));
  const fieldKeys = new Set(p.fields.map((f) => f.key));
  const refs = (key: 'columns' | 'filters' | 'sortable', known: (k: string) => boolean, what: string) =>
    p[key].forEach((k, i) => {
      if (!known(k)) problems.push(`portal.${key}[${i}]: "${k}" is not ${what}`);
    });
  p.closeStatuses.forEach((s, i) => {
    if (!statuses.has(s)) problems.push(`portal.closeStatuses[${i}]: no status "${s}"`);
  });
  // A trailing "?" marks a column the list shows only where it is wide enough.
  const column = (k: string) => k.replace(/\?$/, '');
  refs('columns', (k) => BUILTIN_COLUMNS.includes(column(k)) || fieldKeys.has(column(k)), `a built-in column (${BUILTIN_COLUMNS.join(', ')}) or a field key`);
  refs('filters', (k) => BUILTIN_FILTERS.includes(k) || fieldKeys.has(k), `a built-in filter (${BUILTIN_FILTERS.join(', ')}) or a field key`);
  refs('sortable', (k) => BUILTIN_SORTS.includes(k) || fieldKeys.has(k), `a built-in sort key (${BUILTIN_SORTS.join(', ')}) or a field key`);
  for (const key of ['cancelStatus', 'reopenStatus'] as const) {
    const id = p[key];
    if (id !== null && !statuses.has(id)) problems.push(`portal.${key}: no status "${id}" in portal.statuses`);
  }
  return problems;
}
