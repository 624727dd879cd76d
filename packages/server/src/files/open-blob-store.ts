import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import { DbBlobStore } from './db-blob-store.js';
import { FsBlobStore } from './fs-blob-store.js';
import type { BlobStore } from './types.js';

/** The store config `files` names: `fs:<folder>` (default `fs:./data/files`) or `db`. */
export function openBlobStore(setting: string, db: Kysely<Tables>, now: () => Date): BlobStore {
  if (setting === 'db') return new DbBlobStore(db, now);
  if (setting.startsWith('fs:') && setting.length > 'fs:'.length) return new FsBlobStore(setting.slice('fs:'.length));
  throw new Error(`files: expected "fs:<folder>" or "db", got "${setting}"`);
}
