import { expect } from 'chai';
import { demoSchema, DEMO_PEOPLE } from '@case-portal/adapter-memory';
import { buildApp, migrateToLatest, openDatabase } from '../src/index.js';
import { openBlobStore } from '../src/files/open-blob-store.js';
import { TENANT } from '../src/auth/authenticate.js';
import { seedDemo } from '../src/seed/demo-seed.js';
import { DB_KINDS, freshDatabaseUrl, testConfig, tokenFor } from './support/server.js';

type Json = { items: { id: string; number: string; subject: string; requester: { id: string }; contacts?: { id: string }[] }[] };

/** "Cases I'm copied on" (view=linked) on the demo data, where Alex is also listed on some of his own cases. */
for (const kind of DB_KINDS) {
  describe(`cases I'm copied on (demo data) on ${kind}`, function () {
    this.timeout(30_000);

    it('lists only other people\'s cases that list the viewer (issue 13, defect 4)', async () => {
      const fresh = await freshDatabaseUrl(kind);
      const database = openDatabase(fresh.url);
      await migrateToLatest(database.db);
      await seedDemo(database, demoSchema, TENANT, openBlobStore('db', database.db, () => new Date()));
      await database.db.destroy();
      const app = await buildApp(testConfig({ database: fresh.url, files: 'db' }), { logger: false, checkResponses: 'fail' });
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        const alex = DEMO_PEOPLE.customer;
        const token = await tokenFor({ sub: alex.id, name: alex.name, email: alex.email, org: alex.account!.id });
        const linked = (await (await fetch(`${url}/cases?view=linked&limit=200`, { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
        expect(linked.items.length, 'Tom\'s office move copies Alex in').to.be.greaterThan(0);
        for (const c of linked.items) {
          expect(c.requester.id, `${c.number} "${c.subject}"`).to.not.equal(alex.id);
          expect(c.contacts?.map((p) => p.id)).to.include(alex.id);
        }
      } finally {
        await app.close();
        await fresh.drop();
      }
    });
  });
}
