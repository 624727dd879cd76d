// A file kept in a draft (name, size, type, and once uploaded its attachment), and the check a
// draft read from storage passes. Apart from the upload queue: the first screen reads drafts.
import type { Attachment } from '@case-portal/core';

/** A picked or uploaded file as a draft keeps it. */
export interface SavedFile {
  name: string;
  size: number;
  type: string;
  attachment?: Attachment;
  /** An unfinished upload's key: the same file picked again after a reload goes under it. */
  key?: string;
  lastModified?: number;
}

export function isSavedFile(v: unknown): v is SavedFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as SavedFile;
  const a = f.attachment;
  return (
    typeof f.name === 'string' &&
    typeof f.size === 'number' &&
    typeof f.type === 'string' &&
    (f.key === undefined || typeof f.key === 'string') &&
    (f.lastModified === undefined || typeof f.lastModified === 'number') &&
    (a === undefined || (typeof a === 'object' && a !== null && typeof a.id === 'string' && typeof a.name === 'string'))
  );
}
