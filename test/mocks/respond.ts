/**
 * Small HTTP helpers for the mock API: AdapterError → status + error body, entity tags.
 * The status/code table and body shape come from @case-portal/adapter-rest, so the mock server
 * and the client share one definition of the contract (openapi.yaml).
 */
import { AdapterError, isAdapterError, type AdapterErrorCode } from '@case-portal/core';
import { STATUS_BY_CODE, errorBody, type ErrorBody } from '@case-portal/adapter-rest';
import { HttpResponse } from 'msw';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new HttpResponse(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** An error response exactly as openapi.yaml documents it. */
export function errorResponse(
  code: AdapterErrorCode,
  message?: string,
  init: { status?: number; fieldErrors?: Record<string, string>; retryAfter?: number } = {},
): Response {
  const body: ErrorBody = { error: { code, message: message ?? AdapterError.genericMessage(code) } };
  if (init.fieldErrors) body.fieldErrors = init.fieldErrors;
  const headers: Record<string, string> = {};
  if (init.retryAfter !== undefined) headers['Retry-After'] = String(init.retryAfter);
  return jsonResponse(body, init.status ?? STATUS_BY_CODE[code], headers);
}

/** Whatever a handler throws becomes a contract-shaped response; nothing escapes as an msw 500. */
export function responseForError(e: unknown): Response {
  if (isAdapterError(e)) {
    const headers: Record<string, string> = {};
    if (e.retryAfterSeconds !== undefined) headers['Retry-After'] = String(e.retryAfterSeconds);
    // An error that names its status (400 for a malformed query, 428 for a missing If-Match) keeps it.
    const status = e.status !== undefined && e.status >= 400 && e.status < 600 ? e.status : STATUS_BY_CODE[e.code];
    return jsonResponse(errorBody(e), status, headers);
  }
  return errorResponse('server', e instanceof Error ? e.message : 'Unexpected error.');
}

export function notModified(etag: string): Response {
  return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
}

/** `"3"`, `W/"3"` or a bare `3` → 3; anything else → null. */
export function versionFromIfMatch(header: string | null): number | null {
  if (!header) return null;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return m ? Number(m[1]) : null;
}

/** Does an If-None-Match header (possibly a list, possibly "*") match this tag? */
export function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** A JSON request body, or a validation error (not a crash) when it is missing or malformed. */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = await request.json();
  } catch {
    throw new AdapterError('validation', { status: 400, backendMessage: 'The request body must be JSON.' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AdapterError('validation', { status: 400, backendMessage: 'The request body must be a JSON object.' });
  }
  return parsed as Record<string, unknown>;
}
