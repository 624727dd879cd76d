import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { render, nothing, type TemplateResult } from 'lit';
import { MemoryAdapter, buildSchema, demoSchema } from '@case-portal/adapter-memory';
import { formatBytes, type Attachment, type CaseAdapter, type CaseInput, type FieldDef, type UploadOptions } from '@case-portal/core';
import '../define/case-create.js';
import type { CaseCreate } from './case-create.js';
import type { CaseCreatedEvent, CaseErrorEvent, CaseSelectEvent } from '../events.js';
import { DRAFT_PREFIX } from '../shared/drafts.js';
import { choose, failingAdapter, pickFiles, recordNavigation, typeInto, wrapAdapter } from '../testing/index.js';
import { mapName, scanWebForm } from './web-form/names.js';
import { readWebForm, validateWebForm, webFormInput } from './web-form/values.js';
import { createI18n } from '../i18n/i18n.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const now = () => NOW;

/** The demo fields plus one of every other type, as a site's backend might configure them. */
const FIELDS: FieldDef[] = [
  ...demoSchema.fields,
  { key: 'restarted', label: 'I restarted the device', type: 'checkbox', onCreate: true },
  {
    key: 'areas',
    label: 'Affected areas',
    type: 'multichoice',
    onCreate: true,
    options: [
      { value: 'wifi', label: 'Wi-Fi' },
      { value: 'lan', label: 'LAN' },
      { value: 'vpn', label: 'VPN' },
    ],
  },
  { key: 'notes', label: 'Notes', type: 'longtext', onCreate: true },
  { key: 'mail', label: 'Other contact', type: 'email', onCreate: true },
  { key: 'site', label: 'Affected site', type: 'url', onCreate: true },
  { key: 'since', label: 'Since', type: 'datetime', onCreate: true },
  { key: 'internal', label: 'Internal note', type: 'text' },
];
const KB = 1024;
const LIMITS = { ...demoSchema.limits, maxAttachmentBytes: 4 * KB, maxAttachmentsPerMessage: 2 };
const SCHEMA = buildSchema({ fields: FIELDS, limits: LIMITS });

const memory = (options: ConstructorParameters<typeof MemoryAdapter>[0] = {}) =>
  new MemoryAdapter({ storage: null, now, schema: { fields: FIELDS, limits: LIMITS }, ...options });

// Test files run in parallel tabs sharing localStorage: touch only this mode's drafts.
const DRAFTS = `${DRAFT_PREFIX}create-form:`;
const ownDraftKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(DRAFTS));
function clearDrafts(): void {
  for (const key of ownDraftKeys()) localStorage.removeItem(key);
}

const containers: HTMLElement[] = [];
/** Renders into a fresh container (no fixture(): a plain wrapper would wait for a frame) and waits for the setup. */
async function mount(template: TemplateResult): Promise<CaseCreate> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  render(template, container);
  const el = container.querySelector<CaseCreate>('case-create')!;
  await waitUntil(
    () => el.shadowRoot?.querySelector('[part~="form-error"], [part~="denied"], form'),
    'the element is ready',
  );
  return el;
}

const { t } = createI18n('en');

/** The editor's HTML: plain labelled controls named after the schema, a honeypot and a file input. */
function editorForm(id = 'wf-form', extra: unknown = nothing): TemplateResult {
  return html`<form id=${id}>
    <p><label for="${id}-subject">Subject</label> <input id="${id}-subject" name="subject" /></p>
    <p>
      <label for="${id}-description">What happened?</label>
      <textarea id="${id}-description" name="description"></textarea>
    </p>
    <p>
      <label for="${id}-service">Service</label>
      <select id="${id}-service" name="service">
        <option value="">Choose…</option>
        <option value="premium">Premium support</option>
        <option value="standard">Standard support</option>
      </select>
    </p>
    <p>
      <label
        >Priority
        <select name="priority">
          <option value="">Normal</option>
          <option value="high">High</option>
        </select></label
      >
    </p>
    <p>
      <label for="${id}-product">Product *</label>
      <select id="${id}-product" name="fields.product">
        <option value="">Choose…</option>
        <option value="router-x200">Router X200</option>
        <option value="switch-s24">Switch S24</option>
      </select>
    </p>
    <p><label for="${id}-contract">Contract</label> <input id="${id}-contract" name="contract_id" value="" /></p>
    <p>
      <label for="${id}-users">Affected users</label>
      <input id="${id}-users" type="number" name="fields.affected_users" />
    </p>
    <p><label for="${id}-due">Needed by</label> <input id="${id}-due" type="date" name="fields.due_date" /></p>
    <fieldset>
      <legend>Affected areas</legend>
      <label><input type="checkbox" name="fields.areas" value="wifi" /> Wi-Fi</label>
      <label><input type="checkbox" name="fields.areas" value="lan" /> LAN</label>
    </fieldset>
    <p>
      <input type="checkbox" id="${id}-restarted" name="fields.restarted" />
      <label for="${id}-restarted">I restarted the device</label>
    </p>
    <p><label for="${id}-files">Files</label> <input id="${id}-files" type="file" name="attachments" multiple /></p>
    <input type="text" name="_hp" hidden tabindex="-1" autocomplete="off" />
    ${extra}
    <button type="submit">Send</button>
  </form>`;
}

const control = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, name: string) =>
  root.querySelector<T>(`[name="${name}"]`)!;
const $ = <T extends Element = HTMLElement>(el: CaseCreate, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const summary = (el: CaseCreate) => $(el, '[part~="form-error"]')!.textContent!.replace(/\s+/g, ' ').trim();

/** The name of the focused control (compared as text: a failing DOM-node comparison makes a huge diff). */
const focused = () => (document.activeElement as HTMLInputElement | null)?.name ?? document.activeElement?.localName;

/** The message beside a control, found the way assistive technology finds it: aria-describedby. */
function describedText(c: Element): string {
  const ids = (c.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

function fillValid(form: HTMLFormElement, subject = 'Router keeps rebooting'): void {
  typeInto(control(form, 'subject'), subject);
  typeInto(control<HTMLTextAreaElement>(form, 'description'), 'Every hour, since the last update.');
  choose(control<HTMLSelectElement>(form, 'fields.product'), 'router-x200');
}

const pick = (input: HTMLInputElement, ...files: File[]): void => pickFiles(input, files);

const fileOf = (name: string, bytes: number, type = 'application/pdf') => new File([new Uint8Array(bytes)], name, { type });

async function casesWithSubject(adapter: CaseAdapter, subject: string) {
  const page = await adapter.listCases({ keyword: subject, limit: 100 });
  return page.items.filter((c) => c.subject === subject);
}

/** Counts uploads, passing them to the backend. */
function countingUploads(base: CaseAdapter): { adapter: CaseAdapter; uploads: File[] } {
  const uploads: File[] = [];
  const adapter = wrapAdapter(base, {
    uploadAttachment(file: File, opts?: UploadOptions): Promise<Attachment> {
      uploads.push(file);
      return base.uploadAttachment(file, opts);
    },
  });
  return { adapter, uploads };
}

describe('case-create web-form mode: mapping (pure)', () => {
  it('maps built-in names, fields.<key> and bare schema keys; reports the rest', () => {
    expect(mapName(SCHEMA, 'subject')).to.deep.equal({ kind: 'builtin', key: 'subject' });
    expect(mapName(SCHEMA, 'priority')).to.deep.equal({ kind: 'builtin', key: 'priority' });
    expect(mapName(SCHEMA, 'fields.product')).to.include({ kind: 'field' });
    expect((mapName(SCHEMA, 'contract_id') as { def: FieldDef }).def.key).to.equal('contract_id');
    expect(mapName(SCHEMA, 'nickname')).to.include({ kind: 'unknown' });
    expect((mapName(SCHEMA, 'fields.internal') as { problem: string }).problem).to.contain('can\'t be set when a case is created');
    const noPriorities = buildSchema({ priorities: [] });
    expect(mapName(noPriorities, 'priority')).to.include({ kind: 'unknown' });
  });

  it('reads every field type with FormData and checks values the schema does not offer', () => {
    const host = document.createElement('div');
    render(
      html`<form>
        <input name="subject" value=" Printer " />
        <textarea name="description">Smoke</textarea>
        <select name="category"><option value="billing" selected>Billing</option></select>
        <select name="fields.product"><option value="router-x999" selected>X999</option></select>
        <input name="contract_id" value="NW-1" />
        <input type="number" name="fields.affected_users" value="12" />
        <input type="date" name="fields.due_date" value="2025-04-01" />
        <input type="datetime-local" name="fields.since" value="2025-03-01T08:30" />
        <input type="checkbox" name="fields.areas" value="wifi" checked />
        <input type="checkbox" name="fields.areas" value="lan" />
        <select name="fields.environment"><option value="staging" selected>Staging</option></select>
        <input type="checkbox" name="fields.restarted" checked />
        <textarea name="fields.notes">Long text</textarea>
        <input type="email" name="fields.mail" value="a@b.example" />
        <input type="url" name="fields.site" value="https://example.com" />
        <select name="fields.areas_more" multiple></select>
        <input type="file" name="attachments" />
        <input name="_hp" value="bot" />
      </form>`,
      host,
    );
    const form = host.querySelector('form')!;
    const scan = scanWebForm(form, SCHEMA);
    expect(scan.problems.join('\n')).to.contain('"fields.areas_more" matches no case field');
    expect(scan.problems.join('\n')).to.contain('offers "router-x999"');
    expect(scan.problems.join('\n')).not.to.contain('_hp');
    const values = readWebForm(form, SCHEMA, scan);
    expect(values.fields).to.deep.include({
      product: 'router-x999',
      contract_id: 'NW-1',
      affected_users: 12,
      due_date: '2025-04-01',
      since: '2025-03-01T08:30',
      areas: ['wifi'],
      environment: 'staging',
      restarted: true,
      notes: 'Long text',
      mail: 'a@b.example',
      site: 'https://example.com',
    });
    const errors = validateWebForm(SCHEMA, values, scan, t);
    expect(errors).to.deep.equal({ 'fields.product': 'Choose an option.' });
    const input = webFormInput(SCHEMA, values);
    expect(input.subject).to.equal('Printer');
    expect(input.category).to.equal('billing');
    expect(input.fields).not.to.have.property('_hp');
    expect(input.fields).not.to.have.property('areas_more');

    // Unchecked box → false, an empty number → null, a multichoice value the schema lacks → error.
    (form.querySelector('[name="fields.restarted"]') as HTMLInputElement).checked = false;
    (form.querySelector('[name="fields.affected_users"]') as HTMLInputElement).value = '';
    const lan = form.querySelector<HTMLInputElement>('[value="lan"]')!;
    lan.value = 'fiber';
    lan.checked = true;
    const again = readWebForm(form, SCHEMA, scan);
    expect(again.fields['restarted']).to.equal(false);
    expect(again.fields['affected_users']).to.equal(null);
    expect(validateWebForm(SCHEMA, again, scan, t)['fields.areas']).to.equal('Choose an option.');
  });
});

describe('case-create web-form mode', () => {
  // The editor's problems go to console.warn: collect them (some forms here are partial on purpose).
  const warn = console.warn;
  let warnings: unknown[][] = [];
  beforeEach(() => {
    clearDrafts();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    for (const c of containers.splice(0)) c.remove();
    clearDrafts();
    console.warn = warn;
  });

  it('renders a slot and its status area instead of the built-in form, and owns novalidate', async () => {
    const el = await mount(html`<case-create .adapter=${memory()} .now=${now}>${editorForm()}</case-create>`);
    const form = el.querySelector('form')!;
    expect($(el, 'slot')).to.exist;
    expect($(el, 'form')).to.equal(null);
    expect($(el, '[part~="form-error"]')!.getAttribute('role')).to.equal('alert');
    expect(form.hasAttribute('novalidate')).to.equal(true);
    el.remove();
    expect(form.hasAttribute('novalidate')).to.equal(false);
  });

  it('sends every field type under its schema key, custom ones included, and nothing unmapped', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'createCase', { times: 0 });
    const el = await mount(html`<case-create .adapter=${adapter} .now=${now}>${editorForm()}</case-create>`);
    const form = el.querySelector('form')!;
    fillValid(form, 'Mapped case');
    choose(control<HTMLSelectElement>(form, 'service'), 'premium');
    choose(control<HTMLSelectElement>(form, 'priority'), 'high');
    typeInto(control(form, 'contract_id'), 'NW-2024-0137');
    typeInto(control(form, 'fields.affected_users'), '12');
    typeInto(control(form, 'fields.due_date'), '2025-04-01');
    form.querySelector<HTMLInputElement>('[name="fields.areas"][value="lan"]')!.click();
    form.querySelector<HTMLInputElement>('[name="fields.areas"][value="wifi"]')!.click();
    control(form, 'fields.restarted').click();
    control(form, '_hp').value = 'a bot was here';
    const created = oneEvent(el, 'case-created') as Promise<CaseCreatedEvent>;
    form.requestSubmit();
    const record = (await created).detail.case;
    expect(calls).to.have.length(1);
    const input = calls[0]!.args[0] as CaseInput;
    expect(input).to.deep.include({
      subject: 'Mapped case',
      description: 'Every hour, since the last update.',
      service: 'premium',
      priority: 'high',
    });
    expect(input.fields).to.deep.include({
      product: 'router-x200',
      contract_id: 'NW-2024-0137',
      affected_users: 12,
      due_date: '2025-04-01',
      areas: ['wifi', 'lan'],
      restarted: true,
    });
    expect(JSON.stringify(input)).not.to.contain('a bot was here');
    expect(record.priority).to.equal('high');
    expect(record.fields['areas']).to.deep.equal(['wifi', 'lan']);
  });

  it('places required and invalid messages beside the controls, links them, focuses the first and sends nothing', async () => {
    const { adapter, calls } = failingAdapter(memory(), 'createCase', { times: 0 });
    const consent = html`<p>
      <label><input type="checkbox" name="_consent" required /> I accept the terms</label>
    </p>`;
    const el = await mount(html`<case-create .adapter=${adapter} .now=${now}>${editorForm('wf-v', consent)}</case-create>`);
    const form = el.querySelector('form')!;
    typeInto(control(form, 'fields.affected_users'), '0');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const subject = control(form, 'subject');
    await waitUntil(() => subject.getAttribute('aria-invalid') === 'true', 'subject marked invalid');
    expect(calls).to.have.length(0);

    expect(describedText(subject)).to.equal('This field is required.');
    expect(subject.nextElementSibling!.id).to.equal(subject.getAttribute('aria-describedby'));
    expect(subject.validationMessage).to.equal('This field is required.');
    expect(describedText(control(form, 'description'))).to.equal('This field is required.');
    expect(describedText(control(form, 'fields.product'))).to.equal('Choose an option.');
    expect(describedText(control(form, 'fields.affected_users'))).to.equal('Enter 1 or more.');
    // The editor's own constraint on an ignored name still counts; the message goes after the label wrapper.
    const box = control(form, '_consent');
    expect(describedText(box)).to.equal('Tick this box to continue.');
    expect(box.closest('label')!.nextElementSibling!.textContent).to.equal('Tick this box to continue.');
    expect(control(form, 'contract_id').hasAttribute('aria-invalid')).to.equal(false);
    expect(focused()).to.equal('subject');

    expect(summary(el)).to.contain('Some values need your attention.');
    expect(summary(el)).to.contain('Subject: This field is required.');
    expect(summary(el)).to.contain('Product: Choose an option.');
    expect(summary(el)).to.contain('I accept the terms: Tick this box to continue.');

    // A second attempt reuses the messages; fixing a field takes its message away.
    form.requestSubmit();
    await el.updateComplete;
    expect(form.querySelectorAll('.case-field-error')).to.have.length(5);
    typeInto(subject, 'Fixed');
    await el.updateComplete;
    expect(subject.hasAttribute('aria-invalid')).to.equal(false);
    expect(subject.hasAttribute('aria-describedby')).to.equal(false);
    expect(subject.validationMessage).to.equal('');
    expect(summary(el)).not.to.contain('Subject:');

    // A summary entry moves focus to its control.
    const link = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="error-link"]')].find((b) =>
      b.textContent!.includes('Product'),
    )!;
    link.click();
    expect(focused()).to.equal('fields.product');
  });

  it('reports names that map to nothing once (console + case-error) and does not send them', async () => {
    const errors: CaseErrorEvent[] = [];
    const { adapter, calls } = failingAdapter(memory(), 'createCase', { times: 0 });
    const unknown = html`<p><label for="nick">Nickname</label> <input id="nick" name="nickname" /></p>`;
    const el = await mount(
      html`<case-create .adapter=${adapter} .now=${now} @case-error=${(e: CaseErrorEvent) => errors.push(e)}
        >${editorForm('wf-u', unknown)}</case-create
      >`,
    );
    await waitUntil(() => errors.length > 0, 'the problem is reported');
    const form = el.querySelector('form')!;
    fillValid(form, 'Unknown name case');
    typeInto(control(form, 'nickname'), 'Bobby');
    form.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.operation).to.equal('web-form');
    expect(errors[0]!.detail.message).to.contain('"nickname" matches no case field');
    expect(errors[0]!.detail.message).not.to.contain('_hp');
    expect(errors[0]!.detail.message).not.to.contain('attachments');
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('nickname');
    expect(JSON.stringify(calls[0]!.args[0])).not.to.contain('Bobby');
  });

  it('refuses a file over the limit beside the input before any upload, and uploads an accepted one once', async () => {
    const { adapter, uploads } = countingUploads(memory());
    const counted = failingAdapter(adapter, 'createCase', { times: 0 });
    const el = await mount(html`<case-create .adapter=${counted.adapter} .now=${now}>${editorForm('wf-f')}</case-create>`);
    const form = el.querySelector('form')!;
    const files = control(form, 'attachments');
    fillValid(form, 'File case');
    pick(files, fileOf('big.pdf', 10 * KB), fileOf('small.pdf', 100));
    await el.updateComplete;
    const message = describedText(files);
    expect(message).to.contain('big.pdf is too large');
    expect(message).to.contain(formatBytes(LIMITS.maxAttachmentBytes, 'en'));
    expect(files.getAttribute('aria-invalid')).to.equal('true');

    form.requestSubmit();
    await el.updateComplete;
    expect(uploads).to.have.length(0);
    expect(counted.calls).to.have.length(0);
    expect(focused()).to.equal('attachments');

    // Too many files: the count limit is checked too.
    pick(files, fileOf('a.pdf', 10), fileOf('b.pdf', 10), fileOf('c.pdf', 10));
    await el.updateComplete;
    expect(describedText(files)).to.contain('Attach at most 2 files.');

    pick(files, fileOf('small.pdf', 100));
    await el.updateComplete;
    expect(files.hasAttribute('aria-invalid')).to.equal(false);
    form.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(uploads.map((f) => f.name)).to.deep.equal(['small.pdf']);
    const input = counted.calls[0]!.args[0] as CaseInput;
    expect(input.attachmentIds).to.have.length(1);
  });

  it('sends once on a double submit and disables the submit button meanwhile', async () => {
    const base = memory({ latencyMs: 80 });
    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 0 });
    const el = await mount(html`<case-create .adapter=${adapter} .now=${now}>${editorForm('wf-d')}</case-create>`);
    const form = el.querySelector('form')!;
    fillValid(form, 'Double submit case');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.click();
    button.click();
    form.requestSubmit();
    form.dispatchEvent(new SubmitEvent('submit', { cancelable: true, bubbles: true }));
    expect(button.disabled).to.equal(true);
    await el.updateComplete;
    expect($(el, '[part~="progress"]')!.textContent).to.equal('Creating…');
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(calls).to.have.length(1);
    expect(button.disabled).to.equal(false);
    expect(await casesWithSubject(base, 'Double submit case')).to.have.length(1);
  });

  it('keeps the values after a lost answer; the retry reuses the key and the upload, making exactly one case', async () => {
    const base = memory();
    const { adapter: uploading, uploads } = countingUploads(base);
    const { adapter, calls } = failingAdapter(uploading, 'createCase', { times: 1, afterCommit: true });
    const errors: CaseErrorEvent[] = [];
    const el = await mount(
      html`<case-create .adapter=${adapter} .now=${now} @case-error=${(e: CaseErrorEvent) => errors.push(e)}
        >${editorForm('wf-r')}</case-create
      >`,
    );
    const form = el.querySelector('form')!;
    fillValid(form, 'Lost answer case');
    pick(control(form, 'attachments'), fileOf('log.txt', 200, 'text/plain'));
    form.requestSubmit();
    await waitUntil(() => summary(el).includes('can’t be reached'), 'the failure is shown');
    expect(errors.map((e) => e.detail.operation)).to.deep.equal(['createCase']);
    expect(control(form, 'subject').value).to.equal('Lost answer case');
    expect(control<HTMLSelectElement>(form, 'fields.product').value).to.equal('router-x200');
    expect(form.hidden).to.equal(false);

    form.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created on retry');
    expect(calls).to.have.length(2);
    expect(calls[1]!.idempotencyKey).to.equal(calls[0]!.idempotencyKey);
    expect(uploads).to.have.length(1);
    const cases = await casesWithSubject(base, 'Lost answer case');
    expect(cases).to.have.length(1);
    expect(cases[0]!.attachments.map((a) => a.name)).to.deep.equal(['log.txt']);
  });

  it('restores the draft after a reload, only into empty controls, and asks to attach files again', async () => {
    const adapter = memory();
    const page = () => html`<case-create .adapter=${adapter} .now=${now}>${editorForm('wf-draft')}</case-create>`;
    const first = await mount(page());
    let form = first.querySelector('form')!;
    typeInto(control(form, 'subject'), 'Draft subject');
    choose(control<HTMLSelectElement>(form, 'fields.product'), 'switch-s24');
    form.querySelector<HTMLInputElement>('[name="fields.areas"][value="lan"]')!.click();
    control(form, 'fields.restarted').click();
    pick(control(form, 'attachments'), fileOf('photo.png', 100, 'image/png'));
    expect(ownDraftKeys()).to.have.length(1);
    first.closest('div')!.remove();

    // The "reload": a server-prefilled contract number must not be replaced by the draft.
    const el = await mount(page());
    form = el.querySelector('form')!;
    await waitUntil(() => $(el, '[part~="draft-notice"]'), 'the notice');
    expect(control(form, 'subject').value).to.equal('Draft subject');
    expect(control<HTMLSelectElement>(form, 'fields.product').value).to.equal('switch-s24');
    expect(form.querySelector<HTMLInputElement>('[value="lan"]')!.checked).to.equal(true);
    expect(form.querySelector<HTMLInputElement>('[value="wifi"]')!.checked).to.equal(false);
    expect(control(form, 'fields.restarted').checked).to.equal(true);
    expect($(el, '[part~="draft-notice"]')!.textContent).to.contain('Your unsent request was restored.');
    expect($(el, '[part~="draft-notice"]')!.textContent).to.contain('photo.png');

    $(el, '[part~="reset-button"]')!.click();
    await el.updateComplete;
    expect(control(form, 'subject').value).to.equal('');
    expect(ownDraftKeys()).to.deep.equal([]);
    expect($(el, '[part~="draft-notice"]')).to.equal(null);
  });

  it('keeps the drafts of two unnamed editor forms on one page apart', async () => {
    const adapter = memory();
    // Two forms with neither id nor name, nor draft-id: told apart by their place on the page.
    const unnamed = (n: number) => html`<form>
      <p><label for="u${n}-subject">Subject</label> <input id="u${n}-subject" name="subject" /></p>
      <p><label for="u${n}-description">Description</label> <textarea id="u${n}-description" name="description"></textarea></p>
      <button type="submit">Send</button>
    </form>`;
    const page = () =>
      html`<case-create .adapter=${adapter} .now=${now}>${unnamed(1)}</case-create>
        <case-create .adapter=${adapter} .now=${now}>${unnamed(2)}</case-create>`;
    let first = await mount(page());
    let second = first.parentElement!.querySelectorAll<CaseCreate>('case-create')[1]!;
    await waitUntil(() => second.shadowRoot?.querySelector('[part~="form-error"]'), 'the second is ready');
    typeInto(control(first.querySelector('form')!, 'subject'), 'First form');
    typeInto(control(second.querySelector('form')!, 'subject'), 'Second form');
    expect(ownDraftKeys()).to.have.length(2);
    first.closest('div')!.remove();

    first = await mount(page());
    second = first.parentElement!.querySelectorAll<CaseCreate>('case-create')[1]!;
    await waitUntil(() => control(first.querySelector('form')!, 'subject').value === 'First form', 'the first draft');
    await waitUntil(() => control(second.querySelector('form')!, 'subject').value === 'Second form', 'the second draft');
  });

  it('does not clobber a value the page prefilled', async () => {
    const adapter = memory();
    const prefilled = (value: string) =>
      html`<case-create .adapter=${adapter} .now=${now}
        ><form id="wf-pre">
          <label for="pre-s">Subject</label><input id="pre-s" name="subject" />
          <label for="pre-c">Contract</label><input id="pre-c" name="contract_id" value=${value} /></form
      ></case-create>`;
    const first = await mount(prefilled(''));
    typeInto(control(first, 'subject'), 'Typed');
    typeInto(control(first, 'contract_id'), 'NW-TYPED');
    first.closest('div')!.remove();
    const el = await mount(prefilled('NW-SERVER'));
    await waitUntil(() => control(el, 'subject').value === 'Typed', 'restored');
    expect(control(el, 'contract_id').value).to.equal('NW-SERVER');
  });

  it('a reload during submit sends the same idempotency key, so one case is made', async () => {
    const base = memory();
    let storedBeforeRequest = '';
    // The first page's request reaches the backend, then the page goes away before the answer.
    const { adapter: lost, calls: sent } = failingAdapter(base, 'createCase', {
      times: 1,
      afterCommit: true,
      hangs: true,
      onCall: () => (storedBeforeRequest = localStorage.getItem(ownDraftKeys()[0] ?? '') ?? ''),
    });
    const first = await mount(html`<case-create .adapter=${lost} .now=${now}>${editorForm('wf-reload')}</case-create>`);
    fillValid(first.querySelector('form')!, 'Reload case');
    first.querySelector('form')!.requestSubmit();
    await waitUntil(() => sent.length === 1, 'sent');
    expect(storedBeforeRequest).to.contain(sent[0]!.idempotencyKey!);
    first.closest('div')!.remove();

    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 0 });
    const el = await mount(html`<case-create .adapter=${adapter} .now=${now}>${editorForm('wf-reload')}</case-create>`);
    const form = el.querySelector('form')!;
    await waitUntil(() => control(form, 'subject').value === 'Reload case', 'draft restored');
    form.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(calls[0]!.idempotencyKey).to.equal(sent[0]!.idempotencyKey);
    expect(await casesWithSubject(base, 'Reload case')).to.have.length(1);
  });

  it('stores the key before sending even when the page prefilled every value (nothing typed)', async () => {
    const base = memory();
    let stored = '';
    const { adapter: lost, calls: sent } = failingAdapter(base, 'createCase', {
      times: 1,
      afterCommit: true,
      hangs: true,
      onCall: () => (stored = ownDraftKeys().map((k) => localStorage.getItem(k)).join('\n')),
    });
    const page = (adapter: CaseAdapter) =>
      html`<case-create .adapter=${adapter} .now=${now}
        ><form id="wf-prefilled">
          <label for="pf-s">Subject</label> <input id="pf-s" name="subject" value="Prefilled case" />
          <label for="pf-d">Description</label> <textarea id="pf-d" name="description">From the order page.</textarea>
          <label for="pf-p">Product</label>
          <select id="pf-p" name="fields.product">
            <option value="router-x200" selected>Router X200</option>
          </select>
          <button>Send</button>
        </form></case-create
      >`;
    const first = await mount(page(lost));
    first.querySelector('form')!.requestSubmit();
    await waitUntil(() => sent.length === 1, 'sent');
    expect(stored).to.contain(sent[0]!.idempotencyKey!);
    first.closest('div')!.remove();

    const { adapter, calls } = failingAdapter(base, 'createCase', { times: 0 });
    const el = await mount(page(adapter));
    el.querySelector('form')!.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created');
    expect(calls[0]!.idempotencyKey).to.equal(sent[0]!.idempotencyKey);
    expect(await casesWithSubject(base, 'Prefilled case')).to.have.length(1);
  });

  it('confirms with the number, fires case-created, hides the form, opens the case and starts again', async () => {
    const el = await mount(html`<case-create .adapter=${memory()} .now=${now}>${editorForm('wf-ok')}</case-create>`);
    const { opened } = recordNavigation(el);
    const form = el.querySelector('form')!;
    fillValid(form, 'Confirmed case');
    const created = oneEvent(el, 'case-created') as Promise<CaseCreatedEvent>;
    form.requestSubmit();
    const record = (await created).detail.case;
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'confirmation');
    const panel = $(el, '[part~="confirmation"]')!;
    expect(panel.textContent).to.contain(record.number);
    await waitUntil(() => el.shadowRoot!.activeElement === panel, 'focus on the confirmation');
    expect(form.hidden).to.equal(true);
    expect(control(form, 'subject').value).to.equal('');
    expect(ownDraftKeys()).to.deep.equal([]);
    await expect(el).to.be.accessible();

    el.addEventListener('case-select', (e) => e.preventDefault(), { once: true });
    const select = oneEvent(el, 'case-select') as Promise<CaseSelectEvent>;
    $(el, '[part~="open-button"]')!.click();
    expect((await select).detail.caseId).to.equal(record.id);
    expect(opened).to.have.length(0);
    $(el, '[part~="open-button"]')!.click();
    expect(opened).to.deep.equal([record.id]);

    $(el, '[part~="another-button"]')!.click();
    await waitUntil(() => !form.hidden, 'the form again');
    expect($(el, '[part~="confirmation"]')).to.equal(null);
    await waitUntil(() => document.activeElement === control(form, 'subject'), 'focus on the first control');
  });

  it('uses a form elsewhere named by form="id", follows the attribute and gives the form back', async () => {
    const errors: CaseErrorEvent[] = [];
    const el = await mount(html`${editorForm('ext-a')}
      <form id="ext-b" novalidate><label for="b-s">Subject</label><input id="b-s" name="subject" /></form>
      <case-create form="ext-a" .adapter=${memory()} .now=${now} @case-error=${(e: CaseErrorEvent) => errors.push(e)}></case-create>`);
    const a = document.getElementById('ext-a') as HTMLFormElement;
    const b = document.getElementById('ext-b') as HTMLFormElement;
    expect($(el, 'slot')).to.exist;
    expect(a.hasAttribute('novalidate')).to.equal(true);
    fillValid(a, 'External form case');
    const created = oneEvent(el, 'case-created') as Promise<CaseCreatedEvent>;
    a.requestSubmit();
    expect((await created).detail.case.subject).to.equal('External form case');
    expect(a.hidden).to.equal(true);

    el.setAttribute('form', 'ext-b');
    await el.updateComplete;
    expect(a.hasAttribute('novalidate')).to.equal(false);
    expect(a.hidden).to.equal(false);
    expect(b.hasAttribute('novalidate')).to.equal(true);
    // The old form is no longer intercepted (a listener of ours would have called preventDefault first).
    let prevented: boolean | undefined;
    a.addEventListener('submit', (e) => {
      prevented = e.defaultPrevented;
      e.preventDefault();
    }, { once: true });
    a.requestSubmit();
    expect(prevented).to.equal(false);

    el.setAttribute('form', 'no-such-form');
    await waitUntil(() => $(el, 'form'), 'the built-in form');
    expect(b.hasAttribute('novalidate')).to.equal(true);
    expect(errors.map((e) => e.detail.message).join(' ')).to.contain('No <form id="no-such-form">');
  });

  it('places the backend field errors beside the fields; the rest goes to the summary', async () => {
    const { adapter } = failingAdapter(memory(), 'createCase', {
      times: 1,
      code: 'validation',
      fieldErrors: {
        subject: 'Too vague.',
        contract_id: 'Unknown contract.',
        priority: 'Priority is locked.',
        environment: 'Not offered here.',
      },
    });
    const el = await mount(html`<case-create .adapter=${adapter} .now=${now}>${editorForm('wf-s')}</case-create>`);
    const form = el.querySelector('form')!;
    fillValid(form);
    form.requestSubmit();
    const subject = control(form, 'subject');
    await waitUntil(() => subject.getAttribute('aria-invalid') === 'true', 'server errors shown');
    expect(describedText(subject)).to.equal('Too vague.');
    expect(describedText(control(form, 'contract_id'))).to.equal('Unknown contract.');
    expect(describedText(control(form, 'priority'))).to.equal('Priority is locked.');
    // The priority select sits inside its label: the message goes after the label.
    expect(control(form, 'priority').closest('label')!.nextElementSibling!.textContent).to.equal('Priority is locked.');
    expect(summary(el)).to.contain('Environment: Not offered here.');
    expect(focused()).to.equal('subject');
  });

  it('is accessible with errors showing', async () => {
    const el = await mount(html`<case-create .adapter=${memory()} .now=${now}>${editorForm('wf-a11y')}</case-create>`);
    const form = el.querySelector('form')!;
    pick(control(form, 'attachments'), fileOf('big.pdf', 10 * KB));
    form.requestSubmit();
    await waitUntil(() => form.querySelectorAll('.case-field-error:not([hidden])').length >= 4, 'errors shown');
    await expect(el).to.be.accessible();
  });

  it('ignores file inputs when the backend takes no attachments, and says so', async () => {
    const errors: CaseErrorEvent[] = [];
    const { adapter, uploads } = countingUploads(
      memory({ schema: { fields: FIELDS, limits: LIMITS, features: { ...demoSchema.features, attachments: false } } }),
    );
    const el = await mount(
      html`<case-create .adapter=${adapter} .now=${now} @case-error=${(e: CaseErrorEvent) => errors.push(e)}
        >${editorForm('wf-nofiles')}</case-create
      >`,
    );
    await waitUntil(() => errors.length > 0, 'reported');
    expect(errors[0]!.detail.message).to.contain('file input "attachments" is ignored');
    const form = el.querySelector('form')!;
    fillValid(form, 'No files case');
    pick(control(form, 'attachments'), fileOf('big.pdf', 10 * KB));
    form.requestSubmit();
    await waitUntil(() => $(el, '[part~="confirmation"]'), 'created without the file');
    expect(uploads).to.have.length(0);
  });
});
