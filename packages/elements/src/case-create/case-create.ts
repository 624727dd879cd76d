import { nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isAbortError, newIdempotencyKey, toAdapterError, type CaseRecord, type FieldValue } from '@case-portal/core';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { CaseCreatedEvent, CaseSelectEvent } from '../events.js';
import { clearDraft, draftKey, loadDraft, resolveDraftStorage, saveDraft } from '../shared/drafts.js';
import {
  buildInput,
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
import { attachmentStyles } from '../styles/attachments.js';
import { UploadQueue } from '../shared/attachments/upload-queue.js';
import { FileDropController } from '../shared/attachments/drop-zone.js';
import { createStyles } from './case-create.styles.js';
import { controlId as idFor } from '../shared/field-controls.js';
import { createDenied, renderConfirmation, renderDenied } from './create-view.js';
import { isCreateDraft, renderSchemaForm, type CreateDraft, type SchemaFormActions } from './schema-form.js';
import { WebFormController } from './web-form/controller.js';
import { renderWebMode } from './web-form/view.js';

/**
 * The form for a new case, built from the schema: subject, description, service, category and
 * the custom fields marked `onCreate`. Checks values before sending, shows the backend's field
 * errors beside the fields, and never makes two cases for one fill: every attempt carries the
 * same idempotency key (kept with the draft, so even a reload after a lost response is safe).
 * What was typed is kept in a draft (localStorage) until the case exists.
 *
 * **Web-form mode.** With a `<form>` child, or `form="id"` naming a `<form>` in the same document
 * (or shadow root), the site's own form makes the case: a CMS editor writes ordinary HTML and names
 * the controls `subject`, `description`, `service`, `category`, `priority` (when the backend has
 * priorities) and `fields.<key>` (or the bare `<key>`) for custom fields; file inputs attach files.
 * Names starting with `_` (honeypots, consent boxes) are ignored; any other name that maps to
 * nothing is reported once (console + `case-error`, operation `web-form`) and not sent. The element
 * checks values with the built-in form's rules (and the editor's own `required`, `pattern`…),
 * places each message beside its control in the page (`<div class="case-field-error">`, linked with
 * `aria-describedby`, the control `aria-invalid` with `setCustomValidity`, so the site's CSS styles
 * both), shows a summary and the confirmation in its own shadow root, keeps a draft of the
 * controls, and sets `novalidate` on the form while it owns it. The form is hidden (`hidden`)
 * after success until "Create another".
 *
 * @attr form - id of a `<form>` elsewhere in the document to use (web-form mode); re-resolved when it changes
 * @attr draft-id - keeps this form's draft (and idempotency key) apart from other case forms' on the site
 * @slot - in web-form mode, the editor's `<form>` (and whatever else they put inside the element)
 *
 * @fires case-created - the case was created (detail: case)
 * @fires case-select - "Open case" on the confirmation; cancelable (detail: caseId)
 * @fires case-error - creating failed (detail: error, operation, message); also the web form's
 *   mapping problems (operation `web-form`)
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
 * @csspart confirmation-title - the confirmation's title
 * @csspart confirmation-body - the confirmation's text, with the case number
 * @csspart open-button - "Open case" on the confirmation
 * @csspart another-button - "Create another" on the confirmation
 * @csspart denied - the explanation when creating is not possible
 * @csspart loading - the loading line
 * @csspart error - the setup error
 * @csspart status - web-form mode: the area above the editor's form (draft notice, denied, summary)
 * @csspart error-list - web-form mode: the list of problems inside `form-error`
 * @csspart error-link - web-form mode: one problem, a button that focuses its control
 * @csspart progress - web-form mode: "Creating…" while the case is being sent (role=status)
 */
export class CaseCreate extends CaseElement {
  static override styles = [...CaseElement.styles, fieldControlStyles, attachmentStyles, createStyles];

  /** Where the form draft is kept: localStorage by default; null keeps none. */
  @property({ attribute: false }) draftStorage?: Storage | null;

  /**
   * Names this form's draft, for pages with several case forms (or different forms on different
   * pages). Without it the built-in form keeps one new-case draft per signed-in customer, and an
   * editor's form is told apart by its id, else its name, else the element's place on the page.
   */
  @property({ attribute: 'draft-id' }) draftId?: string;

  @state() private values?: CreateFormValues;
  @state() private errors: Record<string, string> = {};
  @state() private formError = '';
  @state() private submitting = false;
  @state() private created?: CaseRecord;
  @state() private draftRestored = false;

  /**
   * The id of a `<form>` elsewhere in the document (or shadow root) whose controls make the case
   * (web-form mode, like a `<form>` child). Re-resolved whenever it changes.
   */
  @property({ attribute: 'form' }) formId?: string;

  /** One key per form fill: a retry or a double click reuses it, "Create another" makes a new one. */
  private idempotencyKey = newIdempotencyKey();
  /** Files picked for the new case (built-in form); kept with its draft. */
  private readonly files = new UploadQueue(this, () => this.persist());
  private readonly drop = new FileDropController(
    this,
    (files) => this.pickFiles(files),
    () => !this.submitting && !!this.setup.value?.schema.features.attachments,
  );
  private abort?: AbortController;
  /** viewer the current values belong to. */
  private scope?: string;

  /** Web-form mode: the editor's `<form>`, its state and behaviour. */
  private readonly web = new WebFormController(this, {
    formId: () => this.formId,
    draftId: () => this.draftId,
    setup: () => this.setup.value,
    i18n: () => this.i18n,
    storage: () => this.storage,
    failureText: (e, operation, schema) => this.failureText(e, operation, schema),
    created: () => this.created,
    forgetCreated: () => (this.created = undefined),
    showCreated: (record) => this.showCreated(record),
  });

  private readonly formActions: SchemaFormActions = {
    submit: (e) => void this.onSubmit(e),
    reset: () => this.resetForm(),
    setBuiltIn: (name, value) => this.setBuiltIn(name, value),
    setField: (key, value) => this.setField(key, value),
    pickFiles: (files) => this.pickFiles(files),
    removeFile: (id) => this.files.remove(id),
    retryUpload: (id) => this.retryUpload(id),
  };

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
      // Someone else signed in: the last person's confirmation (their case number) goes too.
      if (this.scope !== undefined && scope !== this.scope) this.created = undefined;
      this.scope = scope;
      const draft = loadDraft(this.storage, this.storageKey(setup)!, isCreateDraft);
      this.values = draft ? restoreValues(setup.schema, draft.values) : emptyValues(setup.schema);
      this.idempotencyKey = draft?.key ?? newIdempotencyKey();
      this.files.restore(setup.schema.features.attachments ? (draft?.files ?? []) : [], this.i18n);
      this.draftRestored = !!draft && !this.pristine(setup);
      this.errors = {};
      this.formError = '';
    }
  }

  // ---- drafts ----

  private get storage(): Storage | null {
    return resolveDraftStorage(this.draftStorage);
  }

  private storageKey(setup: PortalSetup | undefined = this.setup.value): string | null {
    if (!setup) return null;
    return this.draftId ? draftKey('create', setup.viewer.id, this.draftId) : draftKey('create', setup.viewer.id);
  }

  /** Nothing typed, picked or attached. */
  private pristine(setup: PortalSetup): boolean {
    return !!this.values && isPristine(setup.schema, this.values) && this.files.items.length === 0;
  }

  private persist(): void {
    const key = this.storageKey();
    const setup = this.setup.value;
    if (!key || !setup || !this.values) return;
    if (this.pristine(setup)) {
      clearDraft(this.storage, key);
      return;
    }
    const files = this.files.saved();
    const draft: CreateDraft = { values: this.values, key: this.idempotencyKey, ...(files.length ? { files } : {}) };
    saveDraft(this.storage, key, draft);
  }

  // ---- attachments ----

  private pickFiles(files: File[]): void {
    const setup = this.setup.value;
    if (!setup || files.length === 0) return;
    this.files.add(files, this.uploadDeps(setup));
    if (this.formError && !this.files.block) this.formError = '';
  }

  private retryUpload(id: number): void {
    const setup = this.setup.value;
    if (setup) this.files.retry(id, this.uploadDeps(setup));
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
    this.files.reset();
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
    const block = this.files.block;
    if (block) {
      this.formError = this.t(block === 'uploading' ? 'create.files.wait' : 'create.files.fix');
      return;
    }
    this.formError = '';
    const attachmentIds = this.files.attachmentIds;
    this.submitting = true;
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    // Persist the key with the values before sending: a reload after a lost response retries safely.
    this.persist();
    try {
      const input = buildInput(setup.schema, values);
      if (attachmentIds.length) input.attachmentIds = attachmentIds;
      const record = await setup.adapter.createCase(input, {
        idempotencyKey: this.idempotencyKey,
        signal: ac.signal,
      });
      const key = this.storageKey(setup);
      if (key) clearDraft(this.storage, key);
      this.values = emptyValues(setup.schema);
      this.files.reset();
      this.idempotencyKey = newIdempotencyKey();
      this.draftRestored = false;
      await this.showCreated(record);
    } catch (err) {
      if (isAbortError(err) || ac.signal.aborted) return;
      const message = this.failureText(err, 'createCase', setup.schema);
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

  /** Either form made the case: the confirmation replaces it (and takes focus), and the host hears of it. */
  private async showCreated(record: CaseRecord): Promise<void> {
    this.created = record;
    this.dispatchEvent(new CaseCreatedEvent(record));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus();
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
    if (this.web.active) {
      void this.updateComplete.then(() => this.web.focusFirstControl());
      return;
    }
    this.resetForm();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${idFor('subject')}`)?.focus());
  }

  // ---- rendering ----

  protected override render(): unknown {
    if (this.web.active) {
      const status = this.renderWithSetup((setup) => this.web.renderStatus(setup));
      return renderWebMode(this.i18n, this.web.submitting, status, this.created ? this.renderCreated(this.created) : nothing);
    }
    return this.renderWithSetup((setup) => this.renderReady(setup));
  }

  private renderReady(setup: PortalSetup): unknown {
    if (this.created) return this.renderCreated(this.created);
    const denied = createDenied(setup);
    if (denied) return renderDenied((k, p) => this.t(k, p), denied);
    const values = this.values;
    if (!values) return this.renderLoading();
    return renderSchemaForm(
      {
        schema: setup.schema,
        values,
        errors: this.errors,
        formError: this.formError,
        submitting: this.submitting,
        draftRestored: this.draftRestored,
        i18n: this.i18n,
        drop: this.drop,
        files: this.files,
      },
      this.formActions,
    );
  }

  private renderCreated(record: CaseRecord): unknown {
    return renderConfirmation(record, (k, p) => this.t(k, p), {
      open: () => this.openCreated(),
      another: () => this.createAnother(),
    });
  }
}
