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
 * Decoding is in query-decode.ts (a first screen that only writes queries leaves it out).
 * No DOM here: URLSearchParams is a plain platform global (browsers, Node, workers).
 */
import type { CaseQuery } from './adapter.js';

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
