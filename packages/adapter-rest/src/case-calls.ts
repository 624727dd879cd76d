/**
 * The REST adapter's calls that only a case view, the conversation or the create form make: one
 * case, its messages, history, files, participants and colleagues, every write (with the
 * bookkeeping of writes that got no answer), uploads and live updates. rest-adapter.ts loads this
 * module on the first such call, so a page that only lists cases does not carry it (in the single
 * file it sits in the case view's chunk, which the list preloads once its rows painted).
 * Requests still go through the adapter's one transport (`RestCore`: token, deadlines, the
 * Retry-After hold, the backend-problem report), so nothing about a call changes but where its code lives.
 */
import {
  AdapterError,
  isAbortError,
  isAdapterError,
  isParticipantChange,
  isRecordId,
  isStatusChange,
  newIdempotencyKey,
  repairAttachment,
  repairCase,
  repairCaseFile,
  repairHistoryEntry,
  repairMessage,
  throwIfAborted,
  type AddFilesInput,
  type AdapterEvent,
  type Attachment,
  type CallOptions,
  type CaseFile,
  type CaseInput,
  type CasePatch,
  type CaseRecord,
  type FeedbackInput,
  type HistoryEntry,
  type Message,
  type MessageInput,
  type MessageQuery,
  type Page,
  type ParticipantInput,
  type PersonRef,
  type SubscribeTarget,
  type TransitionAction,
  type TransitionInput,
  type UploadOptions,
  type WriteOptions,
} from '@case-portal/core';
import { withApiUrls } from './attachment-urls.js';
import { withDeadline } from './deadline.js';
import { readJson } from './json-body.js';
import type { PollResult } from './poller.js';
import type { LiveEvents } from './live-events.js';
import { DEFAULT_WRITE_TIMEOUT_MS, type Method, type RequestInit2, type RestCore } from './rest-core.js';

// Uploads are rare next to reads: their code (and the attachment rules) loads with the first one
// (in the single file it sits in the case view's chunk).
const loadUpload = () => import('./upload.js');
// Live updates start when a case view opens (the elements that subscribe): the stream client, its
// parser and the poller load then (in the single file: the case view's chunk), not with the list.
const loadLive = () => import('./live-events.js');

/** One per adapter (rest-adapter.ts creates it on first use): the calls, and what writes and live updates remember. */
export class CaseCalls {
  /** Live updates: one stream (or poll loop) for every subscriber of this adapter; loaded on first use. */
  #live: Promise<LiveEvents> | null = null;
  /** The last stream connect was refused (401): the next one asks for a fresh token. */
  #streamRefused = false;
  /** Writes whose request went out and got no answer (timeout, network, abort), by key: when first. */
  readonly #unanswered = new Map<string, number>();

  constructor(private readonly core: RestCore) {}

  async getCase(id: string, opts?: CallOptions): Promise<CaseRecord> {
    return this.#case(await this.core.json<CaseRecord>('GET', casePath(id), { signal: opts?.signal }));
  }

  async createCase(input: CaseInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#write<CaseRecord>('POST', '/cases', { body: input, ...write(opts) }));
  }

  async updateCase(id: string, patch: CasePatch, opts?: WriteOptions): Promise<CaseRecord> {
    // The version travels as an entity tag: a stale one answers 409/412 → "conflict".
    const path = casePath(id);
    return this.#case(
      await this.#write<CaseRecord>('PATCH', path, {
        body: { changes: patch.changes },
        headers: { 'If-Match': `"${patch.version}"` },
        ...write(opts),
      }),
    );
  }

  async transition(id: string, action: TransitionAction, input: TransitionInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#write<CaseRecord>('POST', casePath(id, 'transitions'), { body: { action, ...input }, ...write(opts) }));
  }

  async listMessages(caseId: string, query: MessageQuery = {}, opts?: CallOptions): Promise<Page<Message>> {
    const path = casePath(caseId, 'messages');
    const q = new URLSearchParams();
    if (query.cursor) q.set('cursor', query.cursor);
    if (query.limit != null) q.set('limit', String(query.limit));
    for (const kind of query.kinds ?? []) q.append('kind', kind);
    return this.core.repairPage(await this.core.json<Page<Message>>('GET', path, { query: q, signal: opts?.signal }), repairMessage);
  }

  async postMessage(caseId: string, input: MessageInput, opts?: WriteOptions): Promise<Message> {
    return repairMessage(await this.#write<Message>('POST', casePath(caseId, 'messages'), { body: input, ...write(opts) }), this.core.report);
  }

  /**
   * `GET /cases/{id}/history?include=participants` answers `{ items: HistoryEntry[] }`, oldest first.
   * The parameter asks for the participant entries too: a server leaves them out for clients that
   * do not ask (those read every entry as a status change). Entries of a kind this version does not
   * know (a newer server's) are left out here, so the elements only ever meet the kinds they render.
   */
  async listHistory(caseId: string, opts?: CallOptions): Promise<HistoryEntry[]> {
    const query = new URLSearchParams({ include: 'participants' });
    const body = await this.core.json<ItemList<HistoryEntry>>('GET', casePath(caseId, 'history'), { query, signal: opts?.signal });
    return items(body)
      .filter((h) => !h || typeof h !== 'object' || isStatusChange(h) || isParticipantChange(h))
      .map((h) => repairHistoryEntry(h, this.core.report));
  }

  /** `GET /cases/{id}/files` answers `{ items: CaseFile[] }`, oldest first. */
  async listFiles(caseId: string, opts?: CallOptions): Promise<CaseFile[]> {
    const body = await this.core.json<ItemList<CaseFile>>('GET', casePath(caseId, 'files'), { signal: opts?.signal });
    return items(body).map((f) => repairCaseFile(f, this.core.report));
  }

  async addFiles(caseId: string, input: AddFilesInput, opts?: WriteOptions): Promise<CaseRecord> {
    const path = casePath(caseId, 'files');
    return this.#case(await this.#write<CaseRecord>('POST', path, { body: { attachmentIds: input.attachmentIds }, ...write(opts) }));
  }

  /** `POST /cases/{id}/participants` with `{ email }` or `{ id }`: the changed case. */
  async addParticipant(caseId: string, input: ParticipantInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#write<CaseRecord>('POST', casePath(caseId, 'participants'), { body: input, ...write(opts) }));
  }

  /** `DELETE /cases/{id}/participants/{personId}`: the changed case. */
  async removeParticipant(caseId: string, personId: string, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#write<CaseRecord>('DELETE', casePath(caseId, 'participants', personId), write(opts)));
  }

  /** `GET /colleagues` answers `{ items: PersonRef[] }`: the viewer's account's other people. */
  async listColleagues(opts?: CallOptions): Promise<PersonRef[]> {
    return items(await this.core.json<ItemList<PersonRef>>('GET', '/colleagues', { signal: opts?.signal }));
  }

  async submitFeedback(caseId: string, input: FeedbackInput, opts?: WriteOptions): Promise<CaseRecord> {
    return this.#case(await this.#write<CaseRecord>('POST', casePath(caseId, 'feedback'), { body: input, ...write(opts) }));
  }

  /**
   * One key per file (`opts.idempotencyKey`, the caller's for every attempt of the same file), so
   * a retry after a lost answer gets the first upload back instead of leaving an orphan file.
   * No total deadline: the upload fails as `timeout` once its progress stalls for `uploadStallMs`.
   */
  async uploadAttachment(file: File, opts: UploadOptions = {}): Promise<Attachment> {
    const core = this.core;
    const [schema, { assertAttachmentAllowed, xhrUpload }] = await Promise.all([core.schema(opts.signal), loadUpload()]);
    assertAttachmentAllowed(file, schema.limits);
    throwIfAborted(opts.signal);
    core.refuseWhileHeld();
    const key = opts.idempotencyKey ?? newIdempotencyKey();
    const attempt = async (refresh: boolean) => {
      let headers: Record<string, string>;
      try {
        headers = await withDeadline(core.readTimeoutMs, opts.signal, () => core.tokenHeaders({ 'Idempotency-Key': key }, refresh));
      } catch (cause) {
        if (isAbortError(cause) || isAdapterError(cause)) throw cause;
        throw new AdapterError('unauthorized', { cause });
      }
      return xhrUpload({
        url: core.url('/attachments'),
        headers,
        file,
        signal: opts.signal,
        onProgress: opts.onProgress,
        stallMs: core.uploadStallMs,
      });
    };
    try {
      let attachment: Attachment;
      try {
        attachment = await attempt(false);
      } catch (e) {
        // An expired token: once more with a fresh one (the same key: the server stored nothing).
        if (!core.refreshes || !isAdapterError(e) || e.code !== 'unauthorized' || e.status !== 401) throw e;
        attachment = await attempt(true);
      }
      this.#unanswered.delete(key);
      return repairAttachment(withApiUrls(attachment, core.baseUrl), '', core.report);
    } catch (e) {
      throw this.#writeFailure(key, isAdapterError(e) ? core.holdFor(e) : e);
    }
  }

  /** RestAdapter.subscribe once this module is there: one connection for every subscriber of the adapter. */
  subscribe(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void {
    let unsubscribe: (() => void) | null = null;
    let cancelled = false;
    const { baseUrl, report } = this.core;
    this.#liveEvents().then(
      (live) => {
        // Messages that arrive live are checked like those a page brings (values that reach Intl or URLs).
        if (!cancelled) unsubscribe = live.subscribe(target, (e) => onEvent(e.type === 'message-added' ? { ...e, message: repairMessage(withApiUrls(e.message, baseUrl), report) } : e));
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
    const core = this.core;
    this.#live ??= loadLive().then(
      ({ LiveEvents }) =>
        new LiveEvents({
          openStream: (lastEventId, signal) => this.#openStream(lastEventId, signal),
          fetchEvents: (q, etag, signal) => this.#pollEvents(q, etag, signal),
          pollIntervalMs: core.pollIntervalMs,
          whenHidden: core.pollWhenHidden,
          stream: core.eventStream,
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
    const headers = await this.core.tokenHeaders(extra, this.#streamRefused);
    const res = await this.core.fetch(this.core.url('/events/stream'), { method: 'GET', headers, signal, credentials: 'same-origin', cache: 'no-store' });
    this.#streamRefused = res.status === 401;
    return res;
  }

  async #pollEvents(q: { since: string | null; caseId?: string | undefined }, etag: string | null, signal: AbortSignal): Promise<PollResult> {
    const query = new URLSearchParams();
    if (q.since) query.set('since', q.since);
    if (q.caseId) query.set('caseId', q.caseId);
    const res = await this.core.send('GET', '/events', { query, signal, headers: etag ? { 'If-None-Match': etag } : {} });
    if (res.status === 304) return { notModified: true };
    const body = withApiUrls(await readJson<{ events: AdapterEvent[]; cursor: string; reset?: boolean }>(res, signal), this.core.baseUrl);
    return { notModified: false, events: body.events ?? [], cursor: body.cursor, etag: res.headers.get('ETag'), reset: body.reset === true };
  }

  /** A write: under the caller's key (else a fresh one), within `writeTimeoutMs`; its failure judged by #writeFailure. */
  async #write<T>(method: Method, path: string, init: RequestInit2): Promise<T> {
    const key = init.idempotencyKey ?? newIdempotencyKey();
    try {
      const body = await this.core.json<T>(method, path, { ...init, idempotencyKey: key });
      this.#unanswered.delete(key);
      return body;
    } catch (e) {
      throw this.#writeFailure(key, e);
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
    const writeTimeoutMs = this.core.writeTimeoutMs;
    const window = 2 * (writeTimeoutMs > 0 ? writeTimeoutMs : DEFAULT_WRITE_TIMEOUT_MS);
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

  #case(c: CaseRecord): CaseRecord {
    return repairCase(c, this.core.report);
  }
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
