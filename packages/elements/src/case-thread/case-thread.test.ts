import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { demoSchema, DEMO_PEOPLE } from '@case-portal/adapter-memory';
import type { Message } from '@case-portal/core';
import type { CaseThread } from './case-thread.js';
import type { CaseErrorEvent, CaseMessageSentEvent } from '../events.js';
import { deferred, failingAdapter, typeInto, wrapAdapter } from '../testing/index.js';
import {
  $, $$, CLOSED_CASE, LONG_CASE, OPEN_CASE, PENDING_CASE, allMessages, clearDrafts, memory, message, mount, now,
  ownDraftKeys, text, withExtraMessages,
} from '../testing/case-thread.js';

describe('case-thread', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('shows the conversation oldest first, with author, role and time', async () => {
    const adapter = memory();
    const el = await mount(adapter, PENDING_CASE);
    const expected = (await allMessages(adapter, PENDING_CASE)).filter((m) => m.public);
    const shown = $$(el, '[part~="list"] > li').map((li) => li.dataset['id']);
    expect(shown).to.deep.equal(expected.map((m) => m.id));
    const times = $$<HTMLTimeElement>(el, 'time').map((t) => Date.parse(t.dateTime));
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
    const first = $(el, 'article')!;
    expect(first.querySelector('[part~="author"]')!.textContent).to.equal(expected.find((m) => m.kind !== 'event')!.author.name);
    expect(first.querySelector('time')!.title).to.not.equal('');
    expect(text(el)).to.contain('Support');
  });

  it('shows a status change as a compact line', async () => {
    const adapter = withExtraMessages(memory(), [
      message({
        id: 'ev-1',
        kind: 'event',
        author: { id: 'system', name: 'System', role: 'system' },
        event: { from: demoSchema.statuses[0]!, to: { id: 'resolved', label: 'Resolved', category: 'resolved' } },
      }),
    ]);
    const el = await mount(adapter, OPEN_CASE);
    const line = $(el, 'li[data-id="ev-1"]')!;
    expect(line.getAttribute('part')).to.equal('event');
    expect(line.textContent).to.contain('Status changed to Resolved');
    expect(line.querySelector('article')).to.equal(null);
  });

  it('never shows internal messages, even when the adapter returns them', async () => {
    const internal = message({ id: 'int-1', body: 'INTERNAL NOTE: customer is difficult', public: false });
    const unflagged = { ...message({ id: 'int-2', body: 'UNFLAGGED NOTE' }), public: undefined } as unknown as Message;
    const el = await mount(withExtraMessages(memory(), [internal, unflagged]), OPEN_CASE);
    expect(text(el)).to.not.contain('INTERNAL NOTE');
    expect(text(el)).to.not.contain('UNFLAGGED NOTE');
    expect($(el, '[data-id="int-1"]')).to.equal(null);
  });

  it('renders a hostile body as text and links only safe URLs', async () => {
    (window as unknown as { __pwned?: number }).__pwned = 0;
    const hostile = message({
      id: 'evil',
      body: '<img src=x onerror="window.__pwned=1">\njavascript:alert(1)\nSee https://example.com/help?a=1&b=2. or mailto:help@example.com',
      attachments: [
        { id: 'f1', name: 'report.pdf', size: 2048, type: 'application/pdf', url: '/files/report.pdf' },
        { id: 'f2', name: 'evil.html', size: 10, type: 'text/html', url: 'javascript:alert(2)' },
      ],
    });
    const el = await mount(withExtraMessages(memory(), [hostile]), OPEN_CASE);
    const body = $(el, 'li[data-id="evil"] [part~="message-body"]')!;
    expect(body.querySelector('img')).to.equal(null);
    expect(body.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(body.textContent).to.contain('javascript:alert(1)');
    // Line breaks stay newline characters, shown by the body's white-space rule.
    expect(body.textContent!.split('\n')).to.have.length(3);
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-line');
    const hrefs = [...body.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://example.com/help?a=1&b=2', 'mailto:help@example.com']);
    for (const a of el.shadowRoot!.querySelectorAll('a')) expect(a.getAttribute('href')).to.not.match(/^\s*javascript:/i);
    const files = $$<HTMLAnchorElement>(el, 'li[data-id="evil"] a[part~="attachment"]');
    expect(files.map((a) => a.getAttribute('href'))).to.deep.equal(['/files/report.pdf']);
    expect(files[0]!.hasAttribute('download')).to.equal(true);
    expect($(el, 'li[data-id="evil"] [part~="attachments"]')!.textContent).to.contain('evil.html');
    expect($(el, 'li[data-id="evil"] [part~="attachments"]')!.textContent).to.contain('2 kB');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(0);
  });

  it('shows a reply at once as sending, then as sent, and fires case-message-sent', async () => {
    const base = memory();
    const gate = deferred();
    const adapter = wrapAdapter(base, {
      async postMessage(...args) {
        await gate.promise;
        return base.postMessage(...args);
      },
    });
    const el = await mount(adapter, OPEN_CASE);
    typeInto($<HTMLTextAreaElement>(el, '#reply')!, 'The router reboots every hour.');
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => $(el, '[part~="message-outgoing"]'), 'optimistic message');
    const outgoing = $(el, '[part~="message-outgoing"]')!;
    expect(outgoing.textContent).to.contain('The router reboots every hour.');
    expect(outgoing.querySelector('[part~="send-status"]')!.textContent).to.contain('Sending…');
    expect($<HTMLButtonElement>(el, '[part~="send-button"]')!.disabled).to.equal(true);

    const sent = oneEvent(el, 'case-message-sent') as Promise<CaseMessageSentEvent>;
    gate.resolve();
    const event = await sent;
    expect(event.detail.caseId).to.equal(OPEN_CASE);
    expect(event.detail.message.body).to.equal('The router reboots every hour.');
    await waitUntil(() => !$(el, '[part~="message-outgoing"]'), 'outgoing replaced by the sent message');
    expect($(el, `li[data-id="${event.detail.message.id}"]`)!.textContent).to.contain('The router reboots every hour.');
    expect($<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('');
    expect($(el, '[part~="announcer"]')!.textContent).to.contain('Your message was sent.');
    expect(ownDraftKeys()).to.deep.equal([]);
    const stored = await allMessages(base, OPEN_CASE);
    expect(stored.filter((m) => m.body === 'The router reboots every hour.')).to.have.length(1);
  });

  it('keeps the draft on failure and a retry posts exactly one message with the same key', async () => {
    const base = memory();
    // The first attempt reaches the backend but its answer is lost.
    const { adapter, calls } = failingAdapter(base, 'postMessage', { times: 1, afterCommit: true });
    const el = await mount(adapter, OPEN_CASE);
    const errors: CaseErrorEvent[] = [];
    el.addEventListener('case-error', (e) => errors.push(e));
    typeInto($<HTMLTextAreaElement>(el, '#reply')!, 'Please call me back.');
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => $(el, '[part~="message-outgoing"][data-state="failed"]'), 'failed state');

    expect($(el, '[part~="message-outgoing"]')!.textContent).to.contain('Failed to send');
    expect($<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('Please call me back.');
    expect($(el, '[part~="send-error"]')!.textContent).to.contain('can’t be reached');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.operation).to.equal('postMessage');
    const stored = JSON.parse(localStorage.getItem(ownDraftKeys()[0]!)!);
    expect(stored.body).to.equal('Please call me back.');

    $(el, '[part~="retry-button"]')!.click();
    await waitUntil(() => !$(el, '[part~="message-outgoing"]'), 'retry succeeds');
    expect(calls).to.have.length(2);
    expect(calls[0]!.idempotencyKey).to.be.a('string').and.not.equal('');
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
    const all = await allMessages(base, OPEN_CASE);
    expect(all.filter((m) => m.body === 'Please call me back.')).to.have.length(1);
    expect($$(el, 'li').filter((li) => li.textContent!.includes('Please call me back.'))).to.have.length(1);
    expect($<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('');
  });

  it('keeps a draft per case across re-creating the element', async () => {
    const adapter = memory();
    const first = await mount(adapter, OPEN_CASE);
    typeInto($<HTMLTextAreaElement>(first, '#reply')!, 'Half-written reply');
    first.remove();

    const again = await mount(adapter, OPEN_CASE);
    await waitUntil(() => $<HTMLTextAreaElement>(again, '#reply'), 'composer');
    expect($<HTMLTextAreaElement>(again, '#reply')!.value).to.equal('Half-written reply');

    const other = await mount(adapter, PENDING_CASE);
    await waitUntil(() => $<HTMLTextAreaElement>(other, '#reply'), 'composer');
    expect($<HTMLTextAreaElement>(other, '#reply')!.value).to.equal('');
  });

  it('does not send an empty reply', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'postMessage', { times: 0 });
    const el = await mount(adapter, OPEN_CASE);
    $(el, '[part~="send-button"]')!.click();
    await waitUntil(() => $(el, '[part~="send-error"]')!.textContent!.trim() !== '', 'error shown');
    expect(calls).to.have.length(0);
    expect($(el, '#reply')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('explains a closed case and sends a complaint', async () => {
    const base = memory();
    const el = await mount(base, CLOSED_CASE);
    await waitUntil(() => $(el, '[part~="closed-notice"]'), 'closed notice');
    expect($(el, '#reply')).to.equal(null);
    expect($(el, '[part~="closed-notice"]')!.textContent).to.contain('This case is closed, so replies are off.');

    $(el, '[part~="complaint-toggle"]')!.click();
    await waitUntil(() => $(el, '#complaint'), 'complaint form');
    typeInto($<HTMLTextAreaElement>(el, '#complaint')!, 'Nobody told me the case was closed.');
    const sent = oneEvent(el, 'case-message-sent') as Promise<CaseMessageSentEvent>;
    $(el, '[part~="complaint-submit"]')!.click();
    const event = await sent;
    expect(event.detail.message.kind).to.equal('complaint');
    await waitUntil(() => $(el, '[part~="complaint-sent"]'), 'thank-you line');
    const all = await allMessages(base, CLOSED_CASE);
    const complaints = all.filter((m) => m.kind === 'complaint' && m.body === 'Nobody told me the case was closed.');
    expect(complaints).to.have.length(1);
    expect($(el, `li[data-id="${complaints[0]!.id}"] [part~="kind-badge"]`)!.textContent).to.contain('Complaint');
  });

  it('uses the case it is given instead of loading it again', async () => {
    const base = memory();
    const record = await base.getCase(CLOSED_CASE);
    let getCaseCalls = 0;
    const adapter = wrapAdapter(base, {
      getCase(...args) {
        getCaseCalls++;
        return base.getCase(...args);
      },
    });
    const el = await fixture<CaseThread>(
      html`<case-thread .adapter=${adapter} .now=${now} .caseRecord=${record} case-id=${CLOSED_CASE}></case-thread>`,
    );
    await waitUntil(() => $(el, '[part~="closed-notice"]'), 'closed notice from the given case');
    expect(getCaseCalls).to.equal(0);
  });

  it('loads older messages page by page, keeping the order', async () => {
    const adapter = memory({ schema: { limits: { ...demoSchema.limits, pageSize: 10 } } });
    const el = await mount(adapter, LONG_CASE);
    const expected = (await allMessages(adapter, LONG_CASE)).map((m) => m.id);
    expect(expected.length).to.be.greaterThan(20);
    expect($$(el, '[part~="list"] > li')).to.have.length(10);
    while ($(el, '[part~="load-older"]')) {
      const before = $$(el, '[part~="list"] > li').length;
      $(el, '[part~="load-older"]')!.click();
      await waitUntil(() => $$(el, '[part~="list"] > li').length > before, 'older page');
    }
    expect($$(el, '[part~="list"] > li').map((li) => li.dataset['id'])).to.deep.equal(expected);
  });

  it('paints a long first page at once and the rest in slices, in order, ending with all of it', async () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      message({ id: `m${i}`, body: `Message ${i}`, createdAt: new Date(Date.parse('2025-03-01T00:00:00Z') + i * 60_000).toISOString() }),
    );
    const adapter = wrapAdapter(memory(), {
      listMessages: async () => ({ items: many, total: many.length, nextCursor: null }),
    });
    const el = await mount(adapter, OPEN_CASE);
    const rendered = () => $$(el, '[part~="list"] > li').map((li) => li.dataset['id']);
    expect(rendered().length).to.be.below(200);
    expect(rendered()).to.deep.equal(many.slice(0, rendered().length).map((m) => m.id));
    expect($(el, '[part~="list"]')!.getAttribute('aria-busy')).to.equal('true');
    // The customer starts typing at once: later slices must not push the composer away.
    const textarea = $<HTMLTextAreaElement>(el, '#reply')!;
    textarea.scrollIntoView({ block: 'center' });
    textarea.focus();
    const top = textarea.getBoundingClientRect().top;
    // A background test tab gets no frames: each slice then waits its 100 ms fallback.
    await waitUntil(() => rendered().length === 200, 'every message ends up in the DOM', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(Math.abs(textarea.getBoundingClientRect().top - top)).to.be.lessThan(2);
    window.scrollTo(0, 0);
    expect(rendered()).to.deep.equal(many.map((m) => m.id));
    await el.updateComplete;
    expect($(el, '[part~="list"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('says so when there are no messages', async () => {
    const adapter = memory();
    const created = await adapter.createCase({ subject: 'Empty', description: 'x', fields: { product: 'router-x200' } });
    const el = await mount(adapter, created.id);
    expect($(el, '[part~="empty"]')!.textContent).to.contain('No messages yet.');
    await waitUntil(() => $(el, '#reply'), 'composer');
  });

  it('shows a load error with retry and fires case-error', async () => {
    const base = memory();
    let fail = true;
    const adapter = wrapAdapter(base, {
      async listMessages(...args) {
        if (fail) throw new (await import('@case-portal/core')).AdapterError('server');
        return base.listMessages(...args);
      },
    });
    const errored = oneEvent(document.body, 'case-error');
    const el = await fixture<CaseThread>(html`<case-thread .adapter=${adapter} .now=${now} case-id=${OPEN_CASE}></case-thread>`);
    await errored;
    await waitUntil(() => $(el, '[part~="error"]'), 'error shown');
    fail = false;
    $(el, '[part~="error"] button')!.click();
    await waitUntil(() => $(el, '[part~="list"]'), 'loaded after retry');
  });

  it('is accessible with messages and the composer', async () => {
    const el = await mount(memory(), PENDING_CASE);
    await waitUntil(() => $(el, '#reply'), 'composer');
    await expect(el).to.be.accessible();
  });

  it('is accessible on a closed case with the complaint form open', async () => {
    const el = await mount(memory(), CLOSED_CASE);
    await waitUntil(() => $(el, '[part~="complaint-toggle"]'), 'toggle');
    $(el, '[part~="complaint-toggle"]')!.click();
    await waitUntil(() => $(el, '#complaint'), 'complaint form');
    await expect(el).to.be.accessible();
  });

  it('shows a viewer without reply permission why there is no composer', async () => {
    const viewer = { ...DEMO_PEOPLE.customer, permissions: DEMO_PEOPLE.customer.permissions.filter((p) => p !== 'reply') };
    const el = await mount(memory({ viewer }), OPEN_CASE);
    await waitUntil(() => $(el, '[part~="closed-notice"]'), 'notice');
    expect($(el, '[part~="closed-notice"]')!.textContent).to.contain('can’t reply');
    expect($(el, '#reply')).to.equal(null);
  });
});
