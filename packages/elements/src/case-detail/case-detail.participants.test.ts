/**
 * People copied on a case in the case view (issue 13): the requester adds them by address or picks a
 * colleague, and removes them; a person copied sees the list and no controls. Over the memory
 * adapter and over REST (msw), asserting what the customer sees and what the backend holds.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CaseAdapter } from '@case-portal/core';
import { DEMO_PEOPLE, MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import { RestAdapter } from '@case-portal/adapter-rest';
import type { SetupWorker } from 'msw/browser';
import { startMockWorker } from '../../../../test/mocks/browser.js';
import { createMockApi } from '../../../../test/mocks/handlers.js';
import '../define/case-detail.js';
import type { CaseDetail } from './case-detail.js';
import type { CaseUpdatedEvent } from '../events.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const OPEN_CASE = seededCaseId(1); // Alex's own, new
const TOMS_CASE = seededCaseId(13); // Tom's, with Alex copied in

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const names = (el: HTMLElement) => $$(el, '[part~="participant"] .name').map((n) => n.textContent!.trim());

let worker: SetupWorker | undefined;
before(async function () {
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async () => {
  await worker?.stop();
});
afterEach(() => {
  for (const el of document.querySelectorAll('case-detail')) el.remove();
});

interface Backend {
  adapter: CaseAdapter;
  data: MemoryAdapter;
  dispose(): void;
}

const backends: Record<string, (viewerId?: string) => Backend> = {
  memory: (viewerId) => {
    const data = new MemoryAdapter({ storage: null, now: () => NOW, ...(viewerId ? { viewerId } : {}) });
    return { adapter: data, data, dispose: () => data.dispose() };
  },
  rest: (viewerId) => {
    const data = new MemoryAdapter({ storage: null, now: () => NOW, ...(viewerId ? { viewerId } : {}) });
    const api = createMockApi({ adapter: data });
    worker!.resetHandlers(...api.handlers);
    return { adapter: new RestAdapter({ baseUrl: '/api/portal' }), data, dispose: () => api.dispose() };
  },
};

async function mount(adapter: CaseAdapter, caseId: string): Promise<CaseDetail> {
  const el = document.createElement('case-detail') as CaseDetail;
  el.adapter = adapter;
  el.now = () => NOW;
  el.caseId = caseId;
  document.body.append(el);
  await waitUntil(() => $(el, '[part~="participants"]'), 'the participants section', { timeout: 5000 });
  return el;
}

for (const [kind, make] of Object.entries(backends)) {
  describe(`case-detail: people copied on a case (${kind})`, () => {
    it('the requester copies someone by address, then removes them; the backend holds each change', async () => {
      const b = make();
      const el = await mount(b.adapter, OPEN_CASE);
      expect($(el, '[part~="participants"] .hint')!.textContent).to.contain('No one else is copied on this case.');
      const input = $<HTMLInputElement>(el, '#participant-email')!;
      input.value = 'Tom.Becker@northwind.example';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      const updates: CaseUpdatedEvent[] = [];
      el.addEventListener('case-updated', (e) => updates.push(e as CaseUpdatedEvent));
      $<HTMLButtonElement>(el, '[part~="participant-add"]')!.click();
      await waitUntil(() => names(el).includes('Tom Becker'), 'Tom is listed');
      expect($(el, '[part~="participant"] .hint')!.textContent, 'the requester sees the address').to.equal('tom.becker@northwind.example');
      expect((await b.data.getCase(OPEN_CASE)).contacts?.map((p) => p.id)).to.deep.equal([DEMO_PEOPLE.tom.id]);
      expect($(el, '[part~="announcer"]')!.textContent).to.contain('Tom Becker is now copied on this case.');
      expect(updates.map((e) => e.detail.action)).to.deep.equal(['participants']);
      expect($<HTMLInputElement>(el, '#participant-email')!.value, 'the field is cleared').to.equal('');
      await expect(el).to.be.accessible();

      const remove = $<HTMLButtonElement>(el, '[part~="participant-remove"]')!;
      expect(remove.getAttribute('aria-label')).to.equal('Remove Tom Becker');
      remove.click();
      await waitUntil(() => names(el).length === 0, 'Tom is gone');
      expect((await b.data.getCase(OPEN_CASE)).contacts).to.deep.equal([]);
      expect($(el, '[part~="announcer"]')!.textContent).to.contain('Tom Becker is no longer copied on this case.');
      b.dispose();
    });

    it('picks a colleague from the list the backend offers', async () => {
      const b = make();
      const el = await mount(b.adapter, OPEN_CASE);
      await waitUntil(() => $(el, '[part~="participant-colleague"]'), 'the colleagues');
      const select = $<HTMLSelectElement>(el, '[part~="participant-colleague"]')!;
      const offered = [...select.options].map((o) => o.textContent!.trim()).slice(1);
      expect(offered).to.have.members(['Priya Shah', 'Tom Becker', 'Mei Lin', 'Jonas Weber']);
      select.value = DEMO_PEOPLE.mei.id;
      select.dispatchEvent(new Event('change'));
      await waitUntil(() => names(el).includes('Mei Lin'), 'Mei is listed');
      expect((await b.data.getCase(OPEN_CASE)).contacts?.map((p) => p.id)).to.deep.equal([DEMO_PEOPLE.mei.id]);
      expect([...$<HTMLSelectElement>(el, '[part~="participant-colleague"]')!.options].map((o) => o.value)).to.not.include(DEMO_PEOPLE.mei.id);
      b.dispose();
    });

    it('says why an address was refused, keeps what was typed, and marks the field', async () => {
      const b = make();
      const el = await mount(b.adapter, OPEN_CASE);
      const input = $<HTMLInputElement>(el, '#participant-email')!;
      input.value = 'nobody@nowhere.example';
      input.dispatchEvent(new Event('input'));
      await el.updateComplete;
      $<HTMLButtonElement>(el, '[part~="participant-add"]')!.click();
      await waitUntil(() => $(el, '[part~="participant-error"]'), 'the error');
      expect($(el, '[part~="participant-error"]')!.getAttribute('role')).to.equal('alert');
      expect($(el, '[part~="participant-error"]')!.textContent).to.equal('No one with this address uses the portal yet.');
      expect($<HTMLInputElement>(el, '#participant-email')!.value).to.equal('nobody@nowhere.example');
      expect($<HTMLInputElement>(el, '#participant-email')!.getAttribute('aria-invalid')).to.equal('true');
      expect((await b.data.getCase(OPEN_CASE)).contacts).to.deep.equal([]);
      await expect(el).to.be.accessible();
      b.dispose();
    });

    it('shows a person copied on someone else’s case the list, without controls', async () => {
      const b = make();
      const el = await mount(b.adapter, TOMS_CASE);
      expect(names(el)).to.deep.equal(['Alex Morgan']);
      expect($(el, '[part~="participant-form"]')).to.equal(null);
      expect($(el, '[part~="participant-remove"]')).to.equal(null);
      await expect(el).to.be.accessible();
      b.dispose();
    });
  });
}
