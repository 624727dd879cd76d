import type { EventStream } from './event-stream.js';

/**
 * The open streams of this process, with one heartbeat timer for all of them (not one per
 * stream: a thousand streams cost one timer), and the way to end them all when the server stops
 * (an open response would otherwise keep `close()` waiting forever).
 */
export class StreamSet {
  private readonly streams = new Set<EventStream>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly heartbeatMs: number) {}

  get size(): number {
    return this.streams.size;
  }

  add(stream: EventStream): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.timer = setInterval(() => {
        for (const s of this.streams) s.heartbeat();
      }, this.heartbeatMs);
      this.timer.unref();
    }
  }

  delete(stream: EventStream): void {
    this.streams.delete(stream);
    if (!this.streams.size) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  endAll(reason: string): void {
    for (const s of [...this.streams]) s.end(reason);
  }
}
