import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCaseQuery, type FieldType } from '@case-portal/core';
import type { Caller } from '../backend/types.js';
import { callerOf } from '../auth/authenticate.js';
import { HttpError } from '../http-error.js';
import type { AgentService, AgentReply, DeadlinesInput } from '../service/agent-service.js';
import type { IdempotencyStore } from '../service/idempotency.js';
import { agentReplyBody, deadlinesBody, linkBody, mergeBody, statusBody } from './agent-schemas.js';
import { etag, once, versionFrom } from './case-routes.js';
import { routeNotFound } from './not-found.js';
import { caseIdParams } from './schemas.js';

export interface AgentRouteDeps {
  service: AgentService;
  idempotency: IdempotencyStore;
  maxPageSize: number;
  authenticate: (req: FastifyRequest) => Promise<Caller>;
}

type IdParams = { Params: { id: string } };

/** If-Match on a POST: optional, but a stale one is a conflict (as `version` on the customer's transitions). */
function optionalVersion(req: FastifyRequest): number | null {
  const header = req.headers['if-match'];
  if (header === undefined) return null;
  const v = versionFrom(header);
  if (v === null) throw new HttpError(400, 'validation', 'If-Match must be the case version, e.g. "3".', { 'If-Match': 'Not a version.' });
  return v;
}

/**
 * The help desk's side under `/agent`, for tokens with role `agent` only. Everyone else gets the
 * very 404 of a route that does not exist, decided before the body is even read, so neither the
 * routes nor their validation can be probed.
 */
export async function agentRoutes(app: FastifyInstance, deps: AgentRouteDeps): Promise<void> {
  const { service } = deps;
  const schema = service.schema;
  const fieldTypes: Record<string, FieldType> = Object.fromEntries(schema.fields.map((f) => [f.key, f.type]));

  await app.register(
    async (agent) => {
      agent.addHook('onRequest', async (req) => {
        if (req.method === 'OPTIONS') return;
        // The app's onRequest hook has signed the caller in already (it runs before route hooks).
        const caller = req.caller ?? (await deps.authenticate(req));
        if (caller.principal.role !== 'agent') throw routeNotFound();
      });

      agent.get('/cases', async (req) => {
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
        // Agents see the whole tenant: the customers' views do not apply here.
        if (query.view) errors.view = 'Agents list every case of the tenant: no view.';
        if (query.sort && !schema.sortable.includes(query.sort.key)) errors.sort = 'Not sortable.';
        if (query.cursor && !/^[A-Za-z0-9_-]{1,40}$/.test(query.cursor)) errors.cursor = 'Not a cursor.';
        for (const s of query.statuses ?? []) if (!schema.statuses.some((x) => x.id === s)) errors.status = `Unknown status "${s}".`;
        if (Object.keys(errors).length) throw new HttpError(400, 'validation', 'The query is not valid.', errors);
        return service.listCases(callerOf(req), query, Math.min(query.limit ?? schema.limits.pageSize, deps.maxPageSize));
      });

      agent.get<IdParams>('/cases/:id', { schema: { params: caseIdParams } }, async (req, reply) => {
        const view = await service.view(callerOf(req), req.params.id);
        // The thread is part of this answer: its tag moves with every message, internal notes included.
        const tag = `"a${view.case.version}-${view.messages.length}"`;
        reply.header('etag', tag);
        if (req.headers['if-none-match'] === tag) return reply.status(304).send();
        return view;
      });

      agent.post<IdParams & { Body: AgentReply }>('/cases/:id/messages', { schema: { params: caseIdParams, body: agentReplyBody } }, (req, reply) =>
        once(deps, req, reply, 'agent-message', async () => ({
          status: 201,
          body: await service.reply(callerOf(req), req.params.id, req.body, optionalVersion(req)),
          headers: {},
        })),
      );

      agent.post<IdParams & { Body: { status: string; reason?: string; comment?: string } }>(
        '/cases/:id/status',
        { schema: { params: caseIdParams, body: statusBody } },
        (req, reply) =>
          once(deps, req, reply, 'agent-status', async () => {
            const c = await service.setStatus(callerOf(req), req.params.id, req.body, optionalVersion(req));
            return { status: 200, body: c, headers: { etag: etag(c.version) } };
          }),
      );

      agent.patch<IdParams & { Body: DeadlinesInput }>('/cases/:id/deadlines', { schema: { params: caseIdParams, body: deadlinesBody } }, (req, reply) =>
        once(deps, req, reply, 'agent-deadlines', async () => {
          const version = versionFrom(req.headers['if-match']);
          if (version === null) throw new HttpError(428, 'validation', 'If-Match with the case version is required.', { 'If-Match': 'Required.' });
          const c = await service.setDeadlines(callerOf(req), req.params.id, req.body, version);
          return { status: 200, body: c, headers: { etag: etag(c.version) } };
        }),
      );

      agent.post<IdParams & { Body: { into: string } }>('/cases/:id/merge', { schema: { params: caseIdParams, body: mergeBody } }, (req, reply) =>
        once(deps, req, reply, 'agent-merge', async () => {
          const r = await service.merge(callerOf(req), req.params.id, req.body.into, optionalVersion(req));
          return { status: 200, body: r, headers: { etag: etag(r.merged.version) } };
        }),
      );

      agent.post<IdParams & { Body: { caseId: string } }>('/cases/:id/links', { schema: { params: caseIdParams, body: linkBody } }, (req, reply) =>
        once(deps, req, reply, 'agent-link', async () => {
          const r = await service.link(callerOf(req), req.params.id, req.body.caseId, optionalVersion(req));
          return { status: 200, body: r, headers: { etag: etag(r.case.version) } };
        }),
      );
    },
    { prefix: '/agent' },
  );
}
