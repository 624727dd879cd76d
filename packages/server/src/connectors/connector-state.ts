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

/**
 * Files the portal sent to a vendor: our upload's id (what the customer's client was given, and
 * keeps using) for the vendor's own id of the file, and the vendor record (ticket) that holds it.
 * `case_file` marks a file attached to the case itself rather than to a message.
 */
const files002: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('connector_files')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('file_id', 'text', (c) => c.notNull())
      .addColumn('vendor_file_id', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('case_file', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_files_pk', ['tenant', 'vendor', 'file_id'])
      .execute();
    await db.schema.createIndex('connector_files_vendor_ix').on('connector_files').columns(['tenant', 'vendor', 'vendor_file_id']).execute();
  },
};

/**
 * Who in the portal made a vendor change: the vendor records our API user as the author of every
 * write we make, so the connector remembers the portal person behind each (by the vendor's id of
 * the change, e.g. a Zendesk audit), for the history's "who".
 */
const actors003: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('connector_actors')
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('vendor', 'text', (c) => c.notNull())
      .addColumn('change_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('connector_actors_pk', ['tenant', 'vendor', 'change_id'])
      .execute();
  },
};

class Provider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { 'c001-connector-state': state001, 'c002-connector-files': files002, 'c003-connector-actors': actors003 };
  }
}

/** A file of ours that lives at the vendor now. */
export interface LinkedFile {
  fileId: string;
  vendorFileId: string;
  recordId: string;
  caseFile: boolean;
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

  /** Remembers that our file `fileId` is now the vendor's `vendorFileId` on record `recordId`. */
  async linkFiles(tenant: string, links: LinkedFile[]): Promise<void> {
    if (!links.length) return;
    await this.db
      .insertInto('connector_files')
      .values(links.map((l) => ({ tenant, vendor: this.vendor, file_id: l.fileId, vendor_file_id: l.vendorFileId, record_id: l.recordId, case_file: l.caseFile ? 1 : 0 })))
      .execute();
  }

  /** Our files among these vendor file ids, by vendor file id. */
  async filesByVendorId(tenant: string, vendorFileIds: string[]): Promise<Map<string, LinkedFile>> {
    const out = new Map<string, LinkedFile>();
    for (let i = 0; i < vendorFileIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('connector_files')
        .select(['file_id', 'vendor_file_id', 'record_id', 'case_file'])
        .where('tenant', '=', tenant)
        .where('vendor', '=', this.vendor)
        .where('vendor_file_id', 'in', vendorFileIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.vendor_file_id, { fileId: r.file_id, vendorFileId: r.vendor_file_id, recordId: r.record_id, caseFile: Number(r.case_file) === 1 });
    }
    return out;
  }

  async fileById(tenant: string, fileId: string): Promise<LinkedFile | null> {
    const r = await this.db.selectFrom('connector_files').select(['file_id', 'vendor_file_id', 'record_id', 'case_file']).where('tenant', '=', tenant).where('vendor', '=', this.vendor).where('file_id', '=', fileId).executeTakeFirst();
    return r ? { fileId: r.file_id, vendorFileId: r.vendor_file_id, recordId: r.record_id, caseFile: Number(r.case_file) === 1 } : null;
  }

  /** The portal person who made the vendor change `changeId` (one of our writes). */
  async rememberActor(tenant: string, changeId: string, personId: string): Promise<void> {
    await this.db.insertInto('connector_actors').values({ tenant, vendor: this.vendor, change_id: changeId, person_id: personId }).onConflict((oc) => oc.doNothing()).execute();
  }

  /** The portal people behind these vendor changes, by change id (changes not made through the portal are absent). */
  async actorsOf(tenant: string, changeIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < changeIds.length; i += 500) {
      const rows = await this.db.selectFrom('connector_actors').select(['change_id', 'person_id']).where('tenant', '=', tenant).where('vendor', '=', this.vendor).where('change_id', 'in', changeIds.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.change_id, r.person_id);
    }
    return out;
  }

  private async row(tenant: string, recordId: string): Promise<{ stamp: string; version: string | number } | undefined> {
    return this.db.selectFrom('connector_records').select(['stamp', 'version']).where('tenant', '=', tenant).where('vendor', '=', this.vendor).where('record_id', '=', recordId).executeTakeFirst();
  }
}
