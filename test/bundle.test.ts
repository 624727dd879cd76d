import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

/**
 * The single-file bundle, as a site builder uses it: demo/bundle.html loads nothing but
 * dist/case-portal.js (built by `npm test` before the browser tests) and has one <case-portal>.
 */
describe('single-file bundle (demo/bundle.html)', () => {
  it('renders a working portal from one script tag', async function () {
    this.timeout(15_000);
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
      await waitUntil(() => frame.contentWindow!.customElements.get('case-detail'), 'the case view was not preloaded', { timeout: 12_000 });
      expect(frame.contentWindow!.customElements.get('case-detail')).to.be.a('function');
      expect(rows()[0]!.textContent).to.match(/\d{5,}/);
    } finally {
      frame.remove();
    }
  });

  it('a visit with the network cut still shows the cases kept in this browser (chunks from the cache)', async function () {
    this.timeout(40_000);
    // Runs in a browser context of its own (test/servers/offline-revisit.mjs says what it does).
    const r = await executeServerCommand<{ subject: string; offlineFetch: string; rows: string[]; title: string; errors: string[] }, undefined>('offline-revisit');
    expect(r.offlineFetch, 'the network was not cut').to.equal('failed');
    expect(r.rows.some((row) => row.includes(r.subject))).to.equal(true);
    expect(r.title).to.contain(r.subject);
    expect(r.errors).to.deep.equal([]);
  });
});
