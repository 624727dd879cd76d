import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * `0005-status-counts`: how many cases each scope holds per status, kept exact by the writes
 * themselves, so a list's status counts (and its total, their sum) are a few rows read instead of
 * every scoped case counted (a supervisor's account view of 10,000 cases: 1.6 ms of index entries
 * per request on SQLite; an agent's list counted the whole tenant).
 *
 * One row per (tenant, scope, key, status): scope `tenant` (key ''), `requester` (key: the
 * requester's id) and `account` (key: the account id; cases without one are not counted there).
 * Triggers on `cases` keep it, inside the transaction that writes the case, on every path that
 * writes cases (the store, both seeds, anything later), so no code path can forget it:
 * - SQLite: one upsert per trigger (the database has one writer at a time);
 * - PostgreSQL: upserts whose rows are sorted, so two transactions that move cases between the
 *   same statuses in opposite directions lock the counter rows in the same order and wait for each
 *   other instead of deadlocking. INSERT and DELETE: one upsert per statement over its transition
 *   table, grouped: a multi-row INSERT (the bulk seed's thousands of cases per statement) moves each
 *   counter once. Per row, the tenant's counter was updated thousands of times in one transaction,
 *   each update a new version of the same row that the next one had to walk past (the seed of
 *   1,000,000 cases slowed to a crawl). UPDATE: per row, so that one which changes none of the four
 *   columns (a reply, an edit) does not call the trigger at all (its WHEN clause; PostgreSQL allows
 *   no column list or WHEN with transition tables); the store updates one case per statement.
 * A count that falls to 0 stays as a row with n = 0; readers skip those.
 *
 * Existing cases are counted in the same transaction that creates the triggers.
 */
export const statusCountsMigration: Migration = {
  async up(db: AnyDb) {
    // Kysely runs PostgreSQL migrations in a transaction, SQLite's not (no transactional DDL, it
    // says, though SQLite has it): one here, so the count and the triggers start together and a
    // migration cut short leaves nothing behind.
    if (db.getExecutor().adapter instanceof SqliteAdapter) await db.transaction().execute((trx) => createCounts(trx, 'sqlite'));
    else await createCounts(db, 'postgres');
  },
  async down(db: AnyDb) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists case_status_counts_${t}`).execute(db);
    } else {
      for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists case_status_counts_${t} on cases`).execute(db);
      await sql`drop function if exists case_status_counts_apply()`.execute(db);
      await sql`drop function if exists case_status_counts_apply_rows()`.execute(db);
    }
    await db.schema.dropTable('case_status_counts').execute();
  },
};

async function createCounts(db: AnyDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('case_status_counts')
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_status_counts_pk', ['tenant', 'scope', 'key', 'status'])
    .execute();
  for (const statement of dialect === 'sqlite' ? SQLITE_TRIGGERS : POSTGRES_TRIGGERS) await sql.raw(statement).execute(db);
  await sql`
    insert into case_status_counts (tenant, scope, key, status, n)
    select tenant, 'tenant', '', status, count(*) from cases group by tenant, status
    union all
    select tenant, 'requester', requester_id, status, count(*) from cases group by tenant, requester_id, status
    union all
    select tenant, 'account', account_id, status, count(*) from cases where account_id is not null group by tenant, account_id, status`.execute(db);
}

/** The three counter rows of one case as `(tenant, scope, key, status, n)` values, for `old` or `new`. */
const sqliteRows = (row: 'old' | 'new', n: 1 | -1) =>
  `select ${row}.tenant, 'tenant', '', ${row}.status, ${n} union all ` +
  `select ${row}.tenant, 'requester', ${row}.requester_id, ${row}.status, ${n} union all ` +
  `select ${row}.tenant, 'account', ${row}.account_id, ${row}.status, ${n} where ${row}.account_id is not null`;

/** An upsert of counter deltas; `where true` tells SQLite's parser that ON CONFLICT belongs to the INSERT. */
const sqliteUpsert = (rows: string) =>
  `insert into case_status_counts (tenant, scope, key, status, n) select * from (${rows}) where true ` +
  `on conflict (tenant, scope, key, status) do update set n = n + excluded.n;`;

/** The counting triggers on `cases` (SQLite); 0007-status-counts-clustered creates them again. */
export const SQLITE_TRIGGERS = [
  `create trigger case_status_counts_insert after insert on cases begin ${sqliteUpsert(sqliteRows('new', 1))} end`,
  `create trigger case_status_counts_update after update of tenant, requester_id, account_id, status on cases
     when old.tenant is not new.tenant or old.requester_id is not new.requester_id or old.account_id is not new.account_id or old.status is not new.status
   begin ${sqliteUpsert(`${sqliteRows('old', -1)} union all ${sqliteRows('new', 1)}`)} end`,
  `create trigger case_status_counts_delete after delete on cases begin ${sqliteUpsert(sqliteRows('old', -1))} end`,
];

const POSTGRES_TRIGGERS = [
  `create function case_status_counts_apply() returns trigger language plpgsql as $$
   begin
     -- Every counter row this update moves (old row out, new row in), netted and sorted: rows are locked in this order.
     insert into case_status_counts (tenant, scope, key, status, n)
     select d.tenant, d.scope, d.key, d.status, sum(d.n)
     from (
       select old.tenant, 'tenant', '', old.status, -1
       union all select old.tenant, 'requester', old.requester_id, old.status, -1
       union all select old.tenant, 'account', old.account_id, old.status, -1 where old.account_id is not null
       union all select new.tenant, 'tenant', '', new.status, 1
       union all select new.tenant, 'requester', new.requester_id, new.status, 1
       union all select new.tenant, 'account', new.account_id, new.status, 1 where new.account_id is not null
     ) as d (tenant, scope, key, status, n)
     group by d.tenant, d.scope, d.key, d.status
     having sum(d.n) <> 0
     order by d.tenant, d.scope, d.key, d.status
     on conflict (tenant, scope, key, status) do update set n = case_status_counts.n + excluded.n;
     return null;
   end $$`,
  // A statement's inserted or deleted cases (transition table `changed_rows`), counted by counter row.
  `create function case_status_counts_apply_rows() returns trigger language plpgsql as $$
   declare
     delta integer := case when tg_op = 'INSERT' then 1 else -1 end;
   begin
     insert into case_status_counts (tenant, scope, key, status, n)
     select d.tenant, d.scope, d.key, d.status, delta * count(*)
     from (
       select tenant, 'tenant', '', status from changed_rows
       union all select tenant, 'requester', requester_id, status from changed_rows
       union all select tenant, 'account', account_id, status from changed_rows where account_id is not null
     ) as d (tenant, scope, key, status)
     group by d.tenant, d.scope, d.key, d.status
     order by d.tenant, d.scope, d.key, d.status
     on conflict (tenant, scope, key, status) do update set n = case_status_counts.n + excluded.n;
     return null;
   end $$`,
  `create trigger case_status_counts_insert after insert on cases referencing new table as changed_rows for each statement execute function case_status_counts_apply_rows()`,
  `create trigger case_status_counts_delete after delete on cases referencing old table as changed_rows for each statement execute function case_status_counts_apply_rows()`,
  `create trigger case_status_counts_update after update of tenant, requester_id, account_id, status on cases for each row
     when (old.tenant is distinct from new.tenant or old.requester_id is distinct from new.requester_id
           or old.account_id is distinct from new.account_id or old.status is distinct from new.status)
     execute function case_status_counts_apply()`,
];
