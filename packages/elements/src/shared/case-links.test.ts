/**
 * One rule for every element that links to a case (issue 13, defect 1): inside a `<case-portal>`
 * the portal opens the case; outside, the element follows `case-url` (its own attribute, else the
 * page's `<meta name="case-portal:case-url">`), through safeUrl; `case-select` stays cancelable.
 * Asserted as the user meets it: the list's rows and cards are real links to the case's page (a
 * click is left to the browser), and "Open case" after creating goes to the case's page.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseRecord } from '@case-portal/core';
import '../define/case-list.js';
import '../define/case-create.js';
import type { CaseList } from '../case-list/case-list.js';
import type { CaseCreate } from '../case-create/case-create.js';
import { listSettled, typeInto, choose } from '../testing/index.js';
import { navigatorHost } from '../../../../test/dom.js';
import { DRAFT_PREFIX } from './drafts.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const memory = () => new MemoryAdapter({ storage: null, now: () => NOW });
const placed: Element[] = [];

/** Clicks that reach the window: where a link would have taken the page (the test keeps the page here). */
const followed: { href: string; prevented: boolean }[] = [];
function recordFollow(e: MouseEvent): void {
  const anchor = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement && n.hasAttribute('href'));
  if (!anchor) return;
  followed.push({ href: anchor.getAttribute('href')!, prevented: e.defaultPrevented });
  e.preventDefault();
}

function setPageCaseUrl(pattern: string): void {
  const meta = document.createElement('meta');
  meta.name = 'case-portal:case-url';
  meta.content = pattern;
  document.head.append(meta);
  placed.push(meta);
}

/** A `<template>` whose content is one `tag` holding `{{subject}}`, built with DOM calls as a CMS page's parser would. */
const cardOf = (tag: string, attrs: Record<string, string> = {}) => (t: HTMLTemplateElement) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.textContent = '{{subject}}';
  t.content.append(node);
};

async function list(
  attrs: Record<string, string> = {},
  parent: Element = document.body,
  template?: (t: HTMLTemplateElement) => void,
): Promise<CaseList> {
  const el = document.createElement('case-list') as CaseList;
  el.adapter = memory();
  el.now = () => NOW;
  el.setAttribute('locale', 'en-US');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (template) {
    const t = document.createElement('template');
    template(t);
    el.append(t);
  }
  parent.append(el);
  placed.push(el);
  await listSettled(el);
  return el;
}

const firstOpen = (el: CaseList) => el.shadowRoot!.querySelector<HTMLElement>('[part~="row"] [part~="open"], [part~="card"] [part~="open"]')!;
const firstRecord = async (el: CaseList): Promise<CaseRecord> => {
  const id = el.shadowRoot!.querySelector<HTMLElement>('[data-id]')!.dataset.id!;
  return el.adapter!.getCase(id);
};

describe('links to a case outside a portal', () => {
  beforeEach(() => window.addEventListener('click', recordFollow));
  afterEach(() => {
    window.removeEventListener('click', recordFollow);
    followed.length = 0;
    for (const el of placed.splice(0)) el.remove();
    for (const key of Object.keys(localStorage)) if (key.startsWith(`${DRAFT_PREFIX}create:links`)) localStorage.removeItem(key);
  });

  it("a list row is a link to case-url with {id} and {number}, and a click follows it", async function () {
    this.timeout(20_000); // the first test of the file also loads axe
    const el = await list({ 'case-url': '/support/case?id={id}&n={number}' });
    const c = await firstRecord(el);
    const open = firstOpen(el);
    const expected = `/support/case?id=${encodeURIComponent(c.id)}&n=${encodeURIComponent(c.number)}`;
    expect(open.tagName).to.equal('A');
    expect(open.getAttribute('href')).to.equal(expected);
    const selected: string[] = [];
    el.addEventListener('case-select', (e) => selected.push(e.detail.caseId));
    open.click();
    expect(selected).to.deep.equal([c.id]);
    expect(followed).to.deep.equal([{ href: expected, prevented: false }]);
    await expect(el).to.be.accessible();
  });

  it('the page-level <meta name="case-portal:case-url"> serves every element without its own', async () => {
    setPageCaseUrl('/cases/{number}');
    const el = await list();
    const c = await firstRecord(el);
    expect(firstOpen(el).getAttribute('href')).to.equal(`/cases/${encodeURIComponent(c.number)}`);
    // The element's own attribute wins over the page's.
    el.setAttribute('case-url', '/mine/{id}');
    await el.updateComplete;
    expect(firstOpen(el).getAttribute('href')).to.equal(`/mine/${encodeURIComponent(c.id)}`);
  });

  it('an element\'s JSON configuration can set case-url too', async () => {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify({ 'case-url': '/from-config/{number}' });
    const el = document.createElement('case-list') as CaseList;
    el.adapter = memory();
    el.append(script);
    document.body.append(el);
    placed.push(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="row"] a[part~="open"]'), 'a link from the configuration');
    const c = await firstRecord(el);
    expect(firstOpen(el).getAttribute('href')).to.equal(`/from-config/${encodeURIComponent(c.number)}`);
  });

  it('a host that prevents case-select keeps the page where it is', async () => {
    const el = await list({ 'case-url': '/support/case?id={id}' });
    el.addEventListener('case-select', (e) => e.preventDefault());
    firstOpen(el).click();
    expect(followed).to.have.length(1);
    expect(followed[0]!.prevented).to.equal(true);
  });

  it('a pattern safeUrl refuses makes no link', async () => {
    const el = await list({ 'case-url': 'javascript:alert({id})' });
    expect(el.shadowRoot!.querySelector('a[part~="open"]')).to.equal(null);
    firstOpen(el).click();
    expect(followed).to.deep.equal([]);
  });

  it('inside a portal the portal opens the case, whatever case-url says', async () => {
    const nav = navigatorHost();
    placed.push(nav.host);
    setPageCaseUrl('/cases/{id}');
    const el = await list({ 'case-url': '/support/{id}' }, nav.host);
    const c = await firstRecord(el);
    expect(el.shadowRoot!.querySelector('a[part~="open"]')).to.equal(null);
    firstOpen(el).click();
    expect(nav.opened).to.deep.equal([c.id]);
    expect(followed).to.deep.equal([]);
  });

  it("a list template's cards: the built-in Open is a link, and a data-case-open without href goes to case-url", async () => {
    setPageCaseUrl('/cases/{id}');
    const plain = await list({}, document.body, cardOf('h3'));
    const c = await firstRecord(plain);
    const open = firstOpen(plain);
    expect(open.tagName).to.equal('A');
    expect(open.getAttribute('href')).to.equal(`/cases/${encodeURIComponent(c.id)}`);
    open.click();
    expect(followed).to.deep.equal([{ href: `/cases/${encodeURIComponent(c.id)}`, prevented: false }]);

    const editor = await list({}, document.body, cardOf('h3', { 'data-case-open': '' }));
    const went: string[] = [];
    editor.navigate = (url) => went.push(url);
    const first = await firstRecord(editor);
    editor.shadowRoot!.querySelector<HTMLElement>('[part~="card"] [data-case-open]')!.click();
    expect(went).to.deep.equal([`/cases/${encodeURIComponent(first.id)}`]);
  });

  it('"Open case" after <case-create> goes to case-url; prevented, it stays', async () => {
    setPageCaseUrl('/support/case?id={id}');
    const el = document.createElement('case-create') as CaseCreate;
    el.adapter = memory();
    el.setAttribute('draft-id', 'links');
    placed.push(el);
    document.body.append(el);
    await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form loads');
    const $ = <T extends HTMLElement>(s: string) => el.shadowRoot!.querySelector<T>(s)!;
    typeInto($<HTMLInputElement>('#f-subject'), 'Router keeps rebooting');
    typeInto($<HTMLTextAreaElement>('#f-description'), 'Every hour.');
    choose($<HTMLSelectElement>('#f-fields_product'), 'router-x200');
    const created = new Promise<CaseRecord>((resolve) => el.addEventListener('case-created', (e) => resolve(e.detail.case)));
    $('[part~="submit"]').click();
    const record = await created;
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="open-button"]'), 'confirmation');
    const went: string[] = [];
    el.navigate = (url) => went.push(url);
    const stop = (e: Event) => e.preventDefault();
    el.addEventListener('case-select', stop);
    $('[part~="open-button"]').click();
    expect(went).to.deep.equal([]);
    el.removeEventListener('case-select', stop);
    $('[part~="open-button"]').click();
    expect(went).to.deep.equal([`/support/case?id=${encodeURIComponent(record.id)}`]);
  });
});
