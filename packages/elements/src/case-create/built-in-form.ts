import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  isAbortError,
  keyForRequest,
  newIdempotencyKey,
  toAdapterError,
  type KeyedRequest,
  type CaseRecord,
  type FieldValue,
  type PortalSchema,
} from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import type { Translate } from '../shared/field-controls.js';
import type { I18n } from '../i18n/i18n.js';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../shared/drafts.js';
import { UploadQueue, type UploadDeps } from '../shared/attachments/upload-queue.js';
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
import { isCreateDraft, type CreateDraft, type SchemaFormActions } from './schema-form.js';

export interface BuiltInFormDeps {
  setup(): PortalSetup | undefined;
  i18n(): I18n;
  /** Where the draft is kept; null keeps none. */
  storage(): Storage | null;
  /** The `draft-id` attribute: names the draft when set. */
  draftId(): string | undefined;
  failureText(e: unknown, operation: string, schema: PortalSchema): string;
  uploadDeps(setup: PortalSetup): UploadDeps;
  /** Another customer signed in: their predecessor's confirmation goes. */
  viewerChanged(): void;
  /** The case exists: the element shows the confirmation and tells the host. */
  created(record: CaseRecord): Promise<void>;
  /** Focus on the first field with a problem (else, when asked, the submit button) after the next render. */
  focusFirstInvalid(orSubmit: boolean): void;
}

/**
 * The built-in new-case form of <case-create>: its values, field errors and form message, the
 * picked files, the draft (per viewer, or per `draft-id`) and one idempotency key per request,
 * kept with the draft, so a retry, a double click or a reload after a lost answer makes one case;
 * values or files changed after an attempt (a validation error fixed) go under a new key.
 * Submit checks the values with the schema's rules, waits for uploads, sends, and on failure
 * puts the backend's field errors beside the fields. Every change re-renders the host.
 */
export class BuiltInForm implements ReactiveController {
  values?: CreateFormValues;
  errors: Record<string, string> = {};
  formError = '';
  submitting = false;
  /** A draft was restored (the form says so, with "Start over"). */
  draftRestored = false;
  /** Files picked for the new case; kept with its draft. */
  readonly files: UploadQueue;

  private key: KeyedRequest = { key: newIdempotencyKey() };
  private abort?: AbortController;
  /** viewer the current values belong to. */
  private scope?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: BuiltInFormDeps,
  ) {
    this.files = new UploadQueue(host, () => this.persist());
    host.addController(this);
  }

  /** What the form's view calls. */
  readonly actions: SchemaFormActions = {
    submit: (e) => void this.submit(e),
    reset: () => this.reset(),
    setBuiltIn: (name, value) => this.setBuiltIn(name, value),
    setField: (key, value) => this.setField(key, value),
    pickFiles: (files) => this.pickFiles(files),
    removeFile: (id) => this.files.remove(id),
    retryUpload: (id) => this.retryUpload(id),
  };

  hostUpdate(): void {
    const setup = this.deps.setup();
    if (!setup) return;
    const scope = setup.viewer.id;
    if (scope === this.scope && this.values) return;
    if (this.scope !== undefined && scope !== this.scope) this.deps.viewerChanged();
    this.scope = scope;
    const draft = loadDraft(this.deps.storage(), this.storageKey(setup), isCreateDraft);
    this.values = draft ? restoreValues(setup.schema, draft.values) : emptyValues(setup.schema);
    this.key = draft ? { key: draft.key, ...(draft.sentAs ? { sentAs: draft.sentAs } : {}) } : { key: newIdempotencyKey() };
    this.files.restore(setup.schema.features.attachments ? (draft?.files ?? []) : [], this.deps.i18n());
    this.draftRestored = !!draft && !this.pristine(setup);
    this.errors = {};
    this.formError = '';
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Starts over: empty form, fresh idempotency key, no draft. */
  reset(): void {
    const setup = this.deps.setup();
    if (!setup) return;
    this.values = emptyValues(setup.schema);
    this.key = { key: newIdempotencyKey() };
    this.files.reset();
    this.errors = {};
    this.formError = '';
    this.draftRestored = false;
    clearDraft(this.deps.storage(), this.storageKey(setup));
    this.host.requestUpdate();
  }

  pickFiles(files: File[]): void {
    const setup = this.deps.setup();
    if (!setup || files.length === 0) return;
    this.files.add(files, this.deps.uploadDeps(setup));
    if (this.formError && !this.files.block) this.formError = '';
    this.host.requestUpdate();
  }

  private get t(): Translate {
    const i18n = this.deps.i18n();
    return (key, params) => i18n.t(key, params);
  }

  // ---- drafts ----

  private storageKey(setup: PortalSetup): string {
    const id = this.deps.draftId();
    return id ? draftKey('create', setup.viewer.id, id) : draftKey('create', setup.viewer.id);
  }

  /** Nothing typed, picked or attached. */
  private pristine(setup: PortalSetup): boolean {
    return !!this.values && isPristine(setup.schema, this.values) && this.files.items.length === 0;
  }

  private persist(): void {
    const setup = this.deps.setup();
    if (!setup || !this.values) return;
    const key = this.storageKey(setup);
    if (this.pristine(setup)) {
      clearDraft(this.deps.storage(), key);
      return;
    }
    const files = this.files.saved();
    const draft: CreateDraft = { values: this.values, ...this.key, ...(files.length ? { files } : {}) };
    saveDraft(this.deps.storage(), key, draft);
  }

  // ---- editing ----

  private retryUpload(id: number): void {
    const setup = this.deps.setup();
    if (setup) this.files.retry(id, this.deps.uploadDeps(setup));
  }

  private setBuiltIn(name: BuiltInKey, value: string): void {
    if (!this.values) return;
    this.values = { ...this.values, [name]: value };
    this.clearError(name);
    this.persist();
    this.host.requestUpdate();
  }

  private setField(key: string, value: FieldValue): void {
    if (!this.values) return;
    this.values = { ...this.values, fields: { ...this.values.fields, [key]: value } };
    this.clearError(fieldErrorKey(key));
    this.persist();
    this.host.requestUpdate();
  }

  private clearError(errorKey: string): void {
    if (!(errorKey in this.errors)) return;
    const { [errorKey]: _removed, ...rest } = this.errors;
    this.errors = rest;
  }

  // ---- submitting ----

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const setup = this.deps.setup();
    const values = this.values;
    if (!setup || !values || this.submitting) return;
    const t = this.t;
    const errors = validate(setup.schema, values, t);
    this.errors = errors;
    this.host.requestUpdate();
    if (Object.keys(errors).length > 0) {
      this.formError = t('create.invalid');
      this.deps.focusFirstInvalid(false);
      return;
    }
    const block = this.files.block;
    if (block) {
      this.formError = t(block === 'uploading' ? 'create.files.wait' : 'create.files.fix');
      return;
    }
    this.formError = '';
    const attachmentIds = this.files.attachmentIds;
    this.submitting = true;
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    const input = buildInput(setup.schema, values);
    if (attachmentIds.length) input.attachmentIds = attachmentIds;
    // The same case as the last attempt keeps its key, a changed one gets a new key; both are
    // persisted with the values before sending: a reload after a lost response retries safely.
    this.key = keyForRequest(this.key, input);
    this.persist();
    try {
      const record = await setup.adapter.createCase(input, { idempotencyKey: this.key.key, signal: ac.signal });
      clearDraft(this.deps.storage(), this.storageKey(setup));
      this.values = emptyValues(setup.schema);
      this.files.reset();
      this.key = { key: newIdempotencyKey() };
      this.draftRestored = false;
      this.host.requestUpdate();
      await this.deps.created(record);
    } catch (err) {
      if (isAbortError(err) || ac.signal.aborted) return;
      const message = this.deps.failureText(err, 'createCase', setup.schema);
      const { byKey, unmatched } = mapServerErrors(setup.schema, toAdapterError(err).fieldErrors);
      this.errors = byKey;
      this.formError = [message, ...unmatched].join(' ');
      // Rendered before focus moves: the field with the backend's message gets it.
      this.host.requestUpdate();
      this.deps.focusFirstInvalid(true);
    } finally {
      if (this.abort === ac) {
        this.submitting = false;
        this.host.requestUpdate();
      }
    }
  }
}
