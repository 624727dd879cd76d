/**
 * The built-in create form's attachments (the same picker as the reply composer) and the promise
 * that a reload never makes two cases. Drafts live in a storage of each test's own.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import type { Attachment, CaseAdapter, CaseInput, UploadOptions } from '@case-portal/core';
import '../define/case-create.js';
import type { CaseCreate } from './case-create.js';
import { choose, deferred, failingAdapter, memoryStorage, pickFiles, transferOf, typeInto, uploadsOnHold, wrapAdapter } from '../testing/index.js';

const now = () => new Date('2025-03-10T12:00:00Z');
const LIMITS = { ...demoSchema.limits, maxAttachmentBytes: 1024, maxAttachmentsPerMessage: 3, allowedTypes: [] };
const memory = () => new MemoryAdapter({ storage: null, now, schema: { limits: LIMITS } });

const $ = <T extends Element = HTMLElement>(el: CaseCreate, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const items = (el: CaseCreate) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="pending-file"]')];
const stateOf = (el: CaseCreate, name: string) =>
  items(el).find((li) => li.querySelector('.file-name')!.textContent === name)?.dataset['state'];
const file = (name: string, bytes: number, type = 'text/plain') => new File(['x'.repeat(bytes)], name, { type });

async function mount(adapter: CaseAdapter, draftStorage: Storage | null): Promise<CaseCreate> {
  const el = await fixture<CaseCreate>(html`<case-create .adapter=${adapter} .now=${now} .draftStorage=${draftStorage}></case-create>`);
  await waitUntil(() => $(el, 'form'), 'the form loads');
  return el;
}

async function pick(el: CaseCreate, files: File[]): Promise<void> {
  pickFiles($<HTMLInputElement>(el, '#create-files')!, files);
  await el.updateComplete;
}

function fill(el: CaseCreate, subject: string): void {
  typeInto($<HTMLInputElement>(el, '#f-subject')!, subject);
  typeInto($<HTMLTextAreaElement>(el, '#f-description')!, 'The screenshot shows the error.');
  choose($<HTMLSelectElement>(el, '#f-fields_product')!, 'router-x200');
}

/** Counts uploads and creates; `gate` holds uploads until released. */
function recording(base: MemoryAdapter, gate?: Promise<void>) {
  const uploads: string[] = [];
  const creates: { input: CaseInput; key: string | undefined }[] = [];
  const adapter = wrapAdapter(base, {
    async uploadAttachment(f: File, o?: UploadOptions): Promise<Attachment> {
      uploads.push(f.name);
      if (gate) await gate;
      return base.uploadAttachment(f, o);
    },
    createCase(input, o) {
      creates.push({ input, key: o?.idempotencyKey });
      return base.createCase(input, o);
    },
  });
  return { adapter, uploads, creates };
}

async function casesWithSubject(adapter: CaseAdapter, subject: string) {
  return (await adapter.listCases({ keyword: subject, limit: 100 })).items.filter((c) => c.subject === subject);
}

describe('case-create attachments', () => {
  it('uploads picked files and creates the case with them', async () => {
    const base = memory();
    const { adapter, creates } = recording(base);
    const el = await mount(adapter, memoryStorage());
    expect($(el, '[part~="field-attachments"] #attachments-label')!.textContent).to.equal('Attachments (optional)');
    fill(el, 'Case with files');
    await pick(el, [file('error.png', 100, 'image/png'), file('log.txt', 50)]);
    await waitUntil(() => stateOf(el, 'error.png') === 'uploaded' && stateOf(el, 'log.txt') === 'uploaded', 'uploaded');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(creates[0]!.input.attachmentIds).to.have.length(2);
    const [created] = await casesWithSubject(base, 'Case with files');
    expect(created!.attachments.map((a) => a.name)).to.deep.equal(['error.png', 'log.txt']);
    $(el, '[part~="another-button"]')!.click();
    await el.updateComplete;
    expect(items(el)).to.have.length(0);
  });

  it('refuses an oversize file before any upload and says why', async () => {
    const { adapter, uploads } = recording(memory());
    const el = await mount(adapter, memoryStorage());
    await pick(el, [file('video.mp4', 4096, 'video/mp4')]);
    expect(stateOf(el, 'video.mp4')).to.equal('refused');
    expect(items(el)[0]!.textContent).to.contain('Too large: files can be at most 1 kB.');
    expect(uploads).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('waits for uploads before creating, and says so', async () => {
    const gate = deferred();
    const { adapter, creates } = recording(memory(), gate.promise);
    const el = await mount(adapter, memoryStorage());
    fill(el, 'Waits for upload');
    await pick(el, [file('slow.txt', 10)]);
    $(el, '[part~="submit"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="form-error"]')!.textContent).to.contain('Wait until your files have uploaded');
    expect(creates).to.have.length(0);
    gate.resolve();
    await waitUntil(() => stateOf(el, 'slow.txt') === 'uploaded', 'uploaded');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(creates[0]!.input.attachmentIds).to.have.length(1);
  });

  it('takes dropped files', async () => {
    const { adapter } = recording(memory());
    const el = await mount(adapter, memoryStorage());
    const dt = transferOf([file('dropped.txt', 10)]);
    $(el, 'form')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    await waitUntil(() => stateOf(el, 'dropped.txt') === 'uploaded', 'dropped file uploads');
  });

  it('restores picked files with the draft: uploads ready, unfinished ones to pick again', async () => {
    const storage = memoryStorage();
    const base = memory();
    const { adapter, hold } = uploadsOnHold(base);
    const first = await mount(adapter, storage);
    await pick(first, [file('done.txt', 10)]);
    await waitUntil(() => stateOf(first, 'done.txt') === 'uploaded', 'uploaded');
    hold(true);
    await pick(first, [file('half.txt', 10)]);
    first.remove();

    const again = await mount(adapter, storage);
    await waitUntil(() => items(again).length === 2, 'files restored');
    expect($(again, '[part~="draft-notice"]'), 'only files picked still counts as a draft').to.not.equal(null);
    expect(stateOf(again, 'done.txt')).to.equal('uploaded');
    expect(stateOf(again, 'half.txt')).to.equal('missing');
    fill(again, 'Restored files case');
    $(again, '[part~="submit"]')!.click();
    await again.updateComplete;
    expect($(again, '[part~="form-error"]')!.textContent).to.contain('aren’t uploaded');
    hold(false);
    await pick(again, [file('half.txt', 10)]);
    await waitUntil(() => stateOf(again, 'half.txt') === 'uploaded', 'picked again');
    $(again, '[part~="submit"]')!.click();
    await waitUntil(() => $(again, '[part~="confirmation"]'), 'created');
    const [created] = await casesWithSubject(base, 'Restored files case');
    expect(created!.attachments.map((a) => a.name)).to.deep.equal(['done.txt', 'half.txt']);
  });

  it('never makes two cases when the page reloads during submit', async () => {
    const storage = memoryStorage();
    const base = memory();
    // The backend makes the case, but the page goes away before the answer arrives.
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 1, afterCommit: true, hangs: true });
    const first = await mount(adapter, storage);
    fill(first, 'Reload during submit');
    $(first, '[part~="submit"]')!.click();
    await waitUntil(() => calls.length === 1, 'sent');
    first.remove(); // the reload

    const again = await mount(adapter, storage);
    await waitUntil(() => $<HTMLInputElement>(again, '#f-subject')?.value === 'Reload during submit', 'draft restored');
    $(again, '[part~="submit"]')!.click();
    await waitUntil(() => $(again, '[part~="confirmation"]'), 'confirmed');
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
    expect(await casesWithSubject(base, 'Reload during submit')).to.have.length(1);
  });

  it('forgets the confirmation when someone else signs in', async () => {
    const base = memory();
    const el = await mount(base, memoryStorage());
    fill(el, 'Mine, not theirs');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    el.viewer = { ...(await base.viewer()), id: 'someone-else', name: 'Someone Else' };
    await waitUntil(() => !$(el, '[part~="confirmation"]') && $(el, 'form'), 'a fresh form for the new person');
  });
});
