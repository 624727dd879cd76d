import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Attachment, CaseRecord, Message } from '@case-portal/core';
import type { AttachmentRow } from '../db/tables.js';
import { unsignedUrl } from '../files/signed-urls.js';
import type { BlobStore } from '../files/types.js';

const DATA_URL = /^data:[^;,]*(;base64)?,(.*)$/s;

/** The bytes of a `data:` URL (the memory adapter's seed keeps its tiny demo files that way). */
function bytesOf(url: string): Buffer | null {
  const m = DATA_URL.exec(url);
  if (!m) return null;
  return m[1] ? Buffer.from(m[2]!, 'base64') : Buffer.from(decodeURIComponent(m[2]!), 'utf8');
}

/**
 * The demo's files kept as the server keeps every file: bytes in the blob store, an attachments row
 * claimed by its case or message, and the stored unsigned URL that every answer signs for its viewer.
 * The memory adapter's seed describes them as `data:` URLs with made-up sizes; here each gets its real
 * size, so what the list says is what a download brings. Changes the attachments in place.
 */
export async function storeDemoFiles(
  blobs: BlobStore,
  tenant: string,
  cases: readonly CaseRecord[],
  threads: readonly (readonly Message[])[],
): Promise<AttachmentRow[]> {
  const rows: AttachmentRow[] = [];
  const keep = async (a: Attachment, owner: string, caseId: string, messageId: string | null, at: string) => {
    const bytes = bytesOf(a.url);
    if (!bytes) return;
    const stored = await blobs.put(Readable.from([bytes]), bytes.length);
    a.url = unsignedUrl(a.id);
    a.size = stored.size;
    rows.push({
      tenant,
      id: a.id,
      person_id: owner,
      name: a.name,
      type: a.type,
      size: stored.size,
      blob_key: stored.key,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      created_at: a.createdAt ?? at,
      case_id: caseId,
      message_id: messageId,
      claimed_at: a.createdAt ?? at,
    });
  };
  for (const [i, c] of cases.entries()) {
    for (const a of c.attachments) await keep(a, c.requester.id, c.id, null, c.createdAt);
    for (const m of threads[i] ?? []) for (const a of m.attachments) await keep(a, m.author.id, c.id, m.id, m.createdAt);
  }
  return rows;
}
