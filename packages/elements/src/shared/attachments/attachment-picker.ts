import { html, nothing, type TemplateResult } from 'lit';
import { formatBytes, formatList, type Limits } from '@case-portal/core';
import type { I18n } from '../../i18n/i18n.js';
import { heldUntil } from '../held-until.js';
import type { QueuedFile, UploadQueue } from './upload-queue.js';

export interface PickerOptions {
  i18n: I18n;
  limits: Limits;
  /** Id of the hidden file input (unique in the shadow root). */
  inputId: string;
  /** The button's text; default "Attach files". */
  pickLabel?: string;
  onPick(files: File[]): void;
  onRemove(id: number): void;
  onRetry(id: number): void;
  /** Nothing can be added or removed (e.g. while the message is being sent). */
  disabled?: boolean;
  /** Say that files can be dropped and pasted (when the owner binds a FileDropController). */
  droppable?: boolean;
}

/**
 * Allowed types as a customer reads them: file extensions ("PDF, PNG") when the schema lists
 * any, else MIME subtypes ("image/*" → "image"); never a wall of MIME types.
 */
export function typeNames(allowed: readonly string[]): string[] {
  const extensions = allowed.filter((a) => a.startsWith('.')).map((a) => a.slice(1).toUpperCase());
  const names = extensions.length
    ? extensions
    : allowed.map((a) => (a.endsWith('/*') ? a.slice(0, -2) : (a.split('/')[1] ?? a)).toUpperCase());
  return [...new Set(names)];
}

/** The limits in one sentence, so a customer knows before picking what will be refused. */
export function limitsText(limits: Limits, i18n: I18n): string {
  const parts: string[] = [];
  if (limits.maxAttachmentBytes > 0) parts.push(i18n.t('attach.limits', { max: formatBytes(limits.maxAttachmentBytes, i18n.locale) }));
  if (limits.maxAttachmentsPerMessage > 0) parts.push(i18n.t('attach.limitCount', { count: limits.maxAttachmentsPerMessage }));
  const types = typeNames(limits.allowedTypes);
  if (types.length > 0) parts.push(i18n.t('attach.types', { types: formatList(types, i18n.locale, 'unit') }));
  return parts.join(' ');
}

/**
 * The picker: a button that opens the file dialog, the limits, and every picked file with its own
 * progress, cancel, retry and, when refused, the reason. Used by the composer, the create form
 * and the case's "Add files", so attaching works and reads the same everywhere.
 */
/** What the picker reads of an upload queue. */
export type PickerQueue = Pick<UploadQueue, 'items'>;

export function renderAttachmentPicker(queue: PickerQueue, o: PickerOptions): TemplateResult {
  const t = o.i18n.t.bind(o.i18n);
  const hintId = `${o.inputId}-hint`;
  const limits = limitsText(o.limits, o.i18n);
  return html`<div class="picker" part="attachment-picker">
    <input
      id=${o.inputId}
      hidden
      type="file"
      multiple
      aria-label=${o.pickLabel ?? t('attach.pick')}
      accept=${o.limits.allowedTypes.join(',') || nothing}
      ?disabled=${o.disabled}
      @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        const files = [...(input.files ?? [])];
        input.value = ''; // picking the same file again must fire change again
        if (files.length) o.onPick(files);
      }}
    />
    <div class="picker-bar">
      <button
        type="button"
        part="pick-files-button"
        aria-describedby=${hintId}
        ?disabled=${o.disabled}
        @click=${(e: Event) => (e.currentTarget as HTMLElement).closest('.picker')?.querySelector('input')?.click()}
      >
        ${o.pickLabel ?? t('attach.pick')}
      </button>
      <span id=${hintId} part="attachment-hint" class="hint">${limits} ${o.droppable ? t('attach.dropHint') : nothing}</span>
    </div>
    ${queue.items.length
      ? html`<ul class="pending" part="pending-files" aria-label=${t('attach.list')}>
          ${queue.items.map((f) => renderItem(f, o))}
        </ul>`
      : nothing}
  </div>`;
}

function renderItem(f: QueuedFile, o: PickerOptions): TemplateResult {
  const t = o.i18n.t.bind(o.i18n);
  const size = formatBytes(f.size, o.i18n.locale);
  return html`<li part="pending-file" data-state=${f.state}>
    <span class="file-name" dir="auto">${f.name}</span>
    <span class="hint file-size">${size}</span>
    ${f.state === 'uploading'
      ? html`<progress part="upload-progress" max=${f.size || 1} .value=${f.loaded} aria-label=${t('attach.uploading', { name: f.name })}></progress>`
      : nothing}
    ${f.state === 'uploaded' ? html`<span class="ok">${t('attach.uploaded')}</span>` : nothing}
    ${f.message ? html`<span part="file-error" class="field-error" role="alert">${f.message}</span>` : nothing}
    <span class="file-actions">
      ${f.state === 'failed'
        ? html`<button type="button" class="link" ?disabled=${heldUntil(f.retryAt, !!o.disabled)} @click=${() => o.onRetry(f.id)}>
            ${t('common.retry')}<span class="visually-hidden">: ${f.name}</span>
          </button>`
        : nothing}
      ${f.state === 'missing'
        ? html`<button
            type="button"
            class="link"
            ?disabled=${o.disabled}
            @click=${(e: Event) => (e.currentTarget as HTMLElement).closest('.picker')?.querySelector('input')?.click()}
          >
            ${t('attach.pickAgain')}<span class="visually-hidden">: ${f.name}</span>
          </button>`
        : nothing}
      <button type="button" class="link" ?disabled=${o.disabled && f.state !== 'uploading'} @click=${() => o.onRemove(f.id)}>
        ${t(f.state === 'uploading' ? 'attach.cancelUpload' : 'attach.remove')}<span class="visually-hidden">: ${f.name}</span>
      </button>
    </span>
  </li>`;
}
