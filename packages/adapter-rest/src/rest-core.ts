/** What rest-adapter.ts and its lazily loaded case calls (case-calls.ts) share, without importing each other. */
import type { AdapterError, BackendProblem, Page, PortalSchema } from '@case-portal/core';
import type { EventStreamOptions } from './live-events.js';

export const DEFAULT_WRITE_TIMEOUT_MS = 30_000;

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestInit2 {
  query?: URLSearchParams | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string | undefined;
}

/** What case-calls.ts uses of its adapter: the one transport (token, deadlines, the Retry-After hold) and its settings. */
export interface RestCore {
  readonly baseUrl: string;
  readonly readTimeoutMs: number;
  readonly writeTimeoutMs: number;
  readonly uploadStallMs: number;
  readonly pollIntervalMs: number;
  readonly pollWhenHidden: boolean;
  readonly eventStream: boolean | EventStreamOptions;
  /** A token source that can be asked again after a 401. */
  readonly refreshes: boolean;
  readonly fetch: typeof fetch;
  readonly report: (problem: BackendProblem) => void;
  json<T>(method: Method, path: string, init: RequestInit2): Promise<T>;
  send(method: Method, path: string, init: RequestInit2): Promise<Response>;
  tokenHeaders(extra: Record<string, string>, refresh: boolean): Promise<Record<string, string>>;
  url(path: string): string;
  /** The last schema seen (uploads check its limits before sending a byte), else a fresh one. */
  schema(signal: AbortSignal | undefined): Promise<PortalSchema>;
  refuseWhileHeld(): void;
  holdFor(e: AdapterError): AdapterError;
  repairPage<T>(page: Page<T>, repair: (item: T, report: (p: BackendProblem) => void) => T): Page<T>;
}
