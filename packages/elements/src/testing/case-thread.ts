/** Fixtures shared by the case-thread test files: a seeded backend, known cases, mount and queries. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import type { CaseAdapter, Message, Page } from '@case-portal/core';
import '../define/case-thread.js';
import type { CaseThread } from '../case-thread/case-thread.js';
import { DRAFT_PREFIX } from '../shared/drafts.js';
import { wrapAdapter } from './adapters.js';

export { memoryStorage } from './storage.js';

export const NOW = new Date('2025-03-10T12:00:00Z');
export const now = () => NOW;
export const OPEN_CASE = seededCaseId(1); // new, nobody answered yet
export const PENDING_CASE = seededCaseId(5); // agent waits for the customer
export const CLOSED_CASE = seededCaseId(7); // closed three hours ago
export const LONG_CASE = seededCaseId(12); // a long conversation

export const memory = (options: ConstructorParameters<typeof MemoryAdapter>[0] = {}) =>
  new MemoryAdapter({ storage: null, now, ...options });

// Test files run in parallel tabs sharing localStorage: touch only this element's drafts.
export const OWN_DRAFTS = [`${DRAFT_PREFIX}reply:`, `${DRAFT_PREFIX}complaint:`];
export const ownDraftKeys = () => Object.keys(localStorage).filter((k) => OWN_DRAFTS.some((p) => k.startsWith(p)));
export function clearDrafts(): void {
  for (const key of ownDraftKeys()) localStorage.removeItem(key);
}

/** Mounts a thread and waits for its messages; `draftStorage` undefined = localStorage. */
export async function mount(adapter: CaseAdapter, caseId: string, draftStorage?: Storage | null): Promise<CaseThread> {
  const el = await fixture<CaseThread>(
    html`<case-thread .adapter=${adapter} .now=${now} .draftStorage=${draftStorage} case-id=${caseId}></case-thread>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('[part~="list"], [part~="empty"]'), 'the thread loads');
  return el;
}

export const $ = <T extends Element = HTMLElement>(el: CaseThread, selector: string) => el.shadowRoot!.querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: CaseThread, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
export const text = (el: CaseThread) => el.shadowRoot!.textContent ?? '';

export async function allMessages(adapter: CaseAdapter, caseId: string): Promise<Message[]> {
  const out: Message[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Message> = await adapter.listMessages(caseId, { cursor, limit: 200 });
    out.unshift(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export function message(over: Partial<Message> & { id: string }): Message {
  return {
    caseId: OPEN_CASE,
    kind: 'comment',
    body: '',
    author: { id: 'a-sam', name: 'Sam Rivera', role: 'agent' },
    createdAt: '2025-03-10T11:00:00Z',
    attachments: [],
    public: true,
    ...over,
  };
}

/** The adapter's first page with extra messages mixed in (those the query's kinds ask for), counted in its total. */
export function withExtraMessages(base: CaseAdapter, extra: Message[]): CaseAdapter {
  return wrapAdapter(base, {
    async listMessages(caseId, query, opts) {
      const page = await base.listMessages(caseId, query, opts);
      const kinds = query?.kinds;
      const matching = extra.filter((m) => !kinds?.length || kinds.includes(m.kind));
      return { ...page, items: query?.cursor ? page.items : [...page.items, ...matching], total: page.total + matching.length };
    },
  });
}

