import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { AdapterError, type CaseAdapter, type CaseRecord } from '@case-portal/core';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import { sendKeys } from '@web/test-runner-commands';
import '../define/case-detail.js';
import type { CaseDetail } from './case-detail.js';
import type { CaseErrorEvent, CaseUpdatedEvent } from '../events.js';

const START = new Date('2026-03-10T12:00:00Z');

function setupBackend() {
  let clock = START;
  const adapter = new MemoryAdapter({ storage: null, now: () => clock });
  return {
    adapter,
    now: () => clock,
    advanceHours(h: number) {
      clock = new Date(clock.getTime() + h * 3_600_000);
    },
  };
}

async function newCase(adapter: CaseAdapter): Promise<CaseRecord> {
  return adapter.createCase({
    subject: 'Invoice shows the wrong VAT rate',
    description: 'Line 3 uses 19% instead of 7%.',
    fields: { product: 'router-x200' },
  });
}

async function renderDetail(adapter: CaseAdapter, caseId: string, now: () => Date): Promise<CaseDetail> {
  const el = await fixture<CaseDetail>(html`<case-detail .adapter=${adapter} .now=${now} case-id=${caseId}></case-detail>`);
  await waitUntil(() => el.shadowRoot!.querySelector('h2#title'), 'case did not render');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const text = (el: HTMLElement) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('case-detail', () => {
  it('shows the profile of a case: number, subject, status, requester, description', async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const el = await renderDetail(adapter, c.id, now);
    expect($(el, '#title')!.textContent).to.equal('Invoice shows the wrong VAT rate');
    expect($(el, '[part=number]')!.textContent).to.contain(c.number);
    expect($(el, '[part=status]')!.textContent).to.equal('New');
    expect(text(el)).to.contain('Alex Morgan');
    expect($(el, '.description')!.textContent).to.equal('Line 3 uses 19% instead of 7%.');
    await expect(el).to.be.accessible();
  });

  it('closes a case with a close-as status and a required reason', async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const el = await renderDetail(adapter, c.id, now);
    $<HTMLButtonElement>(el, '[part=action-close]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open, 'dialog did not open');
    await expect(el).to.be.accessible();

    // No reason: a message beside the field, no request.
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await el.updateComplete;
    expect($(el, '#reason-error')!.textContent).to.equal('Choose a reason for closing.');
    expect((await adapter.getCase(c.id)).status.id).to.equal('new');

    $<HTMLSelectElement>(el, '#close-as')!.value = 'closed';
    const reason = $<HTMLSelectElement>(el, '#reason')!;
    reason.value = reason.options[1]!.value;
    $<HTMLTextAreaElement>(el, '#comment')!.value = 'Fixed by the new invoice.';
    const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    const ev = await updated;
    expect(ev.detail.action).to.equal('close');
    expect(ev.detail.case.status.id).to.equal('closed');
    await el.updateComplete;
    expect($(el, '[part=status]')!.textContent).to.equal('Closed');
    expect($(el, 'dialog')).to.equal(null);
    expect($(el, '[part=announcer]')!.textContent).to.equal('The case is closed.');
    // Closed is final: no close or cancel offered any more.
    expect($(el, '[part=action-close]')).to.equal(null);
    expect($(el, '[part=action-cancel]')).to.equal(null);
  });

  it('reopens a resolved case within the window', async () => {
    const { adapter, now, advanceHours } = setupBackend();
    const c = await newCase(adapter);
    await adapter.transition(c.id, 'close', { status: 'resolved', reason: (await adapter.describe()).closeReasons[0]!.value });
    advanceHours(2);
    const el = await renderDetail(adapter, c.id, now);
    expect(text(el)).to.contain('You can reopen this case until');
    $<HTMLButtonElement>(el, '[part=action-reopen]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    $<HTMLTextAreaElement>(el, '#comment')!.value = 'Still wrong on the reprint.';
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await waitUntil(() => $(el, '[part=status]')!.textContent === 'Reopened', 'status did not change');
    expect((await adapter.getCase(c.id)).reopenCount).to.equal(1);
  });

  it('shows why a case can no longer be reopened after the window', async () => {
    const { adapter, now, advanceHours } = setupBackend();
    const c = await newCase(adapter);
    await adapter.transition(c.id, 'close', { status: 'resolved', reason: (await adapter.describe()).closeReasons[0]!.value });
    advanceHours(7);
    const el = await renderDetail(adapter, c.id, now);
    const button = $<HTMLButtonElement>(el, '[part=action-reopen]')!;
    expect(button.disabled).to.be.true;
    const reason = $(el, '#' + button.getAttribute('aria-describedby'))!;
    expect(reason.textContent!.trim()).to.equal('A case can be reopened within 6 hours of closing.');
  });

  it('cancels a case only after confirmation', async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const el = await renderDetail(adapter, c.id, now);
    $<HTMLButtonElement>(el, '[part=action-cancel]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    expect(text(el)).to.contain('Cancel this case?');
    // "Keep case" leaves it alone.
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('dialog button')].find((b) => b.textContent!.includes('Keep'))!.click();
    await el.updateComplete;
    expect((await adapter.getCase(c.id)).status.id).to.equal('new');

    $<HTMLButtonElement>(el, '[part=action-cancel]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await waitUntil(() => $(el, '[part=status]')!.textContent === 'Canceled');
  });

  it('keeps the dialog open with the generic message when the backend fails, and fires case-error', async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const failing: CaseAdapter = Object.assign(Object.create(adapter) as CaseAdapter, {
      transition: () => Promise.reject(new AdapterError('server', { backendMessage: 'ORA-00942: table missing' })),
    });
    const el = await renderDetail(failing, c.id, now);
    $<HTMLButtonElement>(el, '[part=action-cancel]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    const error = oneEvent(el, 'case-error') as Promise<CaseErrorEvent>;
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    const ev = await error;
    expect(ev.detail.error.code).to.equal('server');
    await el.updateComplete;
    const shown = $(el, 'dialog [role=alert]')!.textContent!;
    expect(shown).to.equal('Something went wrong on our side. Try again in a moment.');
    expect(shown).not.to.contain('ORA');
    expect($<HTMLDialogElement>(el, 'dialog')!.open).to.be.true;
  });

  it("shows the backend's own message when the schema allows it", async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const schema = await adapter.describe();
    const failing: CaseAdapter = Object.assign(Object.create(adapter) as CaseAdapter, {
      describe: async () => ({ ...schema, features: { ...schema.features, backendMessages: true } }),
      transition: () => Promise.reject(new AdapterError('validation', { backendMessage: 'Cases under audit cannot be canceled.' })),
    });
    const el = await renderDetail(failing, c.id, now);
    $<HTMLButtonElement>(el, '[part=action-cancel]')!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open);
    $<HTMLButtonElement>(el, 'dialog button[type=submit]')!.click();
    await waitUntil(() => $(el, 'dialog [role=alert]'));
    expect($(el, 'dialog [role=alert]')!.textContent).to.equal('Cases under audit cannot be canceled.');
  });

  it('shows the new status after the customer replies to a case awaiting their reply', async () => {
    const { adapter, now } = setupBackend();
    const awaiting = await adapter.getCase(seededCaseId(5));
    expect(awaiting.status.category).to.equal('pending-customer');
    const el = await renderDetail(adapter, awaiting.id, now);
    const thread = $(el, 'case-thread')!;
    await waitUntil(() => thread.shadowRoot?.querySelector('[part~=composer-input]'), 'composer');
    thread.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~=composer-input]')!.focus();
    await sendKeys({ type: 'Here is the log you asked for.' });
    thread.shadowRoot!.querySelector<HTMLButtonElement>('[part~=send-button]')!.click();
    await waitUntil(() => $(el, '[part=status]')!.textContent !== awaiting.status.label, 'status did not follow the reply', {
      timeout: 3000,
    });
    expect($(el, '[part=status]')!.getAttribute('data-category')).to.equal('pending-agent');
  });

  it('says so when the case does not exist or is not yours', async () => {
    const { adapter, now } = setupBackend();
    const el = await fixture<CaseDetail>(html`<case-detail .adapter=${adapter} .now=${now} case-id="nope"></case-detail>`);
    await waitUntil(() => $(el, '[part=error]'));
    expect($(el, '[part=error]')!.textContent).to.contain('This case could not be found');
    await expect(el).to.be.accessible();
  });

  it('shows deadlines with time left or overdue, and none where none applies', async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const withSla: CaseRecord = {
      ...c,
      sla: {
        response: { dueAt: new Date(START.getTime() - 3 * 3_600_000).toISOString() },
        resolution: { dueAt: new Date(START.getTime() + 26 * 3_600_000).toISOString() },
      },
    };
    const el = await fixture<CaseDetail>(html`<case-detail .adapter=${adapter} .now=${now} .caseRecord=${withSla}></case-detail>`);
    await waitUntil(() => $(el, '[part=deadlines]'));
    const deadlines = $(el, '[part=deadlines]')!.textContent!.replace(/\s+/g, ' ');
    expect(deadlines).to.contain('Overdue by 3 hours');
    expect(deadlines).to.contain('1 day and 2 hours left');

    el.caseRecord = { ...c, sla: null };
    await el.updateComplete;
    await waitUntil(() => !$(el, '[part=deadlines]'));
  });

  it('lists case files with safe download links only', async () => {
    const { adapter, now } = setupBackend();
    const c = await newCase(adapter);
    const withFiles: CaseRecord = {
      ...c,
      attachments: [
        { id: 'f1', name: 'invoice.pdf', size: 2048, type: 'application/pdf', url: '/files/invoice.pdf' },
        { id: 'f2', name: 'evil.html', size: 10, type: 'text/html', url: 'javascript:alert(1)' },
      ],
    };
    const el = await fixture<CaseDetail>(html`<case-detail .adapter=${adapter} .now=${now} .caseRecord=${withFiles}></case-detail>`);
    await waitUntil(() => $(el, '[part=files]'));
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part=files] a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['/files/invoice.pdf']);
    expect(links[0]!.hasAttribute('download')).to.be.true;
    expect($(el, '[part=files]')!.textContent).to.contain('evil.html');
  });
});
