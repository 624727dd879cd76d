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
import { createStyles } from './case-create.styles.js';

interface CreateDraft {
  values: unknown;
  key: string;
}

const isCreateDraft = (v: unknown): v is CreateDraft =>
  typeof v === 'object' && v !== null && typeof (v as CreateDraft).key === 'string' && 'values' in v;

/** Element ids are derived from field keys; keep them to characters every selector accepts. */
const idFor = (errorKey: string): string => `f-${errorKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;

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
  static override styles = [...CaseElement.styles, createStyles];

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

  /** Label text with the visible required mark (the input carries `required` + `aria-required`). */
  private labelText(label: string, required: boolean): unknown {
    return html`${label}${required
      ? html`<span part="required-mark" class="required" aria-hidden="true">*</span>`
      : nothing}`;
  }

  /** ids of help and error text, for aria-describedby. */
  private describedBy(id: string, help: boolean): string {
    return help ? `${id}-help ${id}-error` : `${id}-error`;
  }

  private renderMessages(id: string, errorKey: string, help?: string): unknown {
    return html`${help ? html`<p id="${id}-help" part="help" class="hint">${help}</p>` : nothing}
      <p id="${id}-error" part="field-error" class="field-error">${this.errors[errorKey] ?? ''}</p>`;
  }

  private renderText(name: 'subject', label: string, value: string): TemplateResult {
    const id = idFor(name);
    const error = this.errors[name];
    return html`<div part="field field-${name}" class="field">
      <label part="label" for=${id}>${this.labelText(label, true)}</label>
      <input
        id=${id}
        part="input"
        name=${name}
        type="text"
        autocomplete="off"
        required
        aria-required="true"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${this.describedBy(id, false)}
        .value=${value}
        @input=${(e: Event) => this.setBuiltIn(name, (e.target as HTMLInputElement).value)}
      />
      ${this.renderMessages(id, name)}
    </div>`;
  }

  private renderDescription(value: string): TemplateResult {
    const id = idFor('description');
    const error = this.errors['description'];
    return html`<div part="field field-description" class="field">
      <label part="label" for=${id}>${this.labelText(this.t('create.description'), true)}</label>
      <textarea
        id=${id}
        part="textarea"
        name="description"
        rows="6"
        required
        aria-required="true"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${this.describedBy(id, true)}
        .value=${value}
        @input=${(e: Event) => this.setBuiltIn('description', (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.renderMessages(id, 'description', this.t('create.descriptionHint'))}
    </div>`;
  }

  private renderBuiltInSelect(name: 'service' | 'category', label: string, options: Option[], value: string) {
    const id = idFor(name);
    return html`<div part="field field-${name}" class="field">
      <label part="label" for=${id}>${label}</label>
      ${this.renderSelect(id, name, options, value, false, (v) => this.setBuiltIn(name, v))}
      ${this.renderMessages(id, name)}
    </div>`;
  }

  private renderSelect(
    id: string,
    errorKey: string,
    options: readonly Option[],
    value: string,
    required: boolean,
    onChange: (value: string) => void,
  ): TemplateResult {
    return html`<select
      id=${id}
      part="select"
      ?required=${required}
      aria-required=${required ? 'true' : 'false'}
      aria-invalid=${this.errors[errorKey] ? 'true' : 'false'}
      aria-describedby=${this.describedBy(id, false)}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${value === ''}>${this.t('create.choose')}</option>
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>`;
  }

  private renderCustom(def: FieldDef, value: FieldValue | undefined): TemplateResult {
    const errorKey = fieldErrorKey(def.key);
    const id = idFor(errorKey);
    const error = this.errors[errorKey];
    const required = !!def.required;
    const invalid = error ? 'true' : 'false';
    const describedBy = this.describedBy(id, !!def.help);
    const fieldPart = `field field-${def.key}`;

    if (def.type === 'multichoice') {
      const selected = Array.isArray(value) ? value : [];
      return html`<fieldset
        part="${fieldPart} group"
        class="field"
        id=${id}
        aria-describedby=${describedBy}
      >
        <legend part="label">
          ${this.labelText(def.label, required)}${required
            ? html`<span class="visually-hidden">(${this.t('common.required')})</span>`
            : nothing}
        </legend>
        ${(def.options ?? []).map((o, i) => {
          const optionId = `${id}-${i}`;
          return html`<div class="check">
            <input
              id=${optionId}
              part="checkbox"
              type="checkbox"
              value=${o.value}
              aria-invalid=${invalid}
              .checked=${selected.includes(o.value)}
              @change=${(e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                const current = Array.isArray(this.values?.fields[def.key]) ? (this.values!.fields[def.key] as string[]) : [];
                this.setField(def.key, on ? [...current.filter((v) => v !== o.value), o.value] : current.filter((v) => v !== o.value));
              }}
            />
            <label for=${optionId}>${o.label}</label>
          </div>`;
        })}
        ${this.renderMessages(id, errorKey, def.help)}
      </fieldset>`;
    }

    if (def.type === 'checkbox') {
      return html`<div part=${fieldPart} class="field">
        <div class="check single">
          <input
            id=${id}
            part="checkbox"
            type="checkbox"
            ?required=${required}
            aria-required=${required ? 'true' : 'false'}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .checked=${value === true}
            @change=${(e: Event) => this.setField(def.key, (e.target as HTMLInputElement).checked)}
          />
          <label part="label" for=${id}>${this.labelText(def.label, required)}</label>
        </div>
        ${this.renderMessages(id, errorKey, def.help)}
      </div>`;
    }

    let control: TemplateResult;
    if (def.type === 'choice') {
      control = this.renderSelect(id, errorKey, def.options ?? [], typeof value === 'string' ? value : '', required, (v) =>
        this.setField(def.key, v),
      );
    } else if (def.type === 'longtext') {
      control = html`<textarea
        id=${id}
        part="textarea"
        ?required=${required}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        maxlength=${def.maxLength ?? nothing}
        .value=${typeof value === 'string' ? value : ''}
        @input=${(e: Event) => this.setField(def.key, (e.target as HTMLTextAreaElement).value)}
      ></textarea>`;
    } else if (def.type === 'number') {
      control = html`<input
        id=${id}
        part="input"
        type="number"
        step="any"
        min=${def.min ?? nothing}
        max=${def.max ?? nothing}
        ?required=${required}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        .value=${typeof value === 'number' && Number.isFinite(value) ? String(value) : ''}
        @input=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          this.setField(def.key, input.validity.badInput ? Number.NaN : input.value === '' ? null : input.valueAsNumber);
        }}
      />`;
    } else {
      const type =
        def.type === 'date' ? 'date' : def.type === 'datetime' ? 'datetime-local' : def.type === 'email' ? 'email' : def.type === 'url' ? 'url' : 'text';
      control = html`<input
        id=${id}
        part="input"
        type=${type}
        ?required=${required}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${invalid}
        aria-describedby=${describedBy}
        maxlength=${def.type === 'text' && def.maxLength ? def.maxLength : nothing}
        autocomplete=${def.type === 'email' ? 'email' : 'off'}
        .value=${typeof value === 'string' ? value : ''}
        @input=${(e: Event) => this.setField(def.key, (e.target as HTMLInputElement).value)}
      />`;
    }

    return html`<div part=${fieldPart} class="field">
      <label part="label" for=${id}>${this.labelText(def.label, required)}</label>
      ${control} ${this.renderMessages(id, errorKey, def.help)}
    </div>`;
  }
}
