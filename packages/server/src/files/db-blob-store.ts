import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import { notFound } from '../http-error.js';
import { withinLimit } from './byte-limit.js';
import type { BlobStore } from './types.js';

/** Bytes per row: big enough that a 40 MB file is 160 inserts, small enough that memory stays flat. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Files in the database (config `files: db`), so every server process on one PostgreSQL reads what
 * any of them stored. A file is a `blobs` row plus its bytes in `blob_chunks` rows of CHUNK_BYTES,
 * written as they arrive and read back one chunk at a time: neither direction holds a whole file.
 * No transaction spans an upload (on SQLite it would hold the write lock for as long as the
 * customer's network takes), so `complete` marks a finished file and the sweep removes unfinished
 * ones a crash left behind.
 */
export class DbBlobStore implements BlobStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(source: Readable, maxBytes: number): Promise<{ key: string; size: number }> {
    const key = randomBytes(16).toString('hex');
    await this.db.insertInto('blobs').values({ key, size: 0, complete: 0, created_at: this.now().toISOString() }).execute();
    let size = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (bytes: Buffer) => {
      await this.db.insertInto('blob_chunks').values({ key, seq: seq++, data: bytes }).execute();
    };
    try {
      for await (const piece of withinLimit(source, maxBytes)) {
        size += piece.length;
        pending.push(piece);
        pendingBytes += piece.length;
        while (pendingBytes >= CHUNK_BYTES) {
          const all = Buffer.concat(pending);
          await flush(all.subarray(0, CHUNK_BYTES));
          const rest = all.subarray(CHUNK_BYTES);
          pending = rest.length ? [rest] : [];
          pendingBytes = rest.length;
        }
      }
      if (pendingBytes > 0) await flush(Buffer.concat(pending));
      await this.db.updateTable('blobs').set({ size, complete: 1 }).where('key', '=', key).execute();
    } catch (e) {
      await this.delete(key);
      throw e;
    }
    return { key, size };
  }

  async open(key: string): Promise<Readable> {
    const blob = await this.db.selectFrom('blobs').select(['complete', 'size']).where('key', '=', key).executeTakeFirst();
    if (!blob || Number(blob.complete) !== 1) throw notFound();
    // Every chunk but the last is full, so the size says how many there are: the stream ends with
    // the last one instead of asking for one more (the response is finished as soon as the client
    // has every byte, which a server closing right then relies on).
    const count = Math.ceil(Number(blob.size) / CHUNK_BYTES);
    const db = this.db;
    async function* chunks() {
      for (let seq = 0; seq < count; seq++) {
        const row = await db.selectFrom('blob_chunks').select('data').where('key', '=', key).where('seq', '=', seq).executeTakeFirst();
        if (!row) throw new Error(`blob ${key} lost chunk ${seq}`);
        yield Buffer.from(row.data);
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('blob_chunks').where('key', '=', key).execute();
    await this.db.deleteFrom('blobs').where('key', '=', key).execute();
  }

  async removeIncomplete(before: Date): Promise<number> {
    const rows = await this.db.selectFrom('blobs').select('key').where('complete', '=', 0).where('created_at', '<', before.toISOString()).execute();
    for (const { key } of rows) await this.delete(key);
    return rows.length;
  }
}
