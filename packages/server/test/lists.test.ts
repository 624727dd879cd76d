/**
 * What the server bench's fixes must keep (README "Bench", docs/architecture.md "The case server
 * under load"): list totals and status counts exactly as the rows say, for every viewer and filter,
 * now that the total is summed from the status counts; the agent's list in order across pages on
 * its new index; and sign-in, which reads a returning person instead of writing them again, still
 * storing whatever the host site's claims change.
 */
import { demoSchema } from '@case-portal/adapter-memory';
import { STATUS_CATEGORIES, type CaseRecord, type Page } from '@case-portal/core';
import { expect } from 'chai';
import { TENANT } from '../src/auth/authenticate.js';
import { openDatabase } from '../src/db/database.js';
import { bulkCustomer, bulkSupervisor, seedBulk } from '../src/seed/bulk-seed.js';
import { call, DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';

type Listed = Page<CaseRecord> & { statusCounts: Record<string, number> };

for (const kind of DB_KINDS) {
  describe(`lists and sign-in on ${kind}`, function () {
    this.timeout(60_000);
    let server: RunningServer;
    const tokens: Record<'customer' | 'supervisor' | 'agent', string> = { customer: '', supervisor: '', agent: '' };

    before(async () => {
      server = await startServer(kind);
      // 600 generated cases beside the server (a second connection, as `seed --cases` would be).
      const database = openDatabase(server.databaseUrl!);
      try {
        await seedBulk(database, demoSchema, TENANT, 600);
      } finally {
        await database.db.destroy();
      }
      tokens.customer = await tokenFor(bulkCustomer(3));
      tokens.supervisor = await tokenFor(bulkSupervisor());
      tokens.agent = await tokenFor({ sub: 'lists-agent', name: 'Agent Lee', role: 'agent' });
    });
    after(() => server.close());

    /** Every page of a list (50 at a time, by cursor), checking that each page tells the same total and counts. */
    async function everything(path: string, token: string, query: string): Promise<Listed> {
      const pages: Listed[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(server, `${path}?limit=50${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
        expect(res.status, `${path}?${query}`).to.equal(200);
        const page = (await res.json()) as Listed;
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 50);
      for (const p of pages) {
        expect(p.total, `${path}?${query}: total on every page`).to.equal(pages[0]!.total);
        expect(p.statusCounts, `${path}?${query}: counts on every page`).to.deep.equal(pages[0]!.statusCounts);
      }
      return { ...pages[0]!, items: pages.flatMap((p) => p.items), nextCursor: null };
    }

    const categoryOf = (statusId: string) => demoSchema.statuses.find((s) => s.id === statusId)!.category;

    const viewers = [
      { who: 'customer', path: '/cases', query: '' },
      { who: 'supervisor', path: '/cases', query: '&view=account' },
      { who: 'supervisor', path: '/cases', query: '' },
      { who: 'agent', path: '/agent/cases', query: '' },
    ] as const;

    for (const v of viewers) {
      it(`${v.who}${v.query ? ` (${v.query.slice(1)})` : ''}: the total and the status counts are the rows', with and without status and category filters`, async () => {
        const token = tokens[v.who];
        const all = await everything(v.path, token, v.query);
        expect(all.items.length, 'a list with something in it').to.be.greaterThan(5);
        const counted: Record<string, number> = {};
        for (const c of all.items) counted[c.status.id] = (counted[c.status.id] ?? 0) + 1;
        expect(all.statusCounts).to.deep.equal(counted);
        expect(all.total).to.equal(all.items.length);
        expect(new Set(all.items.map((c) => c.id)).size, 'no case twice').to.equal(all.items.length);

        const present = Object.keys(counted).sort((a, b) => counted[b]! - counted[a]!);
        const [first, second] = [present[0]!, present[1] ?? present[0]!];
        // A category none of the listed cases is in, if there is one.
        const absentCategory = STATUS_CATEGORIES.find((cat) => !present.some((s) => categoryOf(s) === cat));
        const otherCategory = STATUS_CATEGORIES.find((cat) => cat !== categoryOf(first))!;
        const filters: [string, (c: CaseRecord) => boolean][] = [
          [`&status=${first}`, (c) => c.status.id === first],
          [`&status=${first}&status=${second}`, (c) => c.status.id === first || c.status.id === second],
          [`&category=${categoryOf(second)}`, (c) => c.status.category === categoryOf(second)],
          [`&status=${first}&category=${categoryOf(first)}`, (c) => c.status.id === first],
          // Both filters hold at once: a status outside the category leaves nothing.
          [`&status=${first}&category=${otherCategory}`, () => false],
        ];
        if (absentCategory) filters.push([`&category=${absentCategory}`, () => false]);
        for (const [filter, keep] of filters) {
          const got = await everything(v.path, token, `${v.query}${filter}`);
          const want = all.items.filter(keep).map((c) => c.id);
          expect(got.items.map((c) => c.id).sort(), filter).to.deep.equal([...want].sort());
          expect(got.total, filter).to.equal(want.length);
          // The counts describe the list before the status filter: the portal's filter chips show them.
          expect(got.statusCounts, filter).to.deep.equal(all.statusCounts);
        }
      });
    }

    it("the agent's list pages newest first (the id breaks ties), oldest first when asked, no case twice", async () => {
      for (const dir of ['desc', 'asc'] as const) {
        const all = await everything('/agent/cases', tokens.agent, `&sort=updatedAt:${dir}`);
        expect(all.items.length).to.equal(all.total);
        expect(all.total).to.be.at.least(600);
        expect(new Set(all.items.map((c) => c.id)).size).to.equal(all.items.length);
        const key = (c: CaseRecord) => `${c.updatedAt}\u0000${c.id}`;
        const sorted = [...all.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        if (dir === 'desc') sorted.reverse();
        expect(all.items.map((c) => c.id), dir).to.deep.equal(sorted.map((c) => c.id));
      }
    });

    it('pages with the cursors it hands out (base64, padding and all) and refuses made-up ones with a 400', async () => {
      const token = tokens.customer;
      const created = await call(server, '/cases', { method: 'POST', token, body: JSON.stringify({ subject: 'Paging', description: 'x', fields: { product: 'router-x200' } }) });
      expect(created.status).to.equal(201);
      const { id } = (await created.json()) as { id: string };
      for (let i = 0; i < 12; i++) {
        const res = await call(server, `/cases/${id}/messages`, { method: 'POST', token, body: JSON.stringify({ body: `reply ${i}` }) });
        expect(res.status).to.equal(201);
      }
      const first = (await (await call(server, `/cases/${id}/messages?limit=10`, { token })).json()) as Page<{ body: string }>;
      // Offset 10 is "o:10", base64 "bzoxMA==": the routes used to refuse the padding.
      expect(first.nextCursor).to.equal('bzoxMA==');
      const second = await call(server, `/cases/${id}/messages?limit=10&cursor=${encodeURIComponent(first.nextCursor!)}`, { token });
      expect(second.status).to.equal(200);
      const older = (await second.json()) as Page<{ body: string }>;
      expect([...older.items, ...first.items].map((m) => m.body)).to.deep.equal(Array.from({ length: 12 }, (_, i) => `reply ${i}`));

      for (const bad of ['Zm9v', 'bzo=', '!!!!', 'b'.repeat(41), 'bzotMQ==']) {
        for (const [path, who] of [
          [`/cases?cursor=${encodeURIComponent(bad)}`, token],
          [`/agent/cases?cursor=${encodeURIComponent(bad)}`, tokens.agent],
          [`/cases/${id}/messages?cursor=${encodeURIComponent(bad)}`, token],
        ] as const) {
          const res = await call(server, path, { token: who });
          expect(res.status, path).to.equal(400);
          expect(((await res.json()) as { fieldErrors: Record<string, string> }).fieldErrors).to.have.property('cursor');
        }
      }
    });

    describe('sign-in', () => {
      /** The stored person and their account's org, read beside the server. */
      async function stored(sub: string) {
        const database = openDatabase(server.databaseUrl!);
        try {
          const rows = await database.db
            .selectFrom('people')
            .leftJoin('accounts', (j) => j.onRef('accounts.tenant', '=', 'people.tenant').onRef('accounts.id', '=', 'people.account_id'))
            .select(['people.id', 'people.role', 'people.name', 'people.email', 'people.account_id', 'people.updated_at', 'accounts.org'])
            .where('people.sub', '=', sub)
            .execute();
          expect(rows.length, `one person for ${sub}`).to.equal(1);
          return rows[0]!;
        } finally {
          await database.db.destroy();
        }
      }
      const me = async (p: Person) => {
        const res = await call(server, '/me', { token: await tokenFor(p) });
        expect(res.status).to.equal(200);
        return (await res.json()) as { id: string; name: string; email?: string; account: { id: string } | null; permissions: string[] };
      };

      it('a returning person whose claims are unchanged is read, not written again', async () => {
        const pat: Person = { sub: 'lists-pat', name: 'Pat Lee', email: 'pat@acme.example', org: 'lists-acme' };
        const first = await me(pat);
        const before = await stored(pat.sub);
        await new Promise((r) => setTimeout(r, 20));
        for (let i = 0; i < 3; i++) expect(await me(pat)).to.deep.equal(first);
        expect(await stored(pat.sub), 'the row, updated_at included, as the first sign-in left it').to.deep.equal(before);
      });

      it("changed claims are stored: name, email, organization and role, the person's id kept", async () => {
        const kim: Person = { sub: 'lists-kim', name: 'Kim Park', email: 'kim@acme.example', org: 'lists-acme' };
        const first = await me(kim);
        const before = await stored(kim.sub);
        await new Promise((r) => setTimeout(r, 20));

        const renamed = await me({ ...kim, name: 'Kim Park-Lee' });
        expect(renamed).to.include({ id: first.id, name: 'Kim Park-Lee' });
        const afterRename = await stored(kim.sub);
        expect(afterRename).to.include({ id: before.id, name: 'Kim Park-Lee', email: 'kim@acme.example', org: 'lists-acme' });
        expect(afterRename.updated_at > before.updated_at, 'updated_at moves when the claims change').to.be.true;

        const { email: _email, ...withoutEmail } = { ...kim, name: 'Kim Park-Lee' };
        const noEmail = await me(withoutEmail);
        expect(noEmail.email).to.equal(undefined);
        expect((await stored(kim.sub)).email).to.equal(null);

        // Another company: a new account, and the account view follows the token.
        const moved = await me({ ...withoutEmail, org: 'lists-globex' });
        expect(moved.account?.id).to.be.a('string').and.not.equal(first.account?.id);
        expect(await stored(kim.sub)).to.include({ org: 'lists-globex', account_id: moved.account!.id });

        const promoted = await me({ ...withoutEmail, org: 'lists-globex', role: 'supervisor' });
        expect(promoted.permissions).to.include('read-account');
        expect((await stored(kim.sub)).role).to.equal('supervisor');
        const back = await me({ ...withoutEmail, org: 'lists-globex' });
        expect(back.permissions).to.not.include('read-account');

        // Without an organization: no account.
        const alone = await me({ sub: kim.sub, name: 'Kim Park-Lee' });
        expect(alone.account).to.equal(null);
        expect(await stored(kim.sub)).to.include({ account_id: null, org: null, id: before.id });
      });

      it('a seeded customer signs in as seeded: their ten cases, nothing written', async () => {
        const before = await stored(bulkCustomer(7).sub);
        const list = (await (await call(server, '/cases?limit=50', { token: await tokenFor(bulkCustomer(7)) })).json()) as Listed;
        expect(list.total).to.equal(10);
        expect(list.items.every((c) => c.requester.id === before.id)).to.be.true;
        expect(await stored(bulkCustomer(7).sub)).to.deep.equal(before);
      });
    });
  });
}
