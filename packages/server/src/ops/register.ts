import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../backend/types.js';
import type { ServerConfig } from '../config/types.js';
import type { Database } from '../db/database.js';
import { agentRoutes } from '../routes/agent-routes.js';
import { healthRoute } from '../routes/health-route.js';
import { notFoundHandler } from '../routes/not-found.js';
import { AgentService } from '../service/agent-service.js';
import type { CaseService } from '../service/case-service.js';
import type { IdempotencyStore } from '../service/idempotency.js';
import { PretendAgent } from '../service/pretend-agent.js';

export interface OpsDeps {
  config: ServerConfig;
  database: Database;
  cases: CaseService;
  idempotency: IdempotencyStore;
  authenticate: (req: FastifyRequest) => Promise<Caller>;
  now?: () => Date;
}

/**
 * What runs the server as an operator and a help desk know it, in one call from buildApp: the
 * health route, one 404 body for every unknown route, the agent API under /agent, and the
 * pretend agent when `pretendAgentMs` > 0.
 */
export async function registerOps(app: FastifyInstance, deps: OpsDeps): Promise<void> {
  const { config, cases } = deps;
  app.setNotFoundHandler(notFoundHandler);
  healthRoute(app, deps.database);
  const agents = new AgentService(cases.backend, cases.schema, deps.now);
  await agentRoutes(app, { service: agents, idempotency: deps.idempotency, maxPageSize: config.limits.maxPageSize, authenticate: deps.authenticate });
  if (config.pretendAgentMs > 0) {
    const pretend = new PretendAgent(agents, config.pretendAgentMs, app.log);
    cases.onMessage(pretend.hear);
    app.addHook('onClose', async () => pretend.close());
  }
}
