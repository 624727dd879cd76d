/**
 * CaseAdapter over the JSON-over-HTTP contract in ../openapi.yaml.
 * Every call passes its AbortSignal to fetch; every failure becomes an AdapterError with a stable
 * code (aborts stay AbortErrors, so elements can tell "cancelled" from "failed").
 */
import {
  AdapterError,
  encodeCaseQuery,
  isAbortError,
  newIdempotencyKey,
  throwIfAborted,
  type AddFilesInput,
  type AdapterEvent,
  type Attachment,
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
import { startPolling, type PollResult } from './poller.js';

// Uploads are rare next to reads: their code (and the attachment rules) loads with the first one,
// so a page that only lists cases does not carry it (in the single file it sits in the case view's chunk).
const loadUpload = () => import('./upload.js');

export interface RestAdapterOptions {
  /** Where the API lives, e.g. "/api/portal" or "https://support.example.com/api/portal". */
  baseUrl: string;
  /**
   * The host page's token source, called before every request: the page owns sign-in and refresh.
   * A token is never read from attributes or storage (see DESIGN.md, security facts).
   */
  getToken?: () => string | null | Promise<string | null>;
  /** A fetch to use instead of the global one (tests, a host's instrumented fetch). */
  fetch?: typeof fetch;
  /** How often subscribe() polls GET /events. Default 10 s. */
  pollIntervalMs?: number;
  /** Extra headers on every request (e.g. a tenant id or CSRF token). */
  headers?: Record<string, string>;
  /**
   * Keep polling while the page is hidden. Default false: background tabs make no traffic and
   * catch up when shown. (Tests set it: headless Chromium may report a test page as hidden.)
   */
  pollWhenHidden?: boolean;
}

type Method = 'GET' | 'POST' | 'PATCH';

interface RequestInit2 {
  query?: URLSearchParams | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string | undefined;
}

export const DEFAULT_POLL_INTERVAL_MS = 10_000;

export class RestAdapter implements CaseAdapter {
  readonly baseUrl: string;
  readonly pollIntervalMs: number;
  readonly pollWhenHidden: boolean;
  readonly #getToken: RestAdapterOptions['getToken'];
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  /** The last schema seen: uploads check its limits before sending a byte. */
  #schema: PortalSchema | null = null;
  /** Live-update poll loops by target (case id, or '' for all cases), shared by their listeners. */
  readonly #pollers = new Map<string, { listeners: Set<(event: AdapterEvent) => void>; stop: () => void }>();

  constructor(options: RestAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.pollWhenHidden = options.pollWhenHidden ?? false;
    this.#getToken = options.getToken;
    // Looked up at call time, not bound once: a test or host may replace window.fetch later.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = { ...options.headers };
  }

  async describe(opts?: CallOptions): Promise<PortalSchema> {
    const schema = await this.#json<PortalSchema>('GET', '/schema', { signal: opts?.signal });
    this.#schema = schema;
    return schema;
  }

  viewer(opts?: CallOptions): Promise<Viewer> {
    return this.#json<Viewer>('GET', '/me', { signal: opts?.signal });
  }

  listCases(query: CaseQuery, opts?: CallOptions): Promise<Page<CaseRecord>> {
    return this.#json<Page<CaseRecord>>('GET', '/cases', { query: encodeCaseQuery(query), signal: opts?.signal });
  }

  getCase(id: string, opts?: CallOptions): Promise<CaseRecord> {
    return this.#json<CaseRecord>('GET', `/cases/${enc(id)}`, { signal: opts?.signal });
  }

  createCase(input: CaseInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#json<CaseRecord>('POST', '/cases', { body: input, ...write(opts) });
  }

  updateCase(id: string, patch: CasePatch, opts?: WriteOptions): Promise<CaseRecord> {
    // The version travels as an entity tag: a stale one answers 409/412 → "conflict".
    return this.#json<CaseRecord>('PATCH', `/cases/${enc(id)}`, {
      body: { changes: patch.changes },
      headers: { 'If-Match': `"${patch.version}"` },
      ...write(opts),
    });
  }

  transition(id: string, action: TransitionAction, input: TransitionInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#json<CaseRecord>('POST', `/cases/${enc(id)}/transitions`, { body: { action, ...input }, ...write(opts) });
  }

  listMessages(caseId: string, query: MessageQuery = {}, opts?: CallOptions): Promise<Page<Message>> {
    const q = new URLSearchParams();
    if (query.cursor) q.set('cursor', query.cursor);
    if (query.limit != null) q.set('limit', String(query.limit));
    return this.#json<Page<Message>>('GET', `/cases/${enc(caseId)}/messages`, { query: q, signal: opts?.signal });
  }

  postMessage(caseId: string, input: MessageInput, opts?: WriteOptions): Promise<Message> {
    return this.#json<Message>('POST', `/cases/${enc(caseId)}/messages`, { body: input, ...write(opts) });
  }

  /** `GET /cases/{id}/history` answers `{ items: StatusChange[] }`, oldest first. */
  async listHistory(caseId: string, opts?: CallOptions): Promise<StatusChange[]> {
    const body = await this.#json<ItemList<StatusChange>>('GET', `/cases/${enc(caseId)}/history`, { signal: opts?.signal });
    return items(body);
  }

  /** `GET /cases/{id}/files` answers `{ items: CaseFile[] }`, oldest first. */
  async listFiles(caseId: string, opts?: CallOptions): Promise<CaseFile[]> {
    const body = await this.#json<ItemList<CaseFile>>('GET', `/cases/${enc(caseId)}/files`, { signal: opts?.signal });
    return items(body);
  }

  addFiles(caseId: string, input: AddFilesInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#json<CaseRecord>('POST', `/cases/${enc(caseId)}/files`, { body: { attachmentIds: input.attachmentIds }, ...write(opts) });
  }

  submitFeedback(caseId: string, input: FeedbackInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#json<CaseRecord>('POST', `/cases/${enc(caseId)}/feedback`, { body: input, ...write(opts) });
  }

  async uploadAttachment(file: File, opts: UploadOptions = {}): Promise<Attachment> {
    const [schema, { assertAttachmentAllowed, xhrUpload }] = await Promise.all([
      this.#schema ?? this.describe({ signal: opts.signal }),
      loadUpload(),
    ]);
    assertAttachmentAllowed(file, schema.limits);
    throwIfAborted(opts.signal);
    const attachment = await xhrUpload({
      url: this.#url('/attachments'),
      headers: await this.#requestHeaders({ 'Idempotency-Key': newIdempotencyKey() }),
      file,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return withApiUrls(attachment, this.baseUrl);
  }

  /**
   * One poll loop per target, however many listen: a case view and its conversation both follow
   * the same case, and must not double the requests. The loop stops with its last listener.
   */
  subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
    const key = target.caseId ?? '';
    let shared = this.#pollers.get(key);
    if (!shared) {
      const listeners = new Set<(event: AdapterEvent) => void>();
      const stop = startPolling(
        (q, etag, signal) => this.#pollEvents(q, etag, signal),
        target.caseId ? { caseId: target.caseId } : {},
        (event) => {
          for (const listener of [...listeners]) listener(event);
        },
        { intervalMs: this.pollIntervalMs, whenHidden: this.pollWhenHidden },
      );
      shared = { listeners, stop };
      this.#pollers.set(key, shared);
    }
    const mine = shared;
    const listener = (event: AdapterEvent) => onEvent(event);
    mine.listeners.add(listener);
    return () => {
      mine.listeners.delete(listener);
      if (mine.listeners.size > 0 || this.#pollers.get(key) !== mine) return;
      this.#pollers.delete(key);
      mine.stop();
    };
  }

  async #pollEvents(q: { since: string | null; caseId?: string | undefined }, etag: string | null, signal: AbortSignal): Promise<PollResult> {
    const query = new URLSearchParams();
    if (q.since) query.set('since', q.since);
    if (q.caseId) query.set('caseId', q.caseId);
    const res = await this.#send('GET', '/events', { query, signal, headers: etag ? { 'If-None-Match': etag } : {} });
    if (res.status === 304) return { notModified: true };
    const body = withApiUrls(await readJson<{ events: AdapterEvent[]; cursor: string }>(res, signal), this.baseUrl);
    return { notModified: false, events: body.events ?? [], cursor: body.cursor, etag: res.headers.get('ETag') };
  }

  #url(path: string, query?: URLSearchParams): string {
    const qs = query?.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async #requestHeaders(extra: Record<string, string>): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.#headers, ...extra };
    const token = this.#getToken ? await this.#getToken() : null;
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  /** Sends one request; resolves with any 2xx or a 304, rejects with an AdapterError or AbortError. */
  async #send(method: Method, path: string, init: RequestInit2): Promise<Response> {
    const { signal } = init;
    throwIfAborted(signal);
    const extra: Record<string, string> = { ...init.headers };
    if (method !== 'GET') extra['Idempotency-Key'] = init.idempotencyKey ?? newIdempotencyKey();
    if (init.body !== undefined) extra['Content-Type'] = 'application/json';
    let headers: Record<string, string>;
    try {
      headers = await this.#requestHeaders(extra);
    } catch (cause) {
      // A failing token callback means the host could not sign the customer in.
      throw new AdapterError('unauthorized', { cause });
    }
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
    throw errorFromResponse(res.status, text, res.headers.get('Retry-After'));
  }

  async #json<T>(method: Method, path: string, init: RequestInit2): Promise<T> {
    const res = await this.#send(method, path, init);
    return withApiUrls(await readJson<T>(res, init.signal), this.baseUrl);
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

const enc = encodeURIComponent;
