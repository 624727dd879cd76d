import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { AUDIENCE, call, ISSUER, startServer, type RunningServer } from './support/server.js';

/**
 * Host sites that sign with a private key publish their public keys as a JWKS: the server takes
 * RS256 and ES256 tokens verified against it, from a file or a URL, chosen by `kid`, and nothing
 * that merely looks like it (another key under the same kid, an HS256 token "signed" with the public
 * key, an unknown kid).
 */
interface Pair {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

async function pair(kid: string, alg: 'RS256' | 'ES256'): Promise<Pair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

const sign = (key: CryptoKey | Uint8Array, alg: string, kid: string, sub = 'jwks-alex') =>
  new SignJWT({ name: 'Alex Morgan', org: 'acme' })
    .setProtectedHeader({ alg, kid })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

describe('sign-in with the host site’s public keys (JWKS)', function () {
  this.timeout(30_000);
  let rsa: Pair;
  let ec: Pair;
  let impostor: Pair;
  before(async () => {
    [rsa, ec, impostor] = await Promise.all([pair('host-rsa', 'RS256'), pair('host-ec', 'ES256'), pair('host-rsa', 'RS256')]);
  });

  const expectSignedIn = async (server: RunningServer, token: string) => {
    const res = await call(server, '/me', { token });
    expect(res.status).to.equal(200);
    expect((await res.json()).name).to.equal('Alex Morgan');
  };
  const expectRefused = async (server: RunningServer, token: string, what: string) => {
    const res = await call(server, '/me', { token });
    expect(res.status, what).to.equal(401);
    expect(await res.json()).to.deep.equal({ error: { code: 'unauthorized', message: 'Sign-in required.' } });
  };

  it('from a file: RS256 and ES256 by kid; another key under a known kid, an unknown kid and HS256 with the public key are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-jwks-'));
    const file = join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
    const server = await startServer('sqlite', { auth: { issuer: ISSUER, audience: AUDIENCE, hsKeys: [], jwks: { file }, maxLifetimeSeconds: 900, clockToleranceSeconds: 5 } });
    try {
      await expectSignedIn(server, await sign(rsa.privateKey, 'RS256', rsa.kid));
      await expectSignedIn(server, await sign(ec.privateKey, 'ES256', ec.kid));
      await expectRefused(server, await sign(impostor.privateKey, 'RS256', 'host-rsa'), 'another key under a known kid');
      await expectRefused(server, await sign(rsa.privateKey, 'RS256', 'nobody'), 'an unknown kid');
      await expectRefused(server, await sign(new TextEncoder().encode(rsa.publicPem), 'HS256', rsa.kid), 'HS256 keyed with the public key');
    } finally {
      await server.close();
    }
  });

  it('from a URL: fetched once and reused; a made-up kid is refused and cannot make the server fetch again at once', async () => {
    const keys: JWK[] = [rsa.publicJwk];
    let fetched = 0;
    const jwksServer: Server = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    const { port } = jwksServer.address() as { port: number };
    const server = await startServer('sqlite', {
      auth: { issuer: ISSUER, audience: AUDIENCE, hsKeys: [], jwks: { url: `http://127.0.0.1:${port}/jwks.json` }, maxLifetimeSeconds: 900, clockToleranceSeconds: 5 },
    });
    try {
      await expectSignedIn(server, await sign(rsa.privateKey, 'RS256', rsa.kid));
      await expectSignedIn(server, await sign(rsa.privateKey, 'RS256', rsa.kid, 'jwks-alex-2'));
      expect(fetched, 'the key set is cached').to.equal(1);
      // An unknown kid (a host's new key, or an attacker's invention) makes jose fetch the set again,
      // but not within 30 s of the last fetch: a flood of made-up kids cannot hammer the host site.
      for (let i = 0; i < 5; i++) await expectRefused(server, await sign(ec.privateKey, 'ES256', `made-up-${i}`), 'a made-up kid');
      expect(fetched, 'no refetch within the cooldown').to.equal(1);
      await expectRefused(server, await sign(impostor.privateKey, 'RS256', 'host-rsa'), 'another key under a known kid');
    } finally {
      await server.close();
      await new Promise((r) => jwksServer.close(r));
    }
  });
});
