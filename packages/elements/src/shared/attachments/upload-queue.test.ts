/** The shared UploadQueue alone on a bare ReactiveElement host: limits, uploads, cancel, retry, drafts. */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, Limits } from '@case-portal/core';
import { addMessages } from '../../i18n/en.js';
import { attachments } from '../../i18n/en/attachments.js';
import { createI18n } from '../../i18n/i18n.js';
import { defineHost, failingAdapter, hangingAdapter, place, removePlaced } from '../../testing/index.js';
import { UploadQueue, type UploadDeps } from './upload-queue.js';

// The elements that pick files add this text when their code loads; here none does.
addMessages(attachments);
const i18n = createI18n('en-US');
const LIMITS: Limits = { ...demoSchema.limits, maxAttachmentBytes: 10, maxAttachmentsPerMessage: 2 };

class QueueHost extends ReactiveElement {
  changes = 0;
  readonly queue = new UploadQueue(this, () => this.changes++);
}
defineHost(QueueHost);
afterEach(removePlaced);

const file = (name: string, size = 1, type = 'text/plain') => new File(['x'.repeat(size)], name, { type });
function depsFor(adapter: CaseAdapter = new MemoryAdapter({ storage: null }), reported: string[] = []): UploadDeps {
  return { adapter, limits: LIMITS, i18n, report: (_e, operation) => (reported.push(operation), 'Upload failed.') };
}
const states = (q: UploadQueue) => q.items.map((f) => `${f.name}:${f.state}`);

describe('UploadQueue', () => {
  it('refuses what breaks the limits before a byte is sent, and uploads the rest at once', async () => {
    const host = place(new QueueHost());
    const q = host.queue;
    q.add([file('big.txt', 11), file('page.html', 1, 'text/html'), file('a.txt'), file('b.txt'), file('c.txt')], depsFor());
    expect(states(q)).to.deep.equal(['big.txt:refused', 'page.html:refused', 'a.txt:uploading', 'b.txt:uploading', 'c.txt:refused']);
    expect(q.items.map((f) => !!f.message), 'each refusal says why').to.deep.equal([true, true, false, false, true]);
    expect(q.items[4]!.message).to.contain('2');
    expect(q.block).to.equal('uploading');
    expect(host.changes).to.equal(1);
    await waitUntil(() => q.uploaded.length === 2, 'both accepted files upload');
    expect(q.block).to.equal(null);
    expect(q.attachmentIds).to.have.length(2);
  });

  it('blocks a send while an upload failed, and a retry uploads it again', async () => {
    const reported: string[] = [];
    const { adapter, calls } = failingAdapter(new MemoryAdapter({ storage: null }), 'uploadAttachment', { times: 1 });
    const q = place(new QueueHost()).queue;
    q.add([file('a.txt')], depsFor(adapter, reported));
    await waitUntil(() => q.items[0]!.state === 'failed', 'the upload fails');
    expect(q.block).to.equal('unsent');
    expect(q.items[0]!.message).to.equal('Upload failed.');
    expect(reported).to.deep.equal(['uploadAttachment']);
    q.retry(q.items[0]!.id, depsFor(adapter, reported));
    await waitUntil(() => q.items[0]!.state === 'uploaded', 'the retry uploads');
    expect(calls).to.have.length(2);
  });

  it('uploads each file under its own key, the same for every attempt, kept in the draft while unfinished', async () => {
    const { adapter, calls } = failingAdapter(new MemoryAdapter({ storage: null }), 'uploadAttachment', { times: 2 });
    const q = place(new QueueHost()).queue;
    const picked = new File(['x'], 'a.txt', { type: 'text/plain', lastModified: 1000 });
    q.add([picked, file('b.txt')], depsFor(adapter));
    await waitUntil(() => q.items.every((f) => f.state === 'failed'), 'both fail');
    const [a, b] = calls.map((c) => c.idempotencyKey);
    expect(a).to.be.a('string').and.not.equal(b);
    q.retry(q.items[0]!.id, depsFor(adapter));
    await waitUntil(() => q.items[0]!.state === 'uploaded', 'the retry uploads');
    expect(calls[2]!.idempotencyKey, 'the retry of a.txt').to.equal(a);

    // A reload: the unfinished b.txt keeps its key in the draft; the very file picked again reuses it.
    const saved = q.saved();
    expect(saved[1]).to.include({ name: 'b.txt', key: b });
    const again = place(new QueueHost()).queue;
    again.restore(saved, i18n);
    const { adapter: ok, calls: later } = failingAdapter(new MemoryAdapter({ storage: null }), 'uploadAttachment', { times: 0 });
    const pickedAgain = new File(['x'], 'b.txt', { type: 'text/plain', lastModified: saved[1]!.lastModified! });
    again.add([pickedAgain], depsFor(ok));
    expect(later[0]!.idempotencyKey).to.equal(b);
    // Another file of the same name and size (another modification time) is another upload.
    again.restore([{ ...saved[1]!, key: 'old-key', lastModified: 1 }], i18n);
    again.add([new File(['y'], 'b.txt', { type: 'text/plain', lastModified: 2 })], depsFor(ok));
    expect(later[1]!.idempotencyKey).to.not.equal('old-key');
  });

  it('cancels an upload when its file is removed or the queue is reset', async () => {
    const adapter = hangingAdapter(new MemoryAdapter({ storage: null }), 'uploadAttachment');
    const q = place(new QueueHost()).queue;
    q.add([file('a.txt'), file('b.txt')], depsFor(adapter));
    const [a, b] = q.items;
    const aborts = [a!.abort!.signal, b!.abort!.signal];
    q.remove(a!.id);
    expect(aborts[0]!.aborted).to.equal(true);
    expect(states(q)).to.deep.equal(['b.txt:uploading']);
    q.reset();
    expect(aborts[1]!.aborted).to.equal(true);
    expect(q.items).to.deep.equal([]);
  });

  it('after a send, forgets the sent files and the refusals, keeps the rest', async () => {
    const q = place(new QueueHost()).queue;
    q.add([file('a.txt'), file('big.txt', 11)], depsFor());
    await waitUntil(() => q.uploaded.length === 1, 'it uploads');
    const sent = q.attachmentIds;
    q.add([file('b.txt')], depsFor());
    await waitUntil(() => q.uploaded.length === 2, 'the second uploads');
    q.clearSent(sent);
    expect(states(q)).to.deep.equal(['b.txt:uploaded']);
  });

  it('saves finished uploads whole and the rest by name; restored, those are to be picked again, and picking one takes its place', async () => {
    const adapter = hangingAdapter(new MemoryAdapter({ storage: null }), 'uploadAttachment');
    const first = place(new QueueHost()).queue;
    first.restore([{ name: 'done.txt', size: 1, type: 'text/plain', attachment: { id: 'att-1', name: 'done.txt', type: 'text/plain', size: 1, url: 'data:,x' } }], i18n);
    first.add([file('later.txt'), file('big.txt', 11)], depsFor(adapter));
    const saved = first.saved();
    expect(saved.map((s) => [s.name, !!s.attachment])).to.deep.equal([
      ['done.txt', true],
      ['later.txt', false],
    ]);

    const again = place(new QueueHost()).queue;
    again.restore(saved, i18n);
    expect(states(again)).to.deep.equal(['done.txt:uploaded', 'later.txt:missing']);
    expect(again.block).to.equal('unsent');
    expect(again.items[1]!.message).to.not.equal(undefined);
    again.add([file('later.txt')], depsFor(adapter));
    expect(states(again)).to.deep.equal(['done.txt:uploaded', 'later.txt:uploading']);
  });
});
