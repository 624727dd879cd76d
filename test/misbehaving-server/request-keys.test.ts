/**
 * Issue 12, defect 5: keys that did not match their request. Saving again after a 409 sent a new
 * If-Match and a new body under the first attempt's idempotency key; a request fixed after the
 * server refused it went out under the refused key (a server that checks key ↔ body, as ours does,
 * answers 422 and refuses it for good); an upload got a new key on every attempt, so a retry
 * after a lost answer left an orphan file. Now: one key per distinct request, reused only for the
 * same request. The mock API checks key ↔ body like the case server (test/mocks/handlers.ts).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { AdapterError, type CaseRecord } from '@case-portal/core';
import '@case-portal/elements/define/case-detail.js';
import '@case-portal/elements/define/case-thread.js';
import type { CaseDetail, CaseThread, CaseUpdatedEvent } from '@case-portal/elements';
import { memoryStorage, pickFiles, typeInto, waitFor } from '../../packages/elements/src/testing/index.js';
import { OPEN_CASE, allMessages } from '../../packages/elements/src/testing/case-thread.js';
import { backend, eventually, gate, now, openGates, startWorker, stopWorker, type Backend } from './support.js';

before(async function () {
  this.timeout(20_000);
  await startWorker();
});
let mounted: HTMLElement[] = [];
afterEach(() => {
  for (const el of mounted) el.remove();
  mounted = [];
  openGates();
});
after(stopWorker);

/** Mounted by hand: open-wc's fixture() waits for a frame a background tab may not get. */
function mount<T extends HTMLElement>(tag: string, props: Record<string, unknown>): T {
  const el = Object.assign(document.createElement(tag), props) as unknown as T;
  document.body.append(el);
  mounted.push(el);
  return el;
}

/** The first write of `path` fails the way the server would refuse it, after its key was claimed. */
function refuseFirst(suffix: string, error: () => AdapterError): (request: Request) => void {
  let refused = false;
  return (request) => {
    if (refused || !new URL(request.url).pathname.endsWith(suffix)) return;
    refused = true;
    throw error();
  };
}

async function newCase(b: Backend): Promise<CaseRecord> {
  return b.data.createCase({ subject: 'Invoice shows the wrong VAT rate', description: 'Line 3.', priority: 'normal', fields: { product: 'router-x200', serial_number: 'SN-1' } });
}

async function openEdit(el: CaseDetail): Promise<HTMLDialogElement> {
  const root = el.shadowRoot!;
  const button = await waitFor(() => root.querySelector<HTMLButtonElement>('[part~=action-update]'), 'the edit action');
  button.click();
  return waitFor(() => (root.querySelector<HTMLDialogElement>('dialog')?.open ? root.querySelector<HTMLDialogElement>('dialog') : null), 'the edit dialog');
}

function set(d: HTMLDialogElement, selector: string, value: string): void {
  const control = d.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'));
}

const submit = (el: CaseDetail) => el.shadowRoot!.querySelector<HTMLButtonElement>('dialog [part~=dialog-submit]')!.click();

describe('one idempotency key per distinct request', () => {
  it('saves again after a 409 under a new key, with the new If-Match', async () => {
    const b = backend();
    const c = await newCase(b);
    const el = mount<CaseDetail>('case-detail', { adapter: b.rest(), now, caseId: c.id });
    const d = await openEdit(el);
    // Someone else changes the case while the dialog is open.
    await b.data.updateCase(c.id, { changes: { serial_number: 'SN-AGENT' }, version: c.version });
    set(d, '#f-u-priority', 'high');
    submit(el);
    await waitFor(() => el.shadowRoot!.querySelector('[part~=changed-elsewhere]'), 'the conflict is explained');
    // The customer changes one more thing and saves again.
    set(d, '#f-u-subject', 'Invoice 48213: wrong VAT rate');
    const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
    submit(el);
    await updated;
    const [first, second] = b.sent('PATCH', `/cases/${c.id}`);
    expect(first!.ifMatch).to.equal(`"${c.version}"`);
    expect(second!.ifMatch).to.equal(`"${c.version + 1}"`);
    expect(second!.key, 'another request, another key').to.not.equal(first!.key);
    const stored = await b.data.getCase(c.id);
    expect([stored.subject, stored.priority, stored.fields['serial_number']]).to.deep.equal(['Invoice 48213: wrong VAT rate', 'high', 'SN-AGENT']);
    b.api.dispose();
  });

  it('saves an edit the server refused once it is fixed (the refused key would be refused again: 422)', async () => {
    const b = backend([], {
      beforeWrite: refuseFirst('', () => new AdapterError('validation', { backendMessage: 'Subject is taken.', fieldErrors: { subject: 'Choose another subject.' } })),
    });
    const c = await newCase(b);
    const el = mount<CaseDetail>('case-detail', { adapter: b.rest(), now, caseId: c.id });
    const d = await openEdit(el);
    set(d, '#f-u-subject', 'VAT');
    submit(el);
    await waitFor(() => d.querySelector('#f-u-subject-error')?.textContent?.includes('Choose another subject.'), 'the server’s message beside the field');
    set(d, '#f-u-subject', 'Wrong VAT rate on invoice 48213');
    const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
    submit(el);
    await updated;
    const [first, second] = b.sent('PATCH', `/cases/${c.id}`);
    expect(second!.key).to.not.equal(first!.key);
    expect((await b.data.getCase(c.id)).subject).to.equal('Wrong VAT rate on invoice 48213');
    b.api.dispose();
  });

  it('sends a reply the server refused once it is edited, under a new key; the same text keeps its key', async () => {
    const b = backend([], { beforeWrite: refuseFirst('/messages', () => new AdapterError('validation', { backendMessage: 'Too short.', fieldErrors: { body: 'Say a little more.' } })) });
    const el = mount<CaseThread>('case-thread', { adapter: b.rest(), now, draftStorage: memoryStorage(), caseId: OPEN_CASE });
    const root = el.shadowRoot!;
    const reply = await waitFor(() => root.querySelector<HTMLTextAreaElement>('#reply'), 'composer');
    typeInto(reply, 'Hi');
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="failed"]'), 'refused');
    expect(root.querySelector('[part~="send-error"]')!.textContent).to.contain('Say a little more.');
    // The same text again is the same request: the server answers it the same way, from its memory.
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => b.sent('POST', '/messages').length === 2, 'sent again');
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="failed"]'), 'refused again');
    typeInto(reply, 'Hi, the router still reboots every hour since the update.');
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => !root.querySelector('[part~="message-outgoing"]'), 'sent');
    const keys = b.sent('POST', '/messages').map((r) => r.key);
    expect(keys[1], 'same text, same key').to.equal(keys[0]);
    expect(keys[2], 'edited text, new key').to.not.equal(keys[0]);
    expect(root.querySelectorAll('[part~="message-outgoing"]')).to.have.length(0);
    expect((await allMessages(b.data, OPEN_CASE)).filter((m) => m.body.startsWith('Hi'))).to.have.length(1);
    b.api.dispose();
  });

  it('retries an upload whose answer was lost under its first key: one file on the backend, no orphan', async function () {
    this.timeout(10_000);
    const held = gate();
    let holding = true;
    const b = backend([], { beforeWrite: (request) => (holding && new URL(request.url).pathname.endsWith('/attachments') ? held.wait : undefined) });
    let stored = 0;
    const upload = b.data.uploadAttachment.bind(b.data);
    b.data.uploadAttachment = (file, opts) => (stored++, upload(file, opts));
    const el = mount<CaseThread>('case-thread', { adapter: b.rest({ uploadStallMs: 300 }), now, draftStorage: memoryStorage(), caseId: OPEN_CASE });
    const root = el.shadowRoot!;
    const input = await waitFor(() => root.querySelector<HTMLInputElement>('input[type=file]'), 'the file picker');
    pickFiles(input, [new File(['router log'], 'router.log', { type: 'text/plain' })]);
    await waitFor(() => root.querySelector('[part~="pending-file"][data-state="failed"]'), 'the stalled upload fails', { timeout: 3000 });
    expect(root.querySelector('[part~="file-error"]')!.textContent).to.contain('not answering');
    // The server finishes the first attempt after the customer gave up on it.
    holding = false;
    held.open();
    await eventually(async () => stored === 1, 'the server stored the file');
    root.querySelector<HTMLButtonElement>('[part~="pending-file"] .file-actions button')!.click();
    await waitFor(() => root.querySelector('[part~="pending-file"][data-state="uploaded"]'), 'uploaded');
    const keys = b.sent('POST', '/attachments').map((r) => r.key);
    expect(keys).to.have.length(2);
    expect(keys[1], 'the same file, the same key').to.equal(keys[0]);
    expect(stored, 'one file on the backend').to.equal(1);
    b.api.dispose();
  });
});
