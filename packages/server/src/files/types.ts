import type { Readable } from 'node:stream';

/** Where file bytes live. Never knows names or types: metadata is in the `attachments` table. */
export interface BlobStore {
  /**
   * Streams `source` into storage under a new random key. Rejects with HttpError 413 as soon as more
   * than `maxBytes` have arrived, and leaves nothing stored.
   */
  put(source: Readable, maxBytes: number): Promise<{ key: string; size: number }>;
  /** The bytes of `key`; rejects with HttpError 404 when there are none. */
  open(key: string): Promise<Readable>;
  /** Removes the bytes of `key`; nothing to remove is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Removes what a `put` interrupted by a crash left behind (a failing `put` cleans up itself),
   * started before `before`. Run by the orphan sweep.
   */
  removeIncomplete(before: Date): Promise<number>;
}

/** One uploaded file after the server's checks: the name is safe to store and show; the type is the allow-list's. */
export interface ReceivedFile {
  key: string;
  name: string;
  type: string;
  size: number;
}
