/**
 * Drafts: what the user typed survives a failed send and a reload.
 * Stored as JSON under one prefix, keyed per draft kind, viewer and case, in localStorage by default.
 * Every storage call is guarded: private mode, quota or a blocked storage must never break typing.
 *
 * They do not outlive the person (a shared computer): each is stored with the time it was saved
 * and its viewer (`$savedAt`, `$viewer` beside its own fields); one older than the lifetime (7 days
 * unless `setDraftLifetime` says otherwise) is dropped when next read, and the first draft read or
 * written for a viewer drops, in that storage, every draft of another viewer and every expired one.
 * A host clears them all on sign-out with `clearDrafts()`.
 */
import { isSavedFile, type SavedFile } from './attachments/saved-file.js';
import { clearDraft, draftKeys, draftLifetimeMs, DRAFT_PREFIX } from './draft-storage.js';

// The rest lives in draft-storage.ts: the single file's entry exports it (a host's sign-out) without this file.
export { clearDraft, clearDrafts, DRAFT_PREFIX, resolveDraftStorage, setDraftLifetime } from './draft-storage.js';

/**
 * "case-portal:draft:reply:<viewer>:<case>": every part URI-encoded, so ids with ":" stay
 * unambiguous. The viewer always comes second: a draft's owner is known from its key alone.
 */
export function draftKey(kind: string, viewerId: string, ...scope: string[]): string {
  return DRAFT_PREFIX + [kind, viewerId, ...scope].map(encodeURIComponent).join(':');
}

interface Stamp {
  $savedAt?: unknown;
  $viewer?: unknown;
}

function viewerOfKey(key: string): string | undefined {
  const part = key.slice(DRAFT_PREFIX.length).split(':')[1];
  try {
    return part === undefined ? undefined : decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Whether a stored draft must go: another viewer's, or saved longer ago than the lifetime. */
function stale(key: string, stored: unknown, viewer: string): boolean {
  const stamp = (typeof stored === 'object' && stored !== null ? stored : {}) as Stamp;
  const owner = typeof stamp.$viewer === 'string' ? stamp.$viewer : viewerOfKey(key);
  if (owner !== viewer) return true;
  return typeof stamp.$savedAt === 'number' && Date.now() - stamp.$savedAt > draftLifetimeMs();
}

/** The viewer each storage was last swept for: a sweep runs when the viewer changes, not on every keystroke. */
const swept = new WeakMap<Storage, string>();

function sweep(storage: Storage, key: string): void {
  const viewer = viewerOfKey(key);
  if (viewer === undefined || swept.get(storage) === viewer) return;
  swept.set(storage, viewer);
  for (const k of draftKeys(storage)) {
    let stored: unknown = null;
    try {
      stored = JSON.parse(storage.getItem(k) ?? 'null');
    } catch {
      /* not ours to read: judged by its key alone */
    }
    if (stale(k, stored, viewer)) clearDraft(storage, k);
  }
}

/** The stored draft, or null when there is none, it expired or it does not have the expected shape. */
export function loadDraft<T>(storage: Storage | null, key: string, isValid: (v: unknown) => v is T): T | null {
  if (!storage) return null;
  try {
    sweep(storage, key);
    const raw = storage.getItem(key);
    if (raw == null) return null;
    const stored: unknown = JSON.parse(raw);
    if (stale(key, stored, viewerOfKey(key) ?? '')) {
      clearDraft(storage, key);
      return null;
    }
    const value = unstamp(stored);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export function saveDraft(storage: Storage | null, key: string, value: unknown): void {
  if (!storage) return;
  try {
    sweep(storage, key);
    storage.setItem(key, JSON.stringify(stamp(value, viewerOfKey(key))));
  } catch {
    // Quota or blocked storage: the draft lives on in memory for this page.
  }
}

/** The draft with when it was saved and whose it is (a plain object; anything else is stored as is). */
function stamp(value: unknown, viewer: string | undefined): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return { ...value, $savedAt: Date.now(), ...(viewer !== undefined ? { $viewer: viewer } : {}) };
}

function unstamp(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return stored;
  const { $savedAt: _at, $viewer: _viewer, ...value } = stored as Stamp & Record<string, unknown>;
  return value;
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
