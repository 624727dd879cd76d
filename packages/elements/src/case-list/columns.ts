import {
  caseFieldValue,
  fieldDef,
  formatDate,
  optionLabel,
  type CaseRecord,
  type PortalSchema,
  type SortDirection,
} from '@case-portal/core';
import type { I18n, MessageKey } from '../i18n/i18n.js';
import { formatFieldValue } from '../shared/field-format.js';

/**
 * One list column, resolved once per schema + column keys + locale (not per row):
 * a list of thousands of rows then formats cells without looking anything up again.
 * Kept free of templates so a virtualized body can reuse it unchanged.
 */
export interface ListColumn {
  key: string;
  label: string;
  /** The backend can sort by it (schema.sortable). */
  sortable: boolean;
  /** Direction of the first click on its header: dates newest first, everything else A→Z. */
  firstDir: SortDirection;
  /** The cell's text. Status and the open control get their own markup from the element. */
  text(c: CaseRecord): string;
}

interface Context {
  schema: PortalSchema;
  i18n: I18n;
  timeZone: string | undefined;
}

type Builtin = { label: MessageKey; text: (c: CaseRecord, x: Context) => string };

const BUILTINS: Record<string, Builtin> = {
  number: { label: 'list.column.number', text: (c) => c.number },
  subject: { label: 'list.column.subject', text: (c, x) => c.subject || x.i18n.t('list.noSubject') },
  status: { label: 'list.column.status', text: (c) => c.status.label },
  origin: { label: 'list.column.origin', text: (c, x) => optionLabel(x.schema.origins, c.origin) },
  owner: { label: 'list.column.owner', text: (c, x) => c.owner?.name ?? x.i18n.t('common.none') },
  createdAt: {
    label: 'list.column.createdAt',
    text: (c, x) => formatDate(c.createdAt, x.i18n.locale, 'date', x.timeZone),
  },
  updatedAt: {
    label: 'list.column.updatedAt',
    text: (c, x) => formatDate(c.updatedAt, x.i18n.locale, 'datetime', x.timeZone),
  },
  priority: { label: 'list.column.priority', text: (c, x) => optionLabel(x.schema.priorities, c.priority) },
  category: { label: 'list.column.category', text: (c, x) => optionLabel(x.schema.categories, c.category) },
  service: { label: 'list.column.service', text: (c, x) => optionLabel(x.schema.services, c.service) },
};

const DATE_KEYS = new Set(['createdAt', 'updatedAt', 'closedAt']);

/** The keys from a `columns` attribute: "number, subject,status" → ['number', 'subject', 'status']. */
export function parseColumnKeys(value: string | null): string[] | undefined {
  if (value == null) return undefined;
  const keys = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return keys.length ? keys : undefined;
}

/**
 * Columns for `keys`: built-in keys and the schema's custom fields. Unknown keys are dropped
 * (a typo must not render an empty column of nothing), and reported once to the console.
 */
export function buildColumns(
  keys: readonly string[],
  schema: PortalSchema,
  i18n: I18n,
  timeZone?: string,
): ListColumn[] {
  const x: Context = { schema, i18n, timeZone };
  const sortable = new Set(schema.sortable);
  const out: ListColumn[] = [];
  for (const key of new Set(keys)) {
    const builtin = BUILTINS[key];
    const def = builtin ? undefined : fieldDef(schema, key);
    if (!builtin && !def) {
      console.warn(`<case-list>: unknown column "${key}" (not a built-in key nor a schema field).`);
      continue;
    }
    const firstDir: SortDirection = DATE_KEYS.has(key) || def?.type === 'date' || def?.type === 'datetime' ? 'desc' : 'asc';
    out.push({
      key,
      label: builtin ? i18n.t(builtin.label) : def!.label,
      sortable: sortable.has(key),
      firstDir,
      text: builtin
        ? (c) => builtin.text(c, x)
        : (c) => formatFieldValue(def, caseFieldValue(c, key), i18n) || i18n.t('common.none'),
    });
  }
  return out;
}
