/**
 * The Outbox alone, on a bare ReactiveElement host (no thread, no rendering): drafts per viewer
 * and case, optimistic items, idempotency keys, retry, and a live echo of our own send.
 */
import { expect } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { DEFAULT_VIEWER_ID, seededCaseId } from '@case-portal/adapter-memory';
import type { CaseAdapter, Message } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import { UploadQueue } from '../shared/attachments/upload-queue.js';
import { draftKey } from '../shared/drafts.js';
import { Outbox, type OutboxTarget } from './outbox.js';
import type { OutgoingKind } from './messages.js';
import { deferred, failingAdapter, memoryStorage, wrapAdapter } from '../testing/index.js';
import { memory, now } from '../testing/case-thread.js';

const i18n = createI18n('en-US');
const CASE = seededCaseId(5);
const OTHER_CASE = seededCaseId(1);

class OutboxHost extends ReactiveElement {
  target?: OutboxTarget;
  storage: Storage | null = memoryStorage();
  failures: string[] = [];
  announced: string[] = [];
  delivered: { kind: OutgoingKind; message: Message }[] = [];
  restoredDrafts = 0;
  readonly files = new UploadQueue(this, () => this.outbox.saveFiles());
  readonly outbox = new Outbox(this, {
    target: () => this.target,
    storage: () => this.storage,
    now,
    t: (key, params) => i18n.t(key, params),
    failureText: (_error, operation) => {
      this.failures.push(operation);
      return i18n.t('error.network');
    },
    replyFiles: this.files,
    announce: (text) => this.announced.push(text),
    focusInput: () => {},
    restored: () => this.restoredDrafts++,
    delivered: (kind, message) => this.delivered.push({ kind, message }),
  });
}
customElements.define('test-outbox-host', OutboxHost);

const hosts: OutboxHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.remove();
});

/** A host on the page whose outbox sends to `adapter`, for `caseId`. */
async function outboxFor(adapter: CaseAdapter, caseId = CASE, storage?: Storage | null): Promise<OutboxHost> {
  const host = new OutboxHost();
  if (storage !== undefined) host.storage = storage;
  host.target = { adapter, viewerId: DEFAULT_VIEWER_ID, caseId };
  document.body.append(host);
  hosts.push(host);
  await host.updateComplete;
  return host;
}

async function retarget(host: OutboxHost, caseId: string): Promise<void> {
  host.target = { ...host.target!, caseId };
  host.requestUpdate();
  await host.updateComplete;
}

async function countMessages(adapter: CaseAdapter, caseId: string, body: string): Promise<number> {
  const page = await adapter.listMessages(caseId, { limit: 200 });
  return page.items.filter((m) => m.body === body).length;
}

describe('Outbox', () => {
  it('shows a message as sending at once, then hands the backend’s message over and starts a new draft', async () => {
    const adapter = memory();
    const gate = deferred();
    const slow = wrapAdapter(adapter, {
      async postMessage(...args) {
        await gate.promise;
        return adapter.postMessage(...args);
      },
    });
    const host = await outboxFor(slow);
    host.outbox.input('comment', 'The printer is fine now.');
    const key = host.outbox.draft('comment').key;
    const sent = host.outbox.send('comment');
    expect(host.outbox.items.map((o) => [o.state, o.key, o.body])).to.deep.equal([['sending', key, 'The printer is fine now.']]);
    expect(host.outbox.isSending('comment')).to.equal(true);
    gate.resolve();
    await sent;
    expect(host.outbox.items).to.deep.equal([]);
    expect(host.delivered.map((d) => [d.kind, d.message.body])).to.deep.equal([['comment', 'The printer is fine now.']]);
    expect(host.outbox.draft('comment').body).to.equal('');
    expect(host.outbox.draft('comment').key, 'a new draft, a new key').to.not.equal(key);
    expect(host.storage!.getItem(draftKey('reply', DEFAULT_VIEWER_ID, CASE))).to.equal(null);
    expect(host.announced.at(-1)).to.equal(i18n.t('thread.announce.sent'));
  });

  it('keeps the draft and a failed item on failure; a retry sends once, with the same key', async () => {
    const base = memory();
    const { adapter, calls } = failingAdapter(base, 'postMessage', { times: 1, afterCommit: true });
    const host = await outboxFor(adapter);
    host.outbox.input('comment', 'Lost answer');
    await host.outbox.send('comment');
    const [failed] = host.outbox.items;
    expect(failed!.state).to.equal('failed');
    expect(host.outbox.error('comment')).to.equal(i18n.t('error.network'));
    expect(host.failures).to.deep.equal(['postMessage']);
    expect(host.outbox.draft('comment').body).to.equal('Lost answer');
    await host.outbox.retry(failed!);
    expect(calls.map((c) => c.idempotencyKey)).to.deep.equal([failed!.key, failed!.key]);
    expect(await countMessages(base, CASE, 'Lost answer')).to.equal(1);
    expect(host.outbox.items).to.deep.equal([]);
  });

  it('sends edited text after a failure under a new key (another request); the same text keeps its key, also after a reload', async () => {
    const base = memory();
    const storage = memoryStorage();
    const { adapter, calls } = failingAdapter(base, 'postMessage', { times: 2, code: 'validation' });
    const host = await outboxFor(adapter, CASE, storage);
    host.outbox.input('comment', 'First words');
    await host.outbox.send('comment');
    await host.outbox.send('comment');
    expect(calls[1]!.idempotencyKey, 'the same text: the same request').to.equal(calls[0]!.idempotencyKey);
    // A reload keeps what was sent under the key, so the same text still goes under it.
    const again = await outboxFor(adapter, CASE, storage);
    expect(again.outbox.draft('comment')).to.deep.include({ body: 'First words', key: calls[0]!.idempotencyKey });
    again.outbox.input('comment', 'Better words');
    await again.outbox.send('comment');
    expect(calls[2]!.idempotencyKey, 'edited: another request').to.not.equal(calls[0]!.idempotencyKey);
    expect(again.outbox.items, 'the earlier failed attempt is replaced, not left beside it').to.have.length(0);
    expect(await countMessages(base, CASE, 'Better words')).to.equal(1);
  });

  it('says why an empty message does not go, and sends nothing', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'postMessage', { times: 0 });
    const host = await outboxFor(adapter);
    await host.outbox.send('comment');
    expect(host.outbox.error('comment')).to.equal(i18n.t('thread.composer.empty'));
    expect(calls).to.have.length(0);
  });

  it('keeps drafts per viewer and case in storage, and brings them back', async () => {
    const storage = memoryStorage();
    const adapter = memory();
    const host = await outboxFor(adapter, CASE, storage);
    host.outbox.input('comment', 'Half a reply');
    host.outbox.input('complaint', 'Half a complaint');
    const key = host.outbox.draft('comment').key;
    await retarget(host, OTHER_CASE);
    expect(host.outbox.draft('comment').body, 'another case, another draft').to.equal('');
    await retarget(host, CASE);
    expect(host.outbox.draft('comment')).to.deep.include({ body: 'Half a reply', key });
    expect(host.outbox.draft('complaint').body).to.equal('Half a complaint');
    expect(host.restoredDrafts).to.equal(3);
    // A new page (a reload) finds them too.
    const again = await outboxFor(adapter, CASE, storage);
    expect(again.outbox.draft('comment').key).to.equal(key);
  });

  it('drops what failed when the case changes', async () => {
    const { adapter } = failingAdapter(memory(), 'postMessage');
    const host = await outboxFor(adapter, CASE, null);
    host.outbox.input('comment', 'Fails');
    await host.outbox.send('comment');
    expect(host.outbox.items).to.have.length(1);
    await retarget(host, OTHER_CASE);
    expect(host.outbox.items).to.deep.equal([]);
    expect(host.outbox.error('comment')).to.equal('');
  });

  it('takes a live echo of our own send as delivered, and nobody else’s', async () => {
    const gate = deferred();
    const adapter = wrapAdapter(memory(), { postMessage: () => gate.promise.then(() => new Promise<Message>(() => {})) });
    const host = await outboxFor(adapter, CASE, null);
    host.outbox.input('comment', 'Echo  me');
    void host.outbox.send('comment');
    const echo = { id: 'm-echo', caseId: CASE, kind: 'comment', body: 'Echo me', public: true } as Message;
    expect(host.outbox.confirm(echo, false), 'someone else wrote the same').to.equal(false);
    expect(host.outbox.confirm(echo, true)).to.equal(true);
    expect(host.outbox.items).to.deep.equal([]);
  });

  it('waits for uploading files and refuses files that failed', async () => {
    const host = await outboxFor(memory(), CASE, null);
    host.files.restore([{ name: 'scan.pdf', size: 10, type: 'application/pdf' }], i18n); // from a draft: missing
    host.outbox.input('comment', 'With a file');
    await host.outbox.send('comment');
    expect(host.outbox.error('comment')).to.equal(i18n.t('thread.composer.fixFiles'));
    expect(host.outbox.items).to.deep.equal([]);
  });
});
