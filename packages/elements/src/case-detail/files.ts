import { html, nothing, type TemplateResult } from 'lit';
import type { CaseFile, Limits } from '@case-portal/core';
import { renderAttachmentPicker } from '../shared/attachments/attachment-picker.js';
import { attachmentLink } from '../shared/attachment-link.js';
import type { FileAdder } from './add-files.js';
import { timeText, type DetailView } from './view.js';
import { renderFailureBox } from '../shared/failure.js';

/** A short, readable type: the file's extension ("PDF"), else the MIME subtype. */
export function fileTypeLabel(f: { name: string; type: string }): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(f.name)?.[1];
  if (ext) return ext.toUpperCase();
  const sub = f.type.split('/')[1];
  return sub ? sub.toUpperCase() : '';
}

export interface FilesActions {
  /** Null when the customer may not add files; otherwise the adder and its handlers. */
  adder: FileAdder | null;
  limits: Limits;
  onPick(files: File[]): void;
  onRemove(id: number): void;
  onRetry(id: number): void;
  onAttach(): void;
}

/** Every file of the case (its own and its messages'), and adding files where the policy allows. */
export function renderFiles(
  files: CaseFile[],
  v: DetailView,
  a: FilesActions,
  state: { error: string; retry: () => void; retryAt?: number | undefined },
): TemplateResult | typeof nothing {
  const t = v.i18n.t.bind(v.i18n);
  if (files.length === 0 && !a.adder && !state.error) return nothing;
  return html`<section part="files" aria-labelledby="files-h">
    <h3 id="files-h">${t('detail.files')}</h3>
    ${state.error
      ? renderFailureBox(state.error, { retry: state.retry, retryLabel: t('common.retry'), part: null, retryAt: state.retryAt })
      : nothing}
    ${files.length
      ? html`<ul class="files" part="file-list">
          ${files.map(
            (f) => html`<li part="file">
              <span class="file-name">${attachmentLink(f, v.i18n)}</span>
              <span class="hint file-meta">
                ${fileTypeLabel(f)}${f.createdAt ? html` · ${timeText(f.createdAt, v, 'date')}` : nothing} ·
                ${t(f.messageId ? 'detail.files.fromMessage' : 'detail.files.onCase')}
              </span>
            </li>`,
          )}
        </ul>`
      : html`<p class="hint">${t('detail.files.none')}</p>`}
    ${a.adder ? renderAdder(a.adder, v, a, a.limits) : nothing}
  </section>`;
}

function renderAdder(adder: FileAdder, v: DetailView, a: FilesActions, limits: Limits): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const ready = adder.ready.length;
  return html`<div class="add-files" part="add-files">
    ${renderAttachmentPicker(adder.queue, {
      i18n: v.i18n,
      limits,
      inputId: 'add-files-input',
      pickLabel: t('detail.files.add'),
      onPick: (files) => a.onPick(files),
      onRemove: a.onRemove,
      onRetry: a.onRetry,
      disabled: adder.attaching,
    })}
    ${adder.error ? renderFailureBox(adder.error, { retryLabel: t('common.retry'), part: null }) : nothing}
    ${ready
      ? html`<button type="button" class="primary" part="attach-button" ?disabled=${adder.attaching || adder.uploading} @click=${a.onAttach}>
          ${adder.attaching ? t('detail.working') : t('detail.files.attach', { count: ready })}
        </button>`
      : nothing}
  </div>`;
}
