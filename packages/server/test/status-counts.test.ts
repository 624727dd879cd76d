/**
 * The status counts that `case_status_counts` keeps (0005-status-counts) against recounts: after
 * random writes, after concurrent writes and status changes (opposite moves at the same moment
 * included: PostgreSQL's row triggers lock counter rows in one order), on a SQLite file and on
 * PostgreSQL, over HTTP. Two recounts: the table itself against GROUP BY over `cases`, and every
 * list's `statusCounts` and `total` against the statuses of all the cases it pages through, for an
 * agent, a supervisor (account view, mine), customers with and without linked cases.
 */
import type { CaseRecord, Page } from '@case-portal/core';
import { expect } from 'chai';
import { sql } from 'kysely';
import { TENANT } from '../src/auth/authenticate.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { seedBulk } from '../src/seed/bulk-seed.js';
import { call, DB_KINDS, startServer, testConfig, tokenFor, type Person, type RunningServer } from './support/server.js';

type ListPage = Page<CaseRecord> & { statusCounts: Record<string, number> };

/** A small seeded generator (mulberry32): a failure names its seed and replays. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

// Every status an agent may set (merged only comes from a merge).
const STATUSES = ['new', 'open', 'reopened', 'pending-agent', 'pending-customer', 'on-hold', 'resolved', 'closed', 'canceled'] as const;

const PEOPLE: Record<string, Person> = {
  ann: { sub: 'sc-ann', name: 'Ann', org: 'acme' },
  bob: { sub: 'sc-bob', name: 'Bob', org: 'acme' },
  cyd: { sub: 'sc-cyd', name: 'Cyd', org: 'globex' },
  dee: { sub: 'sc-dee', name: 'Dee' },
  sue: { sub: 'sc-sue', name: 'Sue', org: 'acme', role: 'supervisor' },
  sam: { sub: 'sc-sam', name: 'Sam', role: 'agent' },
};
const WRITERS = ['ann', 'bob', 'cyd', 'dee', 'sue'] as const;

for (const kind of DB_KINDS) {
  describe(`status counts kept by the writes on ${kind}`, function () {
    this.timeout(120_000);
    const seed = Number(process.env.STATUS_COUNTS_SEED ?? Date.now() % 1_000_000);
    const rnd = random(seed);
    let server: RunningServer;
    let db: Database;
    const tokens: Record<string, string> = {};
    /** The cases written so far and who asked for each (their customer transitions and replies). */
    const cases: { id: string; owner: string }[] = [];
    /** Writes that went through, by kind: the recounts must have followed real status moves. */
    const done = { create: 0, status: 0, transition: 0, reply: 0 };

    before(async () => {
      server = await startServer(kind);
      db = openDatabase(server.databaseUrl!);
      for (const [name, p] of Object.entries(PEOPLE)) tokens[name] = await tokenFor(p);
    });
    after(async () => {
      await db.db.destroy();
      await server.close();
    });

    const post = (path: string, token: string, body: unknown) => call(server, path, { method: 'POST', token, body: JSON.stringify(body) });

    async function create(owner: string): Promise<void> {
      const res = await post('/cases', tokens[owner]!, { subject: `Case of ${owner}`, description: 'x', fields: { product: 'router-x200' } });
      expect(res.status, await res.clone().text()).to.equal(201);
      cases.push({ id: ((await res.json()) as CaseRecord).id, owner });
      done.create++;
    }

    /** One random write: a new case, an agent's status change, a customer's close/cancel/reopen, or a reply (a write that moves no count). */
    async function randomWrite(): Promise<void> {
      const r = rnd.next();
      if (r < 0.3 || cases.length < 3) return create(rnd.pick(WRITERS));
      const c = rnd.pick(cases);
      if (r < 0.7) {
        const res = await post(`/agent/cases/${c.id}/status`, tokens.sam!, { status: rnd.pick(STATUSES) });
        expect([200, 409], await res.clone().text()).to.include(res.status);
        if (res.status === 200) done.status++;
      } else if (r < 0.85) {
        const action = rnd.pick(['close', 'cancel', 'reopen'] as const);
        const res = await post(`/cases/${c.id}/transitions`, tokens[c.owner]!, action === 'close' ? { action, status: 'closed' } : { action });
        // Whether the action is open to the case in its status is the policy's business: refusals are fine, they change nothing.
        expect([200, 403, 409, 422], await res.clone().text()).to.include(res.status);
        if (res.status === 200) done.transition++;
      } else {
        const res = await post(`/cases/${c.id}/messages`, tokens[c.owner]!, { body: 'A reply.' });
        expect([201, 403, 409, 422], await res.clone().text()).to.include(res.status);
        if (res.status === 201) done.reply++;
      }
    }

    /** The table's non-zero rows against GROUP BY over the cases, for all three scopes; no row below 0. */
    async function expectTableEqualsRecount(): Promise<void> {
      const kept = await db.db.selectFrom('case_status_counts').selectAll().where('tenant', '=', TENANT).execute();
      expect(kept.filter((r) => Number(r.n) < 0), 'no count below 0').to.deep.equal([]);
      const recount = await sql<{ scope: string; key: string; status: string; n: number | string }>`
        select 'tenant' as scope, '' as key, status, count(*) as n from cases where tenant = ${TENANT} group by status
        union all select 'requester', requester_id, status, count(*) from cases where tenant = ${TENANT} group by requester_id, status
        union all select 'account', account_id, status, count(*) from cases where tenant = ${TENANT} and account_id is not null group by account_id, status`.execute(db.db);
      const asText = (rows: { scope: string; key: string; status: string; n: number | string }[]) =>
        rows
          .filter((r) => Number(r.n) > 0)
          .map((r) => `${r.scope}|${r.key}|${r.status}=${Number(r.n)}`)
          .sort();
      expect(asText(kept), `seed ${seed}`).to.deep.equal(asText(recount.rows));
    }

    /** Every case of one list, paged through; its first page's statusCounts and total beside the tally of what it listed. */
    async function listAndTally(token: string, query: Record<string, string>, statuses: string[] = []): Promise<{ counts: Record<string, number>; total: number; tally: Record<string, number>; listed: number }> {
      const tally: Record<string, number> = {};
      let first: ListPage | null = null;
      let cursor: string | null = null;
      let listed = 0;
      do {
        const params = new URLSearchParams({ ...query, limit: '7', ...(cursor ? { cursor } : {}) });
        for (const s of statuses) params.append('status', s);
        const res = await call(server, `/cases?${params}`, { token });
        expect(res.status, await res.clone().text()).to.equal(200);
        const page = (await res.json()) as ListPage;
        first ??= page;
        expect(page.total, 'the same total on every page').to.equal(first.total);
        for (const c of page.items) tally[c.status.id] = (tally[c.status.id] ?? 0) + 1;
        listed += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return { counts: first.statusCounts, total: first.total, tally, listed };
    }

    /** Each viewer's lists: statusCounts equal the tally of the listed cases, total their number; with a status filter, the total narrows and the counts do not. */
    async function expectListsEqualRecount(): Promise<void> {
      const lists: [string, Record<string, string>][] = [
        ['sam', {}],
        ['sue', { view: 'account' }],
        ['sue', { view: 'mine' }],
        ['sue', {}],
        ['ann', {}],
        ['bob', {}],
        ['cyd', {}],
        ['dee', {}],
        ['dee', { view: 'linked' }],
      ];
      for (const [who, query] of lists) {
        const { counts, total, tally, listed } = await listAndTally(tokens[who]!, query);
        expect(counts, `${who} ${JSON.stringify(query)} (seed ${seed})`).to.deep.equal(tally);
        expect(total).to.equal(listed);
        const some = Object.keys(tally).sort().slice(0, 2);
        if (some.length) {
          const narrowed = await listAndTally(tokens[who]!, query, some);
          expect(narrowed.counts, 'counts are of the whole scope').to.deep.equal(tally);
          expect(narrowed.total).to.equal(some.reduce((n, s) => n + tally[s]!, 0)).and.to.equal(narrowed.listed);
        }
      }
    }

    it('equal a recount after random writes (creates, status changes, customer transitions, replies)', async () => {
      for (let i = 0; i < 60; i++) await randomWrite();
      expect(done.create, JSON.stringify(done)).to.be.at.least(5);
      expect(done.status, JSON.stringify(done)).to.be.at.least(5);
      expect(done.transition + done.reply, JSON.stringify(done)).to.be.at.least(2);
      await expectTableEqualsRecount();
      await expectListsEqualRecount();
    });

    it('equal a recount after concurrent writes, opposite status moves at the same moment included', async () => {
      const acme = cases.filter((c) => ['ann', 'bob', 'sue'].includes(c.owner));
      expect(acme.length).to.be.at.least(2);
      for (let round = 0; round < 6; round++) {
        // Two cases of one account (so one requester or account counter row is shared) moved in opposite directions together.
        const [a, b] = [acme[round % acme.length]!, acme[(round + 1) % acme.length]!];
        const [from, to] = [STATUSES[round % STATUSES.length]!, STATUSES[(round + 3) % STATUSES.length]!];
        await Promise.all([post(`/agent/cases/${a.id}/status`, tokens.sam!, { status: from }), post(`/agent/cases/${b.id}/status`, tokens.sam!, { status: to })]);
        const moves = await Promise.all([
          post(`/agent/cases/${a.id}/status`, tokens.sam!, { status: to }),
          post(`/agent/cases/${b.id}/status`, tokens.sam!, { status: from }),
          ...Array.from({ length: 6 }, () => randomWrite().then(() => ({ status: 200 }))),
        ]);
        // A write that lost a race on the case's version is refused as a conflict, never half-applied.
        for (const m of moves) expect([200, 409]).to.include(m.status);
      }
      await Promise.all(Array.from({ length: 20 }, () => randomWrite()));
      await expectTableEqualsRecount();
      await expectListsEqualRecount();
    });

    it('hold for a customer who becomes a contact of cases (the list counts its rows then) and who stops being one', async () => {
      const dee = (await db.db.selectFrom('people').select('id').where('sub', '=', PEOPLE.dee!.sub).executeTakeFirstOrThrow()).id;
      const others = cases.filter((c) => c.owner !== 'dee').slice(0, 3);
      await db.db
        .insertInto('case_contacts')
        .values(others.map((c) => ({ tenant: TENANT, case_id: c.id, person_id: dee })))
        .execute();
      const linked = await listAndTally(tokens.dee!, { view: 'linked' });
      expect(linked.listed).to.equal(3);
      await expectListsEqualRecount();
      const all = await listAndTally(tokens.dee!, {});
      expect(all.listed).to.equal(cases.filter((c) => c.owner === 'dee').length + 3);

      await db.db.deleteFrom('case_contacts').where('person_id', '=', dee).execute();
      await expectListsEqualRecount();
      expect((await listAndTally(tokens.dee!, {})).listed).to.equal(cases.filter((c) => c.owner === 'dee').length);
    });

    it('equal a recount after multi-row INSERTs (the bulk seed: thousands of cases per statement) and a multi-row DELETE', async () => {
      await seedBulk(db, testConfig().portal, TENANT, 3000);
      await expectTableEqualsRecount();
      const seeded = await db.db.selectFrom('cases').select('id').where('id', 'like', 'c_seed%').orderBy('id').limit(700).execute();
      await db.db
        .deleteFrom('cases')
        .where(
          'id',
          'in',
          seeded.map((r) => r.id),
        )
        .execute();
      await expectTableEqualsRecount();
      await expectListsEqualRecount();
    });
  });
}
