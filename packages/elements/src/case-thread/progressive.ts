import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Renders a long conversation (a first page of more than `threshold` messages) in slices: the first screenful at once, the rest a slice per task,
 * so a thread of a thousand messages paints in a few dozen milliseconds and the page answers
 * input while the rest arrives. Every message ends up in the DOM (find in page, screen readers'
 * browse mode, links): this delays work, it doesn't window it.
 *
 * Deferred messages are a suffix of the list (the newest of a first load), so nothing shows out of
 * order and what is on screen never moves: later slices are added below it.
 */
export class ProgressiveRender implements ReactiveController {
  /** A first load up to this size renders at once (a usual page of 25 needs no slicing). */
  static threshold = 50;
  /** Messages rendered at once; enough to fill a tall window (a message is at least ~4 lines). */
  static firstSlice = 12;
  /** Messages added per task after that: a task stays short, so input is answered between them. */
  static slice = 25;

  private backlog: string[] = [];
  private deferred = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private frame = 0;
  /** Each scheduled slice has a number; a late callback of an older one does nothing. */
  private round = 0;
  private scheduled = false;

  /**
   * `release` runs each later slice: the owner wraps it when it must keep something in place while
   * the slice pushes content down (the thread keeps the composer where the customer types).
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly release: (change: () => void) => void = (change) => change(),
  ) {
    host.addController(this);
  }

  /** How many messages are still waiting (for aria-busy, and as a render dependency). */
  get pending(): number {
    return this.backlog.length;
  }

  isDeferred(id: string): boolean {
    return this.deferred.has(id);
  }

  /**
   * Resolves once the message is in the DOM: after the host's next update, and after the slices
   * it waits behind. Leaving the page resets the backlog, so this never waits for a gone host.
   */
  async whenRendered(id: string): Promise<void> {
    await this.host.updateComplete;
    while (this.deferred.has(id)) {
      await new Promise((r) => setTimeout(r, 50));
      await this.host.updateComplete;
    }
  }

  /** After a first load: everything past the first slice waits for later tasks. */
  deferAfterFirstSlice(ids: readonly string[]): void {
    const { firstSlice, threshold } = this.constructor as typeof ProgressiveRender;
    if (ids.length <= threshold) return;
    this.add(ids.slice(firstSlice));
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
    this.cancel();
    this.backlog = [];
    this.deferred.clear();
  }

  private cancel(): void {
    this.round++;
    this.scheduled = false;
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.timer = undefined;
    this.frame = 0;
  }

  /**
   * The next slice waits for a frame, so what was just rendered is painted first, then for an idle
   * moment, so input and other work go before it; a page that gets no frames (a background tab)
   * moves on after 100 ms instead.
   */
  hostUpdated(): void {
    if (this.backlog.length === 0 || this.scheduled) return;
    this.scheduled = true;
    const round = this.round;
    const next = () => {
      if (round !== this.round) return; // ran already (by another of its callbacks), or reset
      this.cancel();
      const size = (this.constructor as typeof ProgressiveRender).slice;
      this.release(() => {
        for (const id of this.backlog.splice(0, size)) this.deferred.delete(id);
        this.host.requestUpdate();
      });
    };
    this.timer = setTimeout(next, 100);
    this.frame = requestAnimationFrame(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: 100 });
      else setTimeout(next, 0);
    });
  }

  hostDisconnected(): void {
    // Back on the page, everything renders at once: the slices were only for the first paint.
    this.reset();
  }
}
