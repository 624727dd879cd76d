import type { ReactiveControllerHost } from 'lit';
import type { MessageKey, Params } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { UploadQueue, type UploadDeps } from '../shared/attachments/upload-queue.js';
import { FileDropController } from '../shared/attachments/drop-zone.js';
import type { ReplyFormView } from './composer-view.js';

export interface ReplyFilesDeps {
  setup(): PortalSetup | undefined;
  uploadDeps(setup: PortalSetup): UploadDeps;
  /** Files can go with a reply now (the backend takes them and the reply form is showing). */
  enabled(): boolean;
  /** The list changed: the element saves it with the reply's draft. */
  changed(): void;
  /** Files were picked (after they were checked and their uploads started). */
  picked(): void;
  announce(text: string): void;
  t(key: MessageKey, params?: Params): string;
}

/**
 * The reply's files: the upload queue (saved with the draft on every change), drag and drop and
 * paste onto the composer, and picking, which says in the live region how many files were added
 * and how many refused (the picker's list shows why). Not a controller itself: the drop handler is.
 */
export class ReplyFiles {
  readonly queue: UploadQueue;
  readonly drop: FileDropController;

  constructor(
    host: ReactiveControllerHost,
    private readonly deps: ReplyFilesDeps,
  ) {
    this.queue = new UploadQueue(host, () => this.deps.changed());
    this.drop = new FileDropController(host, (files) => this.pick(files), () => this.deps.enabled());
  }

  pick(files: File[]): void {
    const setup = this.deps.setup();
    if (!setup || files.length === 0) return;
    const before = this.queue.items.length;
    this.queue.add(files, this.deps.uploadDeps(setup));
    const added = this.queue.items.slice(before);
    const refused = added.filter((f) => f.state === 'refused').length;
    const accepted = added.length - refused;
    const { t } = this.deps;
    this.deps.announce(
      [accepted ? t('attach.announce.added', { count: accepted }) : '', refused ? t('attach.announce.refused', { count: refused }) : '']
        .filter(Boolean)
        .join(' '),
    );
    this.deps.picked();
  }

  /** What the reply form's picker renders with; undefined when the schema takes no attachments. */
  view(setup: PortalSetup): ReplyFormView['files'] {
    if (!setup.schema.features.attachments) return undefined;
    return {
      queue: this.queue,
      limits: setup.schema.limits,
      onPick: (files) => this.pick(files),
      onRemove: (id) => this.queue.remove(id),
      onRetry: (id) => this.queue.retry(id, this.deps.uploadDeps(setup)),
    };
  }
}
