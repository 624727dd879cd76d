import { expect } from 'chai';
import { demoSchema, DEMO_PEOPLE, seededCaseId } from '@case-portal/adapter-memory';
import { buildApp, migrateToLatest, openDatabase } from '../src/index.js';
import { openBlobStore } from '../src/files/open-blob-store.js';
import { TENANT } from '../src/auth/authenticate.js';
import { seedDemo } from '../src/seed/demo-seed.js';
import { call, DB_KINDS, freshDatabaseUrl, startServer, testConfig, tokenFor, type Person, type RunningServer } from './support/server.js';

const newCase = { subject: 'Router X500 keeps rebooting', description: 'Every night at 2 am.', fields: { product: 'router-x200' } };

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

/** People copied on a case (issue 13): who may add them, what they may do, and what others see. */
for (const kind of DB_KINDS) {
  describe(`people copied on a case, over HTTP on ${kind}`, function () {
    this.timeout(60_000);
    let server: RunningServer;
    const t: Record<string, string> = {};
    const people: Record<string, Person> = {
      alex: { sub: 'cc-alex', name: 'Alex Morgan', email: 'alex@acme.example', org: 'acme' },
      priya: { sub: 'cc-priya', name: 'Priya Shah', email: 'Priya.Shah@acme.example', org: 'acme' },
      dana: { sub: 'cc-dana', name: 'Dana Lead', email: 'dana@acme.example', org: 'acme', role: 'supervisor' },
      blair: { sub: 'cc-blair', name: 'Blair Chen', email: 'blair@globex.example', org: 'globex' },
    };
    let n = 0;
    const send = (method: string, path: string, who: string, body?: unknown) =>
      call(server, path, { method, token: t[who], headers: { 'idempotency-key': `cc-${kind}-${++n}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json = async (res: Response) => (await res.json()) as CaseJson & { version: number; contacts: { id: string; name: string; email?: string }[] };
    const ids: Record<string, string> = {};

    before(async () => {
      server = await startServer(kind);
      for (const [k, p] of Object.entries(people)) {
        t[k] = await tokenFor(p);
        // Signing in once makes them known to the portal (by address, and as colleagues).
        ids[k] = ((await (await call(server, '/me', { token: t[k] })).json()) as { id: string }).id;
      }
    });
    after(() => server?.close());

    it('the requester copies a colleague by address; the colleague reads, lists and replies, and may change nothing', async () => {
      const c = await json(await send('POST', '/cases', 'alex', newCase));
      const added = await send('POST', `/cases/${c.id}/participants`, 'alex', { email: 'priya.shah@ACME.example' });
      expect(added.status, await added.clone().text()).to.equal(200);
      const withPriya = await json(added);
      expect(withPriya.contacts).to.deep.equal([{ id: ids.priya, name: 'Priya Shah', email: 'Priya.Shah@acme.example' }]);
      expect(withPriya.version).to.equal(c.version + 1);

      expect((await send('POST', `/cases/${c.id}/participants`, 'alex', { email: 'priya.shah@acme.example' })).status, 'twice').to.equal(422);
      expect((await send('POST', `/cases/${c.id}/participants`, 'alex', { email: 'alex@acme.example' })).status, 'the requester').to.equal(422);
      expect((await send('POST', `/cases/${c.id}/participants`, 'alex', { email: 'nobody@acme.example' })).status, 'unknown').to.equal(422);
      expect((await send('POST', `/cases/${c.id}/participants`, 'alex', { email: 42 })).status, 'schema').to.equal(422);

      const linked = (await (await call(server, '/cases?view=linked', { token: t.priya })).json()) as { items: CaseJson[] };
      expect(linked.items.map((x) => x.id)).to.include(c.id);
      const seen = await call(server, `/cases/${c.id}`, { token: t.priya });
      expect(seen.status).to.equal(200);
      expect((await json(seen)).contacts[0]!.email, 'her own address').to.equal('Priya.Shah@acme.example');
      expect((await send('POST', `/cases/${c.id}/messages`, 'priya', { body: 'Copied in, answering.' })).status).to.equal(201);

      const version = withPriya.version + 1;
      expect((await send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'close', status: 'closed', version })).status).to.equal(403);
      expect((await send('POST', `/cases/${c.id}/transitions`, 'priya', { action: 'cancel', version })).status).to.equal(403);
      const patch = await call(server, `/cases/${c.id}`, { method: 'PATCH', token: t.priya, headers: { 'if-match': `"${version}"` }, body: JSON.stringify({ changes: { priority: 'high' } }) });
      expect(patch.status).to.equal(403);
      expect((await send('POST', `/cases/${c.id}/participants`, 'priya', { email: 'dana@acme.example' })).status).to.equal(403);
      expect((await send('DELETE', `/cases/${c.id}/participants/${ids.priya}`, 'priya')).status).to.equal(403);

      // A supervisor of the account reads the case, with names and no addresses; another company nothing.
      const sup = await json(await call(server, `/cases/${c.id}`, { token: t.dana }));
      expect(sup.contacts).to.deep.equal([{ id: ids.priya, name: 'Priya Shah' }]);
      expect((await call(server, `/cases/${c.id}`, { token: t.blair })).status).to.equal(404);
      expect((await send('POST', `/cases/${c.id}/participants`, 'blair', { email: 'blair@globex.example' })).status).to.equal(404);

      const removed = await send('DELETE', `/cases/${c.id}/participants/${ids.priya}`, 'alex');
      expect(removed.status).to.equal(200);
      expect((await json(removed)).contacts).to.deep.equal([]);
      expect((await call(server, `/cases/${c.id}`, { token: t.priya })).status).to.equal(404);
      expect((await send('POST', `/cases/${c.id}/messages`, 'priya', { body: 'Still here?' })).status).to.equal(404);
      const after = (await (await call(server, '/cases?view=linked', { token: t.priya })).json()) as { items: CaseJson[] };
      expect(after.items.map((x) => x.id)).to.not.include(c.id);
    });

    it('lists colleagues without addresses, and names them by id when creating a case', async () => {
      const colleagues = (await (await call(server, '/colleagues', { token: t.alex })).json()) as { items: { id: string; name: string; email?: string }[] };
      expect(colleagues.items).to.deep.equal([
        { id: ids.dana, name: 'Dana Lead' },
        { id: ids.priya, name: 'Priya Shah' },
      ]);
      const created = await send('POST', '/cases', 'alex', { ...newCase, participants: [{ id: ids.priya }] });
      expect(created.status, await created.clone().text()).to.equal(201);
      const c = await json(created);
      expect(c.contacts.map((p) => p.id)).to.deep.equal([ids.priya]);
      expect((await call(server, `/cases/${c.id}`, { token: t.priya })).status).to.equal(200);
      // Blair is no colleague of Alex's: not by id.
      expect((await send('POST', '/cases', 'alex', { ...newCase, participants: [{ id: ids.blair }] })).status).to.equal(422);
    });
  });
}
