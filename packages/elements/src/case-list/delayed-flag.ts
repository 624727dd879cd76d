import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * `value` turns true once `condition` has held for `delayMs`, and false as soon as it stops.
 *
 * For what only a slow wait should show (the list dims its old rows while a reload takes long): a
 * quick answer never touches the DOM, so it costs no style recalculation. The list used to dim
 * through a CSS rule on `aria-busy`, and flipping it re-styled every row twice per keystroke even
 * when the answer came in the same task.
 */
export class DelayedFlagController implements ReactiveController {
  value = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Read before each render (after the controllers added earlier, e.g. a Task, have updated). */
    private readonly condition: () => boolean,
    private readonly delayMs: number,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (!this.condition()) {
      this.value = false;
      this.cancel();
      return;
    }
    if (this.value || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.condition()) return;
      this.value = true;
      this.host.requestUpdate();
    }, this.delayMs);
  }

  hostDisconnected(): void {
    this.cancel();
    this.value = false;
  }

  private cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
