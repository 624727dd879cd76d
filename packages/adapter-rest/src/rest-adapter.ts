/**
 * CaseAdapter over the JSON-over-HTTP contract in ../openapi.yaml.
 * Every call passes its AbortSignal to fetch and has a deadline (reads shorter than writes;
 * uploads end when their progress stalls); every failure becomes an AdapterError with a stable
 * code (aborts stay AbortErrors, so elements can tell "cancelled" from "failed"). Ids are checked
 * before they go into a path, values that reach Intl or URLs when they come back (entry-checks.ts).
 */
import {
  AdapterError,
  encodeCaseQuery,
  isAdapterError,
  newIdempotencyKey,
  repairCase,
  repairViewer,
  throwIfAborted,
  type AddFilesInput,
  type AdapterEvent,
  type Attachment,
  type BackendProblem,
  type CallOptions,
  type CaseAdapter,
  type CaseFile,
  type CaseInput,
  type CasePatch,
  type CaseQuery,
  type CaseRecord,
  type FeedbackInput,
  type Message,
  type MessageInput,
  type MessageQuery,
  type Page,
  type ParticipantInput,
  type PersonRef,
  type PortalSchema,
  type HistoryEntry,
  type SubscribeTarget,
  type TransitionAction,
  type TransitionInput,
  type UploadOptions,
  type Viewer,
  type WriteOptions,
} from '@case-portal/core';
import { withApiUrls } from './attachment-urls.js';
import { errorFromResponse } from './http-errors.js';
import type { EventStreamOptions } from './live-events.js';
import type { CaseCalls } from './case-calls.js';
import { readJson, transportError } from './json-body.js';
import { DEFAULT_WRITE_TIMEOUT_MS, type Method, type RequestInit2 } from './rest-core.js';
import type { GetToken } from './token-source.js';
import { withDeadline } from './deadline.js';
import { BackendProblems } from './backend-problems.js';

// What only a case view, the conversation or the create form asks (one case, its messages and
// files, every write, uploads, live updates) loads with the first such call, so a page that only
// lists cases does not carry it (in the single file it sits in the case view's chunk).
const loadCalls = () => import('./case-calls.js');

export interface RestAdapterOptions {
  /** Where the API lives, e.g. "/api/portal" or "https://support.example.com/api/portal". */
  baseUrl: string;
  /**
   * The host page's token source, called before every request: the page owns sign-in and refresh.
   * After a 401 it is called once more with `{ refresh: true }` and the request is retried.
   * A token is never read from attributes or storage (see DESIGN.md, security facts).
   */
  getToken?: GetToken;
  /**
   * Instead of `getToken`: an endpoint of the host site (same origin, the visitor's session cookie)
   * answering `{ "token": "<JWT>" }`. The token is cached until shortly before its `exp`. For pages
   * with no script of their own: `<case-portal api="/api/portal" token-url="/portal-token">`.
   */
  tokenUrl?: string;
  /** A fetch to use instead of the global one (tests, a host's instrumented fetch). */
  fetch?: typeof fetch;
  /** How often subscribe() polls GET /events when there is no event stream. Default 10 s. */
  pollIntervalMs?: number;
  /**
   * Live updates pushed over GET /events/stream (Server-Sent Events read with fetch, so the bearer
   * token goes in a header) when the server offers it; polling GET /events when it does not (the
   * first answer says so: 404/405/501 or no `text/event-stream`), behind a buffering proxy, or after
   * repeated connection failures. `false`: always poll. An object tunes the stream's timeouts.
   */
  eventStream?: boolean | EventStreamOptions;
  /** Extra headers on every request (e.g. a tenant id or CSRF token). */
  headers?: Record<string, string>;
  /**
   * Keep polling (or the event stream open) while the page is hidden. Default false: background
   * tabs make no traffic and catch up when shown. (Tests set it: headless Chromium may report a
   * test page as hidden.)
   */
  pollWhenHidden?: boolean;
  /** How long a read (GET) may take, answer body included, before it fails as `timeout`. Default 15 s; 0 = no deadline. */
  readTimeoutMs?: number;
  /**
   * How long a write (POST, PATCH) may take before it fails as `timeout`. Default 30 s; 0 = no
   * deadline. The caller keeps its idempotency key for the retry: the write may have landed.
   */
  writeTimeoutMs?: number;
  /**
   * An upload fails as `timeout` when no progress came for this long (a large file on a slow line
   * may take minutes and still be fine). Default 30 s; 0 = no deadline.
   */
  uploadStallMs?: number;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;
export const DEFAULT_READ_TIMEOUT_MS = 15_000;
export { DEFAULT_WRITE_TIMEOUT_MS };
export const DEFAULT_UPLOAD_STALL_MS = 30_000;

export class RestAdapter implements CaseAdapter {
  readonly baseUrl: string;
  readonly pollIntervalMs: number;
  readonly pollWhenHidden: boolean;
  readonly readTimeoutMs: number;
  readonly writeTimeoutMs: number;
  readonly uploadStallMs: number;
  readonly #getToken: GetToken | undefined;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  /** The last schema seen: uploads check its limits before sending a byte. */
  #schema: PortalSchema | null = null;
  readonly #eventStream: boolean | EventStreamOptions;
  /** The case view's calls (case-calls.ts), with what writes and live updates remember: loaded on first use. */
  #loaded: Promise<CaseCalls> | null = null;
  /** After a 429 with Retry-After: no request leaves before then (epoch ms), automatic or not. */
  #heldUntil = 0;
  #heldMessage: string | null = null;
  readonly #problems = new BackendProblems();
  readonly #report = (problem: BackendProblem) => this.#problems.report(problem);

  constructor(options: RestAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.pollWhenHidden = options.pollWhenHidden ?? false;
    this.readTimeoutMs = options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    this.writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
    this.uploadStallMs = options.uploadStallMs ?? DEFAULT_UPLOAD_STALL_MS;
    // Looked up at call time, not bound once: a test or host may replace window.fetch later.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#getToken = options.getToken ?? (options.tokenUrl ? tokenUrlSource(options.tokenUrl, this.#fetch) : undefined);
    this.#headers = { ...options.headers };
    this.#eventStream = options.eventStream ?? true;
  }

  async describe(opts?: CallOptions): Promise<PortalSchema> {
    const schema = await this.#json<PortalSchema>('GET', '/schema', { signal: opts?.signal });
    this.#schema = schema;
    return schema;
  }

  async viewer(opts?: CallOptions): Promise<Viewer> {
    return repairViewer(await this.#json<Viewer>('GET', '/me', { signal: opts?.signal }), this.#report);
  }

  async listCases(query: CaseQuery, opts?: CallOptions): Promise<Page<CaseRecord>> {
    const page = await this.#json<Page<CaseRecord>>('GET', '/cases', { query: encodeCaseQuery(query), signal: opts?.signal });
    return this.#repairPage(page, repairCase);
  }

  // The case view's calls: forwarded to case-calls.ts, loaded on the first one.
  async getCase(id: string, opts?: CallOptions): Promise<CaseRecord> {
    return (await this.#calls()).getCase(id, opts);
  }

  async createCase(input: CaseInput, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).createCase(input, opts);
  }

  /** The version travels as an entity tag (`If-Match`): a stale one answers 409/412 → "conflict". */
  async updateCase(id: string, patch: CasePatch, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).updateCase(id, patch, opts);
  }

  async transition(id: string, action: TransitionAction, input: TransitionInput, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).transition(id, action, input, opts);
  }

  async listMessages(caseId: string, query?: MessageQuery, opts?: CallOptions): Promise<Page<Message>> {
    return (await this.#calls()).listMessages(caseId, query, opts);
  }

  async postMessage(caseId: string, input: MessageInput, opts?: WriteOptions): Promise<Message> {
    return (await this.#calls()).postMessage(caseId, input, opts);
  }

  /** `GET /cases/{id}/history?include=participants`: the entries of the kinds this version renders, oldest first. */
  async listHistory(caseId: string, opts?: CallOptions): Promise<HistoryEntry[]> {
    return (await this.#calls()).listHistory(caseId, opts);
  }

  /** `GET /cases/{id}/files` answers `{ items: CaseFile[] }`, oldest first. */
  async listFiles(caseId: string, opts?: CallOptions): Promise<CaseFile[]> {
    return (await this.#calls()).listFiles(caseId, opts);
  }

  async addFiles(caseId: string, input: AddFilesInput, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).addFiles(caseId, input, opts);
  }

  /** `POST /cases/{id}/participants` with `{ email }` or `{ id }`: the changed case. */
  async addParticipant(caseId: string, input: ParticipantInput, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).addParticipant(caseId, input, opts);
  }

  /** `DELETE /cases/{id}/participants/{personId}`: the changed case. */
  async removeParticipant(caseId: string, personId: string, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).removeParticipant(caseId, personId, opts);
  }

  /** `GET /colleagues` answers `{ items: PersonRef[] }`: the viewer's account's other people. */
  async listColleagues(opts?: CallOptions): Promise<PersonRef[]> {
    return (await this.#calls()).listColleagues(opts);
  }

  async submitFeedback(caseId: string, input: FeedbackInput, opts?: WriteOptions): Promise<CaseRecord> {
    return (await this.#calls()).submitFeedback(caseId, input, opts);
  }

  /**
   * One key per file (`opts.idempotencyKey`): a retry after a lost answer gets the first upload back. No total
   * deadline: the upload fails as `timeout` once its progress stalls for `uploadStallMs`.
   */
  async uploadAttachment(file: File, opts?: UploadOptions): Promise<Attachment> {
    return (await this.#calls()).uploadAttachment(file, opts);
  }

  /** Unusable values this adapter replaced (see CaseAdapter.onBackendProblem): each once, to one listener. */
  onBackendProblem(listener: (problem: BackendProblem) => void): () => void {
    return this.#problems.listen(listener);
  }

  /**
   * One connection for every subscriber of this adapter, whatever case each follows: the event
   * stream (or, without one, a poll loop) starts with the first subscriber and stops with the last.
   * A case view and its conversation following one case, or a list and a case, never double it.
   * (case-calls.ts holds it: live updates start when a case view opens.)
   */
  subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    this.#calls().then(
      (calls) => {
        if (!cancelled) unsubscribe = calls.subscribe(target, onEvent);
      },
      // The code did not load (offline, a missing chunk): no live updates now; the next subscribe tries again.
      (e: unknown) => console.warn('case-portal: live updates are unavailable:', e),
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }

  /** The case view's calls, loaded on the first one; a failed load rejects that call and the next tries again. */
  #calls(): Promise<CaseCalls> {
    this.#loaded ??= loadCalls().then(
      ({ CaseCalls }) =>
        new CaseCalls({
          baseUrl: this.baseUrl,
          readTimeoutMs: this.readTimeoutMs,
          writeTimeoutMs: this.writeTimeoutMs,
          uploadStallMs: this.uploadStallMs,
          pollIntervalMs: this.pollIntervalMs,
          pollWhenHidden: this.pollWhenHidden,
          eventStream: this.#eventStream,
          refreshes: !!this.#getToken,
          fetch: this.#fetch,
          report: this.#report,
          json: (method, path, init) => this.#json(method, path, init),
          send: (method, path, init) => this.#send(method, path, init),
          tokenHeaders: (extra, refresh) => this.#tokenHeaders(extra, refresh),
          url: (path) => this.#url(path),
          schema: (signal) => (this.#schema ? Promise.resolve(this.#schema) : this.describe({ signal })),
          refuseWhileHeld: () => this.#refuseWhileHeld(),
          holdFor: (e) => this.#holdFor(e),
          repairPage: (page, repair) => this.#repairPage(page, repair),
        }),
      (e: unknown) => {
        this.#loaded = null;
        throw e;
      },
    );
    return this.#loaded;
  }

  #url(path: string, query?: URLSearchParams): string {
    const qs = query?.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async #requestHeaders(extra: Record<string, string>, refresh = false): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.#headers, ...extra };
    const token = this.#getToken ? await this.#getToken({ refresh }) : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  /** Request headers with the token; a failing token source means the host could not sign the customer in. */
  async #tokenHeaders(extra: Record<string, string>, refresh: boolean): Promise<Record<string, string>> {
    try {
      return await this.#requestHeaders(extra, refresh);
    } catch (cause) {
      if (isAdapterError(cause)) throw cause;
      throw new AdapterError('unauthorized', { cause });
    }
  }

  /**
   * Sends one request; resolves with any 2xx or a 304, rejects with an AdapterError or AbortError.
   * A 401 is answered once by asking the token source for a fresh token and sending again (a write
   * with the same Idempotency-Key: the server did nothing for the refused attempt).
   */
  async #send(method: Method, path: string, init: RequestInit2): Promise<Response> {
    throwIfAborted(init.signal);
    this.#refuseWhileHeld();
    const extra: Record<string, string> = { ...init.headers };
    if (method !== 'GET') extra['Idempotency-Key'] = init.idempotencyKey ?? newIdempotencyKey();
    if (init.body !== undefined) extra['Content-Type'] = 'application/json';
    try {
      return await this.#sendOnce(method, path, init, extra, false);
    } catch (e) {
      if (!this.#getToken || !isAdapterError(e) || e.code !== 'unauthorized' || e.status !== 401) throw e;
      return this.#sendOnce(method, path, init, extra, true);
    }
  }

  async #sendOnce(method: Method, path: string, init: RequestInit2, extra: Record<string, string>, refresh: boolean): Promise<Response> {
    const { signal } = init;
    throwIfAborted(signal);
    const headers = await this.#tokenHeaders(extra, refresh);
    throwIfAborted(signal);
    let res: Response;
    try {
      res = await this.#fetch(this.#url(path, init.query), {
        method,
        headers,
        body: init.body !== undefined ? JSON.stringify(init.body) : null,
        signal: signal ?? null,
        credentials: 'same-origin',
      });
    } catch (e) {
      throw transportError(e, signal);
    }
    if (res.ok || res.status === 304) return res;
    const text = await res.text().catch((e: unknown) => {
      if (signal?.aborted) throw transportError(e, signal);
      return '';
    });
    throw this.#holdFor(errorFromResponse(res.status, text, res.headers.get('Retry-After')));
  }

  /**
   * One call: the request and its answer's body within the call's deadline (reads `readTimeoutMs`,
   * writes `writeTimeoutMs`; a write's key and what its failure means are case-calls.ts's).
   */
  async #json<T>(method: Method, path: string, init: RequestInit2): Promise<T> {
    const ms = method === 'GET' ? this.readTimeoutMs : this.writeTimeoutMs;
    return withDeadline(ms, init.signal, async (signal) => {
      const res = await this.#send(method, path, { ...init, signal });
      return withApiUrls(await readJson<T>(res, signal), this.baseUrl);
    });
  }

  /** A 429 with a wait holds every request of this adapter until then (polls and the customer's retries alike). */
  #holdFor(e: AdapterError): AdapterError {
    if (e.code === 'rate_limited' && e.retryAt !== undefined && e.retryAt > this.#heldUntil) {
      this.#heldUntil = e.retryAt;
      this.#heldMessage = e.backendMessage;
    }
    return e;
  }

  /** Refuses a request while a 429's wait runs, without sending it: the same error, the time left. */
  #refuseWhileHeld(): void {
    const left = this.#heldUntil - Date.now();
    if (left <= 0) return;
    throw new AdapterError('rate_limited', {
      status: 429,
      backendMessage: this.#heldMessage,
      retryAfterSeconds: Math.ceil(left / 1000),
      retryAt: this.#heldUntil,
    });
  }

  #repairPage<T>(page: Page<T>, repair: (item: T, report: (p: BackendProblem) => void) => T): Page<T> {
    if (!page || !Array.isArray(page.items)) return page;
    const fixed = page.items.map((item) => repair(item, this.#report));
    return fixed.every((item, i) => item === page.items[i]) ? page : { ...page, items: fixed };
  }
}

/**
 * `tokenUrl`'s source (token-source.ts: the fetch, the cache until `exp`, one request for concurrent
 * callers), loaded with the first request of a page that has one: most pages pass `getToken` or
 * need no token. A failed load is a network failure of that request; the next one tries again.
 */
function tokenUrlSource(url: string, fetchImpl: typeof fetch): GetToken {
  let source: Promise<GetToken> | null = null;
  return (request) =>
    (source ??= import('./token-source.js').then(
      (m) => m.tokenFromUrl(url, fetchImpl),
      (cause: unknown) => {
        source = null;
        throw new AdapterError('network', { cause });
      },
    )).then((get) => get(request));
}
