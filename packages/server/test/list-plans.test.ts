/**
 * The lists' query plans on SQLite, so the indexes of 0004-list-indexes keep being used: the very
 * SQL the store sends (captured from a logging Kysely on a seeded file, after ANALYZE as the bulk
 * seed leaves it) is explained with its parameters. At 1,000,000 cases these plans are the
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

  /** The plan of every SELECT on `cases` that one listCases call sends. */
  async function plans(caller: Caller, query: Parameters<SqlStore['listCases']>[1]): Promise<string[]> {
    seen.length = 0;
    await store.listCases(caller, query, 25);
    const selects = seen.filter((q) => /^select .* from "cases"/.test(q.sql));
    expect(selects.length, 'a page and its status counts').to.equal(2);
    return selects.map((q) =>
      sqlite
        .prepare(`explain query plan ${q.sql}`)
        .all(...(q.parameters as unknown[]))
        .map((r) => (r as { detail: string }).detail)
        .join(' | '),
    );
  }

  it("the agent's newest-first page walks (tenant, updated_at, id) without sorting; its counts read only (tenant, status)", async () => {
    const [page, counts] = await plans(await callerFor({ sub: 'plan-agent', name: 'Agent', email: null, org: null, role: 'agent' }), { sort: { key: 'updatedAt', dir: 'desc' } });
    expect(page).to.contain('USING INDEX cases_tenant_updated').and.not.contain('TEMP B-TREE');
    expect(counts).to.contain('USING COVERING INDEX cases_tenant_status');
  });

  it("a supervisor's account view counts its statuses from (tenant, account_id, status) alone", async () => {
    const s = bulkSupervisor();
    const [page, counts] = await plans(await callerFor({ ...s, email: s.email }), { view: 'account', sort: { key: 'updatedAt', dir: 'desc' } });
    expect(page).to.contain('USING INDEX cases_account_updated');
    expect(counts).to.contain('USING COVERING INDEX cases_account_status');
  });

  it("a customer's page finds their cases through (tenant, requester_id, updated_at), not a scan", async () => {
    const c = bulkCustomer(12);
    for (const plan of await plans(await callerFor({ ...c, email: c.email }), { sort: { key: 'updatedAt', dir: 'desc' } })) {
      expect(plan).to.contain('USING INDEX cases_requester_updated');
      expect(plan).to.not.match(/SCAN cases\b/);
    }
  });
});
