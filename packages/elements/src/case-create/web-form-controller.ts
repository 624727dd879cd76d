/**
 * Web-form mode of <case-create>, the part that needs an element: finding the editor's `<form>`
 * (a child, or `form="id"`), owning it while it is in use (listeners, `novalidate`, `hidden`,
 * disabled submit buttons) and giving it back as it was, the draft and idempotency key of each
 * fill, the messages beside its controls and the summary, and sending the case. The logic that
 * needs no element is in `web-form.ts`; what it renders is in `web-form-view.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  isAbortError,
  newIdempotencyKey,
  toAdapterError,
  type Attachment,
  type CaseRecord,
  type PortalSchema,
} from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import type { Translate } from '../shared/field-controls.js';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../shared/drafts.js';
import { createDenied } from './create-view.js';
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
  restoreDraftValues,
  scanWebForm,
  validateWebForm,
  webFormInput,
  type PickedFile,
  type WebFormDraft,
  type WebFormScan,
} from './web-form.js';
import { reportEditorProblems } from '../shared/failure.js';
import { renderWebStatus, type SummaryItem, type WebSubmitting } from './web-form-view.js';

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
  private form?: HTMLFormElement;
  private errors: Record<string, string> = {};
  /** Server messages without a control in the form: shown in the summary only. */
  private extra: string[] = [];
  /** "invalid" goes away with the last field problem; a failure's message stays until the next attempt. */
  private messageKind: 'invalid' | 'failure' = 'invalid';
  /** One key per fill of the editor's form, kept with its draft. */
  private key = newIdempotencyKey();
  /** viewer + form the draft was restored for. */
  private scope?: string;
  private abort?: AbortController;
  private hadNoValidate = false;
  private hidForm = false;
  private disabled: (HTMLButtonElement | HTMLInputElement)[] = [];
  private readonly messages = new FieldMessages();
  /** Uploaded files, so a retry after a failure does not send them again. */
  private readonly uploads = new WeakMap<File, Attachment>();
  private childObserver?: MutationObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly deps: WebFormHost,
  ) {
    host.addController(this);
  }

  /** True while an editor's form is in use: the element renders web-form mode. */
  get active(): boolean {
    return !!this.form;
  }

  get submitting(): WebSubmitting {
    return this.view.submitting;
  }

  private readonly t: Translate = (key, params) => this.deps.i18n().t(key, params);

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
    const form = this.form;
    const setup = this.deps.setup();
    if (!form) return;
    const hide = !!this.deps.created() || (!!setup && !!createDenied(setup));
    if (hide && !form.hidden) {
      form.hidden = true;
      this.hidForm = true;
    } else if (!hide && this.hidForm) {
      form.hidden = false;
      this.hidForm = false;
    }
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

  /** The `<form>` named by `form="id"` in this element's root, else a `<form>` child, else none. */
  private resolve(): HTMLFormElement | undefined {
    const host = this.host;
    if (!host.isConnected) return undefined;
    const formId = this.deps.formId();
    if (formId) {
      const root = host.getRootNode() as Document | ShadowRoot;
      const found = root.getElementById?.(formId);
      if (found instanceof HTMLFormElement) return found;
      if (document.readyState !== 'loading') {
        reportEditorProblems(host, 'web-form', [`No <form id="${formId}"> found: showing the built-in form.`]);
      }
      return undefined;
    }
    return [...host.children].find((el): el is HTMLFormElement => el instanceof HTMLFormElement);
  }

  private sync(): void {
    const form = this.resolve();
    if (form === this.form) return;
    this.detach();
    // Another form (or the built-in one) starts fresh: a confirmation belonged to the old one.
    this.deps.forgetCreated();
    if (form) this.attach(form);
  }

  private attach(form: HTMLFormElement): void {
    this.form = form;
    // Our messages replace the browser's bubbles, which would race with them.
    this.hadNoValidate = form.hasAttribute('novalidate');
    form.noValidate = true;
    form.addEventListener('submit', this.onSubmit);
    form.addEventListener('input', this.onEdit);
    form.addEventListener('change', this.onEdit);
    form.addEventListener('reset', this.onReset);
    this.scope = undefined;
    this.clearStatus();
    this.host.requestUpdate();
  }

  /** Gives the form back as it was: listeners, novalidate, hidden, messages, disabled buttons. */
  private detach(): void {
    const form = this.form;
    if (!form) return;
    this.abort?.abort();
    this.endSubmit(form);
    form.removeEventListener('submit', this.onSubmit);
    form.removeEventListener('input', this.onEdit);
    form.removeEventListener('change', this.onEdit);
    form.removeEventListener('reset', this.onReset);
    if (!this.hadNoValidate) form.removeAttribute('novalidate');
    if (this.hidForm) form.hidden = false;
    this.hidForm = false;
    this.messages.dispose();
    this.form = undefined;
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

  /**
   * The draft's name: `draft-id`, else the form's id or name, else the page path and which
   * `<case-create>` of the page this is (the first keeps the bare path, as drafts saved before).
   */
  private draftKey(setup: PortalSetup, form: HTMLFormElement): string {
    const named = this.deps.draftId() || form.id || form.getAttribute('name');
    if (named) return draftKey('create-form', setup.viewer.id, named);
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const place = [...root.querySelectorAll(this.host.localName)].indexOf(this.host);
    return draftKey('create-form', setup.viewer.id, place > 0 ? `${location.pathname}#${place}` : location.pathname);
  }

  /** Once the schema is known: tell the editor what does not map, and restore the draft with its key. */
  private start(setup: PortalSetup, form: HTMLFormElement): void {
    const scan = scanWebForm(form, setup.schema);
    reportEditorProblems(this.host, 'web-form', scan.problems);
    const draft = loadDraft(this.deps.storage(), this.draftKey(setup, form), isWebFormDraft);
    this.key = draft?.key ?? newIdempotencyKey();
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
      const draft: WebFormDraft = { key: this.key, values: draftValues(scan), files: pickedFileNames(scan) };
      saveDraft(this.deps.storage(), key, draft);
    } else {
      clearDraft(this.deps.storage(), key);
    }
  }

  // ---- messages: beside the controls, and the summary ----

  /** No messages, no summary, no restored-draft notice. */
  private clearStatus(): void {
    this.errors = {};
    this.extra = [];
    this.setView({ summary: [], message: '', restored: undefined });
  }

  private label(scan: WebFormScan, key: string, setup: PortalSetup): string {
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
  private showErrors(
    scan: WebFormScan,
    errors: Record<string, string>,
    message: string,
    kind: 'invalid' | 'failure',
    extra: string[] = [],
  ): void {
    for (const key of this.messages.shown) if (!(key in errors)) this.messages.clear(key);
    for (const [key, text] of Object.entries(errors)) {
      const entry = scan.entries.get(key);
      if (entry) this.messages.show(key, entry.controls, text);
    }
    this.errors = errors;
    this.extra = extra;
    this.setView({ message });
    this.messageKind = kind;
    this.updateSummary(scan);
  }

  /** One field's message changed (fixed, or a different problem now). */
  private setError(scan: WebFormScan, key: string, message: string | undefined): void {
    const errors = { ...this.errors };
    const entry = scan.entries.get(key);
    if (message) {
      errors[key] = message;
      if (entry) this.messages.show(key, entry.controls, message);
    } else {
      delete errors[key];
      this.messages.clear(key);
    }
    this.errors = errors;
    this.updateSummary(scan);
  }

  /** The summary lists problems in the form's order, then those without a control. */
  private updateSummary(scan: WebFormScan): void {
    const setup = this.deps.setup();
    if (!setup) return;
    const order = [...scan.entries.keys()];
    const keys = Object.keys(this.errors).sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    });
    this.setView({
      summary: [
        ...keys.map((key) => ({
          key,
          text: this.t('create.webform.item', { label: this.label(scan, key, setup), message: this.errors[key]! }),
          focusable: !!focusTarget(scan.entries.get(key)),
        })),
        ...this.extra.map((text) => ({ key: '', text, focusable: false })),
      ],
    });
    if (keys.length === 0 && this.messageKind === 'invalid') this.setView({ message: '' });
  }

  private focusError(scan: WebFormScan): void {
    for (const entry of scan.entries.values()) {
      if (!(entry.key in this.errors)) continue;
      const target = focusTarget(entry);
      if (target) {
        target.focus();
        return;
      }
    }
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
          if (fileEntry.kind === 'file') this.setError(scan, fileEntry.key, errors[fileEntry.key]);
        }
      }
    } else if (entry && entry.key in this.errors) {
      const errors = validateWebForm(setup.schema, readWebForm(form, setup.schema, scan), scan, this.t);
      this.setError(scan, entry.key, errors[entry.key]);
    }
    this.saveDraft(false);
  };

  /** A reset (the editor's reset button, "Clear form", or after success) starts a new fill: new key, no draft. */
  private readonly onReset = (e: Event): void => {
    if (this.view.submitting) {
      e.preventDefault();
      return;
    }
    this.messages.clearAll();
    this.clearStatus();
    this.key = newIdempotencyKey();
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
    this.disabled = [...form.elements].filter(
      (el): el is HTMLButtonElement | HTMLInputElement =>
        ((el instanceof HTMLButtonElement && el.type === 'submit') ||
          (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image'))) &&
        !el.disabled,
    );
    for (const button of this.disabled) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
  }

  /** Not busy any more: the buttons this controller disabled work again. */
  private endSubmit(form: HTMLFormElement): void {
    this.abort = undefined;
    this.setView({ submitting: false });
    for (const button of this.disabled) button.disabled = false;
    this.disabled = [];
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
      this.showErrors(scan, errors, t('create.invalid'), 'invalid');
      this.focusError(scan);
      return;
    }
    this.showErrors(scan, {}, '', 'invalid');
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
      this.setView({ submitting: 'creating' });
      const input = webFormInput(setup.schema, values);
      if (attachmentIds.length > 0) input.attachmentIds = attachmentIds;
      const record = await setup.adapter.createCase(input, { idempotencyKey: this.key, signal: ac.signal });
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
        (key) => this.label(fresh, key, setup),
        t,
      );
      if (failedFile && !byKey[failedFile]) byKey[failedFile] = message;
      this.showErrors(fresh, byKey, message, 'failure', unmatched);
      this.focusError(fresh);
    } finally {
      if (this.abort === ac) this.endSubmit(form);
    }
  }
}
