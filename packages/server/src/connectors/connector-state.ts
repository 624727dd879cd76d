import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * What a connector keeps in the server's own database because the vendor does not keep it for us:
 * the poll loop's cursor (so a restart resumes instead of replaying or missing changes) and the
 * version number of each vendor record the portal has seen. The portal's optimistic concurrency
 * needs a number that grows with every change; vendors give a timestamp of one-second resolution
 * (Zendesk's `updated_at`), so a record's version grows by one each time its stamp differs from
 * the one stored, and by one for each write of ours. Uploads in flight and idempotency keys stay in
 * the server's usual tables. These tables have their own migration list (own bookkeeping table),
 * so connectors never touch the core schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const state001: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('connector_records')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('stamp', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_records_pk', ['tenant', 'vendor', 'record_id'])
      .execute();
    await db.schema
      .createTable('connector_cursors')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('cursor', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_cursors_pk', ['tenant', 'vendor'])
      .execute();
  },
};

class Provider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { 'c001-connector-state': state001 };
  }
}

export async function migrateConnectorState(db: AnyDb): Promise<void> {
  const { error } = await new Migrator({ db, provider: new Provider(), migrationTableName: 'connector_migration', migrationLockTableName: 'connector_migration_lock' }).migrateToLatest();
  if (error) throw new Error(`connector state migration failed: ${String((error as Error).message ?? error)}`);
}

export class ConnectorState {
  constructor(
    readonly db: AnyDb,
    private readonly vendor: string,
  ) {}

  /** The version of a record whose vendor stamp is `stamp`: the stored one if the stamp is unchanged, else one more. */
  async versionOf(tenant: string, recordId: string, stamp: string): Promise<number> {
    const row = await this.row(tenant, recordId);
    if (row && row.stamp === stamp) return Number(row.version);
    const version = row ? Number(row.version) + 1 : 1;
    await this.put(tenant, recordId, stamp, version);
    return version;
  }

  /** Versions of many records at once (a list page): one read, writes only for changed ones. */
  async versionsOf(tenant: string, records: { id: string; stamp: string }[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (!records.length) return out;
    const rows: { record_id: string; stamp: string; version: string | number }[] = [];
    for (let i = 0; i < records.length; i += 500) {
      const ids = records.slice(i, i + 500).map((r) => r.id);
      rows.push(...(await this.db.selectFrom('connector_records').select(['record_id', 'stamp', 'version']).where('tenant', '=', tenant).where('vendor', '=', this.vendor).where('record_id', 'in', ids).execute()));
    }
    const known = new Map(rows.map((r) => [r.record_id, r]));
    for (const r of records) {
      const row = known.get(r.id);
      if (row && row.stamp === r.stamp) out.set(r.id, Number(row.version));
      else {
        const version = row ? Number(row.version) + 1 : 1;
        await this.put(tenant, r.id, r.stamp, version);
        out.set(r.id, version);
      }
    }
    return out;
  }

  /** Our own write moved the record to `stamp` at `version` (also when the stamp did not move within the second). */
  async put(tenant: string, recordId: string, stamp: string, version: number): Promise<void> {
    await this.db
      .insertInto('connector_records')
      .values({ tenant, vendor: this.vendor, record_id: recordId, stamp, version })
      .onConflict((oc) => oc.columns(['tenant', 'vendor', 'record_id']).doUpdateSet({ stamp, version }))
      .execute();
  }

  async stampOf(tenant: string, recordId: string): Promise<string | null> {
    return (await this.row(tenant, recordId))?.stamp ?? null;
  }

  async cursor(tenant: string): Promise<string | null> {
    const row = await this.db.selectFrom('connector_cursors').select('cursor').where('tenant', '=', tenant).where('vendor', '=', this.vendor).executeTakeFirst();
    return row?.cursor ?? null;
  }

  async saveCursor(tenant: string, cursor: string): Promise<void> {
    await this.db
      .insertInto('connector_cursors')
      .values({ tenant, vendor: this.vendor, cursor })
      .onConflict((oc) => oc.columns(['tenant', 'vendor']).doUpdateSet({ cursor }))
      .execute();
  }

  private async row(tenant: string, recordId: string): Promise<{ stamp: string; version: string | number } | undefined> {
    return this.db.selectFrom('connector_records').select(['stamp', 'version']).where('tenant', '=', tenant).where('vendor', '=', this.vendor).where('record_id', '=', recordId).executeTakeFirst();
  }
}
