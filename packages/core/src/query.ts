/**
 * Query evaluation over an in-memory set of cases: what the memory adapter (and any adapter that
 * holds cases locally) uses to answer `listCases`.
 *
 * Built for 100,000 cases filtered per keystroke (see bench/): a `CaseIndex` precomputes, once
 * per case, the lower-cased search text and the timestamp; once per sort key (until a case
 * changes) the whole order, so a query walks that order and keeps its matches instead of sorting;
 * the cases a view lets through are kept while only the keyword changes, and a keyword that extends
 * a recent one narrows that one's matches instead of scanning everything again. Once built in idle
 * time, bitmaps of which cases hold each character and pair (keyword-grams.ts) answer short
 * keywords alone and leave longer ones few texts to search.
 */
import type { CaseQuery, FieldFilter, Page, SortSpec } from './adapter.js';
import { AdapterError } from './errors.js';
import type { CaseRecord, Viewer } from './model.js';
import { canRead } from './policy.js';
// Its own file: the list's columns need it without the query engine (a chunk of its own in the single file).
import { caseFieldValue } from './case-fields.js';
import { drain, keyOrderSteps, orderByRankSteps, rankSteps, reverseGroups, type KeyOrder, type Steps } from './key-order.js';
import { KeywordGrams, withAllBits } from './keyword-grams.js';
import { headOfOrder } from './sort-head.js';
import { compareNumberKeys, numberKey, sortValue } from './sort-values.js';

export { caseFieldValue };

export const DEFAULT_PAGE_SIZE = 25;
/** A page larger than this is a mistake (or an attack on the main thread), not a page. */
export const MAX_PAGE_SIZE = 1000;

interface Entry {
  c: CaseRecord;
  /** number, subject and description, lower-cased, separated so a match never spans two of them. */
  text: string;
  updated: number;
  /** Position in the index. */
  pos: number;
}

/**
 * One sort key's order over the whole index, computed once and reused by every query until a case
 * changes: a query then walks this order and keeps its matches, so results come out sorted with no
 * per-query sort at all.
 */
interface SortOrder {
  /** Positions of cases with a value, best first for the direction. */
  valued: Int32Array;
  /** Positions of cases without a value: last in both directions (the least interesting). */
  missing: Int32Array;
}

/** The last sorted result: its first `filled` positions (all once `filled === total`), a page inside them is a slice. */
interface SortedResult {
  signature: string;
  positions: Int32Array;
  filled: number;
  total: number;
  /** Where the walk over the built order stopped, to go on for a deeper page (marks valid while `stamp` is current). */
  walk?: { lists: Int32Array[]; list: number; at: number; stamp: number };
}

const EMPTY = new Int32Array(0);

export interface CaseIndexOptions {
  /**
   * From this many cases on, a sort whose order is not built yet sorts only the rows asked for
   * (the first pages) instead of building the whole order first. Default 20,000; tests set 0.
   */
  partialSortAbove?: number;
}

/** Below this, building a whole order takes a few milliseconds: no partial sorts. */
const PARTIAL_SORT_ABOVE = 20_000;
/** Deeper pages than this build the whole order (it is then cached for every later page). */
const PARTIAL_SORT_MAX = 1000;

/** Cases a view (plus origin and field filters) lets through, in index order. */
interface VisibleSet {
  signature: string;
  positions: Int32Array;
  /** Keyword → matching positions, for narrowing as a word grows and for instant widening on backspace. */
  byKeyword: Map<string, KeywordSet>;
}

interface KeywordSet {
  positions: Int32Array;
  counts: Record<string, number>;
}

/** How many recent keywords keep their matches: enough for typing a word and deleting it again. */
const KEYWORD_CACHE = 24;

export class CaseIndex {
  private entries: Entry[] = [];
  /** Each position's search text, beside the entries: the keyword scan touches only these strings. */
  private texts: string[] = [];
  /** Which texts hold each character and pair (built in idle time: `warmKeywords`); null until then. */
  private grams: KeywordGrams | null = null;
  private statusTable: { ids: string[]; byPos: Uint16Array } | null = null;
  private byId = new Map<string, number>();
  /** Per "key:dir": the order a query walks. */
  private orders = new Map<string, SortOrder>();
  private keyOrders = new Map<string, KeyOrder>();
  /** The order an idle-time build got part of the way through (`warmOrders`); dropped when a case changes. */
  private building: { key: string; steps: Steps<KeyOrder> } | null = null;
  private visible: VisibleSet | null = null;
  private sorted: SortedResult | null = null;
  /** Where each position stands in the default order: every sort's tie-breaker. */
  private defaultPlace: Int32Array | null = null;
  private readonly partialSortAbove: number;
  /** Scratch marks per position for set membership, valid where equal to `stamp`. */
  private marks = new Uint32Array(0);
  private stamp = 0;

  constructor(cases: Iterable<CaseRecord> = [], options: CaseIndexOptions = {}) {
    this.partialSortAbove = options.partialSortAbove ?? PARTIAL_SORT_ABOVE;
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
    else {
      this.entries[i] = makeEntry(c, i);
      this.texts[i] = this.entries[i]!.text;
      this.grams?.set(i, this.texts[i]!);
    }
    this.invalidate();
  }

  remove(id: string): void {
    const i = this.byId.get(id);
    if (i === undefined) return;
    this.entries.splice(i, 1);
    this.texts.splice(i, 1);
    // Every later position moved: index again from scratch (the next warm-up).
    this.grams = null;
    this.byId.clear();
    this.entries.forEach((e, pos) => {
      e.pos = pos;
      this.byId.set(e.c.id, pos);
    });
    this.invalidate();
  }

  /**
   * Answers a query as `viewer` sees the cases: only cases `canRead` allows, narrowed by the view
   * (mine: requester; account: same account with "read-account"; linked: viewer is a contact of someone else's case),
   * keyword, statuses, status categories, origins and field filters; sorted; one page.
   * `statusCounts` counts the query without its status and category filters.
   */
  query(query: CaseQuery, viewer: Viewer): Page<CaseRecord> {
    const limit = normalizeLimit(query.limit);
    const offset = decodeCursor(query.cursor);
    const visible = this.visibleFor(query, viewer);
    const keyword = (query.keyword ?? '').trim().toLowerCase();
    const matches = this.keywordSet(visible, keyword);

    const signature = JSON.stringify([visible.signature, keyword, query.statuses ?? null, query.categories ?? null, query.sort ?? null]);
    const need = offset + limit;
    let sorted = this.sorted;
    // The cached head serves pages inside it; a page past it goes on with the walk, or (after a
    // partial sort, or once another query took the marks) sorts again.
    if (sorted?.signature !== signature) sorted = this.sorted = this.sortedPositions(signature, matches.positions, query, need);
    else if (sorted.filled < Math.min(need, sorted.total)) {
      if (sorted.walk?.stamp === this.stamp) this.walk(sorted, need);
      else sorted = this.sorted = this.sortedPositions(signature, matches.positions, query, need);
    }
    const { positions, total } = sorted;
    const end = Math.min(need, total);
    const items: CaseRecord[] = [];
    for (let i = offset; i < end; i++) items.push(this.entries[positions[i]!]!.c);
    return {
      items,
      total,
      nextCursor: end < total ? encodeCursor(end) : null,
      statusCounts: { ...matches.counts },
    };
  }

  private push(c: CaseRecord): void {
    const pos = this.entries.length;
    const e = makeEntry(c, pos);
    this.entries.push(e);
    this.texts.push(e.text);
    this.grams?.set(pos, e.text);
    this.byId.set(c.id, pos);
  }

  /** Matches per status id, counted over a small array of status numbers instead of a keyed object. */
  private statusCounts(positions: Int32Array): Record<string, number> {
    const { ids, byPos } = this.statusIds();
    const tally = new Int32Array(ids.length);
    for (let i = 0; i < positions.length; i++) tally[byPos[positions[i]!]!]!++;
    const counts: Record<string, number> = {};
    ids.forEach((id, k) => {
      if (tally[k]) counts[id] = tally[k]!;
    });
    return counts;
  }

  /** Each position's status as a small number (built once until a case changes). */
  private statusIds(): { ids: string[]; byPos: Uint16Array } {
    if (this.statusTable) return this.statusTable;
    const ids: string[] = [];
    const number = new Map<string, number>();
    const byPos = new Uint16Array(this.entries.length);
    this.entries.forEach((e, p) => {
      let k = number.get(e.c.status.id);
      if (k === undefined) {
        k = ids.push(e.c.status.id) - 1;
        number.set(e.c.status.id, k);
      }
      byPos[p] = k;
    });
    this.statusTable = { ids, byPos };
    return this.statusTable;
  }

  private invalidate(): void {
    this.statusTable = null;
    this.defaultPlace = null;
    this.orders.clear();
    this.keyOrders.clear();
    this.building = null;
    this.visible = null;
    this.sorted = null;
  }

  /** Readable cases the view, origins and field filters let through; rescanned only when those change. */
  private visibleFor(query: CaseQuery, viewer: Viewer): VisibleSet {
    const signature = JSON.stringify([
      viewer.id,
      viewer.account?.id ?? null,
      viewer.permissions,
      query.view ?? null,
      query.origins ?? null,
      query.fields ?? null,
    ]);
    if (this.visible?.signature === signature) return this.visible;
    const match = baseMatcher(query, viewer);
    const out: number[] = [];
    for (const e of this.entries) if (match(e)) out.push(e.pos);
    this.visible = { signature, positions: Int32Array.from(out), byKeyword: new Map() };
    return this.visible;
  }

  /** Matches of `keyword` within the visible set, narrowing from the longest cached keyword it contains. */
  private keywordSet(visible: VisibleSet, keyword: string): KeywordSet {
    const cache = visible.byKeyword;
    const hit = cache.get(keyword);
    if (hit) {
      // Most recently used last: the oldest entry is the first to go.
      cache.delete(keyword);
      cache.set(keyword, hit);
      return hit;
    }
    let source = visible.positions;
    let best = -1;
    for (const [k, set] of cache) {
      // A keyword that contains an earlier one can only match a subset of its matches.
      if (k.length > best && keyword.includes(k)) {
        best = k.length;
        source = set.positions;
      }
    }
    const out = new Int32Array(source.length);
    let n = 0;
    const texts = this.texts;
    // The bitmaps first, when built: they decide short keywords alone and leave longer ones few texts to search.
    const grams = keyword && this.grams?.built === texts.length ? this.grams.filter(keyword) : null;
    if (grams) {
      n = withAllBits(source, grams.maps, out);
      if (!grams.exact) {
        const candidates = n;
        n = 0;
        for (let i = 0; i < candidates; i++) if (texts[out[i]!]!.includes(keyword)) out[n++] = out[i]!;
      }
    } else {
      for (let i = 0; i < source.length; i++) {
        const p = source[i]!;
        if (keyword && !texts[p]!.includes(keyword)) continue;
        out[n++] = p;
      }
    }
    const positions = n === out.length ? out : out.slice(0, n);
    const set: KeywordSet = { positions, counts: this.statusCounts(positions) };
    cache.set(keyword, set);
    if (cache.size > KEYWORD_CACHE) cache.delete(cache.keys().next().value!);
    return set;
  }

  /**
   * The matches filtered by status and category, in sort order: a walk over the cached order that
   * stops once the first `need` are found (the total is known from the filter alone). When that
   * order is not built yet (a header clicked before the idle warm-up got to it) and only the first
   * `need` are asked for, only those are sorted (see `headOfOrder`).
   */
  private sortedPositions(signature: string, matches: Int32Array, query: CaseQuery, need: number): SortedResult {
    const statuses = query.statuses?.length ? new Set(query.statuses) : null;
    const categories = query.categories?.length ? new Set<string>(query.categories) : null;
    // Marks: a stamp per position instead of a fresh array per query (no allocation, no clearing).
    const stamp = this.nextStamp();
    const marks = this.marks;
    let kept = 0;
    for (let i = 0; i < matches.length; i++) {
      const p = matches[i]!;
      if (statuses || categories) {
        const s = this.entries[p]!.c.status;
        if ((statuses && !statuses.has(s.id)) || (categories && !categories.has(s.category))) continue;
      }
      marks[p] = stamp;
      kept++;
    }
    const spec = query.sort;
    if (spec && !this.orderReady(spec) && this.entries.length >= this.partialSortAbove && need <= PARTIAL_SORT_MAX && need < kept) {
      const filtered = new Int32Array(kept);
      let k = 0;
      for (let i = 0; i < matches.length; i++) if (marks[matches[i]!] === stamp) filtered[k++] = matches[i]!;
      const head = headOfOrder(filtered, (p) => sortValue(this.entries[p]!.c, spec.key), this.placeInDefault(), spec.dir, need);
      if (head) return { signature, positions: head, filled: head.length, total: kept };
    }
    const order = this.orderFor(spec);
    const sorted: SortedResult = {
      signature,
      positions: new Int32Array(Math.min(kept, Math.max(need, 64))),
      filled: 0,
      total: kept,
      walk: { lists: [order.valued, order.missing], list: 0, at: 0, stamp },
    };
    this.walk(sorted, need);
    return sorted;
  }

  /** Goes on along the order until the first `need` marked positions (or all of them) are in `sorted`. */
  private walk(sorted: SortedResult, need: number): void {
    const w = sorted.walk!;
    const want = Math.min(need, sorted.total);
    if (sorted.positions.length < want) {
      // Deeper pages come one after another: grow ahead of them.
      const grown = new Int32Array(Math.min(sorted.total, Math.max(want, sorted.positions.length * 2)));
      grown.set(sorted.positions.subarray(0, sorted.filled));
      sorted.positions = grown;
    }
    const { marks } = this;
    const out = sorted.positions;
    let n = sorted.filled;
    for (; w.list < w.lists.length && n < want; w.list++, w.at = 0) {
      const list = w.lists[w.list]!;
      let i = w.at;
      while (i < list.length && n < want) {
        const p = list[i++]!;
        if (marks[p] === w.stamp) out[n++] = p;
      }
      w.at = i;
      if (n >= want) break;
    }
    sorted.filled = n;
  }

  /** The order for this spec exists already: walking it beats any partial sort. */
  private orderReady(spec: SortSpec): boolean {
    return (spec.key === 'updatedAt' && spec.dir === 'desc') || this.orders.has(`${spec.key}:${spec.dir}`) || this.keyOrders.has(spec.key);
  }

  private placeInDefault(): Int32Array {
    if (this.defaultPlace) return this.defaultPlace;
    const place = new Int32Array(this.entries.length);
    const order = this.defaultOrder();
    for (let i = 0; i < order.length; i++) place[order[i]!] = i;
    this.defaultPlace = place;
    return place;
  }

  /** A fresh stamp for `marks` (sized to the index); wraps around by clearing once in 4 billion. */
  private nextStamp(): number {
    if (this.marks.length !== this.entries.length) this.marks = new Uint32Array(this.entries.length);
    if (++this.stamp > 0xffff_fffe) {
      this.marks.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  /**
   * Builds the orders for these sort keys now (both directions come from one build), so the first
   * click on a column header walks a ready order.
   */
  warm(keys: readonly string[] = []): void {
    this.defaultOrder();
    this.placeInDefault();
    for (const key of keys) this.keyOrder(key);
  }

  /**
   * The same, a slice at a time: goes on with the order the last call left unfinished until every
   * key's is built or `timeUp()` (checked between steps of a fraction of a millisecond; see
   * key-order.ts). True once all are built. For idle time; a case that changes drops the unfinished one.
   */
  warmOrders(keys: readonly string[], timeUp: () => boolean = () => false): boolean {
    this.warm();
    for (const key of keys) {
      if (this.keyOrders.has(key)) continue;
      if (this.building?.key !== key) this.building = { key, steps: this.keyOrderSteps(key) };
      for (let r = this.building.steps.next(); ; r = this.building.steps.next()) {
        if (r.done) {
          this.keyOrders.set(key, r.value);
          this.building = null;
          break;
        }
        if (timeUp()) return false;
      }
    }
    return true;
  }

  /**
   * Indexes the search texts for keywords (see keyword-grams.ts), a slice at a time: goes on from
   * where the last call stopped until done or `timeUp()`. True once every case is indexed; until
   * then a keyword is searched for in every text, as without the index. For idle time.
   */
  warmKeywords(timeUp?: () => boolean): boolean {
    this.grams ??= new KeywordGrams();
    return this.grams.extend(this.texts, timeUp);
  }

  /** Whether keywords are answered from the index (every case indexed). */
  get keywordsIndexed(): boolean {
    return this.grams?.built === this.texts.length;
  }

  private orderFor(spec: SortSpec | undefined): SortOrder {
    // Newest update first is the default order itself (same tie-break): never build it twice.
    if (!spec || (spec.key === 'updatedAt' && spec.dir === 'desc')) return { valued: this.defaultOrder(), missing: EMPTY };
    const id = `${spec.key}:${spec.dir}`;
    let order = this.orders.get(id);
    if (!order) {
      const k = this.keyOrder(spec.key);
      order = { valued: spec.dir === 'asc' ? k.asc : reverseGroups(k.asc, k.ranks), missing: k.missing };
      this.orders.set(id, order);
    }
    return order;
  }

  /** Newest change first, then case number: the order when nothing else decides, and every tie-breaker. */
  private defaultOrder(): Int32Array {
    const cached = this.orders.get(':default');
    if (cached) return cached.valued;
    const entries = this.entries;
    const order = drain(orderByRankSteps(entries.length, drain(rankSteps(entries.map((e) => -e.updated))), (p) => p));
    // Settle runs of equal timestamps by case number instead of index position.
    for (let i = 0; i < order.length; ) {
      const t = entries[order[i]!]!.updated;
      let j = i + 1;
      while (j < order.length && entries[order[j]!]!.updated === t) j++;
      if (j - i > 1) {
        const run = Array.from(order.subarray(i, j), (p) => ({ p, k: numberKey(entries[p]!.c.number) }));
        run.sort((a, b) => compareNumberKeys(a.k, b.k) || a.p - b.p);
        order.set(run.map((r) => r.p), i);
      }
      i = j;
    }
    this.orders.set(':default', { valued: order, missing: EMPTY });
    return order;
  }

  /** One key's ascending order, built now (or finished now, when the idle warm-up began it). */
  private keyOrder(key: string): KeyOrder {
    let k = this.keyOrders.get(key);
    if (k) return k;
    const pending = this.building?.key === key ? this.building : null;
    if (pending) this.building = null;
    k = drain(pending?.steps ?? this.keyOrderSteps(key));
    this.keyOrders.set(key, k);
    return k;
  }

  /** Ranks of the key's distinct values (one collation of those only), ties in default order. */
  private keyOrderSteps(key: string): Steps<KeyOrder> {
    const entries = this.entries;
    return keyOrderSteps(entries.length, (p) => sortValue(entries[p]!.c, key), this.placeInDefault(), this.defaultOrder());
  }
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
    pos,
  };
}

/** The predicate for the base set, with everything that depends only on the query hoisted out. */
function baseMatcher(query: CaseQuery, viewer: Viewer): (e: Entry) => boolean {
  const view = query.view;
  const hasAccountRead = viewer.permissions.includes('read-account') && !!viewer.account;
  const origins = query.origins?.length ? new Set(query.origins) : null;
  const fieldTests = Object.entries(query.fields ?? {}).map(([key, f]) => fieldTest(key, f));

  return (e) => {
    const c = e.c;
    if (view === 'mine' && c.requester.id !== viewer.id) return false;
    if (view === 'account' && (!hasAccountRead || c.account?.id !== viewer.account?.id)) return false;
    // "Cases I'm copied on": other people's cases that list the viewer; their own stay under "mine"
    // even when a backend also lists the requester among the people copied.
    if (view === 'linked' && (c.requester.id === viewer.id || !c.contacts?.some((p) => p.id === viewer.id))) return false;
    // The one rule that must never break, whatever the view says: only readable cases leave here.
    if (!canRead(c, viewer)) return false;
    if (origins && !origins.has(c.origin)) return false;
    for (const t of fieldTests) if (!t(c)) return false;
    return true;
  };
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
