/** case-detail follows live changes of the case on screen, through whichever adapter it has now. */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter } from '@case-portal/core';
import '../define/case-detail.js';
import type { CaseDetail } from './case-detail.js';
import { wrapAdapter } from '../testing/index.js';

const NOW = new Date('2026-03-10T12:00:00Z');

/** A memory backend whose subscriptions the test can see opening and closing. */
function observed(data: MemoryAdapter): { adapter: CaseAdapter; open: () => number; opened: string[] } {
  let open = 0;
  const opened: string[] = [];
  const adapter = wrapAdapter(data, {
    subscribe(target, onEvent) {
      open++;
      opened.push(target.caseId ?? '');
      const off = data.subscribe(target, onEvent);
      return () => {
        open--;
        off();
      };
    },
  });
  return { adapter, open: () => open, opened };
}

const status = (el: CaseDetail) => el.shadowRoot!.querySelector('[part=status]')?.textContent?.trim();

describe('case-detail live updates', () => {
  let el: CaseDetail | undefined;
  afterEach(() => el?.remove());

  it('follows a new adapter and closes the old subscription', async () => {
    const first = new MemoryAdapter({ storage: null, now: () => NOW });
    const second = new MemoryAdapter({ storage: null, now: () => NOW });
    const c = await first.createCase({ subject: 'Live', description: 'x', fields: { product: 'router-x200' } });
    // The second backend holds the same case (another session of the same backend, say).
    const c2 = await second.createCase({ subject: 'Live', description: 'x', fields: { product: 'router-x200' } });
    expect(c2.id).to.equal(c.id);
    const a = observed(first);
    const b = observed(second);
    el = document.createElement('case-detail') as CaseDetail;
    el.adapter = a.adapter;
    el.now = () => NOW;
    el.caseId = c.id;
    document.body.append(el);
    await waitUntil(() => status(el!), 'the case renders');
    // The view and the conversation inside it each follow the case.
    await waitUntil(() => a.open() === 2, 'subscribed to the first adapter', { timeout: 5000 });

    el.adapter = b.adapter;
    await waitUntil(() => b.open() === 2, 'subscribed to the new adapter', { timeout: 3000 });
    expect(a.open(), 'the old subscriptions are closed').to.equal(0);
    expect(b.opened).to.deep.equal([c.id, c.id]);

    // A change through the new backend shows; the old one no longer reaches the view.
    await second.transition(c.id, 'cancel', {});
    await waitUntil(() => status(el!) === 'Canceled', 'the change through the new adapter arrives', { timeout: 3000 });
  });

  it('closes its subscription when it leaves the page', async () => {
    const data = new MemoryAdapter({ storage: null, now: () => NOW });
    const c = await data.createCase({ subject: 'Gone', description: 'x', fields: { product: 'router-x200' } });
    const a = observed(data);
    el = document.createElement('case-detail') as CaseDetail;
    el.adapter = a.adapter;
    el.caseId = c.id;
    document.body.append(el);
    await waitUntil(() => a.open() === 2, 'subscribed (the view and its conversation)');
    el.remove();
    expect(a.open()).to.equal(0);
  });
});
