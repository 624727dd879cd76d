import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';
import { SQLITE_TRIGGERS } from './status-counts-migration.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * `0007-status-counts-clustered`, SQLite only: `case_status_counts` becomes a WITHOUT ROWID table,
 * stored in the order of its primary key. As a rowid table, reading a scope's counter rows walked
 * the primary key's index and then fetched each row from the table by rowid, and the rows lay
 * where the triggers first inserted them: a customer's six status rows on six pages scattered over
 * the table. Clustered, they are one walk to one leaf. Measured in the server at 1,000,000 cases
 * (2,000 customers spread over the table, one request at a time): the counts statement 79–98 µs →
 * 27–35 µs (docs/architecture.md, "The case server under load"). The triggers' upserts write one
 * B-tree instead of two as well.
 *
 * PostgreSQL keeps its heap and primary-key index: it has no clustered tables (CLUSTER sorts once
 * and is not maintained), and its shared buffers hold the counter pages.
 *
 * SQLite's way to change a table's storage (lang_altertable.html, "other kinds of table schema
 * changes"): a new table, the rows copied, the old one dropped and the new one renamed, in one
 * transaction. The counting triggers on `cases` name the table, so they are dropped first and
 * created again after the rename (a rename checks every trigger of the schema against it).
 */
export const statusCountsClusteredMigration: Migration = {
  async up(db: AnyDb) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) await db.transaction().execute((trx) => rebuild(trx, true));
  },
  async down(db: AnyDb) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) await db.transaction().execute((trx) => rebuild(trx, false));
  },
};

async function rebuild(db: AnyDb, withoutRowid: boolean): Promise<void> {
  for (const t of ['insert', 'update', 'delete']) await sql.raw(`drop trigger case_status_counts_${t}`).execute(db);
  await db.schema
    .createTable('case_status_counts_rebuilt')
    .addColumn('tenant', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_status_counts_pk', ['tenant', 'scope', 'key', 'status'])
    .$call((t) => (withoutRowid ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  await sql`
    insert into case_status_counts_rebuilt (tenant, scope, key, status, n)
    select tenant, scope, key, status, n from case_status_counts order by tenant, scope, key, status`.execute(db);
  await db.schema.dropTable('case_status_counts').execute();
  await db.schema.alterTable('case_status_counts_rebuilt').renameTo('case_status_counts').execute();
  for (const statement of SQLITE_TRIGGERS) await sql.raw(statement).execute(db);
}
