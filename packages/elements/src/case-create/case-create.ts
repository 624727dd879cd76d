import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  isAbortError,
  newIdempotencyKey,
  toAdapterError,
  type CaseRecord,
  type FieldDef,
  type FieldValue,
  type Option,
} from '@case-portal/core';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { CaseCreatedEvent, CaseSelectEvent } from '../events.js';
import { clearDraft, draftKey, loadDraft, resolveDraftStorage, saveDraft } from '../shared/drafts.js';
import {
  buildInput,
  createFields,
  emptyValues,
  fieldErrorKey,
  isPristine,
  mapServerErrors,
  restoreValues,
  validate,
  type BuiltInKey,
  type CreateFormValues,
} from './form-model.js';
import { fieldControlStyles } from '../styles/field-controls.js';
import { createStyles } from './case-create.styles.js';
import { controlId, describedBy, fieldControl, fieldMessages, labelText, selectControl } from '../shared/field-controls.js';

interface CreateDraft {
  values: unknown;
  key: string;
}

const isCreateDraft = (v: unknown): v is CreateDraft =>
  typeof v === 'object' && v !== null && typeof (v as CreateDraft).key === 'string' && 'values' in v;

const idFor = controlId;

/**
 * The form for a new case, built from the schema: subject, description, service, category and
 * the custom fields marked `onCreate`. Checks values before sending, shows the backend's field
 * errors beside the fields, and never makes two cases for one fill: every attempt carries the
 * same idempotency key (kept with the draft, so even a reload after a lost response is safe).
 * What was typed is kept in a draft (localStorage) until the case exists.
 *
 * @fires case-created - the case was created (detail: case)
 * @fires case-select - "Open case" on the confirmation; cancelable (detail: caseId)
 * @fires case-error - creating failed (detail: error, operation, message)
 *
 * @csspart form - the <form>
 * @csspart required-note - "Fields marked * are required."
 * @csspart draft-notice - shown when a draft was restored; holds `reset-button`
 * @csspart field - each field's wrapper; also `field-<key>` (subject, description, service, category, or the custom key)
 * @csspart label - a field's label (or legend for a group)
 * @csspart required-mark - the visible "*"
 * @csspart input - a text, number, date, email or url input; also `textarea`, `select`, `checkbox`, `group`
 * @csspart help - a field's help text
 * @csspart field-error - the message beside a field
 * @csspart form-error - the message for the whole form (role=alert)
 * @csspart submit - the submit button
 * @csspart confirmation - the panel after success (role=status, focused)
 * @csspart confirmation-title, confirmation-body, open-button, another-button - its pieces
 * @csspart denied - the explanation when creating is not possible
 * @csspart loading, error - loading line and setup error
 */
export class CaseCreate extends CaseElement {
  static override styles = [...CaseElement.styles, fieldControlStyles, createStyles];

  /** Where the form draft is kept: localStorage by default; null keeps none. */
  @property({ attribute: false }) draftStorage?: Storage | null;

  @state() private values?: CreateFormValues;
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  @state() private submitting = false;
  @state() private created?: CaseRecord;
  @state() private draftRestored = false;

  /** One key per form fill: a retry or a double click reuses it, "Create another" makes a new one. */
  private idempotencyKey = newIdempotencyKey();
  private abort?: AbortController;
  /** viewer the current values belong to. */
  private scope?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const setup = this.setup.value;
    if (!setup) return;
    const scope = setup.viewer.id;
    if (scope !== this.scope || !this.values) {
      this.scope = scope;
      const draft = loadDraft(this.storage, this.storageKey(setup)!, isCreateDraft);
      this.values = draft ? restoreValues(setup.schema, draft.values) : emptyValues(setup.schema);
      this.idempotencyKey = draft?.key ?? newIdempotencyKey();
      this.draftRestored = !!draft && !isPristine(setup.schema, this.values);
      this.errors = {};
      this.formError = '';
    }
  }

  // ---- drafts ----

  private get storage(): Storage | null {
    return resolveDraftStorage(this.draftStorage);
  }

  private storageKey(setup: PortalSetup | undefined = this.setup.value): string | null {
    return setup ? draftKey('create', setup.viewer.id) : null;
  }

  private persist(): void {
    const key = this.storageKey();
    const setup = this.setup.value;
    if (!key || !setup || !this.values) return;
    if (isPristine(setup.schema, this.values)) clearDraft(this.storage, key);
    else saveDraft(this.storage, key, { values: this.values, key: this.idempotencyKey } satisfies CreateDraft);
  }

  // ---- editing ----

  private setBuiltIn(name: BuiltInKey, value: string): void {
    if (!this.values) return;
    this.values = { ...this.values, [name]: value };
    this.clearError(name);
    this.persist();
  }

  private setField(key: string, value: FieldValue): void {
    if (!this.values) return;
    this.values = { ...this.values, fields: { ...this.values.fields, [key]: value } };
    this.clearError(fieldErrorKey(key));
    this.persist();
  }

  private clearError(errorKey: string): void {
    if (!(errorKey in this.errors)) return;
    const { [errorKey]: _removed, ...rest } = this.errors;
    this.errors = rest;
  }

  /** Starts over: empty form, fresh idempotency key, no draft. */
  private resetForm(): void {
    const setup = this.setup.value;
    if (!setup) return;
    this.values = emptyValues(setup.schema);
    this.idempotencyKey = newIdempotencyKey();
    this.errors = {};
    this.formError = '';
    this.draftRestored = false;
    const key = this.storageKey();
    if (key) clearDraft(this.storage, key);
  }

  // ---- submitting ----

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const setup = this.setup.value;
    const values = this.values;
    if (!setup || !values || this.submitting) return;
    const errors = validate(setup.schema, values, (k, p) => this.t(k, p));
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.formError = this.t('create.invalid');
      this.focusFirstInvalid();
      return;
    }
    this.formError = '';
    this.submitting = true;
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    // Persist the key with the values before sending: a reload after a lost response retries safely.
    this.persist();
    try {
      const record = await setup.adapter.createCase(buildInput(setup.schema, values), {
        idempotencyKey: this.idempotencyKey,
        signal: ac.signal,
      });
      const key = this.storageKey(setup);
      if (key) clearDraft(this.storage, key);
      this.created = record;
      this.values = emptyValues(setup.schema);
      this.idempotencyKey = newIdempotencyKey();
      this.draftRestored = false;
      this.dispatchEvent(new CaseCreatedEvent(record));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus();
    } catch (err) {
      if (isAbortError(err) || ac.signal.aborted) return;
      const message = this.reportError(err, 'createCase', setup.schema);
      const { byKey, unmatched } = mapServerErrors(setup.schema, toAdapterError(err).fieldErrors);
      this.errors = byKey;
      this.formError = [message, ...unmatched].join(' ');
      this.focusFirstInvalid(true);
    } finally {
      if (this.abort === ac) this.submitting = false;
    }
  }

  /** Moves focus to the first field with a problem (else, after a failure, back to the submit button). */
  private focusFirstInvalid(orSubmit = false): void {
    void this.updateComplete.then(() => {
      const target =
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        (orSubmit ? this.renderRoot.querySelector<HTMLElement>('[part~="submit"]') : null);
      target?.focus();
    });
  }

  private openCreated(): void {
    const record = this.created;
    if (!record) return;
    const event = new CaseSelectEvent(record.id);
    this.dispatchEvent(event);
    if (!event.defaultPrevented) this.portalNavigator?.openCase(record.id);
  }

  private createAnother(): void {
    this.created = undefined;
    this.resetForm();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${idFor('subject')}`)?.focus());
  }

  // ---- rendering ----

  protected override render(): unknown {
    return this.renderWithSetup((setup) => this.renderReady(setup));
  }

  private renderReady(setup: PortalSetup): unknown {
    if (this.created) return this.renderConfirmation(this.created);
    if (!setup.schema.features.create) {
      return html`<p part="denied" class="notice">${this.t('create.denied.feature')}</p>`;
    }
    if (!setup.viewer.permissions.includes('create')) {
      return html`<p part="denied" class="notice">${this.t('create.denied.permission')}</p>`;
    }
    const values = this.values;
    if (!values) return this.renderLoading();
    const schema = setup.schema;
    return html`<form part="form" novalidate aria-label=${this.t('create.label')} @submit=${this.onSubmit}>
      <p part="required-note" class="hint">${this.t('create.requiredNote')}</p>
      ${this.draftRestored
        ? html`<p part="draft-notice" class="hint draft-notice">
            <span>${this.t('create.draftRestored')}</span>
            <button type="button" part="reset-button" class="link" @click=${() => this.resetForm()}>
              ${this.t('create.reset')}
            </button>
          </p>`
        : nothing}
      ${this.renderText('subject', this.t('create.subject'), values.subject)}
      ${this.renderDescription(values.description)}
      ${schema.services.length > 0
        ? this.renderBuiltInSelect('service', this.t('create.service'), schema.services, values.service)
        : nothing}
      ${schema.categories.length > 0
        ? this.renderBuiltInSelect('category', this.t('create.category'), schema.categories, values.category)
        : nothing}
      ${createFields(schema).map((def) => this.renderCustom(def, values.fields[def.key]))}
      <p part="form-error" class="form-error error" role="alert">${this.formError}</p>
      <div class="actions">
        <button type="submit" part="submit" class="primary" ?disabled=${this.submitting}>
          ${this.submitting ? this.t('create.submitting') : this.t('create.submit')}
        </button>
      </div>
    </form>`;
  }

  private renderConfirmation(record: CaseRecord): TemplateResult {
    return html`<section
      part="confirmation"
      class="confirmation"
      role="status"
      tabindex="-1"
      aria-labelledby="created-title"
    >
      <p id="created-title" part="confirmation-title" class="title">${this.t('create.created.title')}</p>
      <p part="confirmation-body">${this.t('create.created.body', { number: record.number })}</p>
      <div class="actions">
        <button type="button" part="open-button" class="primary" @click=${() => this.openCreated()}>
          ${this.t('create.created.open')}
        </button>
        <button type="button" part="another-button" @click=${() => this.createAnother()}>
          ${this.t('create.created.another')}
        </button>
      </div>
    </section>`;
  }

  private renderText(name: 'subject', label: string, value: string): TemplateResult {
    const id = idFor(name);
    const error = this.errors[name];
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
        @input=${(e: Event) => this.setBuiltIn(name, (e.target as HTMLInputElement).value)}
      />
      ${fieldMessages(id, error)}
    </div>`;
  }

  private renderDescription(value: string): TemplateResult {
    const id = idFor('description');
    const error = this.errors['description'];
    return html`<div part="field field-description" class="field">
      <label part="label" for=${id}>${labelText(this.t('create.description'), true)}</label>
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
        @input=${(e: Event) => this.setBuiltIn('description', (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${fieldMessages(id, error, this.t('create.descriptionHint'))}
    </div>`;
  }

  private renderBuiltInSelect(name: 'service' | 'category', label: string, options: Option[], value: string) {
    const id = idFor(name);
    const error = this.errors[name];
    return html`<div part="field field-${name}" class="field">
      <label part="label" for=${id}>${label}</label>
      ${selectControl(id, options, value, { required: false, error, t: this.t.bind(this), onChange: (v) => this.setBuiltIn(name, v) })}
      ${fieldMessages(id, error)}
    </div>`;
  }

  private renderCustom(def: FieldDef, value: FieldValue | undefined): TemplateResult {
    const errorKey = fieldErrorKey(def.key);
    return fieldControl(def, value, {
      id: idFor(errorKey),
      error: this.errors[errorKey],
      t: this.t.bind(this),
      onChange: (v) => this.setField(def.key, v),
    });
  }
}
