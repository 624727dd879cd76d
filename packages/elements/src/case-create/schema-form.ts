/**
 * The built-in form of <case-create>, built from the schema: subject, description, service,
 * category, the custom fields marked `onCreate` and the attachments. What its draft keeps, and
 * render functions: the element holds the values, errors and files and passes the handlers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldDef, FieldValue, Option, PortalSchema } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import { dropTarget, type FileDropController } from '../shared/attachments/drop-zone.js';
import { isSavedFile, type SavedFile, type UploadQueue } from '../shared/attachments/upload-queue.js';
import { renderAttachmentPicker } from '../shared/attachments/attachment-picker.js';
import {
  controlId as idFor,
  describedBy,
  fieldControl,
  fieldMessages,
  labelText,
  selectControl,
} from '../shared/field-controls.js';
import { createFields, fieldErrorKey, type BuiltInKey, type CreateFormValues } from './form-model.js';
import { renderDraftNotice } from './create-view.js';

/** The built-in form's draft: values, the idempotency key of this fill, and the picked files. */
export interface CreateDraft {
  values: unknown;
  key: string;
  /** What was sent under `key` (core's keyForRequest): a changed form after a failure gets a new key. */
  sentAs?: string;
  /** The picked files: uploads whole, unfinished ones as metadata (see UploadQueue.saved). */
  files?: SavedFile[];
}

export const isCreateDraft = (v: unknown): v is CreateDraft => {
  if (typeof v !== 'object' || v === null || !('values' in v)) return false;
  const d = v as CreateDraft;
  return (
    typeof d.key === 'string' &&
    (d.sentAs === undefined || typeof d.sentAs === 'string') &&
    (d.files === undefined || (Array.isArray(d.files) && d.files.every(isSavedFile)))
  );
};

/** What the form shows. */
export interface SchemaFormState {
  schema: PortalSchema;
  values: CreateFormValues;
  /** By error key (`subject`…, `fields.<key>`). */
  errors: Record<string, string>;
  /** The message for the whole form. */
  formError: string;
  submitting: boolean;
  draftRestored: boolean;
  i18n: I18n;
  drop: FileDropController;
  files: UploadQueue;
}

/** What the customer does in it. */
export interface SchemaFormActions {
  submit(e: Event): void;
  /** "Start over" on the draft notice. */
  reset(): void;
  setBuiltIn(name: BuiltInKey, value: string): void;
  setField(key: string, value: FieldValue): void;
  pickFiles(files: File[]): void;
  removeFile(id: number): void;
  retryUpload(id: number): void;
}

export function renderSchemaForm(s: SchemaFormState, a: SchemaFormActions): TemplateResult {
  const t = s.i18n.t.bind(s.i18n);
  const { schema, values, drop } = s;
  return html`<h2 id="create-heading" part="heading" class="heading">${t('create.label')}</h2>
    <form
    part="form"
    class="drop-target"
    novalidate
    aria-labelledby="create-heading"
    ${dropTarget(drop, t('attach.dropHere'))}
    @submit=${(e: Event) => a.submit(e)}
  >
    <p part="required-note" class="hint">${t('create.requiredNote')}</p>
    ${s.draftRestored ? renderDraftNotice(t, t('create.draftRestored'), nothing, () => a.reset()) : nothing}
    ${renderText(s, a, 'subject', t('create.subject'), values.subject)}
    ${renderDescription(s, a, values.description)}
    ${schema.services.length > 0
      ? renderBuiltInSelect(s, a, 'service', t('create.service'), schema.services, values.service)
      : nothing}
    ${schema.categories.length > 0
      ? renderBuiltInSelect(s, a, 'category', t('create.category'), schema.categories, values.category)
      : nothing}
    ${createFields(schema).map((def) => renderCustom(s, a, def, values.fields[def.key]))}
    ${schema.participants ? renderParticipants(s, a, values.participants, schema.participants.max) : nothing}
    ${schema.features.attachments ? renderAttachments(s, a) : nothing}
    <p part="form-error" class="form-error error" role="alert">${s.formError}</p>
    <div class="actions">
      <button type="submit" part="submit" class="primary" ?disabled=${s.submitting}>
        ${s.submitting ? t('create.submitting') : t('create.submit')}
      </button>
    </div>
  </form>`;
}

/** People to copy on the case, by address: optional, at most the schema's `participants.max`. */
function renderParticipants(s: SchemaFormState, a: SchemaFormActions, value: string, max: number): TemplateResult {
  const t = s.i18n.t.bind(s.i18n);
  const id = idFor('participants');
  const error = s.errors['participants'];
  return html`<div part="field field-participants" class="field">
    <label part="label" for=${id}>${labelText(t('create.participants'), false)}</label>
    <input
      id=${id}
      part="input"
      name="participants"
      type="email"
      multiple
      autocomplete="off"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy(id, true)}
      .value=${value}
      @input=${(e: Event) => a.setBuiltIn('participants', (e.target as HTMLInputElement).value)}
    />
    ${fieldMessages(id, error, t('create.participantsHint', { count: max }))}
  </div>`;
}

export function renderText(s: SchemaFormState, a: SchemaFormActions, name: 'subject', label: string, value: string): TemplateResult {
  const id = idFor(name);
  const error = s.errors[name];
  return html`<div part="field field-${name}" class="field">
    <label part="label" for=${id}>${labelText(label, true)}</label>
    <input
      id=${id}
      part="input"
      name=${name}
      type="text"
      autocomplete="off"
      required
      aria-required="true"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy(id, false)}
      .value=${value}
      @input=${(e: Event) => a.setBuiltIn(name, (e.target as HTMLInputElement).value)}
    />
    ${fieldMessages(id, error)}
  </div>`;
}

export function renderDescription(s: SchemaFormState, a: SchemaFormActions, value: string): TemplateResult {
  const t = s.i18n.t.bind(s.i18n);
  const id = idFor('description');
  const error = s.errors['description'];
  return html`<div part="field field-description" class="field">
    <label part="label" for=${id}>${labelText(t('create.description'), true)}</label>
    <textarea
      id=${id}
      part="textarea"
      name="description"
      rows="6"
      required
      aria-required="true"
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy(id, true)}
      .value=${value}
      @input=${(e: Event) => a.setBuiltIn('description', (e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${fieldMessages(id, error, t('create.descriptionHint'))}
  </div>`;
}

export function renderBuiltInSelect(
  s: SchemaFormState,
  a: SchemaFormActions,
  name: 'service' | 'category',
  label: string,
  options: Option[],
  value: string,
): TemplateResult {
  const id = idFor(name);
  const error = s.errors[name];
  return html`<div part="field field-${name}" class="field">
    <label part="label" for=${id}>${label}</label>
    ${selectControl(id, options, value, { required: false, error, t: s.i18n.t.bind(s.i18n), onChange: (v) => a.setBuiltIn(name, v) })}
    ${fieldMessages(id, error)}
  </div>`;
}

export function renderCustom(s: SchemaFormState, a: SchemaFormActions, def: FieldDef, value: FieldValue | undefined): TemplateResult {
  const errorKey = fieldErrorKey(def.key);
  return fieldControl(def, value, {
    id: idFor(errorKey),
    error: s.errors[errorKey],
    t: s.i18n.t.bind(s.i18n),
    onChange: (v) => a.setField(def.key, v),
  });
}

export function renderAttachments(s: SchemaFormState, a: SchemaFormActions): TemplateResult {
  return html`<div part="field field-attachments" class="field" role="group" aria-labelledby="attachments-label">
    <span id="attachments-label" class="label">${s.i18n.t('create.files.label')}</span>
    ${renderAttachmentPicker(s.files, {
      i18n: s.i18n,
      limits: s.schema.limits,
      inputId: 'create-files',
      droppable: true,
      disabled: s.submitting,
      onPick: (files) => a.pickFiles(files),
      onRemove: (id) => a.removeFile(id),
      onRetry: (id) => a.retryUpload(id),
    })}
  </div>`;
}
