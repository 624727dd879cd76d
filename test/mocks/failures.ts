/**
 * Handlers that make the mock API fail, for error-state tests and stories.
 * Put them before the normal handlers: `createHandlers({ fail: [errorHandlers.server()] })`,
 * or `worker.use(errorHandlers.forbidden({ path: '/cases/:id' }))` at runtime.
 * Each takes `{ baseUrl, method, path, once }`; path is relative to baseUrl and defaults to every path.
 */
import { delay as mswDelay, http, HttpResponse, type HttpHandler } from 'msw';
import type { AdapterErrorCode } from '@case-portal/core';
import { errorResponse } from './respond.js';

export const DEFAULT_BASE_URL = '/api/portal';

export interface FailureOptions {
  baseUrl?: string;
  method?: 'all' | 'get' | 'post' | 'patch';
  /** An msw path pattern under baseUrl, e.g. "/cases/:id/messages". Default: every path. */
  path?: string;
  /** Fail only the first matching request (to test a retry that then succeeds). */
  once?: boolean;
}

function on(o: FailureOptions, resolver: () => Promise<Response | undefined> | Response | undefined): HttpHandler {
  const base = (o.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const method = o.method ?? 'all';
  return http[method](`${base}${o.path ?? '/*'}`, resolver, { once: o.once ?? false });
}

function failWith(code: AdapterErrorCode, message: string | undefined, o: FailureOptions, extra?: { status?: number; fieldErrors?: Record<string, string>; retryAfter?: number }): HttpHandler {
  return on(o, () => errorResponse(code, message, extra));
}

export const errorHandlers = {
  /** 500 with the backend's own message (shown when features.backendMessages is on). */
  server: (message = 'The ticket system is down for maintenance.', o: FailureOptions = {}) => failWith('server', message, o),
  /** 502 with an HTML body, as a proxy sends it: the client must not choke on non-JSON. */
  badGateway: (o: FailureOptions = {}) =>
    on(o, () => new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } })),
  unauthorized: (o: FailureOptions = {}) => failWith('unauthorized', 'Your session has expired.', o),
  forbidden: (message = 'You do not have access to this case.', o: FailureOptions = {}) => failWith('forbidden', message, o),
  notFound: (o: FailureOptions = {}) => failWith('not_found', 'No such case.', o),
  conflict: (o: FailureOptions = {}) => failWith('conflict', 'The case was changed by someone else.', o),
  validation: (fieldErrors: Record<string, string>, message = 'Some values are not valid.', o: FailureOptions = {}) =>
    failWith('validation', message, o, { fieldErrors }),
  tooLarge: (o: FailureOptions = {}) => failWith('too_large', 'The file exceeds the upload limit.', { path: '/attachments', ...o }),
  rateLimited: (retryAfterSeconds = 30, o: FailureOptions = {}) =>
    failWith('rate_limited', 'Slow down.', o, { retryAfter: retryAfterSeconds }),
  /** The request never gets a response: fetch rejects with a TypeError → "network". */
  network: (o: FailureOptions = {}) => on(o, () => HttpResponse.error()),
  /**
   * Answers late (or never, with "infinite": a loading state that stays), then falls through to
   * the next handler: a resolver returning nothing lets msw try the following handlers.
   * "infinite" is for stories: in tests, worker.stop() waits for pending requests and would hang.
   */
  delay: (ms: number | 'infinite', o: FailureOptions = {}) =>
    on(o, async () => {
      await mswDelay(ms);
      return undefined;
    }),
};
