import type { ReactiveControllerHost } from 'lit';
import { RequestKey, type CaseRecord } from '@case-portal/core';
import { UploadQueue, type UploadDeps } from '../shared/attachments/upload-queue.js';

/**
 * Adding files to the case: the shared upload queue (limits checked before a byte is sent, each
 * file with its own progress, cancel and idempotency key), then "Attach" links what was uploaded
 * to the case in one call. That call carries one idempotency key per set of files until it
 * succeeds, so a retry never attaches twice; another set of files is another request, another key.
 */
export class FileAdder {
  readonly queue: UploadQueue;
  attaching = false;
  error = '';
  private readonly key = new RequestKey();

  constructor(private readonly host: ReactiveControllerHost) {
    this.queue = new UploadQueue(host);
  }

  get ready() {
    return this.queue.uploaded;
  }

  get uploading(): boolean {
    return this.queue.block === 'uploading';
  }

  add(files: Iterable<File>, deps: UploadDeps): void {
    this.error = '';
    this.queue.add(files, deps);
  }

  retry(id: number, deps: UploadDeps): void {
    this.queue.retry(id, deps);
  }

  remove(id: number): void {
    this.queue.remove(id);
  }

  /** Links every uploaded file to the case; resolves to the changed case, or undefined on failure. */
  async attach(caseId: string, deps: UploadDeps): Promise<CaseRecord | undefined> {
    const ids = this.queue.attachmentIds;
    if (ids.length === 0 || this.attaching) return undefined;
    this.attaching = true;
    this.error = '';
    this.host.requestUpdate();
    try {
      const updated = await deps.adapter.addFiles(caseId, { attachmentIds: ids }, { idempotencyKey: this.key.for({ caseId, ids }) });
      this.queue.clearSent(ids);
      this.key.reset();
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
    this.queue.reset();
    this.error = '';
    this.key.reset();
  }
}
