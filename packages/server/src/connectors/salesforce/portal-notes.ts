import type { Kysely } from 'kysely';

/**
 * What Salesforce cannot say about what the portal wrote, kept in the connector's own table
 * (connector_records, vendor "salesforce-notes"; see connector-state.ts): every CaseComment,
 * FeedItem and ContentVersion the portal creates is created by the connector's API user, so
 * Salesforce records that user as its author. The note keeps which portal person wrote it (a
 * supervisor replying on a colleague's case is not the case's contact), and for a file, the
 * message it came with, and the id of the upload it was: the page that sent it keeps showing and
 * linking that id, so a file keeps the id it was uploaded under (a note under that id leads back
 * to the ContentVersion). Records without a note are the agents' (or the contact's own, from other
 * channels) and are read as Salesforce says.
 */
export interface PortalNote {
  /** Our person id of the author. */
  by: string;
  name: string;
  /** For a file: our id of the message it was attached to (null: the case's own file). */
  messageId?: string | null;
  /** For a file: the id of the upload it was (what the customer's page already shows and links). */
  fileId?: string;
}

/** Our upload's id → the ContentVersion it became (a note kept under the upload's id). */
export interface UploadNote {
  versionId: string;
}

const VENDOR = 'salesforce-notes';

export class PortalNotes {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(private readonly db: Kysely<any>) {}

  async put(tenant: string, sfId: string, note: PortalNote | UploadNote): Promise<void> {
    const stamp = JSON.stringify(note);
    await this.db
      .insertInto('connector_records')
      .values({ tenant, vendor: VENDOR, record_id: sfId, stamp, version: 0 })
      .onConflict((oc) => oc.columns(['tenant', 'vendor', 'record_id']).doUpdateSet({ stamp }))
      .execute();
  }

  async get<T extends PortalNote | UploadNote = PortalNote>(tenant: string, sfIds: string[]): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    for (let i = 0; i < sfIds.length; i += 500) {
      const rows: { record_id: string; stamp: string }[] = await this.db
        .selectFrom('connector_records')
        .select(['record_id', 'stamp'])
        .where('tenant', '=', tenant)
        .where('vendor', '=', VENDOR)
        .where('record_id', 'in', sfIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.record_id, JSON.parse(r.stamp) as T);
    }
    return out;
  }
}
