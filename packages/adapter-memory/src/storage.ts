/**
 * What the memory adapter keeps in Web Storage, and a Storage that lives only in memory
 * (tests, previews, or two adapters on one page sharing state without touching localStorage).
 */
import type { Attachment, CaseRecord, Message, ParticipantChange } from '@case-portal/core';

export const DEFAULT_STORAGE_KEY = 'case-portal:memory:v1';
/** Bump when the seed or the snapshot shape changes: old snapshots are then reseeded, not misread. */
export const SNAPSHOT_FORMAT = 1;

/** An uploaded file not yet attached to a case or message; only its uploader may attach it. */
export interface StoredUpload extends Attachment {
  ownerId: string;
}

/**
 * A participant entry of a case's history, with where it falls among the status changes: it was
 * written when the case had `afterStatus` status entries (entries of the same instant keep the
 * order they happened in). `person.email` is stored whole; reads redact it per viewer.
 */
export interface StoredParticipantChange {
  change: ParticipantChange;
  afterStatus: number;
}

export interface IdempotencyRecord {
  at: number;
  result: unknown;
}

/**
 * The persisted state. Seeded cases are not stored: they are regenerated from (seed, caseCount,
 * seededAt), so 100,000 demo cases never meet localStorage's ~5 MB quota. Only what changed is:
 * cases created or edited, messages posted, uploads, idempotency records, counters.
 */
export interface Snapshot {
  format: number;
  seed: number;
  caseCount: number;
  seededAt: number;
  /** Changes with every reseed: tells another tab that a reset happened, even within the same millisecond. */
  epoch: string;
  /** Cases created or changed since seeding, whole. */
  cases: CaseRecord[];
  /** Messages posted since seeding, per case, oldest first. */
  messages: Record<string, Message[]>;
  uploads: Record<string, StoredUpload>;
  /** Who copied whom since seeding, per case, oldest first. Absent in snapshots from before issue 13. */
  participantChanges?: Record<string, StoredParticipantChange[]>;
  idempotency: Record<string, IdempotencyRecord>;
  counters: { case: number; message: number; upload: number };
}

/** The stored snapshot; null when there is none, it is unreadable, or its text equals `unless` (nothing new). */
export function readSnapshot(storage: Storage | null, key: string, unless: string | null = null): { raw: string; snapshot: Snapshot } | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null;
  }
  if (!raw || raw === unless) return null;
  try {
    const snapshot = JSON.parse(raw) as Snapshot;
    if (snapshot?.format !== SNAPSHOT_FORMAT || !Array.isArray(snapshot.cases)) return null;
    return { raw, snapshot };
  } catch {
    // A corrupt snapshot (hand-edited, truncated) is replaced by a fresh seed rather than crashing the portal.
    return null;
  }
}

/** Writes the snapshot; returns the stored text, or null when storage refused it (quota, privacy mode). */
export function writeSnapshot(storage: Storage | null, key: string, snapshot: Snapshot): string | null {
  if (!storage) return null;
  const raw = JSON.stringify(snapshot);
  try {
    storage.setItem(key, raw);
    return raw;
  } catch (e) {
    console.warn('[case-portal] memory adapter: could not persist to storage; changes last until reload.', e);
    return null;
  }
}

/** localStorage when the page may use it (sandboxed iframes and some privacy modes throw). */
export function defaultStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

/** The Storage interface over a Map. */
export class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  [name: string]: unknown;

  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}
