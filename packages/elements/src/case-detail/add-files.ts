import type { ReactiveControllerHost } from 'lit';
import {
  attachmentProblem,
  formatBytes,
  isAbortError,
  newIdempotencyKey,
  type Attachment,
  type CaseAdapter,
  type CaseRecord,
  type PortalSchema,
} from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';

export type PendingState = 'refused' | 'uploading' | 'uploaded' | 'failed';

export interface PendingFile {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  state: PendingState;
  loaded: number;
  /** Why it was refused or failed, in the customer's words. */
  message?: string;
  attachment?: Attachment;
  abort?: AbortController;
  file: File;
}

export interface AddFilesDeps {
  adapter: CaseAdapter;
  schema: PortalSchema;
  i18n: I18n;
  /** Shows nothing itself: returns the text for a failure and fires case-error. */
  report(e: unknown, operation: string): string;
}

/**
 * Adding files to the case: each picked file is checked against the schema's limits before a
 * byte is sent (a refused file says why and never reaches the adapter), uploads at once with its
 * own progress and cancel, and "Attach" links what was uploaded to the case in one call. That
 * call carries one idempotency key until it succeeds, so a retry never attaches twice.
 */
export class FileAdder {
  items: PendingFile[] = [];
  attaching = false;
  error = '';
  private nextId = 1;
  private key = newIdempotencyKey();

  constructor(private readonly host: ReactiveControllerHost) {}

  get ready(): PendingFile[] {
    return this.items.filter((p) => p.state === 'uploaded');
  }

  get uploading(): boolean {
    return this.items.some((p) => p.state === 'uploading');
  }

  add(files: Iterable<File>, deps: AddFilesDeps): void {
    const { limits } = deps.schema;
    const t = deps.i18n.t.bind(deps.i18n);
    this.error = '';
    for (const file of files) {
      const item: PendingFile = { id: this.nextId++, name: file.name, size: file.size, state: 'uploading', loaded: 0, file };
      const accepted = this.items.filter((p) => p.state !== 'refused' && p.state !== 'failed').length;
      const problem = attachmentProblem(file, limits);
      if (problem === 'too_large') {
        item.state = 'refused';
        item.message = t('detail.files.tooLarge', { max: formatBytes(limits.maxAttachmentBytes, deps.i18n.locale) });
      } else if (problem === 'unsupported_type') {
        item.state = 'refused';
        item.message = t('detail.files.badType');
      } else if (limits.maxAttachmentsPerMessage > 0 && accepted >= limits.maxAttachmentsPerMessage) {
        item.state = 'refused';
        item.message = t('detail.files.tooMany', { max: limits.maxAttachmentsPerMessage });
      }
      this.items = [...this.items, item];
      if (item.state === 'uploading') void this.upload(item, deps);
    }
    this.host.requestUpdate();
  }

  private async upload(item: PendingFile, deps: AddFilesDeps): Promise<void> {
    item.abort = new AbortController();
    item.state = 'uploading';
    item.loaded = 0;
    item.message = undefined;
    try {
      item.attachment = await deps.adapter.uploadAttachment(item.file, {
        signal: item.abort.signal,
        onProgress: (loaded) => {
          item.loaded = loaded;
          this.host.requestUpdate();
        },
      });
      item.state = 'uploaded';
      item.loaded = item.size;
    } catch (e) {
      if (isAbortError(e)) return; // canceled: already removed
      item.state = 'failed';
      item.message = deps.report(e, 'uploadAttachment');
    } finally {
      this.host.requestUpdate();
    }
  }

  retry(id: number, deps: AddFilesDeps): void {
    const item = this.items.find((p) => p.id === id);
    if (item?.state === 'failed') void this.upload(item, deps);
  }

  /** Stops an upload, or forgets a refused, failed or uploaded file. */
  remove(id: number): void {
    const item = this.items.find((p) => p.id === id);
    item?.abort?.abort();
    this.items = this.items.filter((p) => p.id !== id);
    this.host.requestUpdate();
  }

  /** Links every uploaded file to the case; resolves to the changed case, or undefined on failure. */
  async attach(caseId: string, deps: AddFilesDeps): Promise<CaseRecord | undefined> {
    const ready = this.ready;
    if (ready.length === 0 || this.attaching) return undefined;
    this.attaching = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const updated = await deps.adapter.addFiles(
        caseId,
        { attachmentIds: ready.map((p) => p.attachment!.id) },
        { idempotencyKey: this.key },
      );
      this.items = this.items.filter((p) => !ready.includes(p));
      this.key = newIdempotencyKey();
      return updated;
    } catch (e) {
      this.error = deps.report(e, 'addFiles');
      return undefined;
    } finally {
      this.attaching = false;
      this.host.requestUpdate();
    }
  }

  /** A different case: nothing picked for the last one may be attached to this one. */
  reset(): void {
    for (const p of this.items) p.abort?.abort();
    this.items = [];
    this.error = '';
    this.key = newIdempotencyKey();
  }
}
