/**
 * DetailTemplateController alone on a bare ReactiveElement host with an editor's `<template>`
 * child: no <case-detail>. It compiles the template once, fills it with the case, keeps the
 * instance while the case stays, renders sections into the editor's containers and hands a
 * `<case-thread>` its properties; an edit of the template compiles it again.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { html, nothing } from 'lit';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseRecord } from '@case-portal/core';
import type { CaseErrorEvent } from '../events.js';
import { createI18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { CountingHost, defineHost, place, removePlaced } from '../testing/index.js';
import { DetailTemplateController } from './detail-template.js';

const i18n = createI18n('en-US');

class LayoutHost extends CountingHost {
  readonly layout = new DetailTemplateController(this);
}
defineHost(LayoutHost);

afterEach(removePlaced);

/** A `<template>` with the given body, built from nodes (no markup strings reach innerHTML). */
function template(build: (content: DocumentFragment) => void, id?: string): HTMLTemplateElement {
  const t = document.createElement('template');
  if (id) t.id = id;
  build(t.content);
  return t;
}
const el = (tag: string, attrs: Record<string, string> = {}, text = ''): HTMLElement => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.textContent = text;
  return e;
};
const textOf = (nodes: readonly Node[] | undefined) => (nodes ?? []).map((n) => n.textContent).join('');

async function fixture(source?: HTMLTemplateElement): Promise<{ host: LayoutHost; setup: PortalSetup; c: CaseRecord; other: CaseRecord }> {
  const adapter = new MemoryAdapter({ storage: null });
  const setup: PortalSetup = { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
  const c = await adapter.createCase({ subject: 'Printer on fire', description: 'x', fields: { product: 'router-x200' } });
  const other = await adapter.createCase({ subject: 'Other case', description: 'y', fields: { product: 'router-x200' } });
  const host = new LayoutHost();
  if (source) host.append(source);
  place(host);
  await host.updateComplete;
  return { host, setup, c, other };
}

const layout = () =>
  template((content) => {
    const h = el('h2');
    h.append('Case: {{subject}}');
    content.append(h, el('div', { 'data-case-part': 'files' }), el('div', { 'data-case-part': 'deadlines' }), el('case-thread'));
  });

describe('DetailTemplateController', () => {
  it('has no nodes without a template: the element shows its built-in layout', async () => {
    const { host, setup, c } = await fixture();
    expect(host.layout.nodes(setup, undefined, i18n, c)).to.equal(undefined);
    expect(host.layout.active).to.equal(false);
  });

  it('fills the template with the case, keeps its nodes while the case stays, and updates them in place', async () => {
    const { host, setup, c, other } = await fixture(layout());
    const nodes = host.layout.nodes(setup, undefined, i18n, c);
    expect(textOf(nodes)).to.contain('Case: Printer on fire');
    expect(host.layout.active).to.equal(true);
    expect(host.layout.nodes(setup, undefined, i18n, c)).to.equal(nodes);
    const renamed = { ...c, subject: 'Printer still on fire' };
    expect(host.layout.nodes(setup, undefined, i18n, renamed)).to.equal(nodes);
    expect(textOf(nodes)).to.contain('Case: Printer still on fire');
    const next = host.layout.nodes(setup, undefined, i18n, other);
    expect(next).to.not.equal(nodes);
    expect(textOf(next)).to.contain('Case: Other case');
    host.layout.clear();
    expect(host.layout.active).to.equal(false);
  });

  it('uses the template template="id" names in the page', async () => {
    const named = template((content) => content.append(el('p', {}, 'Named: {{subject}}')), 'named-layout');
    document.body.append(named);
    try {
      const { host, setup, c } = await fixture();
      expect(textOf(host.layout.nodes(setup, 'named-layout', i18n, c))).to.contain('Named: Printer on fire');
    } finally {
      named.remove();
    }
  });

  it('renders each section into its container, hides an empty one, and hands <case-thread> its properties', async () => {
    const { host, setup, c } = await fixture(layout());
    const nodes = host.layout.nodes(setup, undefined, i18n, c)!;
    host.layout.fill({ files: html`<p class="files-section">Files</p>`, deadlines: nothing }, { caseId: c.id, offerComplaint: false });
    const files = host.layout.find('[data-case-part=files]')[0] as HTMLElement;
    const deadlines = host.layout.find('[data-case-part=deadlines]')[0] as HTMLElement;
    expect(files.querySelector('.files-section')?.textContent).to.equal('Files');
    expect(files.hidden).to.equal(false);
    expect(deadlines.hidden).to.equal(true);
    const thread = host.layout.find('case-thread')[0] as HTMLElement & { caseId?: string; offerComplaint?: boolean };
    expect(thread).to.equal(nodes.find((n) => n instanceof Element && n.localName === 'case-thread'));
    expect(thread).to.include({ caseId: c.id, offerComplaint: false });
  });

  it('compiles again when the editor changes the template after it rendered', async () => {
    const source = layout();
    const { host, setup, c } = await fixture(source);
    const first = host.layout.nodes(setup, undefined, i18n, c);
    const before = host.updates;
    source.content.append(el('p', {}, 'Added: {{number}}'));
    source.setAttribute('data-edited', '');
    await waitUntil(() => host.updates > before, 'the edit asks for a render');
    const again = host.layout.nodes(setup, undefined, i18n, c);
    expect(again).to.not.equal(first);
    expect(textOf(again)).to.contain(`Added: ${c.number}`);
  });

  it('reports an unknown placeholder once, as an editor problem', async () => {
    const errors: CaseErrorEvent[] = [];
    const warn = console.warn;
    console.warn = () => {};
    try {
      const source = template((content) => content.append(el('p', {}, '{{nonsense}}')));
      const { host, setup, c, other } = await fixture(source);
      host.addEventListener('case-error', (e) => errors.push(e));
      host.layout.nodes(setup, undefined, i18n, c);
      host.layout.nodes(setup, undefined, i18n, other);
      expect(errors.map((e) => e.detail.operation)).to.deep.equal(['template']);
      expect(errors[0]!.detail.message).to.contain('nonsense');
    } finally {
      console.warn = warn;
    }
  });
});
