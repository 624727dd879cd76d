import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import '../define/case-portal.js';
import type { CaseList } from './case-list.js';
import type { CasePortal } from '../case-portal/case-portal.js';
import { listSettled, recordingAdapter } from '../testing/index.js';
import { activatePage, recordHistory } from '../../../../test/history.js';

// Chromium prunes a page's history entries first when the tab's history is full, unless the page
// has had a user activation (test/history.ts).
before(activatePage);

const NOW = new Date('2024-06-11T12:00:00Z');
const memory = () => new MemoryAdapter({ storage: null, now: () => NOW });
const q = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const settled = (el: CaseList) => listSettled(el);
const params = () => new URLSearchParams(location.search);

async function tickStatus(el: CaseList, id: string): Promise<void> {
  if (!q(el, '[part~="filter-panel"]')) {
    q(el, '[part~="filters-toggle"]')!.click();
    // The panel's controls are loaded when it first opens (a loading line until then).
    await waitUntil(() => q(el, '[part~="filter-panel"]'), 'the filter panel did not open');
  }
  q<HTMLInputElement>(el, `[data-filter="status"] input[value="${id}"]`)!.click();
}

describe('<case-list url-state>', () => {
  const start = location.href;
  before(() => setViewport({ width: 1000, height: 1500 }));
  beforeEach(() => {
    // A host page with its own parameters, hash and history state, which must all survive.
    history.pushState({ host: 'router-state' }, '', `${location.pathname}?page=5&utm=mail#section`);
  });
  afterEach(() => history.replaceState(null, '', start));

  // First in this file: the URL code (url-sync.ts) is not loaded yet, so this also checks that the
  // list's setup waits for it and the first request already asks for what the link says.
  it('restores the view from a shared link, and back/forward move between views', async () => {
    history.replaceState(history.state, '', `${location.pathname}?page=5&case.status=closed&case.q=invoice&case.sort=number:desc`);
    const { adapter, queries } = recordingAdapter(memory());
    const el = await fixture<CaseList>(html`<case-list .adapter=${adapter} url-state></case-list>`);
    await settled(el);
    expect(queries[0]).to.deep.include({ statuses: ['closed'], keyword: 'invoice', sort: { key: 'number', dir: 'desc' } });
    expect(q<HTMLInputElement>(el, '#keyword')!.value).to.equal('invoice');
    expect(q(el, 'th[part~="header-number"]')!.getAttribute('aria-sort')).to.equal('descending');

    const rec = recordHistory();
    await tickStatus(el, 'open');
    await waitUntil(() => params().getAll('case.status').length === 2);
    expect(rec.pushes).to.equal(1);
    rec.restore();

    const popped = oneEvent(window, 'popstate');
    history.back();
    await popped;
    await waitUntil(() => queries.at(-1)!.statuses?.length === 1, 'back did not restore the query');
    expect(queries.at(-1)!.statuses).to.deep.equal(['closed']);
    await settled(el);
    expect((await Promise.resolve(q<HTMLInputElement>(el, '[data-filter="status"] input[value="open"]')))!.checked).to.equal(false);
  });

  it('writes the query into the URL, keeping the host’s parameters, hash and history state', async () => {
    const el = await fixture<CaseList>(html`<case-list .adapter=${memory()} url-state></case-list>`);
    await settled(el);
    expect(location.search).to.equal('?page=5&utm=mail');
    await tickStatus(el, 'open');
    q<HTMLElement>(el, '[data-key="number"]')!.click();
    await settled(el);
    expect(params().getAll('case.status')).to.deep.equal(['open']);
    expect(params().get('case.sort')).to.equal('number:asc');
    expect(params().get('page')).to.equal('5');
    expect(params().get('utm')).to.equal('mail');
    expect(location.hash).to.equal('#section');
    expect(history.state).to.deep.equal({ host: 'router-state' });
  });

  it('typing replaces the history entry instead of adding one per letter', async () => {
    const el = await fixture<CaseList>(html`<case-list .adapter=${memory()} url-state></case-list>`);
    await settled(el);
    const rec = recordHistory();
    const input = q<HTMLInputElement>(el, '#keyword')!;
    for (const word of ['r', 'ro', 'rou']) {
      input.value = word;
      input.dispatchEvent(new Event('input'));
    }
    await waitUntil(() => params().get('case.q') === 'rou');
    rec.restore();
    expect(rec.pushes).to.equal(0);
  });

  it('ignores a malformed link instead of failing, and leaves the URL alone without url-state', async () => {
    history.replaceState(history.state, '', `${location.pathname}?case.sort=zzz&case.status=&case.view=everything`);
    const { adapter, queries } = recordingAdapter(memory());
    const el = await fixture<CaseList>(html`<case-list .adapter=${adapter} url-state></case-list>`);
    await settled(el);
    expect(q(el, '[part="error"]')).to.equal(null);
    expect(queries[0]!.sort).to.deep.equal({ key: 'updatedAt', dir: 'desc' });
    expect(queries[0]!.view).to.equal(undefined);

    history.replaceState(history.state, '', `${location.pathname}?page=5`);
    const plain = await fixture<CaseList>(html`<case-list .adapter=${memory()}></case-list>`);
    await settled(plain);
    await tickStatus(plain, 'open');
    await settled(plain);
    expect(location.search).to.equal('?page=5');
  });
});

describe('<case-portal url-state>', () => {
  const start = location.href;
  beforeEach(() => history.pushState(null, '', `${location.pathname}?page=5`));
  afterEach(() => history.replaceState(null, '', start));

  it('puts the open case in the URL, returns to the same list view on back, and opens a shared case link', async () => {
    const adapter = memory();
    const portal = await fixture<CasePortal>(html`<case-portal .adapter=${adapter} url-state></case-portal>`);
    const list = await waitUntil(() => q<CaseList>(portal, 'case-list'), 'no list').then(() => q<CaseList>(portal, 'case-list')!);
    await settled(list);
    await tickStatus(list, 'open');
    await settled(list);
    const open = q<HTMLElement>(list, 'tbody [part~="open"]')!;
    const id = open.closest<HTMLElement>('tr')!.dataset.id!;
    open.click();
    await waitUntil(() => q(portal, 'case-detail'), 'detail not shown');
    expect(params().get('case.open')).to.equal(id);
    expect(params().getAll('case.status')).to.deep.equal(['open']);
    expect(params().get('page')).to.equal('5');

    const popped = oneEvent(window, 'popstate');
    history.back();
    await popped;
    await waitUntil(() => q(portal, 'case-list'), 'back did not show the list');
    const again = q<CaseList>(portal, 'case-list')!;
    await settled(again);
    expect(again.shadowRoot!.querySelector('[part~="filter-chip"]')!.textContent).to.contain('Status: Open');

    // A shared link straight to the case.
    portal.remove();
    history.replaceState(null, '', `${location.pathname}?case.open=${encodeURIComponent(id)}`);
    const shared = await fixture<CasePortal>(html`<case-portal .adapter=${adapter} url-state></case-portal>`);
    await waitUntil(() => q(shared, 'case-detail'), 'shared link did not open the case');
    expect(q(shared, 'case-detail')!.getAttribute('case-id')).to.equal(id);
  });
});
