/**
 * WebFormController alone, on a bare ReactiveElement host with an editor's light-DOM <form>: no
 * <case-create>, no shadow-DOM form. It takes the form, intercepts its submit, maps its controls
 * to the case, puts messages beside them, restores the draft with its key, and gives the form
 * back as the editor wrote it when the host leaves the page.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement, html, render } from 'lit';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseInput, CaseRecord } from '@case-portal/core';
import type { CaseErrorEvent } from '../../events.js';
import { createI18n } from '../../i18n/i18n.js';
import { addMessages } from '../../i18n/en.js';
import { create } from '../../i18n/en/create.js';
import { field } from '../../i18n/en/field.js';
import type { PortalSetup } from '../../shared/case-element.js';
import { deferred, failingAdapter, memoryStorage, place, removePlaced, typeInto, wrapAdapter } from '../../testing/index.js';
import { WebFormController } from './controller.js';

// The form's text joins the catalog when case-create's code loads; here no element does that.
addMessages(create, field);
const i18n = createI18n('en-US');
const now = () => new Date('2025-03-10T12:00:00Z');

class WebFormHost extends ReactiveElement {
  setup?: PortalSetup;
  formId?: string;
  storage: Storage | null = memoryStorage();
  created?: CaseRecord;
  shown: CaseRecord[] = [];
  failures: string[] = [];
  forgotten = 0;
  readonly web = new WebFormController(this, {
    formId: () => this.formId,
    draftId: () => 'controller-test',
    setup: () => this.setup,
    i18n: () => i18n,
    storage: () => this.storage,
    failureText: (_e, operation) => {
      this.failures.push(operation);
      return 'It did not work.';
    },
    created: () => this.created,
    forgetCreated: () => {
      this.forgotten++;
      this.created = undefined;
    },
    showCreated: async (record) => {
      this.created = record;
      this.shown.push(record);
      this.requestUpdate();
    },
  });

  /** The status area (draft notice, summary) in the host's shadow root, and a slot that shows the editor's form. */
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    render(html`${this.setup ? this.web.renderStatus(this.setup) : ''}<slot></slot>`, this.renderRoot);
  }
}
customElements.define('test-web-form-host', WebFormHost);

/** An editor's form: case fields by name, a consent box of the editor's own, and (`unmapped`) a name that maps to nothing. */
function editorForm(id?: string, unmapped = false): HTMLFormElement {
  const form = document.createElement('form');
  if (id) form.id = id;
  form.action = '/never';
  const control = (tag: 'input' | 'textarea' | 'select', name: string, label: string): HTMLElement => {
    const el = document.createElement(tag);
    el.setAttribute('name', name);
    if (name !== '_consent' && name !== 'nickname') el.required = true;
    const wrap = document.createElement('label');
    wrap.append(label, el);
    form.append(wrap);
    return el;
  };
  control('input', 'subject', 'Subject');
  control('textarea', 'description', 'What happened?');
  const product = control('select', 'fields.product', 'Product') as HTMLSelectElement;
  product.append(new Option('Pick one', ''), new Option('Router X200', 'router-x200'));
  (control('input', '_consent', 'I agree') as HTMLInputElement).type = 'checkbox';
  if (unmapped) control('input', 'nickname', 'Nickname');
  form.append(Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Send' }));
  return form;
}

afterEach(removePlaced);

async function hostWith(adapter: CaseAdapter, options: { storage?: Storage | null; form?: HTMLFormElement } = {}): Promise<{ host: WebFormHost; form: HTMLFormElement }> {
  const host = new WebFormHost();
  host.setup = { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
  if (options.storage !== undefined) host.storage = options.storage;
  const form = options.form ?? editorForm();
  host.append(form);
  place(host);
  await host.updateComplete;
  return { host, form };
}

const memory = () => new MemoryAdapter({ storage: null, now });
const $ = <T extends Element>(form: HTMLFormElement, name: string) => form.querySelector<T & Element>(`[name="${name}"]`)!;

function fill(form: HTMLFormElement): void {
  typeInto($<HTMLInputElement>(form, 'subject'), 'Router drops Wi-Fi');
  typeInto($<HTMLTextAreaElement>(form, 'description'), 'Every evening at eight.');
  const product = $<HTMLSelectElement>(form, 'fields.product');
  product.value = 'router-x200';
  product.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Records createCase's input and key, and can hold the answer. */
function recordingCreate(base: CaseAdapter, gate?: Promise<void>): { adapter: CaseAdapter; inputs: CaseInput[]; keys: (string | undefined)[] } {
  const inputs: CaseInput[] = [];
  const keys: (string | undefined)[] = [];
  const adapter = wrapAdapter(base, {
    async createCase(input, opts) {
      inputs.push(input);
      keys.push(opts?.idempotencyKey);
      await gate;
      return base.createCase(input, opts);
    },
  });
  return { adapter, inputs, keys };
}

describe('WebFormController', () => {
  it('takes a <form> child (novalidate) and, found by form="id", one elsewhere in the page', async () => {
    const { host, form } = await hostWith(memory());
    expect(host.web.active).to.equal(true);
    expect(form.noValidate).to.equal(true);

    const elsewhere = editorForm('support-form');
    place(elsewhere);
    host.formId = 'support-form';
    host.requestUpdate();
    await host.updateComplete;
    expect(elsewhere.noValidate).to.equal(true);
    expect(form.hasAttribute('novalidate'), 'the child is given back').to.equal(false);
  });

  it('intercepts the submit and sends the mapped case, leaving the editor’s own controls out; reports a name that maps to nothing', async () => {
    const problems: string[] = [];
    const { adapter, inputs } = recordingCreate(memory());
    const host = new WebFormHost();
    host.addEventListener('case-error', (e) => problems.push((e as CaseErrorEvent).detail.message));
    host.setup = { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
    const form = editorForm(undefined, true);
    host.append(form);
    place(host);
    await host.updateComplete;
    expect(problems.join('\n')).to.contain('nickname');

    fill(form);
    const submit = new SubmitEvent('submit', { cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented, 'no navigation').to.equal(true);
    await waitUntil(() => host.shown.length === 1, 'the case is created');
    expect(inputs).to.have.length(1);
    expect(inputs[0]).to.include({ subject: 'Router drops Wi-Fi', description: 'Every evening at eight.' });
    expect(inputs[0]!.fields).to.deep.equal({ product: 'router-x200' });
    expect(JSON.stringify(inputs[0])).to.not.contain('_consent');
    expect(JSON.stringify(inputs[0])).to.not.contain('nickname');
    expect($<HTMLInputElement>(form, 'subject').value, 'reset for the next case').to.equal('');
    expect(problems.filter((p) => p.includes('nickname')), 'reported once').to.have.length(1);
  });

  it('keeps the submit buttons disabled and the form busy while sending, a double submit sends once', async () => {
    const gate = deferred();
    const { adapter, inputs } = recordingCreate(memory(), gate.promise);
    const { host, form } = await hostWith(adapter);
    fill(form);
    form.requestSubmit();
    form.requestSubmit();
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    await waitUntil(() => inputs.length === 1, 'the request is made');
    expect(button.disabled).to.equal(true);
    expect(form.getAttribute('aria-busy')).to.equal('true');
    expect(host.web.submitting).to.equal('creating');
    gate.resolve();
    await waitUntil(() => host.shown.length === 1, 'the case is created');
    expect(inputs).to.have.length(1);
    expect(button.disabled).to.equal(false);
    expect(form.hasAttribute('aria-busy')).to.equal(false);
  });

  it('puts each problem beside its control and in the summary, sends nothing, and a fix takes the message away', async () => {
    const { adapter, inputs } = recordingCreate(memory());
    const { host, form } = await hostWith(adapter);
    typeInto($<HTMLInputElement>(form, 'subject'), 'Only a subject');
    form.requestSubmit();
    await host.updateComplete;
    expect(inputs).to.have.length(0);
    const description = $<HTMLTextAreaElement>(form, 'description');
    expect(description.getAttribute('aria-invalid')).to.equal('true');
    const beside = form.querySelector(`#${description.getAttribute('aria-describedby')!.split(' ').at(-1)}`)!;
    expect(beside.classList.contains('case-field-error')).to.equal(true);
    expect(beside.textContent).to.not.equal('');
    expect(description.validationMessage).to.equal(beside.textContent);
    const links = [...host.renderRoot.querySelectorAll<HTMLButtonElement>('[part="error-link"]')];
    expect(links.length).to.equal(2); // description and product
    expect(document.activeElement?.getAttribute('name'), 'focus on the first problem').to.equal('description');

    typeInto(description, 'Now it says what happened.');
    await host.updateComplete;
    expect(description.getAttribute('aria-invalid')).to.not.equal('true');
    links[1]!.click();
    expect(document.activeElement?.getAttribute('name')).to.equal('fields.product');
  });

  it('puts the backend’s field errors on their controls and retries with the same key', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'createCase', {
      code: 'validation',
      times: 1,
      fieldErrors: { subject: 'Too vague.' },
    });
    const { host, form } = await hostWith(adapter);
    fill(form);
    form.requestSubmit();
    await waitUntil(() => host.failures.length === 1, 'the create fails');
    expect(host.failures).to.deep.equal(['createCase']);
    await host.updateComplete;
    const subject = $<HTMLInputElement>(form, 'subject');
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
    expect(form.textContent).to.contain('Too vague.');
    expect(host.renderRoot.textContent).to.contain('It did not work.');

    form.requestSubmit();
    await waitUntil(() => host.shown.length === 1, 'the retry creates the case');
    expect(calls).to.have.length(2);
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
  });

  it('keeps a draft of the controls with its key, restores it into a new form, and the key goes with the send', async () => {
    const storage = memoryStorage();
    const first = await hostWith(memory(), { storage });
    fill(first.form);
    first.host.remove();

    const { adapter, keys } = recordingCreate(memory());
    const { host, form } = await hostWith(adapter, { storage });
    expect($<HTMLInputElement>(form, 'subject').value).to.equal('Router drops Wi-Fi');
    expect($<HTMLSelectElement>(form, 'fields.product').value).to.equal('router-x200');
    await host.updateComplete;
    expect(host.renderRoot.querySelector('[part="draft-notice"]')).to.not.equal(null);
    const saved = JSON.parse(storage.getItem(storage.key(0)!)!) as { key: string };

    form.requestSubmit();
    await waitUntil(() => host.shown.length === 1, 'the case is created');
    expect(keys).to.deep.equal([saved.key]);
    expect(storage.length, 'the draft is gone once the case exists').to.equal(0);
  });

  it('gives the form back as the editor wrote it when the host leaves the page, and stops a send under way', async () => {
    let signal: AbortSignal | undefined;
    const base = memory();
    const adapter = wrapAdapter(base, {
      createCase: (_input, opts) => {
        signal = opts?.signal;
        return new Promise(() => {});
      },
    });
    const { host, form } = await hostWith(adapter);
    fill(form);
    form.requestSubmit();
    await waitUntil(() => signal, 'the request is made');
    host.remove();
    expect(signal!.aborted).to.equal(true);
    expect(form.hasAttribute('novalidate')).to.equal(false);
    expect(form.hasAttribute('aria-busy')).to.equal(false);
    expect(form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).to.equal(false);
    let native = 0;
    form.addEventListener('submit', (e) => {
      native++;
      e.preventDefault(); // the test page stays
    });
    const submit = new SubmitEvent('submit', { cancelable: true });
    form.dispatchEvent(submit);
    expect(native).to.equal(1);
    expect(host.shown).to.have.length(0);
  });
});
