import { expect } from 'chai';
import { demoSchema } from '@case-portal/adapter-memory';
import { buildApp, migrateToLatest, openDatabase } from '../src/index.js';
import { openBlobStore } from '../src/files/open-blob-store.js';
import { TENANT } from '../src/auth/authenticate.js';
import { seedDemo } from '../src/seed/demo-seed.js';
import { DB_KINDS, freshDatabaseUrl, testConfig, tokenFor } from './support/server.js';

/**
 * The demo's files are real files on the server: a customer of the demo downloads them through the
 * same signed links and route as any upload, and the size each list shows is the size that arrives.
 */
for (const kind of DB_KINDS) {
  describe(`the demo seed's files on ${kind}`, function () {
    this.timeout(30_000);

    it('are stored and claimed like uploads, download through signed links, and say their real size', async () => {
      const fresh = await freshDatabaseUrl(kind);
      const database = openDatabase(fresh.url);
      await migrateToLatest(database.db);
      await seedDemo(database, demoSchema, TENANT, openBlobStore('db', database.db, () => new Date()));
      await database.db.destroy();
      const app = await buildApp(testConfig({ database: fresh.url, files: 'db' }), { logger: false, checkResponses: 'fail' });
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      try {
        // Tom Becker of Northwind, signed in as the demo site signs him in.
        const token = await tokenFor({ sub: 'u-tom', name: 'Tom Becker', org: 'acc-northwind' });
        const get = (path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const list = (await (await get('/cases?limit=100')).json()) as { items: { id: string }[] };
        const files: { name: string; size: number; url: string }[] = [];
        for (const c of list.items) files.push(...((await (await get(`/cases/${c.id}/files`)).json()) as { items: typeof files }).items);
        expect(files.length, 'Tom has files in the demo').to.be.greaterThan(0);
        for (const f of files.slice(0, 6)) {
          expect(f.url).to.match(/^attachments\/[\w-]+\/content\?.*sig=/);
          const res = await fetch(`${url}/${f.url}`);
          expect(res.status, f.name).to.equal(200);
          expect(res.headers.get('content-disposition')).to.contain('attachment');
          expect((await res.arrayBuffer()).byteLength, `${f.name}'s size`).to.equal(f.size);
        }
      } finally {
        await app.close();
        await fresh.drop();
      }
    });
  });
}
