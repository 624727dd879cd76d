import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered without a token (the health check): the authentication hook skips it. */
    public?: boolean;
  }
}

/**
 * `GET /health` for load balancers: no token, no data, 200 while this process can reach its
 * database, 503 when it cannot. While the server shuts down Fastify answers 503 by itself
 * (`return503OnClosing`), so a balancer drains the process before it stops.
 */
export function healthRoute(app: FastifyInstance, database: Database): void {
  app.get('/health', { config: { public: true } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ok' };
    } catch (err) {
      req.log.error({ err }, 'health check: database unreachable');
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
