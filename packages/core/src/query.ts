/**
 * Query evaluation over an in-memory set of cases: what the memory adapter (and any adapter that
 * holds cases locally) uses to answer `listCases`.
 *
 * Built for 100,000 cases filtered per keystroke: a `CaseIndex` precomputes, once per case, the
 * lower-cased search text, the visibility keys and the timestamps; string sort keys become integer
 * ranks (one Intl.Collator sort of the distinct values, cached per key until the cases change);
 * and a query whose keyword extends the previous one narrows the previous matches instead of
 * scanning everything again.
 */
import type { CaseQuery, FieldFilter, Page, SortSpec } from './adapter.js';
import { AdapterError } from './errors.js';
import type { CaseRecord, FieldValue, Viewer } from './model.js';
import { canRead } from './policy.js';

export const DEFAULT_PAGE_SIZE = 25;
/** A page larger than this is a mistake (or an attack on the main thread), not a page. */
export const MAX_PAGE_SIZE = 1000;

/** Sort keys every adapter understands; anything else is a custom field key. */
export const BUILTIN_SORT_KEYS = ['number', 'subject', 'status', 'origin', 'owner', 'createdAt', 'updatedAt'] as const;

interface Entry {
  c: CaseRecord;
  /** number, subject and description, lower-cased, separated so a match never spans two of them. */
  text: string;
  updated: number;
  created: number;
  /** Position in the index: the last tie-breaker, so every sort is total and stable. */
  pos: number;
}

/** The part of a query that decides the base set (everything except status, category, sort, paging). */
interface BaseCache {
  signature: string;
  keyword: string;
  base: Entry[];
  counts: Record<string, number>;
  /** The sorted, status-filtered result for `sortedSignature`: paging through it is a slice. */
  sortedSignature: string | null;
  sorted: Entry[];
}

/** One collator for every string sort key: created once, numeric so "item 10" follows "item 9". */
let collator: Intl.Collator | null = null;
function getCollator(): Intl.Collator {
  collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return collator;
}

export class CaseIndex {
  private entries: Entry[] = [];
  private byId = new Map<string, number>();
  /** Per sort key: rank by entry position (-1 = no value). Dropped whenever a case changes. */
  private ranks = new Map<string, Float64Array>();
  private cache: BaseCache | null = null;

  constructor(cases: Iterable<CaseRecord> = []) {
    for (const c of cases) this.push(c);
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): CaseRecord | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.entries[i]!.c;
  }

  all(): CaseRecord[] {
    return this.entries.map((e) => e.c);
  }

  /** Adds a case or replaces the one with the same id (cases are replaced, never mutated in place). */
  upsert(c: CaseRecord): void {
    const i = this.byId.get(c.id);
    if (i === undefined) this.push(c);
    else this.entries[i] = makeEntry(c, i);
    this.invalidate();
  }

  remove(id: string): void {
    const i = this.byId.get(id);
    if (i === undefined) return;
    this.entries.splice(i, 1);
    this.byId.clear();
    this.entries.forEach((e, pos) => {
      e.pos = pos;
      this.byId.set(e.c.id, pos);
    });
    this.invalidate();
  }

  /** Evaluates a query as this viewer sees the cases. See `evaluateQuery`. */
  query(query: CaseQuery, viewer: Viewer): Page<CaseRecord> {
    const limit = normalizeLimit(query.limit);
    const offset = decodeCursor(query.cursor);
    const base = this.baseFor(query, viewer);

    const sortedSignature = JSON.stringify([query.statuses ?? null, query.categories ?? null, query.sort ?? null]);
    if (base.sortedSignature !== sortedSignature) {
      base.sorted = this.sort(filterStatus(base.base, query), query.sort);
      base.sortedSignature = sortedSignature;
    }

    const sorted = base.sorted;
    const end = offset + limit;
    return {
      items: sorted.slice(offset, end).map((e) => e.c),
      total: sorted.length,
      nextCursor: end < sorted.length ? encodeCursor(end) : null,
      statusCounts: { ...base.counts },
    };
  }

  private push(c: CaseRecord): void {
    const pos = this.entries.length;
    this.entries.push(makeEntry(c, pos));
    this.byId.set(c.id, pos);
  }

  private invalidate(): void {
    this.ranks.clear();
    this.cache = null;
  }

  /** Visible cases matching view, keyword, origins and fields, reusing the last result when it can. */
  private baseFor(query: CaseQuery, viewer: Viewer): BaseCache {
    const keyword = (query.keyword ?? '').trim().toLowerCase();
    const signature = JSON.stringify([
      viewer.id,
      viewer.account?.id ?? null,
      viewer.permissions,
      query.view ?? null,
      query.origins ?? null,
      query.fields ?? null,
    ]);
    const prev = this.cache;
    if (prev && prev.signature === signature && prev.keyword === keyword) return prev;

    // A keyword that contains the previous one can only match a subset of its matches.
    const narrowing = prev !== null && prev.signature === signature && keyword.includes(prev.keyword);
    const source = narrowing ? prev.base : this.entries;
    const match = narrowing ? (e: Entry) => e.text.includes(keyword) : baseMatcher(query, viewer, keyword);

    const base: Entry[] = [];
    const counts: Record<string, number> = {};
    for (const e of source) {
      if (!match(e)) continue;
      base.push(e);
      const s = e.c.status.id;
      counts[s] = (counts[s] ?? 0) + 1;
    }
    this.cache = { signature, keyword, base, counts, sortedSignature: null, sorted: [] };
    return this.cache;
  }

  private sort(entries: Entry[], spec: SortSpec | undefined): Entry[] {
    const out = entries.slice();
    if (!spec) {
      out.sort(tieBreak);
      return out;
    }
    const dir = spec.dir === 'desc' ? -1 : 1;
    if (spec.key === 'createdAt' || spec.key === 'updatedAt') {
      const k = spec.key === 'createdAt' ? 'created' : 'updated';
      out.sort((a, b) => dir * (a[k] - b[k]) || tieBreak(a, b));
      return out;
    }
    const rank = this.rankFor(spec.key);
    out.sort((a, b) => {
      const ra = rank[a.pos]!;
      const rb = rank[b.pos]!;
      if (ra === rb) return tieBreak(a, b);
      // Cases without a value go last in both directions: they are the least interesting.
      if (ra < 0) return 1;
      if (rb < 0) return -1;
      return dir * (ra - rb);
    });
    return out;
  }

  /** Ranks of every case for one sort key: one collator sort of the distinct values, then cached. */
  private rankFor(key: string): Float64Array {
    let rank = this.ranks.get(key);
    if (rank) return rank;
    const values = this.entries.map((e) => sortValue(e.c, key));
    const distinct = [...new Set(values.filter((v): v is string | number => v !== null))];
    const cmp = getCollator().compare;
    distinct.sort((a, b) =>
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : typeof a === 'number'
          ? -1
          : typeof b === 'number'
            ? 1
            : cmp(a, b),
    );
    const order = new Map<string | number, number>();
    distinct.forEach((v, i) => order.set(v, i));
    rank = new Float64Array(values.length);
    values.forEach((v, i) => (rank![i] = v === null ? -1 : order.get(v)!));
    this.ranks.set(key, rank);
    return rank;
  }
}

export function createCaseIndex(cases: Iterable<CaseRecord> = []): CaseIndex {
  return new CaseIndex(cases);
}

/**
 * Answers a query as `viewer` sees the cases: only cases `canRead` allows, narrowed by the view
 * (mine: requester; account: same account with "read-account"; linked: viewer is a contact),
 * keyword, statuses, status categories, origins and field filters; sorted; one page.
 * `statusCounts` counts the query without its status and category filters.
 */
export function evaluateQuery(index: CaseIndex, query: CaseQuery, viewer: Viewer): Page<CaseRecord> {
  return index.query(query, viewer);
}

/** One-off evaluation without keeping an index (tests, small sets). */
export function queryCases(cases: Iterable<CaseRecord>, query: CaseQuery, viewer: Viewer): Page<CaseRecord> {
  return new CaseIndex(cases).query(query, viewer);
}

/** Cursors are opaque to callers; here they carry an offset. */
export function encodeCursor(offset: number): string {
  return btoa(`o:${offset}`);
}

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor == null || cursor === '') return 0;
  let raw: string;
  try {
    raw = atob(cursor);
  } catch {
    raw = '';
  }
  const m = /^o:(\d{1,9})$/.exec(raw);
  if (!m) throw new AdapterError('validation', { fieldErrors: { cursor: 'Invalid cursor.' } });
  return Number(m[1]);
}

function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit) || limit < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.floor(limit), MAX_PAGE_SIZE);
}

function makeEntry(c: CaseRecord, pos: number): Entry {
  return {
    c,
    text: `${c.number}\u0000${c.subject}\u0000${c.description}`.toLowerCase(),
    updated: Date.parse(c.updatedAt) || 0,
    created: Date.parse(c.createdAt) || 0,
    pos,
  };
}

/** Newest change first, then case number: the order when nothing else decides. */
function tieBreak(a: Entry, b: Entry): number {
  return b.updated - a.updated || compareNumber(a.c.number, b.c.number) || a.pos - b.pos;
}

function compareNumber(a: string, b: string): number {
  // Case numbers are usually zero-padded digits: compare as numbers when both are, else as text.
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The predicate for the base set, with everything that depends only on the query hoisted out. */
function baseMatcher(query: CaseQuery, viewer: Viewer, keyword: string): (e: Entry) => boolean {
  const view = query.view;
  const hasAccountRead = viewer.permissions.includes('read-account') && !!viewer.account;
  const origins = query.origins?.length ? new Set(query.origins) : null;
  const fieldTests = Object.entries(query.fields ?? {}).map(([key, f]) => fieldTest(key, f));

  return (e) => {
    const c = e.c;
    if (view === 'mine' && c.requester.id !== viewer.id) return false;
    if (view === 'account' && (!hasAccountRead || c.account?.id !== viewer.account?.id)) return false;
    if (view === 'linked' && !c.contacts?.some((p) => p.id === viewer.id)) return false;
    // The one rule that must never break, whatever the view says: only readable cases leave here.
    if (!canRead(c, viewer)) return false;
    if (keyword && !e.text.includes(keyword)) return false;
    if (origins && !origins.has(c.origin)) return false;
    for (const t of fieldTests) if (!t(c)) return false;
    return true;
  };
}

function filterStatus(entries: Entry[], query: CaseQuery): Entry[] {
  const statuses = query.statuses?.length ? new Set(query.statuses) : null;
  const categories = query.categories?.length ? new Set<string>(query.categories) : null;
  if (!statuses && !categories) return entries;
  return entries.filter(
    (e) => (!statuses || statuses.has(e.c.status.id)) && (!categories || categories.has(e.c.status.category)),
  );
}

/**
 * A field's value: custom fields first; a few built-in keys (priority, category, service, owner,
 * dates) also work so hosts can filter on them the same way.
 */
export function caseFieldValue(c: CaseRecord, key: string): FieldValue | undefined {
  if (Object.prototype.hasOwnProperty.call(c.fields, key)) return c.fields[key];
  switch (key) {
    case 'priority':
      return c.priority ?? null;
    case 'category':
      return c.category ?? null;
    case 'service':
      return c.service ?? null;
    case 'origin':
      return c.origin;
    case 'owner':
      return c.owner?.id ?? null;
    case 'createdAt':
      return c.createdAt;
    case 'updatedAt':
      return c.updatedAt;
    case 'closedAt':
      return c.closedAt ?? null;
    default:
      return undefined;
  }
}

function fieldTest(key: string, f: FieldFilter): (c: CaseRecord) => boolean {
  const valuesOf = (c: CaseRecord): (string | number | boolean)[] => {
    const v = caseFieldValue(c, key);
    if (v === null || v === undefined || v === '') return [];
    return Array.isArray(v) ? v : [v];
  };
  switch (f.op) {
    case 'eq': {
      const want = String(f.value);
      return (c) => valuesOf(c).some((v) => String(v) === want);
    }
    case 'in': {
      const set = new Set(f.values);
      return (c) => valuesOf(c).some((v) => set.has(String(v)));
    }
    case 'contains': {
      const needle = f.value.toLowerCase();
      return (c) => valuesOf(c).some((v) => String(v).toLowerCase().includes(needle));
    }
    case 'range':
      return (c) => valuesOf(c).some((v) => inRange(v, f.from, f.to));
  }
}

/**
 * Inclusive range. Numbers compare as numbers; strings (ISO dates) compare as text, and an upper
 * bound shorter than the value compares its prefix, so `to: "2024-05-31"` includes that whole day.
 */
function inRange(v: string | number | boolean, from: string | number | null | undefined, to: string | number | null | undefined): boolean {
  if (typeof v === 'boolean') return false;
  if (typeof from === 'number' || typeof to === 'number' || typeof v === 'number') {
    const n = Number(v);
    if (!Number.isFinite(n)) return false;
    if (from != null && from !== '' && n < Number(from)) return false;
    if (to != null && to !== '' && n > Number(to)) return false;
    return true;
  }
  if (from != null && from !== '' && v < from) return false;
  if (to != null && to !== '' && v.slice(0, to.length) > to) return false;
  return true;
}

/** What a case sorts by for one key: a number, a string for the collator, or null (last). */
function sortValue(c: CaseRecord, key: string): string | number | null {
  switch (key) {
    case 'number':
      return /^\d+$/.test(c.number) ? Number(c.number) : c.number;
    case 'subject':
      return c.subject;
    case 'status':
      return c.status.label;
    case 'origin':
      return c.origin;
    case 'owner':
      return c.owner?.name ?? null;
  }
  const v = caseFieldValue(c, key);
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.length ? v.join(', ') : null;
  return v;
}
