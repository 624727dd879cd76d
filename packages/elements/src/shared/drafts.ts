/**
 * Drafts: what the user typed survives a failed send and a reload.
 * Stored as JSON under one prefix, keyed per draft kind, viewer and case, in localStorage by default.
 * Every storage call is guarded: private mode, quota or a blocked storage must never break typing.
 */
import { isSavedFile, type SavedFile } from './attachments/upload-queue.js';

export const DRAFT_PREFIX = 'case-portal:draft:';

/** The storage an element uses: the one it was given (null = keep no drafts), else localStorage. */
export function resolveDraftStorage(explicit: Storage | null | undefined): Storage | null {
  if (explicit !== undefined) return explicit;
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** "case-portal:draft:reply:<viewer>:<case>": every part URI-encoded, so ids with ":" stay unambiguous. */
export function draftKey(kind: string, ...scope: string[]): string {
  return DRAFT_PREFIX + [kind, ...scope].map(encodeURIComponent).join(':');
}

/** The stored draft, or null when there is none or it does not have the expected shape. */
export function loadDraft<T>(storage: Storage | null, key: string, isValid: (v: unknown) => v is T): T | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(key);
    if (raw == null) return null;
    const value: unknown = JSON.parse(raw);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Storage | null, key: string, value: unknown): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or blocked storage: the draft lives on in memory for this page.
  }
}

export function clearDraft(storage: Storage | null, key: string): void {
  if (!storage) return;
  try {
    storage.removeItem(key);
  } catch {
    /* ignore */
  }
}

/**
 * A message being written: its text, the files picked for it (metadata, and the upload once it
 * finished), the idempotency key every attempt to send it carries and, once it was sent, the
 * fingerprint of what was sent (`sentAs`): the same text and files after a reload go under the
 * same key, an edit under a new one (core's keyForRequest).
 */
export interface MessageDraft {
  body: string;
  key: string;
  sentAs?: string;
  files?: SavedFile[];
}

export function isMessageDraft(v: unknown): v is MessageDraft {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as MessageDraft;
  return (
    typeof d.body === 'string' &&
    typeof d.key === 'string' &&
    d.key.length > 0 &&
    (d.sentAs === undefined || typeof d.sentAs === 'string') &&
    (d.files === undefined || (Array.isArray(d.files) && d.files.every(isSavedFile)))
  );
}
