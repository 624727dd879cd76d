/**
 * Laying out the whole portal (issue 13, defect 3): `<case-portal columns="…">` and the editor's
 * `<template data-for="list">` / `<template data-for="details">` placed inside it reach the list
 * and the case view the portal renders.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-portal.js';
import type { CasePortal } from './case-portal.js';
import { deepQuery } from '../../../../test/dom.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const placed: Element[] = [];

/** A `<template data-for=…>` whose content is built with DOM calls, as a CMS page's parser would. */
function template(forWhat: string, build: (content: DocumentFragment) => void): HTMLTemplateElement {
  const t = document.createElement('template');
  t.dataset.for = forWhat;
  build(t.content);
  return t;
}
function node(tag: string, attrs: Record<string, string>, text: string): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.textContent = text;
  return el;
}

function portal(attrs: Record<string, string>, ...children: Node[]): CasePortal {
  const el = document.createElement('case-portal') as CasePortal;
  el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
  el.now = () => NOW;
  el.setAttribute('locale', 'en-US');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  document.body.append(el);
  placed.push(el);
  return el;
}

const list = (el: CasePortal) => deepQuery<HTMLElement>(el.shadowRoot!, 'case-list');
const inList = (el: CasePortal, sel: string) => [...(list(el)?.shadowRoot?.querySelectorAll<HTMLElement>(sel) ?? [])];

describe('case-portal layout', () => {
  afterEach(() => {
    for (const el of placed.splice(0)) el.remove();
  });

  it('passes columns="…" to its list', async function () {
    this.timeout(20_000); // the first test of the file loads the list's code
    const el = portal({ columns: 'number, subject, origin, createdAt' });
    await waitUntil(() => inList(el, 'tbody tr[part~="row"]').length, 'rows', { timeout: 8000 });
    const headers = inList(el, 'th[part~="header"]').map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Case number', 'Subject', 'Channel', 'Created']);
  });

  it('takes the columns from a JSON configuration as a list, like the list does', async function () {
    this.timeout(20_000);
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({ columns: ['number', 'subject', 'owner'] });
    const el = portal({}, script);
    await waitUntil(() => inList(el, 'tbody tr[part~="row"]').length, 'rows', { timeout: 8000 });
    await waitUntil(() => inList(el, 'th[part~="header"]').length === 3, 'three columns', { timeout: 4000 });
    expect(inList(el, 'th[part~="header"]').map((th) => th.textContent!.trim())).to.deep.equal(['Case number', 'Subject', 'Handled by']);
  });

  it('lays the list and the case out with the templates placed inside it, and follows edits', async function () {
    this.timeout(20_000);
    const listTemplate = template('list', (c) => c.append(node('h3', { class: 'editor-card', 'data-case-open': '' }, 'Card {{number}}: {{subject}}')));
    const detailsTemplate = template('details', (c) => c.append(node('p', { class: 'editor-details' }, 'Layout for {{subject}}')));
    const el = portal({}, listTemplate, detailsTemplate);
    await waitUntil(() => inList(el, '[part~="card"] .editor-card').length, 'the editor’s cards', { timeout: 8000 });
    expect(inList(el, 'table')).to.have.length(0);
    const first = inList(el, '[part~="card"]')[0]!;
    const c = await el.adapter!.getCase(first.dataset.id!);
    expect(first.querySelector('.editor-card')!.textContent).to.equal(`Card ${c.number}: ${c.subject}`);

    // The editor changes the list template (a CMS preview): the portal's list follows.
    listTemplate.content.querySelector('h3')!.textContent = 'Changed {{number}}';
    await waitUntil(() => inList(el, '.editor-card')[0]?.textContent === `Changed ${c.number}`, 'the edit shows', { timeout: 4000 });

    inList(el, '.editor-card')[0]!.click();
    const detail = () => deepQuery<HTMLElement>(el.shadowRoot!, 'case-detail');
    await waitUntil(() => detail()?.shadowRoot?.querySelector('.editor-details'), 'the editor’s case layout', { timeout: 8000 });
    expect(detail()!.shadowRoot!.querySelector('.editor-details')!.textContent).to.equal(`Layout for ${c.subject}`);
    await expect(el).to.be.accessible();
  });

  it('takes a template placed after it rendered its list: the rows become the editor’s cards', async function () {
    this.timeout(20_000);
    const el = portal({});
    await waitUntil(() => inList(el, 'tbody tr[part~="row"]').length, 'rows', { timeout: 8000 });
    el.append(template('list', (c) => c.append(node('h3', { class: 'editor-card' }, 'Late {{number}}'))));
    await waitUntil(() => inList(el, '[part~="card"] .editor-card').length, 'the editor’s cards', { timeout: 8000 });
    expect(inList(el, 'table')).to.have.length(0);
  });
});
