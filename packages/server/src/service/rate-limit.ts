import { HttpError } from '../http-error.js';

/**
 * Requests per person per fixed one-minute window, in this process. Several processes each count
 * their own share; the limit is a guard against a runaway client, not a billing meter.
 */
export class RateLimiter {
  private windowStart = 0;
  private counts = new Map<string, number>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  check(personKey: string): void {
    const t = this.now();
    if (t - this.windowStart >= 60_000) {
      this.windowStart = t;
      this.counts.clear();
    }
    const n = (this.counts.get(personKey) ?? 0) + 1;
    this.counts.set(personKey, n);
    if (n > this.perMinute) {
      const wait = Math.max(1, Math.ceil((this.windowStart + 60_000 - t) / 1000));
      throw new HttpError(429, 'rate_limited', 'Too many requests.', undefined, { 'retry-after': String(wait) });
    }
  }
}
