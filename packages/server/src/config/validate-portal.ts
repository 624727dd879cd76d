import { EDITABLE_BUILTINS, PARTICIPANT_RIGHTS, STATUS_CATEGORIES, type CaseView, type Features, type FieldType, type PortalSchema, type SchemaTranslation } from '@case-portal/core';
import { bool, list, nullable, num, obj, oneOf, optional, record, str, type Check } from './shape.js';

/** Every FieldType; the `satisfies` plus the check below keep it complete when core adds one. */
const FIELD_TYPES = ['text', 'longtext', 'number', 'date', 'datetime', 'choice', 'multichoice', 'checkbox', 'email', 'url'] as const satisfies readonly FieldType[];
type MissingFieldType = Exclude<FieldType, (typeof FIELD_TYPES)[number]>;
const _allFieldTypes: MissingFieldType extends never ? true : never = true;
void _allFieldTypes;

const FEATURES = ['create', 'update', 'close', 'cancel', 'reopen', 'complain', 'feedback', 'attachments', 'backendMessages'] as const satisfies readonly (keyof Features)[];
const VIEWS: readonly CaseView[] = ['mine', 'account', 'linked'];

/** Built-in keys the elements can show as list columns (case-list/columns.ts). */
export const BUILTIN_COLUMNS = ['number', 'subject', 'description', 'status', 'origin', 'owner', 'requester', 'createdAt', 'updatedAt', 'closedAt', 'priority', 'category', 'service'];
/** Built-in keys the server can sort by (core's sort-values.ts `sortValue` and caseFieldValue). */
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

/** The labels of one language (core's SchemaTranslation): each section by id, value or field key. */
const words = optional(record(str()));
const translation = obj({
  statuses: words,
  stages: words,
  origins: words,
  priorities: words,
  categories: words,
  services: words,
  closeReasons: words,
  fields: optional(record(obj({ label: optional(str()), help: optional(str()), options: words }))),
});
const LANGUAGE_TAG = { pattern: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, hint: 'a language or locale ("de", "de-CH")' };

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
  participants: optional(
    nullable(
      obj({
        max: num({ min: 1, max: 100, integer: true }),
        colleagues: bool(),
        // What people copied may also do (core's ParticipantRules.mayAlso): each action once.
        mayAlso: optional(list(oneOf(PARTICIPANT_RIGHTS, 'participant right'), { uniqueBy: (r) => r })),
      }),
    ),
  ),
  translations: optional(record(translation, LANGUAGE_TAG)),
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
  for (const [lang, t] of Object.entries(p.translations ?? {})) problems.push(...translationProblems(p, lang, t));
  return problems;
}

/** A translation's keys name what the schema has: a typo ("opne") would silently leave the base label. */
function translationProblems(p: PortalSchema, lang: string, t: SchemaTranslation): string[] {
  const problems: string[] = [];
  const known = (section: string, words: Record<string, string> | undefined, ids: string[]) => {
    for (const k of Object.keys(words ?? {})) {
      if (!ids.includes(k)) problems.push(`portal.translations.${lang}.${section}.${k}: no such entry in portal.${section} (known: ${ids.join(', ')})`);
    }
  };
  known('statuses', t.statuses, p.statuses.map((s) => s.id));
  known('stages', t.stages, p.stages.map((s) => s.id));
  for (const section of ['origins', 'priorities', 'categories', 'services', 'closeReasons'] as const) {
    known(section, t[section], p[section].map((o) => o.value));
  }
  for (const [key, f] of Object.entries(t.fields ?? {})) {
    const field = p.fields.find((x) => x.key === key);
    if (!field) problems.push(`portal.translations.${lang}.fields.${key}: no field "${key}" in portal.fields`);
    else known(`fields.${key}.options`, f.options, (field.options ?? []).map((o) => o.value));
  }
  return problems;
}
