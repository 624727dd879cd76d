/**
 * PortalTemplatesController alone, on a bare ReactiveElement host: a copy of each editor template
 * (the same node until the template changes), a fresh copy and a re-render when the template is
 * edited, none for the host's own attributes, and a template it cannot place reported once.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { CountingHost, defineHost, place, recordCaseErrors, removePlaced } from '../testing/index.js';
import { PortalTemplatesController } from './portal-templates.js';

afterEach(removePlaced);

class TemplatesHost extends CountingHost {
  readonly errors = recordCaseErrors(this);
  readonly templates = new PortalTemplatesController(this);
}
defineHost(TemplatesHost);

/** A `<template>` whose content is one `<tag>` holding `text`. */
function template(dataFor: string | null, tag: string, text: string): HTMLTemplateElement {
  const t = document.createElement('template');
  if (dataFor !== null) t.dataset.for = dataFor;
  const el = document.createElement(tag);
  el.textContent = text;
  t.content.append(el);
  return t;
}

/** What a template holds, as `tag:text` of its content's elements. */
const contentOf = (t: HTMLTemplateElement): string => [...t.content.children].map((e) => `${e.localName}:${e.textContent}`).join(' ');

async function hostWith(...children: HTMLTemplateElement[]): Promise<TemplatesHost> {
  const host = new TemplatesHost();
  host.append(...children);
  place(host);
  await host.updateComplete;
  return host;
}

/** MutationObserver callbacks run as microtasks; then the update they asked for. */
async function settled(host: TemplatesHost): Promise<void> {
  await new Promise((r) => setTimeout(r));
  await host.updateComplete;
}

describe('PortalTemplatesController (alone, on a bare ReactiveElement)', () => {
  it('gives a copy of each kind’s template, the same node until it changes; none for a kind without one', async () => {
    const host = await hostWith(template('list', 'article', '{{subject}}'));
    const copy = host.templates.copyFor('list')!;
    expect(copy).to.be.instanceOf(HTMLTemplateElement);
    expect(copy.parentNode, 'a copy, not the editor’s node').to.equal(null);
    expect(contentOf(copy)).to.equal('article:{{subject}}');
    expect(host.templates.copyFor('list')).to.equal(copy);
    expect(host.templates.copyFor('details')).to.equal(undefined);
    expect(host.errors).to.deep.equal([]);
  });

  it('makes a fresh copy and re-renders when the template’s content is edited or a template is added, not for the host’s attributes', async () => {
    const source = template('list', 'article', '{{subject}}');
    const host = await hostWith(source);
    const copy = host.templates.copyFor('list')!;
    const renders = host.updates;

    host.setAttribute('dir', 'rtl');
    await settled(host);
    expect(host.updates, 'the portal’s own attribute is no template edit').to.equal(renders);
    expect(host.templates.copyFor('list')).to.equal(copy);

    // An edit inside the content fragment, as a CMS preview makes it.
    (source.content.querySelector('article')!.firstChild as Text).data = '{{number}}';
    await waitUntil(() => host.updates > renders, 'the edit re-rendered the host');
    await host.updateComplete;
    const fresh = host.templates.copyFor('list')!;
    expect(fresh).to.not.equal(copy);
    expect(contentOf(fresh)).to.equal('article:{{number}}');

    host.append(template('details', 'section', '{{subject}}'));
    await settled(host);
    expect(contentOf(host.templates.copyFor('details')!)).to.equal('section:{{subject}}');
  });

  it('uses the first template of a kind and reports, once, a template without a known data-for', async () => {
    const host = await hostWith(template('list', 'p', 'first'), template('list', 'p', 'second'), template('cards', 'p', '?'), template(null, 'p', '?'));
    expect(contentOf(host.templates.copyFor('list')!)).to.equal('p:first');
    expect(host.templates.copyFor('details')).to.equal(undefined);
    expect(host.errors).to.have.length(1);
    expect(host.errors[0]!.operation).to.equal('template');
    expect(host.errors[0]!.message).to.contain('data-for="cards"').and.contain('found none');
  });
});
