/**
 * Issue 12, defect 1: a server that takes the request and never answers. Before, "Loading cases…"
 * and "Sending…" stayed for as long as one waited (seen past 29 s). Now every call has a deadline:
 * then the generic "not answering" message, a retry, the draft kept, and a write's retry under the
 * same idempotency key, so the message the slow server did make is not made twice.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http } from 'msw';
import '@case-portal/elements/define/case-list.js';
import '@case-portal/elements/define/case-thread.js';
import type { CaseList, CaseThread } from '@case-portal/elements';
import { en } from '../../packages/elements/src/i18n/en.js';
import { memoryStorage, typeInto, waitFor } from '../../packages/elements/src/testing/index.js';
import { OPEN_CASE, allMessages } from '../../packages/elements/src/testing/case-thread.js';
import { BASE, backend, errorText, eventually, gate, now, openGates, startWorker, stopWorker } from './support.js';

const NOT_ANSWERING = en['error.timeout'] as string;
const CHANGED = en['error.conflict'] as string;

before(async function () {
  this.timeout(20_000);
  await startWorker();
});
afterEach(openGates);
after(stopWorker);

describe('a server that never answers: the list', () => {
  it('shows "Loading cases…", then the not-answering message with Retry, and loads on Retry', async function () {
    this.timeout(10_000);
    const held = gate();
    let hang = true;
    const b = backend([
      http.get(`${BASE}/cases`, async () => {
        if (hang) await held.wait;
        return undefined;
      }),
    ]);
    const el = await fixture<CaseList>(html`<case-list .adapter=${b.rest({ readTimeoutMs: 400 })} .now=${now}></case-list>`);
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('[part~="loading"]')?.textContent?.includes('Loading cases…'), 'Loading cases…');
    await waitFor(() => errorText(root), 'the not-answering message', { timeout: 3000 });
    expect(errorText(root)).to.equal(NOT_ANSWERING);
    const retry = root.querySelector<HTMLButtonElement>('[part~="error"] [part~="retry"]')!;
    expect(retry.disabled).to.equal(false);
    expect(root.querySelector('[part~="error"]')!.getAttribute('role')).to.equal('alert');

    hang = false;
    held.open();
    retry.click();
    await waitFor(() => root.querySelector('tbody tr [part~="open"]'), 'rows after Retry');
    expect(errorText(root)).to.equal('');
    expect(b.sent('GET', '/cases')).to.have.length(2);
    await expect(el).to.be.accessible();
    b.api.dispose();
  });
});

describe('a server that never answers: a reply', () => {
  async function thread(writeTimeoutMs: number) {
    const held = gate();
    const b = backend([], { beforeWrite: () => held.wait });
    const storage = memoryStorage();
    const el = await fixture<CaseThread>(
      html`<case-thread .adapter=${b.rest({ writeTimeoutMs })} .now=${now} .draftStorage=${storage} case-id=${OPEN_CASE}></case-thread>`,
    );
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('#reply'), 'composer');
    return { b, held, el, root, storage };
  }

  it('fails "Sending…" with the not-answering message, keeps the draft, and the retry sends the same key once', async function () {
    this.timeout(10_000);
    const { b, held, el, root, storage } = await thread(500);
    typeInto(root.querySelector<HTMLTextAreaElement>('#reply')!, 'Is there any news?');
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="sending"]'), 'Sending…');
    expect(root.querySelector('[part~="send-status"]')!.textContent).to.contain('Sending');
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="failed"]'), 'failed after the deadline', { timeout: 3000 });
    expect(root.querySelector('[part~="send-error"]')!.textContent).to.contain(NOT_ANSWERING);
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value, 'the draft stays in the composer').to.equal('Is there any news?');
    expect(storage.length).to.equal(1);
    expect(JSON.parse(storage.getItem(storage.key(0)!)!).body, 'and in storage').to.equal('Is there any news?');

    // The slow server finishes the first attempt after the customer gave up on it.
    held.open();
    await eventually(async () => (await allMessages(b.data, OPEN_CASE)).some((m) => m.body === 'Is there any news?'), 'the server made it');
    root.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitFor(() => !root.querySelector('[part~="message-outgoing"]'), 'the retry is confirmed');
    const posts = b.sent('POST', '/messages');
    expect(posts).to.have.length(2);
    expect(posts[1]!.key, 'the same request, the same key').to.equal(posts[0]!.key);
    expect((await allMessages(b.data, OPEN_CASE)).filter((m) => m.body === 'Is there any news?'), 'one message, not two').to.have.length(1);
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('');
    el.remove();
    b.api.dispose();
  });

  it('a retry while the first attempt still runs (409 in flight) says "not answering", not "the case changed"', async function () {
    this.timeout(10_000);
    const { b, held, el, root } = await thread(400);
    typeInto(root.querySelector<HTMLTextAreaElement>('#reply')!, 'Still there?');
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="failed"]'), 'failed after the deadline', { timeout: 3000 });

    // Retry at once: the server still runs the first attempt and answers 409 for its key.
    root.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitFor(() => b.sent('POST', '/messages').length === 2, 'the retry went out');
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="failed"]'), 'failed again');
    const shown = root.querySelector('[part~="send-error"]')!.textContent!;
    expect(shown).to.contain(NOT_ANSWERING);
    expect(shown).to.not.contain(CHANGED);
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('Still there?');

    held.open();
    await eventually(async () => (await allMessages(b.data, OPEN_CASE)).some((m) => m.body === 'Still there?'), 'the server made it');
    root.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await waitFor(() => !root.querySelector('[part~="message-outgoing"]'), 'confirmed');
    expect(new Set(b.sent('POST', '/messages').map((r) => r.key)).size, 'one key for all three attempts').to.equal(1);
    expect((await allMessages(b.data, OPEN_CASE)).filter((m) => m.body === 'Still there?')).to.have.length(1);
    el.remove();
    b.api.dispose();
  });
});
