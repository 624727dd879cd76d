/** The built-in form's state alone, on a bare ReactiveElement host (no case-create, no rendering). */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseRecord } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { failingAdapter, memoryStorage } from '../testing/index.js';
import { BuiltInForm } from './built-in-form.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const i18n = createI18n('en-US');

class FormHost extends ReactiveElement {
  setup?: PortalSetup;
  storage = memoryStorage();
  created: CaseRecord[] = [];
  focused: boolean[] = [];
  failures: string[] = [];
  readonly form = new BuiltInForm(this, {
    setup: () => this.setup,
    i18n: () => i18n,
    storage: () => this.storage,
    draftId: () => undefined,
    failureText: (_e, operation) => {
      this.failures.push(operation);
      return i18n.t('error.network');
    },
    uploadDeps: (setup) => ({ adapter: setup.adapter, limits: setup.schema.limits, i18n, report: () => '' }),
    viewerChanged: () => {},
    created: async (record) => void this.created.push(record),
    focusFirstInvalid: (orSubmit) => this.focused.push(orSubmit),
  });
}
customElements.define('test-built-in-form-host', FormHost);

const hosts: FormHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.remove();
});

async function formHost(adapter: CaseAdapter = new MemoryAdapter({ storage: null, now: () => NOW }), storage = memoryStorage()) {
  const host = new FormHost();
  host.storage = storage;
  host.setup = { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
  document.body.append(host);
  hosts.push(host);
  await host.updateComplete;
  return host;
}

function fill(form: BuiltInForm, subject: string): void {
  form.actions.setBuiltIn('subject', subject);
  form.actions.setBuiltIn('description', 'Every hour.');
  form.actions.setField('product', 'router-x200');
}

const submitEvent = () => new SubmitEvent('submit', { cancelable: true });

describe('BuiltInForm', () => {
  it('checks the values first and sends nothing while a required field is empty', async () => {
    const base = new MemoryAdapter({ storage: null, now: () => NOW });
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 0 });
    const host = await formHost(adapter);
    host.form.actions.submit(submitEvent());
    expect(host.form.errors['subject']).to.be.a('string');
    expect(host.form.formError).to.equal(i18n.t('create.invalid'));
    expect(host.focused).to.deep.equal([false]);
    expect(calls).to.have.length(0);
  });

  it('keeps the values with their key in a draft; a reload and a retry after a lost answer make one case', async () => {
    const base = new MemoryAdapter({ storage: null, now: () => NOW });
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 1, afterCommit: true });
    const storage = memoryStorage();
    const first = await formHost(adapter, storage);
    fill(first.form, 'Lost answer');
    first.form.actions.submit(submitEvent());
    await waitUntil(() => first.failures.length === 1 && !first.form.submitting, 'the answer is lost');
    expect(first.form.formError).to.contain(i18n.t('error.network'));
    expect(first.focused).to.deep.equal([true]);
    // The page is reloaded: a new form finds the draft and its key.
    const again = await formHost(adapter, storage);
    expect(again.form.values!.subject).to.equal('Lost answer');
    expect(again.form.draftRestored).to.equal(true);
    again.form.actions.submit(submitEvent());
    await waitUntil(() => again.created.length === 1, 'created on the retry');
    expect(calls.map((c) => c.idempotencyKey)[1]).to.equal(calls[0]!.idempotencyKey);
    expect(again.created).to.have.length(1);
    const page = await base.listCases({ keyword: 'Lost answer', limit: 10 });
    expect(page.items.filter((c) => c.subject === 'Lost answer')).to.have.length(1);
    expect(again.form.values!.subject, 'a new, empty fill').to.equal('');
    expect(storage.length, 'no draft left').to.equal(0);
  });

  it('sends the form changed after a refusal under a new key, the unchanged form under the same one', async () => {
    const base = new MemoryAdapter({ storage: null, now: () => NOW });
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 2, code: 'validation', fieldErrors: { subject: 'Taken.' } });
    const storage = memoryStorage();
    const host = await formHost(adapter, storage);
    fill(host.form, 'First try');
    host.form.actions.submit(submitEvent());
    await waitUntil(() => host.failures.length === 1 && !host.form.submitting, 'refused');
    host.form.actions.submit(submitEvent());
    await waitUntil(() => host.failures.length === 2 && !host.form.submitting, 'refused again');
    expect(calls[1]!.idempotencyKey, 'the same case: the same key').to.equal(calls[0]!.idempotencyKey);
    host.form.actions.setBuiltIn('subject', 'Second try');
    host.form.actions.submit(submitEvent());
    await waitUntil(() => host.created.length === 1, 'created');
    expect(calls[2]!.idempotencyKey, 'a changed case: another key').to.not.equal(calls[0]!.idempotencyKey);
  });

  it('starts over on reset: empty values, no draft', async () => {
    const host = await formHost();
    fill(host.form, 'Start over');
    expect(host.storage.length).to.equal(1);
    host.form.reset();
    expect(host.form.values!.subject).to.equal('');
    expect(host.storage.length).to.equal(0);
  });
});
