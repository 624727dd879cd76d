/**
 * Where the bearer token comes from: the host page's `getToken()` callback, or, for a page with no
 * script of its own (a CMS embed), the host site's `tokenUrl`, an endpoint of the site itself that
 * answers `{ "token": "<JWT>" }` for the visitor its session cookie signs in. The host site's backend
 * signs the token there; the page never sees a secret.
 *
 * After a 401 the adapter asks once for a fresh token (`refresh`) and retries: a token that expired
 * between two clicks must not show the customer an error.
 */
import { AdapterError } from '@case-portal/core';

export interface TokenRequest {
  /** True after the server refused the last token (401): a cached token must not be returned again. */
  refresh: boolean;
}

export type GetToken = (request: TokenRequest) => string | null | Promise<string | null>;

/** Seconds before its `exp` that a cached token counts as expired (clock skew, slow requests). */
const EXPIRY_MARGIN_S = 30;
/** A token without a readable `exp` is reused this long, at most. */
const UNKNOWN_EXPIRY_MS = 60_000;

/** A JWT's `exp` in ms, read without verifying (the server verifies; this is only for caching). */
function expiryOf(token: string): number | null {
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Fetches `{ token }` from the host site's endpoint (same-origin credentials: the site's session
 * cookie), caches it until shortly before it expires, and shares one request among concurrent callers.
 */
export function tokenFromUrl(url: string, fetchImpl: typeof fetch, now: () => number = Date.now): GetToken {
  let cached: { token: string; until: number } | null = null;
  let pending: Promise<string | null> | null = null;
  const load = async (): Promise<string | null> => {
    let res: Response;
    try {
      res = await fetchImpl(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' });
    } catch (cause) {
      throw new AdapterError('network', { cause });
    }
    // The host site says the visitor is not signed in: nothing to send, the API will answer 401.
    if (res.status === 401 || res.status === 403 || res.status === 204) return null;
    if (!res.ok) throw new AdapterError('unauthorized', { status: res.status });
    const body = (await res.json().catch(() => null)) as { token?: unknown } | null;
    const token = typeof body?.token === 'string' && body.token ? body.token : null;
    if (!token) throw new AdapterError('unauthorized', { cause: new TypeError(`${url} did not answer { "token": "…" }`) });
    const exp = expiryOf(token);
    cached = { token, until: exp !== null ? exp - EXPIRY_MARGIN_S * 1000 : now() + UNKNOWN_EXPIRY_MS };
    return token;
  };
  return ({ refresh }) => {
    if (refresh) cached = null;
    if (cached && cached.until > now()) return cached.token;
    pending ??= load().finally(() => {
      pending = null;
    });
    return pending;
  };
}
