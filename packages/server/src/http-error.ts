import type { AdapterErrorCode } from '@case-portal/core';

/**
 * The one failure type of the server: every route, plugin and store throws it (or lets Fastify's own
 * validation errors through), and one error handler turns it into the contract's `Error` body.
 * `message` is the backend's own text: customers see it only when `features.backendMessages` is on,
 * so it must never carry internals (SQL, paths, stack).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: AdapterErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found.') => new HttpError(404, 'not_found', what);
export const validation = (message: string, fieldErrors?: Record<string, string>) =>
  new HttpError(422, 'validation', message, fieldErrors);
