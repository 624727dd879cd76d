import { expect } from 'chai';
import { startServer, type RunningServer } from './support/server.js';

/** The host site's page calls the server from its own origin: CORS lets exactly the configured ones in. */
describe('CORS: only the configured host origins', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer('sqlite', { corsOrigins: ['https://support.example.com'] });
  });
  after(() => server.close());

  const preflight = (origin: string, method: string) =>
    fetch(`${server.url}/cases/c_1`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type,idempotency-key,if-match' },
    });

  it('lets a configured origin send every method and header the contract uses, and cache the answer', async () => {
    for (const method of ['GET', 'POST', 'PATCH']) {
      const res = await preflight('https://support.example.com', method);
      expect(res.status, method).to.equal(204);
      expect(res.headers.get('access-control-allow-origin')).to.equal('https://support.example.com');
      expect(res.headers.get('access-control-allow-methods')).to.contain(method);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).to.contain('if-match').and.contain('idempotency-key');
      expect(Number(res.headers.get('access-control-max-age'))).to.be.greaterThan(0);
    }
  });

  it('gives any other origin no CORS headers, so its page cannot read an answer', async () => {
    const res = await preflight('https://evil.example', 'GET');
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
  });
});
