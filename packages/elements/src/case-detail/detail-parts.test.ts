/** What the case view loads beside the case (CaseExtras) and its "Add files" (FileAdder), each alone on a bare ReactiveElement host. */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseRecord } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import type { UploadDeps } from '../shared/attachments/upload-queue.js';
import { defineHost, failingAdapter, place, removePlaced, wrapAdapter } from '../testing/index.js';
import { CaseExtras, RELATED_MAX } from './case-extras.js';
import { FileAdder } from './add-files.js';

const i18n = createI18n('en-US');
afterEach(removePlaced);

async function backend(): Promise<{ data: MemoryAdapter; record: CaseRecord }> {
  const data = new MemoryAdapter({ storage: null });
  const record = await data.createCase({ subject: 'Printer', description: 'x', fields: { product: 'router-x200' } });
  return { data, record };
}

/** The adapter with each call counted by method and case id. */
function counting(base: CaseAdapter): { adapter: CaseAdapter; calls: string[] } {
  const calls: string[] = [];
  const adapter = wrapAdapter(base, {
    listHistory: (id, opts) => (calls.push(`listHistory ${id}`), base.listHistory(id, opts)),
    listFiles: (id, opts) => (calls.push(`listFiles ${id}`), base.listFiles(id, opts)),
    getCase: (id, opts) => (calls.push(`getCase ${id}`), base.getCase(id, opts)),
  });
  return { adapter, calls };
}

class ExtrasHost extends ReactiveElement {
  adapter?: CaseAdapter;
  record?: CaseRecord;
  readonly extras = new CaseExtras(this, () => ({ adapter: this.adapter, record: this.record }));
}
defineHost(ExtrasHost);

describe('CaseExtras', () => {
  it('loads history, files and related cases for the case, again only when its version changes', async () => {
    const { data, record } = await backend();
    const { adapter, calls } = counting(data);
    const host = new ExtrasHost();
    host.adapter = adapter;
    host.record = record;
    place(host);
    await waitUntil(() => host.extras.history.value && host.extras.files.value, 'history and files load');
    expect(calls.sort()).to.deep.equal([`listFiles ${record.id}`, `listHistory ${record.id}`]);

    host.record = { ...record };
    host.requestUpdate();
    await host.updateComplete;
    expect(calls, 'same version: nothing reloads').to.have.length(2);

    const changed = await data.transition(record.id, 'close', { reason: 'solved' });
    host.record = changed;
    host.requestUpdate();
    await waitUntil(() => calls.length === 4, 'a new version reloads history and files');
    await waitUntil(() => host.extras.history.value!.length > 0, 'the new history');
  });

  it(`names a related case it may not read by id only, and loads at most ${RELATED_MAX}`, async () => {
    const { data, record } = await backend();
    const { adapter, calls } = counting(data);
    const host = new ExtrasHost();
    host.adapter = adapter;
    const ids = [record.id, ...Array.from({ length: RELATED_MAX + 4 }, (_, i) => `not-yours-${i}`)];
    host.record = { ...record, relatedIds: ids };
    place(host);
    await waitUntil(() => host.extras.related.value?.length, 'related cases load');
    const related = host.extras.related.value!;
    expect(related).to.have.length(RELATED_MAX);
    expect(related[0]!.record?.subject).to.equal('Printer');
    expect(related[1]).to.deep.equal({ id: 'not-yours-0', record: null });
    expect(calls.filter((c) => c.startsWith('getCase'))).to.have.length(RELATED_MAX);
  });

  it('loads nothing without an adapter or a case', async () => {
    const host = place(new ExtrasHost());
    await host.updateComplete;
    await host.extras.related.taskComplete;
    expect(host.extras.history.value).to.equal(undefined);
    expect(host.extras.related.value).to.deep.equal([]);
  });
});

class AdderHost extends ReactiveElement {
  readonly files = new FileAdder(this);
}
defineHost(AdderHost);

describe('FileAdder', () => {
  const deps = (adapter: CaseAdapter, reported: string[] = []): UploadDeps => ({
    adapter,
    limits: demoSchema.limits,
    i18n,
    report: (_e, operation) => (reported.push(operation), 'It did not work.'),
  });
  const file = (name: string) => new File(['x'], name, { type: 'text/plain' });

  it('attaches what was uploaded in one call, keeping its key for a retry after a failure', async () => {
    const { data, record } = await backend();
    const { adapter, calls } = failingAdapter(data, 'addFiles', { times: 1 });
    const reported: string[] = [];
    const host = place(new AdderHost());
    host.files.add([file('a.txt'), file('b.txt')], deps(adapter, reported));
    expect(host.files.uploading).to.equal(true);
    await waitUntil(() => host.files.ready.length === 2, 'both upload');
    expect(await host.files.attach(record.id, deps(adapter, reported))).to.equal(undefined);
    expect(host.files.error).to.equal('It did not work.');
    expect(reported).to.deep.equal(['addFiles']);

    const updated = await host.files.attach(record.id, deps(adapter, reported));
    expect(updated!.attachments.map((a) => a.name).sort()).to.deep.equal(['a.txt', 'b.txt']);
    expect(calls).to.have.length(2);
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
    expect(host.files.queue.items).to.deep.equal([]);
    expect(host.files.error).to.equal('');

    host.files.add([file('c.txt')], deps(adapter));
    await waitUntil(() => host.files.ready.length === 1, 'the next file uploads');
    await host.files.attach(record.id, deps(adapter));
    expect(calls[2]!.idempotencyKey, 'a new key after a success').to.not.equal(calls[0]!.idempotencyKey);
  });

  it('attaches nothing while no file is uploaded, and forgets what was picked for another case', async () => {
    const { data, record } = await backend();
    const { adapter, calls } = failingAdapter(data, 'addFiles', { times: 0 });
    const host = place(new AdderHost());
    expect(await host.files.attach(record.id, deps(adapter))).to.equal(undefined);
    host.files.add([file('a.txt')], deps(adapter));
    await waitUntil(() => host.files.ready.length === 1, 'it uploads');
    host.files.reset();
    expect(host.files.queue.items).to.deep.equal([]);
    expect(await host.files.attach(record.id, deps(adapter))).to.equal(undefined);
    expect(calls).to.have.length(0);
  });
});
