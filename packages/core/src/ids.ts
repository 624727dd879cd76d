/** A fresh idempotency key. crypto.randomUUID needs a secure context; fall back to getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * What a record id looks like: an opaque token of letters, digits, `_` and `-` (the memory adapter
 * makes `case-00012345`, the case server `c_<hex>`; the server's routes accept exactly this). An id
 * from a page URL goes into a request path, so anything else (`..`, `.`, `/`, `?`) must never reach
 * one: `/cases/..` is `/` after URL normalisation, and the signed-in request would go elsewhere.
 */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID_PATTERN.test(value);
}
