import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Migration '0003-files': the uploads (`attachments`) and, for `files: db`, their bytes in chunks
 * (`blobs`, `blob_chunks`). The chunk tables exist whichever store is configured, so switching the
 * store later needs no migration.
 */
export const files003: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('attachments')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('blob_key', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      .addColumn('message_id', 'text')
      .addColumn('claimed_at', 'text')
      .addPrimaryKeyConstraint('attachments_pk', ['tenant', 'id'])
      .execute();
    // The orphan sweep walks unclaimed uploads by age.
    await db.schema.createIndex('attachments_unclaimed_created').on('attachments').columns(['case_id', 'created_at']).execute();
    await db.schema
      .createTable('blobs')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('complete', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('blob_chunks')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      // PostgreSQL's binary type; SQLite accepts the name and keeps a BLOB value as it is (a BLOB is
      // never converted by a column's affinity), so one migration serves both.
      .addColumn('data', 'bytea', (c) => c.notNull())
      .addPrimaryKeyConstraint('blob_chunks_pk', ['key', 'seq'])
      .execute();
  },
  async down(db: AnyDb) {
    for (const t of ['blob_chunks', 'blobs', 'attachments']) await db.schema.dropTable(t).execute();
  },
};
