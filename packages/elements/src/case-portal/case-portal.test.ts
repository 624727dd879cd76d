import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-portal.js';
import type { CasePortal } from './case-portal.js';
import { deepQuery } from '../../../../test/dom.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const now = () => NOW;

describe('case-portal', () => {
  it('loads the schema and viewer once and provides them to the list', async function () {
    // The file's first test compiles the list's code: room for a loaded machine.
    this.timeout(20_000);
    const adapter = new MemoryAdapter({ storage: null, now });
    let describes = 0;
    let viewers = 0;
    const counting = Object.assign(Object.create(adapter) as MemoryAdapter, {
      describe: (o?: object) => (describes++, adapter.describe(o)),
      viewer: (o?: object) => (viewers++, adapter.viewer(o)),
    });
    const el = await fixture<CasePortal>(html`<case-portal .adapter=${counting} .now=${now}></case-portal>`);
    await waitUntil(() => deepQuery(el.shadowRoot!, 'case-list')?.shadowRoot?.querySelector('table tbody tr'), 'list rows', {
      timeout: 15_000,
    });
    expect(describes).to.equal(1);
    expect(viewers).to.equal(1);
    expect(el.shadowRoot!.querySelector('[part=who]')!.textContent).to.contain('Alex Morgan');
    await expect(el).to.be.accessible();
  });

  it('opens a case from the list, goes back, and opens the create form', async () => {
    const adapter = new MemoryAdapter({ storage: null, now });
    const el = await fixture<CasePortal>(html`<case-portal .adapter=${adapter} .now=${now}></case-portal>`);
    await waitUntil(() => deepQuery<HTMLElement>(el.shadowRoot!, 'case-list')?.shadowRoot?.querySelector('tbody tr'), 'rows', {
      timeout: 4000,
    });
    // Select through the public event path, as a click on a row does.
    const first = (await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 1 })).items[0]!;
    el.go({ view: 'detail', caseId: first.id });
    const detail = () => deepQuery<HTMLElement>(el.shadowRoot!, 'case-detail');
    await waitUntil(() => detail()?.shadowRoot?.querySelector('#title'), 'detail title', { timeout: 4000 });
    expect(detail()!.shadowRoot!.querySelector('#title')!.textContent).to.equal(first.subject);

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=nav-list]')!.click();
    await waitUntil(() => deepQuery(el.shadowRoot!, 'case-list'));
    expect(deepQuery(el.shadowRoot!, 'case-detail')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('.view'));

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=nav-create]')!.click();
    await waitUntil(() => deepQuery(el.shadowRoot!, 'case-create'));
  });

  it('gives the search in the bar the whole line on a phone, and a column of its own on a desktop', async () => {
    const widths = async (viewport: number) => {
      await setViewport({ width: viewport, height: 800 });
      const el = await fixture<CasePortal>(html`<case-portal .adapter=${new MemoryAdapter({ storage: null, now })} .now=${now}></case-portal>`);
      const box = await waitUntil(() => el.shadowRoot!.querySelector('case-search')?.shadowRoot?.querySelector('input'), 'no search box', { timeout: 4000 }).then(
        () => el.shadowRoot!.querySelector('case-search')!.shadowRoot!.querySelector('input')!,
      );
      const bar = el.shadowRoot!.querySelector<HTMLElement>('[part=bar]')!;
      return { bar: bar.clientWidth, box: box.getBoundingClientRect().width };
    };
    try {
      const phone = await widths(390);
      expect(phone.box, `box ${phone.box} px in a bar of ${phone.bar} px`).to.be.at.least(phone.bar - 2);
      const desktop = await widths(1280);
      expect(desktop.box).to.be.below(desktop.bar / 2);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('opens a case by its number from the search in the bar', async () => {
    const adapter = new MemoryAdapter({ storage: null, now });
    const el = await fixture<CasePortal>(html`<case-portal .adapter=${adapter} .now=${now}></case-portal>`);
    const search = await waitUntil(() => el.shadowRoot!.querySelector('case-search'), 'no search in the bar').then(
      () => el.shadowRoot!.querySelector('case-search')!,
    );
    const target = (await adapter.listCases({ sort: { key: 'number', dir: 'asc' }, limit: 1 })).items[0]!;
    const input = await waitUntil(() => search.shadowRoot!.querySelector('input'), 'no search input').then(
      () => search.shadowRoot!.querySelector<HTMLInputElement>('input')!,
    );
    input.value = target.number;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    const detail = () => deepQuery<HTMLElement>(el.shadowRoot!, 'case-detail');
    await waitUntil(() => detail()?.shadowRoot?.querySelector('#title'), 'the searched case did not open', { timeout: 4000 });
    expect(detail()!.getAttribute('case-id')).to.equal(target.id);
  });

  it('shows the generic error and a retry when the backend cannot be reached', async () => {
    const adapter = new MemoryAdapter({ storage: null, now });
    let fail = true;
    const flaky = Object.assign(Object.create(adapter) as MemoryAdapter, {
      describe: (o?: object) => (fail ? Promise.reject(new TypeError('Failed to fetch')) : adapter.describe(o)),
    });
    const el = await fixture<CasePortal>(html`<case-portal .adapter=${flaky} .now=${now}></case-portal>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error]'));
    expect(el.shadowRoot!.querySelector('[part=error]')!.textContent).to.contain('can’t be reached');
    await expect(el).to.be.accessible();
    fail = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=error] button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=bar]'));
  });
});
