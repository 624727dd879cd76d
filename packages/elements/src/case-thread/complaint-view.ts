import { html, nothing, type TemplateResult } from 'lit';
import type { I18n } from '../i18n/i18n.js';
import { renderDraftText } from './composer-view.js';

/** What the complaint offer on a finished case renders with: the thread's state and handlers. */
export interface ComplaintView {
  i18n: I18n;
  open: boolean;
  /** The thank-you line after a complaint went. */
  sent: boolean;
  body: string;
  sending: boolean;
  error: string;
  onOpen(): void;
  onCancel(): void;
  onSubmit(e: Event): void;
  onInput(e: Event): void;
  onKeydown(e: KeyboardEvent): void;
}

/** "Make a complaint", then its form. A pure function, like the reply form (composer-view.ts). */
export function renderComplaint(v: ComplaintView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const sent = v.sent ? html`<p part="complaint-sent" role="status">${t('thread.complaint.sent')}</p>` : nothing;
  if (!v.open) {
    return html`${sent}
      <div class="actions">
        <button type="button" part="complaint-toggle" aria-expanded="false" @click=${v.onOpen}>
          ${t('thread.complaint.open')}
        </button>
      </div>`;
  }
  const { sending, error } = v;
  return html`<form id="complaint-form" part="complaint-form" novalidate @submit=${v.onSubmit}>
    ${renderDraftText(v, {
      id: 'complaint',
      labelPart: 'complaint-label',
      inputPart: 'complaint-input',
      hintPart: 'complaint-hint',
      label: t('thread.complaint.label'),
      hint: t('thread.complaint.hint'),
    })}
    <p id="complaint-error" part="complaint-error" class="field-error" role="alert">${error}</p>
    <div class="actions">
      <button type="submit" part="complaint-submit" class="primary" ?disabled=${sending}>
        ${sending ? t('thread.composer.sending') : t('thread.complaint.send')}
      </button>
      <button type="button" part="complaint-cancel" ?disabled=${sending} @click=${v.onCancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}
