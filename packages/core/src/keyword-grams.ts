/**
 * Which cases' search texts hold each letter or digit, and each pair of them: one bit per case
 * per character and per pair. A keyword then narrows the cases with a few bit tests instead of a
 * substring search in every text (for 100,000 cases the scan is 4-6 ms, most of a keystroke's frame).
 *
 * A keyword of one or two indexed characters is answered by its bitmap alone. A longer one (or one
 * with other characters) is tested on the cases that have all its pairs, and only those are then
 * searched for the whole keyword. Characters outside a-z and 0-9 are not indexed: a keyword made
 * only of them finds no bitmap and the caller scans as before.
 *
 * Built in idle time, a slice at a time (see `extend`); positions past `built` are not indexed,
 * so the caller uses the bitmaps only once `built` covers every case.
 */

/** a-z → 0-25, 0-9 → 26-35, anything else → -1 (not indexed). */
const SYMBOL = new Int8Array(128).fill(-1);
for (let c = 97; c <= 122; c++) SYMBOL[c] = c - 97;
for (let c = 48; c <= 57; c++) SYMBOL[c] = 26 + c - 48;
const SYMBOLS = 36;

const symbolAt = (s: string, i: number): number => {
  const code = s.charCodeAt(i);
  return code < 128 ? SYMBOL[code]! : -1;
};

/** What a keyword needs: every bitmap must have the case's bit; `exact` when that alone decides. */
export interface GramFilter {
  maps: Uint32Array[];
  exact: boolean;
}

export class KeywordGrams {
  /** Positions below this are indexed. */
  built = 0;
  /** Bitmaps per character and per pair of characters, allocated when first seen. */
  private singles: (Uint32Array | undefined)[] = new Array(SYMBOLS);
  private pairs: (Uint32Array | undefined)[] = new Array(SYMBOLS * SYMBOLS);
  /** Words (32 positions each) every bitmap holds. */
  private words = 0;

  /** Indexes `texts` from `built` on, until done or `timeUp()` (checked every few hundred texts); true when done. */
  extend(texts: readonly string[], timeUp: () => boolean = () => false): boolean {
    this.reserve(texts.length);
    while (this.built < texts.length) {
      const stop = Math.min(texts.length, this.built + 512);
      for (let p = this.built; p < stop; p++) this.add(p, texts[p]!);
      this.built = stop;
      if (timeUp()) break;
    }
    return this.built === texts.length;
  }

  /** A case's text changed (or a case was added right after the indexed ones). */
  set(p: number, text: string): void {
    if (p > this.built) return;
    if (p === this.built) {
      this.reserve(p + 1);
      this.built++;
    } else {
      const word = p >>> 5;
      const keep = ~(1 << (p & 31));
      for (const map of this.singles) if (map) map[word]! &= keep;
      for (const map of this.pairs) if (map) map[word]! &= keep;
    }
    this.add(p, text);
  }

  /**
   * The bitmaps a case must be in to contain `keyword` (lower-case, as the texts), or null when
   * the keyword has no indexed character (scan instead). A missing bitmap is an empty one.
   */
  filter(keyword: string): GramFilter | null {
    const maps: Uint32Array[] = [];
    let empty: Uint32Array | undefined;
    // A character or pair no text has: an empty bitmap (made only then).
    const none = () => (empty ??= new Uint32Array(this.words));
    let exact = keyword.length <= 2;
    let prev = -1;
    for (let i = 0; i < keyword.length; i++) {
      const k = symbolAt(keyword, i);
      if (k < 0) exact = false;
      else if (keyword.length === 1) maps.push(this.singles[k] ?? none());
      else if (prev >= 0) maps.push(this.pairs[prev * SYMBOLS + k] ?? none());
      prev = k;
    }
    if (!maps.length) {
      // No pair of indexed characters ("é1", "a-b"): the indexed characters alone still narrow.
      for (let i = 0; i < keyword.length; i++) {
        const k = symbolAt(keyword, i);
        if (k >= 0) maps.push(this.singles[k] ?? none());
      }
      exact = false;
    }
    return maps.length ? { maps, exact } : null;
  }

  private add(p: number, text: string): void {
    const word = p >>> 5;
    const bit = 1 << (p & 31);
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const k = symbolAt(text, i);
      if (k >= 0) {
        (this.singles[k] ??= new Uint32Array(this.words))[word]! |= bit;
        if (prev >= 0) (this.pairs[prev * SYMBOLS + k] ??= new Uint32Array(this.words))[word]! |= bit;
      }
      prev = k;
    }
  }

  /** Room for `count` positions in every bitmap (grown by an eighth more, so adding cases rarely copies). */
  private reserve(count: number): void {
    const need = (count + 31) >>> 5;
    if (need <= this.words) return;
    const words = Math.max(need, Math.ceil(this.words * 1.125));
    const grow = (map: Uint32Array | undefined) => {
      if (!map) return map;
      const bigger = new Uint32Array(words);
      bigger.set(map);
      return bigger;
    };
    this.singles = this.singles.map(grow);
    this.pairs = this.pairs.map(grow);
    this.words = words;
  }
}

/** The positions of `source` whose bit is set in every map. */
export function withAllBits(source: Int32Array, maps: readonly Uint32Array[], out: Int32Array): number {
  let n = 0;
  const m = maps.length;
  next: for (let i = 0; i < source.length; i++) {
    const p = source[i]!;
    const word = p >>> 5;
    const bit = 1 << (p & 31);
    for (let j = 0; j < m; j++) if (!(maps[j]![word]! & bit)) continue next;
    out[n++] = p;
  }
  return n;
}
