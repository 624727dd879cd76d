import { randomUUID } from 'node:crypto';
import type { Attachment } from '@case-portal/core';
import type { Kysely } from 'kysely';
import type { AttachmentClaims, PendingUpload, UploadsInFlight } from '../backend/types.js';
import type { AttachmentRow, Tables } from '../db/tables.js';
import type { Principal } from '../principal.js';
import { unsignedUrl } from './signed-urls.js';
import type { BlobStore, ReceivedFile } from './types.js';

/** Uploads no case or message claimed within this long are deleted, row and bytes. */
export const ORPHAN_AFTER_MS = 24 * 3_600_000;
/** The sweep deletes this many uploads per statement, so a backlog never becomes one huge delete. */
const SWEEP_BATCH = 500;

export function toAttachment(row: Pick<AttachmentRow, 'id' | 'name' | 'size' | 'type' | 'created_at'>): Attachment {
  return { id: row.id, name: row.name, size: Number(row.size), type: row.type, url: unsignedUrl(row.id), createdAt: row.created_at };
}

/**
 * The `attachments` table: uploads, who may claim them, what claimed them, and the orphan sweep.
 * It is the `AttachmentClaims` the SQL store calls inside a write's transaction, so a case or
 * message and the claim of its files commit together or not at all.
 */
export class AttachmentStore implements AttachmentClaims, UploadsInFlight {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly blobs: BlobStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records a stored upload as its uploader's, unclaimed. */
  async add(owner: Principal, file: ReceivedFile, sha256: string): Promise<Attachment> {
    const row: AttachmentRow = {
      tenant: owner.tenant,
      id: `f_${randomUUID().replace(/-/g, '')}`,
      person_id: owner.personId,
      name: file.name,
      type: file.type,
      size: file.size,
      blob_key: file.key,
      sha256,
      created_at: this.now().toISOString(),
      case_id: null,
      message_id: null,
      claimed_at: null,
    };
    await this.db.insertInto('attachments').values(row).execute();
    return toAttachment(row);
  }

  find(tenant: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db.selectFrom('attachments').selectAll().where('tenant', '=', tenant).where('id', '=', id).executeTakeFirst();
  }

  /**
   * Claims the principal's own unclaimed uploads for a case (and message), all or none. Someone
   * else's upload reads as unknown, like one that does not exist. The update re-checks "unclaimed",
   * so of two writes racing for one upload exactly one succeeds (PostgreSQL re-evaluates the
   * condition after the first commits; SQLite runs the two one after the other).
   */
  async claim(trx: Kysely<Tables>, principal: Principal, ids: string[], target: { caseId: string; messageId: string | null }): Promise<Attachment[] | { error: string }> {
    const rows = await trx.selectFrom('attachments').selectAll().where('tenant', '=', principal.tenant).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || row.person_id !== principal.personId) return { error: `Unknown attachment ${id}.` };
      if (row.case_id !== null) return { error: `Attachment ${id} is already attached.` };
    }
    const updated = await trx
      .updateTable('attachments')
      .set({ case_id: target.caseId, message_id: target.messageId, claimed_at: this.now().toISOString() })
      .where('tenant', '=', principal.tenant)
      .where('person_id', '=', principal.personId)
      .where('id', 'in', ids)
      .where('case_id', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== ids.length) return { error: 'An attachment is already attached.' };
    return ids.map((id) => toAttachment(byId.get(id)!));
  }

  /** The principal's own unclaimed uploads, for a connector that carries them to its vendor (UploadsInFlight). */
  async pending(principal: Principal, ids: string[]): Promise<PendingUpload[] | { error: string }> {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('attachments').selectAll().where('tenant', '=', principal.tenant).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: PendingUpload[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || row.person_id !== principal.personId) return { error: `Unknown attachment ${id}.` };
      if (row.case_id !== null) return { error: `Attachment ${id} is already attached.` };
      out.push({ id, name: row.name, type: row.type, size: Number(row.size), open: () => this.blobs.open(row.blob_key) });
    }
    return out;
  }

  /** Removes the principal's uploads (row, then bytes) once a vendor keeps the files. */
  async remove(principal: Principal, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const gone = await this.db.deleteFrom('attachments').where('tenant', '=', principal.tenant).where('person_id', '=', principal.personId).where('id', 'in', ids).returning('blob_key').execute();
    for (const { blob_key } of gone) await this.blobs.delete(blob_key);
  }

  /**
   * Deletes uploads nothing claimed within ORPHAN_AFTER_MS (row first, so a claim racing the sweep
   * either wins or finds the upload gone; then the bytes), and what interrupted uploads left behind.
   */
  async sweep(): Promise<{ uploads: number; leftovers: number }> {
    const before = new Date(this.now().getTime() - ORPHAN_AFTER_MS);
    let uploads = 0;
    for (;;) {
      const batch = await this.db
        .selectFrom('attachments')
        .select(['tenant', 'id'])
        .where('case_id', 'is', null)
        .where('created_at', '<', before.toISOString())
        .limit(SWEEP_BATCH)
        .execute();
      if (!batch.length) break;
      for (const { tenant, id } of batch) {
        const gone = await this.db
          .deleteFrom('attachments')
          .where('tenant', '=', tenant)
          .where('id', '=', id)
          .where('case_id', 'is', null)
          .returning('blob_key')
          .executeTakeFirst();
        if (!gone) continue;
        await this.blobs.delete(gone.blob_key);
        uploads++;
      }
      if (batch.length < SWEEP_BATCH) break;
    }
    return { uploads, leftovers: await this.blobs.removeIncomplete(before) };
  }
}
