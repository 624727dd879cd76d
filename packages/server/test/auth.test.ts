import { expect } from 'chai';
import { SignJWT } from 'jose';
import { call, startServer, tokenFor, AUDIENCE, ISSUER, KID, SECRET, type RunningServer } from './support/server.js';

const alex = { sub: 'host-alex', name: 'Alex Morgan', email: 'alex@example.com', org: 'acme' };
const key = new TextEncoder().encode(SECRET);
const base = () => new SignJWT({ name: 'Alex', role: 'customer' }).setSubject('host-alex').setIssuer(ISSUER).setAudience(AUDIENCE);

/** base64url of a JSON object, for hand-made tokens (alg none, forged headers). */
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('sign-in: the host site\'s JWT decides who the request is', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer('sqlite');
  });
  after(() => server.close());

  it('a valid token signs the customer in, created from its claims on first sight', async () => {
    const res = await call(server, '/me', { token: await tokenFor(alex) });
    expect(res.status).to.equal(200);
    const me = await res.json();
    expect(me).to.include({ name: 'Alex Morgan', email: 'alex@example.com' });
    expect(me.account.name).to.equal('acme');
    expect(me.permissions).to.include('create').and.not.include('read-account');
  });

  it('a changed name in a later token updates the person; the id stays', async () => {
    const first = await (await call(server, '/me', { token: await tokenFor(alex) })).json();
    const again = await (await call(server, '/me', { token: await tokenFor({ ...alex, name: 'Alex M.' }) })).json();
    expect(again.id).to.equal(first.id);
    expect(again.name).to.equal('Alex M.');
  });

  it('a supervisor token holds read-account', async () => {
    const me = await (await call(server, '/me', { token: await tokenFor({ ...alex, sub: 'sup', role: 'supervisor' }) })).json();
    expect(me.permissions).to.include('read-account');
  });

  const refused: Array<[string, () => Promise<string | null>]> = [
    ['missing', async () => null],
    ['garbage', async () => 'Bearer not.a.token'],
    ['expired', async () => `Bearer ${await base().setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(key)}`],
    ['not yet valid', async () => `Bearer ${await base().setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt().setNotBefore('2m').setExpirationTime('5m').sign(key)}`],
    ['badly signed', async () => `Bearer ${await base().setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode('another-secret-that-is-32-bytes-long!!'))}`],
    ['unknown kid', async () => `Bearer ${await base().setProtectedHeader({ alg: 'HS256', kid: 'other' }).setIssuedAt().setExpirationTime('5m').sign(key)}`],
    ['wrong aud', async () => `Bearer ${await base().setAudience('someone-else').setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt().setExpirationTime('5m').sign(key)}`],
    ['wrong iss', async () => `Bearer ${await base().setIssuer('https://evil.example').setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt().setExpirationTime('5m').sign(key)}`],
    ['too long-lived (1 h)', async () => `Bearer ${await base().setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt().setExpirationTime('1h').sign(key)}`],
    ['without exp', async () => `Bearer ${await base().setProtectedHeader({ alg: 'HS256', kid: KID }).setIssuedAt().sign(key)}`],
    ['alg none', async () => {
      const now = Math.floor(Date.now() / 1000);
      return `Bearer ${b64({ alg: 'none', kid: KID })}.${b64({ sub: 'host-alex', name: 'Alex', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 })}.`;
    }],
  ];
  for (const [what, make] of refused) {
    it(`refuses a token that is ${what}: 401, the Error body, no data`, async () => {
      const auth = await make();
      const res = await call(server, '/cases', auth ? { headers: { authorization: auth } } : {});
      expect(res.status).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
      const body = await res.json();
      expect(body).to.deep.equal({ error: { code: 'unauthorized', message: 'Sign-in required.' } });
    });
  }

  it('signs the caller in before reading the body: no token is 401 even for a malformed or unknown-field body', async () => {
    for (const body of ['{ not json', JSON.stringify({ subject: 's', description: 'd', sneaky: true })]) {
      const res = await call(server, '/cases', { method: 'POST', body, headers: { 'idempotency-key': `k-${body.length}` } });
      expect(res.status, body).to.equal(401);
    }
  });
});
