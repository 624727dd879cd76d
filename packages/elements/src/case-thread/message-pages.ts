import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import { isAbortError, type Message, type MessageKind, type Page } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import { isVisible, mergeMessages } from './messages.js';
import { OlderPages } from './older-pages.js';

export interface MessagePagesDeps {
  setup(): PortalSetup | undefined;
  caseId(): string | undefined;
  /** The kinds the thread's filter shows (asked of the adapter); undefined for all. */
  kinds(): readonly MessageKind[] | undefined;
  /** The text for a failure (fires `case-error` once). */
  failureText(e: unknown, operation: string): string;
  /**
   * The first page of a case (or of a filter) arrived: the ids in order (a long page renders
   * progressively) and how many messages match in the whole conversation.
   */
  firstPage(ids: string[], total: number): void;
  /** An older page arrived: how many messages it added, and whether it was the oldest. */
  olderPage(added: number, oldest: boolean): void;
}

/**
 * The messages of the case on screen, oldest first, internal ones dropped: the newest page
 * (a `@lit/task`, rerun when the backend, the case or the filter changes, aborted when stale), older
 * pages on demand (OlderPages), and single messages that arrive live or from a send, all merged by id.
 * A filter (emails, comments) is the adapter's to apply (MessageQuery.kinds): its pages hold only
 * matching messages, so an email many pages back is found without loading the pages before it.
 * Messages of other kinds are dropped here too, for an adapter that ignores the filter.
 * A new array on every change, so a `guard` re-renders the list only when it changed. Not a
 * controller itself: the task and OlderPages are, on the same host.
 */
export class MessagePages {
  messages: Message[] = [];
  nextCursor: string | null = null;
  readonly older: OlderPages;
  private readonly newest: Task<readonly [PortalSetup | undefined, string | undefined, string], { caseId: string; filter: string; page: Page<Message> } | undefined>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: MessagePagesDeps,
  ) {
    this.newest = new Task(host, {
      task: async ([setup, caseId, filter], { signal }) => {
        if (!setup || !caseId) return undefined;
        const kinds = this.deps.kinds();
        const page = await setup.adapter.listMessages(caseId, { limit: setup.schema.limits.pageSize, ...(kinds ? { kinds: [...kinds] } : {}) }, { signal });
        return { caseId, filter, page };
      },
      args: () => [this.deps.setup(), this.deps.caseId(), this.filterKey()] as const,
      onComplete: (result) => {
        if (!result || result.caseId !== this.deps.caseId() || result.filter !== this.filterKey()) return;
        const firstLoad = this.messages.length === 0;
        this.set(mergeMessages(this.messages, result.page.items.filter((m) => this.shows(m))), result.page.nextCursor);
        if (firstLoad) this.deps.firstPage(this.messages.map((m) => m.id), result.page.total);
      },
    });
    this.older = new OlderPages(host, {
      source: () => {
        const setup = this.deps.setup();
        const caseId = this.deps.caseId();
        const kinds = this.deps.kinds();
        return setup && caseId ? { adapter: setup.adapter, caseId, pageSize: setup.schema.limits.pageSize, ...(kinds ? { kinds: [...kinds] } : {}) } : undefined;
      },
      cursor: () => this.nextCursor,
      loaded: (page) => {
        const added = page.items.filter((m) => this.shows(m));
        this.set(mergeMessages(added, this.messages), page.nextCursor);
        this.deps.olderPage(added.length, !page.nextCursor);
      },
      failureText: (e, operation) => this.deps.failureText(e, operation),
    });
  }

  /** The newest page of this case (under the current filter) has loaded at least once. */
  get loadedOnce(): boolean {
    return this.newest.value?.caseId === this.deps.caseId() && this.newest.value?.filter === this.filterKey();
  }

  /** Public, and of a kind the filter shows. */
  shows(m: Message): boolean {
    const kinds = this.deps.kinds();
    return isVisible(m) && (!kinds || kinds.includes(m.kind));
  }

  private filterKey(): string {
    return this.deps.kinds()?.join(',') ?? '';
  }

  /** Why the newest page did not load, if it did not (an abort is no failure). */
  get failure(): unknown {
    return this.newest.status === TaskStatus.ERROR && !isAbortError(this.newest.error) ? this.newest.error : undefined;
  }

  has(id: string): boolean {
    return this.messages.some((m) => m.id === id);
  }

  /** Reloads the newest page (keeps older pages and what was added here). */
  refresh(): void {
    void this.newest.run();
  }

  /** Messages from a send or a live event; internal ones are dropped. */
  add(messages: readonly Message[]): void {
    const visible = messages.filter((m) => this.shows(m));
    if (visible.length) this.set(mergeMessages(this.messages, visible), this.nextCursor);
  }

  /** Another case or another filter: nothing of the old one stays. */
  reset(): void {
    this.older.reset();
    this.set([], null);
  }

  private set(messages: Message[], nextCursor: string | null): void {
    this.messages = messages;
    this.nextCursor = nextCursor;
    this.host.requestUpdate();
  }
}
