import { expect } from 'chai';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/index.js';
import { openDatabase } from '../src/db/database.js';
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

  it('runs each query shape as a named prepared statement, parsed once per connection', async () => {
    const fresh = await freshDatabaseUrl('postgres');
    const { db } = openDatabase(fresh.url);
    try {
      const prepared = await db.connection().execute(async (conn) => {
        for (const n of [1, 2, 3]) expect((await sql<{ n: number }>`select ${n}::int as n`.execute(conn)).rows).to.deep.equal([{ n }]);
        return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(conn)).rows;
      });
      const mine = prepared.filter((p) => p.statement.includes('::int as n'));
      expect(mine.length, JSON.stringify(prepared)).to.equal(1);
      expect(mine[0]!.name).to.match(/^cp_\d+$/);
      // Not DDL or transaction control: those are not planned.
      await db.transaction().execute(async (trx) => sql`create table planned_not (a int)`.execute(trx));
      const names = (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement.toLowerCase());
      expect(names.filter((t) => /^\s*(begin|commit|create)/.test(t))).to.deep.equal([]);
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });

  it('a statement whose columns changed under it (another process migrated) runs again, and its connection is replaced', async () => {
    const fresh = await freshDatabaseUrl('postgres');
    const { db } = openDatabase(fresh.url);
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    try {
      await admin.query('create table widened (a int); insert into widened values (1)');
      const [before, after, pid] = await db.connection().execute(async (conn) => {
        const first = (await sql`select * from widened`.execute(conn)).rows;
        await admin.query('alter table widened add column b int default 7');
        const second = (await sql`select * from widened`.execute(conn)).rows;
        return [first, second, (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn)).rows[0]!.pid] as const;
      });
      expect(before).to.deep.equal([{ a: 1 }]);
      expect(after).to.deep.equal([{ a: 1, b: 7 }]);
      // That connection was closed on release: its prepared statement would fail again.
      await new Promise((r) => setTimeout(r, 200));
      const alive = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
      expect(alive.rowCount, 'the stale connection was closed').to.equal(0);
      expect((await sql`select * from widened`.execute(db)).rows).to.deep.equal([{ a: 1, b: 7 }]);
    } finally {
      await admin.end();
      await db.destroy();
      await fresh.drop();
    }
  });

  it('with ?prepare=false in the URL (a transaction-pooling proxy) runs every query unnamed', async () => {
    const fresh = await freshDatabaseUrl('postgres');
    const database = openDatabase(`${fresh.url}?prepare=false`);
    try {
      expect(database.url, 'the parameter is ours, not the driver’s').to.equal(fresh.url);
      const prepared = await database.db.connection().execute(async (conn) => {
        for (const n of [1, 2]) await sql`select ${n}::int as n`.execute(conn);
        return (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(conn)).rows;
      });
      expect(prepared).to.deep.equal([]);
      expect(() => openDatabase(`${fresh.url}?prepare=no`)).to.throw(/prepare must be true or false/);
    } finally {
      await database.db.destroy();
      await fresh.drop();
    }
  });
});
