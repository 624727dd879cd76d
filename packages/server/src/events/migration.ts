import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The event log (`0002-events`): one row per event, numbered per tenant by the `sequences` row
 * (tenant, 'events') that `record` locks inside the write's transaction, so ids follow commit order
 * and have no gaps (see events/event-log.ts). The audience columns are the case's readers when the
 * event happened, so replaying the log filters exactly like live fan-out, without joining cases.
 * One schema-builder migration for SQLite and PostgreSQL: nothing here needs a dialect branch.
 */
export const eventsMigration: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('events')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('id', 'bigint', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      /** JSON array of person ids linked to the case. */
      .addColumn('contact_ids', 'text', (c) => c.notNull())
      .addColumn('internal', 'integer', (c) => c.notNull())
      /** The AdapterEvent as the contract sends it, JSON. */
      .addColumn('event', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('events_pk', ['tenant', 'id'])
      .execute();
    // Retention deletes by age across tenants.
    await db.schema.createIndex('events_at').on('events').column('at').execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable('events').execute();
    await db.deleteFrom('sequences').where('name', '=', 'events').execute();
  },
};
