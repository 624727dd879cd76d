import { nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CaseRecord } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import { CaseCreatedEvent } from '../events.js';
import { CaseLinkingElement } from '../shared/case-linking-element.js';
import { resolveDraftStorage } from '../shared/drafts.js';
import { fieldControlStyles } from '../styles/field-controls.js';
import { attachmentStyles } from '../styles/attachments.js';
import { FileDropController } from '../shared/attachments/drop-zone.js';
import { createStyles } from './case-create.styles.js';
import { controlId as idFor } from '../shared/field-controls.js';
import { BuiltInForm } from './built-in-form.js';
import { createDenied, renderConfirmation, renderDenied } from './create-view.js';
import { renderSchemaForm } from './schema-form.js';
import { WebFormController } from './web-form/controller.js';
import { renderWebMode } from './web-form/view.js';
import { create } from '../i18n/en/create.js';
import { field } from '../i18n/en/field.js';
import { attachments } from '../i18n/en/attachments.js';
import { addMessages } from '../i18n/en.js';

// This element's text joins the English catalog when its code loads (i18n/en.ts).
addMessages(create, field, attachments);

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
 * @fires case-select - "Open case" on the confirmation; cancelable (detail: caseId). Unless prevented, a surrounding portal opens the case, else the page goes to `case-url`
 * @fires case-error - creating failed (detail: error, operation, message); also the web form's
 *   mapping problems (operation `web-form`)
 *
 * @csspart heading - the built-in form's heading ("New case"), which names the form
 * @csspart form - the <form>
 * @csspart required-note - "Fields marked * are required."
 * @csspart draft-notice - shown when a draft was restored; holds `reset-button`
 * @csspart reset-button - "Clear form" in the draft notice: drops the draft
 * @csspart field - each field's wrapper
 * @csspart field-{key} - a field by its key: subject, description, service, category, attachments, or the custom key
 * @csspart label - a field's label (or legend for a group)
 * @csspart required-mark - the visible "*"
 * @csspart input - a text, number, date, email or url input
 * @csspart textarea - a multi-line input
 * @csspart select - a choice
 * @csspart checkbox - a checkbox
 * @csspart group - a group of choices (fieldset)
 * @csspart help - a field's help text
 * @csspart attachment-picker - the files of the new case: button, limits and list
 * @csspart pick-files-button - "Attach files"
 * @csspart attachment-hint - the limits ("Up to 40 MB per file…")
 * @csspart pending-files - the list of picked files
 * @csspart pending-file - one picked file (`data-state`: uploading, uploaded, refused, failed, missing)
 * @csspart upload-progress - a file's <progress>
 * @csspart file-error - why a file was refused, failed or must be picked again
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
export class CaseCreate extends CaseLinkingElement {
  static override styles = [...CaseLinkingElement.styles, fieldControlStyles, attachmentStyles, createStyles];

  /** Where the form draft is kept: localStorage by default; null keeps none. */
  @property({ attribute: false }) draftStorage?: Storage | null;

  /**
   * Names this form's draft, for pages with several case forms (or different forms on different
   * pages). Without it the built-in form keeps one new-case draft per signed-in customer, and an
   * editor's form is told apart by its id, else its name, else the element's place on the page.
   */
  @property({ attribute: 'draft-id' }) draftId?: string;

  @state() private created?: CaseRecord;

  /**
   * The id of a `<form>` elsewhere in the document (or shadow root) whose controls make the case
   * (web-form mode, like a `<form>` child). Re-resolved whenever it changes.
   */
  @property({ attribute: 'form' }) formId?: string;

  /** The built-in form: values, errors, files, draft and key, submit. */
  private readonly form = new BuiltInForm(this, {
    setup: () => this.setup.value,
    i18n: () => this.i18n,
    storage: () => this.storage,
    draftId: () => this.draftId,
    failureText: (e, operation, schema) => this.failureText(e, operation, schema),
    uploadDeps: (setup) => this.uploadDeps(setup),
    viewerChanged: () => (this.created = undefined),
    created: (record) => this.showCreated(record),
    focusFirstInvalid: (orSubmit) => this.focusFirstInvalid(orSubmit),
  });
  private readonly drop = new FileDropController(
    this,
    (files) => this.form.pickFiles(files),
    () => !this.form.submitting && !!this.setup.value?.schema.features.attachments,
  );

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

  private get storage(): Storage | null {
    return resolveDraftStorage(this.draftStorage);
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

  private openCreated(e: Event): void {
    if (this.created) this.links.open(this.created, e);
  }

  private createAnother(): void {
    this.created = undefined;
    if (this.web.active) {
      void this.updateComplete.then(() => this.web.focusFirstControl());
      return;
    }
    this.form.reset();
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
    const f = this.form;
    if (!f.values) return this.renderLoading();
    return renderSchemaForm(
      {
        schema: setup.schema,
        values: f.values,
        errors: f.errors,
        formError: f.formError,
        submitting: f.submitting,
        draftRestored: f.draftRestored,
        i18n: this.i18n,
        drop: this.drop,
        files: f.files,
      },
      f.actions,
    );
  }

  private renderCreated(record: CaseRecord): unknown {
    return renderConfirmation(record, (k, p) => this.t(k, p), {
      open: (e) => this.openCreated(e),
      another: () => this.createAnother(),
    });
  }
}
