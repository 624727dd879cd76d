// wtr plugin: the real case server (packages/server) behind the browser tests that must not use msw
// (test/contract/server.contract.test.ts, test/e2e/*). At the runner's start it spawns
// packages/server/test/support/browser-servers.ts (one server on SQLite, one on PostgreSQL, one on each
// vendor connector over its fake; CORS open to the runner's origin) and answers, on the runner's own origin:
//   /__case-server/info                     { sqlite: url, postgres: url, connectors: { zendesk: url, … } }
//   POST /__case-server/seed?connector=&sub=&name=&email=&org=
//                                           puts that customer and a few cases of theirs into the
//                                           connector's fake vendor; answers what it now holds for them
//   /__case-server/vendor?connector=&sub=&name=&email=&org=
//                                           what the fake vendor holds for the customer (VendorView in
//                                           packages/server/test/support/connector-test-servers.ts)
//   /__case-server/token?sub=&name=&org=&role=&email=&ttl=
//                                           a JWT signed as the host site's backend would sign it
//   /__case-server/signin?sub=&name=&org=&role=&email=&site=
//                                           the host site's sign-in: a session cookie for that person
//                                           (`site` names one of several host sites: a cookie each)
//   /__case-server/portal-token?site=       the host site's token endpoint for `token-url`: the signed-in
//                                           visitor's JWT as { token }, or 401 without a session
// These stand in for the host site: the secret never reaches the page's code.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';

// The same issuer, audience, kid and secret as packages/server/test/support/server.ts.
const ISSUER = 'https://host.example';
const AUDIENCE = 'case-portal';
const KID = 'host-1';
const SECRET = new TextEncoder().encode('a-test-secret-that-is-at-least-32-bytes-long');

export function caseServer(root) {
  let child;
  let info;
  return {
    name: 'case-server',
    async serverStart({ config }) {
      const port = config.port;
      const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
      child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/test/support/browser-servers.ts'], {
        cwd: root,
        env: { ...process.env, CASE_SERVER_ORIGINS: origins.join(',') },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      info = new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`the case server for the browser tests exited (${code}) before it listened`)));
        createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
      });
      // Do not hold the runner's start: tests that need the servers wait for /__case-server/info.
      info.catch((e) => console.error(e.message));
    },
    async serverStop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
    async serve(ctx) {
      if (ctx.path === '/__case-server/info') {
        try {
          const { control: _control, ...urls } = await info;
          return { body: JSON.stringify(urls), type: 'json', headers: { 'cache-control': 'no-store' } };
        } catch (e) {
          return { body: JSON.stringify({ error: String(e.message) }), type: 'json', headers: { 'cache-control': 'no-store' } };
        }
      }
      if (ctx.path === '/__case-server/seed' || ctx.path === '/__case-server/vendor') {
        // Passed on to the servers' loopback control endpoint, which only this plugin knows.
        const seeding = ctx.path === '/__case-server/seed';
        if (seeding !== (ctx.method === 'POST')) {
          ctx.status = 405;
          return { body: JSON.stringify({ error: seeding ? 'POST only' : 'GET only' }), type: 'json' };
        }
        let control;
        try {
          control = (await info).control;
        } catch (e) {
          ctx.status = 503;
          return { body: JSON.stringify({ error: String(e.message) }), type: 'json' };
        }
        const res = await fetch(`${control}/${seeding ? 'seed' : 'view'}?${new URLSearchParams(ctx.query)}`, { method: ctx.method });
        ctx.status = res.status;
        return { body: await res.text(), type: 'json', headers: { 'cache-control': 'no-store' } };
      }
      if (ctx.path === '/__case-server/signin') {
        const person = Object.fromEntries(['sub', 'name', 'org', 'role', 'email'].filter((k) => ctx.query[k]).map((k) => [k, String(ctx.query[k])]));
        ctx.cookies.set(sessionCookie(ctx), Buffer.from(JSON.stringify(person)).toString('base64url'), { httpOnly: true, sameSite: 'strict' });
        return { body: '{}', type: 'json', headers: { 'cache-control': 'no-store' } };
      }
      if (ctx.path === '/__case-server/portal-token') {
        const session = ctx.cookies.get(sessionCookie(ctx));
        if (!session) {
          ctx.status = 401;
          return { body: '{}', type: 'json', headers: { 'cache-control': 'no-store' } };
        }
        const token = await sign(JSON.parse(Buffer.from(session, 'base64url').toString('utf8')));
        return { body: JSON.stringify({ token }), type: 'json', headers: { 'cache-control': 'no-store' } };
      }
      if (ctx.path === '/__case-server/token') {
        const token = await sign(ctx.query);
        return { body: JSON.stringify({ token }), type: 'json', headers: { 'cache-control': 'no-store' } };
      }
      return undefined;
    },
  };
}

/**
 * The host site's session cookie; `site=` names one of several host sites, each its own cookie:
 * test files run in parallel tabs of one browser, and a sign-in in one must not sign another out.
 */
function sessionCookie(ctx) {
  const site = String(ctx.query.site ?? '').replace(/[^A-Za-z0-9_-]/g, '');
  return site ? `host_session_${site}` : 'host_session';
}

/** A JWT for a person, as the host site's backend signs one. */
async function sign(q) {
  const claims = { name: String(q.name ?? q.sub), role: String(q.role ?? 'customer') };
  if (q.org) claims.org = String(q.org);
  if (q.email) claims.email = String(q.email);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: KID })
    .setSubject(String(q.sub))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${Number(q.ttl ?? 300)}s`)
    .sign(SECRET);
}
