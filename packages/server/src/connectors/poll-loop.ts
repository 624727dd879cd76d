import type { VendorLog } from './vendor-http.js';

/**
 * One loop per tenant that asks a vendor what changed since its cursor, every `intervalMs`: a tick
 * never overlaps the previous one, a failing tick is logged and retried at the next interval
 * (the vendor client has already backed off within its budget), and `stop` waits for a running tick.
 */
export class PollLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly tick: () => Promise<void>,
    private readonly log: VendorLog,
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    this.schedule(0);
  }

  /** Runs one tick now (tests, and the first tick at start); waits for one already running. */
  async runOnce(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.tick()
      .catch((err: unknown) => this.log.error({ loop: this.name, err: (err as Error).message }, 'a poll of the vendor failed; retrying at the next interval'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => this.schedule(this.intervalMs));
    }, ms);
    this.timer.unref?.();
  }
}
