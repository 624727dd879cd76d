import type { ReactiveControllerHost } from 'lit';
import {
  attachmentProblem,
  formatBytes,
  isAbortError,
  newIdempotencyKey,
  type Attachment,
  type CaseAdapter,
  type Limits,
} from '@case-portal/core';
import type { I18n } from '../../i18n/i18n.js';
import { retryAtOf } from '../failure.js';

/**
 * - `refused`: broke the schema's limits; never sent a byte.
 * - `uploading` / `uploaded` / `failed`: the transfer.
 * - `missing`: known from a saved draft, but the page was reloaded before it was sent, and a
 *   browser can't give a picked file back: the customer is asked to pick it again.
 */
export type QueuedState = 'refused' | 'uploading' | 'uploaded' | 'failed' | 'missing';

export interface QueuedFile {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly type: string;
  state: QueuedState;
  /** Bytes sent so far. */
  loaded: number;
  /** Why it was refused, failed or is missing, in the customer's words. */
  message?: string;
  /** Its retry waits until then (epoch ms): the backend asked to (a 429's Retry-After). */
  retryAt?: number | undefined;
  attachment?: Attachment;
  file?: File;
  abort?: AbortController;
  /**
   * The idempotency key of this file's upload, the same for every attempt: a retry after a lost
   * answer gets the first upload back instead of leaving an orphan file on the backend.
   */
  key: string;
  /** The picked file's modification time: with name and size, how a file picked again is recognised. */
  lastModified?: number;
}

/** What a draft keeps of a picked file: its metadata, and the upload when there is one. */
// Its own module: drafts.ts (in the first screen) needs the check, not the upload queue.
export { isSavedFile, type SavedFile } from './saved-file.js';
import type { SavedFile } from './saved-file.js';

export interface UploadDeps {
  adapter: CaseAdapter;
  limits: Limits;
  i18n: I18n;
  /** Returns the text for a failure (and fires case-error); shows nothing itself. */
  report(e: unknown, operation: string): string;
  /**
   * Aborts when the element's adapter changes: uploads in flight on the old backend stop, and
   * what it stored can't be sent with the new one's messages (see UploadQueue.backendChanged).
   */
  signal?: AbortSignal;
}

/** Why a send must wait: files still uploading, or files that failed or must be picked again. */
export type QueueBlock = 'uploading' | 'unsent' | null;

/**
 * The files a customer picked for one message, case or request. Each file is checked against
 * the schema's limits before a byte is read or sent (a refused file says why and never reaches
 * the adapter), then uploads at once with its own progress and cancel. What the queue holds is
 * saved with the draft (metadata + finished uploads), so a reload loses no file silently.
 *
 * The queue knows nothing about what the uploads are for: the owner sends `attachmentIds` with
 * its message or case and calls `clearSent()` once that worked.
 */
export class UploadQueue {
  items: QueuedFile[] = [];
  private nextId = 1;

  /** `onChange` runs after every change of the list or an item's state (not on progress ticks). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: () => void = () => {},
  ) {}

  get attachmentIds(): string[] {
    return this.items.filter((f) => f.state === 'uploaded' && f.attachment).map((f) => f.attachment!.id);
  }

  get uploaded(): QueuedFile[] {
    return this.items.filter((f) => f.state === 'uploaded');
  }

  /** What stops the owner from sending now, if anything. Refused files are left out, not blocking. */
  get block(): QueueBlock {
    if (this.items.some((f) => f.state === 'uploading')) return 'uploading';
    if (this.items.some((f) => f.state === 'failed' || f.state === 'missing')) return 'unsent';
    return null;
  }

  /** Files that count against the per-message limit. */
  private get accepted(): number {
    return this.items.filter((f) => f.state !== 'refused').length;
  }

  add(files: Iterable<File>, deps: UploadDeps): void {
    const { limits, i18n } = deps;
    this.follow(deps);
    for (const file of files) {
      // A file picked again after a reload takes the place of its "missing" entry, and when it is
      // the very file (same modification time too) its upload key: a lost upload is not made twice.
      const missing = this.items.find((f) => f.state === 'missing' && f.name === file.name && f.size === file.size);
      if (missing) this.items = this.items.filter((f) => f !== missing);
      const sameFile = missing?.lastModified !== undefined && missing.lastModified === file.lastModified;
      const item: QueuedFile = {
        id: this.nextId++,
        name: file.name,
        size: file.size,
        type: file.type,
        state: 'uploading',
        loaded: 0,
        file,
        key: sameFile ? missing.key : newIdempotencyKey(),
        lastModified: file.lastModified,
      };
      const problem = attachmentProblem(file, limits);
      if (problem === 'too_large') {
        item.state = 'refused';
        item.message = i18n.t('attach.tooLarge', { max: formatBytes(limits.maxAttachmentBytes, i18n.locale) });
      } else if (problem === 'unsupported_type') {
        item.state = 'refused';
        item.message = i18n.t('attach.badType');
      } else if (limits.maxAttachmentsPerMessage > 0 && this.accepted >= limits.maxAttachmentsPerMessage) {
        item.state = 'refused';
        item.message = i18n.t('attach.tooMany', { max: limits.maxAttachmentsPerMessage });
      }
      if (item.state === 'refused') delete item.file; // nothing will ever read it
      this.items = [...this.items, item];
      if (item.state === 'uploading') void this.upload(item, deps);
    }
    this.changed();
  }

  private async upload(item: QueuedFile, deps: UploadDeps): Promise<void> {
    if (!item.file) return;
    const abort = new AbortController();
    item.abort = abort;
    item.state = 'uploading';
    item.loaded = 0;
    item.message = undefined;
    item.retryAt = undefined;
    try {
      const attachment = await deps.adapter.uploadAttachment(item.file, {
        signal: abort.signal,
        idempotencyKey: item.key,
        onProgress: (loaded) => {
          item.loaded = loaded;
          this.host.requestUpdate();
        },
      });
      if (abort.signal.aborted) return;
      item.attachment = attachment;
      item.state = 'uploaded';
      item.loaded = item.size;
    } catch (e) {
      if (isAbortError(e) || abort.signal.aborted) return; // canceled: already removed
      item.state = 'failed';
      item.message = deps.report(e, 'uploadAttachment');
      item.retryAt = retryAtOf(e);
    } finally {
      if (item.abort === abort) item.abort = undefined;
    }
    this.changed();
  }

  retry(id: number, deps: UploadDeps): void {
    const item = this.items.find((f) => f.id === id);
    if (item?.state !== 'failed') return;
    this.follow(deps);
    void this.upload(item, deps);
    this.host.requestUpdate();
  }

  /** Stops an upload, or forgets a file in any state. */
  remove(id: number): void {
    const item = this.items.find((f) => f.id === id);
    if (!item) return;
    item.abort?.abort();
    this.items = this.items.filter((f) => f !== item);
    this.changed();
  }

  /** After the owner sent them: the uploaded files are gone from the queue, and so are refusals. */
  clearSent(ids: readonly string[]): void {
    const sent = new Set(ids);
    this.items = this.items.filter((f) => f.state !== 'refused' && !(f.attachment && sent.has(f.attachment.id)));
    this.changed();
  }

  /** Everything gone; uploads in flight are canceled. */
  reset(): void {
    for (const f of this.items) f.abort?.abort();
    this.items = [];
    this.host.requestUpdate();
  }

  /** What a draft keeps: finished uploads whole, anything unfinished as metadata. */
  saved(): SavedFile[] {
    return this.items
      .filter((f) => f.state !== 'refused')
      .map((f) => {
        const saved: SavedFile = { name: f.name, size: f.size, type: f.type };
        if (f.state === 'uploaded' && f.attachment) saved.attachment = f.attachment;
        else {
          saved.key = f.key;
          if (f.lastModified !== undefined) saved.lastModified = f.lastModified;
        }
        return saved;
      });
  }

  /** Replaces the queue with a draft's files: uploads come back ready, the rest as "pick again". */
  restore(saved: readonly SavedFile[], i18n: I18n): void {
    this.reset();
    this.items = saved.map((s) => {
      const base = {
        id: this.nextId++,
        name: s.name,
        size: s.size,
        type: s.type,
        key: s.key ?? newIdempotencyKey(),
        ...(s.lastModified !== undefined ? { lastModified: s.lastModified } : {}),
      };
      return s.attachment
        ? { ...base, state: 'uploaded' as const, loaded: s.size, attachment: s.attachment }
        : { ...base, state: 'missing' as const, loaded: 0, message: i18n.t('attach.missing') };
    });
    this.host.requestUpdate();
  }

  /** The backend generation whose end sends this queue's files back to be sent again. */
  private followed?: AbortSignal;

  private follow({ signal, i18n }: UploadDeps): void {
    if (!signal || signal === this.followed) return;
    this.followed = signal;
    signal.addEventListener('abort', () => this.backendChanged(i18n), { once: true });
  }

  /**
   * The adapter changed: uploads in flight stop, and files the old backend holds (their ids mean
   * nothing to the new one) go back to be sent again: with Retry when the file is still here, as
   * "pick again" when only its name is (restored from a draft).
   */
  private backendChanged(i18n: I18n): void {
    let changed = false;
    for (const f of this.items) {
      if (f.state !== 'uploading' && f.state !== 'uploaded') continue;
      const abort = f.abort;
      f.abort = undefined;
      delete f.attachment;
      f.loaded = 0;
      f.retryAt = undefined;
      f.key = newIdempotencyKey();
      f.state = f.file ? 'failed' : 'missing';
      f.message = i18n.t(f.file ? 'attach.backendChanged' : 'attach.missing');
      abort?.abort();
      changed = true;
    }
    if (changed) this.changed();
  }

  private changed(): void {
    this.host.requestUpdate();
    this.onChange();
  }
}

/** The files of a drag and drop, or of a paste: only real files (not dragged text or links). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files];
}

/** True while a drag carries files (its items are unreadable until the drop, but their kind is known). */
export function dragHasFiles(e: DragEvent): boolean {
  return !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
}
