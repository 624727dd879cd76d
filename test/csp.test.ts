import { expect, waitUntil } from '@open-wc/testing';

/**
 * demo/csp.html sets a strict CSP with Trusted Types enforced and loads only the built bundle.
 * The portal must render, open a case, and cause no policy violation.
 */
describe('strict CSP and Trusted Types (demo/csp.html)', () => {
  it('renders and works with no policy violation', async function () {
    this.timeout(15_000);
    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '700px';
    const violations: string[] = [];
    frame.addEventListener('load', () => {
      frame.contentDocument!.addEventListener('securitypolicyviolation', (e) =>
        violations.push(`${e.violatedDirective}: ${e.blockedURI}`),
      );
    });
    // Listen before any script of the page runs: attach on the frame's window as soon as it exists.
    frame.src = '/demo/csp.html';
    document.body.append(frame);
    frame.contentWindow!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    try {
      const portal = () => frame.contentDocument?.querySelector('case-portal')?.shadowRoot;
      const list = () => portal()?.querySelector('case-list')?.shadowRoot;
      await waitUntil(() => (list()?.querySelectorAll('tbody tr').length ?? 0) > 0, 'no rows under CSP', { timeout: 8000 });
      // What loads after the rows: the search in the bar, and the filter panel with its own styles.
      await waitUntil(() => portal()?.querySelector('case-search')?.shadowRoot?.querySelector('input'), 'no search under CSP', { timeout: 8000 });
      list()!.querySelector<HTMLButtonElement>('[part~=filters-toggle]')!.click();
      await waitUntil(() => list()?.querySelector('[part~=filter-panel]'), 'no filter panel under CSP', { timeout: 8000 });
      expect(frame.contentWindow!.getComputedStyle(list()!.querySelector('[part~=filter-panel]')!).display).to.equal('grid');
      list()!.querySelector<HTMLButtonElement>('tbody tr [part~=open]')!.click();
      await waitUntil(() => portal()?.querySelector('case-detail')?.shadowRoot?.querySelector('#title'), 'no detail under CSP', {
        timeout: 8000,
      });
      // Styles applied (adopted stylesheets are allowed by style-src 'self'): the status pill has a background.
      const pill = portal()!.querySelector('case-detail')!.shadowRoot!.querySelector('[part=status]')!;
      expect(frame.contentWindow!.getComputedStyle(pill).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
      expect(violations).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
