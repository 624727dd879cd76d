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
  isAbortError,
  isAdapterError,
  isRecordId,
  newIdempotencyKey,
  repairAttachment,
  repairCase,
  repairCaseFile,
  repairMessage,
  repairStatusChange,
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
  type StatusChange,
  type SubscribeTarget,
  type TransitionAction,
  type TransitionInput,
  type UploadOptions,
  type Viewer,
  type WriteOptions,
} from '@case-portal/core';
import { withApiUrls } from './attachment-urls.js';
import { errorFromResponse } from './http-errors.js';
import type { PollResult } from './poller.js';
import type { EventStreamOptions, LiveEvents } from './live-events.js';
import { tokenFromUrl, type GetToken } from './token-source.js';
import { withDeadline } from './deadline.js';
import { BackendProblems } from './backend-problems.js';

// Uploads are rare next to reads: their code (and the attachment rules) loads with the first one,
// so a page that only lists cases does not carry it (in the single file it sits in the case view's chunk).
const loadUpload = () => import('./upload.js');
// Live updates start when a case view opens (the elements that subscribe): the stream client, its
// parser and the poller load then (in the single file: the case view's chunk), not with the list.
const loadLive = () => import('./live-events.js');

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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RequestInit2 {
  query?: URLSearchParams | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string | undefined;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;
export const DEFAULT_READ_TIMEOUT_MS = 15_000;
export const DEFAULT_WRITE_TIMEOUT_MS = 30_000;
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
  /** Live updates: one stream (or poll loop) for every subscriber of this adapter; loaded on first use. */
  #live: Promise<LiveEvents> | null = null;
  /** The last stream connect was refused (401): the next one asks for a fresh token. */
  #streamRefused = false;
  /** After a 429 with Retry-After: no request leaves before then (epoch ms), automatic or not. */
  #heldUntil = 0;
  #heldMessage: string | null = null;
  /** Writes whose request went out and got no answer (timeout, network, abort), by key: when first. */
  readonly #unanswered = new Map<string, number>();
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
    this.#getToken = options.getToken ?? (options.tokenUrl ? tokenFromUrl(options.tokenUrl, this.#fetch) : undefined);
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

  async getCase(id: string, opts?: CallOptions): Promise<CaseRecord> {
    return this.#case(await this.#json<CaseRecord>('GET', casePath(id), { signal: opts?.signal }));
  }

  async createCase(input: CaseInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#json<CaseRecord>('POST', '/cases', { body: input, ...write(opts) }));
  }

  async updateCase(id: string, patch: CasePatch, opts?: WriteOptions): Promise<CaseRecord> {
    // The version travels as an entity tag: a stale one answers 409/412 → "conflict".
    const path = casePath(id);
    return this.#case(
      await this.#json<CaseRecord>('PATCH', path, {
        body: { changes: patch.changes },
        headers: { 'If-Match': `"${patch.version}"` },
        ...write(opts),
      }),
    );
  }

  async transition(id: string, action: TransitionAction, input: TransitionInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#json<CaseRecord>('POST', casePath(id, 'transitions'), { body: { action, ...input }, ...write(opts) }));
  }

  async listMessages(caseId: string, query: MessageQuery = {}, opts?: CallOptions): Promise<Page<Message>> {
    const path = casePath(caseId, 'messages');
    const q = new URLSearchParams();
    if (query.cursor) q.set('cursor', query.cursor);
    if (query.limit != null) q.set('limit', String(query.limit));
    for (const kind of query.kinds ?? []) q.append('kind', kind);
    return this.#repairPage(await this.#json<Page<Message>>('GET', path, { query: q, signal: opts?.signal }), repairMessage);
  }

  async postMessage(caseId: string, input: MessageInput, opts?: WriteOptions): Promise<Message> {
    return repairMessage(await this.#json<Message>('POST', casePath(caseId, 'messages'), { body: input, ...write(opts) }), this.#report);
  }

  /** `GET /cases/{id}/history` answers `{ items: StatusChange[] }`, oldest first. */
  async listHistory(caseId: string, opts?: CallOptions): Promise<StatusChange[]> {
    const body = await this.#json<ItemList<StatusChange>>('GET', casePath(caseId, 'history'), { signal: opts?.signal });
    return items(body).map((s) => repairStatusChange(s, this.#report));
  }

  /** `GET /cases/{id}/files` answers `{ items: CaseFile[] }`, oldest first. */
  async listFiles(caseId: string, opts?: CallOptions): Promise<CaseFile[]> {
    const body = await this.#json<ItemList<CaseFile>>('GET', casePath(caseId, 'files'), { signal: opts?.signal });
    return items(body).map((f) => repairCaseFile(f, this.#report));
  }

  async addFiles(caseId: string, input: AddFilesInput, opts?: WriteOptions): Promise<CaseRecord> {
    const path = casePath(caseId, 'files');
    return this.#case(await this.#json<CaseRecord>('POST', path, { body: { attachmentIds: input.attachmentIds }, ...write(opts) }));
  }

  /** `POST /cases/{id}/participants` with `{ email }` or `{ id }`: the changed case. */
  async addParticipant(caseId: string, input: ParticipantInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#json<CaseRecord>('POST', casePath(caseId, 'participants'), { body: input, ...write(opts) }));
  }

  /** `DELETE /cases/{id}/participants/{personId}`: the changed case. */
  async removeParticipant(caseId: string, personId: string, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#json<CaseRecord>('DELETE', casePath(caseId, 'participants', personId), write(opts)));
  }

  /** `GET /colleagues` answers `{ items: PersonRef[] }`: the viewer's account's other people. */
  async listColleagues(opts?: CallOptions): Promise<PersonRef[]> {
    return items(await this.#json<ItemList<PersonRef>>('GET', '/colleagues', { signal: opts?.signal }));
  }

  async submitFeedback(caseId: string, input: FeedbackInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#json<CaseRecord>('POST', casePath(caseId, 'feedback'), { body: input, ...write(opts) }));
  }

  /**
   * One key per file (`opts.idempotencyKey`, the caller's for every attempt of the same file), so
   * a retry after a lost answer gets the first upload back instead of leaving an orphan file.
   * No total deadline: the upload fails as `timeout` once its progress stalls for `uploadStallMs`.
   */
  async uploadAttachment(file: File, opts: UploadOptions = {}): Promise<Attachment> {
    const [schema, { assertAttachmentAllowed, xhrUpload }] = await Promise.all([
      this.#schema ?? this.describe({ signal: opts.signal }),
      loadUpload(),
    ]);
    assertAttachmentAllowed(file, schema.limits);
    throwIfAborted(opts.signal);
    this.#refuseWhileHeld();
    const key = opts.idempotencyKey ?? newIdempotencyKey();
    const attempt = async (refresh: boolean) => {
      let headers: Record<string, string>;
      try {
        headers = await withDeadline(this.readTimeoutMs, opts.signal, () => this.#tokenHeaders({ 'Idempotency-Key': key }, refresh));
      } catch (cause) {
        if (isAbortError(cause) || isAdapterError(cause)) throw cause;
        throw new AdapterError('unauthorized', { cause });
      }
      return xhrUpload({
        url: this.#url('/attachments'),
        headers,
        file,
        signal: opts.signal,
        onProgress: opts.onProgress,
        stallMs: this.uploadStallMs,
      });
    };
    try {
      let attachment: Attachment;
      try {
        attachment = await attempt(false);
      } catch (e) {
        // An expired token: once more with a fresh one (the same key: the server stored nothing).
        if (!this.#getToken || !isAdapterError(e) || e.code !== 'unauthorized' || e.status !== 401) throw e;
        attachment = await attempt(true);
      }
      this.#unanswered.delete(key);
      return repairAttachment(withApiUrls(attachment, this.baseUrl), '', this.#report);
    } catch (e) {
      throw this.#writeFailure(key, isAdapterError(e) ? this.#holdFor(e) : e);
    }
  }

  /** Unusable values this adapter replaced (see CaseAdapter.onBackendProblem): each once, to one listener. */
  onBackendProblem(listener: (problem: BackendProblem) => void): () => void {
    return this.#problems.listen(listener);
  }

  /**
   * One connection for every subscriber of this adapter, whatever case each follows: the event
   * stream (or, without one, a poll loop) starts with the first subscriber and stops with the last.
   * A case view and its conversation following one case, or a list and a case, never double it.
   */
  subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    this.#liveEvents().then(
      (live) => {
        // Messages that arrive live are checked like those a page brings (values that reach Intl or URLs).
        if (!cancelled) unsubscribe = live.subscribe(target, (e) => onEvent(e.type === 'message-added' ? { ...e, message: repairMessage(withApiUrls(e.message, this.baseUrl), this.#report) } : e));
      },
      (e: unknown) => {
        // The code did not load (offline, a missing chunk): no live updates now; the next subscribe tries again.
        this.#live = null;
        console.warn('case-portal: live updates are unavailable:', e);
      },
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }

  #liveEvents(): Promise<LiveEvents> {
    this.#live ??= loadLive().then(
      ({ LiveEvents }) =>
        new LiveEvents({
          openStream: (lastEventId, signal) => this.#openStream(lastEventId, signal),
          fetchEvents: (q, etag, signal) => this.#pollEvents(q, etag, signal),
          pollIntervalMs: this.pollIntervalMs,
          whenHidden: this.pollWhenHidden,
          stream: this.#eventStream,
        }),
    );
    return this.#live;
  }

  /**
   * GET /events/stream with a fresh token on every connect; the answer is LiveEvents' to judge.
   * After a 401 the next connect asks the token source for a new token (a cached one was refused).
   */
  async #openStream(lastEventId: string | null, signal: AbortSignal): Promise<Response> {
    const extra: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId) extra['Last-Event-ID'] = lastEventId;
    const headers = await this.#tokenHeaders(extra, this.#streamRefused);
    const res = await this.#fetch(this.#url('/events/stream'), { method: 'GET', headers, signal, credentials: 'same-origin', cache: 'no-store' });
    this.#streamRefused = res.status === 401;
    return res;
  }

  async #pollEvents(q: { since: string | null; caseId?: string | undefined }, etag: string | null, signal: AbortSignal): Promise<PollResult> {
    const query = new URLSearchParams();
    if (q.since) query.set('since', q.since);
    if (q.caseId) query.set('caseId', q.caseId);
    const res = await this.#send('GET', '/events', { query, signal, headers: etag ? { 'If-None-Match': etag } : {} });
    if (res.status === 304) return { notModified: true };
    const body = withApiUrls(await readJson<{ events: AdapterEvent[]; cursor: string; reset?: boolean }>(res, signal), this.baseUrl);
    return { notModified: false, events: body.events ?? [], cursor: body.cursor, etag: res.headers.get('ETag'), reset: body.reset === true };
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
   * writes `writeTimeoutMs`). A write goes out under the caller's key (else a fresh one).
   */
  async #json<T>(method: Method, path: string, init: RequestInit2): Promise<T> {
    const key = method === 'GET' ? undefined : (init.idempotencyKey ?? newIdempotencyKey());
    const ms = method === 'GET' ? this.readTimeoutMs : this.writeTimeoutMs;
    try {
      const body = await withDeadline(ms, init.signal, async (signal) => {
        const res = await this.#send(method, path, { ...init, signal, idempotencyKey: key });
        return withApiUrls(await readJson<T>(res, signal), this.baseUrl);
      });
      if (key) this.#unanswered.delete(key);
      return body;
    } catch (e) {
      throw key ? this.#writeFailure(key, e) : e;
    }
  }

  /**
   * What a failed write means for its key. No answer (timeout, network, abort): the write may be
   * running or done, so the key is remembered. A 409 to such a key soon after is the server saying
   * "a request with this key is in flight" (openapi.yaml): still no answer, so `timeout` (the
   * customer retries later with the same key and gets the first result). Much later, or for a key
   * that had its answer, a 409 is a real conflict (a stale version).
   */
  #writeFailure(key: string, e: unknown): unknown {
    const noAnswer = isAbortError(e) || (isAdapterError(e) && (e.code === 'timeout' || e.code === 'network'));
    const window = 2 * (this.writeTimeoutMs > 0 ? this.writeTimeoutMs : DEFAULT_WRITE_TIMEOUT_MS);
    if (noAnswer) {
      // Keys nobody retried within the window say nothing any more.
      for (const [old, at] of this.#unanswered) if (Date.now() - at >= window) this.#unanswered.delete(old);
      if (!this.#unanswered.has(key)) this.#unanswered.set(key, Date.now());
      return e;
    }
    const since = this.#unanswered.get(key);
    if (isAdapterError(e) && e.code === 'conflict' && since !== undefined && Date.now() - since < window) {
      return new AdapterError('timeout', { status: e.status, backendMessage: e.backendMessage, cause: e });
    }
    this.#unanswered.delete(key);
    return e;
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

  #case(c: CaseRecord): CaseRecord {
    return repairCase(c, this.#report);
  }

  #repairPage<T>(page: Page<T>, repair: (item: T, report: (p: BackendProblem) => void) => T): Page<T> {
    if (!page || !Array.isArray(page.items)) return page;
    const fixed = page.items.map((item) => repair(item, this.#report));
    return fixed.every((item, i) => item === page.items[i]) ? page : { ...page, items: fixed };
  }
}

async function readJson<T>(res: Response, signal: AbortSignal | undefined): Promise<T> {
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw transportError(e, signal);
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    // A 200 that is not JSON (a login page served by a proxy, a truncated body) is the server's fault.
    throw new AdapterError('server', { status: res.status, cause });
  }
}

/** fetch rejects with TypeError when the network fails, and with the signal's reason on abort. */
function transportError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError');
  if (isAbortError(e)) return e;
  if (e instanceof AdapterError) return e;
  if (e instanceof TypeError) return new AdapterError('network', { cause: e });
  return new AdapterError('server', { cause: e });
}

/** A list answer that does not page: `{ items: [...] }`, so fields can be added later without breaking clients. */
interface ItemList<T> {
  items: T[];
}

/** The items of a list answer; a 2xx without them is the server breaking the contract. */
function items<T>(body: ItemList<T>): T[] {
  if (!body || !Array.isArray(body.items)) {
    // Like a 200 that is not JSON: the server's fault, not a message for the customer.
    throw new AdapterError('server', { cause: new TypeError('Expected a JSON object with an "items" array.') });
  }
  return body.items;
}

function write(opts: WriteOptions | undefined): Pick<RequestInit2, 'signal' | 'idempotencyKey'> {
  return { signal: opts?.signal, idempotencyKey: opts?.idempotencyKey };
}

/**
 * `/cases/{id}[/rest]`, refusing an id that is not one before any request is made: ids reach us
 * from page URLs (`?case.open=..`), and `/cases/..` would be `/` once the URL is normalised, so a
 * crafted link could point the customer's signed-in requests at another route. Refused as
 * not_found: to the customer, a link to a case that does not exist. Every segment is encoded.
 */
function casePath(id: string, ...rest: string[]): string {
  if (!isRecordId(id)) throw new AdapterError('not_found', { cause: new TypeError(`Not a case id: ${String(id).slice(0, 120)}`) });
  return ['', 'cases', id, ...rest].map(encodeURIComponent).join('/');
}
