import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A clock for text that depends on "now" ("5 minutes ago", "Overdue by 2 hours"): re-renders the
 * host every `intervalMs()` while it is on the page, and not at all while it is off it.
 * `ticks` counts the ticks, so a `guard` can re-render the parts that show times when it changes.
 * The interval is read when the host connects: elements expose it as a static (`CaseThread.tickMs`)
 * that stories and tests change before mounting.
 */
export class TickController implements ReactiveController {
  /** How many times the clock ticked since the host connected the first time. */
  ticks = 0;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly intervalMs: () => number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.ticks++;
      this.host.requestUpdate();
    }, this.intervalMs());
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
