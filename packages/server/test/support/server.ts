/**
 * Test fixture: the real server (buildApp) on a real database, listening on a loopback port, and a
 * token minter standing in for the host site's backend (it signs exactly as a host site would).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSchema } from '@case-portal/adapter-memory';
import { SignJWT } from 'jose';
import pg from 'pg';
import { buildApp, type AppOptions, type ServerConfig } from '../../src/index.js';

export const ISSUER = 'https://host.example';
export const AUDIENCE = 'case-portal';
export const KID = 'host-1';
export const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    portal: structuredClone(demoSchema),
    scopes: {
      mine: { field: 'requester', eq: '$viewer.id' },
      account: { field: 'account', eq: '$viewer.account' },
      linked: { field: 'contact', eq: '$viewer.id' },
    },
    auth: { issuer: ISSUER, audience: AUDIENCE, hsKeys: [{ kid: KID, secret: SECRET }], jwks: null, maxLifetimeSeconds: 900, clockToleranceSeconds: 5 },
    database: 'sqlite::memory:',
    files: 'db',
    corsOrigins: [],
    limits: { requestsPerMinute: 100_000, bodyBytes: 1024 * 1024, maxPageSize: 200 },
    pretendAgentMs: 0,
    listen: { host: '127.0.0.1', port: 0 },
    ...overrides,
  };
}

export interface Person {
  sub: string;
  name: string;
  email?: string;
  org?: string;
  role?: 'customer' | 'supervisor' | 'agent';
}

/** A token as the host site's backend signs it: HS256 under our kid, 5 minutes. */
export async function tokenFor(p: Person, tweak: (jwt: SignJWT) => SignJWT = (j) => j): Promise<string> {
  const claims: Record<string, unknown> = { name: p.name, role: p.role ?? 'customer' };
  if (p.email) claims.email = p.email;
  if (p.org) claims.org = p.org;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: KID })
    .setSubject(p.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m');
  return tweak(jwt).sign(new TextEncoder().encode(SECRET));
}

export interface RunningServer {
  url: string;
  /** The database it runs on (tests that open a second connection or process on it). */
  databaseUrl?: string;
  close(): Promise<void>;
}

export type DbKind = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.CASE_PORTAL_TEST_PG ?? 'postgres://root@%2Fvar%2Frun%2Fpostgresql/postgres';

/** A fresh database of the kind: a SQLite file in a temp folder, or a throwaway PostgreSQL database. */
export async function freshDatabaseUrl(kind: DbKind): Promise<{ url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'case-server-'));
    return { url: `sqlite:${join(dir, 'cases.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `cp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // pg's pool.end() resolves before its sockets have closed: a forced drop would terminate
      // those connections and their clients would throw in the test process. Wait for them first.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`drop database if exists ${name}${attempt >= 40 ? ' with (force)' : ''}`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '55006' || attempt >= 40) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await c.end();
    },
  };
}

/** The server on a fresh database of `kind`, listening on 127.0.0.1 at a free port. */
export async function startServer(kind: DbKind, overrides: Partial<ServerConfig> = {}, options: AppOptions = {}): Promise<RunningServer> {
  const fresh = await freshDatabaseUrl(kind);
  const config = testConfig({ database: fresh.url, ...overrides });
  const app = await buildApp(config, { logger: process.env.SERVER_LOG ? { level: 'error' } : false, checkResponses: 'fail', ...options });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    databaseUrl: fresh.url,
    close: async () => {
      await closeApp(app);
      await fresh.drop();
    },
  };
}

/**
 * Closes a test server. Node's fetch (undici) opens a fresh connection after an aborted streaming
 * response, and a connection that never sends a request keeps close() waiting for the headers
 * timeout: once the close hooks had their moment (streams ended), cut whatever is left.
 */
export async function closeApp(app: Awaited<ReturnType<typeof buildApp>>): Promise<void> {
  const closing = app.close();
  const cut = setTimeout(() => app.server.closeAllConnections(), 500);
  await closing;
  clearTimeout(cut);
}

/** fetch against the server as a person (or with a raw Authorization header). */
export async function call(server: Pick<RunningServer, 'url'>, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`${server.url}${path}`, { ...init, headers });
}

export const DB_KINDS: DbKind[] = ['sqlite', 'postgres'];
