// The demo's host site, as a vite plugin of `npm start` (vite.demo.config.ts): what a company's own
// website does around the portal. It signs its visitor in (a cookie session, here by picking one of
// the demo people) and, on its own backend, signs the short-lived JWT the case server accepts:
//   GET  /demo/session        { person } or { person: null }, and the people one can sign in as
//   POST /demo/signin         form field `as` = a demo person's id: sets the session cookie
//   POST /demo/signout        clears it
//   GET  /portal-token        { token } for the signed-in visitor (what `token-url` asks), 401 without
// The key is the case server's published demo key (packages/server/src/config/demo-auth.ts): a real
// site keeps its own secret on its server, exactly where this code runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { Plugin } from 'vite';
import { DEMO_PEOPLE } from '../packages/adapter-memory/src/people.js';
import { DEMO_AUTH } from '../packages/server/src/config/demo-auth.js';

const COOKIE = 'northwind_session';
const TOKEN_SECONDS = 5 * 60;

/** Who may sign in on the demo site: the demo seed's people (their ids are the JWT `sub`s it seeded). */
const PEOPLE = Object.values(DEMO_PEOPLE).map((p) => ({
  id: p.id,
  name: p.name,
  email: p.email,
  org: p.account?.id ?? null,
  role: p.permissions.includes('read-account') ? 'supervisor' : 'customer',
}));

type Person = (typeof PEOPLE)[number];

function sessionOf(req: IncomingMessage): Person | null {
  const m = new RegExp(`(?:^|;\\s*)${COOKIE}=([\\w-]+)`).exec(req.headers.cookie ?? '');
  return (m && PEOPLE.find((p) => p.id === m[1])) || null;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

async function formField(req: IncomingMessage, name: string): Promise<string | null> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body).get(name);
}

/** What the host site's backend does for `token-url`: a JWT for its signed-in visitor, 5 minutes. */
function tokenFor(p: Person): Promise<string> {
  return new SignJWT({ name: p.name, email: p.email, role: p.role, ...(p.org ? { org: p.org } : {}) })
    .setProtectedHeader({ alg: 'HS256', kid: DEMO_AUTH.kid })
    .setSubject(p.id)
    .setIssuer(DEMO_AUTH.issuer)
    .setAudience(DEMO_AUTH.audience)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_SECONDS}s`)
    .sign(new TextEncoder().encode(DEMO_AUTH.secret));
}

export function demoHostSite(): Plugin {
  return {
    name: 'demo-host-site',
    configureServer(server) {
      server.middlewares.use((req, res, next) => void handle(req, res, next));
      async function handle(req: IncomingMessage, res: ServerResponse, next: (e?: unknown) => void): Promise<void> {
        const path = (req.url ?? '').split('?')[0];
        try {
          if (path === '/demo/session' && req.method === 'GET') {
            return send(res, 200, { person: sessionOf(req), people: PEOPLE.map(({ id, name, role }) => ({ id, name, role })) });
          }
          if (path === '/demo/signin' && req.method === 'POST') {
            const id = await formField(req, 'as');
            const person = PEOPLE.find((p) => p.id === id);
            if (!person) return send(res, 400, { error: 'unknown person' });
            res.writeHead(303, { location: req.headers.referer ?? '/', 'set-cookie': `${COOKIE}=${person.id}; Path=/; HttpOnly; SameSite=Lax` });
            res.end();
            return;
          }
          if (path === '/demo/signout' && req.method === 'POST') {
            res.writeHead(303, { location: req.headers.referer ?? '/', 'set-cookie': `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` });
            res.end();
            return;
          }
          if (path === '/portal-token' && req.method === 'GET') {
            const person = sessionOf(req);
            return person ? send(res, 200, { token: await tokenFor(person) }) : send(res, 401, { error: 'not signed in' });
          }
        } catch (e) {
          return next(e);
        }
        next();
      }
    },
  };
}
