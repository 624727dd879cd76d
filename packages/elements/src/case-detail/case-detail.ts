import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { availableActions, isAbortError, type ActionMap, type CaseRecord, type Message } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import { CaseMessageSentEvent, CaseUpdatedEvent, type CaseUpdateKind } from '../events.js';
import { CaseLinkingElement } from '../shared/case-linking-element.js';
import { retryAtOf } from '../shared/failure.js';
import { DEFAULT_URL_PREFIX } from '../shared/url-route.js';
import { loadUrlSync } from '../shared/url-sync-loader.js';
import { LiveCaseController } from '../shared/controllers/live-case.js';
import { TickController } from '../shared/controllers/tick.js';
import type { UploadDeps } from '../shared/attachments/upload-queue.js';
import { attachmentStyles } from '../styles/attachments.js';
import { fieldControlStyles } from '../styles/field-controls.js';
import { renderActions } from './actions.js';
import { FileAdder } from './add-files.js';
import { CaseExtras } from './case-extras.js';
import { renderDeadlines } from './deadlines.js';
import { DetailTemplateController, type DetailPart } from './detail-template.js';
import { DialogController } from './dialog-controller.js';
import { renderFeedback } from './feedback.js';
import { FeedbackForm } from './feedback-form.js';
import { renderFiles } from './files.js';
import { renderProfile } from './profile.js';
import { renderBuiltInLayout, renderDescription } from './layout.js';
import { renderHistory, renderStages } from './progress.js';
import { renderRelated } from './related.js';
import { ParticipantEditor } from './participants.js';
import { UrlCaseController } from './url-case.js';
import type { DetailView } from './view.js';
import { detailStyles } from './case-detail.styles.js';
import { detail } from '../i18n/en/detail.js';
import { field } from '../i18n/en/field.js';
import { attachments } from '../i18n/en/attachments.js';
import { addMessages } from '../i18n/en.js';

// This element's text joins the English catalog when its code loads (i18n/en.ts).
addMessages(detail, field, attachments);

/**
 * One case: its profile, deadlines, progress, files, related cases and every lifecycle action the
 * policy allows (edit, close, cancel, reopen, complain, rate), with the conversation below.
 * A CMS editor may replace the layout with a `<template>` (see DetailTemplateController).
 *
 * @fires case-updated - an action succeeded (detail: case, action: update | close | cancel | reopen | feedback | attach)
 * @fires case-message-sent - a complaint was posted from the complaint dialog
 * @fires case-select - a related case was chosen; cancelable (detail: caseId)
 * @fires case-error - loading or an action failed (detail: error, operation, message)
 *
 * @csspart header - the case's heading: number, title and status
 * @csspart title - the subject
 * @csspart number - the case number
 * @csspart status - the status chip (data-category holds the status category)
 * @csspart layout - the two columns below the header
 * @csspart main - the wide column: description, actions, feedback, conversation
 * @csspart side - each of the side column's two blocks (`summary` and `more`)
 * @csspart summary - the side block that comes before the conversation on a phone: deadlines, profile, people copied
 * @csspart more - the side block that comes after it: files, related cases, history
 * @csspart description - the case's description
 * @csspart profile - the case's fields (service, category, priority, custom fields…)
 * @csspart deadlines - the SLA deadlines
 * @csspart deadline - one deadline (data-state: met, due, soon, overdue…)
 * @csspart deadline-{state} - a deadline by its state, e.g. `deadline-overdue`
 * @csspart progress - the progress section: stages and history
 * @csspart stages - the list of lifecycle stages
 * @csspart stage - one stage (data-state: done, current, next)
 * @csspart stage-{state} - a stage by its state, e.g. `stage-current`
 * @csspart history - the history list (status changes and who copied whom), newest first
 * @csspart history-entry - one entry (`data-kind`: status, participant-added, participant-removed)
 * @csspart history-participant - an entry saying who copied or stopped copying someone
 * @csspart history-error - why the history could not be loaded
 * @csspart files - the case's files section
 * @csspart file-list - the list of the case's files
 * @csspart file - one file
 * @csspart add-files - the area for adding files to the case
 * @csspart attach-button - "Add files" once files are picked
 * @csspart attachment-picker - the picker of files to add: button, limits and list
 * @csspart pick-files-button - "Attach files"
 * @csspart attachment-hint - the limits ("Up to 40 MB per file…")
 * @csspart pending-files - the list of picked files
 * @csspart pending-file - one picked file (`data-state`: uploading, uploaded, refused, failed, missing)
 * @csspart upload-progress - a file's <progress>
 * @csspart file-error - why a file was refused or failed
 * @csspart attachment - a file link (or its name when its URL is not safe)
 * @csspart attachment-size - a file's size
 * @csspart related - the related cases section
 * @csspart related-case - one related case
 * @csspart participants - the people copied on the case
 * @csspart participant-list - the list of people copied
 * @csspart participant - one person copied
 * @csspart participant-remove - the button that stops copying one person
 * @csspart participant-form - the requester's form to copy someone
 * @csspart participant-add - the button that copies the address typed
 * @csspart participant-colleague - the colleague picker
 * @csspart participant-error - why the last change was refused
 * @csspart participant-limit - the line saying the limit is reached
 * @csspart actions - the lifecycle actions (edit, close, cancel, reopen, complain)
 * @csspart action - one action button
 * @csspart action-{kind} - an action by kind: `action-update`, `action-close`, `action-cancel`, `action-reopen`, `action-complain`
 * @csspart deny-reason - why an action is not possible now
 * @csspart reopen-hint - how long a finished case may still be reopened
 * @csspart feedback - the rating form of a finished case
 * @csspart feedback-given - the rating once given
 * @csspart feedback-submit - "Send rating"
 * @csspart dialog - an action's <dialog>
 * @csspart dialog-{kind} - a dialog by kind, e.g. `dialog-close`
 * @csspart dialog-error - why the action failed, inside the dialog
 * @csspart dialog-submit - the dialog's confirm button
 * @csspart field - a field in the edit dialog; also `field-{key}`
 * @csspart field-{key} - a field by its key, e.g. `field-subject`
 * @csspart label - a field's label (or legend for a group)
 * @csspart required-mark - the visible "*"
 * @csspart input - a text, number, date, email or url input
 * @csspart textarea - a multi-line input
 * @csspart select - a choice
 * @csspart checkbox - a checkbox
 * @csspart group - a group of choices (fieldset)
 * @csspart help - a field's help text
 * @csspart field-error - the message beside a field
 * @csspart changed-elsewhere - "Changed elsewhere" when a live update changed the case
 * @csspart conversation - the area holding the thread
 * @csspart thread - the `<case-thread>` (style its own parts through it: `case-thread::part(…)`)
 * @csspart announcer - the visually hidden aria-live region
 * @csspart error - the error box when the case could not be loaded
 */
export class CaseDetail extends CaseLinkingElement {
  static override styles = [...CaseLinkingElement.styles, fieldControlStyles, attachmentStyles, detailStyles];
  /** The conversation it renders: registered with it, and its warm-up runs after the case view's setup. */
  static override dependencies = ['case-thread'];

  /** How often the view re-renders its clock: deadlines' "time left" must stay true while the page is open. */
  static tickMs = 30_000;

  /** The id of the case to show. */
  @property({ attribute: 'case-id' }) caseId?: string;

  /** A case the host already has: shown without a request when its id matches case-id (or no case-id is set). */
  @property({ attribute: false }) caseRecord?: CaseRecord;

  /** The id of a `<template>` in the same document (or shadow root) to lay the case out with. */
  @property() template?: string;

  /**
   * Show the case the page URL names (`?case.open=<id>`, the portal's parameter under `url-prefix`)
   * and follow back/forward: a case page that a list's `case-url="…?case.open={id}"` links to,
   * with no script. A `case-id` attribute wins.
   */
  @property({ type: Boolean, attribute: 'url-state' }) urlState = false;

  /** Prefix of the URL parameter `url-state` reads (`case.` → `?case.open=`). */
  @property({ attribute: 'url-prefix' }) urlPrefix = DEFAULT_URL_PREFIX;

  /** The case as changed by this element's actions or live updates; newer than the loaded one. */
  @state() private changed?: CaseRecord;
  @state() private announcement = '';

  /** Close, cancel, reopen, complain and edit: one open at a time, with its key and conflict handling. */
  private readonly dialogs = new DialogController(this, {
    setup: () => this.setup.value,
    t: (key, params) => this.t(key, params),
    failureText: (e, operation) => this.failureText(e, operation),
    reload: () => this.reload(),
    done: (updated, action) => this.done(updated, action),
    complained: (c, message) => this.complained(c, message),
  });

  private readonly feedback = new FeedbackForm(this, {
    t: (key, params) => this.t(key, params),
    failureText: (e, operation) => this.failureText(e, operation),
    focusRating: () => this.renderRoot.querySelector<HTMLElement>('input[name=rating]')?.focus(),
    sent: (updated) => this.applied(updated, 'feedback', this.t('detail.done.feedback')),
  });
  protected readonly clock = new TickController(this, () => (this.constructor as typeof CaseDetail).tickMs);
  /** Someone else (an agent, another tab) changed the case: show it without a reload. */
  protected readonly live = new LiveCaseController(
    this,
    () => {
      const adapter = this.setup.value?.adapter;
      const caseId = this.record?.id;
      return adapter && caseId ? { adapter, caseId } : undefined;
    },
    () => void this.reload(),
  );
  private readonly files = new FileAdder(this);
  /** People copied on the case: add (address or colleague) and remove, for the requester. */
  private readonly participants = new ParticipantEditor(this, {
    report: (e, op) => this.failureText(e, op, this.setup.value?.schema),
    changed: (updated, text) => this.applied(updated, 'participants', text),
    t: (key, params) => this.t(key, params),
  });
  // Registers itself with the element (hostUpdate sets caseId from the URL).
  protected readonly urlCase = new UrlCaseController(this);

  /** With `url-state`, the code that follows back/forward loads beside the schema. */
  protected override loadsBesideSetup(): Promise<unknown> | undefined {
    return this.urlState ? loadUrlSync() : undefined;
  }
  private readonly layout = new DetailTemplateController(this);
  private templateParts: Partial<Record<DetailPart, unknown>> = {};

  private readonly caseTask = new Task(this, {
    task: async ([setup, id, given], { signal }) => {
      if (!setup) return undefined;
      if (given && (!id || given.id === id)) return given;
      if (!id) return undefined;
      return setup.adapter.getCase(id, { signal });
    },
    args: () => [this.setup.value, this.caseId, this.caseRecord] as const,
  });

  private readonly extras = new CaseExtras(this, () => ({ adapter: this.setup.value?.adapter, record: this.record }));

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.files.reset();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('caseId') || changed.has('caseRecord')) {
      const id = this.caseRecord?.id ?? this.caseId;
      if (this.changed && this.changed.id !== id) {
        this.changed = undefined;
        this.announcement = '';
        this.feedback.reset();
        this.files.reset();
        this.participants.reset();
      }
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.layout.active) this.layout.fill(this.templateParts, this.threadProps());
  }

  /** The case to show: this element's own latest change wins over what was loaded. */
  private get record(): CaseRecord | undefined {
    const loaded = this.caseTask.value;
    if (this.changed && (!loaded || this.changed.id === loaded.id) && this.changed.version >= (loaded?.version ?? 0)) {
      return this.changed;
    }
    return loaded;
  }

  /** Loads the case again quietly; a failure keeps what is shown (the next load will tell). */
  private async reload(): Promise<CaseRecord | undefined> {
    const setup = this.setup.value;
    const current = this.record;
    if (!setup || !current) return undefined;
    try {
      const fresh = await setup.adapter.getCase(current.id);
      if (this.record?.id === fresh.id && fresh.version >= (this.record?.version ?? 0)) this.changed = fresh;
      return fresh;
    } catch {
      return undefined;
    }
  }

  private view(setup: PortalSetup): DetailView {
    return { i18n: this.i18n, schema: setup.schema, timeZone: setup.viewer.timeZone, now: this.now() };
  }

  // ---- rendering ----

  protected override render(): unknown {
    return this.renderWithSetup((setup) =>
      this.caseTask.render({
        initial: () => this.renderLoading(),
        pending: () => (this.record ? this.renderCase(setup, this.record) : this.renderLoading()),
        complete: () => (this.record ? this.renderCase(setup, this.record) : nothing),
        error: (e) => this.renderLoadError(e),
      }),
    );
  }

  private renderLoadError(e: unknown): TemplateResult {
    if (isAbortError(e)) return this.renderLoading();
    return this.renderFailure(e, 'getCase', () => void this.caseTask.run());
  }

  private renderCase(setup: PortalSetup, c: CaseRecord): TemplateResult {
    const { schema, viewer } = setup;
    const v = this.view(setup);
    const actions = availableActions(c, viewer, schema, v.now);
    const parts = this.sections(setup, c, v, actions);
    const custom = this.layout.nodes(setup, this.template, this.i18n, c);
    this.templateParts = custom ? parts : {};
    if (!custom) this.layout.clear();
    return html`
      ${custom ? html`<div part="layout" class="custom-layout">${custom}</div>` : renderBuiltInLayout(c, parts, v)}
      <div class="visually-hidden" part="announcer" role="status" aria-live="polite">${this.announcement}</div>
      ${this.dialogs.render(setup, c, v) ?? nothing}
    `;
  }

  /** Every section of the case view, by the name a details template places it with. */
  private sections(setup: PortalSetup, c: CaseRecord, v: DetailView, actions: ActionMap): Record<DetailPart, unknown> {
    const { schema } = setup;
    const history = this.extras.history;
    const files = this.extras.files;
    const errorText = (task: { error: unknown }, op: string) =>
      task.error && !isAbortError(task.error) ? this.failureText(task.error, op, schema) : '';
    const deps = this.uploadDeps(setup);
    return {
      description: renderDescription(c, v),
      profile: renderProfile(c, schema, v),
      deadlines: renderDeadlines(c, v),
      stages: renderStages(c, schema, v, history.value),
      history: renderHistory(history.value, v, {
        loading: history.status === 1,
        error: errorText(history, 'listHistory'),
        retry: () => void history.run(),
        retryAt: retryAtOf(history.error),
      }),
      files: renderFiles(
        files.value ?? c.attachments,
        v,
        {
          adder: actions.attach.allowed ? this.files : null,
          limits: schema.limits,
          onPick: (list) => this.files.add(list, deps),
          onRemove: (id) => this.files.remove(id),
          onRetry: (id) => this.files.retry(id, deps),
          onAttach: () => void this.attachFiles(c, deps),
        },
        { error: errorText(files, 'listFiles'), retry: () => void files.run(), retryAt: retryAtOf(files.error) },
      ),
      participants: this.participants.render(setup.adapter, c, schema, actions.participants, v),
      related: renderRelated(this.extras.related.value, v, {
        href: (r) => this.links.href(r),
        open: (r, e) => this.links.open(r, e, e.currentTarget as Element),
      }),
      actions: renderActions(c, schema, actions, v, { busy: this.dialogs.busy, open: (kind) => this.dialogs.open(kind, c, setup) }),
      feedback: renderFeedback(c, actions.feedback, this.feedback.state, v, {
        rate: (n) => this.feedback.rate(n),
        comment: (text) => this.feedback.comment(text),
        submit: (e) => void this.feedback.submit(e, c, setup),
      }),
      thread: html`<case-thread part="thread" .caseId=${c.id} .caseRecord=${c} .adapter=${setup.adapter} .schema=${schema}
        .viewer=${setup.viewer} .locale=${this.locale} .now=${this.now} .offerComplaint=${!actions.complain.allowed}
        @case-message-sent=${this.onMessageSent}></case-thread>`,
    };
  }

  /** What a `<case-thread>` written into a details template needs. */
  private threadProps(): Record<string, unknown> {
    const setup = this.setup.value;
    const c = this.record;
    if (!setup || !c) return {};
    // The complaint is offered by this element's actions when the template places them.
    const offerComplaint = this.layout.find('[data-case-part=actions]').length === 0;
    return { caseId: c.id, caseRecord: c, adapter: setup.adapter, schema: setup.schema, viewer: setup.viewer, now: this.now, offerComplaint };
  }

  // ---- after a dialog ----

  /** This element changed the case: show the change, say it, tell the host. */
  private applied(updated: CaseRecord, kind: CaseUpdateKind, text: string): void {
    this.changed = updated;
    this.announcement = text;
    this.dispatchEvent(new CaseUpdatedEvent(updated, kind));
  }

  private async done(updated: CaseRecord, action: CaseUpdateKind): Promise<void> {
    this.dialogs.dismiss();
    this.applied(updated, action, this.t(`detail.done.${action}` as 'detail.done.close'));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  }

  private async complained(c: CaseRecord, message: Message): Promise<void> {
    this.dialogs.dismiss();
    this.announcement = this.t('detail.done.complain');
    this.dispatchEvent(new CaseMessageSentEvent(c.id, message));
    // The complaint is part of the conversation: show it there now.
    for (const thread of this.threads()) thread.refresh?.();
    await this.reload();
  }

  private threads(): { refresh?: () => void }[] {
    return [...this.renderRoot.querySelectorAll('case-thread'), ...this.layout.find('case-thread')] as { refresh?: () => void }[];
  }

  // ---- files and feedback ----

  private async attachFiles(c: CaseRecord, deps: UploadDeps): Promise<void> {
    const count = this.files.ready.length;
    const updated = await this.files.attach(c.id, deps);
    if (updated) this.applied(updated, 'attach', this.t('detail.done.attach', { count }));
  }

  /** A reply can move the case (e.g. "awaiting your reply" → "pending from agent"): load it again. */
  private onMessageSent = (): void => void this.reload();
}
