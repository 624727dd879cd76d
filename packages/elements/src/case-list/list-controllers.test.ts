/**
 * The list's controllers, each alone on a bare ReactiveElement host: no <case-list>, no rendering,
 * only the host's update cycle (the element's own tests cover them through the UI).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseQuery, PortalSchema } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import type { CaseQueryChangeEvent } from '../events.js';
import type { PortalSetup } from '../shared/portal-setup.js';
import { CountingHost, defineHost, failingAdapter, gatedAdapter, place, removePlaced, withListCases } from '../testing/index.js';
import { DEFAULT_SORT, KEYWORD_DEBOUNCE_MS, ListQueryController } from './list-query.js';
import { ListFailure, ListResultsController } from './list-results.js';
import { ListTemplateController } from './list-template.js';

afterEach(removePlaced);

async function memorySetup(adapter = new MemoryAdapter({ storage: null })): Promise<PortalSetup> {
  const [schema, viewer] = await Promise.all([adapter.describe(), adapter.viewer()]);
  return { adapter, schema, viewer };
}

describe('ListQueryController', () => {
  class QueryHost extends ReactiveElement {
    urlState = false;
    schema?: PortalSchema;
    start?: Partial<CaseQuery>;
    limit?: number;
    readonly events: CaseQuery[] = [];
    readonly q = new ListQueryController(this, {
      urlState: () => this.urlState,
      urlPrefix: () => 'lq.',
      schema: () => this.schema,
      start: () => this.start,
      limit: () => this.limit,
    });
    constructor() {
      super();
      this.addEventListener('case-query-change', (e) => this.events.push((e as CaseQueryChangeEvent).detail.query));
    }
  }
  defineHost(QueryHost);

  afterEach(() => history.replaceState(null, '', location.pathname));

  it('builds the adapter query without empty keys, and applies a starting query silently', async () => {
    const host = place(new QueryHost());
    await host.updateComplete;
    expect(host.q.query()).to.deep.equal({ sort: DEFAULT_SORT, cursor: null });
    host.limit = 25;
    host.q.apply({ keyword: 'router', statuses: ['open'], view: 'mine' });
    await host.updateComplete;
    expect(host.q.query()).to.deep.equal({ view: 'mine', keyword: 'router', statuses: ['open'], sort: DEFAULT_SORT, cursor: null, limit: 25 });
    expect(host.q.state.keywordDraft).to.equal('router');
    expect(host.events, 'apply fires nothing').to.have.length(0);
    expect(host.q.narrowed).to.equal(true);
  });

  it('a change goes back to page one and fires case-query-change; loading a page fires it with the cursor', async () => {
    const host = place(new QueryHost());
    host.q.loadPage('c2');
    expect(host.events.at(-1)!.cursor).to.equal('c2');
    host.q.change({ origins: ['email'] });
    expect(host.events.at(-1)).to.deep.include({ origins: ['email'], cursor: null });
    expect(host.q.activeFilterCount()).to.equal(1);
    expect(host.q.firstPage(), 'already on page one').to.equal(false);
  });

  it('sorting turns the same column around and starts another in its own first direction', () => {
    const host = place(new QueryHost());
    host.q.sortBy('updatedAt', 'asc');
    expect(host.q.state.sort).to.deep.equal({ key: 'updatedAt', dir: 'asc' });
    host.q.sortBy('number', 'desc');
    expect(host.q.state.sort).to.deep.equal({ key: 'number', dir: 'desc' });
  });

  it('a typed keyword waits for a pause (one event), a live one applies at once; Enter applies now', async () => {
    const host = place(new QueryHost());
    host.q.typeKeyword('ro', false);
    host.q.typeKeyword('route', false);
    expect(host.events).to.have.length(0);
    await new Promise((r) => setTimeout(r, KEYWORD_DEBOUNCE_MS + 50));
    expect(host.events.map((q) => q.keyword)).to.deep.equal(['route']);
    host.q.typeKeyword(' router ', false);
    host.q.applyKeyword();
    host.q.applyKeyword();
    expect(host.events.map((q) => q.keyword), 'trimmed, once').to.deep.equal(['route', 'router']);
    host.q.typeKeyword('r', true);
    expect(host.events.at(-1)!.keyword).to.equal('r');
  });

  it('a typed filter waits for the pause like the keyword, reads its value when it applies, and skips a value already applied', async () => {
    const host = place(new QueryHost());
    const serial = (value: string) => () => ({ fields: { ...host.q.state.fields, serial: { op: 'contains' as const, value } } });
    host.q.typeFilter(serial('SN'), false);
    host.q.typeFilter(serial('SN-1'), false);
    host.q.change({ origins: ['email'] }); // made during the pause: kept
    await new Promise((r) => setTimeout(r, KEYWORD_DEBOUNCE_MS + 50));
    expect(host.events.map((q) => q.fields?.['serial'])).to.deep.equal([undefined, { op: 'contains', value: 'SN-1' }]);
    expect(host.events.at(-1)!.origins).to.deep.equal(['email']);
    host.q.typeFilter(serial('SN-1'), true); // Enter after the pause
    expect(host.events).to.have.length(2);
    host.q.typeFilter(serial('late'), false);
    host.q.clearFilters();
    await new Promise((r) => setTimeout(r, KEYWORD_DEBOUNCE_MS + 50));
    expect(host.q.state.fields, 'cleared, and the pending filter cancelled').to.deep.equal({});
  });

  it('clearing filters keeps the view and cancels a pending keyword; leaving the page cancels it too', async () => {
    const host = place(new QueryHost());
    host.q.apply({ view: 'mine', statuses: ['open'], fields: { product: { op: 'eq', value: 'x' } } });
    host.q.typeKeyword('late', false);
    host.q.clearFilters();
    expect(host.q.state).to.deep.include({ view: 'mine', keyword: '', keywordDraft: '', statuses: [], fields: {} });
    host.q.typeKeyword('gone', false);
    host.remove();
    const events = host.events.length;
    await new Promise((r) => setTimeout(r, KEYWORD_DEBOUNCE_MS + 50));
    expect(host.events.length).to.equal(events);
    expect(host.q.state.keyword).to.equal('');
  });

  it('with url-state, a shared link wins over the starting query once the schema is known, and changes are written', async () => {
    const { schema } = await memorySetup();
    history.replaceState(null, '', `${location.pathname}?lq.q=router&other=1`);
    const host = new QueryHost();
    host.urlState = true;
    host.start = { view: 'mine', keyword: 'ignored' };
    place(host);
    await host.updateComplete;
    expect(host.q.state.keyword, 'no schema yet: nothing read').to.equal('');
    // The element's setup waits for this beside the schema (CaseList.loadsBesideSetup).
    const code = host.q.urlStateNeeded();
    expect(code, 'a link with our parameters needs the URL code').to.be.instanceOf(Promise);
    await code;
    host.schema = schema;
    host.requestUpdate();
    await host.updateComplete;
    expect(host.q.state).to.deep.include({ keyword: 'router', view: 'mine' });
    host.q.change({ keyword: 'modem' }, 'replace');
    expect(new URLSearchParams(location.search).get('lq.q')).to.equal('modem');
    expect(new URLSearchParams(location.search).get('other'), 'other parameters stay').to.equal('1');
  });
});

describe('ListResultsController', () => {
  class ResultsHost extends ReactiveElement {
    setup?: PortalSetup;
    query: CaseQuery = { sort: DEFAULT_SORT, limit: 5 };
    readonly reported: unknown[] = [];
    readonly results = new ListResultsController<PortalSetup>(this, {
      setup: () => this.setup,
      query: () => this.query,
      failureText: (e) => {
        this.reported.push(e);
        return 'failed';
      },
    });
  }
  defineHost(ResultsHost);

  it('loads nothing without a setup, then a page; a cursor appends the next page without duplicates', async () => {
    const host = place(new ResultsHost());
    await host.updateComplete;
    expect(host.results.pending).to.equal(true);
    expect(host.results.result).to.equal(undefined);
    host.setup = await memorySetup();
    host.requestUpdate();
    await waitUntil(() => host.results.complete, 'the first page');
    const first = host.results.result!;
    expect(first.items).to.have.length(5);
    host.query = { ...host.query, cursor: first.nextCursor };
    host.requestUpdate();
    await waitUntil(() => host.results.complete && host.results.result !== first, 'the second page');
    const both = host.results.result!;
    expect(both.items).to.have.length(10);
    expect(new Set(both.items.map((c) => c.id)).size).to.equal(10);
    expect(both.key).to.equal(first.key);
  });

  it('an equal query rebuilt is not a new load; a failure is reported once and kept with whether rows stay', async () => {
    const setup = await memorySetup();
    let calls = 0;
    const host = new ResultsHost();
    host.setup = { ...setup, adapter: withListCases(setup.adapter, (q, o) => (calls++, setup.adapter.listCases(q, o))) };
    place(host);
    await waitUntil(() => host.results.complete);
    host.query = { ...host.query };
    host.requestUpdate();
    await host.updateComplete;
    expect(calls).to.equal(1);
    const rows = host.results.result;
    host.setup = { ...setup, adapter: failingAdapter(setup.adapter, 'listCases').adapter };
    host.query = { ...host.query, cursor: rows!.nextCursor };
    host.requestUpdate();
    await waitUntil(() => host.results.failure, 'the failure');
    expect(host.results.failure).to.be.instanceOf(ListFailure);
    expect(host.results.failure!.append, 'a failed "load more" keeps the rows').to.equal(true);
    expect(host.results.result, 'the last rows stay').to.equal(rows);
    expect(host.reported).to.have.length(1);
  });

  it('a stale load (superseded while it waits) is neither shown nor reported', async () => {
    const setup = await memorySetup();
    const gate = gatedAdapter(setup.adapter, { ignoreAbort: true });
    const host = new ResultsHost();
    host.setup = { ...setup, adapter: gate.adapter };
    place(host);
    await host.updateComplete;
    expect(host.results.loading).to.equal(true);
    host.query = { ...host.query, keyword: 'router' };
    host.requestUpdate();
    await host.updateComplete;
    gate.release(1);
    await waitUntil(() => host.results.complete, 'the second load');
    const shown = host.results.result;
    expect(JSON.parse(shown!.key).keyword).to.equal('router');
    gate.release(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(host.results.result, 'the stale answer came back late and was dropped').to.equal(shown);
    expect(host.reported).to.have.length(0);
  });
});

describe('ListTemplateController', () => {
  class TemplateHost extends CountingHost {
    readonly rows = new ListTemplateController(this);
  }
  defineHost(TemplateHost);
  const i18n = createI18n('en-US');

  /** A template of `<tag>text</tag>` children (`data-case-open` on an `a`), built with DOM calls. */
  function fill(template: HTMLTemplateElement, parts: [tag: string, text: string][]): void {
    template.content.replaceChildren(
      ...parts.map(([tag, text]) => {
        const el = document.createElement(tag);
        el.textContent = text;
        if (tag === 'a') el.setAttribute('data-case-open', '');
        return el;
      }),
    );
  }
  function withTemplate(parts: [tag: string, text: string][]): TemplateHost {
    const host = new TemplateHost();
    const template = document.createElement('template');
    fill(template, parts);
    host.append(template);
    return place(host);
  }

  it('no template: the built-in table (undefined), never busy', async () => {
    const host = place(new TemplateHost());
    const setup = await memorySetup();
    expect(host.rows.loadingEngine(undefined)).to.equal(false);
    expect(host.rows.get(setup, undefined, i18n)).to.equal(undefined);
  });

  it('busy while the engine loads, then fills a card per case and keeps its nodes while on screen', async () => {
    const setup = await memorySetup();
    const { items } = await setup.adapter.listCases({ limit: 2 });
    const host = withTemplate([['p', '{{number}}'], ['a', '{{subject}}']]);
    expect(host.rows.loadingEngine(undefined)).to.equal(true);
    await waitUntil(() => !host.rows.loadingEngine(undefined), 'the engine');
    const rows = host.rows.get(setup, undefined, i18n)!;
    expect(rows.hasOpen).to.equal(true);
    const nodes = rows.nodesFor(items[0]!);
    const text = nodes.map((n) => n.textContent).join('');
    expect(text).to.contain(String(items[0]!.number));
    expect(text).to.contain(items[0]!.subject);
    expect(host.rows.get(setup, undefined, i18n)!.nodesFor(items[0]!)[0], 'the same nodes').to.equal(nodes[0]);
  });

  it('an edit to the template compiles again and updates the host', async () => {
    const setup = await memorySetup();
    const { items } = await setup.adapter.listCases({ limit: 1 });
    const host = withTemplate([['p', '{{number}}']]);
    await waitUntil(() => !host.rows.loadingEngine(undefined), 'the engine');
    expect(host.rows.get(setup, undefined, i18n)!.hasOpen).to.equal(false);
    const before = host.updates;
    // A CMS editor replaces the template element: the controller watches its children.
    const next = document.createElement('template');
    fill(next, [['p', '{{subject}}'], ['a', 'open']]);
    host.querySelector('template')!.replaceWith(next);
    await waitUntil(() => host.updates > before, 'the host updates');
    const rows = host.rows.get(setup, undefined, i18n)!;
    expect(rows.hasOpen).to.equal(true);
    expect(rows.nodesFor(items[0]!).map((n) => n.textContent).join('')).to.contain(items[0]!.subject);
  });
});
