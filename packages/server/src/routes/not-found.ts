import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';

/**
 * The one answer for "no such route": a route that does not exist and a route the caller may not
 * know about (the agent API for a customer) must be indistinguishable, body and all.
 */
export const routeNotFound = () => new HttpError(404, 'not_found', 'Not found.');

export function notFoundHandler(_req: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
}
