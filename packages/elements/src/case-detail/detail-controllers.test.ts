/**
 * case-detail's dialogs and rating form alone, on a bare ReactiveElement host that renders only
 * what the controller gives it: no case-detail, no sections.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement, render, nothing } from 'lit';
import { AdapterError, type CaseRecord, type Message } from '@case-portal/core';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseUpdateKind } from '../events.js';
import { createI18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { failingAdapter, typeInto, wrapAdapter } from '../testing/index.js';
import { DialogController } from './dialog-controller.js';
import { FeedbackForm } from './feedback-form.js';
import type { DetailView } from './view.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const i18n = createI18n('en-US');
const t = i18n.t.bind(i18n);
const view: DetailView = { i18n, timeZone: 'UTC', now: NOW };

class DialogHost extends ReactiveElement {
  setup?: PortalSetup;
  record?: CaseRecord;
  done: [CaseUpdateKind, CaseRecord][] = [];
  complaints: Message[] = [];
  reloads = 0;
  failures: string[] = [];
  readonly dialogs = new DialogController(this, {
    setup: () => this.setup,
    t,
    failureText: (e, operation) => {
      this.failures.push(operation);
      return t(`error.${(e as AdapterError).code}`);
    },
    reload: async () => {
      this.reloads++;
      this.record = await this.setup!.adapter.getCase(this.record!.id);
      return this.record;
    },
    done: async (updated, action) => {
      this.done.push([action, updated]);
      this.record = updated;
    },
    complained: async (_c, message) => void this.complaints.push(message),
  });
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    render(this.setup && this.record ? (this.dialogs.render(this.setup, this.record, view) ?? nothing) : nothing, this.renderRoot as ShadowRoot);
  }
}
customElements.define('test-dialog-host', DialogHost);

const hosts: HTMLElement[] = [];
afterEach(() => {
  for (const el of hosts.splice(0)) el.remove();
});

async function dialogHost(wrap: (a: MemoryAdapter) => PortalSetup['adapter'] = (a) => a) {
  const data = new MemoryAdapter({ storage: null, now: () => NOW });
  const record = await data.createCase({ subject: 'Printer', description: 'x', fields: { product: 'router-x200' } });
  const adapter = wrap(data);
  const host = new DialogHost();
  host.setup = { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
  host.record = record;
  document.body.append(host);
  hosts.push(host);
  await host.updateComplete;
  return { host, data, record };
}

const dialogOf = (host: DialogHost) => host.renderRoot.querySelector('dialog');
async function submit(host: DialogHost): Promise<void> {
  dialogOf(host)!.querySelector('form')!.requestSubmit();
  await host.updateComplete;
}

describe('DialogController', () => {
  it('opens modally, asks for what is required, and sends once with the key of this opening', async () => {
    const { host, data, record } = await dialogHost();
    const calls: (string | undefined)[] = [];
    host.setup!.adapter = wrapAdapter(data, {
      transition: (id, action, input, opts) => {
        calls.push(opts?.idempotencyKey);
        return data.transition(id, action, input, opts);
      },
    });
    host.dialogs.open('cancel', record, host.setup!);
    await host.updateComplete;
    expect(dialogOf(host)!.open, 'shown modally').to.equal(true);
    await submit(host);
    await waitUntil(() => host.done.length === 1, 'canceled');
    expect(host.done[0]![0]).to.equal('cancel');
    expect(host.done[0]![1].status.category).to.equal('canceled');
    expect(calls).to.have.length(1);
    expect(calls[0]).to.be.a('string');
  });

  it('keeps one key across retries of one opening, a new one for the next opening', async () => {
    const { host, record } = await dialogHost();
    const failing = failingAdapter(host.setup!.adapter, 'postMessage');
    host.setup!.adapter = failing.adapter;
    host.dialogs.open('complain', record, host.setup!);
    await host.updateComplete;
    await submit(host);
    expect(host.dialogs.state!.fieldErrors['body']).to.equal(t('detail.complainDialog.required'));
    expect(failing.calls).to.have.length(0);
    typeInto(dialogOf(host)!.querySelector('textarea')!, 'Nobody answers');
    await submit(host);
    await waitUntil(() => !host.dialogs.busy && host.dialogs.state!.error !== '', 'failed');
    expect(host.dialogs.state!.error).to.equal(t('error.network'));
    await submit(host);
    await waitUntil(() => failing.calls.length === 2 && !host.dialogs.busy, 'retried');
    expect(failing.calls[1]!.idempotencyKey).to.equal(failing.calls[0]!.idempotencyKey);
    host.dialogs.dismiss();
    host.dialogs.open('complain', record, host.setup!);
    await host.updateComplete;
    typeInto(dialogOf(host)!.querySelector('textarea')!, 'Again');
    await submit(host);
    await waitUntil(() => failing.calls.length === 3 && !host.dialogs.busy, 'sent again');
    expect(failing.calls[2]!.idempotencyKey).to.not.equal(failing.calls[0]!.idempotencyKey);
    expect(host.failures.every((op) => op === 'postComplaint')).to.equal(true);
  });

  it('a close whose case got a reply meanwhile (same status) goes again on the latest version, once, under a new key', async () => {
    const { host, data, record } = await dialogHost();
    const calls: { version: number | undefined; key: string | undefined }[] = [];
    host.setup!.adapter = wrapAdapter(data, {
      transition: (id, action, input, opts) => (calls.push({ version: input.version, key: opts?.idempotencyKey }), data.transition(id, action, input, opts)),
    });
    host.dialogs.open('close', record, host.setup!);
    await host.updateComplete;
    // The customer's own reply (in the conversation) moved the case on while the dialog was open.
    await data.postMessage(record.id, { body: 'One more detail.' });
    const reason = dialogOf(host)!.querySelector<HTMLSelectElement>('#f-reason');
    if (reason) reason.value = reason.options[1]!.value;
    await submit(host);
    await waitUntil(() => host.done.length === 1, 'closed');
    expect(host.done[0]![1].status.category).to.be.oneOf(['resolved', 'closed']);
    expect(host.reloads).to.equal(1);
    expect(calls.map((c) => c.version)).to.deep.equal([record.version, record.version + 1]);
    expect(calls[1]!.key).to.not.equal(calls[0]!.key);
    expect(host.dialogs.state?.error ?? '').to.equal('');
  });

  it('a close whose case changed status meanwhile is not sent again: the latest is loaded and the customer told', async () => {
    const { host, data, record } = await dialogHost();
    let sent = 0;
    host.setup!.adapter = wrapAdapter(data, { transition: (id, action, input, opts) => (sent++, data.transition(id, action, input, opts)) });
    host.dialogs.open('close', record, host.setup!);
    await host.updateComplete;
    // Meanwhile an agent answered and the case now awaits the customer: they see that before anything else happens.
    await data.agentReply(record.id, 'Could you try the new firmware first?');
    const reason = dialogOf(host)!.querySelector<HTMLSelectElement>('#f-reason');
    if (reason) reason.value = reason.options[1]!.value;
    await submit(host);
    await waitUntil(() => host.dialogs.state?.error === t('detail.conflict.action'), 'conflict shown');
    expect(sent).to.equal(1);
    expect(host.done).to.have.length(0);
    expect((await data.getCase(record.id)).status.category).to.equal('pending-customer');
    expect(host.record!.status.category, 'the latest is loaded').to.equal('pending-customer');
  });

  it('on a conflict reloads the case, keeps the edit, marks what changed elsewhere and sends nothing stale', async () => {
    const { host, data, record } = await dialogHost();
    host.dialogs.open('update', record, host.setup!);
    await host.updateComplete;
    // Meanwhile someone else edits the case.
    await data.updateCase(record.id, { version: record.version, changes: { priority: 'high' } });
    typeInto(dialogOf(host)!.querySelector<HTMLInputElement>('#f-u-subject')!, 'Printer on floor 2');
    await host.updateComplete;
    await submit(host);
    await waitUntil(() => host.dialogs.state!.error === t('detail.conflict.update'), 'conflict shown');
    expect(host.reloads).to.equal(1);
    expect(host.done).to.have.length(0);
    expect(dialogOf(host)!.querySelector<HTMLInputElement>('#f-u-subject')!.value).to.equal('Printer on floor 2');
    expect(dialogOf(host)!.querySelector('[part="changed-elsewhere"]')).to.not.equal(null);
    expect((await data.getCase(record.id)).subject).to.equal('Printer');
    // Saving again, now on the latest version, works and keeps the other change.
    await submit(host);
    await waitUntil(() => host.done.length === 1, 'saved');
    const saved = await data.getCase(record.id);
    expect([saved.subject, saved.priority]).to.deep.equal(['Printer on floor 2', 'high']);
  });

  it('dismissing forgets the dialog', async () => {
    const { host, record } = await dialogHost();
    host.dialogs.open('reopen', record, host.setup!);
    await host.updateComplete;
    host.dialogs.dismiss();
    await host.updateComplete;
    expect(host.dialogs.state).to.equal(null);
    expect(dialogOf(host)).to.equal(null);
  });
});

class FeedbackHost extends ReactiveElement {
  sent: CaseRecord[] = [];
  focused = 0;
  readonly feedback = new FeedbackForm(this, {
    t,
    failureText: (e) => t(`error.${(e as AdapterError).code}`),
    focusRating: () => this.focused++,
    sent: (updated) => this.sent.push(updated),
  });
}
customElements.define('test-feedback-host', FeedbackHost);

describe('FeedbackForm', () => {
  it('needs a rating, keeps its key until a rating went, then starts over', async () => {
    const data = new MemoryAdapter({ storage: null, now: () => NOW });
    const c = await data.createCase({ subject: 'Rate me', description: 'x', fields: { product: 'router-x200' } });
    const closed = await data.transition(c.id, 'cancel', { version: c.version });
    const keys: (string | undefined)[] = [];
    let fail = true;
    const adapter = wrapAdapter(data, {
      submitFeedback: (id, input, opts) => {
        keys.push(opts?.idempotencyKey);
        if (fail) return Promise.reject(new AdapterError('network'));
        return data.submitFeedback(id, input, opts);
      },
    });
    const host = new FeedbackHost();
    document.body.append(host);
    hosts.push(host);
    const setup: PortalSetup = { adapter, schema: await data.describe(), viewer: await data.viewer() };
    const submitEvent = () => new SubmitEvent('submit', { cancelable: true });

    await host.feedback.submit(submitEvent(), closed, setup);
    expect(host.feedback.state.ratingError).to.equal(t('detail.feedback.required'));
    expect(host.focused).to.equal(1);
    expect(keys).to.have.length(0);

    host.feedback.rate(4);
    host.feedback.comment('  Quick, thanks  ');
    await host.feedback.submit(submitEvent(), closed, setup);
    expect(host.feedback.state).to.include({ busy: false, error: t('error.network'), rating: 4 });
    fail = false;
    await host.feedback.submit(submitEvent(), closed, setup);
    expect(keys[1]).to.equal(keys[0]);
    expect(host.sent).to.have.length(1);
    expect(host.sent[0]!.feedback).to.include({ rating: 4, comment: 'Quick, thanks' });
    expect(host.feedback.state.rating, 'the form starts over').to.equal(0);
  });
});

describe('FeedbackForm and the dialogs: one key per distinct request', () => {
  it('rates under a new key once the rating changed after a failure', async () => {
    const data = new MemoryAdapter({ storage: null, now: () => NOW });
    const c = await data.createCase({ subject: 'Rate me', description: 'x', fields: { product: 'router-x200' } });
    const closed = await data.transition(c.id, 'cancel', { version: c.version });
    const { adapter, calls } = failingAdapter(data, 'submitFeedback', { times: 1 });
    const host = new FeedbackHost();
    document.body.append(host);
    hosts.push(host);
    const setup: PortalSetup = { adapter, schema: await data.describe(), viewer: await data.viewer() };
    host.feedback.rate(2);
    await host.feedback.submit(new SubmitEvent('submit', { cancelable: true }), closed, setup);
    host.feedback.rate(5);
    await host.feedback.submit(new SubmitEvent('submit', { cancelable: true }), closed, setup);
    expect(calls[1]!.idempotencyKey).to.not.equal(calls[0]!.idempotencyKey);
    expect(host.sent[0]!.feedback!.rating).to.equal(5);
  });

  it('closes under a new key once the close-as status changed after a refusal', async () => {
    const { host } = await dialogHost((a) => failingAdapter(a, 'transition', { times: 1, code: 'validation' }).adapter);
    const keys: string[] = [];
    const adapter = host.setup!.adapter;
    host.setup = { ...host.setup!, adapter: wrapAdapter(adapter, { transition: (id, action, input, opts) => (keys.push(opts!.idempotencyKey!), adapter.transition(id, action, input, opts)) }) };
    host.dialogs.open('close', host.record!, host.setup);
    await host.updateComplete;
    const form = dialogOf(host)!;
    const status = form.querySelector<HTMLSelectElement>('#f-status')!;
    const reason = form.querySelector<HTMLSelectElement>('#f-reason');
    if (reason) reason.value = reason.options[1]!.value;
    status.value = status.options[0]!.value;
    await submit(host);
    await waitUntil(() => !host.dialogs.busy && keys.length === 1, 'refused');
    await submit(host);
    await waitUntil(() => !host.dialogs.busy && keys.length === 2, 'the same request again');
    status.value = status.options[status.options.length - 1]!.value;
    await submit(host);
    await waitUntil(() => host.done.length === 1, 'closed');
    expect(keys[1], 'unchanged: the same key').to.equal(keys[0]);
    expect(keys[2], 'changed: another key').to.not.equal(keys[0]);
  });
});
