/**
 * Keys for the table's rows (`repeat`), so that a new window reuses the rows already there:
 * - Rows never move. The new window is laid over the old one at the shift that costs least: a
 *   scroll keeps every row that stays and adds a few at one end; a keystroke or a sort, which
 *   replaces most cases, refills the rows in place (only their texts and attributes change).
 * - The row holding keyboard focus is never handed to another case: when its case leaves, the row
 *   goes; when its case stays, the row goes with it.
 *
 * Why not key by case id alone: new keys made Lit build every row again after a keystroke (the
 * slowest tenth of keystrokes at 100,000 cases: 6 ms in Lit against 2.7 ms refilled), and a row
 * that moves is laid out again as if new. Why not key by place alone: a scroll of a few rows would
 * then rewrite every row instead of adding a few.
 *
 * A new row's key is its case's id, so the rows rendered keyed by case id before this code arrived
 * (it comes with the window's chunk) keep their elements.
 */
export class RowSlots {
  /** The last window's case ids and their rows' keys, in order. */
  private ids: readonly string[] = [];
  private keys: string[] = [];
  private next = 0;

  /** The row keys for the window's case ids, in order; `focusedId`: the case whose row has focus. */
  assign(ids: readonly string[], focusedId: string | null = null): string[] {
    const before = new Map(this.ids.map((id, i) => [id, i]));
    const shift = bestShift(ids, this.ids, before);
    const focusedRow = focusedId === null ? undefined : before.get(focusedId);
    const used = new Set(this.keys);
    const keys = ids.map((id, i) => {
      // The focused case keeps its row (moved, if need be); no other case takes it.
      if (id === focusedId && focusedRow !== undefined && ids.indexOf(id) === i) return this.keys[focusedRow]!;
      const row = i + shift;
      if (row >= 0 && row < this.keys.length && row !== focusedRow) return this.keys[row]!;
      // A new row, named after its case unless a row of that name is still around.
      let key = id;
      while (used.has(key)) key = `${id}~${this.next++}`;
      used.add(key);
      return key;
    });
    this.ids = ids;
    this.keys = keys;
    return keys;
  }

  /** `assign` with the case whose row holds focus in `root` (a shadow root). */
  keysFor(ids: readonly string[], root: Node): string[] {
    return this.assign(ids, focusedCaseId(root));
  }
}

/** A new row costs about twice a row refilled in place (Lit builds its template; its boxes are new). */
const NEW_ROW_COST = 2;

/**
 * The shift (new index + shift = old index) that costs least: rows whose case stays cost nothing,
 * refilled rows 1, new rows NEW_ROW_COST. Shifts tried: none, and each staying case's own.
 */
function bestShift(ids: readonly string[], old: readonly string[], before: Map<string, number>): number {
  const matches = new Map<number, number>([[0, 0]]);
  ids.forEach((id, i) => {
    const at = before.get(id);
    if (at !== undefined) matches.set(at - i, (matches.get(at - i) ?? 0) + 1);
  });
  let best = 0;
  let bestCost = Infinity;
  for (const [shift, same] of matches) {
    const overlap = Math.max(0, Math.min(ids.length, old.length - shift) - Math.max(0, -shift));
    const cost = overlap - same + (ids.length - overlap) * NEW_ROW_COST;
    if (cost < bestCost || (cost === bestCost && Math.abs(shift) < Math.abs(best))) [best, bestCost] = [shift, cost];
  }
  return best;
}

/** The id of the case whose row holds keyboard focus inside `root`, if any. */
export function focusedCaseId(root: Node | null | undefined): string | null {
  const active = (root as Partial<DocumentOrShadowRoot> | null | undefined)?.activeElement;
  return active?.closest<HTMLElement>('tr[data-id]')?.dataset.id ?? null;
}
