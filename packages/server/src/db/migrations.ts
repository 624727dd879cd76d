import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { eventsMigration } from '../events/migration.js';
import { files003 } from '../files/migration.js';
import { listIndexesMigration } from '../store/list-indexes.js';
import { participantHistoryMigration } from '../store/participant-history.js';
import { statusCountsClusteredMigration } from '../store/status-counts-clustered.js';
import { statusCountsMigration } from '../store/status-counts-migration.js';

/**
 * The core tables, one schema-builder migration for SQLite and PostgreSQL alike (text dates, integer
 * flags). The events log and the attachments table come in their own modules' migrations, listed
 * after these in `allMigrations`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const core001: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('sequences')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('next_value', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sequences_pk', ['tenant', 'name'])
      .execute();
    await db.schema
      .createTable('accounts')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('org', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('accounts_pk', ['tenant', 'id'])
      .addUniqueConstraint('accounts_org_uq', ['tenant', 'org'])
      .execute();
    await db.schema
      .createTable('people')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('sub', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('account_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('people_pk', ['tenant', 'id'])
      .addUniqueConstraint('people_sub_uq', ['tenant', 'sub'])
      .execute();
    await db.schema
      .createTable('cases')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('requester_id', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cases_pk', ['tenant', 'id'])
      .addUniqueConstraint('cases_number_uq', ['tenant', 'number'])
      .execute();
    // A customer's and an account's lists, newest update first, stay index walks at 1M rows.
    await db.schema.createIndex('cases_requester_updated').on('cases').columns(['tenant', 'requester_id', 'updated_at']).execute();
    await db.schema.createIndex('cases_account_updated').on('cases').columns(['tenant', 'account_id', 'updated_at']).execute();
    await db.schema
      .createTable('case_contacts')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_contacts_pk', ['tenant', 'case_id', 'person_id'])
      .execute();
    await db.schema.createIndex('case_contacts_person').on('case_contacts').columns(['tenant', 'person_id']).execute();
    await db.schema
      .createTable('messages')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('public', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('messages_pk', ['tenant', 'id'])
      .addUniqueConstraint('messages_case_seq_uq', ['tenant', 'case_id', 'seq'])
      .execute();
    await db.schema
      .createTable('status_changes')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('by_doc', 'text')
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('status_changes_pk', ['tenant', 'case_id', 'seq'])
      .execute();
    await db.schema
      .createTable('feedback')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('feedback_pk', ['tenant', 'case_id'])
      .execute();
    await db.schema
      .createTable('idempotency')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('response', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_pk', ['tenant', 'person_id', 'key'])
      .execute();
    await db.schema.createIndex('idempotency_created').on('idempotency').column('created_at').execute();
  },
  async down(db: AnyDb) {
    for (const t of ['idempotency', 'feedback', 'status_changes', 'messages', 'case_contacts', 'cases', 'people', 'accounts', 'sequences']) {
      await db.schema.dropTable(t).execute();
    }
  },
};

/** Every migration in order; names sort as they run. Events' and files' migrations join after core's. */
export const allMigrations: Record<string, Migration> = {
  '0001-core': core001,
  '0002-events': eventsMigration,
  '0003-files': files003,
  '0004-list-indexes': listIndexesMigration,
  '0005-status-counts': statusCountsMigration,
  '0006-participant-history': participantHistoryMigration,
  '0007-status-counts-clustered': statusCountsClusteredMigration,
};

class InCodeProvider implements MigrationProvider {
  async getMigrations() {
    return allMigrations;
  }
}

/** Brings the database to the newest schema; throws with the failing migration's error. */
export async function migrateToLatest(db: AnyDb): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: new InCodeProvider() }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String((error as Error).message ?? error)}`);
  }
}
