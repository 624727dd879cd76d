import { expect } from 'chai';
import pg from 'pg';
import { buildApp } from '../src/index.js';
import { freshDatabaseUrl, PG_ADMIN_URL, testConfig, tokenFor } from './support/server.js';

describe('PostgreSQL connections', function () {
  this.timeout(30_000);

  it('the server survives the database ending its idle connections, and reconnects', async () => {
    const fresh = await freshDatabaseUrl('postgres');
    const app = await buildApp(testConfig({ database: fresh.url }), { logger: false, checkResponses: 'fail' });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const me = async () => (await fetch(`${url}/me`, { headers: { authorization: `Bearer ${await tokenFor({ sub: 'db-survivor', name: 'Pat' })}` } })).status;
      expect(await me()).to.equal(200);
      // What a PostgreSQL restart or failover does to the pool's idle connections.
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      const ended = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [new URL(fresh.url).pathname.slice(1)]);
      await admin.end();
      expect(ended.rowCount, 'connections ended').to.be.greaterThan(0);
      await new Promise((r) => setTimeout(r, 100));
      expect(await me()).to.equal(200);
    } finally {
      await app.close();
      await fresh.drop();
    }
  });
});
