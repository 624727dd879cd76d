import type { FastifyRequest } from 'fastify';
import type { PortalSchema } from '@case-portal/core';
import type { Backend, Caller } from '../backend/types.js';
import type { VerifyToken } from './verify-token.js';
import { viewerOf } from './viewer.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
  }
}

/** The one tenant until a server serves several host sites (the seed writes into it too). */
export const TENANT = 'default';

/** Verifies the bearer token and resolves the person behind it; every failure is a 401 from the verifier. */
export function authenticator(verify: VerifyToken, backend: Backend, schema: PortalSchema) {
  return async (req: FastifyRequest): Promise<Caller> => {
    const claims = await verify(req.headers.authorization);
    const person = await backend.personFromClaims(TENANT, claims);
    const viewer = viewerOf({ id: person.principal.personId, name: person.name, email: person.email, account: person.account }, claims.role, schema);
    req.caller = { principal: person.principal, viewer };
    return req.caller;
  };
}

export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new Error('route reached without authentication');
  return req.caller;
}
