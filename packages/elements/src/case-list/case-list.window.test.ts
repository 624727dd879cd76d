import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import type { CaseList } from './case-list.js';
import { listSettled, recordingAdapter } from '../testing/index.js';

const qa = <T extends Element = HTMLElement>(el: CaseList, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const rows = (el: CaseList) => qa(el, 'tbody tr[part~="row"]');
const indexes = (el: CaseList) => rows(el).map((r) => Number(r.dataset.index));
const settled = (el: CaseList) => listSettled(el, { timeout: 5000 });
const frames = () => new Promise((r) => setTimeout(r, 60));

/**
 * Scrolls the page as a reader would. Browsers fire scroll events with the next rendering update,
 * which a background test tab never gets: the event is sent by hand as well.
 */
function scrollPage(y: number): void {
  window.scrollTo(0, y);
  window.dispatchEvent(new Event('scroll'));
}

describe('<case-list> windowed rendering', () => {
  let adapter: MemoryAdapter;
  before(async () => {
    await setViewport({ width: 1000, height: 700 });
    adapter = new MemoryAdapter({ storage: null, caseCount: 6000 });
  });
  afterEach(() => window.scrollTo(0, 0));

  it('keeps the DOM bounded with 2,000 loaded rows and renders the rows scrolled to', async function () {
    this.timeout(15_000);
    const el = await fixture<CaseList>(html`<case-list .adapter=${adapter} page-size="1000"></case-list>`);
    await settled(el);
    el.shadowRoot!.querySelector<HTMLElement>('[part~="load-more"]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="summary"]')!.textContent!.includes('Showing 2,000'), 'page 2', {
      timeout: 5000,
    });
    const table = el.shadowRoot!.querySelector('table')!;
    const total = Number(table.getAttribute('aria-rowcount')) - 1;
    expect(total).to.be.greaterThan(2000);
    expect(rows(el).length).to.be.within(5, 100);
    expect(indexes(el)[0]).to.equal(0);
    // The spacer keeps the page as tall as all loaded rows: the scrollbar tells the truth.
    expect(table.getBoundingClientRect().height).to.be.greaterThan(2000 * 30);

    const tbody = el.shadowRoot!.querySelector('tbody')!;
    scrollPage(tbody.getBoundingClientRect().top + window.scrollY + (tbody.getBoundingClientRect().height * 3) / 4);
    await waitUntil(() => indexes(el)[0]! > 1000, 'window did not follow the scroll', { timeout: 2000 });
    expect(rows(el).length).to.be.within(5, 100);
    const visible = rows(el).find((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= 0 && b.bottom <= window.innerHeight;
    })!;
    expect(visible).to.not.equal(undefined);
    // Screen readers get the true position.
    expect(Number(visible.getAttribute('aria-rowindex'))).to.equal(Number(visible.dataset.index) + 2);
  });

  it('loads the next page when the reader scrolls near the end', async () => {
    const { adapter: recorded, queries } = recordingAdapter(adapter);
    const el = await fixture<CaseList>(html`<case-list .adapter=${recorded} page-size="40"></case-list>`);
    await settled(el);
    expect(queries.length).to.equal(1);
    scrollPage(document.documentElement.scrollHeight);
    await waitUntil(() => queries.length === 2, 'no second page on scroll', { timeout: 2000 });
    expect(queries[1]!.cursor).to.be.a('string');
    await settled(el);
    await frames();
    expect(el.shadowRoot!.querySelector('[part~="summary"]')!.textContent).to.contain('Showing 80');
  });

  it('starts at the top again with a new query', async () => {
    const el = await fixture<CaseList>(html`<case-list .adapter=${adapter} page-size="500"></case-list>`);
    await settled(el);
    const tbody = el.shadowRoot!.querySelector('tbody')!;
    scrollPage(tbody.getBoundingClientRect().top + window.scrollY + tbody.getBoundingClientRect().height / 2);
    await waitUntil(() => indexes(el)[0]! > 100, 'no scroll', { timeout: 2000 });
    scrollPage(0);
    el.shadowRoot!.querySelector<HTMLElement>('[data-key="number"]')!.click();
    await settled(el);
    await frames();
    expect(indexes(el)[0]).to.equal(0);
  });
});
