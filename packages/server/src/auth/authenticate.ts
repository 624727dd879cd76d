import type { FastifyRequest } from 'fastify';
import type { PortalSchema } from '@case-portal/core';
import type { Backend, Caller } from '../backend/types.js';
import { SignedInCache } from './signed-in-cache.js';
import type { VerifyToken } from './verify-token.js';
import { viewerOf } from './viewer.js';

declare module 'fastify' {
  interface FastifyRequest {
    caller?: Caller;
    /** When the verified token expires (ms since the epoch): long responses (event streams) end then. */
    tokenExpiresAt?: number;
  }
}

/** The one tenant until a server serves several host sites (the seed writes into it too). */
export const TENANT = 'default';

/**
 * Verifies the bearer token and resolves the person behind it; every failure is a 401 from the
 * verifier. A token seen before answers from the cache until it expires (signed-in-cache.ts).
 */
export function authenticator(verify: VerifyToken, backend: Backend, schema: PortalSchema, cache = new SignedInCache<{ caller: Caller; expiresAt: number }>()) {
  return async (req: FastifyRequest): Promise<Caller> => {
    const authorization = req.headers.authorization ?? '';
    const known = cache.get(authorization);
    if (known) {
      req.caller = known.caller;
      req.tokenExpiresAt = known.expiresAt;
      return known.caller;
    }
    const claims = await verify(authorization);
    const person = await backend.personFromClaims(TENANT, claims);
    const viewer = viewerOf({ id: person.principal.personId, name: person.name, email: person.email, account: person.account }, claims.role, schema);
    const caller: Caller = { principal: person.principal, viewer };
    if (claims.expiresAt) cache.set(authorization, { caller, expiresAt: claims.expiresAt }, claims.expiresAt);
    req.caller = caller;
    req.tokenExpiresAt = claims.expiresAt;
    return caller;
  };
}

export function callerOf(req: FastifyRequest): Caller {
  if (!req.caller) throw new Error('route reached without authentication');
  return req.caller;
}
