/**
 * Whole orders over an index's cases, built as steps: every loop over the cases yields each
 * CHECKPOINT entries, so an idle-time build can stop when its slice is used up and go on in the
 * next one (`CaseIndex.warmOrders`), while a build on demand runs the steps to their end (`drain`).
 * At 100,000 cases one key's order took 30-140 ms as one task, long enough to hold up a keystroke
 * typed meanwhile; what cannot be cut is a native sort (a few to ~15 ms at that size).
 */
import { collationKey, compareStrings } from './sort-values.js';

/** One key's ascending order with the rank at each place, from which the descending one is derived. */
export interface KeyOrder {
  asc: Int32Array;
  ranks: Int32Array;
  /** Positions without a value, in default order. */
  missing: Int32Array;
}

/** Steps that end in a value: a `yield` is a place to stop. */
export type Steps<T> = Generator<void, T, void>;

/** How many entries a loop handles between two places to stop (a fraction of a millisecond). */
const CHECKPOINT = 2048;

/** Runs steps to their end. */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * One key's order: `valueAt(p)` is position p's sort value (null: none), `place` where each
 * position stands in the default order (ties keep it), `defaultOrder` that order itself.
 */
export function* keyOrderSteps(
  n: number,
  valueAt: (p: number) => string | number | null,
  place: Int32Array,
  defaultOrder: Int32Array,
): Steps<KeyOrder> {
  const values = new Array<string | number | null>(n);
  for (let p = 0; p < n; p++) {
    values[p] = valueAt(p);
    if (p % CHECKPOINT === CHECKPOINT - 1) yield;
  }
  const rank = yield* rankSteps(values);
  const asc = yield* orderByRankSteps(n, rank, (p) => place[p]!);
  const ranks = new Int32Array(asc.length);
  for (let i = 0; i < asc.length; i++) {
    ranks[i] = rank[asc[i]!]!;
    if (i % CHECKPOINT === CHECKPOINT - 1) yield;
  }
  const missing: number[] = [];
  for (let i = 0; i < defaultOrder.length; i++) {
    const p = defaultOrder[i]!;
    if (rank[p]! < 0) missing.push(p);
    if (i % CHECKPOINT === CHECKPOINT - 1) yield;
  }
  return { asc, ranks, missing: Int32Array.from(missing) };
}

/**
 * Ranks values: numbers first (sorted natively, ranked by binary search: no Map of 100,000 doubles),
 * then strings by collation key (only the distinct ones are sorted); -1 for no value.
 * Equal values get equal ranks.
 */
export function* rankSteps(values: readonly (string | number | null)[]): Steps<Int32Array> {
  const n = values.length;
  const rank = new Int32Array(n).fill(-1);
  let numCount = 0;
  const strs = new Set<string>();
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (typeof v === 'number') numCount++;
    else if (v !== null) strs.add(v);
    if (i % CHECKPOINT === CHECKPOINT - 1) yield;
  }
  if (numCount) {
    const nums = new Float64Array(numCount);
    let j = 0;
    for (const v of values) if (typeof v === 'number') nums[j++] = v;
    nums.sort();
    yield;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (typeof v === 'number') rank[i] = lowerBound(nums, v);
      if (i % CHECKPOINT === CHECKPOINT - 1) yield;
    }
  }
  if (strs.size) {
    const keyed: (readonly [string, string])[] = [];
    for (const s of strs) {
      keyed.push([collationKey(s), s]);
      if (keyed.length % CHECKPOINT === 0) yield;
    }
    keyed.sort((a, b) => compareStrings(a[0], b[0]) || compareStrings(a[1], b[1]));
    yield;
    const rankOf = new Map<string, number>();
    for (let i = 0; i < keyed.length; i++) {
      rankOf.set(keyed[i]![1], n + i);
      if (i % CHECKPOINT === CHECKPOINT - 1) yield;
    }
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (typeof v === 'string') rank[i] = rankOf.get(v)!;
      if (i % CHECKPOINT === CHECKPOINT - 1) yield;
    }
  }
  return rank;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Positions with rank >= 0 ordered by (rank, tie): both packed into one float and sorted natively,
 * several times faster than a comparator sort at 100,000 entries. `tie` must be unique per position.
 */
export function* orderByRankSteps(n: number, rank: Int32Array, tie: (p: number) => number): Steps<Int32Array> {
  let count = 0;
  for (let p = 0; p < n; p++) if (rank[p]! >= 0) count++;
  const packed = new Float64Array(count);
  const byTie = new Int32Array(n);
  let j = 0;
  for (let p = 0; p < n; p++) {
    if (rank[p]! >= 0) {
      const t = tie(p);
      byTie[t] = p;
      packed[j++] = rank[p]! * n + t;
    }
    if (p % CHECKPOINT === CHECKPOINT - 1) yield;
  }
  packed.sort();
  yield;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = byTie[packed[i]! % n]!;
    if (i % CHECKPOINT === CHECKPOINT - 1) yield;
  }
  return out;
}

/** The descending order from an ascending one: groups of equal rank reversed, each group kept in default order. */
export function reverseGroups(asc: Int32Array, ranks: Int32Array): Int32Array {
  const out = new Int32Array(asc.length);
  let n = 0;
  for (let end = asc.length; end > 0; ) {
    let start = end - 1;
    while (start > 0 && ranks[start - 1] === ranks[end - 1]) start--;
    out.set(asc.subarray(start, end), n);
    n += end - start;
    end = start;
  }
  return out;
}
