import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { MemoryAdapter, DEMO_PEOPLE, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseRecord, Page, PortalSchema } from '@case-portal/core';
import '../define/case-list.js';
import { navigatorHost } from '../../../../test/dom.js';
import type { CaseList } from './case-list.js';
import type { CaseErrorEvent, CaseQueryChangeEvent } from '../events.js';
import { RestAdapter } from '@case-portal/adapter-rest';
import type { SetupWorker } from 'msw/browser';
import { createHandlers, errorHandlers, startMockWorker } from '../../../../test/mocks/browser.js';
import { failingAdapter, gatedAdapter, listSettled, recordingAdapter, withListCases } from '../testing/index.js';

const NOW = new Date('2024-06-11T12:00:00Z');

function memory(viewer: keyof typeof DEMO_PEOPLE = 'customer'): MemoryAdapter {
  return new MemoryAdapter({ storage: null, now: () => NOW, viewerId: DEMO_PEOPLE[viewer].id });
}

function schemaWith(features: Partial<PortalSchema['features']>): PortalSchema {
  return { ...demoSchema, features: { ...demoSchema.features, ...features } };
}

async function mount(adapter: CaseAdapter, attrs: { pageSize?: number; columns?: string } = {}): Promise<CaseList> {
  const el = await fixture<CaseList>(
    html`<case-list .adapter=${adapter} .now=${() => NOW} locale="en-US" page-size=${attrs.pageSize ?? 25} columns=${attrs.columns ?? 'number,subject,status,updatedAt'}></case-list>`,
  );
  await settled(el);
  return el;
}

const root = (el: CaseList) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: CaseList, sel: string) => root(el).querySelector<T>(sel);
const qa = <T extends Element = HTMLElement>(el: CaseList, sel: string) => [...root(el).querySelectorAll<T>(sel)];
const rows = (el: CaseList) => qa(el, 'tbody tr[part~="row"]');
const rowIds = (el: CaseList) => rows(el).map((r) => r.dataset.id);
const cellTexts = (el: CaseList, key: string) => qa(el, `td.cell-${key}`).map((c) => c.textContent!.trim());
const header = (el: CaseList, key: string) => q<HTMLTableCellElement>(el, `th[part~="header-${key}"]`)!;
const busy = (el: CaseList) => q(el, '[part="results"]')?.getAttribute('aria-busy');

/** Loaded: the results region exists and is not busy. */
const settled = (el: CaseList) => listSettled(el);

/** Opens the filter panel (once) and returns the checkbox of `value` in the group `filter`. */
async function filterBox(el: CaseList, filter: string, value: string): Promise<HTMLInputElement> {
  if (!q(el, '[part~="filter-panel"]')) {
    q(el, '[part~="filters-toggle"]')!.click();
    // The panel's controls are loaded when it first opens (a loading line until then).
    await waitUntil(() => q(el, '[part~="filter-panel"]'), 'the filter panel did not open');
  }
  const box = q<HTMLInputElement>(el, `[data-filter="${filter}"] input[value="${value}"]`);
  if (!box) throw new Error(`no ${filter} option ${value}`);
  return box;
}

/** Ticks or unticks one status in the filter panel, as a click would. */
async function selectStatus(el: CaseList, id: string): Promise<void> {
  (await filterBox(el, 'status', id)).click();
}

describe('<case-list>', () => {
  // Tall enough for a page of 25 rows in the window; the windowing tests set their own size.
  before(() => setViewport({ width: 1000, height: 2000 }));
  it('renders the viewer’s cases as a table: number, subject and status pill', async () => {
    const { adapter, pages } = recordingAdapter(memory());
    const el = await mount(adapter);
    const page = pages.at(-1)!;
    expect(page.items.length).to.be.greaterThan(0);
    expect(rows(el).length).to.equal(page.items.length);
    expect(qa(el, 'th[scope="col"]').map((th) => th.textContent!.trim())).to.deep.equal([
      'Case number',
      'Subject',
      'Status',
      'Last update',
    ]);
    const first = page.items[0]!;
    const firstRow = rows(el)[0]!;
    expect(firstRow.querySelector('.cell-number')!.textContent!.trim()).to.equal(first.number);
    expect(firstRow.querySelector('.cell-subject button')!.textContent!.trim()).to.equal(first.subject);
    const pill = firstRow.querySelector('[part="status"]')!;
    expect(pill.textContent!.trim()).to.equal(first.status.label);
    expect(pill.getAttribute('data-category')).to.equal(first.status.category);
    expect(q(el, '[part~="summary"]')!.textContent!.trim()).to.match(/cases?$/);
  });

  it('sorts by last update, newest first, by default', async () => {
    const { adapter, queries, pages } = recordingAdapter(memory());
    const el = await mount(adapter);
    expect(queries[0]!.sort).to.deep.equal({ key: 'updatedAt', dir: 'desc' });
    const times = pages[0]!.items.map((c) => Date.parse(c.updatedAt));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(rowIds(el)).to.deep.equal(pages[0]!.items.map((c) => c.id));
    expect(header(el, 'updatedAt').getAttribute('aria-sort')).to.equal('descending');
    expect(header(el, 'subject').getAttribute('aria-sort')).to.equal('none');
  });

  it('sorts by a column when its header is clicked, and reverses on the second click', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter);
    const changes: CaseQueryChangeEvent[] = [];
    el.addEventListener('case-query-change', (e) => changes.push(e));
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

    header(el, 'subject').querySelector('button')!.click();
    await waitUntil(() => header(el, 'subject').getAttribute('aria-sort') === 'ascending');
    await settled(el);
    const asc = cellTexts(el, 'subject');
    expect(asc).to.deep.equal([...asc].sort(collator.compare));
    expect(queries.at(-1)!.sort).to.deep.equal({ key: 'subject', dir: 'asc' });
    expect(header(el, 'updatedAt').getAttribute('aria-sort')).to.equal('none');
    expect(changes[0]!.detail.query.sort).to.deep.equal({ key: 'subject', dir: 'asc' });

    header(el, 'subject').querySelector('button')!.click();
    await waitUntil(() => header(el, 'subject').getAttribute('aria-sort') === 'descending');
    await settled(el);
    const desc = cellTexts(el, 'subject');
    expect(desc).to.deep.equal([...desc].sort((a, b) => collator.compare(b, a)));
  });

  it('sorts from the keyboard: Enter on a header', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter);
    header(el, 'number').querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => header(el, 'number').getAttribute('aria-sort') === 'ascending');
    await settled(el);
    const numbers = cellTexts(el, 'number');
    expect(numbers).to.deep.equal([...numbers].sort());
    expect(queries.at(-1)!.sort).to.deep.equal({ key: 'number', dir: 'asc' });
  });

  it('re-sorting fills the rows already there with the new cases, each row showing and opening its own case', async () => {
    const { adapter, pages } = recordingAdapter(memory());
    const el = await mount(adapter);
    // The row keys come with the window's chunk, fetched the frame after the first rows painted
    // (until then rows are keyed by case): under load it may come after `settled`.
    await waitUntil(() => (el as unknown as { rowSlots?: object }).rowSlots, 'the window’s code did not arrive', { timeout: 5000 });
    const before = rows(el);
    header(el, 'number').querySelector('button')!.click();
    await waitUntil(() => header(el, 'number').getAttribute('aria-sort') === 'ascending');
    await settled(el);
    const page = pages.at(-1)!.items;
    expect(rowIds(el)).to.deep.equal(page.map((c) => c.id));
    // The rows of cases that left carry the new ones (row-slots.ts): fewer rows to build and lay out.
    expect(rows(el).filter((r) => before.includes(r)).length).to.equal(Math.min(before.length, page.length));
    expect(cellTexts(el, 'number')).to.deep.equal(page.map((c) => c.number));
    expect(cellTexts(el, 'subject')).to.deep.equal(page.map((c) => c.subject));
    expect(qa(el, '[part~="status"]').map((s) => s.dataset.category)).to.deep.equal(page.map((c) => c.status.category));
    expect(rows(el).map((r) => r.getAttribute('aria-rowindex'))).to.deep.equal(page.map((_, i) => String(i + 2)));
    const picked = oneEvent(el, 'case-select');
    rows(el)[3]!.querySelector<HTMLElement>('[part~="open"]')!.click();
    expect((await picked).detail.caseId).to.equal(page[3]!.id);
  });

  it('never hands the row holding focus to another case: when its case leaves, the row goes', async () => {
    const adapter = memory();
    const el = await mount(adapter, { pageSize: 5 });
    // With the row keys here (the window's chunk): before them, rows keyed by case go with their case anyway.
    await waitUntil(() => (el as unknown as { rowSlots?: object }).rowSlots, 'the window’s code did not arrive', { timeout: 5000 });
    const shown = rowIds(el);
    const all = await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 50 });
    const other = all.items.find((c) => !shown.includes(c.id))!;
    const first = rows(el)[0]!;
    const open = first.querySelector<HTMLElement>('[part~="open"]')!;
    open.focus();
    // A keyword only a case outside the window matches, applied while focus stays on the first row's control.
    const box = q<HTMLInputElement>(el, '[part="keyword"]')!;
    box.value = other.number;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => rowIds(el).includes(other.id), 'the other case was not listed');
    await settled(el);
    expect(rowIds(el)).to.deep.equal([other.id]);
    expect(open.isConnected, 'the focused control now belongs to another case').to.equal(false);
  });

  it('filters by several statuses through the adapter, with counts beside them', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter);
    const toggle = q(el, '[part~="filters-toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const open = await filterBox(el, 'status', 'open');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(open.closest('label')!.textContent!.trim()).to.match(/^Open \(\d+\)$/);

    const change = oneEvent(el, 'case-query-change');
    open.click();
    expect((await change).detail.query.statuses).to.deep.equal(['open']);
    (await filterBox(el, 'status', 'closed')).click();
    await waitUntil(() => queries.at(-1)!.statuses?.length === 2);
    // Schema order, whatever the click order.
    expect(queries.at(-1)!.statuses).to.deep.equal(['open', 'closed']);
    await settled(el);
    const labels = new Set(qa(el, '[part="status"]').map((p) => p.textContent!.trim()));
    expect(labels.size).to.be.greaterThan(0);
    expect([...labels].every((l) => l === 'Open' || l === 'Closed')).to.equal(true);
    expect(toggle.textContent!.trim()).to.equal('Filters (1)');
  });

  it('filters by keyword after a pause over a remote adapter, with one request for the whole word', async () => {
    const remote = new MemoryAdapter({ storage: null, now: () => NOW, latencyMs: 1 });
    const { adapter, queries } = recordingAdapter(remote);
    const el = await mount(adapter);
    const before = queries.length;
    const word = 'router';
    // Typed faster than the 200 ms pause, one input event a letter in one task: the protocol's
    // keystrokes (sendKeys) arrived more than 200 ms apart on a loaded machine and made a query for "r".
    const box = q<HTMLInputElement>(el, '[part="keyword"]')!;
    box.focus();
    for (let i = 1; i <= word.length; i++) {
      box.value = word.slice(0, i);
      box.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: word[i - 1]!, inputType: 'insertText' }));
    }
    await waitUntil(() => queries.length > before, 'no keyword query', { timeout: 2000 });
    await settled(el);
    expect(queries.length).to.equal(before + 1);
    expect(queries.at(-1)!.keyword).to.equal(word);
    const subjects = cellTexts(el, 'subject');
    expect(subjects.length).to.be.greaterThan(0);
    // Keyword matches number, subject or description; the seeded router cases say so in the subject.
    expect(subjects.some((s) => s.toLowerCase().includes(word))).to.equal(true);
  });

  it('shows "no match" with a way back when filters leave nothing', async () => {
    const el = await mount(memory());
    const input = q<HTMLInputElement>(el, '[part="keyword"]')!;
    input.value = 'zzz-no-such-case';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => q(el, '[part="empty"]'), 'no empty state', { timeout: 2000 });
    expect(q(el, '[part="empty"]')!.textContent).to.contain('No cases match your search.');
    q(el, '[part="clear-filters"]')!.click();
    await waitUntil(() => rows(el).length > 0);
    expect(input.value).to.equal('');
  });

  it('fires case-select with the case id when a case is chosen', async () => {
    const el = await mount(memory());
    const id = rows(el)[0]!.dataset.id;
    const event = oneEvent(el, 'case-select');
    rows(el)[0]!.querySelector<HTMLButtonElement>('[part~="open"]')!.click();
    expect((await event).detail.caseId).to.equal(id);
  });

  it('opens the case through a surrounding portal unless case-select is prevented', async () => {
    const { host, opened, remove } = navigatorHost();
    try {
      const el = document.createElement('case-list');
      el.adapter = memory();
      host.append(el);
      await settled(el);
      const open = () => rows(el)[0]!.querySelector<HTMLButtonElement>('[part~="open"]')!.click();
      open();
      expect(opened).to.deep.equal([rows(el)[0]!.dataset.id]);
      el.addEventListener('case-select', (e) => e.preventDefault(), { once: true });
      open();
      expect(opened.length).to.equal(1);
    } finally {
      remove();
    }
  });

  it('shows an empty state with a "New case" action for a viewer who may create', async () => {
    const empty: Page<CaseRecord> = { items: [], total: 0, nextCursor: null, statusCounts: {} };
    const el = await mount(withListCases(memory(), async () => empty));
    expect(q(el, '[part="empty"]')!.textContent).to.contain('You have no support cases yet.');
    const request = oneEvent(el, 'case-create-request');
    q(el, '[part~="new-case"]')!.click();
    expect((await request).cancelable).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('hides "New case" when the schema switches creating off', async () => {
    const empty: Page<CaseRecord> = { items: [], total: 0, nextCursor: null };
    const adapter = withListCases(memory(), async () => empty);
    const el = await fixture<CaseList>(
      html`<case-list .adapter=${adapter} .schema=${schemaWith({ create: false })}></case-list>`,
    );
    await settled(el);
    expect(q(el, '[part="empty"]')).not.to.equal(null);
    expect(q(el, '[part~="new-case"]')).to.equal(null);
  });

  it('shows the generic message on failure, fires case-error, and retries', async () => {
    const adapter = failingAdapter(memory(), 'listCases', { code: 'server', backendMessage: 'DB node 7 is down', times: 1 }).adapter;
    const errors: CaseErrorEvent[] = [];
    const el = await fixture<CaseList>(
      html`<case-list
        .adapter=${adapter}
        .schema=${schemaWith({ backendMessages: false })}
        @case-error=${(e: CaseErrorEvent) => errors.push(e)}
      ></case-list>`,
    );
    await waitUntil(() => q(el, '[part="error"]'), 'no error shown');
    const shown = q(el, '[part="error"]')!;
    expect(shown.getAttribute('role')).to.equal('alert');
    expect(shown.textContent).to.contain('Something went wrong on our side.');
    expect(shown.textContent).not.to.contain('DB node 7');
    expect(errors.length).to.equal(1);
    expect(errors[0]!.detail.error.code).to.equal('server');
    expect(errors[0]!.detail.operation).to.equal('list');
    q(el, '[part~="retry"]')!.click();
    await waitUntil(() => rows(el).length > 0, 'retry did not load');
    expect(q(el, '[part="error"]')).to.equal(null);
    expect(errors.length).to.equal(1);
  });

  it('shows the backend’s own message when the schema allows it', async () => {
    const adapter = failingAdapter(memory(), 'listCases', { code: 'server', backendMessage: 'The ticket system is down for maintenance.' }).adapter;
    const el = await fixture<CaseList>(
      html`<case-list .adapter=${adapter} .schema=${schemaWith({ backendMessages: true })}></case-list>`,
    );
    await waitUntil(() => q(el, '[part="error"]'));
    expect(q(el, '[part="error"]')!.textContent).to.contain('The ticket system is down for maintenance.');
  });

  it('shows the forbidden message without a pointless retry', async () => {
    const adapter = failingAdapter(memory(), 'listCases', { code: 'forbidden' }).adapter;
    const el = await fixture<CaseList>(
      html`<case-list .adapter=${adapter} .schema=${schemaWith({ backendMessages: false })}></case-list>`,
    );
    await waitUntil(() => q(el, '[part="error"]'));
    expect(q(el, '[part="error"]')!.textContent).to.contain('You don’t have permission to do this.');
    expect(q(el, '[part~="retry"]') === null).to.equal(true);
    expect(q(el, '[part~="keyword"]') === null && q(el, '[part~="filters-toggle"]') === null).to.equal(true);
  });

  it('marks the results busy while loading and keeps the old rows while reloading', async () => {
    const gated = gatedAdapter(memory());
    const el = await fixture<CaseList>(html`<case-list .adapter=${gated.adapter}></case-list>`);
    await waitUntil(() => busy(el) === 'true');
    expect(q(el, '[part~="loading"]')!.textContent).to.contain('Loading cases…');
    gated.release(0);
    await settled(el);
    const loaded = rowIds(el);
    expect(loaded.length).to.be.greaterThan(0);

    await selectStatus(el, 'open');
    await waitUntil(() => busy(el) === 'true');
    expect(rowIds(el)).to.deep.equal(loaded);
    gated.release(1);
    await settled(el);
    expect(rowIds(el)).not.to.deep.equal(loaded);
  });

  it('dims the old rows only when a reload takes a while', async () => {
    const dimmed = (el: CaseList) => q(el, '[part="results"]')!.hasAttribute('data-slow');
    const gated = gatedAdapter(memory());
    const el = await fixture<CaseList>(html`<case-list .adapter=${gated.adapter}></case-list>`);
    await waitUntil(() => gated.calls.length === 1);
    gated.release(0);
    await settled(el);
    await selectStatus(el, 'open');
    await waitUntil(() => gated.calls.length === 2);
    expect(busy(el)).to.equal('true');
    expect(dimmed(el)).to.equal(false);
    await waitUntil(() => dimmed(el), 'rows not dimmed during a slow reload', { timeout: 2000 });
    // The dimming rule applies (its fade, not its opacity: a background tab runs no transitions).
    expect(getComputedStyle(rows(el)[0]!).transitionProperty).to.equal('opacity');
    gated.release(1);
    await settled(el);
    expect(dimmed(el)).to.equal(false);

    // A quick answer (the memory adapter answers in the same task) never dims them.
    const quick = await mount(memory());
    let seen = false;
    const observer = new MutationObserver(() => (seen ||= dimmed(quick)));
    observer.observe(q(quick, '[part="results"]')!, { attributes: true });
    await selectStatus(quick, 'open');
    await settled(quick);
    await new Promise((r) => setTimeout(r, 250));
    observer.disconnect();
    expect(seen || dimmed(quick)).to.equal(false);
  });

  it('never renders a stale answer, even from an adapter that ignores aborts', async () => {
    const gated = gatedAdapter(memory(), { ignoreAbort: true });
    const el = await fixture<CaseList>(html`<case-list .adapter=${gated.adapter}></case-list>`);
    await waitUntil(() => gated.calls.length === 1);
    gated.release(0);
    await settled(el);
    await selectStatus(el, 'open');
    await waitUntil(() => gated.calls.length === 2);
    await selectStatus(el, 'open'); // unticked again: every status
    await waitUntil(() => gated.calls.length === 3);
    gated.release(2);
    await settled(el);
    gated.release(1); // the "open only" answer arrives last: it must not replace the full list
    await new Promise((r) => setTimeout(r, 50));
    const labels = qa(el, '[part="status"]').map((p) => p.textContent!.trim());
    expect(labels.length).to.be.greaterThan(0);
    expect(labels.some((l) => l !== 'Open')).to.equal(true);
  });

  it('pages with "Show more cases" and announces how many are shown', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter, { pageSize: 10 });
    expect(queries[0]!.limit).to.equal(10);
    expect(rows(el).length).to.equal(10);
    const summary = q(el, '[part~="summary"]')!;
    expect(summary.getAttribute('aria-live')).to.equal('polite');
    expect(summary.textContent!.trim()).to.match(/^Showing 10 of \d+ cases$/);
    const first = rowIds(el);
    q(el, '[part~="load-more"]')!.click();
    await waitUntil(() => rows(el).length === 20, 'second page not appended');
    expect(rowIds(el).slice(0, 10)).to.deep.equal(first);
    expect(queries.at(-1)!.cursor).to.be.a('string');
    expect(summary.textContent!.trim()).to.match(/^Showing 20 of \d+ cases$/);
  });

  it('moves keyboard focus to the first new row after "Show more cases"', async () => {
    const el = await mount(memory(), { pageSize: 10 });
    q(el, '[part~="load-more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => rows(el).length === 20);
    await waitUntil(() => root(el).activeElement === rows(el)[10]!.querySelector('[part~="open"]'), 'focus did not move');
  });

  it('starts from the host’s query without firing case-query-change', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const changes: Event[] = [];
    const el = await fixture<CaseList>(
      html`<case-list
        .adapter=${adapter}
        .query=${{ statuses: ['closed'], sort: { key: 'number', dir: 'asc' }, origins: ['email', 'web'] }}
        @case-query-change=${(e: Event) => changes.push(e)}
      ></case-list>`,
    );
    await settled(el);
    expect(queries[0]).to.include.keys('statuses', 'sort', 'origins');
    expect(queries[0]!.statuses).to.deep.equal(['closed']);
    expect(queries[0]!.origins).to.deep.equal(['email', 'web']);
    expect(qa(el, '[part~="filter-chip"]').map((c) => c.textContent!.trim().replace(/\s*×$/, ''))).to.deep.equal([
      'Status: Closed',
      'Channel: Email or Web portal',
    ]);
    expect((await filterBox(el, 'status', 'closed')).checked).to.equal(true);
    expect((await filterBox(el, 'origin', 'email')).checked).to.equal(true);
    expect(header(el, 'number').getAttribute('aria-sort')).to.equal('ascending');
    expect(changes.length).to.equal(0);
  });

  it('offers supervisors a view choice and sends it to the adapter', async () => {
    const customer = await mount(memory('customer'));
    // A customer chooses between their own cases and those they are copied on; no account view.
    const own = q<HTMLSelectElement>(customer, '[part="view-filter"]')!;
    expect([...own.options].map((o) => o.value)).to.deep.equal(['', 'mine', 'linked']);

    const { adapter, queries } = recordingAdapter(memory('supervisor'));
    const el = await mount(adapter);
    const select = q<HTMLSelectElement>(el, '[part="view-filter"]')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'mine', 'account', 'linked']);
    select.value = 'account';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => queries.at(-1)!.view === 'account');
    await settled(el);
    expect(rows(el).length).to.be.greaterThan(0);
  });

  it('lists under "Cases I’m copied on" only cases of others that list the viewer (issue 13, defect 4)', async () => {
    const adapter = memory('customer');
    const el = await mount(adapter, { pageSize: 100 });
    const select = q<HTMLSelectElement>(el, '[part="view-filter"]')!;
    select.value = 'linked';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => q(el, '[part="view-filter"]') && (q<HTMLSelectElement>(el, '[part="view-filter"]')!.value === 'linked'));
    await settled(el);
    const shown = rowIds(el);
    expect(shown.length, 'the colleague’s case that copies Alex in').to.be.greaterThan(0);
    for (const id of shown) {
      const c = await adapter.getCase(id!);
      expect(c.requester.id, `${c.number} "${c.subject}" is someone else’s`).to.not.equal(DEMO_PEOPLE.customer.id);
      expect(c.contacts?.map((p) => p.id)).to.include(DEMO_PEOPLE.customer.id);
    }
  });

  it('takes columns from the attribute, custom fields formatted by type', async () => {
    const el = await mount(memory(), { columns: 'number, product, due_date, nope' });
    expect(qa(el, 'th').map((th) => th.textContent!.trim())).to.deep.equal(['Case number', 'Product', 'Needed by']);
    const labels = new Set(demoSchema.fields.find((f) => f.key === 'product')!.options!.map((o) => o.label));
    expect(cellTexts(el, 'product').every((t) => labels.has(t) || t === '—')).to.equal(true);
    // Without a subject column the number opens the case.
    expect(rows(el)[0]!.querySelector('.cell-number [part~="open"]')).not.to.equal(null);
  });

  it('passes axe when loaded', async () => {
    const el = await mount(memory('supervisor'));
    await expect(el).to.be.accessible();
  });
});

describe('<case-list> over REST (msw)', () => {
  const BASE = '/api/case-list-test';
  let worker: SetupWorker;
  before(async function () {
    // Installing msw's service worker waits for its claim: seconds on a loaded 2-core machine.
    this.timeout(20_000);
    await setViewport({ width: 1000, height: 2000 });
    worker = await startMockWorker([]);
  });
  after(async () => {
    await worker.stop();
  });
  beforeEach(() => {
    worker.resetHandlers(...createHandlers({ baseUrl: BASE, adapter: memory() }));
  });

  it('lists, filters and pages through the REST adapter', async () => {
    const el = await mount(new RestAdapter({ baseUrl: BASE }), { pageSize: 5 });
    expect(rows(el).length).to.equal(5);
    await selectStatus(el, 'open');
    await waitUntil(() => rows(el).length > 0 && qa(el, '[part="status"]').every((p) => p.textContent!.trim() === 'Open'));
    await settled(el);
  });

  it('sends quick, channel and custom-field filters over REST and shows what the backend answers', async () => {
    const el = await mount(new RestAdapter({ baseUrl: BASE }), { columns: 'number,subject,status,origin,product' });
    q(el, '[part~="quick-filter"]')!.click();
    await waitUntil(() => qa(el, '[part="status"]').length > 0 && qa(el, '[part="status"]').every((p) => p.dataset.category === 'pending-customer'));
    (await filterBox(el, 'origin', 'email')).click();
    await settled(el);
    const product = demoSchema.fields.find((f) => f.key === 'product')!.options![0]!;
    (await filterBox(el, 'product', product.value)).click();
    await settled(el);
    const summary = q(el, '[part~="summary"]')!.textContent!.trim();
    // Whatever the seed holds, every row shown satisfies all three filters.
    if (rows(el).length) {
      expect(cellTexts(el, 'origin').every((t) => t === 'Email')).to.equal(true);
      expect(cellTexts(el, 'product').every((t) => t === product.label)).to.equal(true);
    } else {
      expect(summary).to.equal('No cases');
    }
  });

  it('shows the backend message of a failed request and recovers on retry', async () => {
    // This backend lets the portal show its own messages.
    worker.resetHandlers(
      ...createHandlers({ baseUrl: BASE, adapter: new MemoryAdapter({ storage: null, now: () => NOW, schema: { features: { ...demoSchema.features, backendMessages: true } } }) }),
    );
    worker.use(errorHandlers.server('Maintenance until 6pm.', { baseUrl: BASE, path: '/cases', once: true }));
    const el = await fixture<CaseList>(html`<case-list .adapter=${new RestAdapter({ baseUrl: BASE })}></case-list>`);
    await waitUntil(() => q(el, '[part="error"]'), 'no error shown', { timeout: 3000 });
    expect(q(el, '[part="error"]')!.textContent).to.contain('Maintenance until 6pm.');
    q(el, '[part~="retry"]')!.click();
    await waitUntil(() => rows(el).length > 0, 'retry did not load', { timeout: 3000 });
  });
});
