import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { guard } from 'lit/directives/guard.js';
import type { ActionMap, AdapterEvent, CaseRecord, Message } from '@case-portal/core';
import { CaseElement, type PortalSetup } from '../shared/case-element.js';
import { CaseMessageSentEvent } from '../events.js';
import { resolveDraftStorage } from '../shared/drafts.js';
import { filterKinds, isVisible, matchesFilter, type OutgoingKind, type ThreadFilter } from './messages.js';
import { renderMessage, renderOutgoing, threadView, type ThreadView } from './message-view.js';
import { LiveCaseController } from '../shared/controllers/live-case.js';
import { TickController } from '../shared/controllers/tick.js';
import { Outbox } from './outbox.js';
import { ProgressiveRender } from './progressive.js';
import { composerEvents, renderReplyForm } from './composer-view.js';
import { renderComplaint } from './complaint-view.js';
import { renderFilter } from './filter-view.js';
import { MessagePages } from './message-pages.js';
import { ThreadCase } from './thread-case.js';
import { ReplyFiles } from './reply-files.js';
import { ComplaintOffer } from './complaint-offer.js';
import { keepInPlace } from './scroll.js';
import { UnseenMessages } from './unseen.js';
import { warmThreadTemplates } from './warm-up.js';
import { attachmentStyles } from '../styles/attachments.js';
import { threadStyles } from './case-thread.styles.js';
import { thread } from '../i18n/en/thread.js';
import { attachments } from '../i18n/en/attachments.js';
import { addMessages } from '../i18n/en.js';

// This element's text joins the English catalog when its code loads (i18n/en.ts).
addMessages(thread, attachments);

/**
 * The conversation of one case: messages oldest first, a composer, and on a finished case
 * an explanation plus (when allowed) a complaint form.
 *
 * Sending is optimistic: the message shows at once as "Sending…", then as sent. A failure keeps
 * it in the list with Retry and keeps the text in the composer; every attempt for one draft
 * carries the same idempotency key, so a retry never posts twice. Drafts survive a reload
 * (localStorage, keyed per viewer and case) and are cleared once the backend has the message.
 *
 * @fires case-message-sent - a message or complaint was posted (detail: caseId, message)
 * @fires case-error - loading or sending failed (detail: error, operation, message)
 *
 * @csspart filter - the all / comments / emails choice (a radio group)
 * @csspart filter-option - one choice of the filter
 * @csspart list - the <ol> of messages
 * @csspart message - one message (<article>)
 * @csspart message-{role} - a message by its author's role: `message-customer`, `message-agent`
 * @csspart message-own - a message the signed-in customer wrote
 * @csspart message-header - author, badges, channel and time
 * @csspart author - the author's name
 * @csspart role-badge - "Customer" / "Support"
 * @csspart kind-badge - "Email" / "Complaint" (not shown for plain comments)
 * @csspart channel - "via Phone" (not shown for emails: their badge says it)
 * @csspart time - the <time> of a message or event
 * @csspart message-body - the message text
 * @csspart message-link - a link inside a message text
 * @csspart attachments - the list of a message's files
 * @csspart attachment - one file link (or its name when its URL is not safe)
 * @csspart attachment-size - the file size
 * @csspart event - a status change line
 * @csspart send-status - "Sending…" / "Failed to send" on an outgoing message
 * @csspart retry-button - Retry on a failed message
 * @csspart load-older - the "Load older messages" button
 * @csspart new-messages - the "1 new message ↓" button for live messages below the view
 * @csspart empty - the no-messages line (or none matching the filter)
 * @csspart composer - the reply form (also the drop target for files)
 * @csspart composer-label - its label
 * @csspart composer-input - the textarea
 * @csspart composer-hint - "Press Ctrl+Enter to send."
 * @csspart send-button - Send
 * @csspart send-error - why the reply did not go
 * @csspart attachment-picker - the files of the reply: button, limits and list
 * @csspart pick-files-button - "Attach files"
 * @csspart attachment-hint - the limits ("Up to 40 MB per file…")
 * @csspart pending-files - the list of picked files
 * @csspart pending-file - one picked file (`data-state`: uploading, uploaded, refused, failed, missing)
 * @csspart upload-progress - a file's <progress>
 * @csspart file-error - why a file was refused, failed or must be picked again
 * @csspart closed-notice - the explanation on a finished case (holds the complaint control)
 * @csspart complaint-toggle - "Make a complaint"
 * @csspart complaint-form - the complaint form
 * @csspart complaint-label - its label
 * @csspart complaint-input - its textarea
 * @csspart complaint-hint - its hint
 * @csspart complaint-submit - "Send complaint"
 * @csspart complaint-cancel - Cancel
 * @csspart complaint-error - why the complaint did not go
 * @csspart complaint-sent - the thank-you line
 * @csspart announcer - the visually hidden aria-live region
 * @csspart loading - the loading line
 * @csspart error - an error box
 */
export class CaseThread extends CaseElement {
  static override styles = [...CaseElement.styles, attachmentStyles, threadStyles];
  static override warmUps = [warmThreadTemplates];

  /** The case whose conversation this shows. */
  @property({ attribute: 'case-id', reflect: true }) caseId?: string;

  /**
   * The case itself, when the host already has it (case-detail passes its record): the thread
   * then needs no getCase request for the reply/complaint policy. Ignored when its id differs.
   */
  @property({ attribute: false }) caseRecord?: CaseRecord;

  /** Where drafts are kept: localStorage by default; null keeps none (stories, kiosks). */
  @property({ attribute: false }) draftStorage?: Storage | null;

  /**
   * Offer the complaint form on a finished case. A surrounding <case-detail> turns this off: its
   * own actions offer the complaint, and one offer is enough.
   */
  @property({ attribute: false }) offerComplaint = true;

  @state() private announcement = '';
  @state() private filter: ThreadFilter = 'all';
  /** The customer chose a filter: its radios stay on screen while the filtered page loads (focus stays). */
  private filterChosen = false;
  /** Say how many messages the filter shows once its first page (and total) has arrived. */
  private announceFilter = false;

  /** Re-renders relative times ("5 minutes ago"); ms. A static so tests and stories can change it. */
  static tickMs = 60_000;
  private readonly clock = new TickController(this, () => (this.constructor as typeof CaseThread).tickMs);

  /** Subscribed for as long as the thread is on the page; new messages arrive through onLiveEvent. */
  protected readonly live = new LiveCaseController(
    this,
    () => {
      const adapter = this.setup.value?.adapter;
      return adapter && this.caseId ? { adapter, caseId: this.caseId } : undefined;
    },
    (event) => this.onLiveEvent(event),
  );

  /** A long first page paints its first screenful at once and the rest in later tasks. */
  private readonly progressive = new ProgressiveRender(this, (release) => this.keepComposerInPlace(release));

  /** Live messages that landed below the reader's view: the "new messages" button. */
  private readonly unseen = new UnseenMessages(this, () => this.renderRoot);

  /** Messages loaded and confirmed, oldest first: the newest page, older pages, live and sent ones. */
  private readonly pages = new MessagePages(this, {
    setup: () => this.setup.value,
    caseId: () => this.caseId,
    kinds: () => filterKinds(this.filter),
    failureText: (e, operation) => this.failureText(e, operation),
    firstPage: (ids, total) => {
      this.progressive.deferAfterFirstSlice(ids);
      if (!this.announceFilter) return;
      this.announceFilter = false;
      this.announce(this.t(`thread.filter.shown.${this.filter}`, { count: total }));
    },
    olderPage: (added, oldest) => {
      this.announce(this.t('thread.loadedOlder', { count: added }));
      // The button goes away: keep keyboard focus in the conversation.
      if (oldest) this.focusAfterRender('.list');
    },
  });

  /** Files picked for the reply (saved with its draft), dropped or pasted onto the composer. */
  private readonly replyFiles: ReplyFiles = new ReplyFiles(this, {
    setup: () => this.setup.value,
    uploadDeps: (setup) => this.uploadDeps(setup),
    enabled: () =>
      !!this.setup.value?.schema.features.attachments && !!this.case.actions()?.reply.allowed && !this.outbox.isSending('comment'),
    changed: () => this.outbox.saveFiles(),
    // Picking fixed what stopped the send (a failed or missing file): its error goes.
    picked: () => {
      if (this.outbox.error('comment') && !this.outbox.sendBlock('comment')) this.outbox.setError('comment', '');
    },
    announce: (text) => this.announce(text),
    t: (key, params) => this.t(key, params),
  });

  /** The complaint form's open/sent state on a finished case (its text is the Outbox's draft). */
  private readonly complaint = new ComplaintOffer(this, {
    clearError: () => this.outbox.setError('complaint', ''),
    focus: (target) => this.focusAfterRender(target === 'input' ? '#complaint' : '[part~="complaint-toggle"]'),
  });

  /** Drafts (reply, complaint) and what is being sent or failed. */
  private readonly outbox: Outbox = new Outbox(this, {
    target: () => {
      const setup = this.setup.value;
      return setup && this.caseId ? { adapter: setup.adapter, viewerId: setup.viewer.id, caseId: this.caseId } : undefined;
    },
    storage: () => resolveDraftStorage(this.draftStorage),
    now: () => this.now(),
    t: (key, params) => this.t(key, params),
    failureText: (e, operation) => this.failureText(e, operation),
    replyFiles: this.replyFiles.queue,
    announce: (text) => this.announce(text),
    focusInput: (kind) => this.focusAfterRender(kind === 'comment' ? '#reply' : '#complaint'),
    restored: (drafts) => {
      this.replyFiles.queue.restore(drafts.comment.files ?? [], this.i18n);
      this.complaint.restored(drafts.complaint.body);
    },
    delivered: (kind, message, caseId) => this.delivered(kind, message, caseId),
  });

  /** The case the reply/complaint policy runs on: the given record, else one loaded here. */
  private readonly case = new ThreadCase(this, {
    setup: () => this.setup.value,
    caseId: () => this.caseId,
    given: () => this.caseRecord,
    now: () => this.now(),
  });

  /** viewer + case the current messages belong to (the outbox follows the same scope for drafts). */
  private scope?: string;

  /** Reloads the newest page of messages (keeps older pages and what was sent here). */
  refresh(): void {
    this.pages.refresh();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Each case starts on All: a filter chosen for one conversation does not follow to the next.
    if (changed.has('caseId') && changed.get('caseId') !== undefined) this.filter = 'all';
    const viewer = this.setup.value?.viewer;
    const scope = viewer && this.caseId ? `${viewer.id}\u0000${this.caseId}` : undefined;
    if (scope !== this.scope) {
      const caseChanged = this.scope?.split('\u0000')[1] !== this.caseId;
      this.scope = scope;
      if (caseChanged) this.resetConversation();
    }
  }

  private resetConversation(): void {
    this.complaint.reset();
    this.replyFiles.queue.reset();
    this.startOver(false);
  }

  /** The messages start over (another case, or `byFilter` another filter, whose messages are then announced). */
  private startOver(byFilter: boolean): void {
    this.filterChosen = this.announceFilter = byFilter;
    this.pages.reset();
    this.progressive.reset();
    this.unseen.reset();
  }

  /** The backend has the message: show it, close a sent complaint, tell the host. */
  private delivered(kind: OutgoingKind, message: Message, caseId: string): void {
    this.pages.add([message]);
    if (kind === 'complaint') this.complaint.delivered();
    this.dispatchEvent(new CaseMessageSentEvent(caseId, message));
  }

  private focusAfterRender(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private announce(text: string): void {
    this.announcement = text;
  }

  // ---- live updates ----

  private onLiveEvent(event: AdapterEvent): void {
    if (event.type !== 'message-added') {
      this.case.changed();
      // Messages were missed while live updates were away: load the newest page again (it merges).
      if (event.type === 'reset') this.refresh();
      return;
    }
    const m = event.message;
    if (!isVisible(m) || this.pages.has(m.id)) return;
    const viewer = this.setup.value?.viewer;
    const own = !!viewer && m.author.id === viewer.id;
    // Our own send, reported before its answer arrived: it is delivered, no longer "sending".
    const pending = this.outbox.confirm(m, own);
    // Under a filter, a message of another kind is not this view's (the pages would drop it anyway).
    if (!this.pages.shows(m)) return;
    if (this.progressive.pending) this.progressive.add([m.id]);
    this.keepComposerInPlace(() => {
      this.pages.add([m]);
    });
    if (pending) return;
    if (m.kind !== 'event') {
      this.announce(this.t(own ? 'thread.announce.newOwn' : 'thread.announce.new', { name: m.author.name }));
      void this.progressive.whenRendered(m.id).then(() => this.unseen.note(m.id));
    }
  }

  /** While the customer writes, a message added above the composer does not move it (scroll.ts). */
  private keepComposerInPlace(change: () => void): void {
    keepInPlace(this, '[part~="composer"]', change);
  }

  // ---- rendering ----

  protected override render(): unknown {
    return html`${this.renderWithSetup((setup) => this.renderThread(setup))}
      <p part="announcer" class="visually-hidden" aria-live="polite">${this.announcement}</p>`;
  }

  private renderThread(setup: PortalSetup): unknown {
    if (!this.caseId) return nothing;
    return html`${this.renderMessages(setup)} ${this.renderComposerArea(setup)}`;
  }

  private renderMessages(setup: PortalSetup): unknown {
    const { messages: loaded, failure } = this.pages;
    const error = failure ? this.renderFailure(failure, 'listMessages', () => this.refresh()) : nothing;
    const loading = !this.pages.loadedOnce && loaded.length === 0;
    if (loading && !this.filterChosen) return failure ? error : this.renderLoading();

    const progressive = this.progressive;
    const filter = this.filter;
    // The pages hold only what the filter asked the adapter for (MessagePages).
    const items = loaded.filter((m) => this.pages.shows(m) && !progressive.isDeferred(m.id));
    const outbox = this.outbox.items.filter((o) => matchesFilter(o.kind, filter));
    const nothingYet = filter === 'all' && items.length === 0 && this.outbox.items.length === 0;
    const nothingShown = items.length === 0 && outbox.length === 0;
    // A keystroke in the composer re-renders the element: the thousand messages above it are
    // re-rendered only when they, the filter, the language or the clock's tick changed.
    const messages = guard([loaded, progressive.pending, filter, this.i18n, this.clock.ticks, this.now, setup], () => {
      const view = this.view(setup);
      return repeat(items, (m) => m.id, (m) => renderMessage(m, view));
    });
    const pending = guard([this.outbox.items, filter, this.i18n, this.clock.ticks, this.now, setup], () => {
      const view = this.view(setup);
      return repeat(outbox, (o) => o.key, (o) => renderOutgoing(o, view));
    });
    return html`
      <section class="conversation" aria-label=${this.t('thread.label')}>
        ${nothingYet ? nothing : renderFilter(this.i18n, filter, (f) => this.setFilter(f))} ${error} ${this.pages.nextCursor ? this.pages.older.render(this.i18n) : nothing}
        ${loading
          ? failure
            ? nothing
            : this.renderLoading()
          : nothingShown
          ? html`<p part="empty" class="empty">${this.t(nothingYet ? 'thread.empty' : `thread.filter.none.${filter}`)}</p>`
          : html`<ol part="list" class="list" tabindex="-1" aria-busy=${progressive.pending > 0 ? 'true' : 'false'}>
              ${messages} ${pending}
            </ol>`}
        ${this.unseen.render(this.i18n)}
      </section>
    `;
  }

  private view(setup: PortalSetup): ThreadView {
    return threadView(this.i18n, this.now(), setup, (o) => void this.outbox.retry(o));
  }

  /** Another filter: its messages come from the adapter (the pages start over), and are announced when they arrive. */
  private setFilter(filter: ThreadFilter): void {
    if (filter === this.filter) return;
    this.filter = filter;
    this.startOver(true);
  }

  private renderComposerArea(setup: PortalSetup): unknown {
    const actions = this.case.actions();
    if (!actions) {
      const failure = this.case.failure;
      return failure ? this.renderFailure(failure, 'getCase', () => this.case.reload()) : nothing;
    }
    if (actions.reply.allowed) {
      return renderReplyForm({
        i18n: this.i18n,
        body: this.outbox.draft('comment').body,
        sending: this.outbox.isSending('comment'),
        error: this.outbox.error('comment'),
        files: this.replyFiles.view(setup),
        drop: this.replyFiles.drop,
        ...composerEvents(this.outbox, 'comment'),
      });
    }
    const explanation = actions.reply.reason === 'case-finished' ? this.t('thread.closed') : this.t('thread.replyDenied');
    return html`<div part="closed-notice" class="notice">
      <p>${explanation}</p>
      ${this.renderComplaint(actions)}
    </div>`;
  }

  private renderComplaint(actions: ActionMap): unknown {
    if (!actions.complain.allowed || !this.offerComplaint) return nothing;
    return renderComplaint({
      i18n: this.i18n,
      open: this.complaint.open,
      sent: this.complaint.sent,
      body: this.outbox.draft('complaint').body,
      sending: this.outbox.isSending('complaint'),
      error: this.outbox.error('complaint'),
      onOpen: this.complaint.show,
      onCancel: this.complaint.hide,
      ...composerEvents(this.outbox, 'complaint'),
    });
  }
}
