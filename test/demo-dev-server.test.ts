import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface Seen {
  headings: string[];
  send: string | null;
  searchPlaceholder: string | null;
  text: string;
  errors: string[];
  scripts: string[];
}

/**
 * demo/bundle.html as `npm start` serves it (vite's dev server with vite.demo.config.ts): the built
 * single file must arrive byte for byte, one copy of the entry that every chunk imports. Through
 * vite's transforms the chunks imported the entry under a second URL, and the case view and the
 * search showed their message keys ("detail.deadlines", "search.placeholder") instead of text.
 */
describe('the demo dev server (npm start): the single-file page', () => {
  it('opens a case with every chunk’s text, from one copy of the entry', async function () {
    this.timeout(60_000);
    const seen = await executeServerCommand<Seen, undefined>('demo-dev-server-bundle');
    expect(seen.errors).to.deep.equal([]);
    expect(seen.scripts.filter((s) => s.endsWith('/case-portal.js')), 'requests for the entry').to.deep.equal(['/dist/case-portal.js']);
    expect(seen.headings).to.include.members(['Deadlines', 'Details']);
    expect(seen.send).to.equal('Send');
    expect(seen.searchPlaceholder).to.equal('Case number or subject');
    expect(seen.text).not.to.match(/\b(detail|thread|attach|search|common)\.[a-z][A-Za-z]+/);
  });
});
