/**
 * URL query string → CaseQuery: the reading half of query-params.ts (the encoding, the parameter
 * names), in a module of its own so a bundle that only writes queries (the REST client, a first
 * screen) does not carry it. Strict for the REST contract, lenient for a URL a person may have edited.
 */
import type { CaseQuery, FieldFilter } from './adapter.js';
import { AdapterError } from './errors.js';
import { STATUS_CATEGORIES, type CaseView, type FieldType, type StatusCategory } from './model.js';
import { FIELD_FILTER_PARAM_PREFIX, type DecodeCaseQueryOptions } from './query-params.js';

const VIEWS: readonly CaseView[] = ['mine', 'account', 'linked'];
/** Suffixes that turn `f.<key>` into another filter operator; a bare `f.<key>` is "eq". */
const OPS = ['in', 'contains', 'from', 'to'] as const;
type Op = (typeof OPS)[number];

/**
 * Parses GET /cases parameters. `fieldTypes` (from the schema) restores numbers and booleans,
 * which a query string can only carry as text. Strict by default: unknown or malformed values are a
 * validation error rather than silently ignored, since a filter that quietly does nothing shows the
 * customer wrong cases. `{ lenient: true }` drops them instead (see DecodeCaseQueryOptions).
 * Parameters that are not part of a CaseQuery are always ignored.
 */
export function decodeCaseQuery(
  params: URLSearchParams | string,
  fieldTypes: Record<string, FieldType> = {},
  options: DecodeCaseQueryOptions = {},
): CaseQuery {
  const ctx: Ctx = { prefix: options.prefix ?? '', lenient: options.lenient === true };
  const p = unprefixed(typeof params === 'string' ? new URLSearchParams(params) : params, ctx.prefix);
  const q: CaseQuery = {};

  const view = p.get('view');
  if (view) {
    if (VIEWS.includes(view as CaseView)) q.view = view as CaseView;
    else reject(ctx, 'view', `Unknown view "${view}".`);
  }

  const keyword = ctx.lenient ? p.get('q')?.trim() : p.get('q');
  if (keyword) q.keyword = keyword;

  const statuses = values(ctx, p, 'status');
  if (statuses.length) q.statuses = statuses;

  const categories: StatusCategory[] = [];
  for (const c of values(ctx, p, 'category')) {
    if (STATUS_CATEGORIES.includes(c as StatusCategory)) categories.push(c as StatusCategory);
    else reject(ctx, 'category', `Unknown category "${c}".`);
  }
  if (categories.length) q.categories = categories;

  const origins = values(ctx, p, 'origin');
  if (origins.length) q.origins = origins;

  const sort = p.get('sort');
  if (sort) {
    const m = /^(.+):(asc|desc)$/.exec(sort);
    if (m) q.sort = { key: m[1]!, dir: m[2] as 'asc' | 'desc' };
    else reject(ctx, 'sort', 'sort must be "<key>:asc" or "<key>:desc".');
  }

  const cursor = p.get('cursor');
  if (cursor) q.cursor = cursor;

  const limit = p.get('limit');
  if (limit != null) {
    const n = Number(limit);
    if (Number.isInteger(n) && n >= 1) q.limit = n;
    else reject(ctx, 'limit', 'limit must be a positive integer.');
  }

  const fields = decodeFieldFilters(ctx, p, fieldTypes);
  if (Object.keys(fields).length) q.fields = fields;
  return q;
}

interface Ctx {
  prefix: string;
  lenient: boolean;
}

/** Only the parameters under `prefix`, with the prefix stripped. */
function unprefixed(p: URLSearchParams, prefix: string): URLSearchParams {
  if (!prefix) return p;
  const out = new URLSearchParams();
  for (const [name, value] of p) {
    if (name.length > prefix.length && name.startsWith(prefix)) out.append(name.slice(prefix.length), value);
  }
  return out;
}

/** Repeatable values; lenient mode drops empty ones (`status=`), strict keeps them as the contract always did. */
function values(ctx: Ctx, p: URLSearchParams, name: string): string[] {
  const all = p.getAll(name);
  return ctx.lenient ? all.filter((v) => v.trim() !== '') : all;
}

/** Strict: throw a validation error naming the parameter as it appeared. Lenient: drop the value. */
function reject(ctx: Ctx, param: string, message: string): void {
  if (ctx.lenient) return;
  const name = ctx.prefix + param;
  throw new AdapterError('validation', { status: 400, backendMessage: message, fieldErrors: { [name]: message } });
}

function decodeFieldFilters(ctx: Ctx, p: URLSearchParams, types: Record<string, FieldType>): Record<string, FieldFilter> {
  const out: Record<string, FieldFilter> = {};
  const seen = new Set<string>();
  for (const name of p.keys()) {
    if (!name.startsWith(FIELD_FILTER_PARAM_PREFIX) || seen.has(name)) continue;
    seen.add(name);
    const rest = name.slice(FIELD_FILTER_PARAM_PREFIX.length);
    const dot = rest.lastIndexOf('.');
    const suffix = dot > 0 ? rest.slice(dot + 1) : '';
    const op: Op | 'eq' = (OPS as readonly string[]).includes(suffix) ? (suffix as Op) : 'eq';
    const key = op === 'eq' ? rest : rest.slice(0, dot);
    if (!key) {
      reject(ctx, name, 'Empty field key.');
      continue;
    }
    const type = types[key];
    const all = p.getAll(name);
    const value = all[0] ?? '';
    if (ctx.lenient && op !== 'in' && value.trim() === '') continue;
    if (op === 'eq') {
      const v = coerce(ctx, value, type, name);
      if (v !== undefined) out[key] = { op: 'eq', value: v };
    } else if (op === 'in') {
      const vs = ctx.lenient ? all.filter((v) => v.trim() !== '') : all;
      if (vs.length) out[key] = { op: 'in', values: vs };
    } else if (op === 'contains') {
      out[key] = { op: 'contains', value };
    } else {
      const bound = type === 'number' ? toNumber(ctx, value, name) : value;
      if (bound === undefined) continue;
      const prev = out[key];
      const range: FieldFilter = prev?.op === 'range' ? prev : { op: 'range' };
      out[key] = op === 'from' ? { ...range, from: bound } : { ...range, to: bound };
    }
  }
  return out;
}

function coerce(ctx: Ctx, value: string, type: FieldType | undefined, name: string): string | number | boolean | undefined {
  if (type === 'number') return toNumber(ctx, value, name);
  if (type === 'checkbox') {
    if (value === 'true' || value === 'false') return value === 'true';
    reject(ctx, name, 'Expected true or false.');
    return undefined;
  }
  return value;
}

function toNumber(ctx: Ctx, value: string, name: string): number | undefined {
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n)) return n;
  reject(ctx, name, 'Expected a number.');
  return undefined;
}
