import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http-error.js';

/** Headers an HttpError carries for the log only, never for the client. */
const PRIVATE_HEADERS = new Set(['x-auth-detail']);

/** Every failure as the contract's Error body: `{ error: { code, message }, fieldErrors? }`. */
export function errorHandler(err: FastifyError | HttpError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.headers ?? {})) if (!PRIVATE_HEADERS.has(k)) reply.header(k, v);
    if (err.status === 401) req.log.info({ reason: err.headers?.['x-auth-detail'] }, 'sign-in refused');
    const body: Record<string, unknown> = { error: { code: err.code, message: err.message } };
    if (err.fieldErrors) body.fieldErrors = err.fieldErrors;
    return reply.status(err.status).send(body);
  }
  const fe = err as FastifyError;
  // A malformed case id names no case the caller may read: the same 404 as any other.
  if (fe.validation && fe.validationContext === 'params') return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
  if (fe.validation) {
    // Schema violations of a body: 422 with a field error per offending key (unknown fields included).
    const fieldErrors: Record<string, string> = {};
    for (const v of fe.validation) {
      const extra = (v.params as { additionalProperty?: string })?.additionalProperty;
      const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
      const key = extra ? (path ? `${path}.${extra}` : extra) : path || (v.params as { missingProperty?: string })?.missingProperty || 'body';
      fieldErrors[key] = extra ? 'Unknown field.' : (v.message ?? 'Not valid.');
    }
    const status = fe.validationContext === 'body' ? 422 : 400;
    return reply.status(status).send({ error: { code: 'validation', message: fe.message }, fieldErrors });
  }
  const status = fe.statusCode ?? 500;
  if (status === 413) return reply.status(413).send({ error: { code: 'too_large', message: 'The request body is too large.' } });
  if (status === 415) return reply.status(415).send({ error: { code: 'unsupported_type', message: 'Unsupported content type.' } });
  if (status >= 400 && status < 500) return reply.status(400).send({ error: { code: 'validation', message: 'The request is not valid JSON.' } });
  req.log.error({ err }, 'unexpected failure');
  return reply.status(500).send({ error: { code: 'server', message: 'Something went wrong on the server.' } });
}
