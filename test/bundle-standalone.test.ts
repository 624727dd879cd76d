import { expect, waitUntil } from '@open-wc/testing';
import { openFrame, type Frame } from './frames.js';

/**
 * The single file on a page without a portal: the tags an editor writes themselves
 * (test/pages/standalone-bundle.html: a `<case-detail case-id>`; a `<case-create>` added later,
 * as a CMS does) load their chunks because they are in the page, and say so when they can't.
 * test/servers/bundle-copies.mjs serves the repo again under /flaky/, where a chunk can be broken.
 */

let count = 0;
/** A folder of its own per test: nothing cached by an earlier test, breaks scoped to it. */
const freshFolder = () => `standalone-${Date.now()}-${++count}`;
const pageIn = (folder: string) => `/flaky/${folder}/test/pages/standalone-bundle.html`;
const title = (f: Frame) => f.doc.querySelector('case-detail')?.shadowRoot?.querySelector('#title');

describe('single file: tags the page writes itself', () => {
  it('a standalone case view loads and shows its case; a case form added later takes the editor’s form', async function () {
    this.timeout(20_000);
    // Straight from the repo, not /flaky/: another file's breaks (for every /flaky/ folder) can't reach it.
    const f = await openFrame('/test/pages/standalone-bundle.html');
    try {
      await waitUntil(() => title(f), 'the standalone case view did not render', { timeout: 10_000 });
      expect(title(f)!.textContent).to.not.equal('');
      const create = f.doc.createElement('case-create');
      const form = f.doc.createElement('form');
      for (const name of ['subject', 'description']) form.append(Object.assign(f.doc.createElement('input'), { name }));
      form.append(Object.assign(f.doc.createElement('button'), { textContent: 'Send' }));
      create.append(form);
      f.doc.body.append(create);
      await waitUntil(() => f.win.customElements.get('case-create') && form.noValidate, 'the added case form was not taken', {
        timeout: 10_000,
      });
    } finally {
      f.remove();
    }
  });

  it('a search and a list with an editor’s cards, added by the page, load their chunks and work', async function () {
    this.timeout(20_000);
    const f = await openFrame('/test/pages/standalone-bundle.html');
    try {
      const search = f.doc.createElement('case-search');
      const list = f.doc.createElement('case-list');
      const template = f.doc.createElement('template');
      const card = f.doc.createElement('p');
      card.className = 'editor-card';
      card.textContent = '{{number}}: {{subject}}';
      template.content.append(card);
      list.append(template);
      f.doc.body.append(search, list);
      // The search is its own chunk, found in the page (define/autoload.ts); the cards come with the templates engine.
      const input = () => search.shadowRoot?.querySelector<HTMLInputElement>('input[role=combobox]');
      await waitUntil(input, 'the added search did not load', { timeout: 10_000 });
      const cards = () => [...(list.shadowRoot?.querySelectorAll('[part~=card] .editor-card') ?? [])];
      await waitUntil(() => cards().length > 0, 'the list rendered no editor cards', { timeout: 10_000 });
      expect(cards()[0]!.textContent).to.match(/^\d{8}: \S/);
      input()!.value = cards()[0]!.textContent!.slice(0, 8);
      input()!.dispatchEvent(new f.win.Event('input', { bubbles: true }));
      await waitUntil(() => search.shadowRoot!.querySelector('[part~=option]'), 'the search found nothing', { timeout: 10_000 });
    } finally {
      f.remove();
    }
  });

  it('a standalone case view whose chunk does not load fires case-error on the element', async function () {
    this.timeout(20_000);
    const folder = freshFolder();
    await fetch(`/__split/break?chunk=case-view&token=${folder}`);
    const f = await openFrame(pageIn(folder));
    try {
      const errors: { operation: string; message: string }[] = [];
      f.doc.addEventListener('case-error', (e) => errors.push((e as CustomEvent).detail));
      // The page's own case view may have failed before this listener: a second one, added now as a
      // CMS would, is tried again (or waits for the first attempt) and is told either way.
      f.doc.body.append(Object.assign(f.doc.createElement('case-detail'), { id: 'added' }));
      await waitUntil(() => errors.length > 0, 'no case-error for the chunk that did not load', { timeout: 10_000 });
      expect(errors[0]!.operation).to.equal('load:case-detail');
      expect(errors[0]!.message).to.contain('can’t be reached');
      expect(f.win.customElements.get('case-detail')).to.equal(undefined);
    } finally {
      await fetch(`/__split/mend?token=${folder}`);
      f.remove();
    }
  });
});
