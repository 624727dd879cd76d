/**
 * The lists' query plans on SQLite, so the indexes of 0004-list-indexes keep being used: the very
 * SQL the store sends (captured from a logging Kysely on a seeded file, after ANALYZE as the bulk
 * seed leaves it) is explained with its parameters. Status counts that `case_status_counts` keeps
 * (0005-status-counts) are read there by its primary key. At 1,000,000 cases these plans are the
 * difference between 0.1 ms and a full scan (README "Bench"; PostgreSQL's plans were read there
 * with EXPLAIN ANALYZE: on small test tables its planner rightly prefers sequential scans).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSchema } from '@case-portal/adapter-memory';
import SQLite from 'better-sqlite3';
import { expect } from 'chai';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { TENANT } from '../src/auth/authenticate.js';
import { viewerOf } from '../src/auth/viewer.js';
import type { Caller } from '../src/backend/types.js';
import { migrateToLatest } from '../src/db/migrations.js';
import type { Tables } from '../src/db/tables.js';
import { bulkCustomer, bulkSupervisor, seedBulk } from '../src/seed/bulk-seed.js';
import { SqlStore } from '../src/store/sql-store.js';

describe('list query plans on SQLite', function () {
  this.timeout(60_000);
  let dir: string;
  let sqlite: SQLite.Database;
  let db: Kysely<Tables>;
  let store: SqlStore;
  const seen: CompiledQuery[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'case-plans-'));
    sqlite = new SQLite(join(dir, 'cases.db'));
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void seen.push(e.query) });
    await migrateToLatest(db);
    await seedBulk({ db, dialect: 'sqlite' }, demoSchema, TENANT, 3000);
    store = new SqlStore({ database: { db, dialect: 'sqlite' }, schema: demoSchema });
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function callerFor(claims: { sub: string; name: string; email: string | null; org: string | null; role: 'customer' | 'supervisor' | 'agent' }): Promise<Caller> {
    const person = await store.personFromClaims(TENANT, claims);
    return { principal: person.principal, viewer: viewerOf({ id: person.principal.personId, name: person.name, email: person.email, account: person.account }, claims.role, demoSchema) };
  }

  /**
   * The plans of the SELECTs that one listCases call sends: its page (on `cases`) and its status
   * counts (on `cases` or `case_status_counts`); `froms` is the table each SELECT reads, in order.
   */
  async function plans(caller: Caller, query: Parameters<SqlStore['listCases']>[1]): Promise<{ page: string; counts: string; countsFrom: string; froms: string[] }> {
    seen.length = 0;
    await store.listCases(caller, query, 25);
    const selects = seen.filter((q) => /^select .* from "(cases|case_status_counts)"/.test(q.sql));
    const plan = (q: CompiledQuery) =>
      sqlite
        .prepare(`explain query plan ${q.sql}`)
        .all(...(q.parameters as unknown[]))
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
    const pages = selects.filter((q) => q.sql.includes('"cases"."doc"'));
    expect(pages.length, 'one page').to.equal(1);
    // Two only when a counted scope's links check found links and the rows were counted after it.
    const counts = selects.filter((q) => q !== pages[0]);
    expect(counts.length, 'the counts').to.be.within(1, 2);
    const froms = selects.map((q) => /from "(\w+)"/.exec(q.sql)![1]!);
    const answered = counts.at(-1)!;
    return { page: plan(pages[0]!), counts: plan(answered), countsFrom: /from "(\w+)"/.exec(answered.sql)![1]!, froms };
  }

  it("the agent's newest-first page walks (tenant, updated_at, id) without sorting; its counts are the tenant's rows of case_status_counts", async () => {
    const { page, counts, countsFrom } = await plans(await callerFor({ sub: 'plan-agent', name: 'Agent', email: null, org: null, role: 'agent' }), { sort: { key: 'updatedAt', dir: 'desc' } });
    expect(page).to.contain('USING INDEX cases_tenant_updated').and.not.contain('TEMP B-TREE');
    expect(countsFrom).to.equal('case_status_counts');
    // 0007: the counter rows are the table, clustered by its key (no index walk, then a fetch by rowid).
    expect(counts).to.contain('USING PRIMARY KEY (tenant=? AND scope=? AND key=?)');
  });

  it("the agent's counts narrowed by origin read only (tenant, status) and the rows' origins", async () => {
    const { counts, countsFrom } = await plans(await callerFor({ sub: 'plan-agent', name: 'Agent', email: null, org: null, role: 'agent' }), { origins: ['web'], sort: { key: 'updatedAt', dir: 'desc' } });
    expect(countsFrom).to.equal('cases');
    expect(counts).to.contain('cases_tenant_status');
  });

  it("a supervisor's account view reads its page through (tenant, account_id, updated_at) and its counts from case_status_counts", async () => {
    const s = bulkSupervisor();
    const { page, counts, countsFrom } = await plans(await callerFor({ ...s, email: s.email }), { view: 'account', sort: { key: 'updatedAt', dir: 'desc' } });
    expect(page).to.contain('USING INDEX cases_account_updated');
    expect(countsFrom).to.equal('case_status_counts');
    expect(counts).to.contain('USING PRIMARY KEY (tenant=? AND scope=? AND key=?)');
  });

  it("a supervisor's account view with a keyword counts from (tenant, account_id, status) and the rows", async () => {
    const s = bulkSupervisor();
    const { countsFrom, counts } = await plans(await callerFor({ ...s, email: s.email }), { view: 'account', keyword: 'printer', sort: { key: 'updatedAt', dir: 'desc' } });
    expect(countsFrom).to.equal('cases');
    expect(counts).to.contain('cases_account');
  });

  it("a customer who is no case's contact: the page walks (tenant, requester_id, updated_at) alone; counts and the links check read case_status_counts and case_contacts by index", async () => {
    const c = bulkCustomer(12);
    const { page, counts, countsFrom } = await plans(await callerFor({ ...c, email: c.email }), { sort: { key: 'updatedAt', dir: 'desc' } });
    expect(countsFrom).to.equal('case_status_counts');
    expect(counts).to.contain('USING PRIMARY KEY (tenant=? AND scope=? AND key=?)').and.contain('USING COVERING INDEX case_contacts_person').and.not.match(/SCAN cases\b/);
    expect(page).to.contain('USING INDEX cases_requester_updated').and.not.contain('case_contacts').and.not.match(/SCAN cases\b/);
  });

  it("a customer who is some case's contact: the links check finds it, and page and counts read both arms through (tenant, requester_id, updated_at) and case_contacts, not a scan", async () => {
    const c = bulkCustomer(13);
    const caller = await callerFor({ ...c, email: c.email });
    const other = await db.selectFrom('cases').select('id').where('requester_id', '!=', caller.principal.personId).limit(1).executeTakeFirstOrThrow();
    await db.insertInto('case_contacts').values({ tenant: TENANT, case_id: other.id, person_id: caller.principal.personId }).execute();
    const { page, counts, countsFrom, froms } = await plans(caller, { sort: { key: 'updatedAt', dir: 'desc' } });
    expect(froms[0]).to.equal('case_status_counts');
    expect(countsFrom).to.equal('cases');
    for (const plan of [page, counts]) {
      expect(plan).to.contain('USING INDEX cases_requester_updated').and.contain('case_contacts');
      expect(plan).to.not.match(/SCAN cases\b/);
    }
  });
});
