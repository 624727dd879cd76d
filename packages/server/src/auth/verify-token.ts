import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JWTHeaderParameters,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthConfig } from '../config/types.js';
import { HttpError } from '../http-error.js';
import type { Role } from '../principal.js';

/** The claims the server reads from a verified token. */
export interface TokenClaims {
  sub: string;
  name: string;
  email: string | null;
  org: string | null;
  role: Role;
  /** When the token expires (ms since the epoch, from `exp`): an event stream ends then. */
  expiresAt?: number;
}

const ROLES: readonly Role[] = ['customer', 'supervisor', 'agent'];

/** Every sign-in failure looks the same from outside: which check failed is only for the log. */
export function unauthorized(detail: string): HttpError {
  return new HttpError(401, 'unauthorized', 'Sign-in required.', undefined, {
    'www-authenticate': 'Bearer error="invalid_token"',
    'x-auth-detail': detail,
  });
}

export type VerifyToken = (authorization: string | undefined) => Promise<TokenClaims>;

/**
 * HS256 keyed by `kid` (shared secrets) and RS256/ES256 through a JWKS. The allow-list holds only
 * the algorithms a key is configured for, so `none` and an HS256 token signed with a public key
 * never verify.
 */
export function createTokenVerifier(auth: AuthConfig): VerifyToken {
  const secrets = new Map(auth.hsKeys.map((k) => [k.kid, new TextEncoder().encode(k.secret)]));
  let jwks: JWTVerifyGetKey | null = null;
  if (auth.jwks && 'url' in auth.jwks) jwks = createRemoteJWKSet(new URL(auth.jwks.url));
  else if (auth.jwks && 'file' in auth.jwks) jwks = createLocalJWKSet(JSON.parse(readFileSync(auth.jwks.file, 'utf8')));
  const algorithms = [...(secrets.size ? ['HS256'] : []), ...(jwks ? ['RS256', 'ES256'] : [])];

  const getKey = async (header: JWTHeaderParameters, token: Parameters<JWTVerifyGetKey>[1]) => {
    if (header.alg === 'HS256') {
      const secret = header.kid ? secrets.get(header.kid) : undefined;
      if (!secret) throw unauthorized('unknown kid');
      return secret;
    }
    if (!jwks) throw unauthorized('no JWKS configured');
    return jwks(header, token);
  };

  return async (authorization) => {
    const m = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization ?? '');
    if (!m) throw unauthorized('missing bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(m[1]!, getKey, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        clockTolerance: auth.clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw unauthorized((e as { code?: string }).code ?? 'invalid token');
    }
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    if (lifetime > auth.maxLifetimeSeconds) throw unauthorized('token lives too long');
    return claimsOf(payload);
  };
}

function claimsOf(p: JWTPayload): TokenClaims {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const sub = str(p.sub);
  if (!sub || sub.length > 200) throw unauthorized('bad sub');
  const role = (str(p.role) ?? 'customer') as Role;
  if (!ROLES.includes(role)) throw unauthorized('bad role');
  return { sub, name: (str(p.name) ?? sub).slice(0, 200), email: str(p.email)?.slice(0, 320) ?? null, org: str(p.org)?.slice(0, 200) ?? null, role, expiresAt: (p.exp ?? 0) * 1000 };
}
