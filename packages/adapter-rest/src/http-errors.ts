/**
 * HTTP status ⇄ AdapterErrorCode and the error body, as openapi.yaml documents them.
 * Shared by the client (RestAdapter) and TypeScript servers (the msw handlers).
 */
import { ADAPTER_ERROR_CODES, AdapterError, type AdapterErrorCode } from '@case-portal/core';

/** The body of every non-2xx response. */
export interface ErrorBody {
  error: { code: AdapterErrorCode; message: string };
  /** Per-field messages for validation errors, keyed by field key (or query parameter). */
  fieldErrors?: Record<string, string>;
}

/** The status a server answers with for each code. */
export const STATUS_BY_CODE: Record<AdapterErrorCode, number> = {
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  // A server never reports "network" itself; a gateway that cannot reach the backend does (502).
  network: 502,
  // Nor "timeout": a gateway whose backend did not answer in time does (504).
  timeout: 504,
  server: 500,
};

/** The code a client infers from a status when the body names none (proxies, gateways, HTML error pages). */
export function codeForStatus(status: number): AdapterErrorCode {
  switch (status) {
    case 400:
    case 422:
    case 428: // Precondition Required: a PATCH without If-Match is a malformed request.
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'not_found';
    case 409:
    case 412: // Precondition Failed: If-Match did not match, i.e. the case changed.
      return 'conflict';
    case 413:
      return 'too_large';
    case 415:
      return 'unsupported_type';
    case 429:
      return 'rate_limited';
    case 408: // Request Timeout
    case 504: // Gateway Timeout: the backend behind a proxy did not answer in time.
      return 'timeout';
    default:
      return 'server';
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keeps only string values: a body is untrusted input and must not inject objects into the UI. */
function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * Builds the AdapterError for a failed response. Never throws: a 502 from a proxy carries HTML,
 * an empty 500 carries nothing, and both must still become a clean "server" error.
 */
export function errorFromResponse(status: number, bodyText: string, retryAfter: string | null): AdapterError {
  let parsed: unknown;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    parsed = null;
  }
  const err = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : null;
  const named = err && typeof err.code === 'string' ? err.code : null;
  const code = named && (ADAPTER_ERROR_CODES as readonly string[]).includes(named) ? (named as AdapterErrorCode) : codeForStatus(status);
  const message = err && typeof err.message === 'string' && err.message.trim() ? err.message : null;
  // fieldErrors sits beside "error"; tolerate servers that nest it inside.
  const fieldErrors = (isRecord(parsed) ? stringRecord(parsed.fieldErrors) : undefined) ?? (err ? stringRecord(err.fieldErrors) : undefined);
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  return new AdapterError(code, {
    status,
    backendMessage: message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

/** The error body a server sends for an AdapterError. */
export function errorBody(e: AdapterError): ErrorBody {
  const body: ErrorBody = { error: { code: e.code, message: e.backendMessage ?? e.message } };
  if (Object.keys(e.fieldErrors).length) body.fieldErrors = e.fieldErrors;
  return body;
}
