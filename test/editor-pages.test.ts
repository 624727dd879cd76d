import { expect, waitUntil } from '@open-wc/testing';

/**
 * Issue 13's "done when": pages a CMS editor writes with only tags, a template and JSON
 * configuration, no script of their own (demo/editor.html, demo/editor-case.html, on the single file
 * built by `npm test`). In one iframe, as a visitor clicks through: the list's links lead to the case
 * page, which finds its case in the URL; a reply is sent; a new case is created and "Open case" leads
 * to its page.
 */
type Win = Window & typeof globalThis;

function frame(): { el: HTMLIFrameElement; win: () => Win; doc: () => Document; go: (src: string) => Promise<void> } {
  const el = document.createElement('iframe');
  el.style.width = '1000px';
  el.style.height = '800px';
  document.body.append(el);
  const go = (src: string) =>
    new Promise<void>((resolve) => {
      el.addEventListener('load', () => resolve(), { once: true });
      el.src = src;
    });
  return { el, win: () => el.contentWindow as Win, doc: () => el.contentDocument!, go };
}

const shadow = (host: Element | null | undefined, selector: string) => host?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;

/** Sets a form control's value as typing would. */
function type(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

describe('an editor’s pages: tags, a template and JSON configuration, no script', () => {
  it('lists, opens through a working link, replies, creates and opens the new case', async function () {
    this.timeout(60_000);
    const f = frame();
    try {
      await f.go('/demo/editor.html');
      const list = () => f.doc().querySelector('case-list');
      await waitUntil(() => list()?.shadowRoot?.querySelector('tbody tr[part~="row"] a[href]'), 'no linked rows', { timeout: 15_000 });
      // The JSON configuration's columns, and a real link to the case page the configuration names.
      const headers = [...list()!.shadowRoot!.querySelectorAll('thead th')].map((th) => th.getAttribute('part'));
      expect(headers).to.deep.equal(['header header-number', 'header header-subject', 'header header-status', 'header header-updatedAt']);
      const link = list()!.shadowRoot!.querySelector<HTMLAnchorElement>('tbody tr[part~="row"] a[href]')!;
      expect(link.href).to.match(/\/demo\/editor-case\.html\?case\.open=/);
      const subject = link.textContent!.trim();

      // Following the link (as the browser does for a click) shows that case on the case page.
      await f.go(link.href);
      const detail = () => f.doc().querySelector('case-detail');
      await waitUntil(() => shadow(detail(), '[part=layout] h2')?.textContent?.trim() === subject, 'the case page did not show the case', { timeout: 15_000 });
      expect(shadow(detail(), '[part~=action-complain]'), 'complaints switched off by the configuration').to.equal(null);

      // A reply, through the thread the editor's template placed.
      const thread = () => shadow(detail(), 'case-thread');
      await waitUntil(() => shadow(thread(), '[part~=composer-input]'), 'no composer', { timeout: 15_000 });
      const text = `Editor page reply ${Date.now()}`;
      type(shadow(thread(), '[part~=composer-input]') as HTMLTextAreaElement, text);
      shadow(thread(), '[part~=send-button]')!.click();
      await waitUntil(() => thread()!.shadowRoot!.textContent!.includes(text), 'the reply did not appear', { timeout: 15_000 });

      // A new case from the form on the list page; "Open case" leads to its page.
      await f.go('/demo/editor.html');
      const create = () => f.doc().querySelector('case-create');
      await waitUntil(() => shadow(create(), '#f-subject'), 'no form', { timeout: 15_000 });
      const newSubject = `Editor page case ${Date.now()}`;
      type(shadow(create(), '#f-subject') as HTMLInputElement, newSubject);
      type(shadow(create(), '#f-description') as HTMLTextAreaElement, 'Made on a page with no script of its own.');
      const product = shadow(create(), '#f-fields_product') as HTMLSelectElement;
      type(product, product.options[1]!.value);
      shadow(create(), '[part~=submit]')!.click();
      const open = await waitUntil(() => shadow(create(), '[part~=open-button]'), 'no confirmation', { timeout: 15_000 }).then(
        () => shadow(create(), '[part~=open-button]')!,
      );
      const loaded = new Promise((r) => f.el.addEventListener('load', r, { once: true }));
      open.click();
      await loaded;
      expect(f.win().location.href).to.match(/\/demo\/editor-case\.html\?case\.open=/);
      await waitUntil(() => shadow(detail(), '[part=layout] h2')?.textContent?.trim() === newSubject, 'the new case page did not show it', { timeout: 15_000 });
    } finally {
      f.el.remove();
    }
  });
});
