/** The thread's smaller controllers, each alone on a bare ReactiveElement host. */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement, render } from 'lit';
import { AdapterError, type CaseAdapter, type Message, type MessageKind, type Page } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import { OlderPages } from './older-pages.js';
import { MessagePages } from './message-pages.js';
import type { PortalSetup } from '../shared/case-element.js';
import { UnseenMessages, type ObserverFactory } from './unseen.js';
import { deferred, wrapAdapter } from '../testing/index.js';
import { LONG_CASE, OPEN_CASE, allMessages, memory, message } from '../testing/case-thread.js';

const i18n = createI18n('en-US');

class OlderHost extends ReactiveElement {
  adapter: CaseAdapter = memory();
  cursor: string | null = null;
  pages: Page<Message>[] = [];
  failures: string[] = [];
  readonly older = new OlderPages(this, {
    source: () => ({ adapter: this.adapter, caseId: LONG_CASE, pageSize: 5 }),
    cursor: () => this.cursor,
    loaded: (page) => this.pages.push(page),
    failureText: (_e, operation) => {
      this.failures.push(operation);
      return 'failed';
    },
  });
}
customElements.define('test-older-host', OlderHost);

/** An IntersectionObserver the test drives: what it observes, and its callback to call. */
class DrivenObserver {
  observed = new Set<Element>();
  disconnects = 0;
  callback?: IntersectionObserverCallback;
  readonly factory: ObserverFactory = (callback) => {
    this.callback = callback;
    return {
      observe: (el) => void this.observed.add(el),
      unobserve: (el) => void this.observed.delete(el),
      disconnect: () => {
        this.disconnects++;
        this.observed.clear();
      },
    };
  };
  /** The browser reports these elements scrolled into view (`true`) or still out of it. */
  report(entries: [Element, boolean][]): void {
    const list = entries.map(([target, isIntersecting]) => ({ target, isIntersecting }) as IntersectionObserverEntry);
    this.callback!(list, {} as IntersectionObserver);
  }
}

class UnseenHost extends ReactiveElement {
  /** The driven variant's observer is the test's; this one's is the browser's. */
  static driven = false;
  readonly driven = new DrivenObserver();
  readonly unseen = new UnseenMessages(
    this,
    () => this.renderRoot,
    (this.constructor as typeof UnseenHost).driven ? this.driven.factory : undefined,
  );
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    const slot = this.renderRoot.querySelector<HTMLElement>('.button-slot');
    if (slot) render(this.unseen.render(i18n), slot);
  }
}
customElements.define('test-unseen-host', UnseenHost);

class DrivenUnseenHost extends UnseenHost {
  static override driven = true;
}
customElements.define('test-driven-unseen-host', DrivenUnseenHost);

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const el of hosts.splice(0)) el.remove();
});

describe('OlderPages', () => {
  async function older(): Promise<OlderHost> {
    const host = new OlderHost();
    document.body.append(host);
    hosts.push(host);
    const first = await host.adapter.listMessages(LONG_CASE, { limit: 5 });
    host.cursor = first.nextCursor;
    return host;
  }

  it('loads the page before the cursor, one request at a time', async () => {
    const host = await older();
    const base = host.adapter;
    const gate = deferred();
    let calls = 0;
    host.adapter = wrapAdapter(base, {
      async listMessages(...args) {
        calls++;
        await gate.promise;
        return base.listMessages(...args);
      },
    });
    const loading = host.older.load();
    void host.older.load(); // a double click
    expect(host.older.loading).to.equal(true);
    gate.resolve();
    await loading;
    expect(calls).to.equal(1);
    expect(host.older.loading).to.equal(false);
    expect(host.pages).to.have.length(1);
    expect(host.pages[0]!.items).to.have.length(5);
  });

  it('keeps a failure’s text until the next attempt, and does nothing without a cursor', async () => {
    const host = await older();
    const base = host.adapter;
    host.adapter = wrapAdapter(base, { listMessages: () => Promise.reject(new AdapterError('network')) });
    await host.older.load();
    expect(host.older.error).to.equal('failed');
    expect(host.failures).to.deep.equal(['listMessages']);
    host.adapter = base;
    const again = host.older.load();
    expect(host.older.error).to.equal('');
    await again;
    host.cursor = null;
    await host.older.load();
    expect(host.pages).to.have.length(1);
  });

  it('drops the answer of a request made for a case it has left', async () => {
    const host = await older();
    const base = host.adapter;
    const gate = deferred();
    host.adapter = wrapAdapter(base, {
      async listMessages(...args) {
        await gate.promise;
        return base.listMessages(...args);
      },
    });
    const loading = host.older.load();
    host.older.reset();
    gate.resolve();
    await loading;
    expect(host.pages).to.have.length(0);
    expect(host.older.loading).to.equal(false);
  });
});

describe('UnseenMessages', () => {
  async function unseen<T extends UnseenHost = UnseenHost>(host: T = new UnseenHost() as T): Promise<T> {
    document.body.append(host);
    hosts.push(host);
    return host;
  }

  /** Messages in the host's root; the last one is pushed below the window. */
  function messages(host: UnseenHost, ids: string[]): void {
    window.scrollTo(0, 0);
    const root = host.renderRoot as ShadowRoot;
    root.replaceChildren();
    const list = document.createElement('ol');
    for (const id of ids) {
      const li = document.createElement('li');
      li.dataset['id'] = id;
      li.append(Object.assign(document.createElement('article'), { textContent: id }));
      list.append(li);
    }
    const spacer = document.createElement('div');
    spacer.style.height = `${window.innerHeight * 2}px`;
    list.insertBefore(spacer, list.lastElementChild);
    const slot = document.createElement('div');
    slot.className = 'button-slot';
    root.append(slot, list);
  }

  it('notes a message below the window, not one in view, and the button focuses it', async () => {
    const host = await unseen();
    messages(host, ['seen', 'below']);
    host.unseen.note('seen');
    host.unseen.note('below');
    expect(host.unseen.ids).to.deep.equal(['below']);
    await host.updateComplete;
    const button = host.renderRoot.querySelector<HTMLButtonElement>('[part="new-messages"]')!;
    expect(button.textContent).to.contain('1');
    button.click();
    expect(host.unseen.ids).to.deep.equal([]);
    expect((host.renderRoot as ShadowRoot).activeElement?.textContent).to.equal('below');
    await host.updateComplete;
    expect(host.renderRoot.querySelector('[part="new-messages"]')).to.equal(null);
  });

  // The IntersectionObserver reports only in painted frames, which wtr's background tabs don't get:
  // these tests drive its callback through the factory the element leaves at the browser's default.
  it('takes a noted message off once it scrolls into view, and only that one', async () => {
    const host = await unseen(new DrivenUnseenHost());
    messages(host, ['seen', 'first', 'second']);
    const li = (id: string) => host.renderRoot.querySelector(`li[data-id="${id}"]`)!;
    // messages() pushes the last one below the window; push the middle one down too.
    const spacer = document.createElement('div');
    spacer.style.height = `${window.innerHeight * 2}px`;
    li('first').before(spacer);
    host.unseen.note('first');
    host.unseen.note('second');
    expect(host.unseen.ids).to.deep.equal(['first', 'second']);
    expect([...host.driven.observed]).to.deep.equal([li('first'), li('second')]);

    host.driven.report([[li('second'), false]]);
    expect(host.unseen.ids, 'still out of view').to.deep.equal(['first', 'second']);
    host.driven.report([[li('first'), true], [li('second'), false]]);
    expect(host.unseen.ids).to.deep.equal(['second']);
    expect([...host.driven.observed]).to.deep.equal([li('second')]);
    await host.updateComplete;
    expect(host.renderRoot.querySelector('[part="new-messages"]')!.textContent).to.contain('1');

    host.driven.report([[li('second'), true]]);
    await host.updateComplete;
    expect(host.unseen.ids).to.deep.equal([]);
    expect(host.renderRoot.querySelector('[part="new-messages"]')).to.equal(null);
  });

  it('stops observing when reset or when the host leaves the page', async () => {
    const host = await unseen(new DrivenUnseenHost());
    messages(host, ['seen', 'below']);
    host.unseen.note('below');
    host.unseen.reset();
    expect(host.unseen.ids).to.deep.equal([]);
    expect(host.driven.observed.size).to.equal(0);
    host.unseen.note('below');
    expect(host.driven.observed.size).to.equal(1);
    host.remove();
    expect(host.driven.disconnects).to.equal(2);
    expect(host.driven.observed.size).to.equal(0);
  });

  it('uses the browser’s IntersectionObserver unless given another', async () => {
    const Native = window.IntersectionObserver;
    const observed: Element[] = [];
    window.IntersectionObserver = class extends Native {
      override observe(target: Element): void {
        observed.push(target);
        super.observe(target);
      }
    };
    try {
      const host = await unseen();
      messages(host, ['seen', 'below']);
      host.unseen.note('below');
      expect(observed).to.deep.equal([host.renderRoot.querySelector('li[data-id="below"]')]);
    } finally {
      window.IntersectionObserver = Native;
    }
  });
});

class PagesHost extends ReactiveElement {
  setup?: PortalSetup;
  caseId?: string;
  kinds?: MessageKind[];
  firstPages: string[][] = [];
  totals: number[] = [];
  older: [number, boolean][] = [];
  readonly pages = new MessagePages(this, {
    setup: () => this.setup,
    caseId: () => this.caseId,
    kinds: () => this.kinds,
    failureText: () => 'failed',
    firstPage: (ids, total) => (this.firstPages.push(ids), this.totals.push(total)),
    olderPage: (added, oldest) => this.older.push([added, oldest]),
  });
}
customElements.define('test-pages-host', PagesHost);

describe('MessagePages', () => {
  async function pagesHost(caseId: string): Promise<PagesHost> {
    const adapter = memory();
    const host = new PagesHost();
    host.setup = { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
    host.caseId = caseId;
    document.body.append(host);
    hosts.push(host);
    await waitUntil(() => host.pages.loadedOnce, 'the newest page loads');
    return host;
  }

  it('loads the newest page, then older ones before it, oldest first', async () => {
    const host = await pagesHost(LONG_CASE);
    const first = host.pages.messages.map((m) => m.id);
    expect(host.firstPages).to.deep.equal([first]);
    expect(host.pages.nextCursor).to.not.equal(null);
    await host.pages.older.load();
    expect(host.older[0]![0]).to.be.greaterThan(0);
    expect(host.pages.messages.slice(-first.length).map((m) => m.id)).to.deep.equal(first);
    const times = host.pages.messages.map((m) => Date.parse(m.createdAt));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it('asks the adapter for the filter\'s kinds: its pages, older ones and live additions hold those only', async () => {
    const host = await pagesHost(LONG_CASE);
    const emails = (await allMessages(host.setup!.adapter, LONG_CASE)).filter((m) => m.kind === 'email');
    host.kinds = ['email'];
    host.pages.reset();
    host.requestUpdate();
    await waitUntil(() => host.pages.loadedOnce, 'the filtered page loads');
    expect(host.pages.messages.map((m) => m.id)).to.deep.equal(emails.map((m) => m.id));
    expect(host.totals.at(-1)).to.equal(emails.length);
    host.pages.add([message({ id: 'live-comment', createdAt: '2099-01-01T00:00:00Z' })]);
    expect(host.pages.has('live-comment')).to.equal(false);
  });

  it('merges added messages by id, drops internal ones, and forgets everything for another case', async () => {
    const host = await pagesHost(OPEN_CASE);
    const before = host.pages.messages.length;
    host.pages.add([message({ id: 'live-1', createdAt: '2099-01-01T00:00:00Z' }), message({ id: 'note', public: false })]);
    host.pages.add([message({ id: 'live-1', body: 'edited', createdAt: '2099-01-01T00:00:00Z' })]);
    expect(host.pages.messages).to.have.length(before + 1);
    expect(host.pages.messages.at(-1)).to.include({ id: 'live-1', body: 'edited' });
    expect(host.pages.has('note')).to.equal(false);
    host.pages.reset();
    expect(host.pages.messages).to.deep.equal([]);
    expect(host.pages.nextCursor).to.equal(null);
  });
});
