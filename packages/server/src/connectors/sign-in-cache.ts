import type { TokenClaims } from '../auth/verify-token.js';

/**
 * The vendor's person behind a sign-in, reused for a while instead of asked on every request: a
 * renamed contact or a moved account shows after at most `ttlMs`. A bounded memory: past `max`
 * sign-ins the oldest are asked of the vendor again. `fresh` says the vendor was asked this time
 * (the connector then remembers the sign-in in the `people` table again).
 */
export class SignInCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly max = 10_000,
  ) {}

  async get(tenant: string, claims: TokenClaims, resolve: () => Promise<T>): Promise<{ value: T; fresh: boolean }> {
    // Every claim the person is made from: a token with another name or role is another sign-in.
    const key = [tenant, claims.sub, claims.email ?? '', claims.name, claims.org ?? '', claims.role].join('\u0000');
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at <= this.ttlMs) return { value: hit.value, fresh: false };
    const value = await resolve();
    if (!hit && this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, at: Date.now() });
    return { value, fresh: true };
  }
}
