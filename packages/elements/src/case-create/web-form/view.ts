/**
 * What <case-create> renders in web-form mode around the editor's slotted `<form>`: the status
 * area above it (denied, restored draft, error summary) and the progress line below it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatList } from '@case-portal/core';
import type { I18n } from '../../i18n/i18n.js';
import { renderDenied, renderDraftNotice, type DeniedKey } from '../create-view.js';

/** One line of the error summary; a focusable one is a button that focuses the control of `key`. */
export interface SummaryItem {
  key: string;
  text: string;
  focusable: boolean;
}

/** What is being sent: the picked files first, then the case. */
export type WebSubmitting = 'uploading' | 'creating' | false;

export interface WebStatus {
  denied: DeniedKey | null;
  /** Set when a draft was restored: the names of the files to attach again. */
  restored: { files: string[] } | undefined;
  /** A case was just created (the confirmation shows). */
  created: boolean;
  message: string;
  summary: SummaryItem[];
}

export interface WebStatusActions {
  /** "Start over" on the draft notice. */
  clear(): void;
  /** A summary line was clicked. */
  focus(key: string): void;
}

export function renderWebMode(i18n: I18n, submitting: WebSubmitting, status: unknown, confirmation: unknown): TemplateResult {
  const progress =
    submitting === 'uploading' ? i18n.t('create.webform.uploading') : submitting ? i18n.t('create.submitting') : '';
  return html`<div class="webform">
    <div part="status" class="webform-status">${status}</div>
    ${confirmation}
    <slot></slot>
    <p part="progress" class="progress hint" role="status">${progress}</p>
  </div>`;
}

export function renderWebStatus(s: WebStatus, i18n: I18n, a: WebStatusActions): unknown {
  const t = i18n.t.bind(i18n);
  if (s.denied) return renderDenied(t, s.denied);
  const restored = s.restored;
  const files = restored?.files ?? [];
  return html`${restored && !s.created
      ? renderDraftNotice(
          t,
          t('create.webform.restored'),
          files.length > 0
            ? html`<span>${t('create.webform.reattach', {
                names: formatList(files, i18n.locale),
              })}</span>`
            : nothing,
          () => a.clear(),
        )
      : nothing}<div part="form-error" class="form-error summary" role="alert">${s.message
      ? html`<p class="summary-title">${s.message}</p>`
      : nothing}${s.summary.length > 0
      ? html`<ul part="error-list">
          ${s.summary.map(
            (item) =>
              html`<li>
                ${item.focusable
                  ? html`<button type="button" part="error-link" class="link" @click=${() => a.focus(item.key)}>
                      ${item.text}
                    </button>`
                  : item.text}
              </li>`,
          )}
        </ul>`
      : nothing}</div>`;
}
