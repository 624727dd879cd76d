/**
 * What cases sort by: each key's value (`sortValue`), the collation key strings are compared by,
 * and the cheap prefixes of that key a partial sort cuts by (`collationPrefix`, `firstKeyChar`).
 */
import { caseFieldValue } from './case-fields.js';
import type { CaseRecord } from './model.js';

/** What a case sorts by for one key: a number, a string for the collator, or null (last). */
export function sortValue(c: CaseRecord, key: string): string | number | null {
  switch (key) {
    case 'number':
      return numberKey(c.number);
    case 'subject':
      return c.subject;
    case 'status':
      return c.status.label;
    case 'origin':
      return c.origin;
    case 'owner':
      return c.owner?.name ?? null;
    case 'createdAt':
    case 'updatedAt':
    case 'closedAt': {
      const t = Date.parse((key === 'createdAt' ? c.createdAt : key === 'updatedAt' ? c.updatedAt : c.closedAt) ?? '');
      return Number.isNaN(t) ? null : t;
    }
  }
  const v = caseFieldValue(c, key);
  if (v === null || v === undefined || v === '') return null;
  // NaN has no place in an order: it sorts with the missing values.
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return v.length ? v.join(', ') : null;
  return v;
}

/**
 * A string's sort key for plain `<` comparison, close to a base-sensitivity numeric collation:
 * accents and case folded, digit runs zero-padded so "item 9" sorts before "item 10". Comparing
 * keys is far cheaper than Intl.Collator.compare, which matters at 100,000 values.
 */
export function collationKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\d+/g, (d) => (d.length < 16 ? d.padStart(16, '0') : d));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case numbers are usually zero-padded digits: they compare as numbers when both are, else as text. */
export function numberKey(n: string): number | string {
  return /^\d+$/.test(n) ? Number(n) : n;
}

export function compareNumberKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

/** Key characters per level, packed exactly (16 bits each, 48 bits: below 2^53). */
const LEVEL_CHARS = 3;

/**
 * Characters `3 × level` to `3 × level + 2` of `collationKey(s)` as one number (0 past its end):
 * for keys equal before them, a < b never gives prefix(a) > prefix(b), and equal numbers mean equal
 * characters. Plain ASCII is read directly (lower-cased, digit runs padded as the key pads them),
 * which is the common case and far cheaper than the key; anything else takes the real key.
 */
export function collationPrefix(s: string, level = 0): number {
  const from = level * LEVEL_CHARS;
  const to = from + LEVEL_CHARS;
  let v = 0;
  let k = 0;
  for (let i = 0; k < to && i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c >= 128) return packKey(collationKey(s), from);
    if (isAsciiDigit(c)) {
      let j = i + 1;
      while (j < s.length && isAsciiDigit(s.charCodeAt(j))) j++;
      // A character after the run could decompose into a digit and lengthen it: take the real key.
      if (j < s.length && s.charCodeAt(j) >= 128) return packKey(collationKey(s), from);
      const run = j - i;
      for (let z = run < 16 ? 16 - run : 0; z > 0 && k < to; z--, k++) if (k >= from) v = v * 65536 + 48;
      for (let d = i; d < j && k < to; d++, k++) if (k >= from) v = v * 65536 + s.charCodeAt(d);
      i = j;
      continue;
    }
    if (k >= from) v = v * 65536 + (c >= 65 && c <= 90 ? c + 32 : c);
    k++;
    i++;
  }
  for (; k < to; k++) if (k >= from) v *= 65536;
  return v;
}

function packKey(key: string, from: number): number {
  let v = 0;
  for (let k = from; k < from + LEVEL_CHARS; k++) v = v * 65536 + (k < key.length ? key.charCodeAt(k) : 0);
  return v;
}

/**
 * The first character of `collationKey(s)` as a bucket 0–127 that never contradicts the key order
 * (every digit is 48: a key's digits start with padding zeros, and no other character lies between them).
 */
export function firstKeyChar(s: string): number {
  if (!s.length) return 0;
  const c = s.charCodeAt(0);
  if (c >= 128) return Math.min(collationKey(s).charCodeAt(0) || 0, 127);
  if (c >= 48 && c <= 57) return 48;
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
