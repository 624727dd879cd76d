/**
 * Language and direction (issue 13, defect 6): an element's language comes from `locale`, else the
 * closest `[lang]` (across shadow roots), else the document; its direction from its own `dir`, else
 * the closest `[dir]`, else the language. `locale="en_US"` is en-US; an invalid locale falls back to
 * the page's language with one report, never a blank list. Customer text gets `dir="auto"`.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { formatDate, type CaseRecord } from '@case-portal/core';
import '../define/case-list.js';
import type { CaseList } from '../case-list/case-list.js';
import type { CaseErrorEvent } from '../events.js';
import { listSettled } from '../testing/index.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const placed: Element[] = [];

async function listIn(parent: ParentNode, attrs: Record<string, string> = {}): Promise<CaseList> {
  const el = document.createElement('case-list') as CaseList;
  el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
  el.now = () => NOW;
  el.setAttribute('columns', 'number, subject, updatedAt');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  parent.append(el);
  await listSettled(el);
  return el;
}
function wrapper(attrs: Record<string, string>): HTMLElement {
  const div = document.createElement('div');
  for (const [k, v] of Object.entries(attrs)) div.setAttribute(k, v);
  document.body.append(div);
  placed.push(div);
  return div;
}

/** The first row's case and its "Last update" cell as shown. */
async function firstRow(el: CaseList): Promise<{ c: CaseRecord; updated: string; subject: HTMLElement }> {
  const row = el.shadowRoot!.querySelector<HTMLElement>('tbody tr[part~="row"]')!;
  const c = await el.adapter!.getCase(row.dataset.id!);
  return {
    c,
    updated: row.querySelector('td.cell-updatedAt')!.textContent!.trim(),
    subject: row.querySelector<HTMLElement>('td.cell-subject [dir]')!,
  };
}
const shownIn = async (el: CaseList, locale: string) => {
  // A new language's catalog may be loading: the rows stay in the old language's format meanwhile.
  if (!el.shadowRoot!.querySelector('tbody tr[part~="row"]')) return false;
  const { c, updated } = await firstRow(el);
  const tz = (await el.adapter!.viewer()).timeZone;
  return updated === formatDate(c.updatedAt, locale, 'datetime', tz);
};

describe('language and direction', () => {
  afterEach(() => {
    for (const el of placed.splice(0)) el.remove();
  });

  it('takes the language of the closest [lang] around it, and follows when it changes', async () => {
    const section = wrapper({ lang: 'fr' });
    const el = await listIn(section);
    expect(await shownIn(el, 'fr')).to.equal(true);
    expect(el.shadowRoot!.querySelector('th.cell-subject')!.textContent).to.not.equal('');
    section.setAttribute('lang', 'de');
    await waitUntil(async () => shownIn(el, 'de'), 'German dates after lang="de"');
  });

  it('finds [lang] and [dir] across shadow roots', async () => {
    const host = wrapper({ lang: 'ar', dir: 'rtl' });
    const root = host.attachShadow({ mode: 'open' });
    const el = await listIn(root);
    expect(await shownIn(el, 'ar')).to.equal(true);
    expect(getComputedStyle(el).direction).to.equal('rtl');
  });

  it('follows lang and dir changes made inside a shadow root around it (a host framework re-rendering)', async () => {
    const host = wrapper({});
    const root = host.attachShadow({ mode: 'open' });
    const section = document.createElement('section');
    section.lang = 'fr';
    root.append(section);
    const el = await listIn(section);
    expect(await shownIn(el, 'fr')).to.equal(true);
    section.lang = 'de';
    await waitUntil(async () => shownIn(el, 'de'), 'German dates after lang="de" inside the shadow root');
    section.dir = 'rtl';
    await waitUntil(() => getComputedStyle(el).direction === 'rtl', 'RTL after dir="rtl" inside the shadow root');
    // Stops watching once gone: moved out, it follows the document again.
    el.remove();
    document.body.append(el);
    placed.push(el);
    await waitUntil(() => getComputedStyle(el).direction === 'ltr', 'LTR again outside the RTL section');
  });

  it('an element inside an RTL page is RTL; customer text gets dir="auto" so it keeps its own direction', async () => {
    const section = wrapper({ dir: 'rtl' });
    const el = await listIn(section, { locale: 'en-US' });
    expect(getComputedStyle(el).direction).to.equal('rtl');
    const { c, subject } = await firstRow(el);
    expect(subject.getAttribute('dir')).to.equal('auto');
    expect(subject.textContent!.trim()).to.equal(c.subject);
    // An LTR subject inside RTL keeps its punctuation where it was written.
    expect(getComputedStyle(subject).direction).to.equal('ltr');
  });

  it('accepts locale="en_US" as en-US, without a report', async () => {
    const errors: CaseErrorEvent[] = [];
    const el = document.createElement('case-list') as CaseList;
    el.addEventListener('case-error', (e) => errors.push(e));
    const section = wrapper({});
    el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    el.setAttribute('locale', 'en_US');
    el.setAttribute('columns', 'number, subject, updatedAt');
    section.append(el);
    await listSettled(el);
    expect(await shownIn(el, 'en-US')).to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('an invalid locale falls back to the page language with one report, never a blank list', async () => {
    const errors: CaseErrorEvent[] = [];
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const section = wrapper({ lang: 'fr' });
      const el = document.createElement('case-list') as CaseList;
      el.addEventListener('case-error', (e) => errors.push(e));
      el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
      el.setAttribute('locale', 'not a locale!');
      el.setAttribute('columns', 'number, subject, updatedAt');
      section.append(el);
      await listSettled(el);
      expect(el.shadowRoot!.querySelectorAll('tbody tr[part~="row"]').length).to.be.greaterThan(0);
      expect(await shownIn(el, 'fr')).to.equal(true);
      el.requestUpdate();
      await el.updateComplete;
      expect(errors.filter((e) => e.detail.operation === 'locale')).to.have.length(1);
      expect(errors[0]!.detail.message).to.contain('not a locale!');
      expect(warnings.filter((w) => w.includes('not a locale!'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });
});
