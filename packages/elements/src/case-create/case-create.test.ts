import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { MemoryAdapter, DEMO_PEOPLE, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, FieldDef } from '@case-portal/core';
import '../define/case-create.js';
import type { CaseCreate } from './case-create.js';
import type { CaseCreatedEvent, CaseErrorEvent, CaseSelectEvent } from '../events.js';
import { DRAFT_PREFIX } from '../shared/drafts.js';
import { choose, failingAdapter, recordNavigation, typeInto, wrapAdapter } from '../testing/index.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const now = () => NOW;

const memory = (options: ConstructorParameters<typeof MemoryAdapter>[0] = {}) =>
  new MemoryAdapter({ storage: null, now, ...options });

// Test files run in parallel tabs sharing localStorage: touch only this element's drafts.
const ownDraftKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(`${DRAFT_PREFIX}create:`));
function clearDrafts(): void {
  for (const key of ownDraftKeys()) localStorage.removeItem(key);
}

async function mount(adapter: CaseAdapter): Promise<CaseCreate> {
  const el = await fixture<CaseCreate>(html`<case-create .adapter=${adapter} .now=${now}></case-create>`);
  await waitUntil(() => el.shadowRoot!.querySelector('form, [part~="denied"]'), 'the form loads');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CaseCreate, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CaseCreate, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];

/** The message beside a control, found the way assistive technology finds it: aria-describedby. */
function describedText(el: CaseCreate, control: Element): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => el.shadowRoot!.getElementById(id)?.textContent ?? '').join(' ');
}

function fillValid(el: CaseCreate, subject = 'Router keeps rebooting'): void {
  typeInto($<HTMLInputElement>(el, '#f-subject')!, subject);
  typeInto($<HTMLTextAreaElement>(el, '#f-description')!, 'Every hour, since the last update.');
  choose($<HTMLSelectElement>(el, '#f-fields_product')!, 'router-x200');
}

async function casesWithSubject(adapter: CaseAdapter, subject: string) {
  const page = await adapter.listCases({ keyword: subject, limit: 100 });
  return page.items.filter((c) => c.subject === subject);
}

describe('case-create', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('builds the form from the schema with labels, required marks and onCreate fields only', async () => {
    const el = await mount(memory());
    // A heading of its own, which names the form (a page holding only the form still says what it is).
    const heading = $(el, 'h2[part~="heading"]')!;
    expect(heading.textContent!.trim()).to.equal('New case');
    expect($(el, 'form')!.getAttribute('aria-labelledby')).to.equal(heading.id);
    const onCreate = demoSchema.fields.filter((f) => f.onCreate);
    for (const key of ['subject', 'description', 'service', 'category', ...onCreate.map((f) => `fields_${f.key}`)]) {
      const control = $(el, `#f-${key}`);
      expect(control, key).to.exist;
      const label = $(el, `label[for="f-${key}"]`);
      expect(label, `label for ${key}`).to.exist;
    }
    expect($(el, '#f-subject')!.hasAttribute('required')).to.equal(true);
    expect($(el, '#f-subject')!.getAttribute('aria-required')).to.equal('true');
    expect($(el, 'label[for="f-subject"] [part~="required-mark"]')!.textContent).to.equal('*');
    expect($(el, '#f-fields_product')!.getAttribute('aria-required')).to.equal('true');
    expect($(el, '#f-fields_contract_id')!.hasAttribute('required')).to.equal(false);
    expect(describedText(el, $(el, '#f-fields_contract_id')!)).to.contain('service contract');
    expect($$<HTMLOptionElement>(el, '#f-service option').map((o) => o.value)).to.deep.equal([
      '',
      ...demoSchema.services.map((s) => s.value),
    ]);
    expect($(el, '#f-fields_affected_users')!.getAttribute('type')).to.equal('number');
    expect($(el, '#f-fields_due_date')!.getAttribute('type')).to.equal('date');
  });

  it('renders every field type, multichoice as a fieldset with a legend', async () => {
    const fields: FieldDef[] = [
      { key: 'tags', label: 'Affected areas', type: 'multichoice', onCreate: true, required: true, options: [{ value: 'a', label: 'Area A' }, { value: 'b', label: 'Area B' }] },
      { key: 'agree', label: 'I have restarted the device', type: 'checkbox', onCreate: true, required: true },
      { key: 'mail', label: 'Other contact', type: 'email', onCreate: true },
      { key: 'site', label: 'Affected site', type: 'url', onCreate: true },
      { key: 'notes', label: 'Notes', type: 'longtext', onCreate: true },
      { key: 'hidden', label: 'Not on create', type: 'text' },
    ];
    const el = await mount(memory({ schema: { fields } }));
    const group = $(el, 'fieldset#f-fields_tags')!;
    expect(group.querySelector('legend')!.textContent).to.contain('Affected areas');
    expect(group.querySelectorAll('input[type="checkbox"]')).to.have.length(2);
    expect($(el, '#f-fields_agree')!.getAttribute('type')).to.equal('checkbox');
    expect($(el, '#f-fields_mail')!.getAttribute('type')).to.equal('email');
    expect($(el, '#f-fields_site')!.getAttribute('type')).to.equal('url');
    expect($(el, '#f-fields_notes')!.tagName).to.equal('TEXTAREA');
    expect($(el, '#f-fields_hidden')).to.equal(null);

    typeInto($<HTMLInputElement>(el, '#f-fields_mail')!, 'not-an-address');
    typeInto($<HTMLInputElement>(el, '#f-fields_site')!, 'javascript:alert(1)');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '#f-fields_mail')!.getAttribute('aria-invalid') === 'true', 'validated');
    expect(describedText(el, group)).to.contain('Choose an option.');
    expect(describedText(el, $(el, '#f-fields_agree')!)).to.contain('Tick this box');
    expect(describedText(el, $(el, '#f-fields_mail')!)).to.contain('email address');
    expect(describedText(el, $(el, '#f-fields_site')!)).to.contain('https://');
    await expect(el).to.be.accessible();
  });

  it('validates before sending and shows messages beside the fields', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'createCase', { times: 0 });
    const el = await mount(adapter);
    typeInto($<HTMLInputElement>(el, '#f-fields_affected_users')!, '0');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '#f-subject')!.getAttribute('aria-invalid') === 'true', 'subject marked invalid');
    expect(calls).to.have.length(0);
    expect(describedText(el, $(el, '#f-subject')!)).to.contain('This field is required.');
    expect(describedText(el, $(el, '#f-description')!)).to.contain('This field is required.');
    expect(describedText(el, $(el, '#f-fields_product')!)).to.contain('Choose an option.');
    expect(describedText(el, $(el, '#f-fields_affected_users')!)).to.contain('Enter 1 or more.');
    expect($(el, '#f-fields_contract_id')!.getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '[part~="form-error"]')!.textContent).to.contain('Some values need your attention.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#f-subject'));

    // Fixing a field clears its message.
    typeInto($<HTMLInputElement>(el, '#f-subject')!, 'Fixed');
    await el.updateComplete;
    expect($(el, '#f-subject')!.getAttribute('aria-invalid')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('creates the case, confirms with its number, focuses the confirmation and fires case-created', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'createCase', { times: 0 });
    const el = await mount(adapter);
    fillValid(el);
    choose($<HTMLSelectElement>(el, '#f-service')!, 'premium');
    typeInto($<HTMLInputElement>(el, '#f-fields_affected_users')!, '12');
    const created = oneEvent(el, 'case-created') as Promise<CaseCreatedEvent>;
    $(el, '[part~="submit"]')!.click();
    const event = await created;
    const record = event.detail.case;
    expect(record.subject).to.equal('Router keeps rebooting');
    expect(record.service).to.equal('premium');
    expect(record.fields['product']).to.equal('router-x200');
    expect(record.fields['affected_users']).to.equal(12);
    expect(calls).to.have.length(1);
    expect(calls[0]!.args[0]).to.deep.include({ subject: 'Router keeps rebooting', description: 'Every hour, since the last update.' });

    await waitUntil(() => $(el, '[part~="confirmation"]'), 'confirmation');
    const panel = $(el, '[part~="confirmation"]')!;
    expect(panel.getAttribute('role')).to.equal('status');
    expect(panel.textContent).to.contain(record.number);
    await waitUntil(() => el.shadowRoot!.activeElement === panel, 'focus on the confirmation');
    await expect(el).to.be.accessible();

    const select = oneEvent(el, 'case-select') as Promise<CaseSelectEvent>;
    $(el, '[part~="open-button"]')!.click();
    expect((await select).detail.caseId).to.equal(record.id);

    $(el, '[part~="another-button"]')!.click();
    await waitUntil(() => $(el, '#f-subject'), 'a fresh form');
    expect($<HTMLInputElement>(el, '#f-subject')!.value).to.equal('');
  });

  it('opens the new case through the portal navigator unless case-select is prevented', async () => {
    const el = await mount(memory());
    const { opened } = recordNavigation(el);
    fillValid(el);
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="open-button"]'), 'confirmation');
    el.addEventListener('case-select', (e) => e.preventDefault(), { once: true });
    $(el, '[part~="open-button"]')!.click();
    expect(opened).to.have.length(0);
    $(el, '[part~="open-button"]')!.click();
    expect(opened).to.have.length(1);
  });

  it('keeps the form filled on failure and a retry makes exactly one case with the same key', async () => {
    const base = memory();
    // The first attempt creates the case, then its answer is lost.
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 1, afterCommit: true });
    const el = await mount(adapter);
    const errors: CaseErrorEvent[] = [];
    el.addEventListener('case-error', (e) => errors.push(e));
    fillValid(el, 'Lost response case');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="form-error"]')!.textContent!.trim() !== '', 'error shown');

    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.operation).to.equal('createCase');
    expect($(el, '[part~="form-error"]')!.textContent).to.contain('can’t be reached');
    expect($<HTMLInputElement>(el, '#f-subject')!.value).to.equal('Lost response case');
    expect($<HTMLTextAreaElement>(el, '#f-description')!.value).to.equal('Every hour, since the last update.');
    expect($<HTMLSelectElement>(el, '#f-fields_product')!.value).to.equal('router-x200');
    expect($<HTMLButtonElement>(el, '[part~="submit"]')!.disabled).to.equal(false);

    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created on retry');
    expect(calls).to.have.length(2);
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
    expect(await casesWithSubject(base, 'Lost response case')).to.have.length(1);
  });

  it('sends once on a double click', async () => {
    const base = memory();
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 0 });
    const el = await mount(adapter);
    fillValid(el, 'Double click case');
    const button = $<HTMLButtonElement>(el, '[part~="submit"]')!;
    button.click();
    button.click();
    $<HTMLFormElement>(el, 'form')!.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(calls).to.have.length(1);
    expect(await casesWithSubject(base, 'Double click case')).to.have.length(1);
  });

  it('shows the backend field errors beside the fields', async () => {
    const { adapter } = failingAdapter(memory(), 'createCase', {
      times: 1,
      code: 'validation',
      fieldErrors: { serial_number: 'Unknown serial number.', subject: 'Too vague.', priority: 'Priority is locked.' },
    });
    const el = await mount(adapter);
    fillValid(el);
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '#f-fields_serial_number')!.getAttribute('aria-invalid') === 'true', 'server error shown');
    expect(describedText(el, $(el, '#f-fields_serial_number')!)).to.contain('Unknown serial number.');
    expect(describedText(el, $(el, '#f-subject')!)).to.contain('Too vague.');
    // An error for a field the form does not show is not lost.
    expect($(el, '[part~="form-error"]')!.textContent).to.contain('Priority is locked.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#f-subject'));
  });

  it('restores the draft when the element is created again, and clears it after success', async () => {
    const adapter = memory();
    const first = await mount(adapter);
    typeInto($<HTMLInputElement>(first, '#f-subject')!, 'Draft subject');
    choose($<HTMLSelectElement>(first, '#f-fields_product')!, 'switch-s24');
    first.remove();

    const el = await mount(adapter);
    expect($<HTMLInputElement>(el, '#f-subject')!.value).to.equal('Draft subject');
    expect($<HTMLSelectElement>(el, '#f-fields_product')!.value).to.equal('switch-s24');
    expect($(el, '[part~="draft-notice"]')).to.exist;

    typeInto($<HTMLTextAreaElement>(el, '#f-description')!, 'Details');
    $(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(ownDraftKeys()).to.deep.equal([]);
  });

  it('keeps the drafts of two forms apart when they are named with draft-id', async () => {
    const adapter = memory();
    const mountNamed = async (draftId: string) => {
      const el = await fixture<CaseCreate>(html`<case-create .adapter=${adapter} .now=${now} draft-id=${draftId}></case-create>`);
      await waitUntil(() => $(el, 'form'), 'the form loads');
      return el;
    };
    const [billing, support] = [await mountNamed('billing'), await mountNamed('support')];
    typeInto($<HTMLInputElement>(billing, '#f-subject')!, 'Invoice twice');
    typeInto($<HTMLInputElement>(support, '#f-subject')!, 'Router reboots');
    expect(ownDraftKeys()).to.have.length(2);
    billing.remove();
    support.remove();

    const again = await mountNamed('support');
    expect($<HTMLInputElement>(again, '#f-subject')!.value).to.equal('Router reboots');
    const other = await mountNamed('billing');
    expect($<HTMLInputElement>(other, '#f-subject')!.value).to.equal('Invoice twice');
  });

  it('explains when the viewer may not create cases', async () => {
    const viewer = { ...DEMO_PEOPLE.customer, permissions: DEMO_PEOPLE.customer.permissions.filter((p) => p !== 'create') };
    const el = await mount(memory({ viewer }));
    expect($(el, 'form')).to.equal(null);
    expect($(el, '[part~="denied"]')!.textContent).to.contain('don’t have permission');
    await expect(el).to.be.accessible();
  });

  it('explains when the backend does not take new cases', async () => {
    const el = await mount(memory({ schema: { features: { ...demoSchema.features, create: false } } }));
    expect($(el, 'form')).to.equal(null);
    expect($(el, '[part~="denied"]')!.textContent).to.contain('can’t be created here');
  });

  it('is accessible', async () => {
    const el = await mount(wrapAdapter(memory(), {}));
    await expect(el).to.be.accessible();
  });
});
