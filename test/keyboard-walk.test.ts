/**
 * The portal by keyboard alone (WCAG 2.1.1), as one customer's visit: Tab from the page into the
 * list, filter it with Space, open a case with Enter, write a reply and send it with Ctrl+Enter, go to "New case", fill
 * the form with keys (a choice by arrow keys) and send it with Enter. No click, no programmatic
 * focus after the first: every step is a key press, and what the backend received is checked.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../packages/elements/src/define/case-portal.js';
import '../packages/elements/src/define/case-detail.js';

const NOW = new Date('2026-03-10T12:00:00Z');

/** The element keyboard focus is on, through every shadow root. */
function deepActive(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}
const describeEl = (el: Element | null) => (el ? `${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"` : 'nothing');

/** Presses Tab until focus is on an element that matches (at most `max` presses). */
async function tabTo(what: string, match: (el: Element) => boolean, max = 60): Promise<Element> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const el = deepActive();
    if (el && match(el)) return el;
    path.push(describeEl(el));
  }
  throw new Error(`Tab never reached ${what}; it went through: ${path.join(' → ')}`);
}

describe('the portal by keyboard alone', () => {
  it('opens a case, replies, and creates a case without a pointer', async function () {
    this.timeout(60_000);
    const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    const start = document.createElement('button');
    start.textContent = 'Page content before the portal';
    const portal = document.createElement('case-portal');
    portal.adapter = adapter;
    document.body.append(start, portal);
    try {
      await waitUntil(() => portal.shadowRoot?.querySelector('case-list')?.shadowRoot?.querySelector('tbody tr'), 'no rows', { timeout: 8000 });
      const list = () => portal.shadowRoot!.querySelector('case-list')!.shadowRoot!;
      start.focus();

      // 1. The list: Tab to the quick filter, Space turns it on, only cases awaiting a reply stay.
      const waiting = await adapter.listCases({ categories: ['pending-customer'], limit: 25 });
      await tabTo('"Awaiting my reply"', (el) => el.getAttribute('part')?.split(' ').includes('quick-filter') ?? false);
      await sendKeys({ press: 'Space' });
      await waitUntil(
        () => list().querySelectorAll('tbody tr[data-id]').length === waiting.total,
        `the list did not narrow to the ${waiting.total} cases awaiting a reply`,
        { timeout: 8000 },
      );
      const firstId = list().querySelector('tbody tr[data-id]')!.getAttribute('data-id')!;
      const first = await adapter.getCase(firstId);
      expect(first.status.category).to.equal('pending-customer');

      // 1. The list: Tab to the case's row, Enter opens it.
      await tabTo(`the row of ${first.number}`, (el) => el.closest('tr')?.getAttribute('data-id') === first.id && el.matches('a, button'));
      await sendKeys({ press: 'Enter' });
      const detail = () => portal.shadowRoot!.querySelector('case-detail');
      await waitUntil(() => detail()?.shadowRoot?.querySelector('case-thread')?.shadowRoot?.querySelector('#reply'), 'the case did not open', { timeout: 8000 });
      expect(detail()!.shadowRoot!.querySelector('#title')!.textContent).to.contain(first.subject);

      // 2. The reply: Tab to the box, type, Ctrl+Enter sends.
      await tabTo('the reply box', (el) => el.id === 'reply');
      await sendKeys({ type: 'Sent from the keyboard' });
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'Enter' });
      await sendKeys({ up: 'Control' });
      await waitUntil(async () => (await adapter.listMessages(first.id)).items.some((m) => m.body === 'Sent from the keyboard'), 'the reply did not reach the backend', { timeout: 8000 });

      // 3. "New case" in the bar (Shift+Tab back up the page), then the form by keys.
      await sendKeys({ down: 'Shift' });
      try {
        await tabTo('"New case"', (el) => el.getAttribute('part') === 'nav-create');
      } finally {
        await sendKeys({ up: 'Shift' });
      }
      await sendKeys({ press: 'Enter' });
      const create = () => portal.shadowRoot!.querySelector('case-create');
      await waitUntil(() => create()?.shadowRoot?.querySelector('form'), 'the form did not open', { timeout: 8000 });
      await tabTo('Subject', (el) => el.getAttribute('name') === 'subject');
      await sendKeys({ type: 'Created by keyboard' });
      await tabTo('Description', (el) => el.getAttribute('name') === 'description');
      await sendKeys({ type: 'Every step was a key press.' });
      await tabTo('Product', (el) => el.getAttribute('name') === 'fields.product' || el.id.endsWith('product'));
      await sendKeys({ press: 'ArrowDown' });
      await tabTo('the submit button', (el) => el.matches('button[type=submit]'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(async () => (await adapter.listCases({ keyword: 'Created by keyboard', limit: 5 })).total === 1, 'the case was not created', { timeout: 8000 });
      const created = (await adapter.listCases({ keyword: 'Created by keyboard', limit: 1 })).items[0]!;
      expect(created.description).to.equal('Every step was a key press.');
      expect(created.fields.product).to.be.a('string').and.not.equal('');
    } finally {
      portal.remove();
      start.remove();
    }
  });

  it('rates a resolved case with the arrow keys and Enter', async function () {
    this.timeout(30_000);
    const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    const me = (await adapter.viewer()).id;
    const resolved = (await adapter.listCases({ categories: ['resolved'], limit: 25 })).items.find((c) => !c.feedback && c.requester.id === me)!;
    const start = document.createElement('button');
    start.textContent = 'Page content before the case';
    const detail = document.createElement('case-detail');
    detail.adapter = adapter;
    detail.now = () => NOW;
    detail.caseId = resolved.id;
    document.body.append(start, detail);
    try {
      await waitUntil(() => detail.shadowRoot?.querySelector('input[name=rating]'), 'no rating on the resolved case', { timeout: 8000 });
      start.focus();
      await tabTo('the rating', (el) => el.getAttribute('name') === 'rating');
      // A radio group: the arrow keys move the choice.
      for (let i = 0; i < 4; i++) await sendKeys({ press: 'ArrowRight' });
      const chosen = detail.shadowRoot!.querySelector<HTMLInputElement>('input[name=rating]:checked')!;
      await tabTo('the rating\'s submit button', (el) => el.getAttribute('part') === 'feedback-submit');
      await sendKeys({ press: 'Enter' });
      await waitUntil(async () => (await adapter.getCase(resolved.id)).feedback, 'the rating did not reach the backend', { timeout: 8000 });
      expect((await adapter.getCase(resolved.id)).feedback!.rating).to.equal(Number(chosen.value));
    } finally {
      detail.remove();
      start.remove();
    }
  });
});
