/**
 * The REST contract (packages/adapter-rest/openapi.yaml) as msw handlers, in one place for tests
 * and Storybook. A thin HTTP layer over a CaseAdapter (by default a fresh MemoryAdapter that
 * persists nothing): the memory adapter owns the domain logic, these handlers own HTTP —
 * query parsing, status codes, error bodies, Idempotency-Key replays, If-Match, multipart, ETag/304.
 * Idempotency follows the case server (packages/server/src/service/idempotency.ts): a key is held
 * per request (method, path, body); the same key with another request is 422, a twin while the
 * first still runs is 409, refusals a retry would meet again are replayed, the rest forgotten.
 *
 *   const worker = await startMockWorker(createHandlers());                       // tests
 *   parameters: { msw: { handlers: createHandlers({ latencyMs: 400 }) } }          // stories
 *   createHandlers({ fail: [errorHandlers.forbidden()] })                          // error states
 */
import { http, delay, type HttpHandler } from 'msw';
import {
  AdapterError,
  decodeCaseQuery,
  type AddFilesInput,
  type CaseAdapter,
  type CaseInput,
  type FeedbackInput,
  type FieldType,
  type FieldValue,
  type MessageInput,
  type MessageKind,
  type ParticipantInput,
  type TransitionAction,
  type TransitionInput,
  type WriteOptions,
} from '@case-portal/core';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { EventLog } from './event-log.js';
import { eventStreamResponse } from './event-stream.js';
import { DEFAULT_BASE_URL } from './failures.js';
import { errorResponse, etagMatches, jsonResponse, notModified, readBody, responseForError, versionFromIfMatch } from './respond.js';

export { DEFAULT_BASE_URL };

export interface MockApiOptions {
  /** Where the API is mounted. Default "/api/portal". */
  baseUrl?: string;
  /** The backend behind the HTTP layer. Default: `new MemoryAdapter({ storage: null })`. */
  adapter?: CaseAdapter;
  /** Delay every answer (loading states in stories). */
  latencyMs?: number;
  /** When set, every request must carry `Authorization: Bearer <token>` or gets a 401. */
  token?: string;
  /** Handlers tried first, e.g. from errorHandlers: they fail (or delay) matching requests. */
  fail?: HttpHandler[];
  /**
   * Runs inside every write after its Idempotency-Key is claimed and before the backend acts: a
   * slow or hung backend (a deadline test; a retry meeting "409 in flight"). Throw an AdapterError
   * to fail the write there.
   */
  beforeWrite?: (request: Request) => Promise<void> | void;
  /** The event stream's heartbeat. Default 15 s. */
  heartbeatMs?: number;
}

const ACTIONS: readonly TransitionAction[] = ['close', 'cancel', 'reopen'];

/** What a key holds: the request it was first used for, and its answer once there is one. */
interface Replay {
  request: string;
  state: 'running' | 'done';
  status: number;
  body: unknown;
}

export interface MockApi {
  handlers: HttpHandler[];
  /** The backend behind the handlers: tests may seed or inspect it directly. */
  adapter: CaseAdapter;
  /** Stops listening to the adapter's live events (call when a test is done with this API). */
  dispose(): void;
  /** The event log behind /events and /events/stream (tests make it forget, to see `reset`). */
  log: EventLog;
}

/** The handlers for stories and most tests. */
export function createHandlers(options: MockApiOptions = {}): HttpHandler[] {
  return createMockApi(options).handlers;
}

/** The handlers plus their backing adapter and a dispose(), for tests that need them. */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const base = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const adapter = options.adapter ?? new MemoryAdapter({ storage: null });
  const log = new EventLog(adapter);
  const replays = new Map<string, Replay>();
  let fieldTypes: Record<string, FieldType> | null = null;

  /** Wraps a resolver: latency, auth, error mapping. */
  const route =
    <P>(fn: (request: Request, params: P) => Promise<Response>) =>
    async ({ request, params }: { request: Request; params: P }): Promise<Response> => {
      if (options.latencyMs) await delay(options.latencyMs);
      if (options.token !== undefined && request.headers.get('Authorization') !== `Bearer ${options.token}`) {
        return errorResponse('unauthorized', 'Missing or invalid bearer token.');
      }
      try {
        return await fn(request, params);
      } catch (e) {
        return responseForError(e);
      }
    };

  /**
   * A write, once per Idempotency-Key as the case server does it: the key is claimed for this
   * request (method, path, body) before the backend acts; a replay gets the stored answer, another
   * request under the key 422, a twin while the first runs 409. A refusal the same request would
   * meet again (4xx but 409 and 429) is stored too; anything a retry may fix frees the key.
   */
  const write =
    <P>(status: number, fn: (request: Request, params: P, opts: WriteOptions) => Promise<unknown>) =>
    route<P>(async (request, params) => {
      const key = request.headers.get('Idempotency-Key');
      if (!key) {
        await options.beforeWrite?.(request);
        const body = await fn(request, params, {});
        return jsonResponse(body, status, etagOf(body));
      }
      const fingerprint = await requestFingerprint(request);
      const held = replays.get(key);
      if (held && held.request !== fingerprint) {
        throw new AdapterError('validation', {
          status: 422,
          backendMessage: 'This Idempotency-Key was used for a different request.',
          fieldErrors: { 'Idempotency-Key': 'Used for a different request.' },
        });
      }
      if (held?.state === 'running') throw new AdapterError('conflict', { backendMessage: 'A request with this Idempotency-Key is in flight.' });
      if (held) return jsonResponse(held.body, held.status, { 'Idempotent-Replayed': 'true', ...etagOf(held.body) });
      const mine: Replay = { request: fingerprint, state: 'running', status: 0, body: null };
      replays.set(key, mine);
      try {
        await options.beforeWrite?.(request);
        const body = await fn(request, params, { idempotencyKey: key });
        Object.assign(mine, { state: 'done', status, body });
        return jsonResponse(body, status, etagOf(body));
      } catch (e) {
        const answer = responseForError(e);
        if (answer.status < 500 && answer.status !== 409 && answer.status !== 429) {
          Object.assign(mine, { state: 'done', status: answer.status, body: await answer.clone().json() });
        } else if (replays.get(key) === mine) {
          replays.delete(key);
        }
        return answer;
      }
    });

  const types = async (): Promise<Record<string, FieldType>> => {
    fieldTypes ??= Object.fromEntries((await adapter.describe()).fields.map((f) => [f.key, f.type]));
    return fieldTypes;
  };

  type Id = { id: string };

  const handlers = [
    ...(options.fail ?? []),

    http.get(`${base}/schema`, route(async () => jsonResponse(await adapter.describe()))),
    http.get(`${base}/me`, route(async () => jsonResponse(await adapter.viewer()))),

    http.get(
      `${base}/cases`,
      route(async (request) => {
        const query = decodeCaseQuery(new URL(request.url).searchParams, await types());
        return jsonResponse(await adapter.listCases(query));
      }),
    ),

    http.post(
      `${base}/cases`,
      write(201, async (request, _p, opts) => {
        const c = await adapter.createCase((await readBody(request)) as unknown as CaseInput, opts);
        log.recordWrite({ type: 'case-changed', caseId: c.id });
        return c;
      }),
    ),

    http.get<Id>(
      `${base}/cases/:id`,
      route<Id>(async (request, { id }) => {
        const c = await adapter.getCase(id);
        const etag = `"${c.version}"`;
        if (etagMatches(request.headers.get('If-None-Match'), etag)) return notModified(etag);
        return jsonResponse(c, 200, { ETag: etag });
      }),
    ),

    http.patch<Id>(
      `${base}/cases/:id`,
      write<Id>(200, async (request, { id }, opts) => {
        const header = request.headers.get('If-Match');
        const version = versionFromIfMatch(header);
        if (version === null) {
          throw new AdapterError('validation', {
            status: 428,
            backendMessage: header ? 'If-Match must be the case version, e.g. "3".' : 'If-Match is required.',
          });
        }
        const body = await readBody(request);
        const changes = (body.changes ?? {}) as Record<string, FieldValue>;
        const c = await adapter.updateCase(id, { changes, version }, opts);
        log.recordWrite({ type: 'case-changed', caseId: id });
        return c;
      }),
    ),

    http.post<Id>(
      `${base}/cases/:id/transitions`,
      write<Id>(200, async (request, { id }, opts) => {
        const { action, ...input } = await readBody(request);
        if (!ACTIONS.includes(action as TransitionAction)) {
          throw new AdapterError('validation', { backendMessage: 'Unknown action.', fieldErrors: { action: 'Must be close, cancel or reopen.' } });
        }
        const c = await adapter.transition(id, action as TransitionAction, input as TransitionInput, opts);
        log.recordWrite({ type: 'case-changed', caseId: id });
        return c;
      }),
    ),

    http.get<Id>(
      `${base}/cases/:id/messages`,
      route<Id>(async (request, { id }) => {
        const url = new URL(request.url);
        const limit = url.searchParams.get('limit');
        const kinds = url.searchParams.getAll('kind') as MessageKind[];
        const page = await adapter.listMessages(id, {
          cursor: url.searchParams.get('cursor'),
          ...(limit ? { limit: Number(limit) } : {}),
          ...(kinds.length ? { kinds } : {}),
        });
        // Changes whenever a message is added: the total and the newest id both move.
        const newest = page.items.reduce((a, m) => (m.createdAt > a ? m.createdAt : a), '');
        const etag = `"m${page.total}-${hash(`${kinds.join(',')}|${newest}|${page.items.map((m) => m.id).join(',')}`)}"`;
        if (etagMatches(request.headers.get('If-None-Match'), etag)) return notModified(etag);
        return jsonResponse(page, 200, { ETag: etag });
      }),
    ),

    http.post<Id>(
      `${base}/cases/:id/messages`,
      write<Id>(201, async (request, { id }, opts) => {
        const m = await adapter.postMessage(id, (await readBody(request)) as unknown as MessageInput, opts);
        log.recordWrite({ type: 'message-added', caseId: id, message: m });
        return m;
      }),
    ),

    http.get<Id>(
      `${base}/cases/:id/history`,
      route<Id>(async (_request, { id }) => jsonResponse({ items: await adapter.listHistory(id) })),
    ),

    http.get<Id>(
      `${base}/cases/:id/files`,
      route<Id>(async (_request, { id }) => jsonResponse({ items: await adapter.listFiles(id) })),
    ),

    http.post<Id>(
      `${base}/cases/:id/files`,
      write<Id>(200, async (request, { id }, opts) => {
        const c = await adapter.addFiles(id, (await readBody(request)) as unknown as AddFilesInput, opts);
        log.recordWrite({ type: 'case-changed', caseId: id });
        return c;
      }),
    ),

    http.post<Id>(
      `${base}/cases/:id/participants`,
      write<Id>(200, async (request, { id }, opts) => {
        if (!adapter.addParticipant) throw new AdapterError('not_found');
        const c = await adapter.addParticipant(id, (await readBody(request)) as unknown as ParticipantInput, opts);
        log.recordWrite({ type: 'case-changed', caseId: id });
        return c;
      }),
    ),

    http.delete<Id & { personId: string }>(
      `${base}/cases/:id/participants/:personId`,
      write<Id & { personId: string }>(200, async (_request, { id, personId }, opts) => {
        if (!adapter.removeParticipant) throw new AdapterError('not_found');
        const c = await adapter.removeParticipant(id, personId, opts);
        log.recordWrite({ type: 'case-changed', caseId: id });
        return c;
      }),
    ),

    http.get(
      `${base}/colleagues`,
      route(async () => jsonResponse({ items: adapter.listColleagues ? await adapter.listColleagues() : [] })),
    ),

    http.post<Id>(
      `${base}/cases/:id/feedback`,
      write<Id>(200, async (request, { id }, opts) => {
        const c = await adapter.submitFeedback(id, (await readBody(request)) as unknown as FeedbackInput, opts);
        log.recordWrite({ type: 'case-changed', caseId: id });
        return c;
      }),
    ),

    http.post(
      `${base}/attachments`,
      write(201, async (request) => {
        let form: FormData;
        try {
          form = await request.formData();
        } catch {
          throw new AdapterError('validation', { status: 400, backendMessage: 'Expected multipart/form-data.' });
        }
        const file = form.get('file');
        if (!(file instanceof File)) {
          throw new AdapterError('validation', { backendMessage: 'The form field "file" is missing.', fieldErrors: { file: 'Required.' } });
        }
        return adapter.uploadAttachment(file);
      }),
    ),

    http.get(
      `${base}/events`,
      route(async (request) => {
        const url = new URL(request.url);
        const etag = `"e${log.cursor}"`;
        const sinceParam = url.searchParams.get('since');
        // Nothing since the tag the client holds: the cheap answer polling is built on.
        if (sinceParam !== null && etagMatches(request.headers.get('If-None-Match'), etag)) return notModified(etag);
        const since = sinceParam === null ? Number(log.cursor) : Number(sinceParam);
        if (!Number.isInteger(since) || since < 0) {
          throw new AdapterError('validation', { status: 400, fieldErrors: { since: 'Invalid cursor.' } });
        }
        // Older than the log keeps (or never handed out): the client must reload.
        if (log.lost(since)) return jsonResponse({ events: [], cursor: log.cursor, reset: true }, 200, { ETag: etag });
        return jsonResponse({ events: log.since(since, url.searchParams.get('caseId')), cursor: log.cursor }, 200, { ETag: etag });
      }),
    ),

    http.get(
      `${base}/events/stream`,
      route(async (request) => {
        const url = new URL(request.url);
        const last = request.headers.get('Last-Event-ID')?.trim() ?? '';
        if (last !== '' && !/^\d{1,15}$/.test(last)) {
          throw new AdapterError('validation', { status: 400, fieldErrors: { 'Last-Event-ID': 'Not an event id.' } });
        }
        return eventStreamResponse(log, {
          since: last === '' ? null : Number(last),
          caseId: url.searchParams.get('caseId'),
          heartbeatMs: options.heartbeatMs ?? 15_000,
          signal: request.signal,
        });
      }),
    ),
  ];
  return { handlers, adapter, dispose: () => log.dispose(), log };
}

/**
 * What makes two requests the same one for an Idempotency-Key: method, path and body. A multipart
 * body by its parts (a file by name, type and content): its boundary differs on every attempt.
 */
async function requestFingerprint(request: Request): Promise<string> {
  const copy = request.clone();
  const head = `${request.method} ${new URL(request.url).pathname}\n`;
  if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) return head + (await copy.text());
  let form: FormData;
  try {
    form = await copy.formData();
  } catch {
    return `${head}<unreadable multipart>`;
  }
  const parts: string[] = [];
  for (const [name, value] of form) {
    if (typeof value === 'string') {
      parts.push(`${name}=${value}`);
      continue;
    }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await value.arrayBuffer()));
    parts.push(`${name}=file:${value.name}:${value.type}:${value.size}:${Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')}`);
  }
  return head + parts.join('\n');
}

/** A case answer carries its version as the entity tag (openapi.yaml: ETag on case responses). */
function etagOf(body: unknown): Record<string, string> {
  if (typeof body === 'object' && body !== null && 'version' in body && typeof body.version === 'number') {
    return { ETag: `"${body.version}"` };
  }
  return {};
}

/** FNV-1a: enough to make an opaque, short entity tag. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
