import { html, nothing, type TemplateResult } from 'lit';
import { statusById, type FieldValue, type PortalSchema } from '@case-portal/core';
import type { MessageKey } from '../i18n/i18n.js';
import { controlId, fieldControl, fieldMessages, labelText } from '../shared/field-controls.js';
import { formatFieldValue } from '../shared/field-format.js';
import type { DialogKind } from './actions.js';
import type { UpdateField } from './update-form.js';
import type { DetailView } from './view.js';
import { renderFailureBox } from '../shared/failure.js';
import { keepTabInside } from '../shared/focus-trap.js';

/** What the open dialog shows besides its fields. */
export interface DialogState {
  kind: DialogKind;
  busy: boolean;
  /** The message for the whole dialog (role=alert). */
  error: string;
  /** Messages beside fields, by field name. */
  fieldErrors: Record<string, string>;
}

const TITLES: Record<DialogKind, MessageKey> = {
  update: 'detail.updateDialog.title',
  close: 'detail.closeDialog.title',
  cancel: 'detail.cancelDialog.title',
  reopen: 'detail.reopenDialog.title',
  complain: 'detail.complainDialog.title',
};

const SUBMITS: Record<DialogKind, MessageKey> = {
  update: 'detail.updateDialog.submit',
  close: 'detail.closeDialog.submit',
  cancel: 'detail.cancelDialog.confirm',
  reopen: 'detail.reopenDialog.submit',
  complain: 'detail.complainDialog.submit',
};

/** The frame every dialog shares: title, body, the dialog's error, and its two buttons. */
export function renderDialogFrame(
  s: DialogState,
  v: DetailView,
  body: unknown,
  on: { submit(e: SubmitEvent): void; dismiss(): void; closed(e: Event): void },
): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  return html`<dialog part="dialog dialog-${s.kind}" aria-labelledby="dialog-title" @close=${on.closed} @keydown=${keepTabInside}>
    <form method="dialog" @submit=${on.submit} novalidate>
      <h2 id="dialog-title">${t(TITLES[s.kind])}</h2>
      ${body}
      ${s.error ? renderFailureBox(s.error, { retryLabel: t('common.retry'), part: 'dialog-error' }) : nothing}
      <div class="dialog-buttons">
        <button type="button" @click=${on.dismiss}>${t(s.kind === 'cancel' ? 'detail.cancelDialog.keep' : 'common.cancel')}</button>
        <button type="submit" part="dialog-submit" class=${s.kind === 'cancel' ? 'danger' : 'primary'} ?disabled=${s.busy}>
          ${s.busy ? t('detail.working') : t(SUBMITS[s.kind])}
        </button>
      </div>
    </form>
  </dialog>`;
}

function textArea(name: string, label: string, error: string | undefined, required = false): TemplateResult {
  const id = controlId(name);
  return html`<div class="field">
    <label for=${id}>${labelText(label, required)}</label>
    <textarea
      id=${id}
      name=${name}
      rows="4"
      ?required=${required}
      aria-required=${required ? 'true' : 'false'}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby="${id}-error"
    ></textarea>
    ${fieldMessages(id, error)}
  </div>`;
}

/** Close: a close-as status and a reason from the schema's lists, and an optional comment. */
export function closeBody(schema: PortalSchema, s: DialogState, v: DetailView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const reasonId = controlId('reason');
  return html`<div class="field">
      <label for=${controlId('status')}>${t('detail.closeDialog.closeAs')}</label>
      <select id=${controlId('status')} name="status">
        ${schema.closeStatuses.map((id) => html`<option value=${id}>${statusById(schema, id)?.label ?? id}</option>`)}
      </select>
    </div>
    ${schema.closeReasons.length
      ? html`<div class="field">
          <label for=${reasonId}>${labelText(t('detail.closeDialog.reason'), true)}</label>
          <select
            id=${reasonId}
            name="reason"
            required
            aria-required="true"
            aria-invalid=${s.fieldErrors['reason'] ? 'true' : 'false'}
            aria-describedby="${reasonId}-error"
          >
            <option value="">${t('detail.closeDialog.chooseReason')}</option>
            ${schema.closeReasons.map((r) => html`<option value=${r.value}>${r.label}</option>`)}
          </select>
          ${fieldMessages(reasonId, s.fieldErrors['reason'])}
        </div>`
      : nothing}
    ${textArea('comment', t('detail.closeDialog.comment'), s.fieldErrors['comment'])}`;
}

export function cancelBody(v: DetailView): TemplateResult {
  return html`<p>${v.i18n.t('detail.cancelDialog.body')}</p>`;
}

export function reopenBody(s: DialogState, v: DetailView): TemplateResult {
  return textArea('comment', v.i18n.t('detail.reopenDialog.comment'), s.fieldErrors['comment']);
}

export function complainBody(s: DialogState, v: DetailView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  return html`<p class="hint">${t('detail.complainDialog.intro')}</p>
    ${textArea('body', t('detail.complainDialog.body'), s.fieldErrors['body'], true)}`;
}

/**
 * Update: exactly the schema's editable fields. After a version conflict, each field someone
 * else changed says what it is now, so nothing is overwritten unseen.
 */
export function updateBody(
  fields: UpdateField[],
  values: Record<string, FieldValue>,
  s: DialogState,
  v: DetailView,
  extra: { changedElsewhere: string[]; latest: Record<string, FieldValue>; onChange(key: string, value: FieldValue): void },
): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  return html`${fields.map(({ key, def }) => {
    const control = fieldControl(def, values[key], {
      id: controlId(`u-${key}`),
      error: s.fieldErrors[key],
      t,
      onChange: (value) => extra.onChange(key, value),
    });
    if (!extra.changedElsewhere.includes(key)) return control;
    const now = formatFieldValue(def, extra.latest[key] ?? null, v.i18n) || t('common.none');
    return html`${control}<p class="changed-elsewhere" part="changed-elsewhere">
        ${t('detail.updateDialog.changedElsewhere', { value: now })}
      </p>`;
  })}`;
}
