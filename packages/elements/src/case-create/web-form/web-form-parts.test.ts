/** The web-form pieces that need a page but no element: taking the editor's form, and its messages. */
import { expect } from '@open-wc/testing';
import { DEMO_PEOPLE, MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import { createI18n } from '../../i18n/i18n.js';
import { addMessages } from '../../i18n/en.js';
import { create } from '../../i18n/en/create.js';
import { field } from '../../i18n/en/field.js';
import type { PortalSetup } from '../../shared/case-element.js';
import { lockSubmitButtons } from './controls.js';
import { WebFormErrors } from './errors.js';
import { scanWebForm } from './names.js';
import { OwnedForm } from './owned-form.js';
import type { SummaryItem } from './view.js';

// The form's text joins the catalog when case-create's code loads; alone, this file loads none of it.
addMessages(create, field);
const i18n = createI18n('en-US');
const t = i18n.t.bind(i18n);

/** An editor's form, built without markup strings. */
function editorForm(): HTMLFormElement {
  const form = document.createElement('form');
  for (const [name, labelText] of [['subject', 'Your subject:'], ['description', 'What happened?']] as const) {
    const label = document.createElement('label');
    label.append(labelText, Object.assign(document.createElement(name === 'subject' ? 'input' : 'textarea'), { name }));
    form.append(label);
  }
  const submit = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Send' });
  form.append(submit);
  document.body.append(form);
  return form;
}

afterEach(() => {
  for (const f of document.querySelectorAll('form')) f.remove();
});

describe('OwnedForm', () => {
  it('takes the form (novalidate, listeners) and gives it back as the editor wrote it', () => {
    const form = editorForm();
    form.hidden = false;
    let submits = 0;
    const owned = new OwnedForm(form, {
      submit: (e) => {
        e.preventDefault();
        submits++;
      },
      input: () => {},
      change: () => {},
      reset: () => {},
    });
    expect(form.noValidate).to.equal(true);
    form.requestSubmit();
    expect(submits).to.equal(1);
    owned.hide(true);
    expect(form.hidden).to.equal(true);
    owned.release();
    expect(form.hasAttribute('novalidate')).to.equal(false);
    expect(form.hidden, 'shown again: it was hidden by us').to.equal(false);
    form.addEventListener('submit', (e) => e.preventDefault());
    form.requestSubmit();
    expect(submits, 'our listener is gone').to.equal(1);
  });

  it('leaves the editor’s own novalidate and hidden alone', () => {
    const form = editorForm();
    form.noValidate = true;
    form.hidden = true;
    const owned = new OwnedForm(form, { submit: () => {}, input: () => {}, change: () => {}, reset: () => {} });
    owned.hide(true);
    owned.hide(false);
    expect(form.hidden, 'the editor hid it').to.equal(true);
    owned.release();
    expect(form.noValidate).to.equal(true);
  });

  it('locks the enabled submit buttons while sending and unlocks only those', () => {
    const form = editorForm();
    const other = Object.assign(document.createElement('button'), { type: 'submit', disabled: true });
    form.append(other);
    const unlock = lockSubmitButtons(form);
    const [send] = form.querySelectorAll('button');
    expect(send!.disabled).to.equal(true);
    unlock();
    expect(send!.disabled).to.equal(false);
    expect(other.disabled, 'it was disabled before').to.equal(true);
  });
});

describe('WebFormErrors', () => {
  it('puts each message beside its control and lists them in the summary in the form’s order, by the editor’s labels', async () => {
    const adapter = new MemoryAdapter({ storage: null, viewerId: DEMO_PEOPLE.customer.id });
    const setup: PortalSetup = { adapter, schema: demoSchema, viewer: await adapter.viewer() };
    const form = editorForm();
    const scan = scanWebForm(form, setup.schema);
    const changes: { summary?: SummaryItem[]; message?: string }[] = [];
    const errors = new WebFormErrors(t, () => setup, (c) => changes.push(c));
    errors.show(scan, { description: 'Tell us more.', subject: 'Too short.' }, 'Check the form.', 'invalid');
    const subject = form.querySelector<HTMLInputElement>('[name=subject]')!;
    const beside = document.getElementById(subject.getAttribute('aria-describedby')!)!;
    expect(beside.textContent).to.equal('Too short.');
    expect(subject.getAttribute('aria-invalid')).to.equal('true');
    expect(subject.validationMessage).to.equal('Too short.');
    const summary = changes.map((c) => c.summary).filter(Boolean).at(-1)!;
    expect(summary.map((s) => s.key)).to.deep.equal(['subject', 'description']);
    expect(summary[0]!.text).to.contain('Your subject');
    // Fixing the last problem takes the "invalid" message away too.
    errors.set(scan, 'subject', undefined);
    errors.set(scan, 'description', undefined);
    expect(subject.hasAttribute('aria-invalid')).to.equal(false);
    expect(changes.at(-1)).to.deep.equal({ message: '' });
    errors.dispose();
    expect(form.querySelector('.case-field-error')).to.equal(null);
  });
});
