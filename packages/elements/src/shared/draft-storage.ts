/**
 * Where drafts are kept and how a host removes them all: the small part of drafts.ts that the single
 * file's entry needs (`clearDrafts` for a sign-out, `setDraftLifetime`), without the rest.
 */
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

const DAY_MS = 86_400_000;
let lifetimeMs = 7 * DAY_MS;

/** How many days a draft is kept after it was last saved (default 7); for every element on the page. */
export function setDraftLifetime(days: number): void {
  if (!(days > 0) || !Number.isFinite(days)) throw new RangeError(`A draft lifetime is a positive number of days, not ${days}.`);
  lifetimeMs = days * DAY_MS;
}

export function draftLifetimeMs(): number {
  return lifetimeMs;
}

/** Every draft's key in the storage (none when it can't be read). */
export function draftKeys(storage: Storage | null): string[] {
  if (!storage) return [];
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
    }
    return keys;
  } catch {
    return [];
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
 * Removes every draft from the storage (default: localStorage), for a host's sign-out: nothing
 * the customer typed stays behind on a shared computer. Other keys of the site are left alone.
 * (A viewer signing in next sweeps again in drafts.ts: the sweep follows the viewer, not this.)
 */
export function clearDrafts(storage: Storage | null = resolveDraftStorage(undefined)): void {
  for (const key of draftKeys(storage)) clearDraft(storage, key);
}
