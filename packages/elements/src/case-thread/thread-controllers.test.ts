/** The thread's smaller controllers, each alone on a bare ReactiveElement host. */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement, render } from 'lit';
import { AdapterError, type CaseAdapter, type Message, type Page } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import { OlderPages } from './older-pages.js';
import { UnseenMessages } from './unseen.js';
import { deferred, wrapAdapter } from './testing.js';
import { LONG_CASE, memory } from './test-helpers.js';

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

class UnseenHost extends ReactiveElement {
  readonly unseen = new UnseenMessages(this, () => this.renderRoot);
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    const slot = this.renderRoot.querySelector<HTMLElement>('.button-slot');
    if (slot) render(this.unseen.render(i18n), slot);
  }
}
customElements.define('test-unseen-host', UnseenHost);

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
  async function unseen(): Promise<UnseenHost> {
    const host = new UnseenHost();
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

  it('forgets a message once it scrolls into view', async () => {
    const host = await unseen();
    messages(host, ['a', 'late']);
    host.unseen.note('late');
    expect(host.unseen.ids).to.deep.equal(['late']);
    host.renderRoot.querySelector('li[data-id="late"]')!.scrollIntoView();
    await waitUntil(() => host.unseen.ids.length === 0, 'seen when scrolled to');
    window.scrollTo(0, 0);
  });
});
