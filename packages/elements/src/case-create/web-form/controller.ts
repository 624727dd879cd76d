/**
 * Web-form mode of <case-create>, the part that needs an element: finding the editor's `<form>`
 * (a child, or `form="id"`), owning it while it is in use (listeners, `novalidate`, `hidden`,
 * disabled submit buttons) and giving it back as it was, the draft and idempotency key of each
 * fill, and sending the case. Beside it in this folder, what needs no element: control names
 * (`names.ts`), values and checks (`values.ts`), files (`files.ts`), the draft (`drafts.ts`), the
 * messages beside the controls (`field-messages.ts`) and the summary (`errors.ts`); what it
 * renders is in `view.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  isAbortError,
  keyForRequest,
  newIdempotencyKey,
  toAdapterError,
  type Attachment,
  type KeyedRequest,
  type CaseRecord,
  type PortalSchema,
} from '@case-portal/core';
import type { I18n } from '../../i18n/i18n.js';
import type { PortalSetup } from '../../shared/case-element.js';
import type { Translate } from '../../shared/field-controls.js';
import { clearDraft, loadDraft, saveDraft } from '../../shared/drafts.js';
import { reportEditorProblems } from '../../shared/failure.js';
import { createDenied } from '../create-view.js';
import { lockSubmitButtons } from './controls.js';
import { draftValues, isDirty, isWebFormDraft, restoreDraftValues, webFormDraftKey, type WebFormDraft } from './drafts.js';
import { OwnedForm, findEditorForm } from './owned-form.js';
import { WebFormErrors } from './errors.js';
import { firstControl, focusTarget } from './field-messages.js';
import { checkFiles, pickedFileNames, type PickedFile } from './files.js';
import { scanWebForm, type WebFormScan } from './names.js';
import { mapWebFormServerErrors, readWebForm, validateWebForm, webFormInput } from './values.js';
import { renderWebStatus, type SummaryItem, type WebSubmitting } from './view.js';

/** What the controller needs from its element. */
export interface WebFormHost {
  /** The `form` attribute: the id of the form to use instead of a `<form>` child. */
  formId(): string | undefined;
  /** The `draft-id` attribute: names the draft when set. */
  draftId(): string | undefined;
  /** Adapter, schema and viewer, once loaded. */
  setup(): PortalSetup | undefined;
  i18n(): I18n;
  /** Where drafts are kept; null keeps none. */
  storage(): Storage | null;
  /** The text for a failure; fires `case-error`. */
  failureText(e: unknown, operation: string, schema: PortalSchema): string;
  /** The case the confirmation shows, if one does. */
  created(): CaseRecord | undefined;
  /** Takes the confirmation away. */
  forgetCreated(): void;
  /** The case exists: shows the confirmation (and focuses it), fires `case-created`. */
  showCreated(record: CaseRecord): Promise<void>;
}

/** What the element renders from this controller; every change re-renders it. */
interface WebFormView {
  summary: SummaryItem[];
  message: string;
  submitting: WebSubmitting;
  restored: { files: string[] } | undefined;
}

export class WebFormController implements ReactiveController {
  private view: WebFormView = { summary: [], message: '', submitting: false, restored: undefined };
  /** The editor's form this element owns; undefined = the built-in form. */
  private owned?: OwnedForm;
  /**
   * One key per request of a fill of the editor's form (the same values and files keep it, a
   * changed form after a failure gets a new one), kept with its draft.
   */
  private key: KeyedRequest = { key: newIdempotencyKey() };
  /** viewer + form the draft was restored for. */
  private scope?: string;
  private abort?: AbortController;
  /** Gives the submit buttons disabled while sending back. */
  private unlock?: () => void;
  /** Uploaded files, so a retry after a failure does not send them again. */
  private readonly uploads = new WeakMap<File, Attachment>();
  /** One idempotency key per picked file, for every attempt to upload it: a lost answer leaves no orphan. */
  private readonly uploadKeys = new WeakMap<File, string>();
  private childObserver?: MutationObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: WebFormHost,
  ) {
    host.addController(this);
  }

  private get form(): HTMLFormElement | undefined {
    return this.owned?.form;
  }

  /** True while an editor's form is in use: the element renders web-form mode. */
  get active(): boolean {
    return !!this.form;
  }

  get submitting(): WebSubmitting {
    return this.view.submitting;
  }

  private readonly t: Translate = (key, params) => this.deps.i18n().t(key, params);
  private readonly errors = new WebFormErrors(this.t, () => this.deps.setup(), (change) => this.setView(change));

  /** Changes what the element renders, and asks it to render again when anything changed. */
  private setView(patch: Partial<WebFormView>): void {
    const changed = (Object.keys(patch) as (keyof WebFormView)[]).some((k) => !Object.is(patch[k], this.view[k]));
    this.view = { ...this.view, ...patch };
    if (changed) this.host.requestUpdate();
  }

  hostConnected(): void {
    // An editor (or a CMS preview) may add the <form> child after the element is on the page.
    this.childObserver ??= new MutationObserver(() => this.host.requestUpdate());
    this.childObserver.observe(this.host, { childList: true });
    // Take the form before anything can submit it natively.
    this.sync();
    // form="id" may name a form further down the page than this element.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', this.onPageParsed, { once: true });
  }

  hostDisconnected(): void {
    this.childObserver?.disconnect();
    document.removeEventListener('DOMContentLoaded', this.onPageParsed);
    this.detach();
  }

  hostUpdate(): void {
    this.sync();
    const setup = this.deps.setup();
    const form = this.form;
    if (!setup || !form) return;
    const scope = `${setup.viewer.id}|${this.draftKey(setup, form)}`;
    if (scope !== this.scope) {
      this.scope = scope;
      this.start(setup, form);
    }
  }

  hostUpdated(): void {
    // The editor's form hides while the confirmation shows, and when creating is not possible.
    const setup = this.deps.setup();
    this.owned?.hide(!!this.deps.created() || (!!setup && !!createDenied(setup)));
  }

  /** The status area above the editor's form. */
  renderStatus(setup: PortalSetup): unknown {
    const { restored, message, summary } = this.view;
    return renderWebStatus(
      { denied: createDenied(setup), restored, created: !!this.deps.created(), message, summary },
      this.deps.i18n(),
      { clear: () => this.clear(), focus: (key) => this.focusKey(key) },
    );
  }

  /** Focus on the first control a customer can type into ("Create another"). */
  focusFirstControl(): void {
    const now = this.current();
    if (now) firstControl(now.scan)?.focus();
  }

  // ---- the form: finding, taking, giving back ----

  private readonly onPageParsed = (): void => this.host.requestUpdate();

  private sync(): void {
    const form = findEditorForm(this.host, this.deps.formId());
    if (form === this.form) return;
    this.detach();
    // Another form (or the built-in one) starts fresh: a confirmation belonged to the old one.
    this.deps.forgetCreated();
    if (form) this.attach(form);
  }

  private attach(form: HTMLFormElement): void {
    this.owned = new OwnedForm(form, { submit: this.onSubmit, input: this.onEdit, change: this.onEdit, reset: this.onReset });
    this.scope = undefined;
    this.clearStatus();
    this.host.requestUpdate();
  }

  /** Gives the form back as it was: listeners, novalidate, hidden, messages, disabled buttons. */
  private detach(): void {
    const owned = this.owned;
    if (!owned) return;
    this.abort?.abort();
    this.endSubmit(owned.form);
    owned.release();
    this.errors.dispose();
    this.owned = undefined;
    this.scope = undefined;
    this.host.requestUpdate();
  }

  /** The form, the loaded setup and the form's controls as they are now; undefined until both are there. */
  private current(): { form: HTMLFormElement; setup: PortalSetup; scan: WebFormScan } | undefined {
    const form = this.form;
    const setup = this.deps.setup();
    return form && setup ? { form, setup, scan: scanWebForm(form, setup.schema) } : undefined;
  }

  // ---- drafts ----

  private draftKey(setup: PortalSetup, form: HTMLFormElement): string {
    return webFormDraftKey(this.host, this.deps.draftId(), setup.viewer.id, form);
  }

  /** Once the schema is known: tell the editor what does not map, and restore the draft with its key. */
  private start(setup: PortalSetup, form: HTMLFormElement): void {
    const scan = scanWebForm(form, setup.schema);
    reportEditorProblems(this.host, 'web-form', scan.problems);
    const draft = loadDraft(this.deps.storage(), this.draftKey(setup, form), isWebFormDraft);
    this.key = draft ? { key: draft.key, ...(draft.sentAs ? { sentAs: draft.sentAs } : {}) } : { key: newIdempotencyKey() };
    const restored = draft ? restoreDraftValues(scan, draft.values) : 0;
    this.setView({ restored: draft && (restored > 0 || draft.files.length > 0) ? { files: draft.files } : undefined });
  }

  /** Saves the controls' values with the key; `force` even when nothing changed (before a request). */
  private saveDraft(force: boolean): void {
    const now = this.current();
    if (!now) return;
    const { form, setup, scan } = now;
    const key = this.draftKey(setup, form);
    if (force || isDirty(scan)) {
      const draft: WebFormDraft = { ...this.key, values: draftValues(scan), files: pickedFileNames(scan) };
      saveDraft(this.deps.storage(), key, draft);
    } else {
      clearDraft(this.deps.storage(), key);
    }
  }

  // ---- messages: beside the controls, and the summary (errors.ts) ----

  /** No messages, no summary, no restored-draft notice. */
  private clearStatus(): void {
    this.errors.clear();
    this.setView({ restored: undefined });
  }

  private focusKey(key: string): void {
    const now = this.current();
    if (now) focusTarget(now.scan.entries.get(key))?.focus();
  }

  // ---- the customer's edits ----

  /** Typing fixes a field: its message goes (or changes); picked files are checked at once; the draft follows. */
  private readonly onEdit = (e: Event): void => {
    const now = this.current();
    if (!now) return;
    const { form, setup, scan } = now;
    const entry = [...scan.entries.values()].find((en) => en.controls.some((c) => c === e.target));
    if (entry?.kind === 'file') {
      if (e.type === 'change') {
        const { errors } = checkFiles(scan, setup.schema.limits, this.t, this.deps.i18n().locale);
        for (const fileEntry of scan.entries.values()) {
          if (fileEntry.kind === 'file') this.errors.set(scan, fileEntry.key, errors[fileEntry.key]);
        }
      }
    } else if (entry && this.errors.has(entry.key)) {
      const errors = validateWebForm(setup.schema, readWebForm(form, setup.schema, scan), scan, this.t);
      this.errors.set(scan, entry.key, errors[entry.key]);
    }
    this.saveDraft(false);
  };

  /** A reset (the editor's reset button, "Clear form", or after success) starts a new fill: new key, no draft. */
  private readonly onReset = (e: Event): void => {
    if (this.view.submitting) {
      e.preventDefault();
      return;
    }
    this.clearStatus();
    this.key = { key: newIdempotencyKey() };
    const setup = this.deps.setup();
    if (setup && this.form) clearDraft(this.deps.storage(), this.draftKey(setup, this.form));
  };

  /** "Start over" on the restored-draft notice. */
  private clear(): void {
    this.form?.reset();
    this.focusFirstControl();
  }

  // ---- sending ----

  private readonly onSubmit = (e: Event): void => {
    // Never the browser's navigation: the case goes through the adapter.
    e.preventDefault();
    void this.submit();
  };

  /** Busy: the form says so and its submit buttons are disabled (a double click sends once). */
  private startSubmit(form: HTMLFormElement, submitting: WebSubmitting): void {
    this.setView({ submitting });
    this.unlock = lockSubmitButtons(form);
    form.setAttribute('aria-busy', 'true');
  }

  /** Not busy any more: the buttons this controller disabled work again. */
  private endSubmit(form: HTMLFormElement): void {
    this.abort = undefined;
    this.setView({ submitting: false });
    this.unlock?.();
    this.unlock = undefined;
    form.removeAttribute('aria-busy');
  }

  private async submit(): Promise<void> {
    const form = this.form;
    const setup = this.deps.setup();
    if (!form || !setup || this.view.submitting || this.deps.created() || createDenied(setup)) return;
    const t = this.t;
    const scan = scanWebForm(form, setup.schema);
    reportEditorProblems(this.host, 'web-form', scan.problems);
    const values = readWebForm(form, setup.schema, scan);
    const files = checkFiles(scan, setup.schema.limits, t, this.deps.i18n().locale);
    const errors = { ...validateWebForm(setup.schema, values, scan, t), ...files.errors };
    if (Object.keys(errors).length > 0) {
      this.errors.show(scan, errors, t('create.invalid'), 'invalid');
      this.errors.focusFirst(scan);
      return;
    }
    this.errors.show(scan, {}, '', 'invalid');
    this.startSubmit(form, files.accepted.length > 0 ? 'uploading' : 'creating');
    // The key goes to storage with the values before the request: a reload after a lost answer retries safely.
    this.saveDraft(true);
    const ac = new AbortController();
    this.abort = ac;
    let operation = 'uploadAttachment';
    let failedFile: string | undefined;
    try {
      const attachmentIds = await Promise.all(
        files.accepted.map(async ({ file, key }: PickedFile) => {
          const known = this.uploads.get(file);
          if (known) return known.id;
          let idempotencyKey = this.uploadKeys.get(file);
          if (!idempotencyKey) this.uploadKeys.set(file, (idempotencyKey = newIdempotencyKey()));
          try {
            const attachment = await setup.adapter.uploadAttachment(file, { signal: ac.signal, idempotencyKey });
            this.uploads.set(file, attachment);
            return attachment.id;
          } catch (err) {
            failedFile ??= key;
            throw err;
          }
        }),
      );
      operation = 'createCase';
      this.setView({ submitting: 'creating' });
      const input = webFormInput(setup.schema, values);
      if (attachmentIds.length > 0) input.attachmentIds = attachmentIds;
      // The same case as the last attempt keeps its key, a changed one gets a new one; stored
      // before the request, so a reload after a lost answer resends it under the same key.
      this.key = keyForRequest(this.key, input);
      this.saveDraft(true);
      const record = await setup.adapter.createCase(input, { idempotencyKey: this.key.key, signal: ac.signal });
      if (ac.signal.aborted) return;
      this.endSubmit(form);
      // Reset → onReset: no messages, no draft, a new key for the next fill.
      form.reset();
      clearDraft(this.deps.storage(), this.draftKey(setup, form));
      await this.deps.showCreated(record);
    } catch (err) {
      if (isAbortError(err) || ac.signal.aborted) return;
      const message = this.deps.failureText(err, operation, setup.schema);
      const fresh = scanWebForm(form, setup.schema);
      const { byKey, unmatched } = mapWebFormServerErrors(
        setup.schema,
        fresh,
        toAdapterError(err).fieldErrors,
        (key) => this.errors.label(fresh, key, setup),
        t,
      );
      if (failedFile && !byKey[failedFile]) byKey[failedFile] = message;
      this.errors.show(fresh, byKey, message, 'failure', unmatched);
      this.errors.focusFirst(fresh);
    } finally {
      if (this.abort === ac) this.endSubmit(form);
    }
  }
}
