import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Indexes for the lists' other two questions (`0004-list-indexes`), found by the server bench
 * (README "Bench") with EXPLAIN on both databases at 1,000,000 cases:
 *
 * - `cases_tenant_updated` (tenant, updated_at, id): the agent's tenant-wide list, newest first,
 *   was a full scan and a sort of every case (SQLite 107 ms at 100,000 cases); now an index walk
 *   that stops after the page. `id` is the order's tie-break, so neither database sorts at all.
 * - `cases_tenant_status` (tenant, status): the agent's status counts read every row of the tenant
 *   (the table itself, documents and all: 199 ms at 100,000 on SQLite); now they count index entries.
 * - `cases_account_status` (tenant, account_id, status): a supervisor's account view counted its
 *   statuses by reading each of the account's rows (12 ms for 10,000 cases on SQLite); now it
 *   counts entries of this index alone (an index-only scan on PostgreSQL, a covering index on SQLite).
 *
 * A customer's own list needs nothing new: `cases_requester_updated` finds their few cases.
 */
export const listIndexesMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema.createIndex('cases_tenant_updated').on('cases').columns(['tenant', 'updated_at', 'id']).execute();
    await db.schema.createIndex('cases_tenant_status').on('cases').columns(['tenant', 'status']).execute();
    await db.schema.createIndex('cases_account_status').on('cases').columns(['tenant', 'account_id', 'status']).execute();
  },
  async down(db: AnyDb) {
    for (const name of ['cases_account_status', 'cases_tenant_status', 'cases_tenant_updated']) await db.schema.dropIndex(name).execute();
  },
};
