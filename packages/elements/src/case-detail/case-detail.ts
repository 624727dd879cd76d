import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  availableActions,
  formatDate,
  isAbortError,
  newIdempotencyKey,
  optionLabel,
  reopenDeadline,
  statusById,
  type ActionMap,
  type Availability,
  type CaseRecord,
  type Deadline,
  type PortalSchema,
  type TransitionAction,
  type TransitionInput,
} from '@case-portal/core';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { CaseUpdatedEvent } from '../events.js';
import { attachmentLink } from '../shared/attachment-link.js';
import { formatFieldValue } from '../shared/field-format.js';
import type { MessageKey } from '../i18n/i18n.js';
import { deadlineView } from './deadlines.js';
import { detailStyles } from './case-detail.styles.js';

/** How often deadlines re-render: their "time left" must stay true while the page is open. */
const TICK_MS = 30_000;

/**
 * One case: its profile, deadlines, files and the lifecycle actions the policy allows,
 * with the conversation (<case-thread>) below.
 *
 * @fires case-updated - after a close, cancel or reopen succeeded
 * @fires case-error - when loading or an action failed
 * @csspart header, title, number, status, profile, description, deadlines, files, actions,
 *   action-close, action-cancel, action-reopen, deny-reason, dialog, thread, error, announcer
 */
export class CaseDetail extends CaseElement {
  static override styles = [...CaseElement.styles, detailStyles];

  /** The id of the case to show. */
  @property({ attribute: 'case-id' }) caseId?: string;

  /** A case the host already has: shown without a request when its id matches case-id (or no case-id is set). */
  @property({ attribute: false }) caseRecord?: CaseRecord;

  /** The case as changed by this element's own actions; newer than the loaded one. */
  @state() private changed?: CaseRecord;
  @state() private pending: TransitionAction | null = null;
  @state() private dialogError = '';
  @state() private reasonError = '';
  @state() private announcement = '';
  @state() private openDialog: TransitionAction | null = null;

  @query('dialog') private dialog?: HTMLDialogElement;

  /** One key per opened dialog, reused on retry: a retried close never closes twice. */
  private idempotencyKey = '';
  private tick?: ReturnType<typeof setInterval>;

  private readonly caseTask = new Task(this, {
    task: async ([setup, id, given], { signal }) => {
      if (!setup) return undefined;
      if (given && (!id || given.id === id)) return given;
      if (!id) return undefined;
      return setup.adapter.getCase(id, { signal });
    },
    args: () => [this.setup.value, this.caseId, this.caseRecord] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.tick = setInterval(() => this.requestUpdate(), TICK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.tick);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('caseId') || changed.has('caseRecord')) {
      this.changed = undefined;
      this.announcement = '';
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Dialogs open modally once rendered, so focus and the backdrop work as the platform does them.
    if (changed.has('openDialog') && this.openDialog && this.dialog && !this.dialog.open) {
      this.dialog.showModal();
    }
  }

  /** The case to show: this element's own latest change wins over what was loaded. */
  private get record(): CaseRecord | undefined {
    const loaded = this.caseTask.value;
    if (this.changed && (!loaded || this.changed.id === loaded.id)) return this.changed;
    return loaded;
  }

  protected override render(): unknown {
    return this.renderWithSetup((setup) =>
      this.caseTask.render({
        initial: () => this.renderLoading(),
        pending: () => (this.record ? this.renderCase(setup, this.record) : this.renderLoading()),
        complete: () => (this.record ? this.renderCase(setup, this.record) : nothing),
        error: (e) => this.renderLoadError(e, setup),
      }),
    );
  }

  private loadErrorShown?: unknown;

  private renderLoadError(e: unknown, setup: PortalSetup): TemplateResult {
    if (isAbortError(e)) return this.renderLoading();
    const message = this.loadErrorShown === e ? this.lastLoadMessage : this.reportError(e, 'getCase', setup.schema);
    this.loadErrorShown = e;
    this.lastLoadMessage = message;
    return html`<div part="error" class="error" role="alert">
      <span>${message}</span>
      <button @click=${() => this.caseTask.run()}>${this.t('common.retry')}</button>
    </div>`;
  }
  private lastLoadMessage = '';

  private renderCase(setup: PortalSetup, c: CaseRecord): TemplateResult {
    const { schema, viewer } = setup;
    const now = this.now();
    const actions = availableActions(c, viewer, schema, now);
    return html`
      <article aria-labelledby="title">
        <header part="header">
          <h2 id="title" part="title" tabindex="-1">${c.subject}</h2>
          <span class="number" part="number">${this.t('detail.label', { number: c.number })}</span>
          <span class="status" part="status" data-category=${c.status.category}>${c.status.label}</span>
        </header>
        <div class="layout">
          <div class="main">
            <section part="description" aria-labelledby="description-h">
              <h3 id="description-h">${this.t('detail.description')}</h3>
              <p class="description">${c.description}</p>
            </section>
            ${this.renderActions(c, schema, actions)}
            <div part="conversation" class="conversation">
              <h3>${this.t('detail.conversation')}</h3>
              <case-thread
                part="thread"
                .caseId=${c.id}
                .caseRecord=${c}
                .adapter=${setup.adapter}
                .schema=${schema}
                .viewer=${viewer}
                .locale=${this.locale}
                .now=${this.now}
                @case-message-sent=${this.onMessageSent}
              ></case-thread>
            </div>
          </div>
          <div class="side">
            ${this.renderProfile(c, schema)} ${this.renderDeadlines(c, now)} ${this.renderFiles(c)}
          </div>
        </div>
      </article>
      <div class="visually-hidden" part="announcer" role="status" aria-live="polite">${this.announcement}</div>
      ${this.renderDialog(c, schema)}
    `;
  }

  private renderProfile(c: CaseRecord, schema: PortalSchema): TemplateResult {
    const row = (label: MessageKey, value: unknown) =>
      value === '' || value == null ? nothing : html`<dt>${this.t(label)}</dt><dd>${value}</dd>`;
    const custom = schema.fields.filter((f) => f.inDetail);
    return html`<section part="profile" aria-labelledby="profile-h">
      <h3 id="profile-h">${this.t('detail.details')}</h3>
      <dl>
        ${row('detail.number', c.number)}
        ${row('detail.status', html`<span class="status" data-category=${c.status.category}>${c.status.label}</span>`)}
        ${row('detail.origin', optionLabel(schema.origins, c.origin))}
        ${row('detail.owner', c.owner?.name ?? this.t('detail.unassigned'))}
        ${row('detail.requester', c.requester.name)} ${row('detail.account', c.account?.name)}
        ${row('detail.priority', optionLabel(schema.priorities, c.priority))}
        ${row('detail.category', optionLabel(schema.categories, c.category))}
        ${row('detail.service', optionLabel(schema.services, c.service))}
        ${row('detail.createdAt', this.renderTime(c.createdAt))} ${row('detail.updatedAt', this.renderTime(c.updatedAt))}
        ${c.closedAt ? row('detail.closedAt', this.renderTime(c.closedAt)) : nothing}
        ${custom.map((f) => {
          const text = formatFieldValue(f, c.fields[f.key], this.i18n);
          return text ? html`<dt>${f.label}</dt><dd>${text}</dd>` : nothing;
        })}
      </dl>
    </section>`;
  }

  private renderTime(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${formatDate(iso, this.i18n.locale, 'datetime')}</time>`;
  }

  private renderDeadlines(c: CaseRecord, now: Date): TemplateResult | typeof nothing {
    const items: [MessageKey, Deadline][] = [];
    if (c.sla?.response) items.push(['detail.responseDue', c.sla.response]);
    if (c.sla?.resolution) items.push(['detail.resolutionDue', c.sla.resolution]);
    if (items.length === 0) return nothing;
    return html`<section part="deadlines" aria-labelledby="deadlines-h">
      <h3 id="deadlines-h">${this.t('detail.deadlines')}</h3>
      <dl>
        ${items.map(([label, d]) => {
          const view = deadlineView(d, now, this.i18n);
          return html`<dt>${this.t(label)}</dt>
            <dd class="deadline" data-state=${view.state}>
              ${this.renderTime(d.dueAt)}<br /><span class="remaining">${view.text}</span>
            </dd>`;
        })}
      </dl>
    </section>`;
  }

  private renderFiles(c: CaseRecord): TemplateResult | typeof nothing {
    if (c.attachments.length === 0) return nothing;
    return html`<section part="files" aria-labelledby="files-h">
      <h3 id="files-h">${this.t('detail.files')}</h3>
      <ul class="files">
        ${c.attachments.map((a) => html`<li>${attachmentLink(a, this.i18n)}</li>`)}
      </ul>
    </section>`;
  }

  private renderActions(c: CaseRecord, schema: PortalSchema, actions: ActionMap): TemplateResult | typeof nothing {
    const buttons: TemplateResult[] = [];
    const reasons: TemplateResult[] = [];
    const add = (action: TransitionAction, label: MessageKey, availability: Availability, cls = '') => {
      if (availability.allowed) {
        buttons.push(html`<button
          part="action-${action}"
          class=${cls}
          ?disabled=${this.pending !== null}
          @click=${() => this.open(action)}
        >
          ${this.t(label)}
        </button>`);
        return;
      }
      // Say why an action the customer might expect is not there; stay quiet about ones that make no sense now.
      if (availability.reason === 'feature-off' || availability.reason === 'case-finished') return;
      if (availability.reason === 'not-reopenable-status') return;
      buttons.push(html`<button part="action-${action}" disabled aria-describedby="deny-${action}">${this.t(label)}</button>`);
      reasons.push(html`<p class="deny" part="deny-reason" id="deny-${action}">
        ${this.t(`deny.${availability.reason}`, availability.params)}
      </p>`);
    };
    add('reopen', 'detail.action.reopen', actions.reopen, 'primary');
    add('close', 'detail.action.close', actions.close);
    add('cancel', 'detail.action.cancel', actions.cancel, 'danger');
    const until = actions.reopen.allowed ? reopenDeadline(c, schema) : null;
    if (buttons.length === 0) return nothing;
    return html`<section part="actions" aria-labelledby="actions-h">
      <h3 id="actions-h">${this.t('detail.actions')}</h3>
      <div class="actions">${buttons}</div>
      ${reasons}
      ${until
        ? html`<p class="hint">${this.t('detail.reopenUntil', { date: formatDate(until, this.i18n.locale, 'datetime') })}</p>`
        : nothing}
    </section>`;
  }

  /** A reply can move the case (e.g. "awaiting your reply" → "pending from agent"): load it again. */
  private onMessageSent = async () => {
    const setup = this.setup.value;
    const current = this.record;
    if (!setup || !current) return;
    try {
      this.changed = await setup.adapter.getCase(current.id);
    } catch {
      // The message is sent; a stale status until the next load is better than an error here.
    }
  };

  private open(action: TransitionAction): void {
    this.idempotencyKey = newIdempotencyKey();
    this.dialogError = '';
    this.reasonError = '';
    this.openDialog = action;
  }

  /** Escape or close(): forget the dialog, unless this is a late event from one already replaced. */
  private onDialogClose = (e: Event) => {
    if (e.target === this.dialog) this.openDialog = null;
  };

  private closeDialog(): void {
    this.dialog?.close();
    this.openDialog = null;
  }

  private renderDialog(c: CaseRecord, schema: PortalSchema): TemplateResult | typeof nothing {
    const action = this.openDialog;
    if (!action) return nothing;
    const title: Record<TransitionAction, MessageKey> = {
      close: 'detail.closeDialog.title',
      cancel: 'detail.cancelDialog.title',
      reopen: 'detail.reopenDialog.title',
    };
    const busy = this.pending !== null;
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${this.onDialogClose}>
      <form method="dialog" @submit=${(e: SubmitEvent) => this.submit(e, c, action)} novalidate>
        <h2 id="dialog-title">${this.t(title[action])}</h2>
        ${action === 'close' ? this.renderCloseFields(schema) : nothing}
        ${action === 'cancel' ? html`<p>${this.t('detail.cancelDialog.body')}</p>` : nothing}
        ${action === 'reopen'
          ? html`<div class="field">
              <label for="comment">${this.t('detail.reopenDialog.comment')}</label>
              <textarea id="comment" name="comment"></textarea>
            </div>`
          : nothing}
        ${this.dialogError ? html`<p class="error" part="error" role="alert">${this.dialogError}</p>` : nothing}
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.closeDialog()}>
            ${this.t(action === 'cancel' ? 'detail.cancelDialog.keep' : 'common.cancel')}
          </button>
          <button type="submit" class=${action === 'cancel' ? 'danger' : 'primary'} ?disabled=${busy}>
            ${busy
              ? this.t('detail.working')
              : this.t(
                  action === 'close'
                    ? 'detail.closeDialog.submit'
                    : action === 'cancel'
                      ? 'detail.cancelDialog.confirm'
                      : 'detail.reopenDialog.submit',
                )}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private renderCloseFields(schema: PortalSchema): TemplateResult {
    return html`<div class="field">
        <label for="close-as">${this.t('detail.closeDialog.closeAs')}</label>
        <select id="close-as" name="status">
          ${schema.closeStatuses.map((id) => html`<option value=${id}>${statusById(schema, id)?.label ?? id}</option>`)}
        </select>
      </div>
      ${schema.closeReasons.length
        ? html`<div class="field">
            <label for="reason">${this.t('detail.closeDialog.reason')} <span aria-hidden="true">*</span></label>
            <select
              id="reason"
              name="reason"
              required
              aria-invalid=${this.reasonError ? 'true' : 'false'}
              aria-describedby="reason-error"
            >
              <option value="">${this.t('detail.closeDialog.chooseReason')}</option>
              ${schema.closeReasons.map((r) => html`<option value=${r.value}>${r.label}</option>`)}
            </select>
            <span id="reason-error" class="field-error">${this.reasonError}</span>
          </div>`
        : nothing}
      <div class="field">
        <label for="comment">${this.t('detail.closeDialog.comment')}</label>
        <textarea id="comment" name="comment"></textarea>
      </div>`;
  }

  private async submit(e: SubmitEvent, c: CaseRecord, action: TransitionAction): Promise<void> {
    e.preventDefault();
    const setup = this.setup.value;
    if (!setup || this.pending) return;
    const data = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => {
      const v = data.get(k);
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    };
    const input: TransitionInput = { version: c.version };
    if (action === 'close') {
      input.status = text('status');
      input.reason = text('reason');
      if (setup.schema.closeReasons.length && !input.reason) {
        this.reasonError = this.t('detail.closeDialog.reasonRequired');
        this.renderRoot.querySelector<HTMLSelectElement>('#reason')?.focus();
        return;
      }
    }
    const comment = text('comment');
    if (comment) input.comment = comment;
    this.reasonError = '';
    this.dialogError = '';
    this.pending = action;
    try {
      const updated = await setup.adapter.transition(c.id, action, input, { idempotencyKey: this.idempotencyKey });
      this.changed = updated;
      this.closeDialog();
      this.announcement = this.t(`detail.done.${action}`);
      this.dispatchEvent(new CaseUpdatedEvent(updated, action));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    } catch (err) {
      this.dialogError = this.reportError(err, action, setup.schema);
    } finally {
      this.pending = null;
    }
  }
}
