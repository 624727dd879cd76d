import {
  caseFieldValue,
  fieldDef,
  formatDate,
  optionLabel,
  statusLabel,
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
  /**
   * Width class for a fixed table layout: rows rendered in a window must not change the column
   * widths as they scroll in and out (an auto layout measures only the rows present).
   */
  width: ColumnWidth;
  /**
   * Shown only where the list is wide enough (a key written with a trailing `?`, e.g. `owner?`):
   * the table never scrolls sideways for it (fitColumns).
   */
  optional: boolean;
  /** The cell's text. Status and the open control get their own markup from the element. */
  text(c: CaseRecord): string;
}

export type ColumnWidth = 'narrow' | 'medium' | 'date' | 'wide' | 'fill';

/** Column widths in rem, as case-list.styles.ts sets them on <col>; "fill" is the subject's minimum. */
export const COLUMN_REM: Record<ColumnWidth, number> = { narrow: 9, medium: 12, date: 13.5, wide: 18, fill: 16 };

/**
 * The list's columns when none are chosen (neither `columns` nor the schema's): what a customer
 * scans for, and channel, created and owner where the width allows.
 */
export const DEFAULT_COLUMNS: readonly string[] = ['number', 'subject', 'status', 'origin?', 'createdAt?', 'owner?', 'updatedAt'];

/** The width `columns` need side by side, in rem. */
export const columnsRem = (columns: readonly ListColumn[]): number => columns.reduce((sum, c) => sum + COLUMN_REM[c.width], 0);

/**
 * The columns to show in `availableRem` (undefined: not measured yet): every required column, and
 * the optional ones, in their order, while all still fit. Order is kept.
 */
export function fitColumns(columns: readonly ListColumn[], availableRem: number | undefined): ListColumn[] {
  if (!columns.some((c) => c.optional)) return [...columns];
  let used = columnsRem(columns.filter((c) => !c.optional));
  const shown = new Set<ListColumn>();
  for (const c of columns) {
    if (!c.optional) continue;
    const need = COLUMN_REM[c.width];
    if (availableRem === undefined || used + need > availableRem) continue;
    used += need;
    shown.add(c);
  }
  return columns.filter((c) => !c.optional || shown.has(c));
}

interface Context {
  schema: PortalSchema;
  i18n: I18n;
  timeZone: string | undefined;
}

type Builtin = { label: MessageKey; width: ColumnWidth; text: (c: CaseRecord, x: Context) => string };

/** A description preview: enough for two lines, never a whole e-mail in the DOM. */
const PREVIEW_CHARS = 160;

const BUILTINS: Record<string, Builtin> = {
  number: { label: 'list.column.number', width: 'narrow', text: (c) => c.number },
  subject: { label: 'list.column.subject', width: 'fill', text: (c, x) => c.subject || x.i18n.t('list.noSubject') },
  description: {
    label: 'list.column.description',
    width: 'wide',
    text: (c) => (c.description.length > PREVIEW_CHARS ? `${c.description.slice(0, PREVIEW_CHARS)}…` : c.description),
  },
  status: { label: 'list.column.status', width: 'medium', text: (c, x) => statusLabel(c.status, x.schema) },
  origin: { label: 'list.column.origin', width: 'narrow', text: (c, x) => optionLabel(x.schema.origins, c.origin) },
  owner: { label: 'list.column.owner', width: 'medium', text: (c, x) => c.owner?.name ?? x.i18n.t('common.none') },
  requester: { label: 'list.column.requester', width: 'medium', text: (c) => c.requester.name },
  createdAt: {
    label: 'list.column.createdAt',
    width: 'medium',
    text: (c, x) => formatDate(c.createdAt, x.i18n.locale, 'date', x.timeZone),
  },
  updatedAt: {
    label: 'list.column.updatedAt',
    width: 'date',
    text: (c, x) => formatDate(c.updatedAt, x.i18n.locale, 'datetime', x.timeZone),
  },
  closedAt: {
    label: 'list.column.closedAt',
    width: 'medium',
    text: (c, x) => (c.closedAt ? formatDate(c.closedAt, x.i18n.locale, 'date', x.timeZone) : x.i18n.t('common.none')),
  },
  priority: { label: 'list.column.priority', width: 'narrow', text: (c, x) => optionLabel(x.schema.priorities, c.priority) },
  category: { label: 'list.column.category', width: 'medium', text: (c, x) => optionLabel(x.schema.categories, c.category) },
  service: { label: 'list.column.service', width: 'medium', text: (c, x) => optionLabel(x.schema.services, c.service) },
};

const DATE_KEYS = new Set(['createdAt', 'updatedAt', 'closedAt']);

/** The keys from a `columns` attribute: "number, subject,status" → ['number', 'subject', 'status']; "owner?" keeps its "?". */
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
  /** Gets one line per column key that is neither built in nor a schema field (for the editor). */
  problems: string[] = [],
): ListColumn[] {
  const x: Context = { schema, i18n, timeZone };
  const sortable = new Set(schema.sortable);
  const out: ListColumn[] = [];
  const seen = new Set<string>();
  for (const written of keys) {
    // "owner?": shown only where the width allows.
    const optional = written.endsWith('?');
    const key = optional ? written.slice(0, -1).trim() : written;
    if (seen.has(key)) continue;
    seen.add(key);
    const builtin = BUILTINS[key];
    const def = builtin ? undefined : fieldDef(schema, key);
    if (!builtin && !def) {
      problems.push(`unknown column "${key}" (not a built-in key nor a schema field).`);
      continue;
    }
    const firstDir: SortDirection = DATE_KEYS.has(key) || def?.type === 'date' || def?.type === 'datetime' ? 'desc' : 'asc';
    const text = builtin ? (c: CaseRecord) => builtin.text(c, x) : (c: CaseRecord) => formatFieldValue(def, caseFieldValue(c, key), i18n) || i18n.t('common.none');
    out.push({
      key,
      label: builtin ? i18n.t(builtin.label) : def!.label,
      sortable: sortable.has(key),
      firstDir,
      optional,
      width: builtin ? builtin.width : def!.type === 'longtext' ? 'wide' : def!.type === 'datetime' ? 'date' : 'medium',
      text: builtin && DATE_KEYS.has(key) ? byValue(text, (c) => c[key as 'createdAt']) : text,
    });
  }
  return out;
}

/**
 * A date cell's text, remembered per value: Intl formatting of every row's dates on every render
 * was the largest part of a keystroke's render after the query. Bounded: a long scroll through
 * 100,000 rows keeps at most 2,000 texts.
 */
function byValue(text: (c: CaseRecord) => string, valueOf: (c: CaseRecord) => string | null | undefined): (c: CaseRecord) => string {
  const seen = new Map<string, string>();
  return (c) => {
    const v = valueOf(c) ?? '';
    let s = seen.get(v);
    if (s === undefined) {
      if (seen.size >= 2000) seen.clear();
      seen.set(v, (s = text(c)));
    }
    return s;
  };
}
