/**
 * CaseQuery ⇄ URL query string, as packages/adapter-rest/openapi.yaml documents for GET /cases.
 *
 * One encoding for every place a query travels as text, so they cannot drift apart:
 * - the REST client and any server written in TypeScript (the msw handlers, the reference server):
 *   no prefix, strict decoding (a malformed parameter is a `validation` AdapterError);
 * - the page URL of a list with `url-state` (elements' `shared/url-state.ts`): a prefix such as
 *   `case.` so the host page's own parameters never collide, lenient decoding (a person may have
 *   edited the URL by hand: what can't be understood is dropped, never thrown).
 *
 * No DOM here: URLSearchParams is a plain platform global (browsers, Node, workers).
 */
import type { CaseQuery, FieldFilter } from './adapter.js';
import { AdapterError } from './errors.js';
import { STATUS_CATEGORIES, type CaseView, type FieldType, type StatusCategory } from './model.js';

const VIEWS: readonly CaseView[] = ['mine', 'account', 'linked'];
/** Suffixes that turn `f.<key>` into another filter operator; a bare `f.<key>` is "eq". */
const OPS = ['in', 'contains', 'from', 'to'] as const;
type Op = (typeof OPS)[number];

/** Parameter names (before any prefix) a CaseQuery uses, besides the `f.<key>[.<op>]` field filters. */
export const CASE_QUERY_PARAMS = ['view', 'q', 'status', 'category', 'origin', 'sort', 'cursor', 'limit'] as const;
/** Field filters are `f.<key>`, `f.<key>.in`, `f.<key>.contains`, `f.<key>.from`, `f.<key>.to`. */
export const FIELD_FILTER_PARAM_PREFIX = 'f.';

export interface EncodeCaseQueryOptions {
  /** Put before every parameter name, e.g. `case.` → `case.q=…&case.status=…`. Default: none. */
  prefix?: string;
}

export interface DecodeCaseQueryOptions {
  /** Read only parameters whose name starts with this (and strip it); all others are ignored. Default: none. */
  prefix?: string;
  /**
   * Drop malformed or unknown values (unknown view or category, `sort=zzz`, `limit=0`, a number
   * filter holding text, empty values) instead of throwing. For URLs a person may have edited by
   * hand. Default false: the REST contract answers a malformed parameter with a validation error.
   */
  lenient?: boolean;
}

/** Whether `name` is one of the parameters a (prefixed) CaseQuery encodes to. */
export function isCaseQueryParam(name: string, prefix = ''): boolean {
  if (!name.startsWith(prefix)) return false;
  const bare = name.slice(prefix.length);
  return (CASE_QUERY_PARAMS as readonly string[]).includes(bare) || (bare.startsWith(FIELD_FILTER_PARAM_PREFIX) && bare.length > 2);
}

export function encodeCaseQuery(q: CaseQuery, options: EncodeCaseQueryOptions = {}): URLSearchParams {
  const pre = options.prefix ?? '';
  const p = new URLSearchParams();
  const set = (name: string, value: string) => p.set(pre + name, value);
  const append = (name: string, value: string) => p.append(pre + name, value);
  if (q.view) set('view', q.view);
  if (q.keyword?.trim()) set('q', q.keyword.trim());
  for (const s of q.statuses ?? []) append('status', s);
  for (const c of q.categories ?? []) append('category', c);
  for (const o of q.origins ?? []) append('origin', o);
  if (q.sort) set('sort', `${q.sort.key}:${q.sort.dir}`);
  if (q.cursor) set('cursor', q.cursor);
  if (q.limit != null) set('limit', String(q.limit));
  for (const [key, f] of Object.entries(q.fields ?? {})) {
    const name = `${FIELD_FILTER_PARAM_PREFIX}${key}`;
    switch (f.op) {
      case 'eq':
        set(name, String(f.value));
        break;
      case 'in':
        for (const v of f.values) append(`${name}.in`, v);
        break;
      case 'contains':
        set(`${name}.contains`, f.value);
        break;
      case 'range':
        if (f.from != null && f.from !== '') set(`${name}.from`, String(f.from));
        if (f.to != null && f.to !== '') set(`${name}.to`, String(f.to));
        break;
    }
  }
  return p;
}

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
