import type { FastifyInstance } from 'fastify';
import type { ParticipantInput } from '@case-portal/core';
import { callerOf } from '../auth/authenticate.js';
import type { CaseService } from '../service/case-service.js';
import type { IdempotencyStore } from '../service/idempotency.js';
import { etag, once, shownTo } from './case-routes.js';
import { caseIdParams, participantBody } from './schemas.js';

interface Deps {
  service: CaseService;
  idempotency: IdempotencyStore;
}

type IdParams = { Params: { id: string } };
const personParams = {
  type: 'object',
  required: ['id', 'personId'],
  properties: { ...caseIdParams.properties, personId: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

/**
 * People copied on a case (issue 13): the requester adds them by address or picks colleagues, and
 * removes them. Core's policy decides (action "participants", participantLimit), as for every write.
 */
export function participantRoutes(app: FastifyInstance, deps: Deps) {
  const { service } = deps;

  app.get('/colleagues', async (req) => ({ items: await service.backend.listColleagues(callerOf(req)) }));

  app.post<IdParams & { Body: ParticipantInput }>('/cases/:id/participants', { schema: { params: caseIdParams, body: participantBody } }, (req, reply) =>
    once(deps, req, reply, 'participant', async () => {
      const c = await service.addParticipant(callerOf(req), req.params.id, req.body);
      return { status: 200, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version) } };
    }),
  );

  app.delete<{ Params: { id: string; personId: string } }>('/cases/:id/participants/:personId', { schema: { params: personParams } }, (req, reply) =>
    once(deps, req, reply, 'participant', async () => {
      const c = await service.removeParticipant(callerOf(req), req.params.id, req.params.personId);
      return { status: 200, body: shownTo(callerOf(req), c), headers: { etag: etag(c.version) } };
    }),
  );
}
