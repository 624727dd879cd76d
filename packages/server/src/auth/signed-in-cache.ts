/**
 * Remembers what a token signed in as, until the token expires: a page sends the same token with
 * every request for its whole life (minutes), and verifying it (an HMAC through WebCrypto, the
 * claims checks) and finding its person again cost a fifth of a customer's list request
 * (README "Bench", docs/architecture.md "The case server under load").
 *
 * Sound because the answer depends on nothing but the token: its signature and claims do not
 * change, the only check that moves with time is `exp` (an entry is dropped at `exp`, and the
 * verifier, with its clock tolerance, decides after that), and the person and account a `sub` and
 * an `org` resolve to are never renumbered. Keyed by the whole token string, so another token
 * (other claims, a tampered signature) is verified in full. Bounded: the oldest entries go first.
 */
export class SignedInCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): T | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return hit.value;
  }

  set(token: string, value: T, expiresAt: number): void {
    if (!(expiresAt > this.now())) return;
    this.entries.delete(token);
    this.entries.set(token, { value, expiresAt });
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
