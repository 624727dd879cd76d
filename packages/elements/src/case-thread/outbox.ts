import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { keyForRequest, newIdempotencyKey, toAdapterError, type CaseAdapter, type Message } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { clearDraft, draftKey, isMessageDraft, loadDraft, saveDraft, type MessageDraft } from '../shared/drafts.js';
import type { UploadQueue } from '../shared/attachments/upload-queue.js';
import { retryAtOf } from '../shared/failure.js';
import { isVisible, sameText, type OutgoingKind, type OutgoingMessage } from './messages.js';

const newDraft = (): MessageDraft => ({ body: '', key: newIdempotencyKey() });

/** Where the outbox sends, and as whom: undefined until setup and a case are known. */
export interface OutboxTarget {
  adapter: CaseAdapter;
  viewerId: string;
  caseId: string;
}

/** What the outbox needs from its element. */
export interface OutboxDeps {
  target(): OutboxTarget | undefined;
  /** Where drafts are kept; null keeps none. */
  storage(): Storage | null;
  now(): Date;
  t(key: MessageKey, params?: Params): string;
  /** The text for a failure (fires `case-error` once). */
  failureText(e: unknown, operation: string): string;
  /** The reply's files: their saved form goes with the draft, their uploads with the message. */
  replyFiles: UploadQueue;
  /** For the element's aria-live region. */
  announce(text: string): void;
  /** Focus the composer of `kind` (an empty send). */
  focusInput(kind: OutgoingKind): void;
  /** The drafts of a new viewer or case were loaded (the element restores the reply's files from them). */
  restored(drafts: Readonly<Record<OutgoingKind, MessageDraft>>): void;
  /** The backend has the message (for the case it was sent to, still on screen). */
  delivered(kind: OutgoingKind, message: Message, caseId: string): void;
}

/**
 * What the customer writes and sends in a thread: one draft per kind (reply, complaint) with its
 * idempotency key, kept in Web Storage per viewer and case (`draft:reply:<viewer>:<case>`), and
 * the outbox: optimistic items ("Sending…", then gone when the backend has the message, or
 * "Failed" with Retry). Every attempt to send the same text and files carries the same key, so a
 * retry after a lost answer returns the first message instead of a second one; text or files
 * changed after an attempt are another request and go under a new key (a server that checks key
 * ↔ body refuses an old key with a new body). A send needs no abort signal: a
 * write the customer asked for is not cancelled by navigation. Every change re-renders the host.
 *
 * Before each render it follows the target: another viewer or case loads that scope's drafts; another
 * case also drops what was sending or failed (a send still under way finishes, unseen).
 */
export class Outbox implements ReactiveController {
  /** Sending or failed messages, oldest first; a new array on every change (a `guard` dependency). */
  items: readonly OutgoingMessage[] = [];
  private drafts: Record<OutgoingKind, MessageDraft> = { comment: newDraft(), complaint: newDraft() };
  private errors: Record<OutgoingKind, string> = { comment: '', complaint: '' };
  /** viewer + case the drafts belong to. */
  private scope?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: OutboxDeps,
  ) {
    host.addController(this);
  }

  draft(kind: OutgoingKind): MessageDraft {
    return this.drafts[kind];
  }

  /** Why the last send of `kind` did not go, in words; '' when nothing is wrong. */
  error(kind: OutgoingKind): string {
    return this.errors[kind];
  }

  isSending(kind: OutgoingKind): boolean {
    return this.items.some((o) => o.kind === kind && o.state === 'sending');
  }

  hostUpdate(): void {
    const target = this.deps.target();
    const scope = target ? `${target.viewerId}\u0000${target.caseId}` : undefined;
    if (scope === this.scope) return;
    const caseChanged = this.scope?.split('\u0000')[1] !== target?.caseId;
    this.scope = scope;
    if (caseChanged) this.reset();
    this.restore();
    this.deps.restored(this.drafts);
  }

  /** Loads the drafts of the current viewer and case (a new draft where none is stored). */
  private restore(): void {
    const load = (kind: OutgoingKind) => {
      const key = this.storageKey(kind);
      return (key && loadDraft(this.deps.storage(), key, isMessageDraft)) || newDraft();
    };
    this.drafts = { comment: load('comment'), complaint: load('complaint') };
    this.host.requestUpdate();
  }

  /** Another case: nothing sending or failed belongs to it (the drafts come with `restore`). */
  private reset(): void {
    this.items = [];
    this.errors = { comment: '', complaint: '' };
    this.host.requestUpdate();
  }

  /** The customer typed: keep it; a failed message's error stays visible while its text is there. */
  input(kind: OutgoingKind, body: string): void {
    this.store(kind, { ...this.drafts[kind], body });
    if (body.trim()) this.setError(kind, this.failedError(kind));
  }

  /** The reply's files changed: save them with the draft. */
  saveFiles(): void {
    this.store('comment', this.drafts.comment);
  }

  setError(kind: OutgoingKind, message: string): void {
    if (this.errors[kind] === message) return;
    this.errors = { ...this.errors, [kind]: message };
    this.host.requestUpdate();
  }

  /** Why the reply can't go yet because of its files, in words; '' when it can. */
  sendBlock(kind: OutgoingKind): string {
    if (kind !== 'comment') return '';
    const block = this.deps.replyFiles.block;
    if (block === 'uploading') return this.deps.t('thread.composer.waitForFiles');
    if (block === 'unsent') return this.deps.t('thread.composer.fixFiles');
    return '';
  }

  async send(kind: OutgoingKind): Promise<void> {
    const target = this.deps.target();
    if (!target || this.isSending(kind)) return;
    const { adapter, caseId } = target;
    const storageKey = this.storageKey(kind);
    const draft = this.drafts[kind];
    const body = draft.body.trim();
    const blocked = this.sendBlock(kind);
    if (blocked) {
      this.setError(kind, blocked);
      return;
    }
    const files = kind === 'comment' ? this.deps.replyFiles.uploaded.map((f) => f.attachment!) : [];
    if (!body && files.length === 0) {
      this.setError(kind, this.deps.t('thread.composer.empty'));
      this.deps.focusInput(kind);
      return;
    }
    this.setError(kind, '');
    const attachmentIds = files.map((a) => a.id);
    // The same message as the last attempt keeps its key; anything else is a new request. The key
    // and what it went out for are stored before the request: a reload after a lost answer resends
    // the same message under the same key.
    const keyed = keyForRequest(draft, { caseId, kind, body, attachmentIds });
    if (keyed.key !== draft.key || keyed.sentAs !== draft.sentAs) this.store(kind, { ...draft, ...keyed });
    // Earlier failed attempts of this draft are replaced by this one.
    this.items = this.items.filter((o) => o.kind !== kind || o.state !== 'failed' || o.key === keyed.key);
    const item: OutgoingMessage = {
      key: keyed.key,
      sentAs: keyed.sentAs,
      kind,
      body,
      attachments: files,
      state: 'sending',
      createdAt: this.deps.now().toISOString(),
    };
    this.upsert(item);
    this.deps.announce(this.deps.t('thread.announce.sending'));
    try {
      const message = await adapter.postMessage(
        caseId,
        attachmentIds.length ? { body, kind, attachmentIds } : { body, kind },
        { idempotencyKey: keyed.key },
      );
      if (storageKey) clearDraft(this.deps.storage(), storageKey);
      if (this.deps.target()?.caseId !== caseId) return; // moved on to another case meanwhile: it was sent, nothing to show
      this.items = this.items.filter((o) => o.key !== keyed.key);
      if (kind === 'comment') this.deps.replyFiles.clearSent(attachmentIds);
      // Keep anything typed while sending, and text the backend did not take: a retry after a lost
      // answer returns the first attempt's message, so edits made after that attempt would be lost.
      const current = this.drafts[kind];
      const keep = [current.body.trim() !== body ? current.body : '', sameText(message.body, body) ? '' : body].find(
        (text) => text.trim() !== '',
      );
      this.store(kind, keep ? { body: keep, key: newIdempotencyKey() } : newDraft());
      this.deps.announce(this.deps.t(kind === 'complaint' ? 'thread.announce.complaintSent' : 'thread.announce.sent'));
      this.deps.delivered(kind, message, caseId);
    } catch (e) {
      if (this.deps.target()?.caseId !== caseId) return;
      const error = this.deps.failureText(e, kind === 'complaint' ? 'postComplaint' : 'postMessage');
      const fieldError = toAdapterError(e).fieldErrors['body'];
      this.upsert({ ...item, state: 'failed', error, retryAt: retryAtOf(e) });
      this.setError(kind, fieldError ? `${error} ${fieldError}` : error);
      this.deps.announce(this.deps.t('thread.announce.failed'));
    }
  }

  /**
   * Sends a failed message again, with its key (the same text and files: the same request): the
   * composer gets its text back if it was emptied.
   */
  retry(item: OutgoingMessage): Promise<void> {
    const draft = this.drafts[item.kind];
    const sentAs = item.sentAs ? { sentAs: item.sentAs } : {};
    if (draft.key === item.key && draft.body.trim() === '') this.store(item.kind, { ...draft, body: item.body });
    else if (draft.key !== item.key) this.store(item.kind, { body: item.body, key: item.key, ...sentAs });
    return this.send(item.kind);
  }

  /**
   * A live message that is our own "sending" item, reported before the answer came: it is
   * delivered. Returns true when it was one (the caller then shows it once, as a message).
   */
  confirm(message: Message, ownMessage: boolean): boolean {
    if (!ownMessage || !isVisible(message)) return false;
    const pending = this.items.find((o) => o.state === 'sending' && o.kind === message.kind && sameText(o.body, message.body));
    if (!pending) return false;
    this.items = this.items.filter((o) => o !== pending);
    this.host.requestUpdate();
    return true;
  }

  private failedError(kind: OutgoingKind): string {
    return this.items.find((o) => o.kind === kind && o.state === 'failed')?.error ?? '';
  }

  private upsert(item: OutgoingMessage): void {
    const i = this.items.findIndex((o) => o.key === item.key);
    this.items = i === -1 ? [...this.items, item] : this.items.map((o, j) => (j === i ? item : o));
    this.host.requestUpdate();
  }

  private storageKey(kind: OutgoingKind): string | null {
    const target = this.deps.target();
    if (!target) return null;
    return draftKey(kind === 'comment' ? 'reply' : 'complaint', target.viewerId, target.caseId);
  }

  /** The draft in memory and in storage (an empty one is removed, not stored). */
  private store(kind: OutgoingKind, draft: MessageDraft): void {
    // The reply's files live in their queue; the stored draft carries what a reload can restore.
    const files = kind === 'comment' ? this.deps.replyFiles.saved() : [];
    const stored: MessageDraft = {
      body: draft.body,
      key: draft.key,
      ...(draft.sentAs ? { sentAs: draft.sentAs } : {}),
      ...(files.length ? { files } : {}),
    };
    this.drafts = { ...this.drafts, [kind]: stored };
    this.host.requestUpdate();
    const key = this.storageKey(kind);
    if (!key) return;
    if (draft.body === '' && files.length === 0) clearDraft(this.deps.storage(), key);
    else saveDraft(this.deps.storage(), key, stored);
  }
}
