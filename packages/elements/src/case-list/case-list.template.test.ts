import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter } from '@case-portal/core';
import '../define/case-list.js';
import { navigatorHost } from '../../../../test/dom.js';
import type { CaseList } from './case-list.js';
import { listSettled } from '../testing/index.js';
import type { CaseErrorEvent } from '../events.js';

const NOW = new Date('2024-06-11T12:00:00Z');
const qa = <T extends Element = HTMLElement>(el: CaseList, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const cards = (el: CaseList) => qa(el, '[part~="card"]');
const settled = (el: CaseList) => listSettled(el);

/** A memory backend whose newest case was typed by an attacker. */
async function hostileAdapter(): Promise<{ adapter: MemoryAdapter; id: string }> {
  const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
  const c = await adapter.createCase({
    subject: '<img src=x onerror="window.__pwned=1">',
    description: '"><script>window.__pwned=2</script>',
    fields: { product: 'router-x200', contract_id: 'javascript:alert(3)' },
  });
  return { adapter, id: c.id };
}

async function withTemplate(adapter: CaseAdapter, markup: (t: HTMLTemplateElement) => void, onError?: (e: CaseErrorEvent) => void) {
  const el = document.createElement('case-list') as CaseList;
  el.adapter = adapter;
  el.setAttribute('locale', 'en-US');
  const template = document.createElement('template');
  markup(template);
  el.append(template);
  if (onError) el.addEventListener('case-error', onError as EventListener);
  document.body.append(el);
  await settled(el);
  return el;
}

/** Builds template content with DOM calls, the way a CMS page's parser would have. */
function card(t: HTMLTemplateElement, hrefPlaceholder = '/support/case?id={{id}}'): void {
  const article = document.createElement('article');
  const h = document.createElement('h3');
  const a = document.createElement('a');
  a.setAttribute('data-case-open', '');
  a.setAttribute('href', hrefPlaceholder);
  a.setAttribute('title', '{{subject}}');
  a.textContent = '{{number}} {{subject}}';
  h.append(a);
  const status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('data-category', '{{status.category}}');
  status.textContent = '{{status.label}}';
  const meta = document.createElement('p');
  meta.textContent = 'Product: {{fields.product}} · updated {{updatedAt | date}} · {{fields.contract_id}}';
  const link = document.createElement('a');
  link.className = 'contract';
  link.setAttribute('href', '{{fields.contract_id}}');
  link.textContent = 'contract';
  article.append(h, status, meta, link);
  t.content.append(article);
}

describe('<case-list> with a CMS editor’s template', () => {
  before(() => setViewport({ width: 1000, height: 2000 }));
  afterEach(() => {
    document.querySelectorAll('case-list').forEach((e) => e.remove());
    delete (window as { __pwned?: unknown }).__pwned;
  });

  it('renders each case through the template: text, attributes, typed fields, the status pill', async () => {
    const el = await withTemplate(new MemoryAdapter({ storage: null, now: () => NOW }), (t) => card(t));
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    const first = cards(el)[0]!;
    const open = first.querySelector<HTMLAnchorElement>('a[data-case-open]')!;
    expect(open.textContent).to.match(/^\d{8} \S/);
    expect(open.getAttribute('href')).to.equal(`/support/case?id=${first.dataset.id}`);
    const pill = first.querySelector<HTMLElement>('.status')!;
    expect(pill.dataset.category).to.match(/^[a-z-]+$/);
    // The list's own styles apply inside the template: the pill is coloured, not plain text.
    expect(getComputedStyle(pill).borderRadius).to.not.equal('0px');
    expect(first.querySelector('p')!.textContent).to.match(/^Product: .+ · updated [A-Z][a-z]{2} \d{1,2}, \d{4} · /);
    // The template brings its own opener: no extra "Open case" button.
    expect(first.querySelector('[part~="open"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('fills the backend’s labels in the list’s language: {{status.label}}, {{origin}}, {{fields.product}} from the schema’s translations', async () => {
    const adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    const el = document.createElement('case-list') as CaseList;
    el.adapter = adapter;
    el.setAttribute('locale', 'de-DE');
    const template = document.createElement('template');
    const line = document.createElement('p');
    line.textContent = '{{status.label}}|{{origin}}|{{fields.product}}';
    template.content.append(line);
    el.append(template);
    document.body.append(el);
    await settled(el);
    const schema = await adapter.describe();
    const de = schema.translations!['de']!;
    const page = await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 5 });
    const shown = cards(el).slice(0, 5).map((c) => c.querySelector('p')!.textContent);
    const productLabel = (v: unknown) => de.fields!['product']!.options?.[String(v)] ?? schema.fields[0]!.options!.find((o) => o.value === v)!.label;
    expect(shown).to.deep.equal(page.items.map((c) => `${de.statuses![c.status.id]}|${de.origins![c.origin]}|${productLabel(c.fields['product'])}`));
    // Not the base (English) labels the cases carry.
    expect(shown.some((t, i) => t!.startsWith(`${page.items[i]!.status.label}|`))).to.equal(false);
  });

  it('hostile values stay text, and unsafe URLs never reach href', async () => {
    const { adapter, id } = await hostileAdapter();
    const el = await withTemplate(adapter, (t) => card(t));
    const mine = cards(el).find((c) => c.dataset.id === id)!;
    expect(mine.querySelector('a[data-case-open]')!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(mine.querySelector('a[data-case-open]')!.getAttribute('title')).to.equal('<img src=x onerror="window.__pwned=1">');
    expect(mine.querySelector('img, script')).to.equal(null);
    expect(mine.querySelector('a.contract')!.hasAttribute('href')).to.equal(false);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
  });

  it('reports an unknown placeholder and removed markup (console + case-error), not silently', async () => {
    const errors: CaseErrorEvent[] = [];
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await withTemplate(
        new MemoryAdapter({ storage: null, now: () => NOW }),
        (t) => {
          const p = document.createElement('p');
          p.textContent = '{{number}} {{fieldz.product}}';
          p.setAttribute('onclick', 'window.__pwned=4');
          t.content.append(p, document.createElement('script'));
        },
        (e) => errors.push(e),
      );
      expect(errors.length).to.equal(1);
      expect(errors[0]!.detail.operation).to.equal('template');
      expect(errors[0]!.detail.message).to.contain('{{fieldz.product}}');
      expect(errors[0]!.detail.message).to.match(/onclick/);
      expect(errors[0]!.detail.message).to.match(/script/);
      expect(warnings.join('\n')).to.contain('{{fieldz.product}}');
      const p = cards(el)[0]!.querySelector('p')!;
      expect(p.hasAttribute('onclick')).to.equal(false);
      expect(p.textContent!.trim()).to.match(/^\d{8}$/);
      // Without its own opener the card gets one.
      expect(cards(el)[0]!.querySelector('[part~="open"]')!.textContent!.trim()).to.match(/^Open case \d{8}$/);
    } finally {
      console.warn = warn;
    }
  });

  it('opens the case from the template’s link inside a portal, and fires case-select', async () => {
    const { host, opened, remove } = navigatorHost();
    const el = document.createElement('case-list') as CaseList;
    el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    const t = document.createElement('template');
    card(t);
    el.append(t);
    host.append(el);
    try {
      await settled(el);
      const first = cards(el)[0]!;
      const selected = oneEvent(el, 'case-select');
      first.querySelector<HTMLAnchorElement>('a[data-case-open]')!.click();
      expect((await selected).detail.caseId).to.equal(first.dataset.id);
      expect(opened).to.deep.equal([first.dataset.id]);
      // The portal handled it: the page did not follow the link.
      expect(location.pathname).to.not.contain('/support/case');
    } finally {
      remove();
    }
  });

  it('uses a template referenced by id and follows edits to it', async () => {
    const t = document.createElement('template');
    t.id = 'case-card-test';
    t.content.append(Object.assign(document.createElement('strong'), { textContent: '#{{number}}' }));
    document.body.append(t);
    try {
      const el = await fixture<CaseList>(
        html`<case-list .adapter=${new MemoryAdapter({ storage: null, now: () => NOW })} template="case-card-test"></case-list>`,
      );
      await settled(el);
      expect(cards(el)[0]!.querySelector('strong')!.textContent).to.match(/^#\d{8}$/);

      // A child template edited after the list rendered (a CMS preview) takes effect.
      const child = document.createElement('template');
      child.content.append(Object.assign(document.createElement('em'), { textContent: '{{subject}}' }));
      el.removeAttribute('template');
      el.append(child);
      await waitUntil(() => cards(el)[0]?.querySelector('em'), 'child template not used');
    } finally {
      t.remove();
    }
  });
});
