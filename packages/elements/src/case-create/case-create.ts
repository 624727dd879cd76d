import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  isAbortError,
  newIdempotencyKey,
  toAdapterError,
  type Attachment,
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
import { attachmentStyles } from '../styles/attachments.js';
import { UploadQueue, isSavedFile, type SavedFile } from '../shared/attachments/upload-queue.js';
import { FileDropController } from '../shared/attachments/drop-zone.js';
import { renderAttachmentPicker } from '../shared/attachments/attachment-picker.js';
import { createStyles } from './case-create.styles.js';
import { controlId, describedBy, fieldControl, fieldMessages, labelText, selectControl } from '../shared/field-controls.js';
import {
  FieldMessages,
  checkFiles,
  draftValues,
  entryLabel,
  firstControl,
  focusTarget,
  isDirty,
  isWebFormDraft,
  mapWebFormServerErrors,
  pickedFileNames,
  readWebForm,
  reportWebFormProblems,
  restoreDraftValues,
  scanWebForm,
  validateWebForm,
  webFormInput,
  type PickedFile,
  type WebFormDraft,
  type WebFormScan,
} from './web-form.js';

interface CreateDraft {
  values: unknown;
  key: string;
  /** The picked files: uploads whole, unfinished ones as metadata (see UploadQueue.saved). */
  files?: SavedFile[];
}

const isCreateDraft = (v: unknown): v is CreateDraft => {
  if (typeof v !== 'object' || v === null || !('values' in v)) return false;
  const d = v as CreateDraft;
  return typeof d.key === 'string' && (d.files === undefined || (Array.isArray(d.files) && d.files.every(isSavedFile)));
};

const idFor = controlId;

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
 * @csspart confirmation-title, confirmation-body, open-button, another-button - its pieces
 * @csspart denied - the explanation when creating is not possible
 * @csspart loading, error - loading line and setup error
 * @csspart status - web-form mode: the area above the editor's form (draft notice, denied, summary)
 * @csspart error-list - web-form mode: the list of problems inside `form-error`
 * @csspart error-link - web-form mode: one problem, a button that focuses its control
 * @csspart progress - web-form mode: "Creating…" while the case is being sent (role=status)
 */
export class CaseCreate extends CaseElement {
  static override styles = [...CaseElement.styles, fieldControlStyles, attachmentStyles, createStyles];

  /** Where the form draft is kept: localStorage by default; null keeps none. */
  @property({ attribute: false }) draftStorage?: Storage | null;

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

  // ---- web-form mode ----
  @state() private webSummary: { key: string; text: string; focusable: boolean }[] = [];
  @state() private webMessage = '';
  @state() private webSubmitting: 'uploading' | 'creating' | false = false;
  @state() private webRestored?: { files: string[] };
  /** The editor's form this element owns; undefined = the built-in form. */
  private webForm?: HTMLFormElement;
  private webErrors: Record<string, string> = {};
  /** Server messages without a control in the form: shown in the summary only. */
  private webExtra: string[] = [];
  /** "invalid" goes away with the last field problem; a failure's message stays until the next attempt. */
  private webMessageKind: 'invalid' | 'failure' = 'invalid';
  /** One key per fill of the editor's form, kept with its draft. */
  private webKey = newIdempotencyKey();
  /** viewer + form the draft was restored for. */
  private webScope?: string;
  private webAbort?: AbortController;
  private webHadNoValidate = false;
  private webHidForm = false;
  private webDisabled: (HTMLButtonElement | HTMLInputElement)[] = [];
  private readonly webMessages = new FieldMessages();
  private readonly webReported = new Set<string>();
  /** Uploaded files, so a retry after a failure does not send them again. */
  private readonly uploads = new WeakMap<File, Attachment>();
  private childObserver?: MutationObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    // An editor (or a CMS preview) may add the <form> child after the element is on the page.
    this.childObserver ??= new MutationObserver(() => this.requestUpdate());
    this.childObserver.observe(this, { childList: true });
    // Take the form before anything can submit it natively.
    this.syncWebForm();
    // form="id" may name a form further down the page than this element.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', this.onPageParsed, { once: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    this.childObserver?.disconnect();
    document.removeEventListener('DOMContentLoaded', this.onPageParsed);
    this.detachWebForm();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.syncWebForm();
    const setup = this.setup.value;
    if (!setup) return;
    const form = this.webForm;
    if (form) {
      const webScope = `${setup.viewer.id}|${this.webDraftKey(setup, form)}`;
      if (webScope !== this.webScope) {
        this.webScope = webScope;
        this.startWebForm(setup, form);
      }
    }
    const scope = setup.viewer.id;
    if (scope !== this.scope || !this.values) {
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
    return setup ? draftKey('create', setup.viewer.id) : null;
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
    this.files.add(files, {
      adapter: setup.adapter,
      limits: setup.schema.limits,
      i18n: this.i18n,
      report: (e, op) => this.reportError(e, op, setup.schema),
    });
    if (this.formError && !this.files.block) this.formError = '';
  }

  private retryUpload(id: number): void {
    const setup = this.setup.value;
    if (!setup) return;
    this.files.retry(id, {
      adapter: setup.adapter,
      limits: setup.schema.limits,
      i18n: this.i18n,
      report: (e, op) => this.reportError(e, op, setup.schema),
    });
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
      this.created = record;
      this.values = emptyValues(setup.schema);
      this.files.reset();
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
    if (this.webForm) {
      void this.updateComplete.then(() => this.focusFirstWebControl());
      return;
    }
    this.resetForm();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${idFor('subject')}`)?.focus());
  }

  // ---- web-form mode: the editor's <form> ----

  private readonly onPageParsed = (): void => this.requestUpdate();

  /** The `<form>` named by `form="id"` in this element's root, else a `<form>` child, else none. */
  private resolveWebForm(): HTMLFormElement | undefined {
    if (!this.isConnected) return undefined;
    if (this.formId) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const found = root.getElementById?.(this.formId);
      if (found instanceof HTMLFormElement) return found;
      if (document.readyState !== 'loading') {
        reportWebFormProblems(this, [`No <form id="${this.formId}"> found: showing the built-in form.`], this.webReported);
      }
      return undefined;
    }
    return [...this.children].find((el): el is HTMLFormElement => el instanceof HTMLFormElement);
  }

  private syncWebForm(): void {
    const form = this.resolveWebForm();
    if (form === this.webForm) return;
    this.detachWebForm();
    // Another form (or the built-in one) starts fresh: a confirmation belonged to the old one.
    this.created = undefined;
    if (form) this.attachWebForm(form);
  }

  private attachWebForm(form: HTMLFormElement): void {
    this.webForm = form;
    // Our messages replace the browser's bubbles, which would race with them.
    this.webHadNoValidate = form.hasAttribute('novalidate');
    form.noValidate = true;
    form.addEventListener('submit', this.onWebSubmit);
    form.addEventListener('input', this.onWebEdit);
    form.addEventListener('change', this.onWebEdit);
    form.addEventListener('reset', this.onWebReset);
    this.webScope = undefined;
    this.webErrors = {};
    this.webExtra = [];
    this.webSummary = [];
    this.webMessage = '';
    this.webRestored = undefined;
    this.requestUpdate();
  }

  /** Gives the form back as it was: listeners, novalidate, hidden, messages, disabled buttons. */
  private detachWebForm(): void {
    const form = this.webForm;
    if (!form) return;
    this.webAbort?.abort();
    this.webAbort = undefined;
    this.webSubmitting = false;
    this.restoreSubmitButtons();
    form.removeAttribute('aria-busy');
    form.removeEventListener('submit', this.onWebSubmit);
    form.removeEventListener('input', this.onWebEdit);
    form.removeEventListener('change', this.onWebEdit);
    form.removeEventListener('reset', this.onWebReset);
    if (!this.webHadNoValidate) form.removeAttribute('novalidate');
    if (this.webHidForm) form.hidden = false;
    this.webHidForm = false;
    this.webMessages.dispose();
    this.webForm = undefined;
    this.webScope = undefined;
    this.requestUpdate();
  }

  private webDraftKey(setup: PortalSetup, form: HTMLFormElement): string {
    return draftKey('create-form', setup.viewer.id, form.id || location.pathname);
  }

  /** Once the schema is known: tell the editor what does not map, and restore the draft with its key. */
  private startWebForm(setup: PortalSetup, form: HTMLFormElement): void {
    const scan = scanWebForm(form, setup.schema);
    reportWebFormProblems(this, scan.problems, this.webReported);
    const draft = loadDraft(this.storage, this.webDraftKey(setup, form), isWebFormDraft);
    this.webKey = draft?.key ?? newIdempotencyKey();
    const restored = draft ? restoreDraftValues(scan, draft.values) : 0;
    this.webRestored = draft && (restored > 0 || draft.files.length > 0) ? { files: draft.files } : undefined;
  }

  /** Saves the controls' values with the key; `force` even when nothing changed (before a request). */
  private saveWebDraft(force: boolean): void {
    const form = this.webForm;
    const setup = this.setup.value;
    if (!form || !setup) return;
    const key = this.webDraftKey(setup, form);
    const scan = scanWebForm(form, setup.schema);
    if (force || isDirty(scan)) {
      const draft: WebFormDraft = { key: this.webKey, values: draftValues(scan), files: pickedFileNames(scan) };
      saveDraft(this.storage, key, draft);
    } else {
      clearDraft(this.storage, key);
    }
  }

  private createDenied(setup: PortalSetup): 'create.denied.feature' | 'create.denied.permission' | null {
    if (!setup.schema.features.create) return 'create.denied.feature';
    if (!setup.viewer.permissions.includes('create')) return 'create.denied.permission';
    return null;
  }

  private webLabel(scan: WebFormScan, key: string, setup: PortalSetup): string {
    let fallback: string;
    if (key === 'subject' || key === 'description' || key === 'service' || key === 'category' || key === 'priority') {
      fallback = this.t(`create.${key}`);
    } else if (key.startsWith('fields.')) {
      const def = setup.schema.fields.find((f) => f.key === key.slice('fields.'.length));
      fallback = def?.label ?? key;
    } else if (key.startsWith('file:')) {
      fallback = this.t('create.webform.files');
    } else {
      fallback = key.replace(/^other:/, '');
    }
    return entryLabel(scan.entries.get(key), fallback);
  }

  /** Replaces every message beside the controls and the summary. */
  private showWebErrors(
    scan: WebFormScan,
    errors: Record<string, string>,
    message: string,
    kind: 'invalid' | 'failure',
    extra: string[] = [],
  ): void {
    for (const key of this.webMessages.shown) if (!(key in errors)) this.webMessages.clear(key);
    for (const [key, text] of Object.entries(errors)) {
      const entry = scan.entries.get(key);
      if (entry) this.webMessages.show(key, entry.controls, text);
    }
    this.webErrors = errors;
    this.webExtra = extra;
    this.webMessage = message;
    this.webMessageKind = kind;
    this.updateWebSummary(scan);
  }

  /** One field's message changed (fixed, or a different problem now). */
  private setWebError(scan: WebFormScan, key: string, message: string | undefined): void {
    const errors = { ...this.webErrors };
    const entry = scan.entries.get(key);
    if (message) {
      errors[key] = message;
      if (entry) this.webMessages.show(key, entry.controls, message);
    } else {
      delete errors[key];
      this.webMessages.clear(key);
    }
    this.webErrors = errors;
    this.updateWebSummary(scan);
  }

  /** The summary lists problems in the form's order, then those without a control. */
  private updateWebSummary(scan: WebFormScan): void {
    const setup = this.setup.value;
    if (!setup) return;
    const order = [...scan.entries.keys()];
    const keys = Object.keys(this.webErrors).sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    });
    this.webSummary = [
      ...keys.map((key) => ({
        key,
        text: this.t('create.webform.item', { label: this.webLabel(scan, key, setup), message: this.webErrors[key]! }),
        focusable: !!focusTarget(scan.entries.get(key)),
      })),
      ...this.webExtra.map((text) => ({ key: '', text, focusable: false })),
    ];
    if (keys.length === 0 && this.webMessageKind === 'invalid') this.webMessage = '';
  }

  private focusWebError(scan: WebFormScan): void {
    for (const entry of scan.entries.values()) {
      if (!(entry.key in this.webErrors)) continue;
      const target = focusTarget(entry);
      if (target) {
        target.focus();
        return;
      }
    }
  }

  private focusWebKey(key: string): void {
    const form = this.webForm;
    const setup = this.setup.value;
    if (!form || !setup) return;
    focusTarget(scanWebForm(form, setup.schema).entries.get(key))?.focus();
  }

  private focusFirstWebControl(): void {
    const form = this.webForm;
    const setup = this.setup.value;
    if (form && setup) firstControl(scanWebForm(form, setup.schema))?.focus();
  }

  /** Typing fixes a field: its message goes (or changes); picked files are checked at once; the draft follows. */
  private readonly onWebEdit = (e: Event): void => {
    const form = this.webForm;
    const setup = this.setup.value;
    if (!form || !setup) return;
    const scan = scanWebForm(form, setup.schema);
    const entry = [...scan.entries.values()].find((en) => en.controls.some((c) => c === e.target));
    if (entry?.kind === 'file') {
      if (e.type === 'change') {
        const { errors } = checkFiles(scan, setup.schema.limits, this.t.bind(this), this.i18n.locale);
        for (const fileEntry of scan.entries.values()) {
          if (fileEntry.kind === 'file') this.setWebError(scan, fileEntry.key, errors[fileEntry.key]);
        }
      }
    } else if (entry && entry.key in this.webErrors) {
      const errors = validateWebForm(setup.schema, readWebForm(form, setup.schema, scan), scan, this.t.bind(this));
      this.setWebError(scan, entry.key, errors[entry.key]);
    }
    this.saveWebDraft(false);
  };

  /** A reset (the editor's reset button, "Clear form", or after success) starts a new fill: new key, no draft. */
  private readonly onWebReset = (e: Event): void => {
    if (this.webSubmitting) {
      e.preventDefault();
      return;
    }
    this.webMessages.clearAll();
    this.webErrors = {};
    this.webExtra = [];
    this.webSummary = [];
    this.webMessage = '';
    this.webRestored = undefined;
    this.webKey = newIdempotencyKey();
    const setup = this.setup.value;
    if (setup && this.webForm) clearDraft(this.storage, this.webDraftKey(setup, this.webForm));
  };

  private clearWebForm(): void {
    this.webForm?.reset();
    this.focusFirstWebControl();
  }

  private readonly onWebSubmit = (e: Event): void => {
    // Never the browser's navigation: the case goes through the adapter.
    e.preventDefault();
    void this.submitWebForm();
  };

  private disableSubmitButtons(form: HTMLFormElement): void {
    this.webDisabled = [...form.elements].filter(
      (el): el is HTMLButtonElement | HTMLInputElement =>
        ((el instanceof HTMLButtonElement && el.type === 'submit') ||
          (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image'))) &&
        !el.disabled,
    );
    for (const button of this.webDisabled) button.disabled = true;
  }

  private restoreSubmitButtons(): void {
    for (const button of this.webDisabled) button.disabled = false;
    this.webDisabled = [];
  }

  private async submitWebForm(): Promise<void> {
    const form = this.webForm;
    const setup = this.setup.value;
    if (!form || !setup || this.webSubmitting || this.created || this.createDenied(setup)) return;
    const t = this.t.bind(this);
    const scan = scanWebForm(form, setup.schema);
    reportWebFormProblems(this, scan.problems, this.webReported);
    const values = readWebForm(form, setup.schema, scan);
    const files = checkFiles(scan, setup.schema.limits, t, this.i18n.locale);
    const errors = { ...validateWebForm(setup.schema, values, scan, t), ...files.errors };
    if (Object.keys(errors).length > 0) {
      this.showWebErrors(scan, errors, t('create.invalid'), 'invalid');
      this.focusWebError(scan);
      return;
    }
    this.showWebErrors(scan, {}, '', 'invalid');
    this.webSubmitting = files.accepted.length > 0 ? 'uploading' : 'creating';
    this.disableSubmitButtons(form);
    form.setAttribute('aria-busy', 'true');
    // The key goes to storage with the values before the request: a reload after a lost answer retries safely.
    this.saveWebDraft(true);
    const ac = new AbortController();
    this.webAbort = ac;
    let operation = 'uploadAttachment';
    let failedFile: string | undefined;
    try {
      const attachmentIds = await Promise.all(
        files.accepted.map(async ({ file, key }: PickedFile) => {
          const known = this.uploads.get(file);
          if (known) return known.id;
          try {
            const attachment = await setup.adapter.uploadAttachment(file, { signal: ac.signal });
            this.uploads.set(file, attachment);
            return attachment.id;
          } catch (err) {
            failedFile ??= key;
            throw err;
          }
        }),
      );
      operation = 'createCase';
      this.webSubmitting = 'creating';
      const input = webFormInput(setup.schema, values);
      if (attachmentIds.length > 0) input.attachmentIds = attachmentIds;
      const record = await setup.adapter.createCase(input, { idempotencyKey: this.webKey, signal: ac.signal });
      if (ac.signal.aborted) return;
      this.webAbort = undefined;
      this.webSubmitting = false;
      this.restoreSubmitButtons();
      form.removeAttribute('aria-busy');
      // Reset → onWebReset: no messages, no draft, a new key for the next fill.
      form.reset();
      clearDraft(this.storage, this.webDraftKey(setup, form));
      this.created = record;
      this.dispatchEvent(new CaseCreatedEvent(record));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.confirmation')?.focus();
    } catch (err) {
      if (isAbortError(err) || ac.signal.aborted) return;
      const message = this.reportError(err, operation, setup.schema);
      const fresh = scanWebForm(form, setup.schema);
      const { byKey, unmatched } = mapWebFormServerErrors(
        setup.schema,
        fresh,
        toAdapterError(err).fieldErrors,
        (key) => this.webLabel(fresh, key, setup),
        t,
      );
      if (failedFile && !byKey[failedFile]) byKey[failedFile] = message;
      this.showWebErrors(fresh, byKey, message, 'failure', unmatched);
      this.focusWebError(fresh);
    } finally {
      if (this.webAbort === ac) {
        this.webAbort = undefined;
        this.webSubmitting = false;
        this.restoreSubmitButtons();
        form.removeAttribute('aria-busy');
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The editor's form hides while the confirmation shows, and when creating is not possible.
    const form = this.webForm;
    const setup = this.setup.value;
    if (!form) return;
    const hide = !!this.created || (!!setup && !!this.createDenied(setup));
    if (hide && !form.hidden) {
      form.hidden = true;
      this.webHidForm = true;
    } else if (!hide && this.webHidForm) {
      form.hidden = false;
      this.webHidForm = false;
    }
  }

  // ---- rendering ----

  protected override render(): unknown {
    if (this.webForm) return this.renderWebMode();
    return this.renderWithSetup((setup) => this.renderReady(setup));
  }

  private renderWebMode(): TemplateResult {
    const progress =
      this.webSubmitting === 'uploading'
        ? this.t('create.webform.uploading')
        : this.webSubmitting
          ? this.t('create.submitting')
          : '';
    return html`<div class="webform">
      <div part="status" class="webform-status">${this.renderWithSetup((setup) => this.renderWebStatus(setup))}</div>
      ${this.created ? this.renderConfirmation(this.created) : nothing}
      <slot></slot>
      <p part="progress" class="progress hint" role="status">${progress}</p>
    </div>`;
  }

  private renderWebStatus(setup: PortalSetup): unknown {
    const denied = this.createDenied(setup);
    if (denied) return html`<p part="denied" class="notice">${this.t(denied)}</p>`;
    const restored = this.webRestored;
    const files = restored?.files ?? [];
    return html`${restored && !this.created
        ? html`<p part="draft-notice" class="hint draft-notice">
            <span>${this.t('create.webform.restored')}</span>
            ${files.length > 0
              ? html`<span>${this.t('create.webform.reattach', {
                  names: new Intl.ListFormat(this.i18n.locale, { type: 'conjunction' }).format(files),
                })}</span>`
              : nothing}
            <button type="button" part="reset-button" class="link" @click=${() => this.clearWebForm()}>
              ${this.t('create.reset')}
            </button>
          </p>`
        : nothing}<div part="form-error" class="form-error summary" role="alert">${this.webMessage
        ? html`<p class="summary-title">${this.webMessage}</p>`
        : nothing}${this.webSummary.length > 0
        ? html`<ul part="error-list">
            ${this.webSummary.map(
              (item) =>
                html`<li>
                  ${item.focusable
                    ? html`<button type="button" part="error-link" class="link" @click=${() => this.focusWebKey(item.key)}>
                        ${item.text}
                      </button>`
                    : item.text}
                </li>`,
            )}
          </ul>`
        : nothing}</div>`;
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
    const drop = this.drop;
    return html`<form
      part="form"
      class="drop-target"
      novalidate
      aria-label=${this.t('create.label')}
      ?data-dropping=${drop.active}
      data-drop-label=${this.t('attach.dropHere')}
      @submit=${this.onSubmit}
      @dragenter=${drop.onDragEnter}
      @dragover=${drop.onDragOver}
      @dragleave=${drop.onDragLeave}
      @drop=${drop.onDrop}
      @paste=${drop.onPaste}
    >
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
      ${schema.features.attachments ? this.renderAttachments(setup) : nothing}
      <p part="form-error" class="form-error error" role="alert">${this.formError}</p>
      <div class="actions">
        <button type="submit" part="submit" class="primary" ?disabled=${this.submitting}>
          ${this.submitting ? this.t('create.submitting') : this.t('create.submit')}
        </button>
      </div>
    </form>`;
  }

  private renderAttachments(setup: PortalSetup): TemplateResult {
    return html`<div part="field field-attachments" class="field" role="group" aria-labelledby="attachments-label">
      <span id="attachments-label" class="label">${this.t('create.files.label')}</span>
      ${renderAttachmentPicker(this.files, {
        i18n: this.i18n,
        limits: setup.schema.limits,
        inputId: 'create-files',
        droppable: true,
        disabled: this.submitting,
        onPick: (files) => this.pickFiles(files),
        onRemove: (id) => this.files.remove(id),
        onRetry: (id) => this.retryUpload(id),
      })}
    </div>`;
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
