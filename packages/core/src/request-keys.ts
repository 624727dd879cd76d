/**
 * One idempotency key per distinct request: a fingerprint of what a key went out with, so a retry
 * of the same request keeps it and any other request gets a new one. Its own module (not ids.ts):
 * the REST adapter's first screen needs the id check, only the forms that send need this.
 */
import { newIdempotencyKey } from './ids.js';

/** JSON with object keys sorted, so equal requests serialise equally whatever order they were built in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A short fingerprint of a request's content (two 32-bit FNV-1a passes and the length): equal
 * requests give equal fingerprints; a different request gives a different one except by a
 * ~2^-64 accident. Kept in drafts instead of the text itself.
 */
export function requestFingerprint(request: unknown): string {
  const text = stableJson(request);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${text.length.toString(36)}`;
}

/**
 * An idempotency key and the request it was last sent for. Drafts keep it (`key`, `sentAs`), so a
 * reload after a lost answer sends the same request under the same key.
 */
export interface KeyedRequest {
  key: string;
  /** The fingerprint of the request the key went out with; absent while it was never sent. */
  sentAs?: string;
}

/**
 * The key to send `request` under: the held one while it was never sent or was sent for this very
 * request (a retry: the backend replays its first answer), a fresh one for a different request
 * (edited text, other files, a newer version: a server that checks key ↔ body refuses a key reused
 * for another body with 422, and would otherwise replay an answer that belongs to another request).
 */
export function keyForRequest(held: KeyedRequest | undefined, request: unknown): Required<KeyedRequest> {
  const sentAs = requestFingerprint(request);
  if (held && (held.sentAs === undefined || held.sentAs === sentAs)) return { key: held.key, sentAs };
  return { key: newIdempotencyKey(), sentAs };
}

/**
 * `keyForRequest` held in memory, for a form or dialog that needs no draft: `for(request)` before
 * each attempt, `reset()` once the request went through (the next one is a new request).
 */
export class RequestKey {
  private held: KeyedRequest;

  constructor(saved?: KeyedRequest) {
    this.held = saved ?? { key: newIdempotencyKey() };
  }

  for(request: unknown): string {
    this.held = keyForRequest(this.held, request);
    return this.held.key;
  }

  /** What a draft stores to send the same request under the same key after a reload. */
  get saved(): KeyedRequest {
    return { ...this.held };
  }

  reset(): void {
    this.held = { key: newIdempotencyKey() };
  }
}
