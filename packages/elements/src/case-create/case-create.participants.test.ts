/** Naming people to copy when creating a case (issue 13): what the form offers and what the backend gets. */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { DEMO_PEOPLE, MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseInput } from '@case-portal/core';
import '../define/case-create.js';
import type { CaseCreate } from './case-create.js';
import type { CaseCreatedEvent } from '../events.js';
import { DRAFT_PREFIX } from '../shared/drafts.js';
import { choose, typeInto, wrapAdapter } from '../testing/index.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const $ = <T extends Element = HTMLElement>(el: CaseCreate, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const clearDrafts = () => {
  for (const k of Object.keys(localStorage)) if (k.startsWith(`${DRAFT_PREFIX}create:`)) localStorage.removeItem(k);
};

async function mount(adapter: CaseAdapter): Promise<CaseCreate> {
  const el = await fixture<CaseCreate>(html`<case-create .adapter=${adapter} .now=${() => NOW}></case-create>`);
  await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form loads');
  return el;
}

function recording(base: MemoryAdapter): { adapter: CaseAdapter; inputs: CaseInput[] } {
  const inputs: CaseInput[] = [];
  return { adapter: wrapAdapter(base, { createCase: (input, opts) => (inputs.push(input), base.createCase(input, opts)) }), inputs };
}

function fill(el: CaseCreate): void {
  typeInto($<HTMLInputElement>(el, '#f-subject')!, 'New routers for the branch');
  typeInto($<HTMLTextAreaElement>(el, '#f-description')!, 'Tom and Mei should follow this.');
  choose($<HTMLSelectElement>(el, '#f-fields_product')!, 'router-x200');
}

describe('case-create: people to copy', () => {
  beforeEach(clearDrafts);
  afterEach(clearDrafts);

  it('sends the addresses typed, and the new case copies those people', async () => {
    const base = new MemoryAdapter({ storage: null, now: () => NOW });
    const { adapter, inputs } = recording(base);
    const el = await mount(adapter);
    const field = $<HTMLInputElement>(el, '#f-participants')!;
    expect($(el, 'label[for="f-participants"]')!.textContent).to.contain('Copy others on this case');
    expect(field.getAttribute('aria-describedby')).to.contain('f-participants-help');
    fill(el);
    typeInto(field, `${DEMO_PEOPLE.tom.email}, ${DEMO_PEOPLE.mei.email}; ${DEMO_PEOPLE.tom.email!.toUpperCase()}`);
    const created = oneEvent(el, 'case-created') as Promise<CaseCreatedEvent>;
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    const { detail } = await created;
    expect(inputs[0]!.participants).to.deep.equal([{ email: DEMO_PEOPLE.tom.email }, { email: DEMO_PEOPLE.mei.email }]);
    expect((await base.getCase(detail.case.id)).contacts?.map((p) => p.id)).to.deep.equal([DEMO_PEOPLE.tom.id, DEMO_PEOPLE.mei.id]);
    await expect(el).to.be.accessible();
  });

  it('refuses a malformed address and more people than the schema allows, before sending', async () => {
    const base = new MemoryAdapter({ storage: null, now: () => NOW, schema: { participants: { max: 1, colleagues: false } } });
    const { adapter, inputs } = recording(base);
    const el = await mount(adapter);
    fill(el);
    const field = $<HTMLInputElement>(el, '#f-participants')!;
    typeInto(field, 'tom.becker@northwind');
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '#f-participants-error')!.textContent, 'the error');
    expect($(el, '#f-participants-error')!.textContent).to.equal('“tom.becker@northwind” is not an email address.');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    typeInto(field, `${DEMO_PEOPLE.tom.email} ${DEMO_PEOPLE.mei.email}`);
    $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
    await waitUntil(() => $(el, '#f-participants-error')!.textContent!.includes('You can copy'), 'the limit');
    expect($(el, '#f-participants-error')!.textContent).to.equal('You can copy 1 person.');
    expect(inputs).to.have.length(0);
  });

  it('offers no field when the schema copies no one', async () => {
    const el = await mount(new MemoryAdapter({ storage: null, now: () => NOW, schema: { participants: null } }));
    expect($(el, '#f-participants')).to.equal(null);
    expect(demoSchema.participants?.max).to.be.greaterThan(0);
  });
});
