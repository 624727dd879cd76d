/**
 * CaseQuery ⇄ URL query string, as openapi.yaml documents for GET /cases.
 * Both directions live here so the client and any server written in TypeScript (the msw
 * handlers, the reference server) cannot drift apart.
 */
import {
  AdapterError,
  STATUS_CATEGORIES,
  type CaseQuery,
  type CaseView,
  type FieldFilter,
  type FieldType,
  type StatusCategory,
} from '@case-portal/core';

const VIEWS: readonly CaseView[] = ['mine', 'account', 'linked'];
/** Suffixes that turn `f.<key>` into another filter operator; a bare `f.<key>` is "eq". */
const OPS = ['in', 'contains', 'from', 'to'] as const;
type Op = (typeof OPS)[number];

export function encodeCaseQuery(q: CaseQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.view) p.set('view', q.view);
  if (q.keyword?.trim()) p.set('q', q.keyword.trim());
  for (const s of q.statuses ?? []) p.append('status', s);
  for (const c of q.categories ?? []) p.append('category', c);
  for (const o of q.origins ?? []) p.append('origin', o);
  if (q.sort) p.set('sort', `${q.sort.key}:${q.sort.dir}`);
  if (q.cursor) p.set('cursor', q.cursor);
  if (q.limit != null) p.set('limit', String(q.limit));
  for (const [key, f] of Object.entries(q.fields ?? {})) {
    const name = `f.${key}`;
    switch (f.op) {
      case 'eq':
        p.set(name, String(f.value));
        break;
      case 'in':
        for (const v of f.values) p.append(`${name}.in`, v);
        break;
      case 'contains':
        p.set(`${name}.contains`, f.value);
        break;
      case 'range':
        if (f.from != null && f.from !== '') p.set(`${name}.from`, String(f.from));
        if (f.to != null && f.to !== '') p.set(`${name}.to`, String(f.to));
        break;
    }
  }
  return p;
}

/**
 * Parses GET /cases parameters. `fieldTypes` (from the schema) restores numbers and booleans,
 * which a query string can only carry as text. Unknown or malformed values are a validation error
 * rather than silently ignored: a filter that quietly does nothing shows the customer wrong cases.
 */
export function decodeCaseQuery(p: URLSearchParams, fieldTypes: Record<string, FieldType> = {}): CaseQuery {
  const q: CaseQuery = {};
  const view = p.get('view');
  if (view) {
    if (!VIEWS.includes(view as CaseView)) throw invalid('view', `Unknown view "${view}".`);
    q.view = view as CaseView;
  }
  const keyword = p.get('q');
  if (keyword) q.keyword = keyword;
  const statuses = p.getAll('status');
  if (statuses.length) q.statuses = statuses;
  const categories = p.getAll('category');
  if (categories.length) {
    const bad = categories.find((c) => !STATUS_CATEGORIES.includes(c as StatusCategory));
    if (bad) throw invalid('category', `Unknown category "${bad}".`);
    q.categories = categories as StatusCategory[];
  }
  const origins = p.getAll('origin');
  if (origins.length) q.origins = origins;
  const sort = p.get('sort');
  if (sort) {
    const m = /^(.+):(asc|desc)$/.exec(sort);
    if (!m) throw invalid('sort', 'sort must be "<key>:asc" or "<key>:desc".');
    q.sort = { key: m[1]!, dir: m[2] as 'asc' | 'desc' };
  }
  const cursor = p.get('cursor');
  if (cursor) q.cursor = cursor;
  const limit = p.get('limit');
  if (limit != null) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1) throw invalid('limit', 'limit must be a positive integer.');
    q.limit = n;
  }
  const fields = decodeFieldFilters(p, fieldTypes);
  if (Object.keys(fields).length) q.fields = fields;
  return q;
}

function decodeFieldFilters(p: URLSearchParams, types: Record<string, FieldType>): Record<string, FieldFilter> {
  const out: Record<string, FieldFilter> = {};
  const seen = new Set<string>();
  for (const name of p.keys()) {
    if (!name.startsWith('f.') || seen.has(name)) continue;
    seen.add(name);
    const rest = name.slice(2);
    const dot = rest.lastIndexOf('.');
    const suffix = dot > 0 ? rest.slice(dot + 1) : '';
    const op: Op | 'eq' = (OPS as readonly string[]).includes(suffix) ? (suffix as Op) : 'eq';
    const key = op === 'eq' ? rest : rest.slice(0, dot);
    if (!key) throw invalid(name, 'Empty field key.');
    const type = types[key];
    const values = p.getAll(name);
    const value = values[0] ?? '';
    if (op === 'eq') out[key] = { op: 'eq', value: coerce(value, type, name) };
    else if (op === 'in') out[key] = { op: 'in', values };
    else if (op === 'contains') out[key] = { op: 'contains', value };
    else {
      const prev = out[key];
      const range: FieldFilter = prev?.op === 'range' ? prev : { op: 'range' };
      const bound = type === 'number' ? toNumber(value, name) : value;
      out[key] = op === 'from' ? { ...range, from: bound } : { ...range, to: bound };
    }
  }
  return out;
}

function coerce(value: string, type: FieldType | undefined, name: string): string | number | boolean {
  if (type === 'number') return toNumber(value, name);
  if (type === 'checkbox') {
    if (value !== 'true' && value !== 'false') throw invalid(name, 'Expected true or false.');
    return value === 'true';
  }
  return value;
}

function toNumber(value: string, name: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw invalid(name, 'Expected a number.');
  return n;
}

function invalid(param: string, message: string): AdapterError {
  return new AdapterError('validation', { status: 400, backendMessage: message, fieldErrors: { [param]: message } });
}
