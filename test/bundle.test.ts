import { expect, waitUntil } from '@open-wc/testing';

/**
 * The single-file bundle, as a site builder uses it: demo/bundle.html loads nothing but
 * dist/case-portal.js (built by `npm test` before the browser tests) and has one <case-portal>.
 */
describe('single-file bundle (demo/bundle.html)', () => {
  it('renders a working portal from one script tag', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '1000px';
    frame.style.height = '700px';
    frame.src = '/demo/bundle.html';
    document.body.append(frame);
    try {
      const list = () => frame.contentDocument?.querySelector('case-portal')?.shadowRoot?.querySelector('case-list');
      const rows = () => list()?.shadowRoot?.querySelectorAll('tbody tr') ?? [];
      await waitUntil(() => rows().length > 0, 'the bundled portal rendered no case rows', { timeout: 8000 });
      // The case view is a chunk of its own, preloaded in an idle moment once the list has painted.
      await waitUntil(() => frame.contentWindow!.customElements.get('case-detail'), 'the case view was not preloaded', { timeout: 8000 });
      expect(frame.contentWindow!.customElements.get('case-detail')).to.be.a('function');
      expect(rows()[0]!.textContent).to.match(/\d{5,}/);
    } finally {
      frame.remove();
    }
  });
});
