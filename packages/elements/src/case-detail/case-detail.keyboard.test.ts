/**
 * Every dialog of the case view from the keyboard alone (WCAG 2.1.1, 2.1.2, 2.4.3): Enter on the
 * action opens it with focus inside, Tab and Shift+Tab keep focus inside however often they are
 * pressed, Escape closes it, and focus returns to the button that opened it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { sendKeys } from '@web/test-runner-commands';
import '../define/case-detail.js';
import type { CaseDetail } from './case-detail.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const mounted: HTMLElement[] = [];

async function mountOpenCase(): Promise<CaseDetail> {
  const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
  const c = await adapter.createCase({
    subject: 'Invoice shows the wrong VAT rate',
    description: 'Line 3 uses 19% instead of 7%.',
    service: 'standard',
    priority: 'normal',
    fields: { product: 'router-x200', serial_number: 'SN-1' },
  });
  const el = document.createElement('case-detail') as CaseDetail;
  el.adapter = adapter;
  el.now = () => NOW;
  el.caseId = c.id;
  document.body.append(el);
  mounted.push(el);
  await waitUntil(() => el.shadowRoot?.querySelector('[part~=actions] button'), 'no actions', { timeout: 4000 });
  return el;
}

/** The element focus is on, inside the case view's shadow root. */
const focused = (el: CaseDetail) => el.shadowRoot!.activeElement;

describe('case-detail from the keyboard', () => {
  afterEach(() => {
    for (const el of mounted.splice(0)) el.remove();
  });

  for (const kind of ['update', 'close', 'cancel', 'complain']) {
    it(`the ${kind} dialog: Enter opens it, Tab stays inside, Escape closes it, focus returns`, async () => {
      const el = await mountOpenCase();
      const opener = el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=action-${kind}]`)!;
      expect(opener, `no ${kind} action`).to.exist;
      opener.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'the dialog did not open');
      const dialog = el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[open]')!;
      expect(dialog.contains(focused(el)), 'focus moved into the dialog').to.equal(true);
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(focused(el)), `focus left the dialog after ${i + 1} Tab`).to.equal(true);
      }
      await sendKeys({ down: 'Shift' });
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        expect(dialog.contains(focused(el)), `focus left the dialog after ${i + 1} Shift+Tab`).to.equal(true);
      }
      await sendKeys({ up: 'Shift' });
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !el.shadowRoot!.querySelector('dialog[open]'), 'Escape did not close the dialog');
      const back = el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=action-${kind}]`);
      await waitUntil(() => focused(el) === back, 'focus did not return to the action');
    });
  }

  it('a dialog opened right after another was dismissed stays open (the first one\'s late close event is ignored)', async () => {
    const el = await mountOpenCase();
    const action = (kind: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=action-${kind}]`)!;
    action('close').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open]'), 'the close dialog did not open');
    // Dismissed and another opened in the same task: the dismissed one's `close` event comes later.
    el.shadowRoot!.querySelector<HTMLButtonElement>('dialog[open] .dialog-buttons button[type=button]')!.click();
    action('complain').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog[open][part~=dialog-complain]'), 'the complaint dialog did not open');
    await new Promise((r) => setTimeout(r, 100));
    expect(el.shadowRoot!.querySelector('dialog[open][part~=dialog-complain]'), 'the complaint dialog was closed by the late event').to.exist;
  });
});
