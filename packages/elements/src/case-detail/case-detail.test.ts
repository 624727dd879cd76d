/**
 * case-detail in a real browser, every rule and action against both backends: the memory adapter
 * directly, and the REST adapter over HTTP (msw) in front of a memory adapter. Both share one
 * controllable clock, so reopen windows and deadlines are exact.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { AdapterError, type CaseAdapter, type CaseRecord, type PortalSchema } from '@case-portal/core';
import { DEMO_PEOPLE, MemoryAdapter, seededCaseId, type MemoryAdapterOptions } from '@case-portal/adapter-memory';
import { RestAdapter } from '@case-portal/adapter-rest';
import type { SetupWorker } from 'msw/browser';
import { sendKeys } from '@web/test-runner-commands';
import { startMockWorker } from '../../../../test/mocks/browser.js';
import { createMockApi } from '../../../../test/mocks/handlers.js';
import '../define/case-detail.js';
import { CaseDetail } from './case-detail.js';
import type { CaseErrorEvent, CaseSelectEvent, CaseUpdatedEvent } from '../events.js';
import { pickFiles, wrapAdapter as override } from '../testing/index.js';

const START = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;

interface Backend {
  /** What the element talks to. */
  adapter: CaseAdapter;
  /** The data behind it, for arranging and checking without the element. */
  data: MemoryAdapter;
  /** The same data as another person sees it (an agent or another tab changing the case). */
  now: () => Date;
  advanceHours(h: number): void;
  dispose(): void;
}

let worker: SetupWorker | undefined;

type MakeBackend = (options?: MemoryAdapterOptions) => Backend;

function clock() {
  let at = START;
  return {
    now: () => at,
    advanceHours: (h: number) => {
      at = new Date(at.getTime() + h * HOUR);
    },
  };
}

const memoryBackend: MakeBackend = (options = {}) => {
  const c = clock();
  const data = new MemoryAdapter({ storage: null, now: c.now, ...options });
  return { adapter: data, data, ...c, dispose: () => data.dispose() };
};

const restBackend: MakeBackend = (options = {}) => {
  const c = clock();
  const data = new MemoryAdapter({ storage: null, now: c.now, ...options });
  const api = createMockApi({ adapter: data });
  worker!.resetHandlers(...api.handlers);
  const adapter = new RestAdapter({ baseUrl: '/api/portal', pollIntervalMs: 50, pollWhenHidden: true });
  return { adapter, data, ...c, dispose: () => api.dispose() };
};

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (node: Element | ShadowRoot | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialog = (el: HTMLElement) => $<HTMLDialogElement>(el, 'dialog');

let mounted: HTMLElement[] = [];

/** Mounts without open-wc's fixture(): background test tabs get no animation frames. */
async function mount(b: Backend, caseId: string, setup: (el: CaseDetail) => void = () => {}): Promise<CaseDetail> {
  const el = document.createElement('case-detail') as CaseDetail;
  el.adapter = b.adapter;
  el.now = b.now;
  el.caseId = caseId;
  setup(el);
  document.body.append(el);
  mounted.push(el);
  await waitUntil(() => $(el, '#title') || $(el, '[part=layout]') || $(el, '[part=error]'), 'case did not render', { timeout: 4000 });
  return el;
}

/** Builds template content with DOM calls, the way a CMS page's parser would have. */
function h(tag: string, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

async function newCase(b: Backend): Promise<CaseRecord> {
  return b.data.createCase({
    subject: 'Invoice shows the wrong VAT rate',
    description: 'Line 3 uses 19% instead of 7%.',
    service: 'standard',
    priority: 'normal',
    fields: { product: 'router-x200', serial_number: 'SN-1' },
  });
}

async function openDialog(el: CaseDetail, kind: string): Promise<HTMLDialogElement> {
  await waitUntil(() => $(el, `[part~=action-${kind}]`), `no ${kind} action`);
  $<HTMLButtonElement>(el, `[part~=action-${kind}]`)!.click();
  await waitUntil(() => dialog(el)?.open, 'dialog did not open');
  return dialog(el)!;
}

function submitDialog(el: CaseDetail): void {
  $<HTMLButtonElement>(el, 'dialog [part~=dialog-submit]')!.click();
}


before(async function () {
  // Installing msw's service worker waits for its claim: seconds on a loaded 2-core machine.
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async () => {
  await worker?.stop();
});
afterEach(() => {
  for (const el of mounted) el.remove();
  mounted = [];
});

for (const [name, make] of [
  ['memory', memoryBackend],
  ['REST', restBackend],
] as const) {
  describe(`case-detail over ${name}`, function () {
    this.timeout(10_000);
    let b: Backend;
    let schema: PortalSchema;
    const backend = async (options?: MemoryAdapterOptions) => {
      b?.dispose();
      b = make(options);
      schema = await b.data.describe();
      return b;
    };
    afterEach(() => b?.dispose());

    it('shows the profile: number, subject, status and category, people, choices, dates, age, custom fields', async () => {
      await backend();
      const c = await newCase(b);
      b.advanceHours(26);
      const el = await mount(b, c.id);
      expect(text($(el, '#title'))).to.equal('Invoice shows the wrong VAT rate');
      expect(text($(el, '[part=number]'))).to.contain(c.number);
      const profile = $(el, '[part=profile]')!;
      const value = (key: string) => text(profile.querySelector(`[data-key="${key}"]`));
      expect(value('status')).to.equal('New');
      expect(value('requester')).to.equal('Alex Morgan');
      expect(value('account')).to.equal('Northwind Traders');
      expect(value('priority')).to.equal('Normal');
      expect(value('service')).to.equal('Standard support');
      expect(value('age')).to.equal('1 day and 2 hours');
      expect(value('fields.product')).to.equal('Router X200');
      expect(profile.querySelector('[data-key=closedAt]')).to.equal(null);
      expect(text($(el, '.description'))).to.equal('Line 3 uses 19% instead of 7%.');
      await expect(el).to.be.accessible();
    });

    it('shows deadlines that keep counting while the page is open, and none where none applies', async () => {
      await backend();
      const c = await newCase(b); // standard service: response in 8 h, resolution in 72 h
      const before = CaseDetail.tickMs;
      CaseDetail.tickMs = 40;
      try {
        const el = await mount(b, c.id);
        const response = () => text($(el, '[part=deadlines] dd'));
        expect(response()).to.contain('8 hours left');
        b.advanceHours(9);
        await waitUntil(() => response().includes('Overdue by 1 hour'), 'deadline did not tick');
        expect($(el, '[part=deadlines] dd')!.getAttribute('data-state')).to.equal('overdue');
      } finally {
        CaseDetail.tickMs = before;
      }
      const plain = await b.data.createCase({ subject: 'No service', description: 'x', fields: { product: 'router-x200' } });
      const el2 = await mount(b, plain.id);
      expect($(el2, '[part=deadlines]')).to.equal(null);
    });

    it('puts the summary (deadlines and the key fields) before the conversation on a phone, beside it on a desktop', async () => {
      await backend();
      const c = await newCase(b);
      const top = (el: CaseDetail, sel: string) => $(el, sel)!.getBoundingClientRect();
      const phone = await mount(b, c.id, (el) => (el.style.width = '360px'));
      await waitUntil(() => $(phone, '[part=deadlines]') && $(phone, '[part=conversation]'), 'no sections');
      expect(top(phone, '[part=deadlines]').top).to.be.below(top(phone, '[part=conversation]').top);
      expect(top(phone, '[part=profile]').top).to.be.below(top(phone, '[part=conversation]').top);
      // Files and history, which are long, still come after it.
      expect(top(phone, '[part=progress]').top).to.be.above(top(phone, '[part=conversation]').top);
      await expect(phone).to.be.accessible();

      const desktop = await mount(b, c.id, (el) => (el.style.width = '1100px'));
      await waitUntil(() => $(desktop, '[part=deadlines]') && $(desktop, '[part=conversation]'), 'no sections');
      const side = top(desktop, '[part=deadlines]');
      const main = top(desktop, '[part=description]');
      expect(side.left, 'the summary in the side column').to.be.above(main.right);
      expect(Math.abs(side.top - main.top), 'both columns start together').to.be.below(2);
      expect(top(desktop, '[part=files]').left).to.equal(side.left);
    });

    it('shows the stage bar and the status history from the adapter', async () => {
      await backend();
      const el = await mount(b, seededCaseId(2)); // resolved two hours ago
      const current = $(el, '[part~=stages] [aria-current=step]')!;
      expect(text(current)).to.contain('Resolved');
      expect(text(current)).to.contain('current stage');
      await waitUntil(() => $(el, '[part=history]'), 'no history');
      const entries = $$(el, '[part=history-entry]').map((e) => text(e.querySelector('.history-status')));
      expect(entries[0]).to.equal('Open → Resolved');
      expect(entries.at(-1)).to.equal('Created as New');

      // A backend label that doesn't say what it means gets its meaning beside it.
      const pending = await mount(b, seededCaseId(10));
      expect(text($(pending, '[part=profile] [data-key=status]'))).to.equal('Pending from Agent (Awaiting support)');
      await expect(el).to.be.accessible();
    });

    it('draws only the past stages the history shows (a case that never waited has no "Waiting on you")', async () => {
      await backend();
      const el = await mount(b, seededCaseId(2)); // New → Open → Resolved: it never waited on the customer
      await waitUntil(() => $(el, '[part=history]'), 'no history');
      const stages = () => $$(el, '[part~=stages] li').map((li) => `${li.querySelector('.stage-label')!.textContent!.trim()}:${li.dataset['state']}`);
      await waitUntil(() => !stages().includes('Waiting on you:done'), `stages ${stages().join(', ')}`);
      expect(stages()).to.deep.equal(['Submitted:done', 'In progress:done', 'Resolved:current', 'Closed:upcoming']);

      // A new case the agent answered at once went straight to waiting: "In progress" never happened.
      const waited = await b.data.createCase({ subject: 'Waited', description: 'x', fields: { product: 'router-x200' } });
      await b.data.agentReply(waited.id, 'Which firmware do you run?');
      const el2 = await mount(b, waited.id);
      await waitUntil(() => $(el2, '[part=history]'), 'no history');
      const stages2 = () => $$(el2, '[part~=stages] li').map((li) => `${li.querySelector('.stage-label')!.textContent!.trim()}:${li.dataset['state']}`);
      await waitUntil(() => stages2().length === 4, `stages ${stages2().join(', ')}`);
      expect(stages2()).to.deep.equal(['Submitted:done', 'Waiting on you:current', 'Resolved:upcoming', 'Closed:upcoming']);
      await expect(el2).to.be.accessible();
    });

    it('lists the files of the case and of its messages, with safe download links', async () => {
      await backend();
      const c = await newCase(b);
      const upload = await b.data.uploadAttachment(new File(['%PDF'], 'log.pdf', { type: 'application/pdf' }));
      await b.data.postMessage(c.id, { body: 'The log', attachmentIds: [upload.id] });
      const el = await mount(b, c.id);
      await waitUntil(() => $$(el, '[part=file]').length === 1, 'message file not listed');
      const file = $(el, '[part=file]')!;
      expect(text(file)).to.contain('log.pdf');
      expect(text(file)).to.contain('PDF');
      expect(text(file)).to.contain('from the conversation');
      expect(file.querySelector('a')!.hasAttribute('download')).to.equal(true);
    });

    it('adds files to the case, refusing an oversize file before any upload', async () => {
      await backend({ schema: { limits: { ...(await new MemoryAdapter({ storage: null }).describe()).limits, maxAttachmentBytes: 1000 } } });
      const c = await newCase(b);
      let uploads = 0;
      const counting = override(b.adapter, {
        uploadAttachment: (f: File, o: object) => {
          uploads++;
          return b.adapter.uploadAttachment(f, o);
        },
      });
      const el = await mount(b, c.id, (e) => (e.adapter = counting));
      await waitUntil(() => $(el, '#add-files-input'), 'no add-files control');
      await pickFiles($<HTMLInputElement>(el, '#add-files-input')!, [
        new File(['x'.repeat(2000)], 'huge.pdf', { type: 'application/pdf' }),
        new File(['hello'], 'notes.txt', { type: 'text/plain' }),
      ]);
      await waitUntil(() => $(el, '[part~=attach-button]'), 'upload did not finish');
      expect(uploads).to.equal(1);
      expect(text($(el, '[part=pending-files] li[data-state=refused]'))).to.contain('Too large: files can be at most');
      const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
      $<HTMLButtonElement>(el, '[part~=attach-button]')!.click();
      expect((await updated).detail.action).to.equal('attach');
      const stored = await b.data.getCase(c.id);
      expect(stored.attachments.map((a) => a.name)).to.deep.equal(['notes.txt']);
      await waitUntil(() => $$(el, '[part=file]').some((f) => text(f).includes('notes.txt')), 'file list did not refresh');
      expect(text($(el, '[part=announcer]'))).to.equal('1 file was added to the case.');
      await expect(el).to.be.accessible();
    });

    it('links related cases and opens one through case-select', async () => {
      await backend();
      const el = await mount(b, seededCaseId(9)); // merged into case 10
      await waitUntil(() => $(el, '[part=related-case]'), 'no related case');
      const target = await b.data.getCase(seededCaseId(10));
      const link = $(el, '[part=related-case] button, [part=related-case] a')!;
      expect(text(link)).to.contain(target.number);
      expect(text(link)).to.contain(target.subject);
      const selected = oneEvent(el, 'case-select') as Promise<CaseSelectEvent>;
      (link as HTMLElement).click();
      expect((await selected).detail.caseId).to.equal(target.id);
    });

    it('edits exactly the editable fields, with messages beside fields and no request while invalid', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id);
      const d = await openDialog(el, 'update');
      const expected = [...(schema.editableBuiltins ?? []), ...schema.fields.filter((f) => f.editable).map((f) => f.key)];
      const shown = [...d.querySelectorAll('[part~=field]')].map((f) => [...f.part].find((p) => p.startsWith('field-'))!.slice(6));
      expect(shown).to.deep.equal(expected);
      await expect(el).to.be.accessible();

      const subject = d.querySelector<HTMLInputElement>('#f-u-subject')!;
      subject.value = '  ';
      subject.dispatchEvent(new Event('input'));
      submitDialog(el);
      await waitUntil(() => text(d.querySelector('#f-u-subject-error')) === 'This field is required.', 'no field message');
      expect(subject.getAttribute('aria-invalid')).to.equal('true');
      expect((await b.data.getCase(c.id)).version).to.equal(c.version);

      subject.value = 'Invoice 48213: wrong VAT rate';
      subject.dispatchEvent(new Event('input'));
      const serial = d.querySelector<HTMLInputElement>('#f-u-serial_number')!;
      serial.value = 'SN-2';
      serial.dispatchEvent(new Event('input'));
      const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
      submitDialog(el);
      const ev = await updated;
      expect(ev.detail.action).to.equal('update');
      const stored = await b.data.getCase(c.id);
      expect(stored.subject).to.equal('Invoice 48213: wrong VAT rate');
      expect(stored.fields['serial_number']).to.equal('SN-2');
      await waitUntil(() => !dialog(el), 'dialog stayed open');
      expect(text($(el, '#title'))).to.equal('Invoice 48213: wrong VAT rate');
      expect(text($(el, '[part=announcer]'))).to.equal('Your changes are saved.');
    });

    it('never overwrites a change made elsewhere: says so, shows the new value, keeps what was typed', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id);
      const d = await openDialog(el, 'update');
      // Someone else changes the serial number while the dialog is open.
      await b.data.updateCase(c.id, { changes: { serial_number: 'SN-AGENT' }, version: c.version });
      const priority = d.querySelector<HTMLSelectElement>('#f-u-priority')!;
      priority.value = 'high';
      priority.dispatchEvent(new Event('change'));
      const error = oneEvent(el, 'case-error') as Promise<CaseErrorEvent>;
      submitDialog(el);
      expect((await error).detail.error.code).to.equal('conflict');
      await waitUntil(() => $(el, '[part=changed-elsewhere]'), 'no changed-elsewhere note');
      expect(text($(el, '[part=dialog-error]'))).to.contain('This case changed since you opened it.');
      expect(text($(el, '[part=changed-elsewhere]'))).to.equal('Changed meanwhile to: SN-AGENT');
      expect(d.querySelector<HTMLSelectElement>('#f-u-priority')!.value).to.equal('high');
      expect((await b.data.getCase(c.id)).priority).to.equal('normal');

      submitDialog(el);
      await waitUntil(() => !dialog(el), 'second save failed');
      const stored = await b.data.getCase(c.id);
      expect(stored.priority).to.equal('high');
      expect(stored.fields['serial_number']).to.equal('SN-AGENT');
    });

    it('closes a case with a close-as status, a required reason and a comment', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id);
      await openDialog(el, 'close');
      await expect(el).to.be.accessible();
      submitDialog(el);
      await waitUntil(() => text($(el, '#f-reason-error')) === 'Choose a reason for closing.', 'no reason message');
      expect((await b.data.getCase(c.id)).status.id).to.equal('new');

      $<HTMLSelectElement>(el, '#f-status')!.value = 'closed';
      const reason = $<HTMLSelectElement>(el, '#f-reason')!;
      reason.value = schema.closeReasons[1]!.value;
      $<HTMLTextAreaElement>(el, '#f-comment')!.value = 'Fixed by the new invoice.';
      const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
      submitDialog(el);
      const ev = await updated;
      expect(ev.detail.action).to.equal('close');
      expect(ev.detail.case.status.id).to.equal('closed');
      await waitUntil(() => text($(el, '[part=status]')) === 'Closed');
      expect(dialog(el)).to.equal(null);
      expect(text($(el, '[part=announcer]'))).to.equal('The case is closed.');
      expect($(el, '[part~=action-close]')).to.equal(null);
      expect($(el, '[part~=action-cancel]')).to.equal(null);
      // The history shows the change with its reason.
      await waitUntil(() => text($(el, '[part=history-entry]')).includes(schema.closeReasons[1]!.label), 'history did not refresh');
    });

    it('cancels only after confirmation', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id);
      const d = await openDialog(el, 'cancel');
      expect(text(d)).to.contain('Cancel this case?');
      [...d.querySelectorAll('button')].find((x) => text(x) === 'Keep case')!.click();
      await waitUntil(() => !dialog(el));
      expect((await b.data.getCase(c.id)).status.id).to.equal('new');
      await openDialog(el, 'cancel');
      submitDialog(el);
      await waitUntil(() => text($(el, '[part=status]')) === 'Canceled');
    });

    it('reopens within the window, and says why not after it or past the limit', async () => {
      await backend();
      const el = await mount(b, seededCaseId(2)); // resolved 2 h ago, window 6 h
      expect(text($(el, '[part=reopen-hint]'))).to.contain('You can reopen this case until');
      await openDialog(el, 'reopen');
      $<HTMLTextAreaElement>(el, '#f-comment')!.value = 'Still wrong on the reprint.';
      submitDialog(el);
      await waitUntil(() => text($(el, '[part=status]')) === 'Reopened', 'status did not change', { timeout: 4000 });
      expect((await b.data.getCase(seededCaseId(2))).reopenCount).to.equal(1);

      const past = await mount(b, seededCaseId(3)); // resolved 30 h ago
      const button = $<HTMLButtonElement>(past, '[part~=action-reopen]')!;
      expect(button.disabled).to.equal(true);
      expect(text($(past, '#' + button.getAttribute('aria-describedby')))).to.equal('A case can be reopened within 6 hours of closing.');

      const limit = await mount(b, seededCaseId(4)); // reopened once already
      const denied = $<HTMLButtonElement>(limit, '[part~=action-reopen]')!;
      expect(text($(limit, '#' + denied.getAttribute('aria-describedby')))).to.equal('A case can be reopened only once.');
      await expect(limit).to.be.accessible();
    });

    it('posts a complaint on a closed case and shows it in the conversation', async () => {
      await backend();
      const el = await mount(b, seededCaseId(7)); // closed 3 h ago
      const d = await openDialog(el, 'complain');
      submitDialog(el);
      await waitUntil(() => text(d.querySelector('#f-body-error')) === 'Describe what went wrong.', 'no message');
      d.querySelector<HTMLTextAreaElement>('#f-body')!.value = 'Nobody called me back as promised.';
      const sent = oneEvent(el, 'case-message-sent');
      submitDialog(el);
      await sent;
      const page = await b.data.listMessages(seededCaseId(7));
      const last = page.items.at(-1)!;
      expect(last.kind).to.equal('complaint');
      expect(last.body).to.equal('Nobody called me back as promised.');
      const thread = $(el, 'case-thread')!;
      await waitUntil(() => text(thread.shadowRoot).includes('Nobody called me back as promised.'), 'thread did not show it');
      // One offer is enough: the thread's own complaint form stays away inside the case view.
      expect(thread.shadowRoot!.querySelector('[part~=complaint-toggle]') === null).to.equal(true);
      expect(text($(el, '[part=announcer]'))).to.equal('Your complaint was sent.');
    });

    it('takes a 1–5 rating with notes once, then shows it read-only', async () => {
      await backend();
      const open = await mount(b, seededCaseId(5)); // awaiting reply: not rateable yet
      expect($(open, '[part=feedback]')).to.equal(null);

      const el = await mount(b, seededCaseId(7)); // closed, not rated
      await waitUntil(() => $(el, '[part~=feedback-submit]'));
      $<HTMLButtonElement>(el, '[part~=feedback-submit]')!.click();
      await waitUntil(() => text($(el, '#rating-error')) === 'Choose a rating from 1 to 5.');
      $<HTMLInputElement>(el, '#rating-4')!.click();
      const comment = $<HTMLTextAreaElement>(el, '[part=feedback] textarea')!;
      comment.value = 'Quick and friendly.';
      comment.dispatchEvent(new Event('input'));
      await expect(el).to.be.accessible();
      const updated = oneEvent(el, 'case-updated') as Promise<CaseUpdatedEvent>;
      $<HTMLButtonElement>(el, '[part~=feedback-submit]')!.click();
      expect((await updated).detail.action).to.equal('feedback');
      expect((await b.data.getCase(seededCaseId(7))).feedback).to.include({ rating: 4, comment: 'Quick and friendly.' });
      await waitUntil(() => $(el, '[part=feedback-given]'));
      expect(text($(el, '[part=feedback-given]'))).to.contain('You rated this case 4 out of 5');
      expect($(el, '[part=feedback] form')).to.equal(null);
    });

    it('offers a supervisor no lifecycle actions on a colleague’s case, and says why', async () => {
      await backend({ viewerId: DEMO_PEOPLE.supervisor.id });
      const el = await mount(b, seededCaseId(14));
      await waitUntil(() => $(el, '[part=actions]'));
      expect($$(el, '[part~=action]').map((x) => [...x.part].find((p) => p.startsWith('action-')))).to.deep.equal(['action-complain']);
      expect(text($(el, '[part=deny-reason]'))).to.equal('Only the person who opened the case can edit, close, cancel or reopen it.');
      expect($(el, '#add-files-input')).to.not.equal(null); // replying and attaching are open to them
      await expect(el).to.be.accessible();
    });

    it('switches actions off with the schema’s feature toggles', async () => {
      const features = (await new MemoryAdapter({ storage: null }).describe()).features;
      await backend({ schema: { features: { ...features, close: false, cancel: false, update: false, complain: false, attachments: false } } });
      const c = await newCase(b);
      const el = await mount(b, c.id);
      expect($(el, '[part=actions]')).to.equal(null);
      expect($(el, '#add-files-input')).to.equal(null);
    });

    it('shows the generic message for a backend error, keeps the dialog, and fires case-error', async () => {
      await backend();
      const c = await newCase(b);
      const failing = override(b.adapter, {
        transition: () => Promise.reject(new AdapterError('server', { backendMessage: 'ORA-00942: table missing' })),
      });
      const el = await mount(b, c.id, (e) => (e.adapter = failing));
      await openDialog(el, 'cancel');
      const error = oneEvent(el, 'case-error') as Promise<CaseErrorEvent>;
      submitDialog(el);
      expect((await error).detail.error.code).to.equal('server');
      await waitUntil(() => $(el, '[part=dialog-error]'));
      expect(text($(el, '[part=dialog-error]'))).to.equal('Something went wrong on our side. Try again in a moment.');
      expect(dialog(el)!.open).to.equal(true);
    });

    it("shows the backend's own message when the schema says so", async () => {
      const features = (await new MemoryAdapter({ storage: null }).describe()).features;
      await backend({ schema: { features: { ...features, backendMessages: true } } });
      const c = await newCase(b);
      const failing = override(b.adapter, {
        transition: () => Promise.reject(new AdapterError('validation', { backendMessage: 'Cases under audit cannot be canceled.' })),
      });
      const el = await mount(b, c.id, (e) => (e.adapter = failing));
      await openDialog(el, 'cancel');
      submitDialog(el);
      await waitUntil(() => $(el, '[part=dialog-error]'));
      expect(text($(el, '[part=dialog-error]'))).to.equal('Cases under audit cannot be canceled.');
    });

    it('shows a change made elsewhere without a reload', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id);
      // A polling adapter's first request learns where "now" is; changes after it are news.
      await new Promise((r) => setTimeout(r, 200));
      await b.data.transition(c.id, 'cancel', {});
      await waitUntil(() => text($(el, '[part=status]')) === 'Canceled', 'live update did not arrive', { timeout: 4000 });
    });

    it('says so when the case does not exist or is not yours', async () => {
      await backend();
      const el = await mount(b, seededCaseId(17)); // another company's case
      expect(text($(el, '[part=error]'))).to.contain('This case could not be found');
      await expect(el).to.be.accessible();
    });

    it('lays the case out with an editor’s template, placing sections and the thread', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id, (e) => {
        const t = document.createElement('template');
        const strong = h('strong', {}, '{{status.label}}');
        t.content.append(
          h(
            'article',
            { class: 'my-case' },
            h('h2', {}, '{{number}} · {{subject}}'),
            h('p', {}, 'Status: ', strong, ', product {{fields.product}}'),
            h('img', { src: 'x', alt: '', onerror: 'window.__pwned = 1' }),
            h('div', { 'data-case-part': 'actions' }),
            h('div', { 'data-case-part': 'files' }),
            h('case-thread', {}),
          ),
        );
        e.append(t);
      });
      const layout = $(el, '[part=layout]')!;
      expect(text(layout.querySelector('h2'))).to.equal(`${c.number} · Invoice shows the wrong VAT rate`);
      expect(text(layout.querySelector('p'))).to.equal('Status: New, product Router X200');
      expect(layout.querySelector('img')!.hasAttribute('onerror')).to.equal(false);
      await waitUntil(() => layout.querySelector('[part~=action-cancel]'), 'actions not placed');
      (layout.querySelector('[part~=action-cancel]') as HTMLButtonElement).click();
      await waitUntil(() => dialog(el)?.open, 'dialog did not open from the template');
      submitDialog(el);
      await waitUntil(() => text(layout.querySelector('strong')) === 'Canceled', 'template did not refresh', { timeout: 4000 });
      const thread = layout.querySelector('case-thread')!;
      await waitUntil(() => thread.shadowRoot?.querySelector('[part=list], [part=empty]'), 'thread did not get its case');
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('spaces the sections an editor places as the built-in layout does', async () => {
      await backend();
      const c = await newCase(b);
      const el = await mount(b, c.id, (e) => {
        const t = document.createElement('template');
        t.content.append(
          h('h2', {}, '{{subject}}'),
          h('div', { 'data-case-part': 'deadlines' }),
          h('div', { 'data-case-part': 'profile' }),
          h('div', { 'data-case-part': 'files' }),
          h('case-thread', {}),
        );
        e.append(t);
      });
      const layout = $(el, '[part=layout]')!;
      await waitUntil(() => layout.querySelector('[part=files]') && layout.querySelector('[part=profile]'), 'sections not placed');
      const box = (sel: string) => layout.querySelector(sel)!.getBoundingClientRect();
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(box('[part=profile]').top - box('[part=deadlines]').bottom, 'deadlines → profile').to.be.closeTo(rem, 1);
      expect(box('[part=files]').top - box('[part=profile]').bottom, 'profile → files').to.be.closeTo(rem, 1);
      expect(box('case-thread').top - box('[part=files]').bottom, 'files → thread').to.be.closeTo(rem, 1);
    });
  });
}

describe('case-detail and the thread', () => {
  it('shows the new status after the customer replies to a case awaiting their reply', async () => {
    const b = memoryBackend();
    const el = await mount(b, seededCaseId(5));
    const thread = $(el, 'case-thread')!;
    await waitUntil(() => thread.shadowRoot?.querySelector('[part~=composer-input]'), 'composer');
    thread.shadowRoot!.querySelector<HTMLTextAreaElement>('[part~=composer-input]')!.focus();
    await sendKeys({ type: 'Here is the log you asked for.' });
    thread.shadowRoot!.querySelector<HTMLButtonElement>('[part~=send-button]')!.click();
    await waitUntil(() => $(el, '[part=status]')!.getAttribute('data-category') === 'pending-agent', 'status did not follow the reply', {
      timeout: 3000,
    });
    b.dispose();
  });
});

describe('case-detail url-state (a case page an editor links to)', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('shows the case the URL names, follows back/forward, and lets a case-id attribute win', async () => {
    const b = memoryBackend();
    const [first, second] = [await newCase(b), await b.data.createCase({ subject: 'Second one', description: 'x', fields: { product: 'router-x200' } })];
    history.replaceState(null, '', `${location.pathname}?case.open=${encodeURIComponent(first.id)}`);
    const el = await mount(b, '', (e) => {
      e.caseId = undefined;
      e.urlState = true;
    });
    await waitUntil(() => text($(el, '#title')) === first.subject, `title ${text($(el, '#title'))}`);
    history.pushState(null, '', `${location.pathname}?case.open=${encodeURIComponent(second.id)}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await waitUntil(() => text($(el, '#title')) === 'Second one', 'did not follow the URL');
    await expect(el).to.be.accessible();

    const pinned = await mount(b, first.id, (e) => {
      e.setAttribute('case-id', first.id);
      e.urlState = true;
    });
    await waitUntil(() => text($(pinned, '#title')) === first.subject, 'the attribute did not win');
  });
});
