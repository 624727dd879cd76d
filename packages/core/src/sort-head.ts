/**
 * The first rows of a sort whose whole order is not built yet: what a header click before the idle
 * warm-up sorts (one screenful, not 100,000 cases).
 */
import { collationKey, collationPrefix, compareStrings, firstKeyChar } from './sort-values.js';

/** A tied group this small is sorted exactly instead of read further. */
const EXACT_SORT_MAX = 64;
/** A head whose candidates (values sharing the cut-off's prefix) exceed this builds the whole order. */
const PARTIAL_CANDIDATES_MAX = 20_000;

/**
 * The first `need` of `positions` exactly as the full order (`keyOrder`, its descending form and
 * the missing values after) would list them, without building that order: the cold click on a
 * header sorts one screenful, not 100,000 cases.
 *
 * The full order: numbers before strings ascending (strings before numbers descending), numbers by
 * value, strings by collation key then by the text itself, values missing last in both directions;
 * equal values by place in the default order (`tie`). Each group is taken whole while it fits in
 * `need`; in the group where `need` runs out, a cheap key that never contradicts the full order
 * (the number; a string's first collation-key characters packed into one float) picks the
 * candidates: those at or before the `need`-th cheap key. Only they get full collation keys and a
 * real sort. Null when too many strings share the cut-off's prefix: the caller builds the order.
 */
export function headOfOrder(
  positions: Int32Array,
  valueOf: (p: number) => string | number | null,
  tie: Int32Array,
  dir: 'asc' | 'desc',
  need: number,
): Int32Array | null {
  const sign = dir === 'asc' ? 1 : -1;
  const nums: number[] = [];
  const numValues: number[] = [];
  const strs: number[] = [];
  const strValues: string[] = [];
  const missing: number[] = [];
  // Strings get their first cut here, one character read each: the first key character as a
  // bucket (reversed for descending); a histogram then finds where the head ends.
  const buckets = new Uint8Array(positions.length);
  const histogram = new Int32Array(128);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const v = valueOf(p);
    if (v === null) missing.push(p);
    else if (typeof v === 'number') {
      nums.push(p);
      numValues.push(v);
    } else {
      const b = sign > 0 ? firstKeyChar(v) : 127 - firstKeyChar(v);
      buckets[strs.length] = b;
      histogram[b]!++;
      strs.push(p);
      strValues.push(v);
    }
  }
  const out: number[] = [];
  const takeNumbers = (): boolean => {
    const rest = need - out.length;
    if (rest <= 0 || !nums.length) return true;
    const coarse = new Float64Array(nums.length);
    for (let i = 0; i < nums.length; i++) coarse[i] = sign * numValues[i]!;
    const chosen = candidates(coarse, rest);
    const picked = chosen.map((i) => ({ p: nums[i]!, v: coarse[i]! }));
    picked.sort((a, b) => a.v - b.v || tie[a.p]! - tie[b.p]!);
    for (let i = 0; i < picked.length && out.length < need; i++) out.push(picked[i]!.p);
    return true;
  };
  const takeStrings = (): boolean => {
    const rest = need - out.length;
    const m = strs.length;
    if (rest <= 0 || !m) return true;
    // The bucket where `rest` runs out: everything in a later one sorts after `rest` others.
    let cut = 0;
    for (let seen = 0; seen + histogram[cut]! < rest; cut++) seen += histogram[cut]!;
    let group: number[] = [];
    for (let i = 0; i < m; i++) if (buckets[i]! <= cut) group.push(i);
    // Then three key characters at a time: those before the cut-off are in, those at it go on to
    // the next three, until few are left (or their keys ended: equal keys, sorted below).
    const chosen: number[] = [];
    for (let level = 0; ; level++) {
      const wanted = rest - chosen.length;
      if (group.length <= wanted) {
        for (const i of group) chosen.push(i);
        break;
      }
      const coarse = new Float64Array(group.length);
      for (let j = 0; j < group.length; j++) coarse[j] = sign * collationPrefix(strValues[group[j]!]!, level);
      const at = kthSmallest(coarse.slice(), wanted - 1);
      const tied: number[] = [];
      for (let j = 0; j < group.length; j++) {
        if (coarse[j]! < at) chosen.push(group[j]!);
        else if (coarse[j] === at) tied.push(group[j]!);
      }
      // Few left, keys ended, or a level that narrowed nothing (strings alike far beyond three
      // characters: reading on would rescan them level after level; sorting them costs less).
      if (tied.length <= EXACT_SORT_MAX || at === 0 || tied.length === group.length) {
        for (const i of tied) chosen.push(i);
        break;
      }
      group = tied;
    }
    if (chosen.length > PARTIAL_CANDIDATES_MAX) return false;
    const keys = new Map<string, string>();
    const keyOf = (s: string) => {
      let k = keys.get(s);
      if (k === undefined) keys.set(s, (k = collationKey(s)));
      return k;
    };
    const picked = chosen.map((i) => ({ p: strs[i]!, s: strValues[i]!, k: keyOf(strValues[i]!) }));
    picked.sort((a, b) => sign * (compareStrings(a.k, b.k) || compareStrings(a.s, b.s)) || tie[a.p]! - tie[b.p]!);
    for (let i = 0; i < picked.length && out.length < need; i++) out.push(picked[i]!.p);
    return true;
  };
  const groups = dir === 'asc' ? [takeNumbers, takeStrings] : [takeStrings, takeNumbers];
  for (const take of groups) if (!take()) return null;
  if (out.length < need) {
    missing.sort((a, b) => tie[a]! - tie[b]!);
    for (let i = 0; i < missing.length && out.length < need; i++) out.push(missing[i]!);
  }
  return Int32Array.from(out);
}

/** Indexes of the values at or below the `k`-th smallest (all of them when there are no more than `k`). */
function candidates(values: Float64Array, k: number): number[] {
  const all = values.length;
  if (all <= k) return Array.from({ length: all }, (_, i) => i);
  const cut = kthSmallest(values.slice(), k - 1);
  const out: number[] = [];
  for (let i = 0; i < all; i++) if (values[i]! <= cut) out.push(i);
  return out;
}

/** Quickselect: the value that would stand at index `k` if `a` (reordered in place) were sorted. */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}
