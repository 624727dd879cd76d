import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { MemoryAdapter, DEMO_PEOPLE, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, PortalSchema } from '@case-portal/core';
import '../define/case-list.js';
import type { CaseList } from './case-list.js';
import { listSettled, recordingAdapter, wrapAdapter } from '../testing/index.js';

const NOW = new Date('2024-06-11T12:00:00Z');
const memory = (viewer: keyof typeof DEMO_PEOPLE = 'customer') =>
  new MemoryAdapter({ storage: null, now: () => NOW, viewerId: DEMO_PEOPLE[viewer].id });

async function mount(adapter: CaseAdapter, schema?: PortalSchema, columns = 'number,subject,status,origin,updatedAt'): Promise<CaseList> {
  const el = await fixture<CaseList>(
    html`<case-list .adapter=${adapter} .schema=${schema} locale="en-US" columns=${columns}></case-list>`,
  );
  await settled(el);
  return el;
}

const q = <T extends Element = HTMLElement>(el: CaseList, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const qa = <T extends Element = HTMLElement>(el: CaseList, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const rows = (el: CaseList) => qa(el, 'tbody tr[part~="row"]');
const settled = (el: CaseList) => listSettled(el);
const chips = (el: CaseList) => qa(el, '[part~="filter-chip"]').map((c) => c.textContent!.replace('×', '').trim());

async function openPanel(el: CaseList): Promise<HTMLElement> {
  if (!q(el, '[part~="filter-panel"]')) {
    q(el, '[part~="filters-toggle"]')!.click();
    // The panel's controls are loaded when it first opens (a loading line until then).
    await waitUntil(() => q(el, '[part~="filter-panel"]'), 'the filter panel did not open');
  }
  return q<HTMLElement>(el, '[part~="filter-panel"]')!;
}

function change(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<case-list> filters', () => {
  before(() => setViewport({ width: 1000, height: 2000 }));

  it('offers only the filters the backend can evaluate', async () => {
    const full = await mount(memory());
    const panel = await openPanel(full);
    const groups = [...panel.querySelectorAll<HTMLElement>('[data-filter]')].map((g) => g.dataset.filter);
    expect(groups).to.include.members(['status', 'origin', 'category', 'priority', 'product', 'serial_number', 'due_date']);

    const statusOnly = await mount(memory(), { ...demoSchema, filters: ['status'] });
    const narrow = await openPanel(statusOnly);
    expect([...narrow.querySelectorAll<HTMLElement>('[data-filter]')].map((g) => g.dataset.filter)).to.deep.equal(['status']);
    expect(q(statusOnly, '[part~="view-filter"]')).to.equal(null);

    const none = await mount(memory(), { ...demoSchema, filters: [] });
    expect(q(none, '[part~="filters-toggle"]')).to.equal(null);
    expect(q(none, '[part~="quick-filter"]')).to.equal(null);
    expect(q(none, '[part~="keyword"]')).not.to.equal(null);
  });

  it('the panel is laid out by its own styles, which come with its controls (the list’s and the panel’s together)', async () => {
    const el = await mount(memory());
    const panel = await openPanel(el);
    expect(getComputedStyle(panel).display).to.equal('grid');
    const check = panel.querySelector<HTMLInputElement>('[data-filter=status] input[type=checkbox]')!;
    expect(getComputedStyle(check).marginTop).to.equal('0px');
    // The list's own styles are still there.
    expect(getComputedStyle(q(el, '[part~="results"]')!).overflowX).to.equal('auto');
    // A second list gets them too.
    const other = await mount(memory());
    expect(getComputedStyle(await openPanel(other)).display).to.equal('grid');
  });

  it('"Awaiting my reply" selects the pending-customer category, with its count, and toggles off', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter);
    const quick = q(el, '[part~="quick-filter"]')!;
    expect(quick.getAttribute('aria-pressed')).to.equal('false');
    const count = Number(quick.querySelector('.count')!.textContent);
    expect(count).to.be.greaterThan(0);
    quick.click();
    await waitUntil(() => queries.at(-1)!.categories?.[0] === 'pending-customer');
    await settled(el);
    expect(quick.getAttribute('aria-pressed')).to.equal('true');
    expect(q(el, '[part~="summary"]')!.textContent).to.contain(`${count} case`);
    const categories = new Set(qa(el, '[part="status"]').map((s) => s.dataset.category));
    expect([...categories]).to.deep.equal(['pending-customer']);
    expect(chips(el)).to.deep.equal(['Awaiting my reply']);
    quick.click();
    await waitUntil(() => !queries.at(-1)!.categories);
  });

  it('filters by channel and by custom fields: choice, text, date range', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await mount(adapter);
    const panel = await openPanel(el);
    panel.querySelector<HTMLInputElement>('[data-filter="origin"] input[value="email"]')!.click();
    await waitUntil(() => queries.at(-1)!.origins?.[0] === 'email');
    await settled(el);
    expect(rows(el).length).to.be.greaterThan(0);
    expect(qa(el, 'td.cell-origin').every((td) => td.textContent!.trim() === 'Email')).to.equal(true);

    const product = demoSchema.fields.find((f) => f.key === 'product')!.options![0]!;
    (await openPanel(el)).querySelector<HTMLInputElement>(`[data-filter="product"] input[value="${product.value}"]`)!.click();
    await waitUntil(() => queries.at(-1)!.fields?.product !== undefined);
    expect(queries.at(-1)!.fields!.product).to.deep.equal({ op: 'in', values: [product.value] });

    change((await openPanel(el)).querySelector<HTMLInputElement>('[data-filter="serial_number"] input')!, 'SN-1');
    await waitUntil(() => queries.at(-1)!.fields?.serial_number !== undefined);
    expect(queries.at(-1)!.fields!.serial_number).to.deep.equal({ op: 'contains', value: 'SN-1' });

    const [from, to] = (await openPanel(el)).querySelectorAll<HTMLInputElement>('[data-filter="due_date"] input');
    expect(from!.type).to.equal('date');
    expect(from!.getAttribute('aria-label')).to.equal('Needed by from');
    change(from!, '2024-01-01');
    change(to!, '2024-12-31');
    await waitUntil(() => (queries.at(-1)!.fields?.due_date as { to?: string } | undefined)?.to === '2024-12-31');
    expect(queries.at(-1)!.fields!.due_date).to.deep.equal({ op: 'range', from: '2024-01-01', to: '2024-12-31' });
    // All filters together, each visible as a chip.
    expect(queries.at(-1)!.origins).to.deep.equal(['email']);
    expect(chips(el)).to.deep.equal([
      'Channel: Email',
      `Product: ${product.label}`,
      'Serial number: contains “SN-1”',
      'Needed by: 2024-01-01 – 2024-12-31',
    ]);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('removes one filter from its chip, and clears all', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    const el = await fixture<CaseList>(
      html`<case-list .adapter=${adapter} .query=${{ statuses: ['open'], origins: ['email'], keyword: 'router' }}></case-list>`,
    );
    await settled(el);
    expect(chips(el)).to.deep.equal(['Status: Open', 'Channel: Email']);
    const removeStatus = qa(el, '[part~="filter-chip"]')[0]!;
    expect(removeStatus.getAttribute('aria-label')).to.equal('Remove filter Status: Open');
    const changed = oneEvent(el, 'case-query-change');
    removeStatus.click();
    expect((await changed).detail.query.statuses).to.equal(undefined);
    await waitUntil(() => chips(el).length === 1);
    q(el, '[part~="active-filters"] [part~="clear-filters"]')!.click();
    await waitUntil(() => chips(el).length === 0);
    const last = queries.at(-1)!;
    expect([last.statuses, last.origins, last.keyword, last.fields]).to.deep.equal([undefined, undefined, undefined, undefined]);
    // Focus continues in the search box rather than on a vanished button.
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('keyword');
  });

  it('filters on every keystroke over a local adapter (no pause needed)', async () => {
    const { adapter, queries } = recordingAdapter(memory());
    expect(adapter.local).to.equal(true);
    const el = await mount(adapter);
    const before = queries.length;
    q<HTMLInputElement>(el, '#keyword')!.focus();
    await sendKeys({ type: 'rou' });
    await waitUntil(() => queries.length === before + 3, `expected 3 queries, got ${queries.length - before}`);
    expect(queries.slice(before).map((x) => x.keyword)).to.deep.equal(['r', 'ro', 'rou']);
  });

  it('a custom text filter filters as you type, like the keyword box: every keystroke locally, one query after a pause remotely', async () => {
    const local = recordingAdapter(memory());
    const el = await mount(local.adapter);
    (await openPanel(el)).querySelector<HTMLInputElement>('[data-filter="serial_number"] input')!.focus();
    const before = local.queries.length;
    await sendKeys({ type: 'SN' });
    await waitUntil(() => local.queries.length === before + 2, `expected 2 queries, got ${local.queries.length - before}`);
    expect(local.queries.slice(before).map((x) => x.fields?.serial_number)).to.deep.equal([
      { op: 'contains', value: 'S' },
      { op: 'contains', value: 'SN' },
    ]);
    expect(chips(el)).to.deep.equal(['Serial number: contains “SN”']);
    // Enter (or leaving the box) after that asks nothing new.
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(local.queries.length).to.equal(before + 2);

    // A remote backend (not local) gets one query after the pause, without Enter.
    const remote = recordingAdapter(memory());
    const el2 = await mount(wrapAdapter(remote.adapter, { local: false }));
    (await openPanel(el2)).querySelector<HTMLInputElement>('[data-filter="serial_number"] input')!.focus();
    const before2 = remote.queries.length;
    await sendKeys({ type: 'SN-1' });
    await waitUntil(() => remote.queries.length > before2, 'no query after the pause');
    await new Promise((r) => setTimeout(r, 500));
    expect(remote.queries.slice(before2).map((x) => x.fields?.serial_number)).to.deep.equal([{ op: 'contains', value: 'SN-1' }]);
  });

  it('shows the columns a serious portal needs, formatted', async () => {
    const el = await mount(memory('supervisor'), undefined, 'number,subject,description,status,origin,owner,requester,createdAt,updatedAt,product');
    const headers = qa(el, 'th').map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal([
      'Case number',
      'Subject',
      'Description',
      'Status',
      'Channel',
      'Handled by',
      'Opened by',
      'Created',
      'Last update',
      'Product',
    ]);
    const first = rows(el)[0]!;
    expect(first.querySelector('.cell-description')!.textContent!.trim().length).to.be.within(1, 161);
    expect(first.querySelector('.cell-requester')!.textContent!.trim()).to.match(/\w+ \w+/);
    expect(first.querySelector('.cell-createdAt')!.textContent!.trim()).to.match(/\d{4}/);
  });

  it('turns rows into labelled cards on a narrow screen, keeping table semantics', async () => {
    const el = await mount(memory());
    el.style.display = 'block';
    el.style.width = '360px';
    await new Promise((r) => setTimeout(r, 50));
    const row = rows(el)[0]!;
    expect(getComputedStyle(row).display).to.equal('block');
    expect(row.getAttribute('role')).to.equal('row');
    const cell = row.querySelector<HTMLElement>('.cell-status')!;
    expect(getComputedStyle(cell, '::before').content).to.equal('"Status"');
    el.style.width = '';
    await expect(el).to.be.accessible();
  });
});
