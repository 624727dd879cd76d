/**
 * Issue 13, defect 11: what a customer chose for one case's conversation does not follow them to
 * the next case: each case starts on All messages.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { OPEN_CASE, PENDING_CASE, memory, memoryStorage, mount, $ } from '../testing/case-thread.js';

const checked = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLInputElement>('[part~=filter] input:checked')?.value;

describe('case-thread: the next case', () => {
  it('starts on All when another case opens after Emails was chosen', async () => {
    const el = await mount(memory(), PENDING_CASE, memoryStorage());
    const emails = await waitUntil(() => $<HTMLInputElement>(el, '[part~=filter] input[value=emails]'), 'no filter').then(
      () => $<HTMLInputElement>(el, '[part~=filter] input[value=emails]')!,
    );
    emails.click();
    await el.updateComplete;
    expect(checked(el)).to.equal('emails');
    el.caseId = OPEN_CASE;
    await waitUntil(() => checked(el) !== 'emails', 'the Emails filter stayed on for the next case');
    expect(checked(el) ?? 'all').to.equal('all');
    await waitUntil(() => checked(el) === 'all', 'the next case does not show All');
  });
});
