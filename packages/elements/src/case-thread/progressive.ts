import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Renders a long conversation in slices: the first screenful at once, the rest a slice per task,
 * so a thread of a thousand messages paints in a few dozen milliseconds and the page answers
 * input while the rest arrives. Every message ends up in the DOM (find in page, screen readers'
 * browse mode, links): this delays work, it doesn't window it.
 *
 * Deferred messages are a suffix of the list (the newest of a first load), so nothing shows out of
 * order and what is on screen never moves: later slices are added below it.
 */
export class ProgressiveRender implements ReactiveController {
  /** Messages rendered at once; enough to fill a tall window (a message is at least ~4 lines). */
  static firstSlice = 20;
  /** Messages added per task after that: a task stays well under a frame's budget. */
  static slice = 40;

  private backlog: string[] = [];
  private deferred = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** How many messages are still waiting (for aria-busy, and as a render dependency). */
  get pending(): number {
    return this.backlog.length;
  }

  isDeferred(id: string): boolean {
    return this.deferred.has(id);
  }

  /** After a first load: everything past the first slice waits for later tasks. */
  deferAfterFirstSlice(ids: readonly string[]): void {
    const first = (this.constructor as typeof ProgressiveRender).firstSlice;
    if (ids.length <= first) return;
    this.add(ids.slice(first));
  }

  /** A message that arrives while others still wait goes behind them, keeping the order. */
  add(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.deferred.has(id)) continue;
      this.deferred.add(id);
      this.backlog.push(id);
    }
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.backlog = [];
    this.deferred.clear();
  }

  hostUpdated(): void {
    if (this.backlog.length === 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const size = (this.constructor as typeof ProgressiveRender).slice;
      for (const id of this.backlog.splice(0, size)) this.deferred.delete(id);
      this.host.requestUpdate();
    }, 0);
  }

  hostDisconnected(): void {
    // Back on the page, everything renders at once: the slices were only for the first paint.
    this.reset();
  }
}
