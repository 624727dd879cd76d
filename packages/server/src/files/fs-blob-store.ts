import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../http-error.js';
import { withinLimit } from './byte-limit.js';
import type { BlobStore } from './types.js';

/** Keys are ours (32 hex digits): a key that is not one never reaches the file system. */
const KEY = /^[0-9a-f]{32}$/;
const PART = '.part';

/**
 * Files in one folder (config `files: fs:<folder>`), created on first use. A file's name on disk is
 * its random key, never the uploaded name. Bytes are written to `<key>.part` and renamed when
 * complete, so a crash mid-upload leaves only a `.part` file, which the sweep removes.
 * Several server processes can share it only if they share the folder (a network file system).
 */
export class FsBlobStore implements BlobStore {
  private readonly folder: string;
  private ready: Promise<unknown> | null = null;

  constructor(folder: string) {
    this.folder = resolve(folder);
  }

  async put(source: Readable, maxBytes: number): Promise<{ key: string; size: number }> {
    this.ready ??= mkdir(this.folder, { recursive: true, mode: 0o700 });
    await this.ready;
    const key = randomBytes(16).toString('hex');
    const part = join(this.folder, key + PART);
    let size = 0;
    try {
      await pipeline(
        withinLimit(source, maxBytes),
        async function* (pieces: AsyncIterable<Buffer>) {
          for await (const piece of pieces) {
            size += piece.length;
            yield piece;
          }
        },
        // flush: the bytes are on disk before the upload is acknowledged (like SQLite's synchronous=FULL).
        createWriteStream(part, { flags: 'wx', mode: 0o600, flush: true }),
      );
      await rename(part, this.path(key));
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
    return { key, size };
  }

  async open(key: string): Promise<Readable> {
    if (!KEY.test(key)) throw notFound();
    const path = this.path(key);
    let size: number;
    try {
      ({ size } = await stat(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
      throw e;
    }
    // With its end known, the stream ends with its last bytes instead of one empty read later: the
    // response is finished (and its keep-alive connection idle) as soon as the client has it all,
    // which a server closing right then relies on.
    return size === 0 ? Readable.from([]) : createReadStream(path, { start: 0, end: size - 1 });
  }

  async delete(key: string): Promise<void> {
    if (KEY.test(key)) await rm(this.path(key), { force: true });
  }

  async removeIncomplete(before: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw e;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.endsWith(PART) || !KEY.test(name.slice(0, -PART.length))) continue;
      const file = join(this.folder, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtime < before) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private path(key: string): string {
    return join(this.folder, key);
  }
}
