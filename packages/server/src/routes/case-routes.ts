import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeCaseQuery, MESSAGE_KINDS, redactAuthors, redactContacts, redactHistory, type CaseInput, type CaseRecord, type FieldType, type FieldValue, type MessageInput, type MessageKind, type TransitionAction } from '@case-portal/core';
import { callerOf } from '../auth/authenticate.js';
import type { Caller } from '../backend/types.js';
import { HttpError } from '../http-error.js';
import type { CaseService } from '../service/case-service.js';
import { IdempotencyStore, type StoredResponse } from '../service/idempotency.js';
import { addFilesBody, caseIdParams, caseInputBody, feedbackBody, messageBody, patchBody, transitionBody } from './schemas.js';
import type { Principal } from '../principal.js';
import { sendJsonPage } from './case-page.js';
import { isCursor } from './cursor.js';

interface Deps {
  service: CaseService;
  idempotency: IdempotencyStore;
  maxPageSize: number;
  /** A value with its attachment URLs signed for a viewer (the files module's `signFor`), for lists sent as stored text. */
  signFor?: <T>(viewer: Principal, value: T) => T;
}

type IdParams = { Params: { id: string } };
const MESSAGE_PAGE = 50;

export const etag = (version: number) => `"${version}"`;

/**
 * A case as this caller may see it: the addresses of the people copied go to the requester, each
 * person their own, and agents; others get names (core's redactContacts). Only on the way out: the
 * service writes the stored record, never a redacted one.
 */
export function shownTo(caller: Caller, c: CaseRecord): CaseRecord {
  return seesEveryAddress(caller) ? c : redactContacts(c, caller.viewer.id);
}

/** Agents see every address of the people copied; for anyone else `shownTo` may hide some. */
const seesEveryAddress = (caller: Caller) => caller.principal.role === 'agent';

/** `If-Match: "3"` (or W/"3", or 3) as a version number; null when absent or not a version. */
export function versionFrom(header: string | undefined): number | null {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header?.trim() ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Runs a write once per Idempotency-Key: the key is claimed in the database before the write runs,
 * and the response (status, body, ETag/Location) is stored for replays.
 */
export async function once(deps: Pick<Deps, 'idempotency'>, req: FastifyRequest, reply: FastifyReply, operation: string, run: () => Promise<StoredResponse>) {
  const key = req.headers['idempotency-key'];
  const caller = callerOf(req);
  if (typeof key !== 'string' || !key) return send(reply, await run());
  if (key.length > 200) throw new HttpError(400, 'validation', 'Idempotency-Key is too long.');
  const hash = IdempotencyStore.hash(req.method, req.url, req.body);
  const replay = await deps.idempotency.begin(caller.principal, key, operation, hash);
  if (replay) return send(reply.header('idempotent-replayed', 'true'), replay);
  let response: StoredResponse;
  try {
    response = await run();
  } catch (e) {
    // A refusal that the same request would meet again is remembered; anything a retry may fix is not.
    if (e instanceof HttpError && e.status < 500 && e.status !== 409 && e.status !== 429) {
      const body: Record<string, unknown> = { error: { code: e.code, message: e.message } };
      if (e.fieldErrors) body.fieldErrors = e.fieldErrors;
      await deps.idempotency.finish(caller.principal, key, { status: e.status, body, headers: {} });
    } else {
      await deps.idempotency.abandon(caller.principal, key);
    }
    throw e;
  }
  await deps.idempotency.finish(caller.principal, key, response);
  return send(reply, response);
}

function send(reply: FastifyReply, r: StoredResponse) {
  for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
  return reply.status(r.status).send(r.body);
}

export function caseRoutes(app: FastifyInstance, deps: Deps) {
  const { service } = deps;
  const schema = service.schema;
  const fieldTypes: Record<string, FieldType> = Object.fromEntries(schema.fields.map((f) => [f.key, f.type]));

  app.get('/schema', async () => schema);
  app.get('/me', async (req) => callerOf(req).viewer);

  app.get('/cases', async (req, reply) => {
    const raw = req.raw.url ?? '';
    const params = new URLSearchParams(raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '');
    let query;
    try {
      query = decodeCaseQuery(params, fieldTypes);
    } catch (e) {
      const fe = (e as { fieldErrors?: Record<string, string> }).fieldErrors;
      throw new HttpError(400, 'validation', 'The query is not valid.', fe ?? { query: String((e as Error).message) });
    }
    const errors: Record<string, string> = {};
    if (query.view && !schema.views.includes(query.view)) errors.view = 'Unknown view.';
    if (query.sort && !schema.sortable.includes(query.sort.key)) errors.sort = 'Not sortable.';
    for (const key of Object.keys(query.fields ?? {})) if (!schema.filters.includes(key)) errors[`f.${key}`] = 'Not filterable.';
    if (query.cursor && !isCursor(query.cursor)) errors.cursor = 'Not a cursor.';
    if (Object.keys(errors).length) throw new HttpError(400, 'validation', 'The query is not valid.', errors);
    const limit = Math.min(query.limit ?? schema.limits.pageSize, deps.maxPageSize);
    const caller = callerOf(req);
    const { backend } = service;
    if (!backend.listCaseJson) {
      const page = await backend.listCases(caller, query, limit);
      return { ...page, items: page.items.map((c) => shownTo(caller, c)) };
    }
    const { signFor } = deps;
    return sendJsonPage(reply, await backend.listCaseJson(caller, query, limit), {
      redacts: !seesEveryAddress(caller),
      shown: (c) => shownTo(caller, c),
      ...(signFor ? { sign: (c: CaseRecord) => signFor(caller.principal, c) } : {}),
    });
  });

  app.post<{ Body: CaseInput }>('/cases', { schema: { body: caseInputBody } }, (req, reply) =>
    once(deps, req, reply, 'create', async () => {
      const c = await service.createCase(callerOf(req), req.body);
      return { status: 201, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version), location: `cases/${c.id}` } };
    }),
  );

  app.get<IdParams>('/cases/:id', { schema: { params: caseIdParams } }, async (req, reply) => {
    const caller = callerOf(req);
    const c = await service.readable(caller, req.params.id);
    reply.header('etag', etag(c.version));
    if (req.headers['if-none-match'] === etag(c.version)) return reply.status(304).send();
    return shownTo(caller, c);
  });

  app.patch<IdParams & { Body: { changes: Record<string, FieldValue> } }>('/cases/:id', { schema: { params: caseIdParams, body: patchBody } }, (req, reply) =>
    once(deps, req, reply, 'update', async () => {
      const version = versionFrom(req.headers['if-match']);
      if (version === null) throw new HttpError(428, 'validation', 'If-Match with the case version is required.', { 'If-Match': 'Required.' });
      const c = await service.updateCase(callerOf(req), req.params.id, req.body.changes, version);
      return { status: 200, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version) } };
    }),
  );

  app.post<IdParams & { Body: { action: TransitionAction; status?: string; reason?: string; comment?: string; version?: number } }>(
    '/cases/:id/transitions',
    { schema: { params: caseIdParams, body: transitionBody } },
    (req, reply) =>
      once(deps, req, reply, 'transition', async () => {
        const { action, ...input } = req.body;
        const c = await service.transition(callerOf(req), req.params.id, action, input);
        return { status: 200, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version) } };
      }),
  );

  app.get<IdParams & { Querystring: { cursor?: string; limit?: string; kind?: string | string[] } }>('/cases/:id/messages', { schema: { params: caseIdParams } }, async (req, reply) => {
    const caller = callerOf(req);
    const c = await service.readable(caller, req.params.id);
    const n = Number(req.query.limit ?? MESSAGE_PAGE);
    if (!Number.isInteger(n) || n < 1) throw new HttpError(400, 'validation', 'limit must be a positive integer.', { limit: 'A positive integer.' });
    const cursor = req.query.cursor ?? null;
    if (cursor !== null && !isCursor(cursor)) throw new HttpError(400, 'validation', 'Not a cursor.', { cursor: 'Not a cursor.' });
    const kinds = req.query.kind === undefined ? [] : [req.query.kind].flat();
    if (kinds.some((k) => !MESSAGE_KINDS.includes(k as MessageKind))) throw new HttpError(400, 'validation', 'Unknown message kind.', { kind: 'Unknown message kind.' });
    const page = await service.backend.listMessages(caller, c.id, cursor, Math.min(n, deps.maxPageSize), kinds as MessageKind[]);
    // The thread's ETag changes with every message: the case version moves on each one. A filtered
    // page has its own tag: its total is another count.
    const tag = `"m${c.version}-${page.total}${kinds.length ? `-${kinds.join('.')}` : ''}"`;
    reply.header('etag', tag);
    if (req.headers['if-none-match'] === tag) return reply.status(304).send();
    // Messages written before authors were stored by name, and a connector's, may carry addresses.
    return caller.principal.role === 'agent' ? page : { ...page, items: redactAuthors(page.items, caller.viewer.id) };
  });

  app.post<IdParams & { Body: MessageInput }>('/cases/:id/messages', { schema: { params: caseIdParams, body: messageBody } }, (req, reply) =>
    once(deps, req, reply, 'message', async () => ({ status: 201, body: await service.postMessage(callerOf(req), req.params.id, req.body), headers: {} })),
  );

  app.get<IdParams & { Querystring: { include?: string | string[] } }>('/cases/:id/history', { schema: { params: caseIdParams } }, async (req) => {
    const caller = callerOf(req);
    const c = await service.readable(caller, req.params.id);
    // Participant entries only for clients that ask: older ones read every entry as a status change.
    const participants = [req.query.include ?? []].flat().includes('participants');
    const items = await service.backend.listHistory(caller, c.id, { participants });
    return { items: caller.principal.role === 'agent' ? items : redactHistory(items, c, caller.viewer.id) };
  });

  app.get<IdParams>('/cases/:id/files', { schema: { params: caseIdParams } }, async (req) => {
    const caller = callerOf(req);
    const c = await service.readable(caller, req.params.id);
    return { items: await service.backend.listFiles(caller, c.id) };
  });

  app.post<IdParams & { Body: { attachmentIds: string[] } }>('/cases/:id/files', { schema: { params: caseIdParams, body: addFilesBody } }, (req, reply) =>
    once(deps, req, reply, 'attach', async () => {
      const c = await service.addFiles(callerOf(req), req.params.id, req.body.attachmentIds);
      return { status: 200, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version) } };
    }),
  );

  app.post<IdParams & { Body: { rating: number; comment?: string } }>('/cases/:id/feedback', { schema: { params: caseIdParams, body: feedbackBody } }, (req, reply) =>
    once(deps, req, reply, 'feedback', async () => {
      const c = await service.submitFeedback(callerOf(req), req.params.id, req.body.rating, req.body.comment);
      return { status: 200, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version) } };
    }),
  );
}
