/**
 * 0007-status-counts-clustered on a SQLite file that already holds cases: the counter table is
 * rebuilt WITHOUT ROWID with every row kept, the counting triggers work on the rebuilt table, and
 * the migration's down gives back the rowid table with the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSchema } from '@case-portal/adapter-memory';
import { expect } from 'chai';
import { Migrator, sql } from 'kysely';
import { TENANT } from '../src/auth/authenticate.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { allMigrations } from '../src/db/migrations.js';
import { seedBulk } from '../src/seed/bulk-seed.js';

describe('0007-status-counts-clustered on SQLite', function () {
  this.timeout(60_000);
  let dir: string;
  let database: Database;
  let migrator: Migrator;

  const tableSql = async () =>
    (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'case_status_counts'`.execute(database.db)).rows[0]!.sql;
  const counters = async () =>
    (await sql<{ scope: string; key: string; status: string; n: number }>`select scope, key, status, n from case_status_counts order by tenant, scope, key, status`.execute(database.db)).rows;
  /** What the counters must say: the cases counted again, per scope (rows at 0 left out). */
  const recount = async () =>
    (
      await sql<{ scope: string; key: string; status: string; n: number }>`
        select 'account' as scope, account_id as key, status, count(*) as n from cases where account_id is not null group by account_id, status
        union all select 'requester', requester_id, status, count(*) from cases group by requester_id, status
        union all select 'tenant', '', status, count(*) from cases group by status
        order by 1, 2, 3`.execute(database.db)
    ).rows;
  const nonZero = async () => (await counters()).filter((r) => r.n !== 0);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'case-counts-clustered-'));
    database = openDatabase(`sqlite:${join(dir, 'cases.db')}`);
    migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => allMigrations } });
    const { error } = await migrator.migrateTo('0006-participant-history');
    if (error) throw error;
    await seedBulk(database, demoSchema, TENANT, 400);
  });
  after(async () => {
    await database.db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds the counters WITHOUT ROWID, keeping every row, and the triggers count on it; down gives the rowid table back', async () => {
    expect(await tableSql()).to.not.match(/without rowid/i);
    const before = await counters();
    expect(before.length, 'the seed was counted').to.be.greaterThan(10);

    const up = await migrator.migrateToLatest();
    if (up.error) throw up.error;
    expect(await tableSql()).to.match(/without rowid\s*$/i);
    expect(await counters()).to.deep.equal(before);

    // The triggers were created again: a status move, a new case and a deletion move the counters.
    const one = (await sql<{ id: string }>`select id from cases where status <> 'closed' order by id limit 1`.execute(database.db)).rows[0]!;
    await sql`update cases set status = 'closed' where tenant = ${TENANT} and id = ${one.id}`.execute(database.db);
    await seedBulk(database, demoSchema, TENANT, 30);
    await sql`delete from cases where tenant = ${TENANT} and id in (select id from cases order by id desc limit 5)`.execute(database.db);
    expect(await nonZero()).to.deep.equal(await recount());

    const down = await migrator.migrateTo('0006-participant-history');
    if (down.error) throw down.error;
    expect(await tableSql()).to.not.match(/without rowid/i);
    expect(await nonZero()).to.deep.equal(await recount());
    await sql`update cases set status = 'open' where tenant = ${TENANT} and id = ${one.id}`.execute(database.db);
    expect(await nonZero()).to.deep.equal(await recount());
  });
});
