/**
 * The conversation as it changes: messages from another tab and from the help desk arrive without
 * a reload (memory adapter across instances, REST by polling through msw), are announced, and
 * never move what the customer is reading or typing. Also the filter, channels and times.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { AdapterEvent, MessageQuery } from '@case-portal/core';
import { MemoryAdapter, MemoryStorage } from '@case-portal/adapter-memory';
import { RestAdapter } from '@case-portal/adapter-rest';
import type { SetupWorker } from 'msw/browser';
import { startMockWorker } from '../../../../test/mocks/browser.js';
import { createMockApi } from '../../../../test/mocks/handlers.js';
import { CaseThread } from './case-thread.js';
import { typeInto, wrapAdapter } from '../testing/index.js';
import { $, $$, LONG_CASE, NOW, OPEN_CASE, PENDING_CASE, allMessages, memory, mount, now, withExtraMessages, message } from '../testing/case-thread.js';

const announced = (el: CaseThread) => $(el, '[part~="announcer"]')!.textContent ?? '';
const ids = (el: CaseThread) => $$(el, '[part~="list"] > li').map((li) => li.dataset['id'] ?? li.dataset['key']);

let storageKeys = 0;
/** Two adapters on one storage key: two tabs of the same customer. */
function twoTabs(): { here: MemoryAdapter; there: MemoryAdapter; dispose(): void } {
  const storage = new MemoryStorage();
  const storageKey = `thread-live-test-${Date.now()}-${storageKeys++}`;
  const here = new MemoryAdapter({ storage, storageKey, now });
  const there = new MemoryAdapter({ storage, storageKey, now });
  return { here, there, dispose: () => (here.dispose(), there.dispose()) };
}

let worker: SetupWorker | undefined;
before(async function () {
  // Installing msw's service worker waits for its claim: seconds on a loaded 2-core machine.
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async () => {
  await worker?.stop();
});
afterEach(() => {
  for (const el of document.querySelectorAll('case-thread')) el.remove();
  window.scrollTo(0, 0);
});

describe('case-thread live updates', () => {
  it('shows a message posted in another tab, without a reload', async () => {
    const tabs = twoTabs();
    const el = await mount(tabs.here, OPEN_CASE, null);
    const sent = await tabs.there.postMessage(OPEN_CASE, { body: 'Written in the other tab.' });
    await waitUntil(() => $(el, `li[data-id="${sent.id}"]`), 'the other tab’s message appears');
    expect($(el, `li[data-id="${sent.id}"]`)!.textContent).to.contain('Written in the other tab.');
    expect(announced(el)).to.contain('Your message from another window was added.');
    tabs.dispose();
  });

  it('shows and announces an agent’s reply, and the composer follows the new status', async () => {
    const tabs = twoTabs();
    const el = await mount(tabs.here, OPEN_CASE, null);
    const reply = await tabs.there.agentReply(OPEN_CASE, 'Please restart the router and tell us what happens.');
    await waitUntil(() => $(el, `li[data-id="${reply.id}"]`), 'the reply appears');
    expect(announced(el)).to.contain(`New message from ${reply.author.name}.`);
    expect($(el, `li[data-id="${reply.id}"] [part~="role-badge"]`)!.textContent).to.contain('Support');
    // The status change arrives too, as a line of its own.
    await waitUntil(() => $$(el, '[part~="event"]').some((li) => li.textContent!.includes('Awaiting your reply')), 'status line');
    tabs.dispose();
  });

  it('follows a REST backend live (its event stream, through msw) and shows a new message', async () => {
    const data = new MemoryAdapter({ storage: null, now });
    const api = createMockApi({ adapter: data });
    worker!.resetHandlers(...api.handlers);
    const rest = new RestAdapter({ baseUrl: '/api/portal', pollIntervalMs: 50, pollWhenHidden: true });
    const el = await mount(rest, OPEN_CASE, null);
    await new Promise((r) => setTimeout(r, 150)); // the stream's ready marks "now"
    const reply = await data.agentReply(OPEN_CASE, 'Answered by the help desk.', { kind: 'email' });
    await waitUntil(() => $(el, `li[data-id="${reply.id}"]`), 'the polled reply appears', { timeout: 3000 });
    expect($(el, `li[data-id="${reply.id}"] [part~="kind-badge"]`)!.textContent).to.contain('Email');
    el.remove();
    api.dispose();
  });

  it('reloads its messages on a reset (live updates missed some), without showing any twice', async () => {
    const base = memory();
    let emit: ((e: AdapterEvent) => void) | undefined;
    // Live events never reach the element here except the reset the test sends.
    const adapter = wrapAdapter(base, {
      subscribe: (_target, onEvent) => {
        emit = onEvent;
        return () => (emit = undefined);
      },
    });
    const el = await mount(adapter, OPEN_CASE, null);
    const before = ids(el);
    const missed = await base.agentReply(OPEN_CASE, 'Sent while the connection was away.');
    await new Promise((r) => setTimeout(r, 50));
    expect($(el, `li[data-id="${missed.id}"]`), 'not shown before the reset').to.equal(null);
    emit!({ type: 'reset', caseId: OPEN_CASE });
    await waitUntil(() => $(el, `li[data-id="${missed.id}"]`), 'the missed message after the reset');
    const after = ids(el);
    expect(after).to.include.members(before);
    expect(new Set(after).size).to.equal(after.length);
  });

  it('never shows the same message twice when its own send is reported live', async () => {
    const adapter = memory();
    const el = await mount(adapter, OPEN_CASE, null);
    typeInto($<HTMLTextAreaElement>(el, '#reply')!, 'Only once, please.');
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => !$(el, '[part~="message-outgoing"]'), 'sent');
    await el.updateComplete;
    expect($$(el, '[part~="list"] > li').filter((li) => li.textContent!.includes('Only once, please.'))).to.have.length(1);
  });

  it('keeps the composer where it was while the customer types', async () => {
    const tabs = twoTabs();
    const el = await mount(tabs.here, LONG_CASE, null);
    const textarea = $<HTMLTextAreaElement>(el, '#reply')!;
    textarea.scrollIntoView({ block: 'center' });
    textarea.focus();
    const before = textarea.getBoundingClientRect().top;
    const reply = await tabs.there.agentReply(LONG_CASE, 'A long answer.\n\nWith several paragraphs.\n\nAnd a third one.');
    await waitUntil(() => $(el, `li[data-id="${reply.id}"]`), 'the reply appears');
    // No animation frames here: background test tabs get none. The correction runs after the update.
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 50));
    expect(Math.abs(textarea.getBoundingClientRect().top - before)).to.be.lessThan(2);
    tabs.dispose();
  });

  it('offers a button to new messages below the view, which moves focus to them', async () => {
    const tabs = twoTabs();
    const el = await mount(tabs.here, LONG_CASE, null);
    window.scrollTo(0, 0);
    const tall = el.getBoundingClientRect().height > window.innerHeight;
    expect(tall, 'the long thread is taller than the window').to.equal(true);
    const reply = await tabs.there.agentReply(LONG_CASE, 'Below the fold.');
    await waitUntil(() => $(el, '[part~="new-messages"]'), 'new-messages button');
    expect($(el, '[part~="new-messages"]')!.textContent).to.contain('1 new message');
    $(el, '[part~="new-messages"]')!.click();
    await el.updateComplete;
    const article = $(el, `li[data-id="${reply.id}"] article`)!;
    expect(el.shadowRoot!.activeElement).to.equal(article);
    expect($(el, '[part~="new-messages"]')).to.equal(null);
    tabs.dispose();
  });
});

describe('case-thread filter, channels and times', () => {
  const mixed = () =>
    withExtraMessages(memory(), [
      message({ id: 'e1', kind: 'email', body: 'Sent by email.', channel: 'email', createdAt: '2025-03-10T11:10:00Z' }),
      message({ id: 'c1', kind: 'comment', body: 'Typed on the phone line.', channel: 'phone', createdAt: '2025-03-10T11:20:00Z' }),
    ]);

  it('filters all / comments / emails and says what it shows', async () => {
    const el = await mount(mixed(), PENDING_CASE, null);
    const all = ids(el);
    expect(all).to.include.members(['e1', 'c1']);
    const radio = (v: string) => $<HTMLInputElement>(el, `[part~="filter"] input[value="${v}"]`)!;
    expect(radio('all').checked).to.equal(true);

    const kinds = new Map($$(el, '[part~="list"] > li').map((li) => [li.dataset['id'], li.querySelector('article')?.dataset['kind']]));
    const emails = all.filter((id) => kinds.get(id) === 'email');
    expect(emails).to.include('e1');
    radio('emails').click();
    await waitUntil(() => ids(el).every((id) => emails.includes(id!)), 'only emails');
    expect(ids(el)).to.deep.equal(emails);
    expect(announced(el)).to.equal(`Showing ${emails.length} email${emails.length === 1 ? '' : 's'}.`);

    radio('comments').click();
    await waitUntil(() => ids(el).includes('c1'), 'the comments');
    expect(ids(el).some((id) => kinds.get(id) === 'email' || kinds.get(id) === undefined)).to.equal(false);
    expect($$(el, '[part~="event"]')).to.have.length(0);

    radio('all').click();
    await waitUntil(() => ids(el).length === all.length, 'everything again');
    expect(ids(el)).to.deep.equal(all);
    await expect(el).to.be.accessible();
  });

  it('says so when the conversation has none of the kind, and keeps the filter in place', async () => {
    const base = memory();
    const onlyComments = wrapAdapter(base, {
      // An adapter that ignores the filter: the thread still shows no comment under "Emails".
      listMessages: async () => ({ items: [message({ id: 'c1', body: 'Hello' })], total: 1, nextCursor: null }),
    });
    const el = await mount(onlyComments, OPEN_CASE, null);
    $<HTMLInputElement>(el, '[part~="filter"] input[value="emails"]')!.click();
    await waitUntil(() => $(el, '[part~="empty"]'), 'the empty line');
    expect($(el, '[part~="empty"]')!.textContent).to.contain('No emails in this conversation.');
    expect($<HTMLInputElement>(el, '[part~="filter"] input[value="emails"]')!.checked).to.equal(true);
  });

  it('finds emails on older pages by asking the adapter for them (issue 13, defect 5)', async () => {
    const base = memory();
    const queries: (MessageQuery | undefined)[] = [];
    const recording = wrapAdapter(base, {
      listMessages: (caseId, query, opts) => (queries.push(query), base.listMessages(caseId, query, opts)),
    });
    const el = await mount(recording, LONG_CASE, null);
    expect($(el, '[part~="load-older"]'), 'the conversation has older pages').to.not.equal(null);
    const emails = (await allMessages(base, LONG_CASE)).filter((m) => m.kind === 'email').map((m) => m.id);
    expect(emails.length).to.be.greaterThan(0);
    expect(ids(el).some((id) => emails.includes(id!)), 'no email on the newest page').to.equal(false);

    $<HTMLInputElement>(el, '[part~="filter"] input[value="emails"]')!.click();
    await waitUntil(() => ids(el).some((id) => emails.includes(id!)), 'the emails of older pages appear');
    expect(ids(el)).to.deep.equal(emails);
    expect(queries.at(-1)?.kinds).to.deep.equal(['email']);
    expect($(el, '[part~="empty"]')).to.equal(null);
    expect(announced(el)).to.equal(`Showing ${emails.length} email${emails.length === 1 ? '' : 's'}.`);
    await expect(el).to.be.accessible();
  });

  it('shows the channel and gives screen readers the exact time', async () => {
    const el = await mount(mixed(), PENDING_CASE, null);
    const header = $(el, 'li[data-id="c1"] [part~="message-header"]')!;
    expect(header.querySelector('[part~="channel"]')!.textContent).to.equal('via Phone');
    const emailChannel = $(el, 'li[data-id="e1"] [part~="channel"]')!;
    expect(emailChannel.textContent, 'an email says so in its badge').to.equal('');
    expect(getComputedStyle(emailChannel).display).to.equal('none');
    const time = header.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal('2025-03-10T11:20:00Z');
    expect(time.querySelector('[aria-hidden="true"]')!.textContent).to.equal('40 minutes ago');
    const exact = time.querySelector('.visually-hidden')!.textContent!;
    expect(exact).to.equal(time.title);
    expect(exact).to.contain('2025');
  });

  it('keeps relative times current', async () => {
    const original = CaseThread.tickMs;
    CaseThread.tickMs = 30;
    let at = NOW.getTime();
    const el = document.createElement('case-thread') as CaseThread;
    el.adapter = mixed();
    el.now = () => new Date(at);
    el.draftStorage = null;
    el.caseId = PENDING_CASE;
    document.body.append(el);
    await waitUntil(() => $(el, 'li[data-id="c1"] time'), 'loaded');
    const relative = () => $(el, 'li[data-id="c1"] time [aria-hidden="true"]')!.textContent;
    expect(relative()).to.equal('40 minutes ago');
    at += 60 * 60_000;
    await waitUntil(() => relative() !== '40 minutes ago', 'the time moves on');
    expect(relative()).to.equal('2 hours ago');
    CaseThread.tickMs = original;
  });
});

