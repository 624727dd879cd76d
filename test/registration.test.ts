import { expect } from '@open-wc/testing';
import * as elements from '@case-portal/elements';

const TAGS = ['case-portal', 'case-list', 'case-detail', 'case-thread', 'case-create', 'case-search'];

/** Runs in its own page: nothing else here imports a define entry before these tests do. */
describe('registration', () => {
  it('importing the classes registers no tag', () => {
    expect(elements.CaseList).to.be.a('function');
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.equal(undefined);
  });

  it('a host can register a class under its own name', () => {
    customElements.define('acme-case-list', class extends elements.CaseList {});
    expect(document.createElement('acme-case-list')).to.be.instanceOf(elements.CaseList);
    expect(customElements.get('case-list')).to.equal(undefined);
  });

  it('define/all registers every tag, and a second copy does not throw', async () => {
    await import('@case-portal/elements/define/all.js');
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.be.a('function');
    expect(() => elements.defineElement('case-list', class extends elements.CaseList {})).not.to.throw();
  });
});
