import { expect } from 'chai';
import { demoSchema, DEMO_PEOPLE, seededCaseId } from '@case-portal/adapter-memory';
import { buildApp, migrateToLatest, openDatabase } from '../src/index.js';
import { openBlobStore } from '../src/files/open-blob-store.js';
import { TENANT } from '../src/auth/authenticate.js';
import { seedDemo } from '../src/seed/demo-seed.js';
import { DB_KINDS, freshDatabaseUrl, testConfig, tokenFor } from './support/server.js';

type CaseJson = { id: string; number: string; subject: string; requester: { id: string }; contacts?: { id: string }[] };
type MessageJson = { id: string; kind: string };
type PageJson<T> = { items: T[]; total: number; nextCursor: string | null };

/** Issue 13's defects 4 and 5 on the demo data, over HTTP, on both databases. */
for (const kind of DB_KINDS) {
  describe(`the demo data's lists and threads on ${kind}`, function () {
    this.timeout(60_000);
    let url: string;
    let get: (path: string) => Promise<Response>;
    let done: () => Promise<void>;

    before(async () => {
      const fresh = await freshDatabaseUrl(kind);
      const database = openDatabase(fresh.url);
      await migrateToLatest(database.db);
      await seedDemo(database, demoSchema, TENANT, openBlobStore('db', database.db, () => new Date()));
      await database.db.destroy();
      const app = await buildApp(testConfig({ database: fresh.url, files: 'db' }), { logger: false, checkResponses: 'fail' });
      url = await app.listen({ host: '127.0.0.1', port: 0 });
      const alex = DEMO_PEOPLE.customer;
      const token = await tokenFor({ sub: alex.id, name: alex.name, email: alex.email, org: alex.account!.id });
      get = (path) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      done = async () => {
        await app.close();
        await fresh.drop();
      };
    });
    after(() => done?.());

    it('lists under view=linked only other people\'s cases that list the viewer (defect 4)', async () => {
      const linked = (await (await get('/cases?view=linked&limit=200')).json()) as PageJson<CaseJson>;
      expect(linked.items.length, 'Tom\'s office move copies Alex in').to.be.greaterThan(0);
      for (const c of linked.items) {
        expect(c.requester.id, `${c.number} "${c.subject}"`).to.not.equal(DEMO_PEOPLE.customer.id);
        expect(c.contacts?.map((p) => p.id)).to.include(DEMO_PEOPLE.customer.id);
      }
    });

    it('filters a thread by kind: emails of old pages, their own total, cursor and ETag; an unknown kind is 400 (defect 5)', async () => {
      const id = seededCaseId(12); // the long conversation: its emails are its oldest messages
      const newest = await get(`/cases/${id}/messages?limit=10`);
      const page = (await newest.json()) as PageJson<MessageJson>;
      expect(page.nextCursor, 'a long thread').to.not.equal(null);
      expect(page.items.some((m) => m.kind === 'email'), 'no email on the newest page').to.equal(false);

      const filtered = await get(`/cases/${id}/messages?limit=10&kind=email`);
      const emails = (await filtered.json()) as PageJson<MessageJson>;
      expect(emails.items.length).to.be.greaterThan(0);
      expect(emails.items.every((m) => m.kind === 'email')).to.equal(true);
      expect(emails.total).to.equal(emails.items.length);
      expect(emails.nextCursor).to.equal(null);
      expect(filtered.headers.get('etag')).to.not.equal(newest.headers.get('etag'));

      const comments = (await (await get(`/cases/${id}/messages?limit=5&kind=comment&kind=complaint`)).json()) as PageJson<MessageJson>;
      expect(comments.items.every((m) => m.kind === 'comment' || m.kind === 'complaint')).to.equal(true);
      expect(comments.total).to.be.lessThan(page.total);
      const older = (await (await get(`/cases/${id}/messages?limit=5&kind=comment&kind=complaint&cursor=${encodeURIComponent(comments.nextCursor!)}`)).json()) as PageJson<MessageJson>;
      expect(older.items.every((m) => m.kind === 'comment')).to.equal(true);
      expect(older.items.some((m) => comments.items.some((n) => n.id === m.id))).to.equal(false);

      expect((await get(`/cases/${id}/messages?kind=fax`)).status).to.equal(400);
    });
  });
}
