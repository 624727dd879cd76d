import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { demoSchema } from '@case-portal/adapter-memory';
import type { Attachment, MessageInput, UploadOptions } from '@case-portal/core';
import type { CaseMessageSentEvent } from '../events.js';
import type { CaseThread } from './case-thread.js';
import { deferred, failingAdapter, pickFiles, transferOf, typeInto, uploadsOnHold, wrapAdapter } from '../testing/index.js';
import { $, $$, OPEN_CASE, allMessages, memory, memoryStorage, mount } from '../testing/case-thread.js';

// Every test keeps drafts in a storage of its own (see memoryStorage).
const LIMITS = { ...demoSchema.limits, maxAttachmentBytes: 1024, maxAttachmentsPerMessage: 3, allowedTypes: [] };
const limited = () => memory({ schema: { limits: LIMITS } });

const file = (name: string, bytes: number, type = 'text/plain') => new File(['x'.repeat(bytes)], name, { type });

const transfer = transferOf;

async function pick(el: CaseThread, files: File[]): Promise<void> {
  pickFiles($<HTMLInputElement>(el, '#reply-files')!, files);
  await el.updateComplete;
}

const items = (el: CaseThread) => $$(el, '[part~="pending-file"]');
const itemState = (el: CaseThread, name: string) =>
  items(el).find((li) => li.querySelector('.file-name')!.textContent === name)?.dataset['state'];

/** The adapter with uploads counted (and optionally held until released). */
function countingUploads(base: ReturnType<typeof memory>, gate?: Promise<void>, postGate?: Promise<void>) {
  const uploads: { name: string; signal?: AbortSignal | undefined }[] = [];
  const posts: MessageInput[] = [];
  const adapter = wrapAdapter(base, {
    async uploadAttachment(f: File, o?: UploadOptions): Promise<Attachment> {
      uploads.push({ name: f.name, signal: o?.signal });
      if (gate) await gate;
      return base.uploadAttachment(f, o);
    },
    async postMessage(caseId, input, o) {
      posts.push(input);
      if (postGate) await postGate;
      return base.postMessage(caseId, input, o);
    },
  });
  return { adapter, uploads, posts };
}

describe('case-thread attachments', () => {
  it('uploads picked files with progress, sends them with the reply and shows them as links', async () => {
    const base = limited();
    const gate = deferred();
    const posting = deferred();
    const { adapter, posts } = countingUploads(base, gate.promise, posting.promise);
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    expect($(el, '[part~="attachment-hint"]')!.textContent).to.contain('Up to 1 kB per file.').and.contain('At most 3 files.');

    await pick(el, [file('router.log', 300), file('photo.png', 200, 'image/png')]);
    expect(items(el)).to.have.length(2);
    expect(items(el)[0]!.querySelector('progress')).to.not.equal(null);
    expect(items(el)[0]!.textContent).to.contain('Cancel upload');
    gate.resolve();
    await waitUntil(() => itemState(el, 'router.log') === 'uploaded' && itemState(el, 'photo.png') === 'uploaded', 'uploads finish');
    expect(items(el)[0]!.textContent).to.contain('Ready');

    typeInto($<HTMLTextAreaElement>(el, '#reply')!, 'Log and photo attached.');
    const sent = oneEvent(el, 'case-message-sent') as Promise<CaseMessageSentEvent>;
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => $(el, '[part~="message-outgoing"] [part~="attachments"]'), 'optimistic message lists the files');
    posting.resolve();
    const { detail } = await sent;
    expect(posts).to.have.length(1);
    expect(posts[0]!.attachmentIds).to.have.length(2);
    expect(detail.message.attachments.map((a) => a.name)).to.deep.equal(['router.log', 'photo.png']);
    await waitUntil(() => $(el, `li[data-id="${detail.message.id}"] a[part~="attachment"]`), 'sent message with links');
    expect(items(el)).to.have.length(0);
  });

  it('refuses an oversize or unwanted file before any upload, and says why', async () => {
    const base = memory({ schema: { limits: { ...LIMITS, allowedTypes: ['.log', 'image/*'] } } });
    const { adapter, uploads } = countingUploads(base);
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    expect($<HTMLInputElement>(el, '#reply-files')!.accept).to.equal('.log,image/*');
    // Allowed types in words: extensions when the schema names any, not a wall of MIME types.
    expect($(el, '[part~="attachment-hint"]')!.textContent).to.contain('Allowed: LOG.');
    await pick(el, [file('huge.log', 5000), file('script.exe', 10, 'application/x-msdownload'), file('ok.log', 10)]);
    await waitUntil(() => itemState(el, 'ok.log') === 'uploaded', 'the allowed file uploads');
    expect(uploads.map((u) => u.name)).to.deep.equal(['ok.log']);
    expect(itemState(el, 'huge.log')).to.equal('refused');
    expect(items(el)[0]!.textContent).to.contain('Too large: files can be at most 1 kB.');
    expect(items(el)[1]!.textContent).to.contain('This type of file is not allowed.');
    expect($(el, '[part~="announcer"]')!.textContent).to.contain('1 file added.').and.contain('2 files can’t be attached.');
    await expect(el).to.be.accessible();
  });

  it('refuses files beyond the per-message count', async () => {
    const { adapter, uploads } = countingUploads(limited());
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    await pick(el, [file('a.txt', 1), file('b.txt', 1), file('c.txt', 1), file('d.txt', 1)]);
    expect(itemState(el, 'd.txt')).to.equal('refused');
    expect(items(el)[3]!.textContent).to.contain('Add at most 3 files at a time.');
    await waitUntil(() => uploads.length === 3, 'three uploads');
  });

  it('takes files dropped on the composer and shows where to drop them', async () => {
    const { adapter } = countingUploads(limited());
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    const form = $(el, '[part~="composer"]')!;
    const dt = transfer([file('dropped.txt', 20)]);
    form.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    await el.updateComplete;
    expect(form.hasAttribute('data-dropping')).to.equal(true);
    expect(form.getAttribute('data-drop-label')).to.equal('Drop files to attach them');
    const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true });
    form.dispatchEvent(over);
    expect(over.defaultPrevented, 'dragover accepted, so the browser does not open the file').to.equal(true);
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, composed: true }));
    await el.updateComplete;
    expect(form.hasAttribute('data-dropping')).to.equal(false);
    await waitUntil(() => itemState(el, 'dropped.txt') === 'uploaded', 'dropped file uploads');
  });

  it('attaches a pasted image but lets pasted text through', async () => {
    const { adapter, uploads } = countingUploads(limited());
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    const textarea = $<HTMLTextAreaElement>(el, '#reply')!;
    const image = new ClipboardEvent('paste', { clipboardData: transfer([file('screenshot.png', 50, 'image/png')]), bubbles: true, cancelable: true, composed: true });
    textarea.dispatchEvent(image);
    expect(image.defaultPrevented).to.equal(true);
    await waitUntil(() => itemState(el, 'screenshot.png') === 'uploaded', 'pasted image uploads');

    const mixed = transfer([file('cells.png', 50, 'image/png')]);
    mixed.setData('text/plain', 'A1\tB1');
    const paste = new ClipboardEvent('paste', { clipboardData: mixed, bubbles: true, cancelable: true, composed: true });
    textarea.dispatchEvent(paste);
    expect(paste.defaultPrevented, 'text pastes as text').to.equal(false);
    expect(uploads.map((u) => u.name)).to.deep.equal(['screenshot.png']);
  });

  it('cancels one upload without touching the others', async () => {
    const gate = deferred();
    const { adapter, uploads } = countingUploads(limited(), gate.promise);
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    await pick(el, [file('keep.txt', 10), file('drop.txt', 10)]);
    const cancel = [...items(el)[1]!.querySelectorAll('button')].find((b) => b.textContent!.includes('Cancel upload'))!;
    cancel.click();
    await el.updateComplete;
    expect(uploads[1]!.signal!.aborted).to.equal(true);
    expect(uploads[0]!.signal!.aborted).to.equal(false);
    expect(items(el).map((li) => li.querySelector('.file-name')!.textContent)).to.deep.equal(['keep.txt']);
    gate.resolve();
    await waitUntil(() => itemState(el, 'keep.txt') === 'uploaded', 'the other upload finishes');
  });

  it('does not send while a file is still uploading, and says so', async () => {
    const gate = deferred();
    const { adapter, posts } = countingUploads(limited(), gate.promise);
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    await pick(el, [file('slow.txt', 10)]);
    typeInto($<HTMLTextAreaElement>(el, '#reply')!, 'With a file');
    $(el, '[part~="send-button"]')!.click();
    await el.updateComplete;
    expect($(el, '[part~="send-error"]')!.textContent).to.contain('Wait until your files have uploaded');
    expect(posts).to.have.length(0);
    gate.resolve();
    await waitUntil(() => itemState(el, 'slow.txt') === 'uploaded', 'upload finishes');
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => posts.length === 1, 'sent after the upload');
    expect(posts[0]!.attachmentIds).to.have.length(1);
  });

  it('sends files without text', async () => {
    const { adapter, posts } = countingUploads(limited());
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    await pick(el, [file('only-a-file.txt', 10)]);
    await waitUntil(() => itemState(el, 'only-a-file.txt') === 'uploaded', 'uploaded');
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => posts.length === 1 && !$(el, '[part~="message-outgoing"]'), 'sent');
    expect(posts[0]!.body).to.equal('');
  });

  it('keeps files on a failed send; the retry sends one message with them', async () => {
    const base = limited();
    const { adapter, calls } = failingAdapter(base, 'postMessage', { times: 1, afterCommit: true });
    const el = await mount(adapter, OPEN_CASE, memoryStorage());
    await pick(el, [file('evidence.txt', 10)]);
    await waitUntil(() => itemState(el, 'evidence.txt') === 'uploaded', 'uploaded');
    typeInto($<HTMLTextAreaElement>(el, '#reply')!, 'See the file.');
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => $(el, '[data-state="failed"]'), 'failed');
    expect(itemState(el, 'evidence.txt')).to.equal('uploaded');
    expect($<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('See the file.');
    $(el, '[part~="retry-button"]')!.click();
    await waitUntil(() => !$(el, '[part~="message-outgoing"]'), 'retry done');
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
    const sent = (await allMessages(base, OPEN_CASE)).filter((m) => m.body === 'See the file.');
    expect(sent).to.have.length(1);
    expect(sent[0]!.attachments.map((a) => a.name)).to.deep.equal(['evidence.txt']);
    expect(items(el)).to.have.length(0);
  });

  it('restores the draft’s files after a reload: uploads ready, unfinished ones to pick again', async () => {
    const base = limited();
    const storage = memoryStorage();
    const { adapter, hold } = uploadsOnHold(base);
    const first = await mount(adapter, OPEN_CASE, storage);
    typeInto($<HTMLTextAreaElement>(first, '#reply')!, 'Files below');
    await pick(first, [file('done.txt', 10)]);
    await waitUntil(() => itemState(first, 'done.txt') === 'uploaded', 'first upload');
    hold(true);
    await pick(first, [file('half.txt', 10)]);
    first.remove(); // the page goes away mid-upload

    const again = await mount(adapter, OPEN_CASE, storage);
    await waitUntil(() => items(again).length === 2, 'files restored');
    expect($<HTMLTextAreaElement>(again, '#reply')!.value).to.equal('Files below');
    expect(itemState(again, 'done.txt')).to.equal('uploaded');
    expect(itemState(again, 'half.txt')).to.equal('missing');
    expect(items(again)[1]!.textContent).to.contain('pick this file again').and.contain('Pick again');
    $(again, '[part~="send-button"]')!.click();
    await again.updateComplete;
    expect($(again, '[part~="send-error"]')!.textContent).to.contain('aren’t uploaded');

    hold(false);
    await pick(again, [file('half.txt', 10)]);
    await waitUntil(() => itemState(again, 'half.txt') === 'uploaded', 'picked again, uploaded');
    expect(items(again)).to.have.length(2);
    $(again, '[part~="send-button"]')!.click();
    await waitUntil(() => !$(again, '[part~="message-outgoing"]') && items(again).length === 0, 'sent');
    const sent = (await allMessages(base, OPEN_CASE)).find((m) => m.body === 'Files below')!;
    expect(sent.attachments.map((a) => a.name)).to.deep.equal(['done.txt', 'half.txt']);
  });

  it('offers no picker when the backend takes no attachments', async () => {
    const el = await mount(memory({ schema: { features: { ...demoSchema.features, attachments: false } } }), OPEN_CASE, null);
    await waitUntil(() => $(el, '#reply'), 'composer');
    expect($(el, '#reply-files')).to.equal(null);
    expect($(el, '[part~="pick-files-button"]')).to.equal(null);
  });
});
