import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HttpError } from '../http-error.js';

/**
 * The HTTP client every connector talks to its vendor with (Zendesk now; Salesforce and Creatio
 * later): JSON in and out, a timeout per attempt, and retries with backoff for what a vendor means
 * as "later" (429 with Retry-After, 5xx, timeouts, refused connections) within a total budget.
 * When the budget is spent the customer gets the generic "busy" error (503, code `server`, no
 * vendor text); the operator gets a log line naming the vendor, the route and the last answer.
 */
export interface VendorHttpOptions {
  /** The vendor's name for log lines ("zendesk"). */
  vendor: string;
  baseUrl: string;
  /** Headers of every request (the credential). A function: a token may be refreshed. */
  headers: () => Record<string, string>;
  /** One attempt's limit. Default 10 s. */
  timeoutMs?: number;
  /** All attempts of one call together, waits included. Default 15 s. */
  budgetMs?: number;
  /** First backoff; doubled per attempt with jitter, capped at 5 s. Default 200 ms. */
  backoffMs?: number;
  log?: VendorLog;
  /**
   * Called once per request when the vendor refuses our credential (401, or with
   * `redirectIsUnauthorized` a redirect to its login page): a session that expired is renewed and the
   * request is sent again with fresh `headers()`. A second refusal is the operator's problem (busy).
   */
  reauthenticate?: () => Promise<void>;
  /** The vendor answers an expired session with a redirect to its login page (Creatio): do not follow it. */
  redirectIsUnauthorized?: boolean;
  /**
   * A 4xx answer that means "limit" rather than "refused" (Salesforce's 403 REQUEST_LIMIT_EXCEEDED):
   * retried with backoff within the budget like a 429, instead of failing at once.
   */
  isRateLimit?: (status: number, body: unknown) => boolean;
}

export interface VendorLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentVendorLog: VendorLog = { warn: () => {}, error: () => {} };

/** A vendor's answer that is not a success and not worth retrying (4xx but 429): the connector decides. */
export class VendorError extends Error {
  override readonly name = 'VendorError';
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly route: string,
  ) {
    super(`${route} answered ${status}`);
  }
}

export interface VendorRequest {
  query?: Record<string, string | number | undefined>;
  /** JSON body; or raw bytes with their content type (uploads). */
  json?: unknown;
  bytes?: { data: Uint8Array; type: string };
  headers?: Record<string, string>;
}

export const busy = () =>
  new HttpError(503, 'server', 'The help desk is busy or unavailable. Please try again in a moment.', undefined, { 'retry-after': '30' });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class VendorHttp {
  private readonly timeoutMs: number;
  private readonly budgetMs: number;
  private readonly backoffMs: number;
  log: VendorLog;

  constructor(private readonly options: VendorHttpOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.budgetMs = options.budgetMs ?? 15_000;
    this.backoffMs = options.backoffMs ?? 200;
    this.log = options.log ?? silentVendorLog;
  }

  url(path: string, query?: VendorRequest['query']): string {
    const u = new URL(path, this.options.baseUrl);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** The parsed JSON answer (null for an empty body); VendorError for a final 4xx; `busy()` when the budget is spent. */
  async call<T>(method: string, path: string, req: VendorRequest = {}): Promise<T> {
    const { data } = await this.send(method, path, req, 'application/json');
    const text = data.toString('utf8');
    return (text ? JSON.parse(text) : null) as T;
  }

  /** The raw bytes of the answer and their content type (downloads), with the same retries and errors as `call`. */
  async callBytes(method: string, path: string, req: VendorRequest = {}): Promise<{ data: Buffer; type: string }> {
    return this.send(method, path, req, '*/*');
  }

  private async send(method: string, path: string, req: VendorRequest, accept: string): Promise<{ data: Buffer; type: string }> {
    const route = `${method} ${path}`;
    const started = Date.now();
    let body: string | Blob | undefined;
    let contentType: string | undefined;
    if (req.json !== undefined) {
      contentType = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.bytes) {
      contentType = req.bytes.type || 'application/octet-stream';
      body = new Blob([Buffer.from(req.bytes.data)]);
    }
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      let wait: number;
      let last: string;
      try {
        // Per attempt: a renewed session changes the credential headers.
        const headers: Record<string, string> = { accept, ...this.options.headers(), ...req.headers, ...(contentType ? { 'content-type': contentType } : {}) };
        const res = await fetch(this.url(path, req.query), { method, headers, body, signal: AbortSignal.timeout(this.timeoutMs), ...(this.options.redirectIsUnauthorized ? { redirect: 'manual' as const } : {}) });
        const data = Buffer.from(await res.arrayBuffer());
        if (res.ok) return { data, type: res.headers.get('content-type') ?? 'application/octet-stream' };
        const text = data.toString('utf8');
        const parsed = parseJson(text);
        const unauthorized = res.status === 401 || (!!this.options.redirectIsUnauthorized && res.status >= 300 && res.status < 400);
        if (unauthorized && this.options.reauthenticate && !renewed) {
          // An expired session: log in again once and resend at once (not a wait the budget counts as backoff).
          renewed = true;
          this.log.warn({ vendor: this.options.vendor, route, status: res.status }, 'the vendor session expired; signing in again');
          await this.options.reauthenticate();
          attempt--;
          continue;
        }
        if (res.status !== 429 && res.status < 500 && !this.options.isRateLimit?.(res.status, parsed)) {
          if (unauthorized || res.status === 403) {
            // Our own credential was refused (revoked, expired, lacking a permission): the operator must act.
            this.log.error({ vendor: this.options.vendor, route, status: res.status, answer: parsed }, 'the vendor refused our credential');
            throw busy();
          }
          throw new VendorError(res.status, parsed, route);
        }
        last = `${res.status}`;
        const header = res.headers.get('retry-after');
        const retryAfter = header === null || header.trim() === '' ? NaN : Number(header);
        wait = res.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.max(retryAfter * 1000, this.backoffMs) : this.backoff(attempt);
      } catch (e) {
        if (e instanceof VendorError || e instanceof HttpError) throw e;
        last = (e as Error).name === 'TimeoutError' ? 'timeout' : `network: ${(e as Error).message}`;
        wait = this.backoff(attempt);
      }
      if (Date.now() - started + wait > this.budgetMs) {
        this.log.error({ vendor: this.options.vendor, route, attempts: attempt + 1, last }, 'the vendor stayed unavailable; the customer was told to try again');
        throw busy();
      }
      this.log.warn({ vendor: this.options.vendor, route, attempt: attempt + 1, last, waitMs: wait }, 'the vendor asked us to wait; retrying');
      await sleep(wait);
    }
  }

  /**
   * A GET of an absolute URL (a vendor file's content URL) as a stream of its bytes. Retried like
   * `call` until the answer's headers arrive; the time limit covers only that wait (a large file may
   * take longer to stream). The credential goes only to the vendor's own origin: a file hosted
   * elsewhere (a storage host the vendor names) never receives it.
   */
  async open(url: string): Promise<{ type: string | null; size: number | null; body: Readable }> {
    const target = new URL(url);
    const route = `GET ${target.pathname}`;
    const own = target.origin === new URL(this.options.baseUrl).origin;
    const headers: Record<string, string> = own ? { ...this.options.headers() } : {};
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let wait: number;
      let last: string;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), this.timeoutMs);
      try {
        const res = await fetch(target, { headers, signal: abort.signal });
        clearTimeout(timer);
        if (res.ok && res.body) {
          const size = Number(res.headers.get('content-length'));
          return { type: res.headers.get('content-type'), size: Number.isFinite(size) && res.headers.has('content-length') ? size : null, body: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>) };
        }
        const text = await res.text();
        if (res.status !== 429 && res.status < 500) {
          if (res.status === 401 || res.status === 403) {
            this.log.error({ vendor: this.options.vendor, route, status: res.status }, 'the vendor refused our credential for a file');
            throw busy();
          }
          throw new VendorError(res.status, parseJson(text), route);
        }
        last = `${res.status}`;
        const header = res.headers.get('retry-after');
        const retryAfter = header === null || header.trim() === '' ? NaN : Number(header);
        wait = res.status === 429 && Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.max(retryAfter * 1000, this.backoffMs) : this.backoff(attempt);
      } catch (e) {
        clearTimeout(timer);
        if (e instanceof VendorError || e instanceof HttpError) throw e;
        last = (e as Error).name === 'TimeoutError' ? 'timeout' : `network: ${(e as Error).message}`;
        wait = this.backoff(attempt);
      }
      if (Date.now() - started + wait > this.budgetMs) {
        this.log.error({ vendor: this.options.vendor, route, attempts: attempt + 1, last }, 'the vendor stayed unavailable; the customer was told to try again');
        throw busy();
      }
      this.log.warn({ vendor: this.options.vendor, route, attempt: attempt + 1, last, waitMs: wait }, 'the vendor asked us to wait; retrying');
      await sleep(wait);
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(5_000, this.backoffMs * 2 ** attempt);
    return Math.round(base / 2 + Math.random() * (base / 2));
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text.slice(0, 200);
  }
}
